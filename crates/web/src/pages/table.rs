//! A table's page with its findings beside the indicators, its lights and scores, its workflow
//! actions, and its history.

use super::*;

pub(crate) async fn load(state: &AppState, u: &CurrentUser, id: i64) -> AppResult<StoredTable> {
    access::visible(u, state.store().get(id).await?)
}

/// The indicators with their findings beside them.
pub(crate) fn indicators_with_findings(doc: &Document, report: &DocumentReport) -> String {
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
pub(crate) fn official(doc: &Document) -> String {
    let mut out = Vec::new();
    let mut w = jixiao_tables::write::html::HtmlWriter::new(&mut out, "");
    if w.write(doc).is_err() || w.finish().is_err() {
        return String::new();
    }
    let html = String::from_utf8_lossy(&out);
    // Keep the writer's <section> and style, not its page frame; the style is the writer's page's,
    // so it is scoped to the layout here lest it restyle the application's own tables.
    let style = html.split("<style>").nth(1).and_then(|s| s.split("</style>").next()).unwrap_or("");
    let body = html.split("<body>").nth(1).and_then(|s| s.split("</body>").next()).unwrap_or("");
    format!("<div class=\"official\"><style>{}</style>{body}</div>", scoped(style, ".official"))
}

/// A style sheet's rules applied within `scope` only: each selector prefixed with it (the page's
/// `body`, `html` and `:root` become the scope itself); `@media` blocks scoped inside, other
/// at-rules (`@page`, which styles the whole printed page) dropped.
pub(crate) fn scoped(css: &str, scope: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(open) = rest.find('{') {
        let head = rest[..open].trim();
        // The block's end: the brace that closes this one, blocks inside it counted.
        let mut depth = 0;
        let mut close = rest.len();
        for (i, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        close = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        let inner = &rest[(open + 1).min(close)..close];
        if head.starts_with("@media") {
            out.push_str(&format!("{head}{{{}}}", scoped(inner, scope)));
        } else if !head.starts_with('@') {
            let selectors: Vec<String> = head
                .split(',')
                .map(str::trim)
                .map(|sel| match sel {
                    "body" | "html" | ":root" => scope.to_owned(),
                    _ => format!("{scope} {sel}"),
                })
                .collect();
            out.push_str(&format!("{}{{{}}}", selectors.join(","), inner.trim()));
        }
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out
}

pub(crate) async fn show(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    let s = &t.summary;
    let mut body = format!(
        "<h1>{} <span class=\"badge\">{}</span></h1><p>{} · {} 年度 · 状态 {} · 第 {} 版{} · 审核等级 <b>{}</b> ({} 个错误, {} 个警告, {} 个提示)</p>",
        esc(&s.project_name),
        stage_label(&s.stage),
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
    if access::may_monitor(&u, s) {
        body.push_str(&format!("<a href=\"/tables/{id}/monitoring\">填报监控数据</a> "));
    }
    if access::may_enter_actuals(&u, s) {
        body.push_str(&format!("<a href=\"/tables/{id}/actuals\">填报年终自评</a> "));
    }
    body.push_str(&format!(
        "<a href=\"/tables/{id}/history\">历史</a> <a href=\"/tables/{id}/compare\">与往年对比</a> 下载: <a href=\"/tables/{id}/download/xlsx\">xlsx</a> \
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
    if access::may_monitor(&u, s) {
        body.push_str(&format!(
            "<form class=\"inline\" method=\"post\" action=\"/tables/{id}/self-evaluation\">{}<button type=\"submit\">开始年终自评</button></form> ",
            csrf_field(&u)
        ));
    }
    let profile = &state.inner.profile;
    if let Some(r) = crate::progress::lights(&t.document, profile) {
        body.push_str(&super::progress::lights_section(&t.document, &r));
    }
    if let Some(sc) = crate::progress::scores(&t.document, profile) {
        body.push_str(&super::progress::scores_section(&t.document, &sc, profile));
    }
    body.push_str("<h2>指标与审核意见</h2>");
    body.push_str(&indicators_with_findings(&t.document, &t.report));
    body.push_str("<h2>官方样式</h2>");
    body.push_str(&official(&t.document));
    Ok(page(&s.project_name, Some(&u), &body))
}

pub(crate) async fn act(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, action)): Path<(i64, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let action: Action = action.parse().map_err(|_| {
        AppError::new(StatusCode::NOT_FOUND, "not_found", format!("没有“{action}”这种操作")).into_response()
    })?;
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

pub(crate) async fn history(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, Response> {
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
                // A whole indicator or task added or removed: its name (and target), not its JSON.
                Some(serde_json::Value::Object(o)) if o.get("name").is_some_and(|n| n.is_string()) => {
                    let name = o.get("name").and_then(|n| n.as_str()).unwrap_or_default();
                    match o.get("target").and_then(|t| t.as_str()).filter(|t| !t.is_empty()) {
                        Some(t) => esc(&format!("{name} ({t})")),
                        None => esc(name),
                    }
                }
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
            esc(&crate::html::china_time(&h.at)),
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
pub(crate) fn field_label(path: &str) -> String {
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
        "monitoring" => "监控数据",
        "month" => "监控月份",
        "actual_to_date" => "1–N月实际完成值",
        "forecast" => "全年预计完成情况",
        "cause" => "偏差原因类别",
        "deviation_cause" => "偏差原因",
        "likelihood" => "完成目标可能性",
        "budget_initial" => "年初预算数",
        "budget_full_year" => "全年预算数",
        "spent_to_date" => "1–N月执行数",
        "forecast_spent" => "全年预计执行数",
        "execution_rate" => "执行率",
        "self_evaluation" => "自评",
        "spent" => "全年执行数",
        "execution_weight" => "预算执行分值",
        "execution_score" => "预算执行得分",
        "total_score" => "总分",
        "grade" => "评价等级",
        "actual" => "实际完成值",
        "score" => "得分",
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

#[cfg(test)]
mod tests {
    use super::{field_label, official};

    /// Every selector of a style sheet, `@media` blocks opened.
    fn selectors(css: &str) -> Vec<String> {
        let mut all = Vec::new();
        for rule in css.split('}') {
            let Some(at) = rule.rfind('{') else { continue };
            let head = rule[..at].rsplit('{').next().unwrap_or_default();
            all.extend(head.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()));
        }
        all
    }

    #[test]
    fn the_official_layouts_style_stays_inside_it() {
        let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/../../samples/ningxia-waishi-2020.expected.json");
        let docs: Vec<jixiao_core::Document> = serde_json::from_str(&std::fs::read_to_string(sample).unwrap()).unwrap();
        let html = official(&docs[1]);
        let css = html.split("<style>").nth(1).unwrap().split("</style>").next().unwrap();
        let found = selectors(css);
        assert!(found.len() > 10, "the writer's rules are kept: {css}");
        for sel in &found {
            assert!(sel == ".official" || sel.starts_with(".official "), "unscoped selector {sel:?} in {css}");
        }
        for kept in
            [".official table", ".official th", ".official caption", ".official *", ".official section.jx-table"]
        {
            assert!(found.iter().any(|s| s == kept), "{kept} in {found:?}");
        }
        assert!(css.contains("@media print"), "the print rules stay, scoped");
        assert!(!css.contains("@page"), "the printed page's rule is the page's, not the layout's");
        // The standalone export keeps the writer's page style as it was.
        let mut out = Vec::new();
        let mut w = jixiao_tables::write::html::HtmlWriter::new(&mut out, "");
        w.write(&docs[1]).unwrap();
        w.finish().unwrap();
        let page = String::from_utf8(out).unwrap();
        assert!(page.contains("\ntable { width: 100%;") && page.contains("@page"), "{page}");
    }

    #[test]
    fn monitoring_and_year_end_changes_are_named_in_words() {
        assert_eq!(field_label("indicators/2/monitoring/forecast"), "第 3 个指标的全年预计完成情况");
        assert_eq!(field_label("indicators/0/monitoring"), "第 1 个指标的监控数据");
        assert_eq!(field_label("indicators/0/actual"), "第 1 个指标的实际完成值");
        assert_eq!(field_label("monitoring/spent_to_date"), "监控数据·1–N月执行数");
        assert_eq!(field_label("self_evaluation/total_score"), "自评·总分");
        assert_eq!(field_label("something/else"), "something/else", "an unknown path is shown as it is");
    }
}
