//! Hints that fit the indicator: an example target written the way its name and level ask.

use crate::levels::Level2;
use crate::target::Op;

use super::context::Facts;

/// A target of the form this indicator needs, as an example for its hint: a floor for a
/// satisfaction, a money ceiling for a cost, a date for a deadline, a rate for a ratio, and
/// otherwise the indicator's own unit where its target shows one.
pub(crate) fn example_target(f: &Facts, year: Option<i32>) -> String {
    specific_example(f, year).unwrap_or_else(|| "≥10个".to_owned())
}

/// The example when the name, level or target says what kind of quantity is wanted; `None`
/// when nothing does, and any count would be a guess.
pub(crate) fn specific_example(f: &Facts, year: Option<i32>) -> Option<String> {
    if f.is_satisfaction() {
        return Some("≥90%".to_owned());
    }
    if f.is_cost() || f.name.cost() {
        return Some(if f.name.unit_cost() { "≤500元/人" } else { "≤20万元" }.to_owned());
    }
    if f.name.ratio() || f.name.bounded_rate() {
        return Some("≥95%".to_owned());
    }
    if f.name.timeliness() || f.level2 == Some(Level2::Timeliness) {
        return Some(match year {
            Some(y) => format!("{y}年12月31日前"),
            None => "当年12月31日前".to_owned(),
        });
    }
    let unit = f.target.terms().iter().map(|t| t.unit.as_str()).find(|u| !u.is_empty() && !u.starts_with('/'));
    unit.map(|u| format!("≥10{u}"))
}

/// One term written back as a target (`≥10个团组`).
pub(crate) fn term_text(op: Op, value: &rust_decimal::Decimal, unit: &str) -> String {
    let op = match op {
        Op::Gt => ">",
        Op::Ge => "≥",
        Op::Lt => "<",
        Op::Le => "≤",
        Op::Eq => "",
    };
    format!("{op}{}{unit}", value.normalize())
}
