//! 可行性 in time: the budget year within the project period (项目期), and deadlines within
//! the budget year and the period.

use crate::target::Target;
use crate::text::fold;

use super::context::Context;
use super::{RuleId, Sink, Subject};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    let Some(year) = cx.doc.year else { return };
    let period = cx.doc.project.as_ref().map(|p| p.period.as_str()).unwrap_or("");
    let span = years_of(period);
    if let Some((start, end)) = span {
        let year16 = u16::try_from(year).unwrap_or(0);
        if out.enabled(RuleId::PeriodMismatch) && (year16 < start || end.is_some_and(|e| year16 > e)) {
            out.report(
                RuleId::PeriodMismatch,
                Subject::Period,
                format!("预算年度 {year} 年不在项目期“{}”内", period.trim()),
                "核对预算年度和项目期: 项目期外的年度不应安排该项目资金",
            );
        }
    }
    if !out.enabled(RuleId::DateOutsidePeriod) {
        return;
    }
    // The last year a deadline may fall in: the period's end, or the budget year without one.
    let last = match span {
        Some((_, end)) => end,
        None => u16::try_from(year).ok(),
    };
    for (i, ind, f) in cx.indicators() {
        let Target::Date { date, .. } = &f.target else { continue };
        let Some(y) = date.year else { continue };
        let problem = if i32::from(y) < year {
            format!("早于预算年度 {year} 年")
        } else if let Some(last) = last.filter(|&l| y > l) {
            if span.is_some() {
                format!("晚于项目期“{}”的末年 {last} 年", period.trim())
            } else {
                format!("晚于预算年度 {last} 年")
            }
        } else {
            continue;
        };
        out.report(
            RuleId::DateOutsidePeriod,
            Subject::Indicator(i),
            format!("指标“{}”的时间“{}”{problem}", ind.name, ind.target),
            format!(
                "把“{}”的时间定在预算年度 {year} 年{}之内",
                ind.name,
                if span.is_some() { " (及项目期)" } else { "" }
            ),
        );
    }
}

/// The first and last year of a period: `2019年-2021年` → (2019, 2021); `2020年` → (2020, 2020);
/// `2018年起` → (2018, open). `None` when it names no year (`长期`).
fn years_of(period: &str) -> Option<(u16, Option<u16>)> {
    let text = fold(period);
    let mut years: Vec<u16> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if i - start == 4 {
                if let Ok(y) = text[start..i].parse::<u16>() {
                    if (1900..=2100).contains(&y) {
                        years.push(y);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    let first = *years.iter().min()?;
    let last = *years.iter().max()?;
    let open = years.len() == 1 && ["起", "以来", "至今", "开始", "以后", "长期"].iter().any(|w| text.contains(w));
    Some((first, if open { None } else { Some(last) }))
}

#[cfg(test)]
mod tests {
    use super::years_of;
    use crate::review::testing::*;
    use crate::review::{RuleId, Subject};

    #[test]
    fn periods() {
        assert_eq!(years_of("2019年-2021年"), Some((2019, Some(2021))));
        assert_eq!(years_of("2020年"), Some((2020, Some(2020))));
        assert_eq!(years_of("２０１９—２０２１"), Some((2019, Some(2021))));
        assert_eq!(years_of("2019年1月至2021年12月"), Some((2019, Some(2021))));
        assert_eq!(years_of("2018年起"), Some((2018, None)));
        assert_eq!(years_of("长期"), None);
        assert_eq!(years_of(""), None);
    }

    #[test]
    fn period_mismatch_fires_outside_the_period_only() {
        let mut doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        assert!(findings(&doc, RuleId::PeriodMismatch).is_empty());
        doc.year = Some(2022);
        let f = findings(&doc, RuleId::PeriodMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, Subject::Period);
        assert_eq!(f[0].message, "预算年度 2022 年不在项目期“2019年-2021年”内");
        doc.year = Some(2018);
        assert_eq!(findings(&doc, RuleId::PeriodMismatch).len(), 1);
        if let Some(p) = doc.project.as_mut() {
            p.period = "长期".to_owned();
        }
        assert!(findings(&doc, RuleId::PeriodMismatch).is_empty());
    }

    #[test]
    fn date_outside_period_fires_before_the_year_and_after_the_period() {
        let doc = project(vec![
            ind("产出指标", "时效指标", "完成时间", "2019年12月底前"),
            ind("产出指标", "时效指标", "验收时间", "2021年6月30日前"),
            ind("产出指标", "时效指标", "结项时间", "2022年6月30日前"),
            ind("产出指标", "时效指标", "启动时间", "3月底前"),
        ]);
        assert_eq!(flagged(&doc, RuleId::DateOutsidePeriod), ["完成时间", "结项时间"]);
    }
}
