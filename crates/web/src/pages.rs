//! The pages: login, dashboard, list, a table with its findings and actions, its history, the
//! editor, upload with preview, downloads, the public catalogue and user administration.

// Handlers answer with a whole response on the error path too (a redirect to the login page, an
// error page); the size of `Response` there is the price of readable handlers.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::workflow::{Action, Role, Status};
use jixiao_store::{Filter, ImportTable, Sort, StoredTable};
use serde::Deserialize;

use crate::access;
use crate::auth::{self, ClientAddr, CurrentUser, Viewer};
use crate::error::{AppError, AppResult};
use crate::html::{csrf_field, esc, page, status_badge};
use crate::{AppState, UPLOAD_LIMIT};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/tables", get(list))
        .route("/tables/{id}", get(show))
        .route("/tables/{id}/history", get(history))
        .route("/tables/{id}/edit", get(edit_form).post(edit))
        .route("/tables/{id}/act/{action}", post(act))
        .route("/tables/{id}/download/{format}", get(download))
        .route("/export/{format}", get(export))
        .route("/upload", get(upload_form).post(upload))
        .route("/public", get(public_list))
        .route("/public/{id}", get(public_show))
        .route("/public/{id}/download/{format}", get(public_download))
        .route("/admin/users", get(users).post(add_user))
        .route("/check/target", get(check_target))
        .route("/static/editor.js", get(editor_js))
}

async fn editor_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("../static/editor.js")).into_response()
}

#[derive(Deserialize)]
struct TargetQuery {
    text: String,
}

/// How the target grammar reads a target, in words, for the editor's check as one types.
async fn check_target(viewer: Viewer, Query(q): Query<TargetQuery>) -> AppResult<axum::Json<serde_json::Value>> {
    viewer.0.ok_or_else(|| AppError::unauthorized().json())?;
    let t = jixiao_core::Target::parse(&q.text);
    let (level, note) = match &t {
        jixiao_core::Target::Empty => ("warning", "未填写指标值".to_owned()),
        jixiao_core::Target::Quantity { terms } if terms.len() > 1 => {
            ("warning", format!("含 {} 个数量 ({}), 一个指标只应衡量一个数量", terms.len(), t.canonical()))
        }
        jixiao_core::Target::Quantity { .. } => ("info", format!("定量: {}", t.canonical())),
        jixiao_core::Target::Range { .. } => ("info", format!("区间: {}", t.canonical())),
        jixiao_core::Target::Date { .. } => ("info", format!("时间: {}", t.canonical())),
        jixiao_core::Target::Quality { unparsed: true, .. } => {
            ("warning", "含有数字但无法识别写法, 请写成“≥90%”这样的形式".to_owned())
        }
        jixiao_core::Target::Quality { .. } => ("info", "定性指标".to_owned()),
    };
    Ok(axum::Json(serde_json::json!({ "level": level, "note": note, "target": t })))
}

/// The logged-in user, or a redirect to the login page.
fn require(viewer: Viewer) -> Result<CurrentUser, Response> {
    viewer.0.ok_or_else(|| Redirect::to("/login").into_response())
}

/// Checks a form's CSRF token against the session's.
fn check_csrf(user: &CurrentUser, form: &HashMap<String, String>) -> AppResult<()> {
    match form.get("_csrf") {
        Some(t) if *t == user.csrf => Ok(()),
        _ => Err(AppError::new(StatusCode::FORBIDDEN, "csrf", "表单已过期或来源不明, 请刷新页面后重试")),
    }
}

async fn login_form(State(state): State<AppState>, viewer: Viewer) -> Response {
    if viewer.0.is_some() {
        return Redirect::to("/").into_response();
    }
    login_page(&state, None, "").into_response()
}

fn login_page(state: &AppState, message: Option<&str>, username: &str) -> Html<String> {
    let demo = if state.inner.demo {
        "<p class=\"notice\">演示模式: 部门填报人员 <b>waishi</b>, 财政审核人员 <b>caizheng</b>, 系统管理员 <b>admin</b>, 密码均为 <b>demo</b>。</p>"
    } else {
        ""
    };
    let message = message.map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(m))).unwrap_or_default();
    page(
        "登录",
        None,
        &format!(
            "<h1>登录</h1>{demo}{message}<form method=\"post\" action=\"/login\">\
             <p><label>用户名 <input type=\"text\" name=\"username\" value=\"{}\" required autofocus></label></p>\
             <p><label>密码 <input type=\"password\" name=\"password\" required></label></p>\
             <p><button type=\"submit\">登录</button></p></form>",
            esc(username)
        ),
    )
}

#[derive(Deserialize)]
struct LoginForm {
    username: String,
    password: String,
}

async fn login(State(state): State<AppState>, ClientAddr(addr): ClientAddr, Form(f): Form<LoginForm>) -> Response {
    let limiter = &state.inner.limiter;
    if limiter.blocked(&f.username, &addr) {
        let mut r = login_page(&state, Some("登录失败次数过多, 请 15 分钟后再试"), &f.username).into_response();
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return r;
    }
    let Some(user) = auth::check_password(&state, &f.username, &f.password).await else {
        limiter.failed(&f.username, &addr);
        let mut r = login_page(&state, Some("用户名或密码不正确"), &f.username).into_response();
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        return r;
    };
    limiter.succeeded(&f.username);
    match auth::start_session(&state, &user).await {
        Ok(token) => {
            let mut r = Redirect::to("/").into_response();
            if let Ok(v) = HeaderValue::from_str(&auth::session_cookie(&token)) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

async fn logout(State(state): State<AppState>, viewer: Viewer, Form(form): Form<HashMap<String, String>>) -> Response {
    if let Some(u) = viewer.0 {
        if let Err(e) = check_csrf(&u, &form) {
            return e.into_response();
        }
        let _ = state.store().remove_session(&u.session_id).await;
    }
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&auth::clear_cookie()).unwrap_or(HeaderValue::from_static("")),
    );
    r
}

async fn dashboard(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let mut filter = Filter { per_page: 20, page: 1, ..Filter::default() };
    access::scope(&u, &mut filter);
    let counts = state.store().counts(&filter).await.map_err(|e| AppError::from(e).into_response())?;
    let mut by_status: HashMap<String, i64> = HashMap::new();
    let mut by_grade: HashMap<String, i64> = HashMap::new();
    for (s, g, n) in &counts {
        *by_status.entry(s.clone()).or_default() += n;
        *by_grade.entry(g.clone()).or_default() += n;
    }
    let mut body = format!("<h1>{}, 您好</h1><h2>按状态</h2><div class=\"cards\">", esc(&u.user.username));
    for s in Status::ALL {
        body.push_str(&format!(
            "<a class=\"card\" href=\"/tables?status={}\">{}<br><b>{}</b></a>",
            s.code(),
            s.label(),
            by_status.get(s.code()).copied().unwrap_or(0)
        ));
    }
    body.push_str("</div><h2>按审核等级</h2><div class=\"cards\">");
    for g in ["优", "良", "中", "差"] {
        body.push_str(&format!(
            "<a class=\"card\" href=\"/tables?grade={g}\">{g}<br><b>{}</b></a>",
            by_grade.get(g).copied().unwrap_or(0)
        ));
    }
    body.push_str("</div>");
    if u.user.role == Role::Reviewer {
        let queue = Filter { status: Some(Status::Submitted), ..filter.clone() };
        let page_ = state.store().list(&queue).await.map_err(|e| AppError::from(e).into_response())?;
        body.push_str(&format!("<h2>待审核 ({} 张)</h2>", page_.total));
        body.push_str(&summary_table(&page_.items, "/tables"));
    }
    let recent = state.store().recent_changes(50).await.map_err(|e| AppError::from(e).into_response())?;
    body.push_str("<h2>最近的变更</h2><table class=\"list\"><tr><th>时间</th><th>操作人</th><th>操作</th><th>表</th><th>说明</th></tr>");
    let mut shown = 0;
    for h in recent {
        let Some(id) = h.table_id else { continue };
        if u.user.role == Role::Officer {
            match state.store().get(id).await {
                Ok(t) if access::may_see(&u, &t.summary) => {}
                _ => continue,
            }
        }
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/tables/{id}\">#{id}</a> 第 {} 版</td><td>{}</td></tr>",
            esc(&h.at),
            esc(&h.actor),
            action_label(&h.action),
            h.version.unwrap_or(0),
            esc(h.reason.as_deref().unwrap_or(""))
        ));
        shown += 1;
        if shown == 10 {
            break;
        }
    }
    body.push_str("</table>");
    Ok(page("首页", Some(&u), &body))
}

fn action_label(code: &str) -> &'static str {
    match code {
        "import" => "导入",
        "update" => "导入新版本",
        "edit" => "编辑",
        "submit" => "报送审核",
        "return" => "退回修改",
        "approve" => "审核通过",
        "publish" => "公开",
        "add_user" => "新建用户",
        "update_user" => "修改用户",
        _ => "其他",
    }
}

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
    page: Option<i64>,
}

impl ListQuery {
    fn filter(&self) -> Filter {
        let nonempty = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        Filter {
            year: nonempty(&self.year).and_then(|y| y.parse().ok()),
            department: nonempty(&self.department),
            kind: nonempty(&self.kind).filter(|k| k == "project" || k == "department"),
            status: nonempty(&self.status).and_then(|s| s.parse().ok()),
            grade: nonempty(&self.grade),
            search: nonempty(&self.q),
            sort: self.sort.as_deref().and_then(Sort::parse).unwrap_or_default(),
            descending: self.desc.as_deref() != Some("0"),
            page: self.page.unwrap_or(1).max(1),
            per_page: 50,
            ..Filter::default()
        }
    }

    /// The query string of these filters, for links that keep them.
    fn keep(&self) -> String {
        let mut parts = Vec::new();
        for (k, v) in [
            ("year", &self.year),
            ("department", &self.department),
            ("kind", &self.kind),
            ("status", &self.status),
            ("grade", &self.grade),
            ("q", &self.q),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!("{k}={}", url_encode(v)));
            }
        }
        parts.join("&")
    }
}

fn url_encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn summary_table(items: &[jixiao_store::TableSummary], base: &str) -> String {
    let mut s = String::from(
        "<table class=\"list\"><tr><th>编号</th><th>年度</th><th>部门</th><th>项目</th><th>状态</th><th>版本</th>\
         <th>等级</th><th>错误</th><th>警告</th><th>更新时间</th></tr>",
    );
    for t in items {
        s.push_str(&format!(
            "<tr><td>{id}</td><td>{}</td><td>{}</td><td><a href=\"{base}/{id}\">{}</a></td><td>{}</td><td>{}</td>\
             <td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            t.year.map(|y| y.to_string()).unwrap_or_default(),
            esc(&t.department),
            esc(&t.project_name),
            status_badge(t.status),
            t.version,
            esc(&t.grade),
            t.errors,
            t.warnings,
            esc(&t.updated_at),
            id = t.id,
        ));
    }
    if items.is_empty() {
        s.push_str("<tr><td colspan=\"10\">没有符合条件的表。</td></tr>");
    }
    s.push_str("</table>");
    s
}

fn filter_form(q: &ListQuery, action: &str, with_status: bool) -> String {
    let v = |o: &Option<String>| esc(o.as_deref().unwrap_or(""));
    let select = |name: &str, current: &Option<String>, options: &[(&str, &str)]| {
        let mut s = format!("<select name=\"{name}\"><option value=\"\">全部</option>");
        for (code, label) in options {
            let sel = if current.as_deref() == Some(code) { " selected" } else { "" };
            s.push_str(&format!("<option value=\"{code}\"{sel}>{label}</option>"));
        }
        s.push_str("</select>");
        s
    };
    let statuses: Vec<(&str, &str)> = Status::ALL.iter().map(|s| (s.code(), s.label())).collect();
    let status = if with_status {
        format!("<label>状态 {}</label>", select("status", &q.status, &statuses))
    } else {
        String::new()
    };
    let sorts = [
        ("updated", "更新时间"),
        ("year", "年度"),
        ("department", "部门"),
        ("project", "项目"),
        ("grade", "等级"),
        ("errors", "错误数"),
    ];
    format!(
        "<form method=\"get\" action=\"{action}\"><fieldset>\
         <label>查找 <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"项目或指标\"></label>\
         <label>年度 <input type=\"text\" name=\"year\" value=\"{}\" size=\"5\"></label>\
         <label>部门 <input type=\"text\" name=\"department\" value=\"{}\"></label>\
         <label>类型 {}</label>{status}<label>等级 {}</label><label>排序 {}</label>\
         <button type=\"submit\">筛选</button></fieldset></form>",
        v(&q.q),
        v(&q.year),
        v(&q.department),
        select("kind", &q.kind, &[("project", "项目支出"), ("department", "部门整体支出")]),
        select("grade", &q.grade, &[("优", "优"), ("良", "良"), ("中", "中"), ("差", "差")]),
        select("sort", &q.sort, &sorts),
    )
}

fn pager(page_: &jixiao_store::Page<jixiao_store::TableSummary>, base: &str, keep: &str) -> String {
    let pages = (page_.total + page_.per_page - 1) / page_.per_page;
    let mut s = format!("<p class=\"pager\">共 {} 张, 第 {} / {} 页 ", page_.total, page_.page, pages.max(1));
    let sep = if keep.is_empty() { "" } else { "&" };
    if page_.page > 1 {
        s.push_str(&format!("<a href=\"{base}?{keep}{sep}page={}\">上一页</a>", page_.page - 1));
    }
    if page_.page < pages {
        s.push_str(&format!("<a href=\"{base}?{keep}{sep}page={}\">下一页</a>", page_.page + 1));
    }
    s.push_str("</p>");
    s
}

async fn list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let mut filter = q.filter();
    access::scope(&u, &mut filter);
    let page_ = state.store().list(&filter).await.map_err(|e| AppError::from(e).into_response())?;
    let keep = q.keep();
    let body = format!(
        "<h1>绩效目标表</h1>{}{}{}<p>下载筛选结果: <a href=\"/export/xlsx?{keep}\">xlsx</a> <a href=\"/export/csv?{keep}\">csv</a> \
         <a href=\"/export/json?{keep}\">json</a> <a href=\"/export/html?{keep}\">html</a></p>",
        filter_form(&q, "/tables", true),
        summary_table(&page_.items, "/tables"),
        pager(&page_, "/tables", &keep),
    );
    Ok(page("绩效目标表", Some(&u), &body))
}

async fn load(state: &AppState, u: &CurrentUser, id: i64) -> AppResult<StoredTable> {
    access::visible(u, state.store().get(id).await?)
}

/// The indicators with their findings beside them.
fn indicators_with_findings(doc: &Document, report: &DocumentReport) -> String {
    let mut s = String::from(
        "<table class=\"list\" id=\"indicators\"><tr><th>#</th><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>指标值</th><th>审核意见</th></tr>",
    );
    for (i, ind) in doc.indicators.iter().enumerate() {
        let mut notes = String::new();
        for f in report.of_indicator(i) {
            notes.push_str(&format!(
                "<div class=\"{}\">{}[{}]: {}<br><small>{}</small></div>",
                f.severity.code(),
                f.severity.label(),
                esc(&f.rule),
                esc(&f.message),
                esc(&f.hint)
            ));
        }
        s.push_str(&format!(
            "<tr id=\"indicator-{i}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{notes}</td></tr>",
            i + 1,
            esc(&ind.level1),
            esc(&ind.level2),
            esc(&ind.name),
            esc(&ind.target)
        ));
    }
    s.push_str("</table>");
    let general: Vec<_> = report.findings.iter().filter(|f| f.indicator.is_none()).collect();
    if !general.is_empty() {
        s.push_str("<h3>整表的审核意见</h3><ul>");
        for f in general {
            s.push_str(&format!(
                "<li class=\"{}\">{}[{}]: {} <small>{}</small></li>",
                f.severity.code(),
                f.severity.label(),
                esc(&f.rule),
                esc(&f.message),
                esc(&f.hint)
            ));
        }
        s.push_str("</ul>");
    }
    s
}

/// The table in the official layout, as the HTML writer draws it (its own escaping).
fn official(doc: &Document) -> String {
    let mut out = Vec::new();
    let mut w = jixiao_tables::write::html::HtmlWriter::new(&mut out, "");
    if w.write(doc).is_err() || w.finish().is_err() {
        return String::new();
    }
    let html = String::from_utf8_lossy(&out);
    // Keep the writer's <section> and style, not its page frame.
    let style = html.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap_or("");
    let body = html.split("<body>").nth(1).and_then(|s| s.split("</body>").next()).unwrap_or("");
    format!("<div class=\"official\"><style>{}</style>{body}</div>", style.replace("body {", ".official {"))
}

async fn show(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    let s = &t.summary;
    let mut body = format!(
        "<h1>{}</h1><p>{} · {} 年度 · 状态 {} · 第 {} 版{} · 审核等级 <b>{}</b> ({} 个错误, {} 个警告, {} 个提示)</p>",
        esc(&s.project_name),
        esc(&s.department),
        s.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
        status_badge(s.status),
        s.version,
        s.published_version.map(|v| format!(" (公开的是第 {v} 版)")).unwrap_or_default(),
        esc(&s.grade),
        s.errors,
        s.warnings,
        s.infos
    );
    if s.status == Status::Returned {
        if let Ok(h) = state.store().history(id).await {
            if let Some(r) = h.iter().rev().find(|h| h.action == "return") {
                body.push_str(&format!(
                    "<p class=\"conflict\" role=\"alert\">退回原因 ({}): {}</p>",
                    esc(&r.actor),
                    esc(r.reason.as_deref().unwrap_or(""))
                ));
            }
        }
    }
    body.push_str("<p>");
    if access::may_edit(&u, s) && !matches!(s.status, Status::Submitted | Status::Approved) {
        body.push_str(&format!("<a href=\"/tables/{id}/edit\">编辑</a> "));
    }
    body.push_str(&format!(
        "<a href=\"/tables/{id}/history\">历史</a> 下载: <a href=\"/tables/{id}/download/xlsx\">xlsx</a> \
         <a href=\"/tables/{id}/download/csv\">csv</a> <a href=\"/tables/{id}/download/json\">json</a> \
         <a href=\"/tables/{id}/download/html\">html</a></p>"
    ));
    for action in Action::ALL {
        if !access::may_act(&u, s, action) || !action.from_statuses().contains(&s.status) {
            continue;
        }
        let reason = if action == Action::Return {
            "<label>退回原因 <input type=\"text\" name=\"reason\" required size=\"40\"></label> "
        } else {
            ""
        };
        body.push_str(&format!(
            "<form class=\"inline\" method=\"post\" action=\"/tables/{id}/act/{}\">{}{reason}<button type=\"submit\">{}</button></form> ",
            action.code(),
            csrf_field(&u),
            action.label()
        ));
    }
    body.push_str("<h2>指标与审核意见</h2>");
    body.push_str(&indicators_with_findings(&t.document, &t.report));
    body.push_str("<h2>官方样式</h2>");
    body.push_str(&official(&t.document));
    Ok(page(&s.project_name, Some(&u), &body))
}

async fn act(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let action: Action = action.parse().map_err(|_| AppError::not_found().into_response())?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_act(&u, &t.summary, action) {
        return Err(AppError::forbidden().into_response());
    }
    state
        .store()
        .act(id, action, &u.user.username, form.get("reason").map(String::as_str))
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    Ok(Redirect::to(&format!("/tables/{id}")).into_response())
}

async fn history(State(state): State<AppState>, viewer: Viewer, Path(id): Path<i64>) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    let entries = state.store().history(id).await.map_err(|e| AppError::from(e).into_response())?;
    let mut body = format!(
        "<h1>{} 的历史</h1><p><a href=\"/tables/{id}\">返回</a></p><table class=\"list\"><tr><th>时间</th><th>操作人</th><th>操作</th><th>版本</th><th>原因</th><th>修改内容</th></tr>",
        esc(&t.summary.project_name)
    );
    for h in &entries {
        let mut changes = String::new();
        for c in &h.changes {
            let show = |v: &Option<serde_json::Value>| match v {
                Some(serde_json::Value::String(s)) => esc(s),
                Some(v) => esc(&v.to_string()),
                None => "—".to_owned(),
            };
            changes.push_str(&format!(
                "<div><span title=\"{}\">{}</span>: <del>{}</del> → <ins>{}</ins></div>",
                esc(&c.path),
                esc(&field_label(&c.path)),
                show(&c.before),
                show(&c.after)
            ));
        }
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{changes}</td></tr>",
            esc(&h.at),
            esc(&h.actor),
            action_label(&h.action),
            h.version.map(|v| v.to_string()).unwrap_or_default(),
            esc(h.reason.as_deref().unwrap_or(""))
        ));
    }
    body.push_str("</table>");
    Ok(page("历史", Some(&u), &body))
}

/// A change's path in words (`indicators/0/target` → 第 1 个指标的指标值).
fn field_label(path: &str) -> String {
    let parts: Vec<&str> = path.split('/').collect();
    let field = |f: &str| match f {
        "level1" => "一级指标",
        "level2" => "二级指标",
        "name" => "三级指标",
        "target" => "指标值",
        "weight" => "分值",
        "year" => "年度",
        "title" => "表名",
        "department" => "部门",
        "goals" => "绩效目标",
        "indicators" => "绩效指标",
        "project" => "项目",
        "funds" => "资金",
        "total" => "资金总额",
        "fiscal" => "财政拨款",
        "other" => "其他资金",
        "implementer" => "实施单位",
        "attribute" => "项目属性",
        "period" => "项目期",
        _ => "",
    };
    match parts.as_slice() {
        ["indicators", n, rest @ ..] if n.parse::<usize>().is_ok() => {
            let n = n.parse::<usize>().unwrap_or(0) + 1;
            match rest.last().map(|f| field(f)).filter(|f| !f.is_empty()) {
                Some(f) => format!("第 {n} 个指标的{f}"),
                None => format!("第 {n} 个指标"),
            }
        }
        ["goals", n] if n.parse::<usize>().is_ok() => format!("第 {} 条绩效目标", n.parse::<usize>().unwrap_or(0) + 1),
        _ => {
            let words: Vec<&str> = parts.iter().map(|p| field(p)).filter(|w| !w.is_empty()).collect();
            if words.is_empty() { path.to_owned() } else { words.join("·") }
        }
    }
}

/// A file in one of the writers' formats.
pub fn render(docs: &[Document], format: &str) -> AppResult<(&'static str, &'static str, Vec<u8>)> {
    use jixiao_tables::write;
    let mut out = Vec::new();
    let io =
        |e: std::io::Error| AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", format!("无法生成文件: {e}"));
    let (mime, ext) = match format {
        "json" => {
            let mut w = write::json::JsonArrayWriter::new(&mut out);
            for d in docs {
                w.write(d).map_err(io)?;
            }
            w.finish().map_err(io)?;
            ("application/json; charset=utf-8", "json")
        }
        "csv" => {
            let mut w = write::csv::CsvWriter::new(&mut out, true).map_err(io)?;
            for d in docs {
                w.write(d).map_err(io)?;
            }
            w.finish().map_err(io)?;
            ("text/csv; charset=utf-8", "csv")
        }
        "html" => {
            let mut w = write::html::HtmlWriter::new(&mut out, "绩效目标表");
            for d in docs {
                w.write(d).map_err(io)?;
            }
            w.finish().map_err(io)?;
            ("text/html; charset=utf-8", "html")
        }
        "xlsx" => {
            let mut w = write::xlsx::XlsxWriter::new(1);
            for d in docs {
                w.write(d).map_err(io)?;
            }
            w.finish(&mut out).map_err(io)?;
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
        }
        _ => return Err(AppError::not_found()),
    };
    Ok((mime, ext, out))
}

fn attachment(mime: &'static str, name: &str, body: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    // An ASCII name plus the UTF-8 one (RFC 6266), never the raw text of the table.
    let disposition = format!(
        "attachment; filename=\"jixiao.{name}\"; filename*=UTF-8''{}",
        url_encode(&format!("绩效目标表.{name}"))
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    (headers, body).into_response()
}

async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, format)): Path<(i64, String)>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    let (mime, ext, body) = render(&[t.document], &format).map_err(IntoResponse::into_response)?;
    Ok(attachment(mime, ext, body))
}

async fn collect(state: &AppState, filter: &Filter) -> AppResult<Vec<Document>> {
    use futures_util::TryStreamExt;
    Ok(state.store().documents(filter).try_collect().await?)
}

async fn export(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(format): Path<String>,
    Query(q): Query<ListQuery>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    let mut filter = q.filter();
    access::scope(&u, &mut filter);
    let docs = collect(&state, &filter).await.map_err(IntoResponse::into_response)?;
    let (mime, ext, body) = render(&docs, &format).map_err(IntoResponse::into_response)?;
    Ok(attachment(mime, ext, body))
}

async fn public_list(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Html<String>, AppError> {
    let mut filter = q.filter();
    filter.published = true;
    filter.status = None;
    let page_ = state.store().list(&filter).await?;
    let keep = q.keep();
    let body = format!(
        "<h1>公开的绩效目标表</h1>{}{}{}",
        filter_form(&q, "/public", false),
        summary_table(&page_.items, "/public"),
        pager(&page_, "/public", &keep)
    );
    Ok(page("公开目录", viewer.0.as_ref(), &body))
}

async fn published(state: &AppState, id: i64) -> AppResult<StoredTable> {
    let t = state.store().get(id).await?;
    let v = t.summary.published_version.ok_or_else(AppError::not_found)?;
    Ok(state.store().get_version(id, v).await?)
}

async fn public_show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, AppError> {
    let t = published(&state, id).await?;
    let body = format!(
        "<h1>{}</h1><p>{} · 公开版本第 {} 版 · 下载: <a href=\"/public/{id}/download/xlsx\">xlsx</a> \
         <a href=\"/public/{id}/download/csv\">csv</a> <a href=\"/public/{id}/download/json\">json</a> \
         <a href=\"/public/{id}/download/html\">html</a></p>{}",
        esc(t.document.label()),
        esc(&t.document.department),
        t.version,
        official(&t.document)
    );
    Ok(page(t.document.label(), viewer.0.as_ref(), &body))
}

async fn public_download(
    State(state): State<AppState>,
    Path((id, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let t = published(&state, id).await?;
    let (mime, ext, body) = render(&[t.document], &format)?;
    Ok(attachment(mime, ext, body))
}

async fn upload_form(viewer: Viewer) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Officer {
        return Err(AppError::forbidden().into_response());
    }
    Ok(page(
        "上传",
        Some(&u),
        &format!(
            "<h1>上传绩效目标表</h1><p>支持 xlsx、xls、ods、csv、txt (从 PDF 或网页复制的文字) 和 JSON, 每个文件不超过 {} MB。\
             先预览读到的内容和审核意见, 确认后才保存。</p>\
             <form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">{}\
             <p><input type=\"file\" name=\"file\" multiple required></p><p><button type=\"submit\">预览</button></p></form>",
            UPLOAD_LIMIT / 1024 / 1024,
            csrf_field(&u)
        ),
    ))
}

/// Reads and reviews uploaded bytes; tables of other departments are refused for officers.
pub fn read_upload(state: &AppState, name: &str, bytes: Vec<u8>) -> Result<(Vec<ImportTable>, Vec<String>), String> {
    use sha2::Digest;
    let hash: String = sha2::Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    let items = jixiao_tables::read_stream(name, std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut tables = Vec::new();
    let mut notes = Vec::new();
    for item in items {
        match item.map_err(|e| e.to_string())? {
            jixiao_tables::Item::Document(d) => {
                let review = state.inner.reviewer.review(&d.document, Some(&d.source));
                let report = DocumentReport::new(&d.document, &review);
                tables.push(ImportTable {
                    document: d.document,
                    report,
                    source_name: name.to_owned(),
                    source_hash: hash.clone(),
                });
            }
            jixiao_tables::Item::Diagnostic(d) => notes.push(d.display(name).to_string()),
        }
    }
    if tables.is_empty() {
        return Err(format!("{name}: 没有读到任何绩效目标表"));
    }
    Ok((tables, notes))
}

async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    mut multipart: Multipart,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Officer {
        return Err(AppError::forbidden().into_response());
    }
    let mut csrf = None;
    let mut confirm = false;
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let too_big = |_| {
        AppError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!("上传的文件太大: 每次最多 {} MB", UPLOAD_LIMIT / 1024 / 1024),
        )
        .into_response()
    };
    while let Some(field) = multipart.next_field().await.map_err(too_big)? {
        let name = field.name().unwrap_or("").to_owned();
        match name.as_str() {
            "_csrf" => csrf = Some(field.text().await.map_err(too_big)?),
            "confirm" => confirm = true,
            "file" => {
                let fname = field.file_name().unwrap_or("upload").to_owned();
                let bytes = field.bytes().await.map_err(too_big)?.to_vec();
                if !bytes.is_empty() {
                    files.push((fname, bytes));
                }
            }
            "kept" => {
                // A file from the preview, carried back for saving (base64 of name and bytes).
                let text = field.text().await.map_err(too_big)?;
                if let Some((n, b)) = text.split_once(':') {
                    let name =
                        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(n).unwrap_or_default())
                            .unwrap_or_default();
                    files.push((name, base64::engine::general_purpose::STANDARD.decode(b).unwrap_or_default()));
                }
            }
            _ => {}
        }
    }
    if csrf.as_deref() != Some(u.csrf.as_str()) {
        return Err(
            AppError::new(StatusCode::FORBIDDEN, "csrf", "表单已过期或来源不明, 请刷新页面后重试").into_response()
        );
    }
    let mut body =
        String::from(if confirm { "<h1>上传结果</h1>" } else { "<h1>预览: 读到的表和审核意见</h1>" });
    let mut kept = String::new();
    for (name, bytes) in files {
        body.push_str(&format!("<h2>{}</h2>", esc(&name)));
        let encoded = format!(
            "{}:{}",
            base64::engine::general_purpose::STANDARD.encode(name.as_bytes()),
            base64::engine::general_purpose::STANDARD.encode(&bytes)
        );
        let (tables, notes) = match read_upload(&state, &name, bytes) {
            Ok(r) => r,
            Err(e) => {
                body.push_str(&format!("<p class=\"error\">{}</p>", esc(&e)));
                continue;
            }
        };
        let foreign = tables
            .iter()
            .any(|t| u.user.department.as_deref().is_none_or(|d| d.trim() != t.document.department.trim()));
        if foreign {
            body.push_str(&format!(
                "<p class=\"error\">此文件中有不属于本部门 ({}) 的表, 不能上传。</p>",
                esc(u.user.department.as_deref().unwrap_or("未设部门"))
            ));
            continue;
        }
        match state.store().import(&u.user.username, &tables, !confirm).await {
            Ok(outcomes) => {
                body.push_str("<table class=\"list\"><tr><th>结果</th><th>表</th><th>等级</th><th>审核意见</th></tr>");
                for (t, o) in tables.iter().zip(&outcomes) {
                    let mut findings = String::new();
                    for f in &t.report.findings {
                        findings.push_str(&format!(
                            "<div class=\"{}\">{}[{}]: {}</div>",
                            f.severity.code(),
                            f.severity.label(),
                            esc(&f.rule),
                            esc(&f.message)
                        ));
                    }
                    let what = if confirm {
                        format!("<a href=\"/tables/{}\">{}</a>", o.id(), o.label())
                    } else {
                        format!("将{}", o.label())
                    };
                    body.push_str(&format!(
                        "<tr><td>{what}</td><td>{}</td><td>{}</td><td>{findings}</td></tr>",
                        esc(t.document.label()),
                        esc(&t.report.summary.grade)
                    ));
                }
                body.push_str("</table>");
                if !confirm {
                    kept.push_str(&format!("<input type=\"hidden\" name=\"kept\" value=\"{}\">", esc(&encoded)));
                }
            }
            Err(e) => body.push_str(&format!("<p class=\"error\">{}</p>", esc(&AppError::from(e).message))),
        }
        if !notes.is_empty() {
            body.push_str("<details><summary>读取说明</summary><ul>");
            for n in notes {
                body.push_str(&format!("<li>{}</li>", esc(&n)));
            }
            body.push_str("</ul></details>");
        }
    }
    if !confirm && !kept.is_empty() {
        body.push_str(&format!(
            "<form method=\"post\" action=\"/upload\" enctype=\"multipart/form-data\">{}{kept}\
             <input type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\">确认保存</button></form>",
            csrf_field(&u)
        ));
    }
    Ok(page("上传", Some(&u), &body))
}

fn editor(u: &CurrentUser, id: i64, version: i64, doc: &Document, message: &str) -> String {
    let mut s = format!(
        "<h1>编辑: {}</h1>{message}<form method=\"post\" action=\"/tables/{id}/edit\">{}\
         <input type=\"hidden\" name=\"version\" value=\"{version}\">\
         <fieldset><legend>表头</legend><label>年度 <input type=\"text\" name=\"year\" value=\"{}\" size=\"5\"></label>\
         <label>表名 <input type=\"text\" name=\"title\" value=\"{}\" size=\"40\"></label></fieldset>\
         <fieldset><legend>绩效目标 (每行一条)</legend><textarea name=\"goals\" rows=\"4\">{}</textarea></fieldset>\
         <fieldset><legend>绩效指标</legend><table class=\"list\"><tr><th>顺序</th><th>一级指标</th><th>二级指标</th>\
         <th>三级指标</th><th>指标值</th><th>删除</th></tr>",
        esc(doc.label()),
        csrf_field(u),
        doc.year.map(|y| y.to_string()).unwrap_or_default(),
        esc(&doc.title),
        esc(&doc.goals.join("\n")),
    );
    for (i, ind) in
        doc.indicators.iter().enumerate().chain(std::iter::once((doc.indicators.len(), &Default::default())))
    {
        s.push_str(&format!(
            "<tr><td><input type=\"text\" name=\"order_{i}\" value=\"{}\" size=\"3\"></td>\
             <td><input type=\"text\" name=\"level1_{i}\" value=\"{}\"></td><td><input type=\"text\" name=\"level2_{i}\" value=\"{}\"></td>\
             <td><input type=\"text\" name=\"name_{i}\" value=\"{}\"></td><td><input type=\"text\" name=\"target_{i}\" value=\"{}\" class=\"target\"></td>\
             <td><input type=\"checkbox\" name=\"delete_{i}\" value=\"1\"></td></tr>",
            i + 1,
            esc(&ind.level1),
            esc(&ind.level2),
            esc(&ind.name),
            esc(&ind.target)
        ));
    }
    s.push_str("</table><p><small>最后一行用于新增指标; 改“顺序”可调整指标的先后。</small></p></fieldset><p><button type=\"submit\">保存</button></p></form><script src=\"/static/editor.js\" defer></script>");
    s
}

async fn edit_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_edit(&u, &t.summary) {
        return Err(AppError::forbidden().into_response());
    }
    Ok(page("编辑", Some(&u), &editor(&u, id, t.version, &t.document, "")))
}

/// Applies the editor's fields to a document.
fn apply_form(mut doc: Document, form: &HashMap<String, String>) -> Result<Document, String> {
    let get = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let year = get("year");
    doc.year =
        if year.is_empty() { None } else { Some(year.parse().map_err(|_| format!("年度“{year}”不是数字"))?) };
    doc.title = get("title");
    doc.goals = get("goals").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect();
    let mut rows = Vec::new();
    for i in 0..=doc.indicators.len() {
        if form.contains_key(&format!("delete_{i}")) {
            continue;
        }
        let name = get(&format!("name_{i}"));
        let (l1, l2, target) = (get(&format!("level1_{i}")), get(&format!("level2_{i}")), get(&format!("target_{i}")));
        if i == doc.indicators.len() && name.is_empty() && target.is_empty() && l1.is_empty() && l2.is_empty() {
            continue;
        }
        let mut ind = doc.indicators.get(i).cloned().unwrap_or_default();
        ind.level1 = l1;
        ind.level2 = l2;
        ind.name = name;
        ind.target = target;
        let order: f64 = get(&format!("order_{i}")).parse().unwrap_or((i + 1) as f64);
        rows.push((order, i, ind));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    doc.indicators = rows.into_iter().map(|r| r.2).collect();
    Ok(doc)
}

async fn edit(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_edit(&u, &t.summary) {
        return Err(AppError::forbidden().into_response());
    }
    let based_on: i64 = form.get("version").and_then(|v| v.parse().ok()).unwrap_or(0);
    // The form is applied to the version it was made from, so that a conflict loses nothing typed.
    let base = state.store().get_version(id, based_on).await.map(|b| b.document).unwrap_or(t.document.clone());
    let doc = match apply_form(base, &form) {
        Ok(d) => d,
        Err(e) => {
            let msg = format!("<p class=\"error\" role=\"alert\">{}</p>", esc(&e));
            return Ok(page("编辑", Some(&u), &editor(&u, id, based_on, &t.document, &msg)).into_response());
        }
    };
    let review = state.inner.reviewer.review(&doc, None);
    let report = DocumentReport::new(&doc, &review);
    match state.store().save_edit(id, based_on, &doc, &report, &u.user.username).await {
        Ok(_) => Ok(Redirect::to(&format!("/tables/{id}")).into_response()),
        Err(jixiao_store::StoreError::Conflict(m)) => {
            let msg = format!(
                "<p class=\"conflict\" role=\"alert\">{} (下面保留了您填写的内容; 当前版本为第 {} 版, 再次保存将以您的内容覆盖它。)</p>",
                esc(&m),
                t.version
            );
            let mut r = page("编辑", Some(&u), &editor(&u, id, t.version, &doc, &msg)).into_response();
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(AppError::from(e).into_response()),
    }
}

async fn users(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Admin {
        return Err(AppError::forbidden().into_response());
    }
    let list = state.store().users().await.map_err(|e| AppError::from(e).into_response())?;
    let mut body = String::from(
        "<h1>用户管理</h1><table class=\"list\"><tr><th>用户名</th><th>角色</th><th>部门</th><th>状态</th></tr>",
    );
    for x in &list {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&x.username),
            x.role.label(),
            esc(x.department.as_deref().unwrap_or("")),
            if x.disabled { "已停用" } else { "正常" }
        ));
    }
    body.push_str(&format!(
        "</table><h2>新建用户</h2><form method=\"post\" action=\"/admin/users\">{}\
         <label>用户名 <input type=\"text\" name=\"username\" required></label>\
         <label>密码 <input type=\"password\" name=\"password\" required minlength=\"8\"></label>\
         <label>角色 <select name=\"role\"><option value=\"officer\">部门填报人员</option><option value=\"reviewer\">财政审核人员</option><option value=\"admin\">系统管理员</option></select></label>\
         <label>部门 <input type=\"text\" name=\"department\"></label><button type=\"submit\">新建</button></form>",
        csrf_field(&u)
    ));
    Ok(page("用户管理", Some(&u), &body))
}

async fn add_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Admin {
        return Err(AppError::forbidden().into_response());
    }
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let get = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let (name, password) = (get("username"), form.get("password").cloned().unwrap_or_default());
    let role: Role = get("role")
        .parse()
        .map_err(|e: jixiao_core::workflow::UnknownCode| AppError::bad_request(e.to_string()).into_response())?;
    if name.is_empty() || password.chars().count() < 8 {
        return Err(AppError::bad_request("用户名不能为空, 密码至少 8 个字符").into_response());
    }
    let department = get("department");
    let dept = if department.is_empty() {
        None
    } else {
        Some(state.store().department(&department).await.map_err(|e| AppError::from(e).into_response())?.id)
    };
    if role == Role::Officer && dept.is_none() {
        return Err(AppError::bad_request("部门填报人员必须指定部门").into_response());
    }
    let hash = auth::hash_password(password).await.map_err(|e| AppError::bad_request(e).into_response())?;
    state
        .store()
        .add_user(&name, &hash, role, dept, &u.user.username)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    Ok(Redirect::to("/admin/users").into_response())
}
