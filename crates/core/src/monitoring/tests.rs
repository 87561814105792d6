//! Lights for execution and indicators, table lights and missing causes.

use rust_decimal::Decimal;

use super::*;
use crate::model::{DeviationCause, DocumentKind, IndicatorMonitoring, Monitoring};

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn ind(level2: &str, target: &str, to_date: Option<&str>, forecast: Option<&str>) -> Indicator {
    Indicator {
        level1: "产出指标".into(),
        level2: level2.into(),
        name: format!("{level2}{target}"),
        target: target.into(),
        monitoring: Some(IndicatorMonitoring {
            actual_to_date: to_date.map(Into::into),
            forecast: forecast.map(Into::into),
            ..IndicatorMonitoring::default()
        }),
        ..Indicator::default()
    }
}

#[test]
fn indicator_lights() {
    let l = Lights::default();
    // (二级, 指标值, 1–N月, 全年预计, light) at month 6 (half the year)
    let cases = [
        // counts to date against half the target
        ("数量指标", "≥100个", Some("50个"), None, Light::Green),
        ("数量指标", "≥100个", Some("35个"), None, Light::Yellow),
        ("数量指标", "≥100个", Some("20个"), None, Light::Red),
        ("数量指标", "≥100个", Some("70个"), None, Light::Blue),
        // a forecast is compared with the whole target
        ("数量指标", "≥100个", Some("20个"), Some("100个"), Light::Green),
        ("数量指标", "≥100个", None, Some("70个"), Light::Yellow),
        // rates are not cumulative
        ("质量指标", "≥90%", Some("92%"), None, Light::Green),
        // ceilings: within or not
        ("成本指标", "≤28.8万元", Some("20万元"), None, Light::Green),
        ("成本指标", "≤28.8万元", Some("300000元"), None, Light::Red),
        // deadlines
        ("时效指标", "2021年5月底前", Some("2021年4月20日"), None, Light::Green),
        ("时效指标", "2021年5月底前", Some("尚未完成"), None, Light::Red),
        ("时效指标", "2021年10月底前", Some("推进中"), None, Light::Unknown),
        // no data, or data that cannot be compared
        ("质量指标", "大大提升", Some("有所提升"), None, Light::Unknown),
        ("数量指标", "≥100个", Some("20人"), None, Light::Unknown),
    ];
    for (level2, target, to_date, forecast, want) in cases {
        let i = ind(level2, target, to_date, forecast);
        let j = indicator_light(&i, &i.parsed_target(), 6, Some(2021), &l);
        assert_eq!(j.light, want, "{target} {to_date:?} {forecast:?}: {}", j.working);
    }
}

#[test]
fn workings_show_the_figures() {
    let i = ind("数量指标", "≥100个", Some("35个"), None);
    let j = indicator_light(&i, &i.parsed_target(), 6, Some(2021), &Lights::default());
    assert_eq!(j.working, "1–6月完成 35 / 目标 100×6/12 = 70.00%: 黄灯");
}

#[test]
fn a_value_that_cannot_be_compared_is_said_not_missing() {
    let l = Lights::default();
    let i = ind("数量指标", "≥100个", Some("xyz"), None);
    assert_eq!(indicator_light(&i, &i.parsed_target(), 6, Some(2021), &l).working, "1–6月完成“xyz”无法与指标值比较");
    let i = ind("数量指标", "≥100个", None, Some("200%"));
    assert_eq!(indicator_light(&i, &i.parsed_target(), 6, Some(2021), &l).working, "全年预计“200%”无法与指标值比较");
    let i = ind("数量指标", "≥100个", None, None);
    assert_eq!(indicator_light(&i, &i.parsed_target(), 6, Some(2021), &l).working, "无监控数据");
}

#[test]
fn likelihood_can_only_make_a_light_worse() {
    let mut i = ind("质量指标", "大大提升", Some("有所提升"), None);
    let l = Lights::default();
    for (likelihood, want) in [
        (Likelihood::Certain, Light::Green),
        (Likelihood::Possible, Light::Yellow),
        (Likelihood::Impossible, Light::Red),
    ] {
        i.monitoring.as_mut().expect("m").likelihood = Some(likelihood);
        assert_eq!(indicator_light(&i, &i.parsed_target(), 6, None, &l).light, want);
    }
    let mut i = ind("数量指标", "≥100个", Some("20个"), None);
    i.monitoring.as_mut().expect("m").likelihood = Some(Likelihood::Certain);
    assert_eq!(indicator_light(&i, &i.parsed_target(), 6, None, &l).light, Light::Red);
}

fn table(spent: &str, inds: Vec<Indicator>) -> Document {
    let mut doc = Document::new(DocumentKind::Project);
    doc.year = Some(2021);
    doc.indicators = inds;
    doc.monitoring = Some(Monitoring {
        month: Some(7),
        budget_full_year: Some(d("120").into()),
        spent_to_date: Some(d(spent).into()),
        ..Monitoring::default()
    });
    doc
}

#[test]
fn execution_against_elapsed_time() {
    let l = Lights::default();
    // 7 months: 58.33% of the year. (spent of 120, light)
    for (spent, want) in [("70", Light::Green), ("56", Light::Green), ("50", Light::Yellow), ("30", Light::Red)] {
        let r = monitor(&table(spent, vec![]), None, &l);
        assert_eq!(r.execution.as_ref().map(|e| e.light), Some(want), "{spent}");
        assert_eq!(r.light, want);
    }
    let r = monitor(&table("50", vec![]), None, &l);
    assert_eq!(
        r.execution.expect("execution").working,
        "1–7月执行率 50/120 = 41.67%, 时间进度 7/12 = 58.33%, 执行率/时间进度 = 71.43%: 黄灯"
    );
    // --month overrides the table's month: by March, 50 of 120 is well ahead.
    assert_eq!(monitor(&table("50", vec![]), Some(3), &l).light, Light::Green);
}

#[test]
fn a_light_that_is_not_green_needs_a_cause() {
    let l = Lights::default();
    let behind = ind("数量指标", "≥100个", Some("10个"), None);
    let mut explained = ind("数量指标", "≥50个", Some("5个"), None);
    explained.deviation_cause = Some("设备采购延迟".into());
    explained.monitoring.as_mut().expect("m").cause = Some(DeviationCause::Hardware);
    let on_track = ind("数量指标", "≥12个", Some("7个"), None);
    let r = monitor(&table("30", vec![behind, explained, on_track]), None, &l);
    assert_eq!(r.light, Light::Red);
    let messages: Vec<(Option<usize>, &str)> = r.findings.iter().map(|f| (f.indicator, f.message.as_str())).collect();
    assert_eq!(
        messages,
        [
            (None, "预算执行红灯, 未填偏差原因 (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他)"),
            (Some(0), "“数量指标≥100个”红灯, 未填偏差原因 (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 / 其他)"),
        ]
    );
    assert_eq!(r.causes, ["“数量指标≥50个” 硬件条件保障: 设备采购延迟"]);
    assert_eq!(r.indicators[2].light, Light::Green);
}

#[test]
fn worst_light_wins_and_unknown_gives_way() {
    assert_eq!(Light::Green.worse(Light::Red), Light::Red);
    assert_eq!(Light::Unknown.worse(Light::Yellow), Light::Yellow);
    assert_eq!(Light::Blue.worse(Light::Green), Light::Green);
    assert_eq!(Light::Unknown.worse(Light::Unknown), Light::Unknown);
}

#[test]
fn without_monitoring_keeps_the_targets_and_drops_only_monitoring_data() {
    let mut doc = Document::new(DocumentKind::Project);
    doc.indicators.push(Indicator { name: "团组".into(), target: "≥10个".into(), ..Indicator::default() });
    let mut entered = doc.clone();
    entered.monitoring =
        Some(Monitoring { month: Some(7), spent_to_date: Some(Decimal::from(3).into()), ..Monitoring::default() });
    entered.indicators[0].deviation_cause = Some("疫情".into());
    entered.indicators[0].monitoring =
        Some(IndicatorMonitoring { actual_to_date: Some("2个".into()), ..IndicatorMonitoring::default() });
    assert_eq!(without_monitoring(&entered), without_monitoring(&doc), "monitoring data alone is no change");
    let mut retargeted = entered.clone();
    retargeted.indicators[0].target = "≥5个".into();
    assert_ne!(without_monitoring(&retargeted), without_monitoring(&doc), "a changed target is a change");
    let mut evaluated = entered;
    evaluated.indicators[0].actual = Some("9个".into());
    assert_ne!(without_monitoring(&evaluated), without_monitoring(&doc), "a year-end actual is not monitoring");
}
