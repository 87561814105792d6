//! Every misfire and miss listed in issue 14, each on the real table it was seen on
//! (`fixtures/review/`) or on a table modelled on one (`fixtures/review/modelled/`).

use jixiao_core::model::{Document, documents_from_json};
use jixiao_core::review::{Finding, Grade, Reviewer, RuleId, Severity};

fn docs(path: &str) -> Vec<Document> {
    let full = format!("{}/../../fixtures/review/{path}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    documents_from_json(&text).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn doc(path: &str) -> Document {
    docs(path).remove(0)
}

fn all(doc: &Document) -> Vec<Finding> {
    Reviewer::default().review(doc, None).findings
}

/// The findings of `rule`, each as (indicator name or "", message).
fn of(doc: &Document, rule: RuleId) -> Vec<(String, String)> {
    all(doc)
        .into_iter()
        .filter(|f| f.rule == rule)
        .map(|f| (f.indicator().map(|i| doc.indicators[i].name.clone()).unwrap_or_default(), f.message))
        .collect()
}

fn names(doc: &Document, rule: RuleId) -> Vec<String> {
    of(doc, rule).into_iter().map(|(n, _)| n).collect()
}

// ---- What misfired -------------------------------------------------------------------------

#[test]
fn no_attribute_or_period_asked_of_forms_without_them() {
    for path in [
        "17_sichuan-zhaohua-tekun-fuzhu-2021",
        "12_hubei-wuhan-qingshan-bruoxiao-2020",
        "01_hunan-xiangtan-wupaoche-2023",
        "03_sichuan-daying-wenming-ziping-2020",
        "10_sichuan-qingshen-gongzi-ziping-2023",
        "modelled/transfer-frame",
    ] {
        for (_, message) in of(&doc(path), RuleId::MissingField) {
            assert!(!message.contains("项目属性") && !message.contains("项目期"), "{path}: {message}");
        }
    }
}

#[test]
fn the_transfer_frame_and_long_satisfaction_levels_have_their_levels() {
    for path in ["modelled/transfer-frame", "12_hubei-wuhan-qingshan-bruoxiao-2020", "01_hunan-xiangtan-wupaoche-2023"]
    {
        let d = doc(path);
        assert!(of(&d, RuleId::MissingLevel).is_empty(), "{path}: {:?}", of(&d, RuleId::MissingLevel));
        assert!(of(&d, RuleId::LevelMismatch).is_empty(), "{path}: {:?}", of(&d, RuleId::LevelMismatch));
    }
}

#[test]
fn parents_satisfaction_under_the_long_satisfaction_level_is_in_place() {
    let d = doc("12_hubei-wuhan-qingshan-bruoxiao-2020");
    assert!(!names(&d, RuleId::NameLevelMismatch).contains(&"学生家长满意度".to_owned()));
}

#[test]
fn a_two_level_form_is_not_incomplete() {
    let d = doc("modelled/two-level");
    assert!(of(&d, RuleId::IncompleteIndicator).is_empty(), "{:?}", of(&d, RuleId::IncompleteIndicator));
    assert!(of(&d, RuleId::MissingTarget).is_empty());
}

#[test]
fn a_total_cost_row_is_not_added_and_unstated_other_funds_are_not_asked_for() {
    let d = doc("modelled/total-cost-row");
    assert!(of(&d, RuleId::CostExceedsFunds).is_empty(), "{:?}", of(&d, RuleId::CostExceedsFunds));
    assert!(of(&d, RuleId::FundsSum).is_empty(), "{:?}", of(&d, RuleId::FundsSum));
}

#[test]
fn a_period_is_readable_and_a_serial_date_is_not_compound() {
    let d = doc("17_sichuan-zhaohua-tekun-fuzhu-2021");
    assert!(!names(&d, RuleId::UnparsedTarget).contains(&"项目实施时间".to_owned()));
    let d = doc("modelled/serial-date");
    assert!(of(&d, RuleId::CompoundTarget).is_empty());
    let f: Vec<Finding> = all(&d).into_iter().filter(|f| f.rule == RuleId::UnparsedTarget).collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Info);
    assert!(f[0].hint.contains("2021年12月31日"), "{}", f[0].hint);
}

#[test]
fn template_hints_beside_filled_targets_are_warnings_and_never_make_poor() {
    let d = doc("02_anhui-jinzhai-wuye-2021");
    let review = Reviewer::default().review(&d, None);
    let placeholders: Vec<&Finding> = review.findings.iter().filter(|f| f.rule == RuleId::Placeholder).collect();
    assert_eq!(placeholders.len(), 3);
    assert!(placeholders.iter().all(|f| f.severity == Severity::Warning));
    assert_ne!(review.summary.grade, Grade::Poor);
    // One such leftover alone leaves a table 优.
    let mut one = doc("01_hunan-xiangtan-wupaoche-2023");
    one.indicators.retain(|i| i.name != "服务周期内空气质量");
    for i in &mut one.indicators {
        if i.name.contains("满意程度") {
            i.name = "空气质量优良天数比率".to_owned();
        }
    }
    one.indicators[0].name.push_str("(≥**辆)");
    let review = Reviewer::default().review(&one, None);
    assert_eq!(review.summary.warnings, 1, "{:?}", review.findings);
    assert_eq!(review.summary.grade, Grade::Excellent);
}

#[test]
fn plain_counts_need_no_comparator() {
    let d = doc("17_sichuan-zhaohua-tekun-fuzhu-2021");
    assert!(of(&d, RuleId::MissingComparator).is_empty(), "63人: {:?}", of(&d, RuleId::MissingComparator));
    let d = doc("01_hunan-xiangtan-wupaoche-2023");
    assert!(!names(&d, RuleId::MissingComparator).contains(&"雾炮车降尘抑尘服务配备车辆数".to_owned()), "10辆");
}

#[test]
fn null_means_not_stated() {
    let d = docs("modelled/nulls");
    assert_eq!(d.len(), 2);
    assert_eq!(
        of(&d[0], RuleId::MissingField),
        [(String::new(), "项目绩效目标申报表缺少主管部门、年度资金总额".to_owned())]
    );
    assert_eq!(d[0].indicators.len(), 3);
    assert!(of(&d[1], RuleId::MissingField)[0].1.contains("绩效指标"));
}

// ---- What was missed -----------------------------------------------------------------------

#[test]
fn satisfaction_written_as_manyi_chengdu_outside_satisfaction() {
    let d = doc("01_hunan-xiangtan-wupaoche-2023");
    assert_eq!(names(&d, RuleId::NameLevelMismatch), ["服务周期内,市民对空气质量改善的满意程度"]);
}

#[test]
fn a_time_indicator_with_a_percentage() {
    assert_eq!(names(&doc("07_fujian-ningde-dangshi-bumen-2019"), RuleId::NameLevelMismatch), ["项目完成时间"]);
}

#[test]
fn a_quantity_set_as_a_ceiling() {
    let d = doc("24_anhui-jinzhai-meili-xiangcun-ziping-2023");
    assert_eq!(names(&d, RuleId::QuantityCeiling), ["指标1:开展精品示范村建设数量"]);
}

#[test]
fn a_unit_cost_of_zero() {
    assert_eq!(names(&doc("modelled/zero-unit-cost"), RuleId::ZeroCost), ["出差单位成本"]);
}

#[test]
fn a_cost_given_only_as_a_rate() {
    assert_eq!(names(&doc("12_hubei-wuhan-qingshan-bruoxiao-2020"), RuleId::CostWithoutAmount), ["建设项目成本控制率"]);
}

#[test]
fn a_floor_of_exactly_100_percent_on_a_rate() {
    let d = doc("13_yunnan-yongde-yingyang-ziping-2022");
    assert_eq!(names(&d, RuleId::PercentOver100), ["营养改善计划覆盖率", "资金到位及时率"]);
}

#[test]
fn a_unit_that_is_not_a_unit() {
    let d = doc("21_ningxia-tongxin-putao-2023");
    assert_eq!(names(&d, RuleId::IncompleteUnit), ["作物种植补助标准,黄金蜜(葡萄)补助成本(≤**元/株)"]);
}

#[test]
fn boilerplate_that_fits_no_project_and_no_cost_block() {
    let d = doc("06_sichuan-jingyan-cunzu-baochou-2023");
    assert_eq!(names(&d, RuleId::BoilerplateTarget), ["维持时效", "按时发放"]);
    assert!(of(&d, RuleId::MissingLevel).iter().any(|(_, m)| m.contains("成本指标")));
}

#[test]
fn full_points_against_a_missed_target() {
    let d = doc("modelled/score-over-achievement");
    let f: Vec<Finding> = all(&d).into_iter().filter(|f| f.rule == RuleId::ScoreOverAchievement).collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(d.indicators[f[0].indicator().expect("an indicator")].name, "65岁以上老年人健康管理人数");
}

#[test]
fn execution_over_100_percent() {
    let d = doc("24_anhui-jinzhai-meili-xiangcun-ziping-2023");
    assert_eq!(of(&d, RuleId::ExecutionOver100), [(String::new(), "预算执行率 102.59% 超过 100%".to_owned())]);
}

// ---- Hints that fit the indicator ----------------------------------------------------------

#[test]
fn the_compound_target_hint_splits_this_indicator() {
    let text = include_str!("../../../samples/ningxia-waishi-2020.expected.json");
    let docs = documents_from_json(text).expect("the sample reads");
    let d = docs.iter().find(|d| d.label() == "外事业务经费").expect("the project");
    let f: Vec<Finding> = all(d).into_iter().filter(|f| f.rule == RuleId::CompoundTarget).collect();
    let first = &f[0];
    let name = &d.indicators[first.indicator().expect("an indicator")].name;
    assert_eq!(name, "接待外宾团组及人数");
    assert!(first.hint.contains("接待外宾团组及人数") && first.hint.contains(">40个团组"), "{}", first.hint);
    assert!(!first.hint.contains("出访团组数 ≥10个"), "{}", first.hint);
}
