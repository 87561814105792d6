//! The parsed form of a target (指标值): what `大于10个团组，80人次` or `≥90%` says, as data.
//! The published text is always kept; this form is derived from it and never replaces it.

mod grammar;
mod vocabulary;

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A comparator (指标性质 / 计算符号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum Op {
    /// `>` 大于
    #[serde(rename = ">")]
    Gt,
    /// `>=` 不少于 / 以上
    #[serde(rename = ">=")]
    Ge,
    /// `<` 小于
    #[serde(rename = "<")]
    Lt,
    /// `<=` 不超过 / 以内
    #[serde(rename = "<=")]
    Le,
    /// `=` 等于, or a bare number
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    /// The ASCII symbol used in the interchange format and canonical renderings.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Gt => ">",
            Op::Ge => ">=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Eq => "=",
        }
    }

    /// A floor (正向, higher is better): `>` or `>=`.
    pub fn is_floor(self) -> bool {
        matches!(self, Op::Gt | Op::Ge)
    }

    /// A ceiling (反向, lower is better): `<` or `<=`.
    pub fn is_ceiling(self) -> bool {
        matches!(self, Op::Lt | Op::Le)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Which way a qualitative target points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 提升, 增长, 提高, 改善 …
    Up,
    /// 降低, 减少 …
    Down,
    /// 保持, 稳定 …
    Keep,
    /// No direction stated.
    None,
}

/// One quantity of a quantitative target: `>10个团组`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Term {
    /// The comparator; `=` for a bare number.
    pub op: Op,
    /// The number as written, exact.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    #[schemars(with = "f64")]
    pub value: Decimal,
    /// The text after the number (`个团组`, `%`, `万元`); may be empty.
    pub unit: String,
    /// What is counted, when named before the number (`网站` in `大于网站2个`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
}

/// A calendar date that may lack its year or day: `2021-12-31`, `2021-12`, `2021`, `--12-31`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    /// The year, when the target names one.
    pub year: Option<u16>,
    /// The month; absent only for a year on its own.
    pub month: Option<u8>,
    /// The day of the month.
    pub day: Option<u8>,
}

impl PartialDate {
    /// A date with the fields given; `None` when they do not form a real date.
    pub fn new(year: Option<u16>, month: Option<u8>, day: Option<u8>) -> Option<Self> {
        if let Some(y) = year {
            if !(1900..=2100).contains(&y) {
                return None;
            }
        }
        match (year, month, day) {
            (None, None, _) | (_, None, Some(_)) => return None,
            (_, Some(m), d) => {
                if !(1..=12).contains(&m) {
                    return None;
                }
                if let Some(d) = d {
                    if d == 0 || d > days_in_month(year, m) {
                        return None;
                    }
                }
            }
            (Some(_), None, None) => {}
        }
        Some(PartialDate { year, month, day })
    }

    /// The last day of a month (`2021年12月底`).
    pub fn month_end(year: Option<u16>, month: u8) -> Option<Self> {
        if !(1..=12).contains(&month) {
            return None;
        }
        PartialDate::new(year, Some(month), Some(days_in_month(year, month)))
    }

    /// How the canonical rendering writes it: ISO, except a year alone, which is `2021年`
    /// so that it does not read back as a number.
    fn canonical(&self) -> String {
        match (self.year, self.month) {
            (Some(y), None) => format!("{y}年"),
            _ => self.to_string(),
        }
    }
}

/// Days in `month`; February has 29 when the year is unknown, as a deadline reads inclusively.
pub fn days_in_month(year: Option<u16>, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(y) => write!(f, "{y:04}")?,
            None => f.write_str("-")?,
        }
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

/// The error of reading a malformed ISO partial date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("不是有效日期: {0}")]
pub struct BadDate(String);

impl FromStr for PartialDate {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate(s.to_owned());
        let num = |p: &str| -> Result<u16, BadDate> {
            if p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        let (year, rest) = match s.strip_prefix("--") {
            Some(rest) => (None, Some(rest)),
            None => match s.split_once('-') {
                Some((y, rest)) => (Some(num(y)?), Some(rest)),
                None => (Some(num(s)?), None),
            },
        };
        let small = |p: &str| num(p).and_then(|n| u8::try_from(n).map_err(|_| bad()));
        let (month, day) = match rest {
            None => (None, None),
            Some(rest) => match rest.split_once('-') {
                Some((m, d)) => (Some(small(m)?), Some(small(d)?)),
                None => (Some(small(rest)?), None),
            },
        };
        PartialDate::new(year, month, day).ok_or_else(bad)
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

impl JsonSchema for PartialDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "PartialDate".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "description": "ISO 8601 date, possibly partial: 2021-12-31, 2021-12, 2021, --12-31 (no year), --12",
            "pattern": "^(\\d{4}|-)(-\\d{2}(-\\d{2})?)?$"
        })
    }
}

/// The parsed form of a target (指标值), as format.md defines it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Target {
    /// One or more quantities: `≥90%`, `大于10个团组，80人次`.
    Quantity {
        /// The quantities, in the order written.
        terms: Vec<Term>,
    },
    /// A qualitative target (定性): `大大提升`, or text the grammar could not read.
    Quality {
        /// The text, trimmed, without a trailing `。`.
        text: String,
        /// Which way it points.
        direction: Direction,
        /// Set when the text holds numbers the grammar could not place: it may be a quantity
        /// written in a way jixiao does not understand.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        unparsed: bool,
    },
    /// A deadline or date: `2021年12月31日前`.
    Date {
        /// The comparator: `<=` for 前 / 以内, `=` for a bare date.
        op: Op,
        /// The date, possibly without year or day.
        date: PartialDate,
    },
    /// A range: `90%-95%`, `1至2个`.
    Range {
        /// The lower bound.
        #[serde(with = "rust_decimal::serde::arbitrary_precision")]
        #[schemars(with = "f64")]
        min: Decimal,
        /// The upper bound.
        #[serde(with = "rust_decimal::serde::arbitrary_precision")]
        #[schemars(with = "f64")]
        max: Decimal,
        /// The unit, shared by both bounds.
        unit: String,
    },
    /// No target given.
    Empty,
}

impl Target {
    /// Parses any target text. Never fails and never panics: what the grammar cannot read is
    /// kept as a qualitative target with direction `none` and `unparsed` set.
    pub fn parse(text: &str) -> Target {
        grammar::parse(text)
    }

    /// The canonical one-line rendering used by CSV exports and the UI (`>=90%`,
    /// `>10个团组; >80人次`, `<=2021-12-31`). Parsing it gives back the same target.
    pub fn canonical(&self) -> String {
        match self {
            Target::Quantity { terms } => {
                let mut out = String::new();
                for (i, t) in terms.iter().enumerate() {
                    if i > 0 {
                        out.push_str("; ");
                    }
                    // A year goes before the comparator, where it reads as the term's year
                    // (`2022年>=3公里`); after it, it would begin a date.
                    match t.subject.as_deref() {
                        Some(year) if grammar::is_year(year) => {
                            out.push_str(year);
                            out.push_str(t.op.symbol());
                        }
                        Some(s) => {
                            out.push_str(t.op.symbol());
                            out.push_str(s);
                        }
                        None => out.push_str(t.op.symbol()),
                    }
                    out.push_str(&t.value.to_string());
                    out.push_str(&t.unit);
                }
                out
            }
            Target::Quality { text, .. } => text.clone(),
            Target::Date { op, date } => format!("{}{}", op.symbol(), date.canonical()),
            Target::Range { min, max, unit } => format!("{min}~{max}{unit}"),
            Target::Empty => String::new(),
        }
    }

    /// The terms of a quantitative target; empty for any other kind.
    pub fn terms(&self) -> &[Term] {
        match self {
            Target::Quantity { terms } => terms,
            _ => &[],
        }
    }

    /// Whether this is a qualitative target (定性).
    pub fn is_qualitative(&self) -> bool {
        matches!(self, Target::Quality { .. })
    }
}

#[cfg(test)]
mod tests;
