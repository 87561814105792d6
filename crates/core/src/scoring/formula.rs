//! The formulas of 10号 for one quantity, one deadline or one qualitative band, each returning
//! the exact score with its working in words and figures (`B/A×w = 8/10×5 = 4.00`).

use rust_decimal::Decimal;

use super::profile::{Band, BandPick, CeilingFormula};
use super::working::{Chosen, Working};
use super::{div, mul, num, points, sub};

/// A score with how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The exact score (rounded only for display and totals).
    pub score: Decimal,
    /// Whether the target was met.
    pub met: bool,
    /// The working: `B/A×w = 8/10×5 = 4.00`.
    pub working: Working,
    /// Remarks: a target that looks set too low.
    pub notes: Vec<String>,
}

impl Scored {
    fn full(w: Decimal, working: Working) -> Scored {
        Scored { score: w, met: true, working, notes: Vec::new() }
    }

    fn partial(score: Decimal, working: Working) -> Scored {
        Scored { score: score.max(Decimal::ZERO), met: false, working, notes: Vec::new() }
    }
}

/// A floor target (≥ A): met → w; else B/A × w. Far over (B ≥ far_over × A): still w, with a
/// note that the target looks set too low.
pub fn floor(a: Decimal, b: Decimal, w: Decimal, far_over: Decimal) -> Scored {
    if b >= a {
        let mut s = Scored::full(w, Working::Met { actual: b, target: a, ceiling: false, weight: w });
        if a > Decimal::ZERO && b >= mul(a, far_over) {
            let times = div(b, a).round_dp(2);
            s.notes.push(format!("实际值是目标的 {} 倍, 不加分; 目标可能定得过低", num(times)));
        }
        return s;
    }
    if a <= Decimal::ZERO {
        // b < a <= 0: a negative actual against a zero floor earns nothing.
        return Scored::partial(Decimal::ZERO, Working::BelowZeroFloor { actual: b, target: a });
    }
    let score = if b <= Decimal::ZERO { Decimal::ZERO } else { mul(div(b, a), w) };
    Scored::partial(score, Working::FloorRatio { actual: b, target: a, weight: w, score })
}

/// A ceiling target (≤ A): met → w; else by the profile's formula.
pub fn ceiling(a: Decimal, b: Decimal, w: Decimal, formula: CeilingFormula) -> Scored {
    if b <= a {
        return Scored::full(w, Working::Met { actual: b, target: a, ceiling: true, weight: w });
    }
    if a <= Decimal::ZERO {
        // Neither A/B nor (B−A)/A says anything when the ceiling is zero: exceeded is nothing.
        return Scored::partial(Decimal::ZERO, Working::ZeroCeiling { actual: b, target: a });
    }
    match formula {
        CeilingFormula::Ratio => {
            let score = mul(div(a, b), w);
            Scored::partial(score, Working::CeilingRatio { actual: b, target: a, weight: w, score })
        }
        CeilingFormula::Linear => {
            let score = mul(sub(Decimal::ONE, div(sub(b, a), a)), w).max(Decimal::ZERO);
            Scored::partial(score, Working::CeilingLinear { actual: b, target: a, weight: w, score })
        }
    }
}

/// A range target (min–max): inside → w; below → as a floor of `min`; above → as a ceiling of
/// `max`.
pub fn range(min: Decimal, max: Decimal, b: Decimal, w: Decimal, formula: CeilingFormula) -> Scored {
    if b >= min && b <= max {
        return Scored::full(w, Working::InRange { actual: b, min, max, weight: w });
    }
    let mut s = if b < min { floor(min, b, w, Decimal::MAX) } else { ceiling(max, b, w, formula) };
    let side = if b < min { "低于区间下限" } else { "高于区间上限" };
    s.working = s.working.prefixed(&format!("{side}, "));
    s
}

/// A deadline: met on or before the day → w; late by d days → the ceiling formula on days
/// counted from 1 January (A = the deadline's day count, B = the actual's).
pub fn deadline(a_days: i64, b_days: i64, late_by: i64, w: Decimal, formula: CeilingFormula) -> Scored {
    if late_by <= 0 {
        return Scored::full(w, Working::Text(format!("按期完成: 得 w = {}", points(w))));
    }
    let mut s = ceiling(Decimal::from(a_days), Decimal::from(b_days), w, formula);
    s.working = s.working.prefixed(&format!("逾期 {late_by} 天 (A、B 为自 1 月 1 日起的天数), "));
    s
}

/// Which of 10号's bands a qualitative actual says it reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BandKind {
    /// 达成年度指标
    Achieved,
    /// 部分达成年度指标并具有一定效果
    Partial,
    /// 未达成年度指标且效果较差
    Missed,
}

impl BandKind {
    /// The band's words in 10号.
    pub fn label(self) -> &'static str {
        match self {
            BandKind::Achieved => "达成年度指标",
            BandKind::Partial => "部分达成年度指标并具有一定效果",
            BandKind::Missed => "未达成年度指标且效果较差",
        }
    }

    /// Reads the band from an actual's words; `None` when they do not say.
    pub fn of(actual: &str) -> Option<BandKind> {
        // Negations first: `未按时完成` holds `完成` but says the opposite.
        const MISSED: [&str; 10] =
            ["未达成", "未完成", "未实现", "未达到", "未按", "未能", "尚未", "没有", "没能", "较差"];
        const PARTIAL: [&str; 6] = ["部分达成", "部分完成", "部分实现", "基本达成", "基本完成", "基本实现"];
        const ACHIEVED: [&str; 7] = ["达成", "完成", "实现", "达到", "达标", "已落实", "符合"];
        if MISSED.iter().any(|w| actual.contains(w)) {
            Some(BandKind::Missed)
        } else if PARTIAL.iter().any(|w| actual.contains(w)) {
            Some(BandKind::Partial)
        } else if ACHIEVED.iter().any(|w| actual.contains(w)) {
            Some(BandKind::Achieved)
        } else {
            None
        }
    }
}

/// A qualitative score outside its band.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "得分 {} 不在“{}”的档位内: 应在 {}–{} 分之间 ({}%–{}% × {})",
    points(*.score), .kind.label(), points(*.low), points(*.high), num(*.min), num(*.max), num(*.weight)
)]
pub struct OutOfBand {
    /// The score refused.
    pub score: Decimal,
    /// The band its actual names.
    pub kind: BandKind,
    /// The band's lowest and highest points.
    pub low: Decimal,
    pub high: Decimal,
    /// The band in percent of the weight.
    pub min: Decimal,
    pub max: Decimal,
    /// The weight.
    pub weight: Decimal,
}

/// The points a band allows for weight `w`: (lowest, highest).
pub fn band_points(band: &Band, w: Decimal) -> (Decimal, Decimal) {
    (div(mul(band.min, w), Decimal::ONE_HUNDRED), div(mul(band.max, w), Decimal::ONE_HUNDRED))
}

/// A qualitative indicator: the scorer's `chosen` score must lie within the band; without one
/// the profile's pick is taken.
pub fn qualitative(
    kind: BandKind,
    band: &Band,
    w: Decimal,
    chosen: Option<Decimal>,
    pick: BandPick,
) -> Result<Scored, OutOfBand> {
    let (low, high) = band_points(band, w);
    let (score, how) = match chosen {
        Some(c) if c < low || c > high => {
            return Err(OutOfBand { score: c, kind, low, high, min: band.min, max: band.max, weight: w });
        }
        Some(c) => (c, Chosen::Published),
        None => match pick {
            BandPick::Max => (high, Chosen::Max),
            BandPick::Mid => (div(low, Decimal::TWO) + div(high, Decimal::TWO), Chosen::Mid),
            BandPick::Min => (low, Chosen::Min),
        },
    };
    let working = Working::Qualitative { kind, min: band.min, max: band.max, weight: w, score, chosen: how };
    Ok(Scored { score, met: kind == BandKind::Achieved, working, notes: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    #[test]
    fn floors() {
        // (A, B, w, score, met, working)
        let cases = [
            ("10", "8", "5", "4", false, "B/A×w = 8/10×5 = 4.00"),
            ("10", "10", "5", "5", true, "实际 10 ≥ 目标 10, 达标: 得 w = 5.00"),
            ("10", "12", "5", "5", true, "实际 12 ≥ 目标 10, 达标: 得 w = 5.00"),
            // far over: no extra points
            ("10", "30", "5", "5", true, "实际 30 ≥ 目标 10, 达标: 得 w = 5.00"),
            // actual 0
            ("10", "0", "5", "0", false, "B/A×w = 0/10×5 = 0.00"),
            // target 0: anything not negative meets it
            ("0", "0", "5", "5", true, "实际 0 ≥ 目标 0, 达标: 得 w = 5.00"),
            ("0", "-1", "5", "0", false, "实际 -1 < 目标 0: 得 0.00"),
            ("95", "90", "10", "9.473684210526315789473684211", false, "B/A×w = 90/95×10 = 9.47"),
        ];
        for (a, b, w, score, met, working) in cases {
            let s = floor(d(a), d(b), d(w), d("1.5"));
            assert_eq!((s.score, s.met, s.working.to_string().as_str()), (d(score), met, working), "A={a} B={b}");
        }
    }

    #[test]
    fn far_over_a_floor_is_noted() {
        let s = floor(d("10"), d("30"), d("5"), d("1.5"));
        assert_eq!(s.notes, ["实际值是目标的 3 倍, 不加分; 目标可能定得过低"]);
        assert!(floor(d("10"), d("14"), d("5"), d("1.5")).notes.is_empty());
    }

    #[test]
    fn ceilings() {
        // (A, B, w, formula, score, working)
        let cases = [
            ("10", "8", "5", CeilingFormula::Ratio, "5", "实际 8 ≤ 目标 10, 达标: 得 w = 5.00"),
            ("10", "20", "5", CeilingFormula::Ratio, "2.5", "A/B×w = 10/20×5 = 2.50"),
            // exceeded twice over: A/B halves, the linear formula gives nothing
            ("10", "20", "5", CeilingFormula::Linear, "0", "(1−(B−A)/A)×w = (1−(20−10)/10)×5 = 0.00"),
            ("10", "25", "5", CeilingFormula::Linear, "0", "(1−(B−A)/A)×w = (1−(25−10)/10)×5 = 0.00"),
            ("10", "12", "5", CeilingFormula::Linear, "4", "(1−(B−A)/A)×w = (1−(12−10)/10)×5 = 4.00"),
            // actual 0 meets any ceiling
            ("10", "0", "5", CeilingFormula::Ratio, "5", "实际 0 ≤ 目标 10, 达标: 得 w = 5.00"),
            // a zero ceiling exceeded: nothing, and no division by zero
            ("0", "1", "5", CeilingFormula::Ratio, "0", "目标为不超过 0, 实际 1 超出: 得 0.00"),
            ("0", "1", "5", CeilingFormula::Linear, "0", "目标为不超过 0, 实际 1 超出: 得 0.00"),
        ];
        for (a, b, w, formula, score, working) in cases {
            let s = ceiling(d(a), d(b), d(w), formula);
            assert_eq!((s.score, s.working.to_string().as_str()), (d(score), working), "A={a} B={b} {formula:?}");
            assert_eq!(s.met, d(b) <= d(a));
        }
    }

    #[test]
    fn ranges() {
        let cases = [
            ("92", "10", "实际 92 在目标区间 90~95 内, 达标: 得 w = 10.00"),
            ("81", "9", "低于区间下限, B/A×w = 81/90×10 = 9.00"),
            ("100", "9.5", "高于区间上限, A/B×w = 95/100×10 = 9.50"),
        ];
        for (b, score, working) in cases {
            let s = range(d("90"), d("95"), d(b), d("10"), CeilingFormula::Ratio);
            assert_eq!((s.score, s.working.to_string().as_str()), (d(score), working), "B={b}");
        }
    }

    #[test]
    fn deadlines() {
        let s = deadline(365, 380, 15, d("5"), CeilingFormula::Ratio);
        assert_eq!(s.working.to_string(), "逾期 15 天 (A、B 为自 1 月 1 日起的天数), A/B×w = 365/380×5 = 4.80");
        assert!(!s.met);
        let s = deadline(365, 300, -65, d("5"), CeilingFormula::Ratio);
        assert_eq!((s.score, s.met, s.working.to_string().as_str()), (d("5"), true, "按期完成: 得 w = 5.00"));
    }

    #[test]
    fn bands_are_read_from_words() {
        let cases = [
            ("达成年度指标", Some(BandKind::Achieved)),
            ("已完成", Some(BandKind::Achieved)),
            ("部分达成年度指标并具有一定效果", Some(BandKind::Partial)),
            ("基本完成", Some(BandKind::Partial)),
            ("未达成年度指标且效果较差", Some(BandKind::Missed)),
            ("未完成", Some(BandKind::Missed)),
            ("未按时完成", Some(BandKind::Missed)),
            ("尚未完成", Some(BandKind::Missed)),
            ("效果明显", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(BandKind::of(text), want, "{text}");
        }
    }

    #[test]
    fn qualitative_scores_stay_in_their_band() {
        let bands = super::super::profile::QualitativeBands::default();
        let w = d("10");
        let s = qualitative(BandKind::Achieved, &bands.achieved, w, Some(d("9")), BandPick::Max).expect("in band");
        assert_eq!(s.score, d("9"));
        assert_eq!(s.working.to_string(), "定性指标, 达成年度指标: 档位 80%–100% × 10 = 8.00–10.00, 取所填得分 9.00");
        let s = qualitative(BandKind::Partial, &bands.partial, w, None, BandPick::Mid).expect("pick");
        assert_eq!(s.score, d("7"));
        let s = qualitative(BandKind::Missed, &bands.missed, w, None, BandPick::Max).expect("pick");
        assert_eq!(s.score, d("6"));
        let e = qualitative(BandKind::Partial, &bands.partial, w, Some(d("9")), BandPick::Max).unwrap_err();
        assert_eq!(
            e.to_string(),
            "得分 9.00 不在“部分达成年度指标并具有一定效果”的档位内: 应在 6.00–8.00 分之间 (60%–80% × 10)"
        );
        assert!(qualitative(BandKind::Achieved, &bands.achieved, w, Some(d("7.99")), BandPick::Max).is_err());
        assert!(qualitative(BandKind::Achieved, &bands.achieved, w, Some(d("10.01")), BandPick::Max).is_err());
    }
}
