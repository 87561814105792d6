//! Checking a published 自评表 against the rules: each place where a published score, total,
//! grade or execution figure disagrees with what the rules give, and by how much.

use rust_decimal::Decimal;
use serde::Serialize;

use super::document::DocumentScore;
use super::profile::Profile;
use super::{points, round};
use crate::model::Document;

/// What kind of disagreement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiscrepancyKind {
    /// 得分 above its 分值.
    ScoreAboveWeight,
    /// Full points against a target that was missed.
    FullScoreMissedTarget,
    /// 得分 not what the formula gives.
    ScoreDiffers,
    /// A qualitative 得分 outside the band its actual names.
    ScoreOutOfBand,
    /// 执行率 not 执行数 / 预算数.
    ExecutionRateDiffers,
    /// The execution 得分 not min(执行率, 1) × 分值.
    ExecutionScoreDiffers,
    /// 总分 not the sum of the published scores.
    TotalNotSum,
    /// 等级 not the one the published 总分 earns.
    GradeMismatch,
}

impl DiscrepancyKind {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            DiscrepancyKind::ScoreAboveWeight => "score-above-weight",
            DiscrepancyKind::FullScoreMissedTarget => "full-score-missed-target",
            DiscrepancyKind::ScoreDiffers => "score-differs",
            DiscrepancyKind::ScoreOutOfBand => "score-out-of-band",
            DiscrepancyKind::ExecutionRateDiffers => "execution-rate-differs",
            DiscrepancyKind::ExecutionScoreDiffers => "execution-score-differs",
            DiscrepancyKind::TotalNotSum => "total-not-sum",
            DiscrepancyKind::GradeMismatch => "grade-mismatch",
        }
    }
}

/// Where in the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "at", content = "index")]
pub enum Place {
    /// The indicator at this index (from 0).
    Indicator(usize),
    /// The budget-execution row.
    Execution,
    /// The 总分 row.
    Total,
    /// The 等级.
    Grade,
}

/// One published figure that disagrees with the rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Discrepancy {
    pub kind: DiscrepancyKind,
    pub place: Place,
    /// The published figure, as text.
    pub published: String,
    /// What the rules give.
    pub expected: String,
    /// published − expected, where both are numbers.
    pub difference: Option<Decimal>,
    /// The whole statement in Chinese.
    pub message: String,
}

fn differs(a: Decimal, b: Decimal, tolerance: Decimal) -> bool {
    super::sub(a, b).abs() > tolerance
}

/// Every disagreement between the table's published figures and `score`.
pub fn check(doc: &Document, score: &DocumentScore, profile: &Profile) -> Vec<Discrepancy> {
    let tol = profile.tolerance;
    let mut out = Vec::new();
    let push = |out: &mut Vec<Discrepancy>, kind, place, published: Decimal, expected: Decimal, message: String| {
        out.push(Discrepancy {
            kind,
            place,
            published: points(published).to_string(),
            expected: points(expected).to_string(),
            difference: Some(round(super::sub(published, expected))),
            message,
        });
    };
    for (i, (ind, s)) in doc.indicators.iter().zip(&score.indicators).enumerate() {
        let Some(published) = ind.score.into_given().map(|s| s.get()) else { continue };
        let place = Place::Indicator(i);
        let w = s.weight.value();
        if let Some(w) = w.filter(|w| published > super::add(*w, tol)) {
            push(
                &mut out,
                DiscrepancyKind::ScoreAboveWeight,
                place,
                published,
                w,
                format!(
                    "“{}”得分 {} 高于分值 {}, 多 {}",
                    ind.name,
                    points(published),
                    points(w),
                    points(super::sub(published, w))
                ),
            );
            continue;
        }
        if let Some(msg) = &s.out_of_band {
            let (low, high) = s.band.unwrap_or_default();
            let nearest = if published < low { low } else { high };
            out.push(Discrepancy {
                kind: DiscrepancyKind::ScoreOutOfBand,
                place,
                published: points(published).to_string(),
                expected: format!("{}–{}", points(low), points(high)),
                difference: Some(round(super::sub(published, nearest))),
                message: format!("“{}”{msg}", ind.name),
            });
            continue;
        }
        let Some(computed) = s.score else { continue };
        if !differs(published, computed, tol) {
            continue;
        }
        let full_but_missed = s.met == Some(false) && w.is_some_and(|w| !differs(published, w, tol));
        let (kind, what) = if full_but_missed {
            (DiscrepancyKind::FullScoreMissedTarget, "未达成目标却得满分")
        } else {
            (DiscrepancyKind::ScoreDiffers, "得分与计分规则不符")
        };
        push(
            &mut out,
            kind,
            place,
            published,
            computed,
            format!(
                "“{}”{what}: 填报 {}, 按规则应为 {} ({}), 差 {}",
                ind.name,
                points(published),
                points(computed),
                s.working,
                points(super::sub(published, computed))
            ),
        );
    }
    let Some(se) = &doc.self_evaluation else { return out };
    if let Some(e) = &score.execution {
        if let (Some(rate), Some(_), Some(_)) =
            (se.execution_rate.map(|r| r.get()), se.spent, se.budget_full_year.or(se.budget_initial))
        {
            if differs(rate, e.rate, tol) {
                push(
                    &mut out,
                    DiscrepancyKind::ExecutionRateDiffers,
                    Place::Execution,
                    rate,
                    e.rate,
                    format!("执行率填报 {}%, 按执行数/预算数应为 {}%", points(rate), points(e.rate)),
                );
            }
        }
        if let Some(published) = se.execution_score.map(|s| s.get()) {
            if differs(published, e.score, tol) {
                push(
                    &mut out,
                    DiscrepancyKind::ExecutionScoreDiffers,
                    Place::Execution,
                    published,
                    e.score,
                    format!("预算执行得分填报 {}, 按规则应为 {} ({})", points(published), points(e.score), e.working),
                );
            }
        }
    }
    if let Some(total) = se.total_score.map(|s| s.get()) {
        let parts = super::sum(
            doc.indicators.iter().filter_map(|i| i.score.into_given()).chain(se.execution_score).map(|s| s.get()),
        );
        if differs(total, parts, tol) {
            push(
                &mut out,
                DiscrepancyKind::TotalNotSum,
                Place::Total,
                total,
                parts,
                format!(
                    "总分填报 {}, 各项所填得分之和为 {}, 差 {}",
                    points(total),
                    points(parts),
                    points(super::sub(total, parts))
                ),
            );
        }
        if let Some(grade) = se.grade.as_deref().map(str::trim).filter(|g| !g.is_empty()) {
            let expected = profile.grade(total);
            if !grade.starts_with(expected) {
                out.push(Discrepancy {
                    kind: DiscrepancyKind::GradeMismatch,
                    place: Place::Grade,
                    published: grade.to_owned(),
                    expected: expected.to_owned(),
                    difference: None,
                    message: format!("等级填报“{grade}”, 总分 {} 按评分方案应为“{expected}”", points(total)),
                });
            }
        }
    }
    out
}
