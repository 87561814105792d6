//! The working of a score (`B/A×w = 8/10×5 = 4.00`), kept as the figures it is made of and
//! written out only when shown: scoring a million indicators a second leaves no time to format
//! a million sentences that a report may never print.

use std::fmt;

use rust_decimal::Decimal;

use super::formula::BandKind;
use super::{div, mul, num, points};

/// How a qualitative score was chosen within its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chosen {
    /// The score the table gives.
    Published,
    /// None given: the top of the band.
    Max,
    /// None given: the middle of the band.
    Mid,
    /// None given: the bottom of the band.
    Min,
    /// The score given lies outside the band: the pick of the profile (`Max`, `Mid` or
    /// `Min`) instead.
    InsteadOf(Pick),
}

/// Where in its band a score is picked when none can be taken from the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Max,
    Mid,
    Min,
}

impl Chosen {
    fn label(self) -> &'static str {
        match self {
            Chosen::Published => "取所填得分",
            Chosen::Max => "未填得分, 取档位上限",
            Chosen::Mid => "未填得分, 取档位中间",
            Chosen::Min => "未填得分, 取档位下限",
            Chosen::InsteadOf(Pick::Max) => "所填得分不在档位内, 取档位上限",
            Chosen::InsteadOf(Pick::Mid) => "所填得分不在档位内, 取档位中间",
            Chosen::InsteadOf(Pick::Min) => "所填得分不在档位内, 取档位下限",
        }
    }

    /// The same pick, made because the score given was refused rather than missing.
    pub fn instead_of_given(self) -> Chosen {
        match self {
            Chosen::Max => Chosen::InsteadOf(Pick::Max),
            Chosen::Mid => Chosen::InsteadOf(Pick::Mid),
            Chosen::Min => Chosen::InsteadOf(Pick::Min),
            other => other,
        }
    }
}

/// A score's working, in figures; `Display` writes it in words.
#[derive(Debug, Clone, PartialEq)]
pub enum Working {
    /// `实际 12 ≥ 目标 10, 达标: 得 w = 5.00` (≤ for a ceiling).
    Met { actual: Decimal, target: Decimal, ceiling: bool, weight: Decimal },
    /// `实际 -1 < 目标 0: 得 0.00`: below a floor of zero or less.
    BelowZeroFloor { actual: Decimal, target: Decimal },
    /// `B/A×w = 8/10×5 = 4.00`.
    FloorRatio { actual: Decimal, target: Decimal, weight: Decimal, score: Decimal },
    /// `A/B×w = 10/20×5 = 2.50`.
    CeilingRatio { actual: Decimal, target: Decimal, weight: Decimal, score: Decimal },
    /// `(1−(B−A)/A)×w = (1−(12−10)/10)×5 = 4.00`.
    CeilingLinear { actual: Decimal, target: Decimal, weight: Decimal, score: Decimal },
    /// `目标为不超过 0, 实际 1 超出: 得 0.00`.
    ZeroCeiling { actual: Decimal, target: Decimal },
    /// `实际 92 在目标区间 90~95 内, 达标: 得 w = 10.00`.
    InRange { actual: Decimal, min: Decimal, max: Decimal, weight: Decimal },
    /// `定性指标, 达成年度指标: 档位 80%–100% × 10 = 8.00–10.00, 取所填得分 9.00`.
    Qualitative { kind: BandKind, min: Decimal, max: Decimal, weight: Decimal, score: Decimal, chosen: Chosen },
    /// Anything else, already in words: composed workings and reasons for no score.
    Text(String),
}

impl Working {
    /// This working with words in front of it.
    pub fn prefixed(&self, prefix: &str) -> Working {
        Working::Text(format!("{prefix}{self}"))
    }
}

impl From<String> for Working {
    fn from(s: String) -> Self {
        Working::Text(s)
    }
}

impl fmt::Display for Working {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Working::Met { actual, target, ceiling, weight } => {
                let op = if *ceiling { '≤' } else { '≥' };
                write!(f, "实际 {} {op} 目标 {}, 达标: 得 w = {}", num(*actual), num(*target), points(*weight))
            }
            Working::BelowZeroFloor { actual, target } => {
                write!(f, "实际 {} < 目标 {}: 得 0.00", num(*actual), num(*target))
            }
            Working::FloorRatio { actual, target, weight, score } => {
                write!(f, "B/A×w = {}/{}×{} = {}", num(*actual), num(*target), num(*weight), points(*score))
            }
            Working::CeilingRatio { actual, target, weight, score } => {
                write!(f, "A/B×w = {}/{}×{} = {}", num(*target), num(*actual), num(*weight), points(*score))
            }
            Working::CeilingLinear { actual, target, weight, score } => {
                let (a, b) = (num(*target), num(*actual));
                write!(f, "(1−(B−A)/A)×w = (1−({b}−{a})/{a})×{} = {}", num(*weight), points(*score))
            }
            Working::ZeroCeiling { actual, target } => {
                write!(f, "目标为不超过 {}, 实际 {} 超出: 得 0.00", num(*target), num(*actual))
            }
            Working::InRange { actual, min, max, weight } => write!(
                f,
                "实际 {} 在目标区间 {}~{} 内, 达标: 得 w = {}",
                num(*actual),
                num(*min),
                num(*max),
                points(*weight)
            ),
            Working::Qualitative { kind, min, max, weight, score, chosen } => {
                let (low, high) =
                    (div(mul(*min, *weight), Decimal::ONE_HUNDRED), div(mul(*max, *weight), Decimal::ONE_HUNDRED));
                write!(
                    f,
                    "定性指标, {}: 档位 {}%–{}% × {} = {}–{}, {} {}",
                    kind.label(),
                    num(*min),
                    num(*max),
                    num(*weight),
                    points(low),
                    points(high),
                    chosen.label(),
                    points(*score)
                )
            }
            Working::Text(s) => f.write_str(s),
        }
    }
}
