//! The year-end form (绩效自评): an officer enters the budget execution block and per indicator
//! the actual, its 分值 and 得分 and the deviation cause, on a self-evaluation table (自评表) of
//! their department, saved through the editor's versioned save. A 自评表 can be started from an
//! approved or published target table: a copy of its targets, without its monitoring data.

use jixiao_core::model::SelfEvaluation;

use super::entry::{EntryForm, Fields, FormError, Prefill, save_entry};
use super::*;
use crate::save::SaveKind;

/// Applies the year-end form to `doc`; the targets and the rest stay as they are. The table
/// keeps its self-evaluation block (empty or not), so that it stays a 自评表.
pub(crate) fn apply_actuals(mut doc: Document, form: &HashMap<String, String>) -> Result<Document, FormError> {
    let f = Fields(form);
    let old = doc.self_evaluation.take().unwrap_or_default();
    doc.self_evaluation = Some(SelfEvaluation {
        budget_initial: f.amount("budget_initial", "年初预算数")?,
        budget_full_year: f.amount("budget_full_year", "全年预算数")?,
        spent: f.amount("spent", "全年执行数")?,
        execution_rate: old.execution_rate.filter(|_| form.get("spent").is_none_or(|s| s.trim().is_empty())),
        execution_weight: f.amount("execution_weight", "预算执行率的分值")?,
        execution_score: f.amount("execution_score", "预算执行率的得分")?,
        total_score: f.amount("total_score", "总分")?,
        grade: f.optional("grade"),
        ..old
    });
    for (i, ind) in doc.indicators.iter_mut().enumerate() {
        let n = i + 1;
        ind.actual = f.optional(&format!("actual_{i}"));
        ind.weight = f.amount(&format!("weight_{i}"), &format!("第 {n} 个指标的分值"))?;
        let score = f.amount(&format!("score_{i}"), &format!("第 {n} 个指标的得分"))?;
        // A blank 得分 on a table that had the column stays blank (null), not absent.
        ind.score = ind.score.entered(score);
        ind.deviation_cause = f.optional(&format!("cause_text_{i}"));
    }
    let refused = crate::figures::check_actuals(&doc);
    FormError::unless_refused(doc, refused)
}

/// The form, prefilled with `doc`'s year-end data, or with what was typed.
pub(crate) fn actuals_editor(
    u: &CurrentUser,
    id: i64,
    version: i64,
    doc: &Document,
    message: &str,
    typed: Prefill,
) -> String {
    let se = doc.self_evaluation.clone().unwrap_or_default();
    let unit = doc.project.as_ref().map(|p| p.funds.unit.label()).unwrap_or("万元");
    let mut s = format!(
        "<h1>填报年终自评: {}</h1>{message}<p class=\"info\">填写实际完成值后, 本表按内置评分方案 (财预〔2020〕10号) 计算每个指标的得分并写出计算过程; \
         “得分”一栏是单位自评所填的分数, 与计算结果不符之处会列出。保存后生成新版本并记入历史。</p>\
         <form method=\"post\" action=\"/tables/{id}/actuals\">{}<input type=\"hidden\" name=\"version\" value=\"{version}\">\
         <fieldset><legend>预算执行 ({unit})</legend><label>年初预算数 {}</label><label>全年预算数 {}</label>\
         <label>全年执行数 {}</label><label>分值 {}</label><label>得分 {}</label><br>\
         <label>总分 (填报) {}</label><label>评价等级 (填报) {}</label></fieldset>\
         <fieldset><legend>绩效指标</legend><table class=\"list\" id=\"actuals-entry\"><tr><th>#</th><th>一级指标</th>\
         <th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th>\
         <th>偏差原因分析及改进措施</th></tr>",
        esc(doc.label()),
        csrf_field(u),
        typed.amount("budget_initial", se.budget_initial),
        typed.amount("budget_full_year", se.budget_full_year),
        typed.amount("spent", se.spent),
        typed.amount("execution_weight", se.execution_weight),
        typed.amount("execution_score", se.execution_score),
        typed.amount("total_score", se.total_score),
        typed.input("grade", se.grade.as_deref().unwrap_or(""), 4),
    );
    for (i, ind) in doc.indicators.iter().enumerate() {
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&ind.level1),
            esc(&ind.level2),
            esc(&ind.name),
            esc(&ind.target),
            typed.input(&format!("actual_{i}"), ind.actual.as_deref().unwrap_or(""), 12),
            typed.amount(&format!("weight_{i}"), ind.weight),
            typed.amount(&format!("score_{i}"), ind.score.into_given()),
            typed.input(&format!("cause_text_{i}"), ind.deviation_cause.as_deref().unwrap_or(""), 24),
        ));
    }
    s.push_str(&format!(
        "</table><p><small>分值留空时按评分方案在一级指标内平均分配; 得分留空时只显示计算结果。</small></p></fieldset>\
         <p><button type=\"submit\">保存自评数据</button> <a href=\"/tables/{id}\">返回</a></p></form>"
    ));
    s
}

fn refuse_actuals(u: &CurrentUser, t: &jixiao_store::TableSummary) -> Response {
    if access::may_edit(u, t) {
        let why = if t.stage != "self_evaluation" {
            "年终实际完成值填在自评表上: 请在审核通过或已公开的绩效目标表上点“开始年终自评”".to_owned()
        } else {
            format!("自评表当前为“{}”, 审核期间不能修改", t.status.label())
        };
        AppError::new(StatusCode::FORBIDDEN, "forbidden", why).into_response()
    } else {
        AppError::forbidden().into_response()
    }
}

pub(crate) async fn actuals_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_enter_actuals(&u, &t.summary) {
        return Err(refuse_actuals(&u, &t.summary));
    }
    Ok(page("填报年终自评", Some(&u), &actuals_editor(&u, id, t.version, &t.document, "", Prefill(None))))
}

pub(crate) async fn actuals_save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_enter_actuals(&u, &t.summary) {
        return Err(refuse_actuals(&u, &t.summary));
    }
    let entry = EntryForm {
        title: "填报年终自评",
        anchor: "scores",
        apply: apply_actuals,
        draw: actuals_editor,
        kind: SaveKind::Edit,
    };
    save_entry(&state, &u, &t, &form, &entry).await
}

/// The 自评表 that belongs to a target table: its targets and header, a self-evaluation block
/// with the year's funds as budget, no monitoring data, no actuals yet.
pub(crate) fn self_evaluation_of(target: &Document) -> Document {
    let mut doc = jixiao_core::monitoring::without_monitoring(target);
    let budget = doc.project.as_ref().and_then(|p| p.funds.total);
    doc.self_evaluation =
        Some(SelfEvaluation { budget_initial: budget, budget_full_year: budget, ..Default::default() });
    doc
}

/// Starts (or opens) the 自评表 of an approved or published target table: a new table of its
/// own, going through the workflow itself; if the department already has one, it is opened.
pub(crate) async fn start_self_evaluation(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_monitor(&u, &t.summary) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "只能从本部门审核通过或已公开的绩效目标表开始年终自评",
        )
        .into_response());
    }
    let id = start(&state, &u, &t.document).await.map_err(|e| e.into_response())?;
    Ok(Redirect::to(&format!("/tables/{id}/actuals")).into_response())
}

/// The id of the 自评表 for `target`, created if the department has none yet.
pub(crate) async fn start(state: &AppState, u: &CurrentUser, target: &Document) -> AppResult<i64> {
    let doc = self_evaluation_of(target);
    let review = state.inner.reviewer.review(&doc, None);
    let json = serde_json::to_vec(&doc).unwrap_or_default();
    let table = ImportTable {
        report: DocumentReport::new(&doc, &review),
        document: doc,
        source_name: "年终自评".to_owned(),
        source_hash: jixiao_store::hash::sha256_hex(&json),
        reading: None,
    };
    // A dry run first: an existing 自评表 is opened as it is, never overwritten with a blank one.
    let would = state.store().import(&u.user.username, std::slice::from_ref(&table), true).await?;
    match would.first() {
        Some(jixiao_store::ImportOutcome::Created { .. }) => {
            let done = state.store().import(&u.user.username, &[table], false).await?;
            Ok(done.first().map(|o| o.id()).unwrap_or_default())
        }
        Some(o) => Ok(o.id()),
        None => Err(AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "未能建立自评表")),
    }
}
