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
    q: Result<Query<TargetQuery>, AppError>,
) -> AppResult<axum::Json<serde_json::Value>> {
    viewer.0.ok_or_else(|| AppError::unauthorized().json())?;
    // The editor's script reads the answer as JSON, a refusal too.
    let Query(q) = q.map_err(AppError::json)?;
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

/// One indicator row as the editor draws it: the row of the version the form is based on that
/// it continues (`None` for a row added), and its fields as text.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Row {
    pub(crate) origin: Option<usize>,
    pub(crate) order: String,
    pub(crate) level1: String,
    pub(crate) level2: String,
    pub(crate) name: String,
    pub(crate) target: String,
    pub(crate) delete: bool,
}

/// The project header and funds as the editor draws them.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ProjectDraft {
    pub(crate) name: String,
    pub(crate) implementer: String,
    pub(crate) attribute: String,
    pub(crate) period: String,
    pub(crate) unit: &'static str,
    pub(crate) total: String,
    pub(crate) fiscal: String,
    pub(crate) other: String,
}

/// What the editor shows: a document's fields, or what was typed when a save was refused for a
/// mistyped field — the same drawing either way, so that a refusal loses nothing typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Draft {
    /// The table's name in the heading (as stored: it does not change while one types).
    pub(crate) label: String,
    pub(crate) year: String,
    pub(crate) title: String,
    pub(crate) project: Option<ProjectDraft>,
    pub(crate) goals: String,
    pub(crate) rows: Vec<Row>,
}

impl Draft {
    /// `doc` as the editor shows it; `origins[k]` is the row of the form's base version that
    /// indicator `k` continues.
    pub(crate) fn of(doc: &Document, origins: &[Option<usize>]) -> Draft {
        let amount = |a: Option<Amount>| a.map(|a| a.to_string()).unwrap_or_default();
        Draft {
            label: doc.label().to_owned(),
            year: doc.year.map(|y| y.to_string()).unwrap_or_default(),
            title: doc.title.clone(),
            project: doc.project.as_ref().map(|p| ProjectDraft {
                name: p.name.clone(),
                implementer: p.implementer.clone(),
                attribute: p.attribute.clone(),
                period: p.period.clone(),
                unit: p.funds.unit.label(),
                total: amount(p.funds.total),
                fiscal: amount(p.funds.fiscal),
                other: amount(p.funds.other),
            }),
            goals: doc.goals.join("\n"),
            rows: doc
                .indicators
                .iter()
                .enumerate()
                .map(|(i, ind)| Row {
                    origin: origins.get(i).copied().flatten(),
                    order: (i + 1).to_string(),
                    level1: ind.level1.to_string(),
                    level2: ind.level2.to_string(),
                    name: ind.name.clone(),
                    target: ind.target.clone(),
                    delete: false,
                })
                .collect(),
        }
    }

    /// What was typed into the editor made over `base` (whose project the form may show).
    pub(crate) fn typed(form: &HashMap<String, String>, base: &Document) -> Draft {
        let get = |k: &str| form.get(k).cloned().unwrap_or_default();
        let project = base.project.as_ref().map(|p| ProjectDraft {
            name: get("project_name"),
            implementer: get("implementer"),
            attribute: get("attribute"),
            period: get("period"),
            unit: p.funds.unit.label(),
            total: get("funds_total"),
            fiscal: get("funds_fiscal"),
            other: get("funds_other"),
        });
        let rows = form_rows(form, base.indicators.len())
            .into_iter()
            .map(|(i, origin)| Row {
                origin,
                order: get(&format!("order_{i}")),
                level1: get(&format!("level1_{i}")),
                level2: get(&format!("level2_{i}")),
                name: get(&format!("name_{i}")),
                target: get(&format!("target_{i}")),
                delete: form.contains_key(&format!("delete_{i}")),
            })
            // The blank row for a new indicator is drawn anew below the others.
            .filter(|r| r.origin.is_some() || r.delete || !r.is_blank())
            .collect();
        Draft {
            label: base.label().to_owned(),
            year: get("year"),
            title: get("title"),
            project,
            goals: get("goals"),
            rows,
        }
    }
}

impl Row {
    fn is_blank(&self) -> bool {
        [&self.level1, &self.level2, &self.name, &self.target].iter().all(|f| f.trim().is_empty())
    }
}

/// The rows an editor form carries, as (field index, row of the base version it continues).
/// The form says how many rows it drew and where each came from, so that it is read by its own
/// rows whatever the base has become; a form without the count (not drawn by this editor) is read
/// by the base's rows and one more. An origin outside the base, or claimed by an earlier row, is
/// a row added.
pub(crate) fn form_rows(form: &HashMap<String, String>, base_len: usize) -> Vec<(usize, Option<usize>)> {
    let Some(count) = form.get("rows").and_then(|n| n.trim().parse::<usize>().ok()) else {
        return (0..=base_len).map(|i| (i, (i < base_len).then_some(i))).collect();
    };
    // Each row has fields of its own: a count beyond the fields sent is no row.
    let count = count.min(form.len());
    let mut claimed = vec![false; base_len];
    (0..count)
        .map(|i| {
            let origin = form
                .get(&format!("origin_{i}"))
                .and_then(|o| o.trim().parse::<usize>().ok())
                .filter(|&o| o < base_len && !std::mem::replace(&mut claimed[o], true));
            (i, origin)
        })
        .collect()
}

pub(crate) fn editor(u: &CurrentUser, id: i64, version: i64, draft: &Draft, message: &str) -> String {
    let blank = Row { order: (draft.rows.len() + 1).to_string(), ..Row::default() };
    let rows: Vec<&Row> = draft.rows.iter().chain(std::iter::once(&blank)).collect();
    let mut s = format!(
        "<h1>编辑: {}</h1>{message}<form method=\"post\" action=\"/tables/{id}/edit\">{}\
         <input type=\"hidden\" name=\"version\" value=\"{version}\"><input type=\"hidden\" name=\"rows\" value=\"{}\">\
         <fieldset><legend>表头</legend><label>年度 <input type=\"text\" name=\"year\" value=\"{}\" size=\"5\"></label>\
         <label>表名 <input type=\"text\" name=\"title\" value=\"{}\" size=\"40\"></label></fieldset>{}\
         <fieldset><legend>绩效目标 (每行一条)</legend><textarea name=\"goals\" rows=\"4\">{}</textarea></fieldset>\
         <fieldset><legend>绩效指标</legend><table class=\"list\"><tr><th>顺序</th><th>一级指标</th><th>二级指标</th>\
         <th>三级指标</th><th>指标值</th><th>删除</th></tr>",
        esc(&draft.label),
        csrf_field(u),
        rows.len(),
        esc(&draft.year),
        esc(&draft.title),
        draft.project.as_ref().map(project_fields).unwrap_or_default(),
        esc(&draft.goals),
    );
    for (i, row) in rows.iter().enumerate() {
        s.push_str(&format!(
            "<tr><td><input type=\"hidden\" name=\"origin_{i}\" value=\"{}\">\
             <input type=\"text\" name=\"order_{i}\" value=\"{}\" size=\"3\"></td>\
             <td><input type=\"text\" name=\"level1_{i}\" value=\"{}\"></td><td><input type=\"text\" name=\"level2_{i}\" value=\"{}\"></td>\
             <td><input type=\"text\" name=\"name_{i}\" value=\"{}\"></td><td><input type=\"text\" name=\"target_{i}\" value=\"{}\" class=\"target\"></td>\
             <td><input type=\"checkbox\" name=\"delete_{i}\" value=\"1\"{}></td></tr>",
            row.origin.map(|o| o.to_string()).unwrap_or_default(),
            esc(&row.order),
            esc(&row.level1),
            esc(&row.level2),
            esc(&row.name),
            esc(&row.target),
            if row.delete { " checked" } else { "" },
        ));
    }
    s.push_str("</table><p><small>最后一行用于新增指标; 改“顺序”可调整指标的先后。</small></p></fieldset><p><button type=\"submit\">保存</button></p></form><script src=\"/static/editor.js\" defer></script>");
    s
}

/// Why a table of the user's department cannot be edited now, if it cannot: a submitted or
/// approved table is locked until the workflow gives it back.
fn locked(t: &jixiao_store::TableSummary) -> Option<String> {
    match t.status {
        Status::Submitted => Some("此表已报送, 正在审核中, 不能编辑; 审核人员退回后才能修改。".to_owned()),
        Status::Approved => Some("此表已审核通过, 不能编辑; 公开后可以编辑, 修改将作为新版本重新审核。".to_owned()),
        _ => None,
    }
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
    if let Some(why) = locked(&t.summary) {
        return Err(AppError::new(StatusCode::FORBIDDEN, "locked", why).into_response());
    }
    let origins: Vec<Option<usize>> = (0..t.document.indicators.len()).map(Some).collect();
    Ok(page("编辑", Some(&u), &editor(&u, id, t.version, &Draft::of(&t.document, &origins), "")))
}

/// The project header and its funds, for project tables.
fn project_fields(p: &ProjectDraft) -> String {
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
        p.unit,
        esc(&p.total),
        esc(&p.fiscal),
        esc(&p.other),
    )
}

/// Applies the editor's fields to `doc`, the version the form was made from: the edited
/// document, and for each of its indicators the row of `doc` it continues (`None` for a row
/// added). Every row the form drew is kept unless ticked for deletion or left blank as added.
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
        Some(fields.number_text("year").parse().map_err(|_| FormError::new(format!("年度“{year}”不是数字")))?)
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
    for (i, origin) in form_rows(form, doc.indicators.len()) {
        if form.contains_key(&format!("delete_{i}")) {
            continue;
        }
        let name = get(&format!("name_{i}"));
        let (l1, l2, target) = (get(&format!("level1_{i}")), get(&format!("level2_{i}")), get(&format!("target_{i}")));
        if origin.is_none() && name.is_empty() && target.is_empty() && l1.is_empty() && l2.is_empty() {
            continue;
        }
        let mut ind = origin.and_then(|o| doc.indicators.get(o).cloned()).unwrap_or_default();
        ind.level1 = l1.into();
        ind.level2 = l2.into();
        ind.name = name;
        ind.target = target;
        let order: f64 = fields.number_text(&format!("order_{i}")).parse().unwrap_or((i + 1) as f64);
        rows.push((order, i, origin, ind));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let continues = rows.iter().map(|r| r.2).collect();
    doc.indicators = rows.into_iter().map(|r| r.3).collect();
    Ok((doc, continues))
}

/// `origins` (rows of `from`) as rows of `to`, by the indicators' identities: a row whose
/// indicator `to` no longer has is a row added.
fn rebase(
    origins: &[Option<usize>],
    from: &jixiao_core::elements::Elements,
    to: &jixiao_core::elements::Elements,
) -> Vec<Option<usize>> {
    origins
        .iter()
        .map(|o| o.and_then(|o| from.indicator(o)).and_then(|id| to.indicators.iter().position(|&x| x == id)))
        .collect()
}

/// The other table `doc` would become the same table as (same year, department, kind, stage and
/// project), if there is one.
async fn same_identity(state: &AppState, id: i64, doc: &Document) -> Option<jixiao_store::TableSummary> {
    let key = jixiao_core::identity::TableKey::of(doc);
    let filter = Filter {
        year: doc.year,
        department: Some(doc.department.trim().to_owned()),
        per_page: 500,
        page: 1,
        ..Filter::default()
    };
    let candidates = state.store().list(&filter).await.ok()?.items;
    for c in candidates.into_iter().filter(|c| c.id != id) {
        if let Ok(other) = state.store().get(c.id).await {
            if jixiao_core::identity::TableKey::of(&other.document) == key {
                return Some(c);
            }
        }
    }
    None
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
    let redraw = |version: i64, draft: &Draft, message: String, status: StatusCode| {
        let mut r = page("编辑", Some(&u), &editor(&u, id, version, draft, &message)).into_response();
        *r.status_mut() = status;
        r
    };
    let based_on: i64 = form.get("version").and_then(|v| v.parse().ok()).unwrap_or(0);
    // The form is applied to the version it was made from, whose rows its origins name, so that a
    // conflict loses nothing typed.
    let base = match state.store().get_version(id, based_on).await {
        Ok(b) => b,
        Err(_) => t.clone(),
    };
    let typed = || Draft::typed(&form, &base.document);
    let (doc, rows) = match apply_form(base.document.clone(), &form) {
        Ok(d) => d,
        Err(e) => {
            return Ok(redraw(based_on, &typed(), error_message(&e.to_string()), StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    let saved = review_and_save(&state, id, based_on, &doc, &u.user.username, SaveKind::Edit, Some(&rows)).await;
    match saved {
        Ok(_) => Ok(Redirect::to(&format!("/tables/{id}")).into_response()),
        Err(jixiao_store::StoreError::Conflict(m)) => {
            let current = state.store().get(id).await.map_err(|e| AppError::from(e).into_response())?;
            if current.version == based_on {
                // Not a stale version: the edit would make this table the same table as another.
                let message = match same_identity(&state, id, &doc).await {
                    Some(other) if access::may_see(&u, &other) => format!(
                        "已有一张年度、部门、类型和项目都相同的表: <a href=\"/tables/{}\">第 {} 号表 “{}”</a> ({} 年度)。\
                         两张表不能相同, 请修改年度或项目名称后再保存, 或者编辑那张表。",
                        other.id,
                        other.id,
                        esc(&other.project_name),
                        other.year.map(|y| y.to_string()).unwrap_or_else(|| "未填".into()),
                    ),
                    // Another department's table is not shown to an officer, but still named as the cause.
                    _ => "已有一张年度、部门、类型和项目都相同的表。两张表不能相同, 请修改年度或项目名称后再保存。"
                        .to_owned(),
                };
                let draft = Draft::of(&doc, &rows);
                let msg = format!("<p class=\"conflict\" role=\"alert\">{message}</p>");
                return Ok(redraw(based_on, &draft, msg, StatusCode::CONFLICT));
            }
            // Saved again, the form overwrites the current version: its rows are named as rows of
            // that version.
            let draft = Draft::of(&doc, &rebase(&rows, &base.elements, &current.elements));
            Ok(redraw(current.version, &draft, conflict_message(&m, current.version), StatusCode::CONFLICT))
        }
        Err(jixiao_store::StoreError::Invalid(m)) => {
            Ok(redraw(based_on, &typed(), error_message(&m), StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(AppError::from(e).into_response()),
    }
}
