//! The figures entered as monitoring data or year-end actuals that no table can state, refused
//! by the API and the forms alike, each named by its field.

use jixiao_core::Document;
use rust_decimal::Decimal;

/// One refused figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Refusal {
    /// The field as the API names it: `monitoring.budget_initial`, `indicators[2].score`.
    pub(crate) field: String,
    /// What is wrong, in Chinese, naming the field as the form labels it.
    pub(crate) message: String,
}

/// The grades a 自评表 states (優 as a table in traditional script writes 优).
const GRADES: [&str; 5] = ["优", "良", "中", "差", "優"];

/// The highest total score of the 10号 scoring (and of every profile shipped).
const TOTAL: Decimal = Decimal::ONE_HUNDRED;

#[derive(Default)]
struct Check(Vec<Refusal>);

impl Check {
    fn refuse(&mut self, field: String, message: String) {
        self.0.push(Refusal { field, message });
    }

    /// Amounts, weights and scores are never negative: money spent or budgeted, points given.
    fn not_negative(&mut self, field: String, label: &str, value: Option<Decimal>) {
        if let Some(v) = value.filter(|v| v.is_sign_negative() && !v.is_zero()) {
            self.refuse(field, format!("{label} {v} 不能为负数"));
        }
    }

    /// A score within its weight: the weight is the most a score can be.
    fn within(&mut self, field: String, label: &str, score: Option<Decimal>, weight: Option<Decimal>) {
        if let (Some(s), Some(w)) = (score, weight) {
            if s > w && !w.is_sign_negative() {
                self.refuse(field, format!("{label} {s} 大于其分值 {w}"));
            }
        }
    }
}

/// The monitoring data `doc` was given: the budget figures it enters. Indicator values are
/// words as the table states them (a value past its target is a finding, not a typing error).
pub(crate) fn check_monitoring(doc: &Document) -> Vec<Refusal> {
    let mut c = Check::default();
    if let Some(m) = &doc.monitoring {
        for (key, label, value) in [
            ("budget_initial", "年初预算数", m.budget_initial),
            ("budget_full_year", "全年预算数", m.budget_full_year),
            ("spent_to_date", "1–N月执行数", m.spent_to_date),
            ("forecast_spent", "全年预计执行数", m.forecast_spent),
        ] {
            c.not_negative(format!("monitoring.{key}"), label, value.map(Decimal::from));
        }
    }
    c.0
}

/// The year-end actuals `doc` was given: the budget block's figures, stated scores within
/// their weights and a total within 100, a grade of 优/良/中/差, per indicator its 分值 and 得分.
pub(crate) fn check_actuals(doc: &Document) -> Vec<Refusal> {
    let mut c = Check::default();
    if let Some(se) = &doc.self_evaluation {
        for (key, label, value) in [
            ("budget_initial", "年初预算数", se.budget_initial.map(Decimal::from)),
            ("budget_full_year", "全年预算数", se.budget_full_year.map(Decimal::from)),
            ("spent", "全年执行数", se.spent.map(Decimal::from)),
            ("execution_weight", "预算执行率的分值", se.execution_weight.map(Decimal::from)),
            ("execution_score", "预算执行率的得分", se.execution_score.map(Decimal::from)),
            ("total_score", "总分", se.total_score.map(Decimal::from)),
        ] {
            c.not_negative(format!("self_evaluation.{key}"), label, value);
        }
        c.within(
            "self_evaluation.execution_score".into(),
            "预算执行率的得分",
            se.execution_score.map(Decimal::from),
            se.execution_weight.map(Decimal::from),
        );
        if let Some(t) = se.total_score.map(Decimal::from).filter(|t| *t > TOTAL) {
            c.refuse("self_evaluation.total_score".into(), format!("总分 {t} 大于满分 {TOTAL}"));
        }
        if let Some(g) = se.grade.as_deref().map(str::trim).filter(|g| !g.is_empty() && !GRADES.contains(g)) {
            c.refuse("self_evaluation.grade".into(), format!("评价等级“{g}”应为 优、良、中、差 之一"));
        }
    }
    for (i, ind) in doc.indicators.iter().enumerate() {
        let n = i + 1;
        let weight = ind.weight.map(Decimal::from);
        let score = ind.score.into_given().map(Decimal::from);
        c.not_negative(format!("indicators[{i}].weight"), &format!("第 {n} 个指标的分值"), weight);
        c.not_negative(format!("indicators[{i}].score"), &format!("第 {n} 个指标的得分"), score);
        c.within(format!("indicators[{i}].score"), &format!("第 {n} 个指标的得分"), score, weight);
    }
    c.0
}
