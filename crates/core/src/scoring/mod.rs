//! Self-evaluation scoring (绩效自评, 财预〔2020〕10号): each indicator's score with its working,
//! budget-execution points, the total and grade, and where a published 自评表 disagrees with
//! the rules. Pure functions driven by a [`Profile`].
//!
//! Scores are computed exactly and rounded to two decimals (half away from zero) once per
//! indicator; totals add the rounded scores, as a 自评表 does.

mod check;
mod document;
pub mod formula;
mod indicator;
pub mod measure;
mod profile;
mod weights;

use rust_decimal::{Decimal, RoundingStrategy};

pub use check::{Discrepancy, DiscrepancyKind, Place};
pub use document::{DocumentScore, ExecutionScore, has_actuals, score_document, score_with_targets};
pub use indicator::{IndicatorScore, Method, score_indicator};
pub use profile::{Band, BandPick, CeilingFormula, GradeBand, Group, Lights, Profile, ProfileError, QualitativeBands};
pub use weights::{Weight, allocate};

/// How reports state the rounding, once.
pub const ROUNDING: &str = "得分保留两位小数 (四舍五入), 总分为各项得分之和";

/// A score rounded as reports give it: two decimals, half away from zero.
pub fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A score as text: always two decimals (`4.00`).
pub fn points(d: Decimal) -> String {
    let mut r = round(d);
    r.rescale(2);
    r.to_string()
}

/// A figure as written: no trailing zeros (`0.08`, `10`); long fractions cut to four decimals.
pub fn num(d: Decimal) -> String {
    let d = if d.scale() > 4 { d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero) } else { d };
    d.normalize().to_string()
}

#[cfg(test)]
mod tests;
