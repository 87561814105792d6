//! The editor: header, funds, goals and indicators; targets checked against the grammar as typed.

use super::entry::{Fields, FormError, conflict_message, error_message};
use super::*;
use crate::save::{SaveKind, review_and_save};
use jixiao_core::quantity::Amount;

pub(crate) async fn editor_js() -> Response {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("../../static/editor.js")).into_response()
}

#[derive(Deserialize)]
pub(crate) struct TargetQuery {
    pub(crate) text: String,
}

/// How the target grammar reads a target, in words, for the editor's check as one types.
pub(crate) async fn check_target(
    viewer: Viewer,
    Query(q): Query<TargetQuery>,
) -> AppResult<axum::Json<serde_json::Value>> {
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

pub(crate) fn editor(u: &CurrentUser, id: i64, version: i64, doc: &Document, message: &str) -> String {
    let mut s = format!(
        "<h1>编辑: {}</h1>{message}<form method=\"post\" action=\"/tables/{id}/edit\">{}\
         <input type=\"hidden\" name=\"version\" value=\"{version}\">\
         <fieldset><legend>表头</legend><label>年度 <input type=\"text\" name=\"year\" value=\"{}\" size=\"5\"></label>\
         <label>表名 <input type=\"text\" name=\"title\" value=\"{}\" size=\"40\"></label></fieldset>{}\
         <fieldset><legend>绩效目标 (每行一条)</legend><textarea name=\"goals\" rows=\"4\">{}</textarea></fieldset>\
         <fieldset><legend>绩效指标</legend><table class=\"list\"><tr><th>顺序</th><th>一级指标</th><th>二级指标</th>\
         <th>三级指标</th><th>指标值</th><th>删除</th></tr>",
        esc(doc.label()),
        csrf_field(u),
        doc.year.map(|y| y.to_string()).unwrap_or_default(),
        esc(&doc.title),
        project_fields(doc),
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

pub(crate) async fn edit_form(
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

/// The project header and its funds, for project tables.
fn project_fields(doc: &Document) -> String {
    let Some(p) = &doc.project else { return String::new() };
    let amount = |a: Option<Amount>| a.map(|a| a.to_string()).unwrap_or_default();
    format!(
        "<fieldset><legend>项目</legend><label>项目名称 <input type=\"text\" name=\"project_name\" value=\"{}\" size=\"30\"></label>\
         <label>实施单位 <input type=\"text\" name=\"implementer\" value=\"{}\"></label>\
         <label>项目属性 <input type=\"text\" name=\"attribute\" value=\"{}\"></label>\
         <label>项目期 <input type=\"text\" name=\"period\" value=\"{}\"></label></fieldset>\
         <fieldset><legend>项目资金 ({})</legend><label>年度资金总额 <input type=\"text\" name=\"funds_total\" value=\"{}\" size=\"10\"></label>\
         <label>其中: 财政拨款 <input type=\"text\" name=\"funds_fiscal\" value=\"{}\" size=\"10\"></label>\
         <label>其他资金 <input type=\"text\" name=\"funds_other\" value=\"{}\" size=\"10\"></label></fieldset>",
        esc(&p.name),
        esc(&p.implementer),
        esc(&p.attribute),
        esc(&p.period),
        p.funds.unit.label(),
        amount(p.funds.total),
        amount(p.funds.fiscal),
        amount(p.funds.other),
    )
}

/// Applies the editor's fields to a document: the edited document, and for each of its
/// indicators the row of `doc` it continues (`None` for a row added).
pub(crate) fn apply_form(
    mut doc: Document,
    form: &HashMap<String, String>,
) -> Result<(Document, Vec<Option<usize>>), FormError> {
    let fields = Fields(form);
    let get = |k: &str| fields.text(k);
    let year = get("year");
    doc.year = if year.is_empty() {
        None
    } else {
        Some(year.parse().map_err(|_| FormError::new(format!("年度“{year}”不是数字")))?)
    };
    doc.title = get("title");
    if let Some(p) = doc.project.as_mut() {
        if form.contains_key("project_name") {
            p.name = get("project_name");
            p.implementer = get("implementer");
            p.attribute = get("attribute");
            p.period = get("period");
            p.funds.total = fields.amount("funds_total", "年度资金总额")?;
            p.funds.fiscal = fields.amount("funds_fiscal", "财政拨款")?;
            p.funds.other = fields.amount("funds_other", "其他资金")?;
        }
    }
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
        ind.level1 = l1.into();
        ind.level2 = l2.into();
        ind.name = name;
        ind.target = target;
        let order: f64 = get(&format!("order_{i}")).parse().unwrap_or((i + 1) as f64);
        rows.push((order, i, ind));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let base = doc.indicators.len();
    let continues = rows.iter().map(|r| (r.1 < base).then_some(r.1)).collect();
    doc.indicators = rows.into_iter().map(|r| r.2).collect();
    Ok((doc, continues))
}

pub(crate) async fn edit(
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
    let (doc, rows) = match apply_form(base, &form) {
        Ok(d) => d,
        Err(e) => {
            let msg = error_message(&e.to_string());
            return Ok(page("编辑", Some(&u), &editor(&u, id, based_on, &t.document, &msg)).into_response());
        }
    };
    match review_and_save(&state, id, based_on, &doc, &u.user.username, SaveKind::Edit, Some(&rows)).await {
        Ok(_) => Ok(Redirect::to(&format!("/tables/{id}")).into_response()),
        Err(jixiao_store::StoreError::Conflict(m)) => {
            let msg = conflict_message(&m, t.version);
            let mut r = page("编辑", Some(&u), &editor(&u, id, t.version, &doc, &msg)).into_response();
            *r.status_mut() = StatusCode::CONFLICT;
            Ok(r)
        }
        Err(e) => Err(AppError::from(e).into_response()),
    }
}
