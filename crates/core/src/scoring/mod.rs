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
mod unscorable;
mod weights;
mod working;

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

pub use crate::saturating::{add, div, mul, sub, sum};
pub use check::{Discrepancy, DiscrepancyKind, Place};
pub use document::{DocumentScore, ExecutionScore, ParseCache, has_actuals, score_cached, score_document};
pub use indicator::{IndicatorScore, Method, score_indicator};
pub use profile::{Band, BandPick, CeilingFormula, GradeBand, Group, Lights, Profile, ProfileError, QualitativeBands};
pub use unscorable::Unscorable;
pub use weights::{Weight, allocate};
pub use working::{Chosen, Working};

/// How reports state the rounding, once.
pub const ROUNDING: &str = "得分保留两位小数 (四舍五入), 总分为各项得分之和";

/// A score rounded as reports give it: two decimals, half away from zero.
pub fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// A score as text: always two decimals (`4.00`). A `Display` value, so that a working is
/// written in one allocation however many figures it holds.
pub fn points(d: impl Into<Decimal>) -> Points {
    let mut r = round(d.into());
    r.rescale(2);
    Points(r)
}

/// A figure as written: no trailing zeros (`0.08`, `10`); long fractions cut to four decimals.
pub fn num(d: impl Into<Decimal>) -> Num {
    let d: Decimal = d.into();
    let d = if d.scale() > 4 { d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero) } else { d };
    Num(d.normalize())
}

/// See [`points`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Points(Decimal);

/// See [`num`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Num(Decimal);

impl fmt::Display for Points {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

#[cfg(test)]
mod tests;
