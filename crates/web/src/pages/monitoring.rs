//! The monitoring form (绩效运行监控): an officer enters, for month N, the budget execution and
//! per indicator the actual to date, the forecast, the deviation cause and the likelihood, on
//! an approved or published target table of their department. Saved as a new version with a
//! change-log entry; the status and the targets stay as they are.

use jixiao_core::model::{IndicatorMonitoring, Monitoring};

use super::entry::{EntryForm, Fields, FormError, Prefill, save_entry};
use super::*;
use crate::save::SaveKind;

/// Applies the monitoring form to `doc`; every other part of the document stays as it is.
pub(crate) fn apply_monitoring(mut doc: Document, form: &HashMap<String, String>) -> Result<Document, FormError> {
    let f = Fields(form);
    let month_text = f.text("month");
    let month = if month_text.is_empty() {
        None
    } else {
        Some(
            f.number_text("month")
                .parse::<u8>()
                .ok()
                .filter(|m| (1..=12).contains(m))
                .ok_or_else(|| FormError::new(format!("月份“{month_text}”应为 1–12 的整数")))?,
        )
    };
    let old = doc.monitoring.take().unwrap_or_default();
    let mut m = Monitoring {
        month,
        budget_initial: f.amount("budget_initial", "年初预算数")?,
        budget_full_year: f.amount("budget_full_year", "全年预算数")?,
        spent_to_date: f.amount("spent_to_date", "1–N月执行数")?,
        execution_rate: None,
        forecast_spent: f.amount("forecast_spent", "全年预计执行数")?,
        cause: f.cause("exec_cause")?,
        deviation_cause: f.optional("exec_cause_text"),
        // The 其中 rows are read from published tables; the form does not enter them.
        budget_parts: old.budget_parts.clone(),
    };
    // A rate read from a published table stands only while the figures it came from are absent;
    // entered figures give the rate themselves.
    if m.spent_to_date.is_none() {
        m.execution_rate = old.execution_rate;
    }
    doc.monitoring = (m != Monitoring::default()).then_some(m);
    for (i, ind) in doc.indicators.iter_mut().enumerate() {
        let im = IndicatorMonitoring {
            actual_to_date: f.optional(&format!("to_date_{i}")),
            forecast: f.optional(&format!("forecast_{i}")),
            cause: f.cause(&format!("cause_{i}"))?,
            likelihood: f.likelihood(&format!("likelihood_{i}"))?,
        };
        ind.monitoring = (im != IndicatorMonitoring::default()).then_some(im);
        ind.deviation_cause = f.optional(&format!("cause_text_{i}"));
    }
    let refused = crate::figures::check_monitoring(&doc);
    FormError::unless_refused(doc, refused)
}

/// The form, prefilled with `doc`'s monitoring data, or with what was typed.
pub(crate) fn monitoring_editor(
    u: &CurrentUser,
    id: i64,
    version: i64,
    doc: &Document,
    message: &str,
    typed: Prefill,
) -> String {
    let m = doc.monitoring.clone().unwrap_or_default();
    let unit = doc.project.as_ref().map(|p| p.funds.unit.label()).unwrap_or("万元");
    let mut s = format!(
        "<h1>填报监控数据: {}</h1>{message}<p class=\"info\">监控数据按已批复的绩效目标填报, 不改变目标本身; 保存后生成新版本并记入历史, 表的状态不变。\
         灯的颜色按内置评分方案 (财预〔2020〕10号) 的阈值计算。</p>\
         <form method=\"post\" action=\"/tables/{id}/monitoring\">{}<input type=\"hidden\" name=\"version\" value=\"{version}\">\
         <fieldset><legend>预算执行 ({unit})</legend><label>数据截至 {} 月</label>\
         <label>年初预算数 {}</label><label>全年预算数 (调整后) {}</label><label>1–N月执行数 {}</label>\
         <label>全年预计执行数 {}</label><br><label>偏差原因 {}</label><label>说明 {}</label></fieldset>\
         <fieldset><legend>绩效指标</legend><table class=\"list\" id=\"monitoring-entry\"><tr><th>#</th><th>一级指标</th>\
         <th>二级指标</th><th>三级指标</th><th>指标值</th><th>1–N月实际完成值</th><th>全年预计完成情况</th>\
         <th>偏差原因类别</th><th>偏差原因说明</th><th>完成目标可能性</th></tr>",
        esc(doc.label()),
        csrf_field(u),
        typed.input("month", &m.month.map(|m| m.to_string()).unwrap_or_default(), 2),
        typed.amount("budget_initial", m.budget_initial),
        typed.amount("budget_full_year", m.budget_full_year),
        typed.amount("spent_to_date", m.spent_to_date),
        typed.amount("forecast_spent", m.forecast_spent),
        typed.cause("exec_cause", m.cause),
        typed.input("exec_cause_text", m.deviation_cause.as_deref().unwrap_or(""), 30),
    );
    for (i, ind) in doc.indicators.iter().enumerate() {
        let im = ind.monitoring.clone().unwrap_or_default();
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            i + 1,
            esc(&ind.level1),
            esc(&ind.level2),
            esc(&ind.name),
            esc(&ind.target),
            typed.input(&format!("to_date_{i}"), im.actual_to_date.as_deref().unwrap_or(""), 10),
            typed.input(&format!("forecast_{i}"), im.forecast.as_deref().unwrap_or(""), 10),
            typed.cause(&format!("cause_{i}"), im.cause),
            typed.input(&format!("cause_text_{i}"), ind.deviation_cause.as_deref().unwrap_or(""), 20),
            typed.likelihood(&format!("likelihood_{i}"), im.likelihood),
        ));
    }
    s.push_str(&format!(
        "</table><p><small>完成值写成与指标值可比的形式 (如“6个”“95%”“2021年3月15日”); 灯不是绿色时请填写偏差原因。</small></p>\
         </fieldset><p><button type=\"submit\">保存监控数据</button> <a href=\"/tables/{id}\">返回</a></p></form>"
    ));
    s
}

/// Refuses a user who may see the table but not enter monitoring data on it, saying why.
pub(crate) fn refuse_monitoring(u: &CurrentUser, t: &jixiao_store::TableSummary) -> Response {
    if access::may_edit(u, t) {
        AppError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            format!("只有审核通过或已公开的绩效目标表才能填报监控数据 (此表当前为“{}”)", t.status.label()),
        )
        .into_response()
    } else {
        AppError::forbidden().into_response()
    }
}

pub(crate) async fn monitoring_form(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_monitor(&u, &t.summary) {
        return Err(refuse_monitoring(&u, &t.summary));
    }
    Ok(page("填报监控数据", Some(&u), &monitoring_editor(&u, id, t.version, &t.document, "", Prefill(None))))
}

pub(crate) async fn monitoring_save(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let t = load(&state, &u, id).await.map_err(IntoResponse::into_response)?;
    if !access::may_monitor(&u, &t.summary) {
        return Err(refuse_monitoring(&u, &t.summary));
    }
    let entry = EntryForm {
        title: "填报监控数据",
        anchor: "monitoring",
        apply: apply_monitoring,
        draw: monitoring_editor,
        kind: SaveKind::Monitoring,
    };
    save_entry(&state, &u, &t, &form, &entry).await
}
