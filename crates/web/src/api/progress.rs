//! The API's monitoring and self-evaluation: a table's lights and scores, monitoring data and
//! year-end actuals entered on the version they were based on, and the reviewers' overview.

use jixiao_core::model::{Monitoring, SelfEvaluation};

use super::*;

/// The body of `PUT /api/tables/{id}/monitoring`.
#[derive(Deserialize)]
struct MonitoringPut {
    version: i64,
    #[serde(default)]
    monitoring: Option<Monitoring>,
    #[serde(default)]
    indicators: Vec<MonitoringEntry>,
}

/// One indicator's monitoring data: the model's fields and the deviation text.
#[derive(Deserialize)]
struct MonitoringEntry {
    #[serde(flatten)]
    monitoring: jixiao_core::model::IndicatorMonitoring,
    #[serde(default)]
    deviation_cause: Option<String>,
}

/// The body of `PUT /api/tables/{id}/actuals`.
#[derive(Deserialize)]
struct ActualsPut {
    version: i64,
    #[serde(default)]
    self_evaluation: Option<SelfEvaluation>,
    #[serde(default)]
    indicators: Vec<ActualEntry>,
}

/// One indicator's year-end data.
#[derive(Deserialize)]
struct ActualEntry {
    #[serde(default)]
    actual: Option<String>,
    #[serde(default)]
    weight: Option<jixiao_core::quantity::Points>,
    #[serde(default)]
    score: Option<jixiao_core::quantity::Points>,
    #[serde(default)]
    deviation_cause: Option<String>,
}

/// The budget-execution fields `PUT …/monitoring` enters, as the monitoring form does: each is
/// replaced by the request's value (absent or null leaves it blank).
pub(super) const MONITORING_OWNED: [&str; 7] =
    ["month", "budget_initial", "budget_full_year", "spent_to_date", "forecast_spent", "cause", "deviation_cause"];

/// The self-evaluation fields `PUT …/actuals` enters, as the year-end form does.
pub(super) const ACTUALS_OWNED: [&str; 7] =
    ["budget_initial", "budget_full_year", "spent", "execution_weight", "execution_score", "total_score", "grade"];

/// The stored monitoring block with the request's entered fields. What the request does not
/// enter stays as read from the published table: the 其中 rows, and the published 执行率 while
/// no 1–N月执行数 is entered (entered figures give the rate themselves). A request may carry those
/// back unchanged (a document read and sent back), but not change them: that is an edit.
fn merge_monitoring(old: Monitoring, put: Monitoring) -> Result<Monitoring, Vec<(String, String)>> {
    let mut kept = Kept::new("monitoring");
    kept.check("budget_parts", put.budget_parts.is_empty() || put.budget_parts == old.budget_parts);
    kept.check("execution_rate", put.execution_rate.is_none() || put.execution_rate == old.execution_rate);
    kept.done()?;
    let execution_rate = if put.spent_to_date.is_none() { old.execution_rate } else { None };
    Ok(Monitoring { execution_rate, budget_parts: old.budget_parts, ..put })
}

/// The stored self-evaluation block with the request's entered fields; the rest (总分行的分值,
/// 其中 rows, the texts of 偏差原因, 目标完成情况, 评价结论, 存在问题, 改进措施, and a published 执行率
/// while no 全年执行数 is entered) stays as stored, as in [`merge_monitoring`].
fn merge_self_evaluation(old: SelfEvaluation, put: SelfEvaluation) -> Result<SelfEvaluation, Vec<(String, String)>> {
    let mut kept = Kept::new("self_evaluation");
    kept.check("execution_rate", put.execution_rate.is_none() || put.execution_rate == old.execution_rate);
    kept.check("total_weight", put.total_weight.is_none() || put.total_weight == old.total_weight);
    kept.check("budget_parts", put.budget_parts.is_empty() || put.budget_parts == old.budget_parts);
    for (name, new, stored) in [
        ("deviation_cause", &put.deviation_cause, &old.deviation_cause),
        ("goals_achieved", &put.goals_achieved, &old.goals_achieved),
        ("conclusion", &put.conclusion, &old.conclusion),
        ("problems", &put.problems, &old.problems),
        ("improvements", &put.improvements, &old.improvements),
    ] {
        kept.check(name, new.is_none() || new == stored);
    }
    kept.done()?;
    let execution_rate = if put.spent.is_none() { old.execution_rate } else { None };
    Ok(SelfEvaluation {
        budget_initial: put.budget_initial,
        budget_full_year: put.budget_full_year,
        spent: put.spent,
        execution_rate,
        execution_weight: put.execution_weight,
        execution_score: put.execution_score,
        total_score: put.total_score,
        grade: put.grade,
        ..old
    })
}

/// The fields of a block that a request may carry only as stored, and those it changed.
struct Kept {
    block: &'static str,
    changed: Vec<(String, String)>,
}

impl Kept {
    fn new(block: &'static str) -> Kept {
        Kept { block, changed: Vec::new() }
    }

    fn check(&mut self, name: &str, unchanged: bool) {
        if !unchanged {
            self.changed.push((
                format!("{}.{name}", self.block),
                format!(
                    "{}.{name} 不在此处填报, 保留表中原值; 要修改请用 PUT /api/tables/{{id}} 编辑整张表",
                    self.block
                ),
            ));
        }
    }

    fn done(self) -> Result<(), Vec<(String, String)>> {
        if self.changed.is_empty() { Ok(()) } else { Err(self.changed) }
    }
}

/// A 422 naming each refused field.
fn refused(fields: Vec<(String, String)>) -> AppError {
    let message = fields.iter().map(|(_, m)| m.as_str()).collect::<Vec<_>>().join("; ");
    let mut e = AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", message).json();
    e.fields = fields;
    e
}

/// A 422 naming each figure no table can state, when there is one.
fn check(refused: Vec<crate::figures::Refusal>) -> AppResult<()> {
    if refused.is_empty() {
        Ok(())
    } else {
        Err(self::refused(refused.into_iter().map(|r| (r.field, r.message)).collect()))
    }
}

fn invalid_body(what: &str, e: serde_json::Error) -> AppError {
    let mut err = AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", format!("请求体应为 {what}: {e}")).json();
    err.fields.push(("body".into(), e.to_string()));
    err
}

fn entries_mismatch(given: usize, expected: usize) -> AppError {
    field_error_status(
        StatusCode::UNPROCESSABLE_ENTITY,
        "indicators",
        format!("indicators 有 {given} 项, 此表有 {expected} 个指标: 应一一对应"),
    )
}

fn field_error_status(status: StatusCode, field: &str, message: String) -> AppError {
    let mut e = AppError::new(status, "invalid", message.clone()).json();
    e.fields.push((field.to_owned(), message));
    e
}

/// The document an entry is applied to: the version it was based on, else the current one.
async fn base(state: &AppState, t: &jixiao_store::StoredTable, version: i64) -> Document {
    state.store().get_version(t.summary.id, version).await.map(|b| b.document).unwrap_or_else(|_| t.document.clone())
}

pub(super) async fn monitoring(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    let lights = crate::progress::lights(&t.document, &state.inner.profile);
    Ok(Json(json!({
        "id": id,
        "version": t.version,
        "lights": lights.map(|r| crate::progress::lights_json(&t.document, &t.elements, &r)),
    })))
}

pub(super) async fn put_monitoring(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    body: Bytes,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    if !access::may_monitor(&u, &t.summary) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "只有本部门审核通过或已公开的绩效目标表才能填报监控数据",
        )
        .json());
    }
    let put: MonitoringPut =
        serde_json::from_slice(&body).map_err(|e| invalid_body("{\"version\", \"monitoring\", \"indicators\"}", e))?;
    if let Some(m) = put.monitoring.as_ref().and_then(|m| m.month).filter(|m| !(1..=12).contains(m)) {
        return Err(field_error_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            "monitoring.month",
            format!("月份 {m} 应为 1–12"),
        ));
    }
    let mut doc = base(&state, &t, put.version).await;
    if put.indicators.len() != doc.indicators.len() {
        return Err(entries_mismatch(put.indicators.len(), doc.indicators.len()));
    }
    let m = merge_monitoring(doc.monitoring.take().unwrap_or_default(), put.monitoring.unwrap_or_default())
        .map_err(refused)?;
    doc.monitoring = (m != Default::default()).then_some(m);
    for (ind, e) in doc.indicators.iter_mut().zip(put.indicators) {
        ind.monitoring = (e.monitoring != Default::default()).then_some(e.monitoring);
        ind.deviation_cause = e.deviation_cause.filter(|c| !c.trim().is_empty());
    }
    check(crate::figures::check_monitoring(&doc))?;
    let (version, _) = review_and_save(&state, id, put.version, &doc, &u.user.username, SaveKind::Monitoring, None)
        .await
        .map_err(|e| AppError::from(e).json())?;
    let lights = crate::progress::lights(&doc, &state.inner.profile);
    Ok(Json(json!({
        "id": id,
        "version": version,
        "lights": lights.map(|r| crate::progress::lights_json(&doc, &t.elements, &r)),
    })))
}

pub(super) async fn scores(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    let profile = &state.inner.profile;
    let scores = crate::progress::scores(&t.document, profile);
    Ok(Json(json!({
        "id": id,
        "version": t.version,
        "scores": scores.map(|s| crate::progress::scores_json(&t.document, &t.elements, &s, profile)),
    })))
}

pub(super) async fn put_actuals(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<i64>,
    body: Bytes,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    let t = load(&state, &u, id).await?;
    if !access::may_enter_actuals(&u, &t.summary) {
        return Err(AppError::new(
            StatusCode::FORBIDDEN,
            "forbidden",
            "只有本部门草稿、已退回或已公开的自评表才能填报年终实际完成值",
        )
        .json());
    }
    let put: ActualsPut = serde_json::from_slice(&body)
        .map_err(|e| invalid_body("{\"version\", \"self_evaluation\", \"indicators\"}", e))?;
    let mut doc = base(&state, &t, put.version).await;
    if put.indicators.len() != doc.indicators.len() {
        return Err(entries_mismatch(put.indicators.len(), doc.indicators.len()));
    }
    // The block stays, even empty, so that the table stays a 自评表.
    let old = doc.self_evaluation.take().unwrap_or_default();
    doc.self_evaluation = Some(merge_self_evaluation(old, put.self_evaluation.unwrap_or_default()).map_err(refused)?);
    for (ind, e) in doc.indicators.iter_mut().zip(put.indicators) {
        ind.actual = e.actual.filter(|a| !a.trim().is_empty());
        ind.weight = e.weight;
        ind.score = ind.score.entered(e.score);
        ind.deviation_cause = e.deviation_cause.filter(|c| !c.trim().is_empty());
    }
    check(crate::figures::check_actuals(&doc))?;
    let (version, _) = review_and_save(&state, id, put.version, &doc, &u.user.username, SaveKind::Edit, None)
        .await
        .map_err(|e| AppError::from(e).json())?;
    let profile = &state.inner.profile;
    let scores = crate::progress::scores(&doc, profile);
    Ok(Json(json!({
        "id": id,
        "version": version,
        "scores": scores.map(|s| crate::progress::scores_json(&doc, &t.elements, &s, profile)),
    })))
}

#[derive(Deserialize, Default)]
pub(super) struct OverviewQuery {
    year: Option<String>,
}

pub(super) async fn overview(
    State(state): State<AppState>,
    viewer: Viewer,
    Query(q): Query<OverviewQuery>,
) -> AppResult<Json<Value>> {
    let u = user(viewer)?;
    if !crate::pages::may_overview(&u) {
        return Err(AppError::forbidden().json());
    }
    let year = crate::pages::year_of(&crate::pages::OverviewQuery { year: q.year })
        .map_err(|e| field_error("year", e.message))?;
    let o = crate::pages::compute(&state, year).await.map_err(AppError::json)?;
    let profile = &state.inner.profile;
    let two = |d| crate::progress::number(crate::progress::two(d));
    Ok(Json(json!({
        "year": year,
        "profile": profile.name,
        "lights": o.light_counts().into_iter().map(|(l, n)| json!({ "light": l, "tables": n })).collect::<Vec<_>>(),
        "grades": o.grade_counts(profile).into_iter().map(|(g, n)| json!({ "grade": g, "tables": n })).collect::<Vec<_>>(),
        "departments": o.departments.iter().map(|d| json!({
            "department": d.department, "tables": d.tables, "indicators": d.indicators, "quantified": d.quantified,
            "quantified_percent": d.quantified_percent().map(crate::progress::number),
            "with_cost": d.with_cost, "with_satisfaction": d.with_satisfaction,
            "funds_yuan": crate::progress::number(d.funds_yuan.normalize()),
        })).collect::<Vec<_>>(),
        "monitored": o.lights.iter().map(|r| json!({
            "id": r.id, "label": r.label, "department": r.department, "status": r.status, "month": r.month, "light": r.light,
            "causes": r.causes, "missing_causes": r.missing_causes,
        })).collect::<Vec<_>>(),
        "scored": o.scores.iter().map(|r| json!({
            "id": r.id, "label": r.label, "department": r.department, "status": r.status, "total": two(r.total), "grade": r.grade,
            "stated_total": r.stated_total.map(crate::progress::number), "stated_grade": r.stated_grade,
            "discrepancies": r.discrepancies.iter().map(|(place, d)| json!({
                "code": d.kind.code(), "place": place, "published": d.published, "expected": d.expected,
                "difference": d.difference.map(two), "message": d.message,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })))
}
