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

async fn findings(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    Ok(Json(serde_json::to_value(t.report).unwrap_or(Value::Null)))
}

async fn openapi() -> Json<Value> {
    let error = json!({ "$ref": "#/components/schemas/Error" });
    let secured = json!([{ "bearer": [] }]);
    let op = |summary: &str, ok: &str| {
        json!({ "summary": summary, "security": secured, "responses": {
            ok: { "description": "成功" }, "401": { "description": "未登录", "content": { "application/json": { "schema": error } } },
            "403": { "description": "无权限", "content": { "application/json": { "schema": error } } },
            "404": { "description": "没有这张表", "content": { "application/json": { "schema": error } } } } })
    };
    let id = json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }]);
    let mut paths = serde_json::Map::new();
    paths.insert("/api/login".into(), json!({ "post": { "summary": "登录, 取得令牌", "requestBody": { "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["username", "password"], "properties": { "username": { "type": "string" }, "password": { "type": "string" } } } } } }, "responses": { "200": { "description": "{\"token\"}" }, "401": { "description": "用户名或密码不正确" }, "429": { "description": "失败次数过多" } } } }));
    let mut list = op(
        &format!(
            "列出表 (筛选、查找、排序、分页): {{items, total, total_exact, page, per_page}}; 查找匹配很多表时只数到 {} 张, \
             total_exact 为 false, 表示多于 total 张",
            jixiao_store::SEARCH_COUNTED
        ),
        "200",
    );
    list["parameters"] = json!(
        ["year", "department", "kind", "status", "grade", "q", "sort", "desc", "page", "per_page"]
            .iter()
            .map(|n| json!({ "name": n, "in": "query", "schema": { "type": "string" } }))
            .collect::<Vec<_>>()
    );
    let mut create = op("上传一个文件 (格式由内容判断), 读取、审核并保存其中的表", "201");
    create["requestBody"] = json!({ "required": true, "content": { "application/octet-stream": { "schema": { "type": "string", "format": "binary" } } } });
    create["responses"]["413"] = json!({ "description": "文件太大" });
    create["responses"]["422"] = json!({ "description": "无法读取" });
    paths.insert("/api/tables".into(), json!({ "get": list, "post": create }));
    let mut get_one = op("一张表的当前版本 (交换格式), 及其目标、任务和指标的编号 (elements: 跨版本不变)", "200");
    get_one["parameters"] = id.clone();
    let mut put = op("保存修改; version 为所依据的版本, 过期则 409", "200");
    put["parameters"] = id.clone();
    put["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["version", "document"], "properties": { "version": { "type": "integer" }, "document": { "type": "object" } } } } } });
    put["responses"]["409"] =
        json!({ "description": "版本冲突", "content": { "application/json": { "schema": error } } });
    paths.insert("/api/tables/{id}".into(), json!({ "get": get_one, "put": put }));
    for (path, summary) in [("history", "历史"), ("findings", "审核意见")] {
        let mut o = op(summary, "200");
        o["parameters"] = id.clone();
        paths.insert(format!("/api/tables/{{id}}/{path}"), json!({ "get": o }));
    }
    let conflict = json!({ "description": "版本冲突", "content": { "application/json": { "schema": error } } });
    let invalid = json!({ "description": "内容不合要求, 或表的状态不允许", "content": { "application/json": { "schema": error } } });
    let mut get_monitoring = op("一张表的监控灯: 整表、预算执行和每个指标的灯及判断依据 (内置评分方案)", "200");
    get_monitoring["parameters"] = id.clone();
    let mut put_monitoring =
        op("填报监控数据 (本部门审核通过或已公开的目标表; 状态与目标不变); version 为所依据的版本, 过期则 409", "200");
    put_monitoring["parameters"] = id.clone();
    put_monitoring["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": {
        "type": "object", "required": ["version", "indicators"], "properties": {
            "version": { "type": "integer" },
            "monitoring": { "type": "object", "description": format!(
                "预算执行 (交换格式的 monitoring). 本接口填报 {}: 以请求中的值替换, 缺省或 null 即留空。\
                 其余字段保留表中原值: 其中各行 (budget_parts), 以及未填 1–N月执行数时表中公布的执行率 (execution_rate); \
                 请求可原样带回这些字段, 改动则 422 (请用 PUT /api/tables/{{id}} 编辑整张表)",
                progress::MONITORING_OWNED.join(", ")) },
            "indicators": { "type": "array", "description": "与表中指标一一对应", "items": { "type": "object", "properties": {
                "actual_to_date": { "type": "string" }, "forecast": { "type": "string" },
                "cause": { "type": "string", "enum": ["funding", "rules", "staffing", "hardware", "other"] },
                "likelihood": { "type": "string", "enum": ["certain", "possible", "impossible"] },
                "deviation_cause": { "type": "string" } } } } } } } } });
    put_monitoring["responses"]["409"] = conflict.clone();
    put_monitoring["responses"]["422"] = invalid.clone();
    paths.insert("/api/tables/{id}/monitoring".into(), json!({ "get": get_monitoring, "put": put_monitoring }));
    let mut get_scores = op("一张表的自评得分及计算过程, 所填得分与计分规则不符之处", "200");
    get_scores["parameters"] = id.clone();
    paths.insert("/api/tables/{id}/scores".into(), json!({ "get": get_scores }));
    let mut put_actuals =
        op("填报年终自评 (本部门草稿、已退回或已公开的自评表); version 为所依据的版本, 过期则 409", "200");
    put_actuals["parameters"] = id.clone();
    put_actuals["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": {
        "type": "object", "required": ["version", "indicators"], "properties": {
            "version": { "type": "integer" },
            "self_evaluation": { "type": "object", "description": format!(
                "预算执行 (交换格式的 self_evaluation). 本接口填报 {}: 以请求中的值替换, 缺省或 null 即留空。\
                 其余字段保留表中原值: total_weight, budget_parts, deviation_cause, goals_achieved, conclusion, problems, \
                 improvements, 以及未填全年执行数时表中公布的执行率 (execution_rate); 请求可原样带回这些字段, 改动则 422 \
                 (请用 PUT /api/tables/{{id}} 编辑整张表)",
                progress::ACTUALS_OWNED.join(", ")) },
            "indicators": { "type": "array", "description": "与表中指标一一对应", "items": { "type": "object", "properties": {
                "actual": { "type": "string" }, "weight": { "type": "number" }, "score": { "type": "number" },
                "deviation_cause": { "type": "string" } } } } } } } } });
    put_actuals["responses"]["409"] = conflict;
    put_actuals["responses"]["422"] = invalid;
    paths.insert("/api/tables/{id}/actuals".into(), json!({ "put": put_actuals }));
    let mut overview =
        op("监控与评分总览 (审核人员、管理员): 各表的灯与等级及其计数, 所填得分与计分规则不符之处", "200");
    overview["parameters"] = json!([{ "name": "year", "in": "query", "schema": { "type": "integer" } }]);
    paths.insert("/api/overview".into(), json!({ "get": overview }));
    for a in Action::ALL {
        let mut o = op(a.label(), "200");
        o["parameters"] = id.clone();
        o["responses"]["422"] =
            json!({ "description": "流程不允许", "content": { "application/json": { "schema": error } } });
        if a == Action::Return {
            o["requestBody"] = json!({ "required": true, "content": { "application/json": { "schema": { "type": "object", "required": ["reason"], "properties": { "reason": { "type": "string" } } } } } });
        }
        paths.insert(format!("/api/tables/{{id}}/{}", a.code()), json!({ "post": o }));
    }
    Json(json!({
        "openapi": "3.0.3",
        "info": { "title": "jixiao 绩效目标管理 API", "version": env!("CARGO_PKG_VERSION") },
        "paths": paths,
        "components": {
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } },
            "schemas": { "Error": { "type": "object", "required": ["code", "message", "fields"], "properties": {
                "code": { "type": "string" }, "message": { "type": "string" }, "fields": { "type": "object", "additionalProperties": { "type": "string" } } } } }
        }
    }))
}
