//! 相关性 of an indicator's name to its level and unit: a cost counted in 人 under 数量指标, a
//! satisfaction outside 满意度指标, a time limit whose target is not a time.

use crate::levels::Level2;
use crate::model::Indicator;
use crate::target::Target;

use super::context::{Context, Facts};
use super::words::{is_money, is_percent, is_time_unit};
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::NameLevelMismatch) {
        return;
    }
    for (i, ind, f) in cx.indicators() {
        if !f.has_standard_levels() {
            continue;
        }
        if let Some((message, hint)) = mismatch(ind, f) {
            out.report(RuleId::NameLevelMismatch, Subject::Indicator(i), message, hint);
        }
    }
}

fn mismatch(ind: &Indicator, f: &Facts) -> Option<(String, String)> {
    let name = ind.name.trim();
    let level = if ind.level2.trim().is_empty() { ind.level1.trim() } else { ind.level2.trim() };
    let terms = f.target.terms();
    if f.name.cost() && !f.is_cost() && !f.is_satisfaction_level() {
        // A count unit: the name says money, the target counts something else.
        if let Some(t) = terms.iter().find(|t| !t.unit.is_empty() && !is_money(&t.unit) && !is_percent(&t.unit)) {
            return Some((
                cat(&["“", name, "”是费用, 却以“", &t.unit, "”计, 列在", level, "下"]),
                format!("把“{name}”列入成本指标并以金额计 (≤); 若要衡量的是人数、次数, 把名称改为“…人次”“…人数”"),
            ));
        }
        let output = matches!(f.level2, Some(Level2::Quantity | Level2::Quality | Level2::Timeliness));
        if output && !terms.is_empty() && terms.iter().all(|t| is_money(&t.unit)) && !f.name.saving() {
            return Some((
                format!("“{name}”以金额“{}”计, 是成本, 却列在{level}下", ind.target.trim()),
                format!(
                    "把“{name}”移到成本指标下, 并写成上限 (如“≤{}”)",
                    ind.target.trim().trim_start_matches(['≥', '>', '=', '≤', '<'])
                ),
            ));
        }
    }
    // `工程资金金额 43.2` under 数量指标: the money put in, not an output.
    let output = matches!(f.level2, Some(Level2::Quantity | Level2::Quality | Level2::Timeliness));
    if f.name.amount() && output && !f.name.saving() && terms.iter().all(|t| !is_percent(&t.unit)) && !terms.is_empty()
    {
        return Some((
            format!("“{name}”是资金金额 (投入), 却列在{level}下"),
            format!("“{name}”是投入, 应作为成本指标并写成上限 (≤); {level}写项目完成的实物量或比率"),
        ));
    }
    if f.name.satisfaction() && !f.is_satisfaction_level() {
        return Some((
            cat(&["“", name, "”是满意度, 却列在", level, "下"]),
            format!("把“{name}”移到满意度指标 (服务对象满意度指标) 下, 写成下限 (如“≥90%”)"),
        ));
    }
    if f.name.timeliness() && matches!(f.target, Target::Quantity { .. }) {
        // A rate (`按时完成率`) may be a percentage; a time (`项目完成时间`) may not.
        let percent_ok = f.name.ratio();
        let not_time = |u: &str| !u.is_empty() && !is_time_unit(u) && (!is_percent(u) || !percent_ok);
        if terms.iter().all(|t| not_time(&t.unit)) {
            return Some((
                format!("“{name}”是时限, 指标值“{}”却不是时间", ind.target.trim()),
                format!(
                    "“{name}”应以天、工作日、月或完成日期计, 如“≤7个工作日”“12月31日前”; 要衡量按时完成的比例, 把名称改为“…按时完成率”"
                ),
            ));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::review::RuleId;
    use crate::review::testing::*;

    #[test]
    fn costs_counted_in_people_under_quantity() {
        let doc = project_with(ind("产出指标", "数量指标", "差旅费", "50人"));
        let f = findings(&doc, RuleId::NameLevelMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "“差旅费”是费用, 却以“人”计, 列在数量指标下");
        // The same cost as a money ceiling under 成本指标 is right.
        let doc = project_with(ind("产出指标", "成本指标", "差旅费", "≤2万元"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
        // Travel as an activity counted in people is not a cost name.
        let doc = project_with(ind("产出指标", "数量指标", "网站维护、差旅", "大于网站2个，100人次"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
    }

    #[test]
    fn costs_in_money_belong_under_cost() {
        let doc = project_with(ind("产出指标", "数量指标", "培训费", "≤20万元"));
        assert_eq!(flagged(&doc, RuleId::NameLevelMismatch), ["培训费"]);
        // A saving in money is an economic benefit.
        let doc = project_with(ind("效益指标", "经济效益指标", "节约运行成本", "≥10万元"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
    }

    #[test]
    fn amounts_of_money_are_not_outputs() {
        let doc = project_with(ind("产出指标", "数量指标", "指标1工程资金金额", "43.2"));
        assert_eq!(flagged(&doc, RuleId::NameLevelMismatch), ["指标1工程资金金额"]);
        let doc = project_with(ind("产出指标", "质量指标", "资金金额准确率", "100%"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
    }

    #[test]
    fn satisfaction_outside_satisfaction() {
        let doc = project_with(ind("效益指标", "社会效益指标", "群众满意度", "≥90%"));
        assert_eq!(findings(&doc, RuleId::NameLevelMismatch)[0].message, "“群众满意度”是满意度, 却列在社会效益指标下");
        let doc = project_with(ind("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
        // The long satisfaction level of some provinces is a satisfaction level.
        let doc = project_with(ind("满意度指标", "社会公众或服务对象满意度指标", "学生家长满意度", "≥90%"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
        // 满意程度 is a satisfaction too.
        let doc = project_with(ind("效益指标", "社会效益指标", "市民对空气质量改善的满意程度", "≥85%"));
        assert_eq!(flagged(&doc, RuleId::NameLevelMismatch), ["市民对空气质量改善的满意程度"]);
    }

    #[test]
    fn time_limits_that_are_not_times() {
        let doc = project_with(ind("产出指标", "时效指标", "护照办理时限", "≥100件"));
        assert_eq!(flagged(&doc, RuleId::NameLevelMismatch), ["护照办理时限"]);
        // A percentage is not a time (`项目完成时间 100%`), unless the name is a rate.
        let doc = project_with(ind("产出指标", "时效指标", "项目完成时间", "100%"));
        assert_eq!(flagged(&doc, RuleId::NameLevelMismatch), ["项目完成时间"]);
        let doc = project_with(ind("产出指标", "时效指标", "按时完成率", "100%"));
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
        let doc = project_with(ind("产出指标", "时效指标", "按时发放", "≥1人/年"));
        assert_eq!(flagged(&doc, RuleId::NameLevelMismatch), ["按时发放"]);
        for ok in ["小于3个工作日", "2020年12月底前", "及时"] {
            let doc = project_with(ind("产出指标", "时效指标", "护照办理时限", ok));
            assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty(), "{ok}");
        }
    }

    #[test]
    fn department_levels_are_not_judged() {
        let doc = department(vec![("支出控制", "三公经费", "≤10人")]);
        assert!(findings(&doc, RuleId::NameLevelMismatch).is_empty());
    }
}
