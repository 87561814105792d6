//! The JSON API under `/api`: the pages' use cases for programs, with bearer tokens from
//! `POST /api/login`, errors as `{code, message, fields}`, described at `/api/openapi.json`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post, put};
use jixiao_core::Document;
use jixiao_core::workflow::{Action, Role};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::AppState;
use crate::access;
use crate::auth::{self, ClientAddr, CurrentUser, Viewer};
use crate::error::{AppError, AppResult};
use crate::save::{SaveKind, review_and_save};

mod progress;

use progress::{monitoring, overview, put_actuals, put_monitoring, scores};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/login", post(login))
        .route("/api/openapi.json", get(openapi))
        .route("/api/tables", get(list).post(create))
        .route("/api/tables/{id}", get(show).put(update))
        .route("/api/tables/{id}/history", get(history))
        .route("/api/tables/{id}/compare", get(compare))
        .route("/api/tables/{id}/findings", get(findings))
        .route("/api/tables/{id}/monitoring", get(monitoring).put(put_monitoring))
        .route("/api/tables/{id}/scores", get(scores))
        .route("/api/tables/{id}/actuals", put(put_actuals))
        .route("/api/overview", get(overview))
        .route("/api/tables/{id}/{action}", post(act))
}

fn user(viewer: Viewer) -> AppResult<CurrentUser> {
    viewer.0.ok_or_else(|| AppError::unauthorized().json())
}

#[derive(Deserialize)]
struct Login {
    username: String,
    password: String,
}

async fn login(State(state): State<AppState>, ClientAddr(addr): ClientAddr, body: Bytes) -> AppResult<Json<Value>> {
    let l: Login = serde_json::from_slice(&body)
        .map_err(|e| AppError::bad_request(format!("请求体应为 {{\"username\",\"password\"}}: {e}")).json())?;
    let limiter = &state.inner.limiter;
    if limiter.blocked(&l.username, &addr) {
        return Err(
            AppError::new(StatusCode::TOO_MANY_REQUESTS, "rate_limited", "登录失败次数过多, 请 15 分钟后再试").json()
        );
    }
    let Some(u) = auth::check_password(&state, &l.username, &l.password).await else {
        limiter.failed(&l.username, &addr);
        return Err(AppError::new(StatusCode::UNAUTHORIZED, "unauthorized", "用户名或密码不正确").json());
    };
    limiter.succeeded(&l.username);
    let token = auth::start_session(&state, &u).await.map_err(|e| AppError::from(e).json())?;
    Ok(Json(json!({ "token": token, "expires_in": auth::SESSION_SECONDS })))
}

/// `GET /api/tables`'s parameters as sent: each is read below, so that a bad one is refused
/// with its name rather than as an unreadable query.
#[derive(Deserialize, Default)]
struct ListQuery {
    year: Option<String>,
    department: Option<String>,
    kind: Option<String>,
    status: Option<String>,
    grade: Option<String>,
    q: Option<String>,
    sort: Option<String>,
    desc: Option<String>,
    page: Option<String>,
    per_page: Option<String>,
}

/// The table kinds a list can filter by.
const KINDS: [&str; 2] = ["project", "department"];

/// The grades a review gives.
const GRADES: [&str; 4] = ["优", "良", "中", "差"];

/// An integer parameter; absent or empty is `None`.
fn integer<T: std::str::FromStr>(name: &str, value: Option<&str>) -> AppResult<Option<T>> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v.parse().map(Some).map_err(|_| field_error(name, format!("{name}“{v}”应为整数"))),
    }
}

/// A parameter that must be one of `allowed`; absent or empty is `None`.
fn one_of(name: &str, value: Option<String>, allowed: &[&str]) -> AppResult<Option<String>> {
    match value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if allowed.contains(&v.as_str()) => Ok(Some(v)),
        Some(v) => Err(field_error(name, format!("{name}“{v}”应为 {} 之一", allowed.join(", ")))),
    }
}

async fn list(State(state): State<AppState>, viewer: Viewer, Query(q): Query<ListQuery>) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let descending = match q.desc.as_deref().map(str::trim) {
        None | Some("") => true,
        Some("true" | "1") => true,
        Some("false" | "0") => false,
        Some(d) => return Err(field_error("desc", format!("desc“{d}”应为 true, false, 1 或 0"))),
    };
    let mut filter = jixiao_store::Filter {
        year: integer("year", q.year.as_deref())?,
        department: q.department,
        kind: one_of("kind", q.kind, &KINDS)?,
        status: match q.status.as_deref() {
            Some(s) => {
                Some(s.parse().map_err(|e: jixiao_core::workflow::UnknownCode| field_error("status", e.to_string()))?)
            }
            None => None,
        },
        grade: one_of("grade", q.grade, &GRADES)?,
        search: q.q,
        sort: match q.sort.as_deref() {
            Some(s) => jixiao_store::Sort::parse(s).ok_or_else(|| field_error("sort", format!("未知的排序: {s}")))?,
            None => jixiao_store::Sort::default(),
        },
        descending,
        page: integer("page", q.page.as_deref())?.unwrap_or(1),
        per_page: integer("per_page", q.per_page.as_deref())?.unwrap_or(50),
        ..jixiao_store::Filter::default()
    };
    access::scope(&u, &mut filter);
    let page = state.store().list(&filter).await.map_err(|e| AppError::from(e).json())?;
    Ok(Json(serde_json::to_value(page).unwrap_or(Value::Null)))
}

fn field_error(field: &str, message: String) -> AppError {
    let mut e = AppError::bad_request(message.clone()).json();
    e.fields.push((field.to_owned(), message));
    e
}

async fn load(state: &AppState, u: &CurrentUser, id: i64) -> AppResult<jixiao_store::StoredTable> {
    let t = state.store().get(id).await.map_err(|e| AppError::from(e).json())?;
    access::visible(u, t).map_err(AppError::json)
}

async fn show(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    Ok(Json(
        json!({ "id": id, "version": t.version, "status": t.summary.status, "summary": t.summary, "document": t.document, "elements": t.elements }),
    ))
}

async fn create(State(state): State<AppState>, viewer: Viewer, body: Bytes) -> AppResult<Response> {
    let u = user(viewer)?;
    if u.user.role != Role::Officer {
        return Err(AppError::forbidden().json());
    }
    let (tables, notes) = crate::pages::read_upload(&state.inner.reviewer, "upload", body.to_vec())
        .map_err(|e| AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "unreadable", e.to_string()).json())?;
    if tables.iter().any(|t| u.user.department.as_deref().is_none_or(|d| d.trim() != t.document.department.trim())) {
        return Err(AppError::new(StatusCode::FORBIDDEN, "forbidden", "文件中有不属于本部门的表").json());
    }
    let outcomes =
        state.store().import(&u.user.username, &tables, false).await.map_err(|e| AppError::from(e).json())?;
    let results: Vec<Value> = tables
        .iter()
        .zip(&outcomes)
        .map(|(t, o)| json!({ "outcome": o.code(), "id": o.id(), "label": t.document.label(), "report": t.report }))
        .collect();
    Ok((StatusCode::CREATED, Json(json!({ "tables": results, "notes": notes }))).into_response())
}

#[derive(Deserialize)]
struct Put {
    version: i64,
    document: Document,
}

async fn update(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    body: Bytes,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    if !access::may_edit(&u, &t.summary) {
        return Err(AppError::forbidden().json());
    }
    let put: Put = serde_json::from_slice(&body).map_err(|e| {
        let mut err = AppError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid",
            format!("请求体应为 {{\"version\", \"document\"}}: {e}"),
        )
        .json();
        err.fields.push(("document".into(), e.to_string()));
        err
    })?;
    let (version, report) =
        review_and_save(&state, id, put.version, &put.document, &u.user.username, SaveKind::Edit, None)
            .await
            .map_err(|e| AppError::from(e).json())?;
    Ok(Json(json!({ "id": id, "version": version, "report": report })))
}

#[derive(Deserialize, Default)]
struct Reason {
    reason: Option<String>,
}

async fn act(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, action)): Path<(i64, String)>,
    body: Bytes,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    // The table is asked for first, so that an unknown action on a table one may not see is
    // still "no such table"; on one that exists, the action is what is unknown.
    let t = load(&state, &u, id).await?;
    let action: Action = action
        .parse()
        .map_err(|_| AppError::new(StatusCode::NOT_FOUND, "not_found", format!("没有“{action}”这种操作")).json())?;
    if !access::may_act(&u, &t.summary, action) {
        return Err(AppError::forbidden().json());
    }
    let reason: Reason = if body.is_empty() {
        Reason::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| field_error("reason", format!("请求体应为 {{\"reason\"}}: {e}")))?
    };
    let s = state
        .store()
        .act(id, action, &u.user.username, reason.reason.as_deref())
        .await
        .map_err(|e| AppError::from(e).json())?;
    Ok(Json(serde_json::to_value(s).unwrap_or(Value::Null)))
}

async fn history(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    load(&state, &u, id).await?;
    let h = state.store().history(id).await.map_err(|e| AppError::from(e).json())?;
    Ok(Json(serde_json::to_value(h).unwrap_or(Value::Null)))
}

/// The table set against the same table of the nearest earlier year in the store; `earlier`
/// and `comparison` are null when the store holds none.
async fn compare(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    let earlier = crate::earlier::earlier(&state, &u, &t).await.map_err(AppError::json)?;
    Ok(Json(match earlier {
        None => json!({ "earlier": null, "actuals": null, "comparison": null }),
        Some(found) => {
            let (e, actuals) = (&found.table, found.actuals.as_ref());
            json!({
                "earlier": { "id": e.summary.id, "year": e.document.year, "version": e.version, "stage": e.summary.stage },
                "actuals": actuals.map(|a| json!({ "id": a.summary.id, "year": a.document.year, "version": a.version })),
                "comparison": jixiao_core::compare::compare_with_actuals(&e.document, &t.document, actuals.map(|a| &a.document)),
            })
        }
    }))
}

async fn findings(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    Ok(Json(serde_json::to_value(t.report).unwrap_or(Value::Null)))
}

async fn openapi() -> Json<Value> {
    Json(spec())
}

/// The sorts a list takes (each one [`jixiao_store::Sort::parse`] reads).
const SORTS: [&str; 6] = ["updated", "year", "department", "project", "grade", "errors"];

/// The answers an operation gives: its success, and each error status with what it means there.
fn responses(ok: (&str, &str), errors: &[(&str, &str)]) -> Value {
    let error = json!({ "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    let mut r = serde_json::Map::new();
    r.insert(ok.0.into(), json!({ "description": ok.1 }));
    for (status, why) in errors {
        let mut e = error.clone();
        e["description"] = (*why).into();
        r.insert((*status).into(), e);
    }
    Value::Object(r)
}

/// An operation of a signed-in user: bearer token or session cookie. One that changes something
/// (`changes`) is refused (403, code `csrf`) on the cookie without the `X-CSRF-Token` header.
fn op(summary: &str, changes: bool, ok: (&str, &str), errors: &[(&str, &str)]) -> Value {
    let forbidden = if changes {
        "无权限; 或用会话 Cookie 调用而未在 X-CSRF-Token 头中给出本会话的 CSRF 令牌 (code 为 csrf)"
    } else {
        "无权限"
    };
    let mut all = vec![("401", "未登录或令牌无效"), ("403", forbidden)];
    all.extend_from_slice(errors);
    json!({ "summary": summary, "security": [{ "bearer": [] }, { "cookie": [] }], "responses": responses(ok, &all) })
}

/// A JSON request body of `schema`.
fn body(schema: Value) -> Value {
    json!({ "required": true, "content": { "application/json": { "schema": schema } } })
}

/// The OpenAPI description of the API, as the handlers above answer.
fn spec() -> Value {
    let id = json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }]);
    let not_found = ("404", "没有这张表, 或无权查看");
    let conflict = ("409", "版本冲突: 所依据的版本已不是当前版本");
    let mut paths = serde_json::Map::new();

    let login = json!({ "summary": "登录, 取得 Bearer 令牌 (调用时不需要 CSRF 令牌)",
        "requestBody": body(json!({ "type": "object", "required": ["username", "password"], "properties": {
            "username": { "type": "string" }, "password": { "type": "string" } } })),
        "responses": responses(("200", "令牌及其有效秒数"), &[("400", "请求体不是 {username, password}"),
            ("401", "用户名或密码不正确"), ("429", "失败次数过多 (每个账户、每个地址 15 分钟内 5 次)")]) });
    let mut login = login;
    login["responses"]["200"]["content"] = json!({ "application/json": { "schema": { "type": "object",
        "required": ["token", "expires_in"], "properties": { "token": { "type": "string" },
        "expires_in": { "type": "integer", "description": "令牌有效的秒数" } } } } });
    paths.insert("/api/login".into(), json!({ "post": login }));

    let mut list = op(
        &format!(
            "列出表 (筛选、查找、排序、分页): {{items, total, total_exact, page, per_page}}; 查找匹配很多表时只数到 {} 张, \
             total_exact 为 false, 表示多于 total 张",
            jixiao_store::SEARCH_COUNTED
        ),
        false,
        ("200", "一页表"),
        &[("400", "参数无法读取或不可能匹配; fields 指出是哪一个参数")],
    );
    let statuses: Vec<&str> = jixiao_core::workflow::Status::ALL.iter().map(|s| s.code()).collect();
    list["parameters"] = json!([
        { "name": "year", "in": "query", "schema": { "type": "integer" } },
        { "name": "department", "in": "query", "schema": { "type": "string" } },
        { "name": "kind", "in": "query", "schema": { "type": "string", "enum": KINDS } },
        { "name": "status", "in": "query", "schema": { "type": "string", "enum": statuses } },
        { "name": "grade", "in": "query", "schema": { "type": "string", "enum": GRADES } },
        { "name": "q", "in": "query", "description": "在项目名称和指标中查找", "schema": { "type": "string" } },
        { "name": "sort", "in": "query", "schema": { "type": "string", "enum": SORTS, "default": "updated" } },
        { "name": "desc", "in": "query", "description": "降序 (默认); 也接受 1 和 0", "schema": { "type": "boolean", "default": true } },
        { "name": "page", "in": "query", "schema": { "type": "integer", "minimum": 1, "default": 1 } },
        { "name": "per_page", "in": "query", "description": "超出 1–500 时按 1 或 500", "schema": { "type": "integer", "minimum": 1, "maximum": 500, "default": 50 } },
    ]);
    let mut create = op(
        "上传一个文件 (格式由内容判断), 读取、审核并保存其中的表 (仅填报人员, 仅本部门的表)",
        true,
        ("201", "每张表的结果 (created, updated, unchanged) 与审核意见"),
        &[("413", "文件太大"), ("422", "无法读取; 或文件中的表已报送或审核通过 (审核期间不能修改)")],
    );
    create["requestBody"] = json!({ "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } });
    paths.insert("/api/tables".into(), json!({ "get": list, "post": create }));

    let mut get_one = op(
        "一张表的当前版本 (交换格式), 及其目标、任务和指标的编号 (elements: 跨版本不变)",
        false,
        ("200", "表"),
        &[not_found],
    );
    get_one["parameters"] = id.clone();
    let mut put = op(
        "保存修改; version 为所依据的版本",
        true,
        ("200", "新版本及其审核意见"),
        &[
            not_found,
            conflict,
            ("422", "请求体不是 {version, document}; 或改动了所属部门; 或表已报送或审核通过 (锁定)"),
        ],
    );
    put["parameters"] = id.clone();
    put["requestBody"] = body(json!({ "type": "object", "required": ["version", "document"], "properties": {
        "version": { "type": "integer" }, "document": { "type": "object", "description": "交换格式的表" } } }));
    paths.insert("/api/tables/{id}".into(), json!({ "get": get_one, "put": put }));
    for (path, summary) in [
        ("history", "历史"),
        ("findings", "审核意见"),
        (
            "compare",
            "与往年对比: 同一部门、同一项目最近的较早年度的表 (earlier), 及逐个指标的对比 (comparison: change 为 same/raised/lowered/reworded/added/dropped, ambition 为 more/less); 库中没有时二者为 null",
        ),
    ] {
        let mut o = op(summary, false, ("200", summary), &[not_found]);
        o["parameters"] = id.clone();
        paths.insert(format!("/api/tables/{{id}}/{path}"), json!({ "get": o }));
    }

    let entry_invalid = (
        "422",
        "请求体无法读取; indicators 与表中指标不一一对应; 或数值不合要求 (负数、得分大于分值、总分大于 100、等级不是优/良/中/差、月份不在 1–12); 或改动了此处不填报的字段; fields 逐项指出",
    );
    let mut get_monitoring = op(
        "一张表的监控灯: 整表、预算执行和每个指标的灯及判断依据 (内置评分方案)",
        false,
        ("200", "监控灯"),
        &[not_found],
    );
    get_monitoring["parameters"] = id.clone();
    let mut put_monitoring = op(
        "填报监控数据 (本部门审核通过或已公开的目标表; 状态与目标不变); version 为所依据的版本",
        true,
        ("200", "新版本及其监控灯"),
        &[not_found, conflict, entry_invalid],
    );
    put_monitoring["parameters"] = id.clone();
    put_monitoring["requestBody"] = body(json!({
        "type": "object", "required": ["version", "indicators"], "properties": {
            "version": { "type": "integer" },
            "monitoring": { "type": "object", "description": format!(
                "预算执行 (交换格式的 monitoring). 本接口填报 {}: 以请求中的值替换, 缺省或 null 即留空。\
                 其余字段保留表中原值: 其中各行 (budget_parts), 以及未填 1–N月执行数时表中公布的执行率 (execution_rate); \
                 请求可原样带回这些字段, 改动则 422 (请用 PUT /api/tables/{{id}} 编辑整张表)",
                progress::MONITORING_OWNED.join(", ")),
                "properties": {
                    "month": { "type": "integer", "minimum": 1, "maximum": 12 },
                    "budget_initial": { "type": "number", "minimum": 0 }, "budget_full_year": { "type": "number", "minimum": 0 },
                    "spent_to_date": { "type": "number", "minimum": 0 }, "forecast_spent": { "type": "number", "minimum": 0 },
                    "cause": { "type": "string", "enum": ["funding", "rules", "staffing", "hardware", "other"] },
                    "deviation_cause": { "type": "string" } } },
            "indicators": { "type": "array", "description": "与表中指标一一对应; 每项的字段都由本接口填报", "items": { "type": "object", "properties": {
                "actual_to_date": { "type": "string" }, "forecast": { "type": "string" },
                "cause": { "type": "string", "enum": ["funding", "rules", "staffing", "hardware", "other"] },
                "likelihood": { "type": "string", "enum": ["certain", "possible", "impossible"] },
                "deviation_cause": { "type": "string" } } } } } }));
    paths.insert("/api/tables/{id}/monitoring".into(), json!({ "get": get_monitoring, "put": put_monitoring }));
    let mut get_scores =
        op("一张表的自评得分及计算过程, 所填得分与计分规则不符之处", false, ("200", "得分"), &[not_found]);
    get_scores["parameters"] = id.clone();
    paths.insert("/api/tables/{id}/scores".into(), json!({ "get": get_scores }));
    let mut put_actuals = op(
        "填报年终自评 (本部门草稿、已退回或已公开的自评表); version 为所依据的版本",
        true,
        ("200", "新版本及其得分"),
        &[not_found, conflict, entry_invalid],
    );
    put_actuals["parameters"] = id.clone();
    let points = json!({ "type": "number", "minimum": 0 });
    put_actuals["requestBody"] = body(json!({
        "type": "object", "required": ["version", "indicators"], "properties": {
            "version": { "type": "integer" },
            "self_evaluation": { "type": "object", "description": format!(
                "预算执行 (交换格式的 self_evaluation). 本接口填报 {}: 以请求中的值替换, 缺省或 null 即留空。\
                 其余字段保留表中原值: total_weight, budget_parts, deviation_cause, goals_achieved, conclusion, problems, \
                 improvements, 以及未填全年执行数时表中公布的执行率 (execution_rate); 请求可原样带回这些字段, 改动则 422 \
                 (请用 PUT /api/tables/{{id}} 编辑整张表)",
                progress::ACTUALS_OWNED.join(", ")),
                "properties": {
                    "budget_initial": points, "budget_full_year": points, "spent": points,
                    "execution_weight": points, "execution_score": { "type": "number", "minimum": 0, "description": "不大于 execution_weight" },
                    "total_score": { "type": "number", "minimum": 0, "maximum": 100 },
                    "grade": { "type": "string", "enum": ["优", "良", "中", "差"] } } },
            "indicators": { "type": "array", "description": "与表中指标一一对应; 每项的字段都由本接口填报", "items": { "type": "object", "properties": {
                "actual": { "type": "string" }, "weight": points,
                "score": { "type": "number", "minimum": 0, "description": "不大于 weight" },
                "deviation_cause": { "type": "string" } } } } } }));
    paths.insert("/api/tables/{id}/actuals".into(), json!({ "put": put_actuals }));
    let mut overview = op(
        "监控与评分总览 (审核人员、管理员): 各表的灯与等级及其计数, 各部门对比 (departments: 表数、指标数、量化指标数及比例、有成本/满意度指标的表数、年度资金总额), 所填得分与计分规则不符之处",
        false,
        ("200", "总览"),
        &[("400", "year 不是整数")],
    );
    overview["parameters"] = json!([{ "name": "year", "in": "query", "schema": { "type": "integer" } }]);
    paths.insert("/api/overview".into(), json!({ "get": overview }));
    for a in Action::ALL {
        let mut o = op(
            a.label(),
            true,
            ("200", "表的新状态"),
            &[
                ("400", "请求体不是 {reason}"),
                ("404", "没有这张表 (或无权查看), 或没有这种操作"),
                ("409", "表的状态已被他人改变"),
                ("422", "流程不允许 (当前状态下不能这样做; 有错误的表不能报送; 退回须写明理由)"),
            ],
        );
        o["parameters"] = id.clone();
        if a == Action::Return {
            o["requestBody"] = body(
                json!({ "type": "object", "required": ["reason"], "properties": { "reason": { "type": "string" } } }),
            );
        }
        paths.insert(format!("/api/tables/{{id}}/{}", a.code()), json!({ "post": o }));
    }
    paths.insert("/api/openapi.json".into(), json!({ "get": { "summary": "本说明 (OpenAPI 3.0), 不需要登录", "responses": responses(("200", "OpenAPI"), &[]) } }));
    json!({
        "openapi": "3.0.3",
        "info": { "title": "jixiao 绩效目标管理 API", "version": env!("CARGO_PKG_VERSION"),
            "description": "登录: POST /api/login 得到 Bearer 令牌, 放在 Authorization 头中; 程序调用用它, 不需要 CSRF 令牌。\
                浏览器中已登录的会话 Cookie 也可调用; 这时修改数据的请求 (GET 以外) 须在 X-CSRF-Token 头中给出本会话的 CSRF 令牌 \
                (页面表单中 _csrf 的值), 否则 403 (code 为 csrf)。错误均为 {code, message, fields}, fields 指出有问题的参数或字段。" },
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": { "type": "http", "scheme": "bearer", "description": "POST /api/login 得到的令牌; 不需要 CSRF 令牌" },
                "cookie": { "type": "apiKey", "in": "cookie", "name": crate::auth::COOKIE,
                    "description": "登录页面得到的会话 Cookie; 修改数据的请求 (GET 以外) 还须在 X-CSRF-Token 头中给出本会话的 CSRF 令牌, 否则 403 (code 为 csrf)" } },
            "schemas": { "Error": { "type": "object", "required": ["code", "message", "fields"], "properties": {
                "code": { "type": "string" }, "message": { "type": "string" }, "fields": { "type": "object", "additionalProperties": { "type": "string" } } } } }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every route [`router`] has, with its methods, read from this file's router: the spec is
    /// written by hand, so a route added without its description is caught here.
    fn routes() -> Vec<(String, String)> {
        let source = include_str!("mod.rs");
        let body = &source[source.find("pub fn router()").unwrap()..];
        let body = &body[..body.find("\n}\n").unwrap()];
        let mut found = Vec::new();
        for line in body.lines().filter_map(|l| l.trim().strip_prefix(".route(\"")) {
            let (path, rest) = line.split_once('"').unwrap();
            for method in ["get", "post", "put", "delete", "patch"] {
                if rest.contains(&format!("{method}(")) {
                    found.push((path.to_owned(), method.to_owned()));
                }
            }
        }
        found
    }

    #[test]
    fn every_route_is_described() {
        let spec = spec();
        let routes = routes();
        assert!(routes.len() >= 12, "the router was read: {routes:?}");
        for (path, method) in routes {
            let paths: Vec<String> = if path.contains("{action}") {
                Action::ALL.iter().map(|a| path.replace("{action}", a.code())).collect()
            } else {
                vec![path.clone()]
            };
            for p in paths {
                assert!(spec["paths"][&p][&method].is_object(), "{method} {p} is not in the OpenAPI");
            }
        }
    }

    #[test]
    fn the_documented_enums_are_what_the_list_reads() {
        for s in SORTS {
            assert_eq!(jixiao_store::Sort::parse(s).map(|x| x.code()), Some(s), "{s}");
        }
        let spec = spec();
        let params = spec["paths"]["/api/tables"]["get"]["parameters"].as_array().unwrap();
        let schema = |n: &str| params.iter().find(|p| p["name"] == n).unwrap()["schema"].clone();
        for (n, t) in [("year", "integer"), ("page", "integer"), ("per_page", "integer"), ("desc", "boolean")] {
            assert_eq!(schema(n)["type"], t, "{n}");
        }
        for n in ["status", "sort", "kind", "grade"] {
            assert!(schema(n)["enum"].is_array(), "{n}");
        }
    }
}
