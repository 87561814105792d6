//! Scoring one indicator: its target read by the target grammar, its actual read the same way,
//! brought to the target's unit, and scored by the formula its kind calls for.

use rust_decimal::Decimal;
use serde::Serialize;

use super::formula::{self, BandKind, Scored};
use super::measure::convert;
use super::profile::Profile;
use super::round;
use super::unscorable::Unscorable;
use super::weights::Weight;
use super::working::Working;
use crate::model::Indicator;
use crate::polarity::{Bound, Polarity};
use crate::target::{Op, PartialDate, Target, Term, days_in_month};

/// Which formula scored an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// ≥ A: B/A × w.
    Floor,
    /// ≤ A: A/B × w or the linear formula.
    Ceiling,
    /// min–max.
    Range,
    /// Several quantities, the least counts.
    Compound,
    /// A deadline.
    Date,
    /// 定性: by band.
    Qualitative,
    /// Not scored.
    None,
}

/// One indicator's score with its working.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorScore {
    /// The weight used, and where it came from.
    pub weight: Weight,
    /// Which formula applied.
    pub method: Method,
    /// The score, rounded to two decimals; `None` when it could not be scored.
    pub score: Option<Decimal>,
    /// Whether the target was met, where known.
    pub met: Option<bool>,
    /// The working in words and figures, or why no score could be given.
    pub working: Working,
    /// Remarks: conversions made, a target set too low, a qualitative score refused.
    pub notes: Vec<String>,
    /// For a qualitative indicator, the points its band allows (lowest, highest).
    pub band: Option<(Decimal, Decimal)>,
    /// A published qualitative score outside its band: the message naming the band.
    pub out_of_band: Option<String>,
}

impl IndicatorScore {
    fn unscored(weight: Weight, why: impl Into<String>) -> IndicatorScore {
        IndicatorScore {
            weight,
            method: Method::None,
            score: None,
            met: None,
            working: Working::Text(why.into()),
            notes: Vec::new(),
            band: None,
            out_of_band: None,
        }
    }
}

/// Scores one indicator with the weight allocated to it; `year` is the table's, for deadlines
/// written without one.
pub fn score_indicator(ind: &Indicator, weight: &Weight, year: Option<i32>, profile: &Profile) -> IndicatorScore {
    let actual = Target::parse(ind.actual.as_deref().unwrap_or(""));
    score_parsed(ind, &ind.parsed_target(), &actual, weight, year, profile)
}

/// As [`score_indicator`], with the target and the actual already parsed (callers that cache
/// parses).
pub(crate) fn score_parsed(
    ind: &Indicator,
    target: &Target,
    parsed: &Target,
    weight: &Weight,
    year: Option<i32>,
    profile: &Profile,
) -> IndicatorScore {
    let w = match weight {
        Weight::Missing(why) => return IndicatorScore::unscored(weight.clone(), why.clone()),
        Weight::Given(w) | Weight::Split(w) => *w,
    };
    let actual = ind.actual.as_deref().map(str::trim).unwrap_or("");
    if matches!(target, Target::Empty) {
        return IndicatorScore::unscored(weight.clone(), "缺指标值, 无从计分");
    }
    let qualitative = matches!(target, Target::Quality { .. });
    if actual.is_empty() || matches!(actual, "—" | "-" | "/" | "无") {
        return IndicatorScore::unscored(weight.clone(), "缺实际完成值, 无从计分");
    }
    if qualitative {
        return score_qualitative(ind, target, actual, w, weight, profile);
    }
    let result = match (target, parsed) {
        (Target::Quantity { terms }, Target::Quantity { terms: got }) => quantity(ind, terms, got, w, profile),
        (Target::Range { min, max, unit }, Target::Quantity { terms: got }) if got.len() == 1 => {
            let b = &got[0];
            convert(b.value, &b.unit, unit).map(|c| {
                let mut s = formula::range(*min, *max, c.value, w, profile.ceiling);
                s.notes.extend(c.note);
                (Method::Range, s)
            })
        }
        (Target::Date { op, date }, _) => deadline(*op, date, parsed, actual, w, year, profile),
        (Target::Quantity { .. } | Target::Range { .. }, Target::Range { .. }) => {
            Err(Unscorable::ActualIsRange(actual.to_owned()))
        }
        (Target::Quantity { .. } | Target::Range { .. }, _) => Err(Unscorable::ActualNotNumber(actual.to_owned())),
        (Target::Quality { .. } | Target::Empty, _) => unreachable_kind(),
    };
    match result {
        Ok((method, s)) => IndicatorScore {
            weight: weight.clone(),
            method,
            score: Some(round(s.score)),
            met: Some(s.met),
            working: s.working,
            notes: s.notes,
            band: None,
            out_of_band: None,
        },
        Err(why) => IndicatorScore::unscored(weight.clone(), why.to_string()),
    }
}

/// Handled before the match; kept as an error rather than a panic all the same.
fn unreachable_kind() -> Result<(Method, Scored), Unscorable> {
    Err(Unscorable::TargetKind)
}

/// Whether a term is scored as a ceiling: `<`/`≤`, or `=` on a 反向 or cost indicator.
fn is_ceiling(ind: &Indicator, op: Op) -> (bool, Option<String>) {
    match op {
        Op::Lt | Op::Le => (true, None),
        Op::Gt | Op::Ge => (false, None),
        Op::Eq => match ind.polarity.as_ref().and_then(Polarity::bound) {
            Some(Bound::Ceiling) => (true, None),
            Some(Bound::Floor) => (false, None),
            None if ind.level2.contains("成本") || ind.level1.contains("成本") => {
                (true, Some("指标值未写方向 (=), 成本指标按不超过计".to_owned()))
            }
            None => (false, Some("指标值未写方向 (=), 按不低于计".to_owned())),
        },
    }
}

/// One quantity or several (compound: each scored, the least counts).
fn quantity(
    ind: &Indicator,
    terms: &[Term],
    got: &[Term],
    w: Decimal,
    p: &Profile,
) -> Result<(Method, Scored), Unscorable> {
    if terms.len() != got.len() {
        return Err(Unscorable::TermCount { targets: terms.len(), actuals: got.len() });
    }
    let mut parts: Vec<(Method, Scored)> = Vec::with_capacity(terms.len());
    for (t, b) in terms.iter().zip(got) {
        let c = convert(b.value, &b.unit, &t.unit)?;
        let (ceiling, assumed) = is_ceiling(ind, t.op);
        let (method, mut s) = if ceiling {
            (Method::Ceiling, formula::ceiling(t.value, c.value, w, p.ceiling))
        } else {
            (Method::Floor, formula::floor(t.value, c.value, w, p.far_over))
        };
        s.notes.splice(0..0, c.note.into_iter().chain(assumed));
        parts.push((method, s));
    }
    if parts.len() == 1 {
        return Ok(parts.remove(0));
    }
    let mut least = 0;
    for (i, (_, s)) in parts.iter().enumerate() {
        if s.score < parts[least].1.score {
            least = i;
        }
    }
    let working = parts
        .iter()
        .enumerate()
        .map(|(i, (_, s))| format!("第{}项 {}: {}", i + 1, terms[i].unit, s.working))
        .collect::<Vec<_>>()
        .join("; ");
    let notes = parts.iter().flat_map(|(_, s)| s.notes.iter().cloned()).collect();
    let (_, low) = &parts[least];
    Ok((
        Method::Compound,
        Scored {
            score: low.score,
            met: parts.iter().all(|(_, s)| s.met),
            working: Working::Text(format!("复合指标, 逐项计分取最低 (第{}项): {working}", least + 1)),
            notes,
        },
    ))
}

/// A deadline target against a date actual (or words saying it was on time).
fn deadline(
    op: Op,
    date: &PartialDate,
    actual: &Target,
    text: &str,
    w: Decimal,
    year: Option<i32>,
    p: &Profile,
) -> Result<(Method, Scored), Unscorable> {
    if op.is_floor() {
        return Err(Unscorable::DateFloor);
    }
    let table_year = year.and_then(|y| u16::try_from(y).ok());
    let due = resolve(date, table_year).ok_or(Unscorable::NoYear)?;
    let done = match actual {
        Target::Date { date: a, .. } => resolve(a, Some(due.0)).ok_or(Unscorable::IncompleteDate)?,
        _ if ["按时", "如期", "按期", "提前"].iter().any(|k| text.contains(k)) && !text.contains('未') => {
            let s = formula::deadline(0, 0, 0, w, p.ceiling);
            return Ok((Method::Date, Scored { working: s.working.prefixed(&format!("实际“{text}”, ")), ..s }));
        }
        _ => return Err(Unscorable::ActualNotDate(text.to_owned())),
    };
    let start = day_number(due.0, 1, 1);
    let (a_days, b_days) =
        (day_number(due.0, due.1, due.2) - start + 1, day_number(done.0, done.1, done.2) - start + 1);
    let s = formula::deadline(a_days, b_days, b_days - a_days, w, p.ceiling);
    let working = format!(
        "期限 {:04}-{:02}-{:02}, 实际 {:04}-{:02}-{:02}: {}",
        due.0, due.1, due.2, done.0, done.1, done.2, s.working
    );
    Ok((Method::Date, Scored { working: Working::Text(working), ..s }))
}

/// A partial date made whole: the given year when missing, the month's (or year's) last day.
fn resolve(d: &PartialDate, year: Option<u16>) -> Option<(u16, u8, u8)> {
    let y = d.year.or(year)?;
    let m = d.month.unwrap_or(12);
    let day = d.day.unwrap_or_else(|| days_in_month(Some(y), m));
    Some((y, m, day))
}

/// Days since 1970-01-01 (Howard Hinnant's civil-days algorithm).
fn day_number(y: u16, m: u8, d: u8) -> i64 {
    let (y, m, d) = (i64::from(y), i64::from(m), i64::from(d));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A qualitative target: the band the actual's words name; the published score must lie in it.
fn score_qualitative(
    ind: &Indicator,
    target: &Target,
    actual: &str,
    w: Decimal,
    weight: &Weight,
    p: &Profile,
) -> IndicatorScore {
    let Some(kind) = BandKind::of(actual) else {
        return IndicatorScore::unscored(
            weight.clone(),
            format!(
                "定性指标: 实际完成值“{actual}”未说明达成程度 (达成年度指标 / 部分达成年度指标并具有一定效果 / 未达成年度指标且效果较差), 无法定档"
            ),
        );
    };
    let band = match kind {
        BandKind::Achieved => &p.qualitative.achieved,
        BandKind::Partial => &p.qualitative.partial,
        BandKind::Missed => &p.qualitative.missed,
    };
    let published = ind.score.into_given().map(|s| s.get());
    let mut notes = Vec::new();
    if matches!(target, Target::Quality { unparsed: true, .. }) {
        notes.push("指标值未能读作数量, 按定性指标计分".to_owned());
    }
    let (s, out_of_band) = match formula::qualitative(kind, band, w, published, p.qualitative.pick) {
        Ok(s) => (s, None),
        Err(refused) => {
            // The published score is refused; the profile's pick stands in for it.
            let s = formula::qualitative(kind, band, w, None, p.qualitative.pick).map(|mut s| {
                if let Working::Qualitative { chosen, .. } = &mut s.working {
                    *chosen = chosen.instead_of_given();
                }
                s
            });
            (
                s.unwrap_or_else(|_| Scored {
                    score: Decimal::ZERO,
                    met: false,
                    working: Working::Text(String::new()),
                    notes: vec![],
                }),
                Some(refused.to_string()),
            )
        }
    };
    if let Some(msg) = &out_of_band {
        notes.push(format!("所填{msg}"));
    }
    IndicatorScore {
        weight: weight.clone(),
        method: Method::Qualitative,
        score: Some(round(s.score)),
        met: Some(s.met),
        working: s.working,
        notes,
        band: Some(formula::band_points(band, w)),
        out_of_band,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Stated;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    fn ind(level2: &str, target: &str, actual: Option<&str>) -> Indicator {
        Indicator {
            level1: "产出指标".into(),
            level2: level2.into(),
            name: "指标".into(),
            target: target.into(),
            actual: actual.map(Into::into),
            ..Indicator::default()
        }
    }

    /// 二级, 指标值, 实际完成值, score (None: not scored), method, what the working contains.
    type Case = (&'static str, &'static str, Option<&'static str>, Option<&'static str>, Method, &'static str);

    /// Every formula and edge the issue names, through the whole path: target and actual as
    /// published, weight 10, the 10号 profile.
    #[test]
    fn table_of_cases() {
        // (二级, 指标值, 实际完成值, score or None, method, working or reason contains)
        let cases: &[Case] = &[
            ("数量指标", "≥10个", Some("8个"), Some("8.00"), Method::Floor, "B/A×w = 8/10×10 = 8.00"),
            ("数量指标", "≥10个", Some("12个"), Some("10.00"), Method::Floor, "达标"),
            // over-achievement: no extra points
            ("数量指标", "≥10个", Some("50个"), Some("10.00"), Method::Floor, "达标"),
            // target 0
            ("质量指标", "≤0起", Some("0起"), Some("10.00"), Method::Ceiling, "达标"),
            ("质量指标", "≤0起", Some("2起"), Some("0.00"), Method::Ceiling, "目标为不超过 0"),
            ("数量指标", "≥0个", Some("3个"), Some("10.00"), Method::Floor, "达标"),
            // actual 0
            ("数量指标", "≥10个", Some("0个"), Some("0.00"), Method::Floor, "B/A×w = 0/10×10 = 0.00"),
            // ceiling exceeded twice over, A/B by default
            ("成本指标", "≤28.8万元", Some("57.6万元"), Some("5.00"), Method::Ceiling, "A/B×w = 28.8/57.6×10 = 5.00"),
            // a bare cost target is a ceiling
            ("成本指标", "28.8万元", Some("28万元"), Some("10.00"), Method::Ceiling, "≤"),
            // unit mismatch that converts: 万元 against 元
            ("成本指标", "≤10万元", Some("120000元"), Some("8.33"), Method::Ceiling, "A/B×w = 10/12×10 = 8.33"),
            // 95% against 0.95
            ("质量指标", "≥95%", Some("0.95"), Some("10.00"), Method::Floor, "达标"),
            ("质量指标", "≥95%", Some("0.9"), Some("9.47"), Method::Floor, "B/A×w = 90/95×10 = 9.47"),
            // a unit that does not convert
            ("数量指标", "≥10个", Some("10人"), None, Method::None, "单位不一致"),
            // an actual that is not a number
            ("数量指标", "≥10个", Some("较好"), None, Method::None, "不是数字"),
            // a missing actual
            ("数量指标", "≥10个", None, None, Method::None, "缺实际完成值"),
            ("数量指标", "≥10个", Some(""), None, Method::None, "缺实际完成值"),
            // no target
            ("数量指标", "", Some("10个"), None, Method::None, "缺指标值"),
            // ranges
            ("质量指标", "90%-95%", Some("93%"), Some("10.00"), Method::Range, "区间"),
            ("质量指标", "90%-95%", Some("81%"), Some("9.00"), Method::Range, "低于区间下限"),
            // compound: each part scored, the least counts
            (
                "数量指标",
                "大于10个团组，80人次",
                Some("8个团组，80人次"),
                Some("8.00"),
                Method::Compound,
                "取最低 (第1项)",
            ),
            (
                "数量指标",
                "大于10个团组，80人次",
                Some("12个团组，40人次"),
                Some("5.00"),
                Method::Compound,
                "取最低 (第2项)",
            ),
            ("数量指标", "大于10个团组，80人次", Some("12个团组"), None, Method::None, "无法逐项对应"),
            // dates: met, missed by days, words
            ("时效指标", "2021年12月31日前", Some("2021年11月30日"), Some("10.00"), Method::Date, "按期完成"),
            ("时效指标", "2021年12月底前", Some("2022年1月15日"), Some("9.61"), Method::Date, "逾期 15 天"),
            ("时效指标", "12月底前", Some("2021年11月"), Some("10.00"), Method::Date, "按期完成"),
            ("时效指标", "2021年12月底前", Some("按时完成"), Some("10.00"), Method::Date, "按时完成"),
            ("时效指标", "2021年12月底前", Some("尚在推进"), None, Method::None, "不是日期"),
            // qualitative, by band
            ("质量指标", "大大提升", Some("达成年度指标"), Some("10.00"), Method::Qualitative, "80%–100%"),
            (
                "质量指标",
                "大大提升",
                Some("部分达成年度指标并具有一定效果"),
                Some("8.00"),
                Method::Qualitative,
                "60%–80%",
            ),
            ("质量指标", "大大提升", Some("效果一般"), None, Method::None, "未说明达成程度"),
        ];
        let p = Profile::default();
        let w = Weight::Given(d("10"));
        for (level2, target, actual, score, method, working) in cases {
            let s = score_indicator(&ind(level2, target, *actual), &w, Some(2021), &p);
            let case = format!("{target} / {actual:?}: {s:?}");
            assert_eq!(s.score, score.map(d), "{case}");
            assert_eq!(s.method, *method, "{case}");
            assert!(s.working.to_string().contains(working), "{case}");
        }
    }

    #[test]
    fn conversions_and_assumptions_are_noted() {
        let p = Profile::default();
        let w = Weight::Given(d("10"));
        let s = score_indicator(&ind("成本指标", "≤10万元", Some("120000元")), &w, None, &p);
        assert_eq!(s.notes, ["实际值 120000元 折合 12万元"]);
        let s = score_indicator(&ind("质量指标", "≥95%", Some("0.95")), &w, None, &p);
        assert_eq!(s.notes, ["实际值 0.95 按 95% 计"]);
        let s = score_indicator(&ind("数量指标", "10个", Some("10个")), &w, None, &p);
        assert_eq!(s.notes, ["指标值未写方向 (=), 按不低于计"]);
        let s = score_indicator(&ind("数量指标", "≥10个", Some("30个")), &w, None, &p);
        assert_eq!(s.notes, ["实际值是目标的 3 倍, 不加分; 目标可能定得过低"]);
    }

    #[test]
    fn the_linear_ceiling_formula_is_the_profiles_choice() {
        let p = Profile { ceiling: super::super::CeilingFormula::Linear, ..Profile::default() };
        let s = score_indicator(&ind("成本指标", "≤28.8万元", Some("57.6万元")), &Weight::Given(d("10")), None, &p);
        assert_eq!(s.score, Some(d("0.00")));
    }

    #[test]
    fn a_published_qualitative_score_outside_its_band_is_refused() {
        let mut i = ind("质量指标", "大大提升", Some("部分达成"));
        i.score = Stated::Given(d("9.5").into());
        let s = score_indicator(&i, &Weight::Given(d("10")), None, &Profile::default());
        let msg = s.out_of_band.expect("refused");
        assert!(msg.contains("部分达成年度指标并具有一定效果") && msg.contains("6.00–8.00"), "{msg}");
        // The band's pick (its top by default) stands in.
        assert_eq!(s.score, Some(d("8.00")));
        i.score = Stated::Given(d("7").into());
        let s = score_indicator(&i, &Weight::Given(d("10")), None, &Profile::default());
        assert_eq!((s.score, s.out_of_band), (Some(d("7.00")), None));
    }

    #[test]
    fn civil_days() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2022, 1, 15) - day_number(2021, 12, 31), 15);
        assert_eq!(day_number(2024, 3, 1) - day_number(2024, 2, 28), 2);
    }
}
