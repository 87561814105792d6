//! Bringing an actual to its target's unit: 元 against 万元, `0.95` against `95%`, a bare number
//! against a unit. Anything else that differs is refused rather than guessed.

use crate::vocabulary::percent::percent_as_sign;
use rust_decimal::Decimal;

use super::unscorable::Unscorable;
use super::{div, mul, num};

/// Multipliers a unit may carry in front of the same base (`万元` is 10,000 `元`).
const PREFIXES: [(&str, i64); 5] =
    [("百万", 1_000_000), ("亿", 100_000_000), ("万", 10_000), ("千", 1_000), ("百", 100)];

/// An actual value brought into the target's unit, with a note when it was converted.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The value in the target's unit.
    pub value: Decimal,
    /// What was done to get it, in words; `None` when nothing was needed.
    pub note: Option<String>,
}

/// Splits a known multiplier off a unit: `万元` → (10000, `元`).
fn split_prefix(unit: &str) -> (Decimal, &str) {
    for (p, factor) in PREFIXES {
        if let Some(base) = unit.strip_prefix(p) {
            if !base.is_empty() {
                return (Decimal::from(factor), base);
            }
        }
    }
    (Decimal::ONE, unit)
}

/// Brings `value` written in `unit` into `target_unit`; `Err` says why it cannot be compared.
pub fn convert(value: Decimal, unit: &str, target_unit: &str) -> Result<Converted, Unscorable> {
    // Matched by their `%` form, named in messages as published.
    let (said, target_said) = (unit.trim(), target_unit.trim());
    let (unit, target_unit) = (percent_as_sign(said), percent_as_sign(target_said));
    let same = |v| Ok(Converted { value: v, note: None });
    if unit == target_unit {
        return same(value);
    }
    let one = Decimal::ONE;
    match (unit, target_unit) {
        // A rate written as a fraction: 0.95 against 95%.
        ("", "%") if value.abs() <= one => {
            let v = mul(value, Decimal::ONE_HUNDRED);
            return Ok(Converted { value: v, note: Some(format!("实际值 {} 按 {}% 计", num(value), num(v))) });
        }
        ("%", "") => {
            let v = div(value, Decimal::ONE_HUNDRED);
            return Ok(Converted { value: v, note: Some(format!("实际值 {}% 按 {} 计", num(value), num(v))) });
        }
        ("", _) => {
            return Ok(Converted {
                value, note: Some(format!("实际值未写单位, 按指标值的单位 {target_said} 计"))
            });
        }
        (_, "") => {
            return Ok(Converted {
                value, note: Some(format!("指标值未写单位, 按实际值的单位 {said} 计"))
            });
        }
        _ => {}
    }
    let (f_actual, base_actual) = split_prefix(unit);
    let (f_target, base_target) = split_prefix(target_unit);
    if base_actual == base_target && f_actual != f_target {
        let v = div(mul(value, f_actual), f_target);
        return Ok(Converted {
            value: v,
            note: Some(format!("实际值 {}{unit} 折合 {}{target_unit}", num(value), num(v))),
        });
    }
    Err(Unscorable::Units { target: target_said.to_owned(), actual: said.to_owned() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn conversions() {
        // (value, unit, target unit, converted value or None when refused)
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            ("95", "%", "%", Some("95")),
            ("0.95", "", "%", Some("95")),
            ("95", "%", "", Some("0.95")),
            ("800", "元", "万元", Some("0.08")),
            ("2.5", "万元", "元", Some("25000")),
            ("1.2", "亿元", "万元", Some("12000")),
            ("3", "千克", "克", Some("3000")),
            ("12", "", "个", Some("12")),
            ("12", "人", "个", None),
            ("12", "万人", "个", None),
            ("90", "分", "%", None),
            ("95", "%", "百分比", Some("95")),
        ];
        for (value, unit, target, want) in cases {
            let got = convert(d(value), unit, target);
            match want {
                Some(w) => assert_eq!(got.expect("converted").value, d(w), "{value}{unit} → {target}"),
                None => assert!(got.is_err(), "{value}{unit} → {target} should be refused"),
            }
        }
    }

    #[test]
    fn conversions_say_what_they_did() {
        let c = convert(d("800"), "元", "万元").expect("converted");
        assert_eq!(c.note.as_deref(), Some("实际值 800元 折合 0.08万元"));
        assert_eq!(
            convert(d("12"), "人", "个").unwrap_err().to_string(),
            "单位不一致: 指标值的单位是“个”, 实际值的单位是“人”"
        );
    }
}
