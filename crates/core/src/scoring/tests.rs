//! A whole 自评表 scored and checked: execution points, total, grade, and each kind of
//! published figure that disagrees with the rules.

use rust_decimal::Decimal;

use super::*;
use crate::Stated;
use crate::model::{Document, DocumentKind, Indicator, SelfEvaluation};

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn ind(level1: &str, level2: &str, name: &str, target: &str, weight: &str, actual: &str, score: &str) -> Indicator {
    Indicator {
        level1: level1.into(),
        level2: level2.into(),
        name: name.into(),
        target: target.into(),
        weight: Some(d(weight).into()),
        actual: Some(actual.into()),
        score: Stated::from_option((!score.is_empty()).then(|| d(score)).map(Into::into)),
        ..Indicator::default()
    }
}

/// A 自评表 whose published figures are all right: 产出 50, 效益 30, 满意度 10, execution 10.
fn correct() -> Document {
    let mut doc = Document::new(DocumentKind::Project);
    doc.year = Some(2021);
    doc.indicators = vec![
        ind("产出指标", "数量指标", "培训人次", "≥100人次", "20", "80人次", "16"),
        ind("产出指标", "时效指标", "完成时间", "2021年12月底前", "10", "2021年11月30日", "10"),
        ind("产出指标", "成本指标", "培训成本", "≤20万元", "20", "190000元", "20"),
        ind("效益指标", "社会效益指标", "能力提升", "明显提升", "30", "达成年度指标", "27"),
        ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%", "10", "95%", "10"),
    ];
    doc.self_evaluation = Some(SelfEvaluation {
        budget_initial: Some(d("20").into()),
        budget_full_year: Some(d("20").into()),
        spent: Some(d("19").into()),
        execution_rate: Some(d("95").into()),
        execution_weight: Some(d("10").into()),
        execution_score: Some(d("9.5").into()),
        total_score: Some(d("92.5").into()),
        grade: Some("优".into()),
        ..SelfEvaluation::default()
    });
    doc
}

#[test]
fn a_correct_table_scores_as_published() {
    let s = score_document(&correct(), &Profile::default());
    let scores: Vec<Option<Decimal>> = s.indicators.iter().map(|i| i.score).collect();
    assert_eq!(scores, [Some(d("16")), Some(d("10")), Some(d("20")), Some(d("27")), Some(d("10"))]);
    let e = s.execution.as_ref().expect("execution");
    assert_eq!(e.working, "min(执行率, 1)×w = min(19/20, 1)×10 = 9.50");
    assert_eq!((s.total, s.grade.as_str()), (d("92.5"), "优"));
    assert!(s.discrepancies.is_empty(), "{:?}", s.discrepancies);
    assert!(s.notes.is_empty(), "{:?}", s.notes);
}

#[test]
fn every_kind_of_wrong_figure_is_found_with_its_size() {
    let mut doc = correct();
    doc.indicators[0].score = Stated::Given(d("20").into()); // full points, target missed (16 due)
    doc.indicators[1].score = Stated::Given(d("12").into()); // above its weight of 10
    doc.indicators[2].score = Stated::Given(d("15").into()); // 20 due
    doc.indicators[3].score = Stated::Given(d("20").into()); // outside 24–30
    let se = doc.self_evaluation.as_mut().expect("se");
    se.execution_rate = Some(d("100").into());
    se.execution_score = Some(d("10").into());
    se.total_score = Some(d("90").into());
    se.grade = Some("良".into());
    let s = score_document(&doc, &Profile::default());
    let found: Vec<(DiscrepancyKind, Place, &str, &str, Option<Decimal>)> = s
        .discrepancies
        .iter()
        .map(|x| (x.kind, x.place, x.published.as_str(), x.expected.as_str(), x.difference))
        .collect();
    use DiscrepancyKind::*;
    assert_eq!(
        found,
        [
            (FullScoreMissedTarget, Place::Indicator(0), "20.00", "16.00", Some(d("4"))),
            (ScoreAboveWeight, Place::Indicator(1), "12.00", "10.00", Some(d("2"))),
            (ScoreDiffers, Place::Indicator(2), "15.00", "20.00", Some(d("-5"))),
            (ScoreOutOfBand, Place::Indicator(3), "20.00", "24.00–30.00", Some(d("-4"))),
            (ExecutionRateDiffers, Place::Execution, "100.00", "95.00", Some(d("5"))),
            (ExecutionScoreDiffers, Place::Execution, "10.00", "9.50", Some(d("0.5"))),
            // 20 + 12 + 15 + 20 + 10 + 10 = 87
            (TotalNotSum, Place::Total, "90.00", "87.00", Some(d("3"))),
            (GradeMismatch, Place::Grade, "良", "优", None),
        ]
    );
    assert!(s.discrepancies[0].message.contains("B/A×w = 80/100×20 = 16.00"), "{}", s.discrepancies[0].message);
    assert!(s.discrepancies[3].message.contains("达成年度指标"), "{}", s.discrepancies[3].message);
}

#[test]
fn published_rounding_is_tolerated() {
    let mut doc = correct();
    doc.indicators[0].actual = Some("95人次".into());
    // 95/100 × 20 = 19 exactly; a published 19.01 is within the 0.01 tolerance.
    doc.indicators[0].score = Stated::Given(d("19.01").into());
    let se = doc.self_evaluation.as_mut().expect("se");
    se.total_score = Some(d("95.51").into());
    let s = score_document(&doc, &Profile::default());
    assert!(s.discrepancies.is_empty(), "{:?}", s.discrepancies);
}

#[test]
fn unscored_indicators_are_counted_and_said() {
    let mut doc = correct();
    doc.indicators[4].actual = Some("较高".into());
    doc.indicators[2].weight = None;
    let s = score_document(&doc, &Profile::default());
    assert_eq!(s.unscored, 1);
    assert!(s.notes.iter().any(|n| n == "1 个指标未能计分, 总分 82.50 未计入它们"), "{:?}", s.notes);
    assert!(s.notes.iter().any(|n| n.contains("产出 50 分中未分配的 20 分平均分配")), "{:?}", s.notes);
}

#[test]
fn grades_follow_the_profile() {
    let p = Profile::default();
    for (total, grade) in
        [("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("60", "中"), ("59.99", "差"), ("0", "差")]
    {
        assert_eq!(p.grade(d(total)), grade, "{total}");
    }
}

#[test]
fn execution_is_capped_at_full_points() {
    let mut doc = correct();
    let se = doc.self_evaluation.as_mut().expect("se");
    se.spent = Some(d("25").into());
    se.execution_rate = None;
    let s = score_document(&doc, &Profile::default());
    assert_eq!(s.execution.expect("execution").score, d("10"));
}

#[test]
fn tables_without_actuals_are_not_scored() {
    let mut doc = correct();
    assert!(has_actuals(&doc));
    doc.self_evaluation = None;
    for i in &mut doc.indicators {
        i.actual = None;
    }
    assert!(!has_actuals(&doc));
}

mod never_panics {
    use proptest::prelude::*;

    use super::*;

    /// Texts that reach the formulas' edges: huge and tiny numbers, zero, negatives, units.
    fn figure() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("0".to_owned()),
            Just("-5".to_owned()),
            Just("79228162514264337593543950335".to_owned()),
            Just("0.0000000000000000000000000001".to_owned()),
            "[0-9]{1,30}(\\.[0-9]{1,28})?",
            any::<String>(),
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        (
            prop_oneof![Just("≥"), Just("≤"), Just(""), Just("大于"), Just("不超过")],
            figure(),
            prop_oneof![Just("%"), Just("万元"), Just("元"), Just("个"), Just(""), Just("年12月底前")],
        )
            .prop_map(|(op, n, unit)| format!("{op}{n}{unit}"))
    }

    fn decimal() -> impl Strategy<Value = Option<Decimal>> {
        prop_oneof![
            Just(None),
            Just(Some(Decimal::MAX)),
            Just(Some(Decimal::MIN)),
            Just(Some(Decimal::ZERO)),
            Just(Some(Decimal::new(1, 28))),
            (-1_000_000i64..1_000_000).prop_map(|n| Some(Decimal::new(n, 2))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn scoring_any_figures_gives_a_result(
            rows in proptest::collection::vec((text(), text(), decimal(), decimal()), 1..6),
            budget in decimal(),
            spent in decimal(),
            total in decimal(),
        ) {
            let mut doc = Document::new(DocumentKind::Project);
            doc.year = Some(2021);
            for (i, (target, actual, weight, score)) in rows.into_iter().enumerate() {
                let level1 = ["产出指标", "效益指标", "满意度指标", "成本指标", "其他"][i % 5];
                doc.indicators.push(Indicator {
                    level1: level1.into(),
                    level2: "数量指标".into(),
                    name: format!("指标{i}"),
                    target,
                    monitoring: Some(crate::model::IndicatorMonitoring {
                        actual_to_date: Some(actual.clone()),
                        ..Default::default()
                    }),
                    actual: Some(actual),
                    weight: weight.map(Into::into),
                    score: Stated::from_option(score.map(Into::into)),
                    ..Indicator::default()
                });
            }
            doc.self_evaluation = Some(SelfEvaluation {
                budget_full_year: budget.map(Into::into),
                spent: spent.map(Into::into),
                execution_weight: budget.map(Into::into),
                execution_score: spent.map(Into::into),
                total_score: total.map(Into::into),
                grade: Some("优".into()),
                ..SelfEvaluation::default()
            });
            doc.monitoring = Some(crate::model::Monitoring {
                budget_full_year: budget.map(Into::into),
                spent_to_date: spent.map(Into::into),
                ..Default::default()
            });
            let s = score_document(&doc, &Profile::default());
            // Everything a report shows can be written.
            for i in &s.indicators {
                let _ = i.working.to_string();
            }
            prop_assert_eq!(s.indicators.len(), doc.indicators.len());
            let m = crate::monitoring::monitor(&doc, Some(7), &Profile::default().lights);
            prop_assert_eq!(m.indicators.len(), doc.indicators.len());
        }
    }
}
