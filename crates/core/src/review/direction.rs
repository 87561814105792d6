//! 适当性 and 可行性 of a target's direction and size: costs are ceilings, satisfaction is a
//! floor and not set too low, and rates that top out at 100% do not ask for more.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::target::{Op, Target};

use super::context::Context;
use super::words::{is_money, is_percent};
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    let cost = out.enabled(RuleId::CostNotCeiling);
    let floor = out.enabled(RuleId::SatisfactionNotFloor);
    let low = out.enabled(RuleId::SatisfactionTooLow);
    let over = out.enabled(RuleId::PercentOver100);
    let min = cx.thresholds.satisfaction_min;
    for (i, ind, f) in cx.indicators() {
        // Targets are trimmed by the readers (format.md).
        let target = ind.target.as_str();
        if cost && f.is_cost() {
            if let Some(t) = f.target.terms().iter().find(|t| t.op.is_floor() && is_money(&t.unit)) {
                out.report(
                    RuleId::CostNotCeiling,
                    Subject::Indicator(i),
                    cat(&["成本指标“", &ind.name, "”的指标值“", target, "”是下限; 成本是反向指标, 应设上限"]),
                    Cow::Owned(cat(&[
                        "把“",
                        &ind.name,
                        "”改为“≤",
                        &t.value.to_string(),
                        &t.unit,
                        "”等上限写法 (不超过该金额)",
                    ])),
                );
            }
        }
        let satisfaction = f.is_satisfaction();
        // Under 满意度指标 a count (`粮食安全事件发生数 0起`) is no satisfaction rate: the
        // misplaced indicator is the problem, not its direction.
        let counted = !f.name.satisfaction()
            && f.target.terms().iter().any(|t| !t.unit.trim().is_empty() && !is_percent(&t.unit));
        if satisfaction && floor && !counted {
            let not_floor = match &f.target {
                Target::Quantity { terms } => {
                    terms.iter().any(|t| !t.op.is_floor() && !is_full(t.op, t.value, &t.unit))
                }
                Target::Range { .. } => true,
                _ => false,
            };
            if not_floor {
                out.report(
                    RuleId::SatisfactionNotFloor,
                    Subject::Indicator(i),
                    cat(&["满意度指标“", &ind.name, "”的指标值“", target, "”不是下限; 满意度是正向指标"]),
                    Cow::Owned(floor_hint(&ind.name, f.target)),
                );
            }
        }
        if satisfaction && low {
            if let Some(t) =
                f.target.terms().iter().find(|t| is_percent(&t.unit) && !t.op.is_ceiling() && t.value < min)
            {
                out.report(
                    RuleId::SatisfactionTooLow,
                    Subject::Indicator(i),
                    format!("满意度指标“{}”的目标 {}% 低于常规水平 {}%", ind.name, t.value, min.normalize()),
                    format!("把“{}”的目标提高到“≥{}%”以上, 或说明定得较低的理由", ind.name, min.normalize()),
                );
            }
        }
        if over && f.name.bounded_rate() {
            let hundred = Decimal::ONE_HUNDRED;
            let too_high = match &f.target {
                Target::Quantity { terms } => terms.iter().any(|t| {
                    is_percent(&t.unit)
                        && !t.op.is_ceiling()
                        && (t.value > hundred || (t.op == Op::Gt && t.value == hundred))
                }),
                Target::Range { max, unit, .. } => is_percent(unit) && *max > hundred,
                _ => false,
            };
            // `≥100%` on a rate that cannot pass 100% asks for more than is possible while
            // meaning exactly 100%.
            let floor_at_full =
                f.target.terms().iter().any(|t| is_percent(&t.unit) && t.op == Op::Ge && t.value == hundred);
            if floor_at_full && !too_high {
                out.report(
                    RuleId::PercentOver100,
                    Subject::Indicator(i),
                    cat(&["“", &ind.name, "”最高为 100%, 指标值“", target, "”的下限已是最高值"]),
                    Cow::Owned(cat(&["把“", &ind.name, "”的指标值写成“=100%”, 或定一个可以超过的下限 (如“≥98%”)"])),
                );
            } else if too_high {
                out.report(
                    RuleId::PercentOver100,
                    Subject::Indicator(i),
                    cat(&["“", &ind.name, "”最高为 100%, 指标值“", target, "”无法实现"]),
                    Cow::Owned(cat(&["“", &ind.name, "”的指标值不应超过 100%; 核对数值, 或改用数量指标"])),
                );
            }
        }
    }
}

/// The floor a satisfaction target should be, from the number it gives.
fn floor_hint(name: &str, target: &Target) -> String {
    let value = match target {
        Target::Quantity { terms } => terms.iter().find(|t| is_percent(&t.unit)).map(|t| t.value),
        Target::Range { min, .. } => Some(*min),
        _ => None,
    };
    let value = value.map_or_else(|| "90".to_owned(), |v| v.normalize().to_string());
    format!("把“{name}”改为“≥{value}%”这样的下限写法 (不低于该比例)")
}

/// `=100%`: nothing lies above it, so a bare 100% is as good as a floor; so is a bare `100`
/// where the table left out the `%`.
fn is_full(op: Op, value: Decimal, unit: &str) -> bool {
    op == Op::Eq && value == Decimal::ONE_HUNDRED && (is_percent(unit) || unit.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use crate::review::RuleId;
    use crate::review::testing::*;

    #[test]
    fn cost_not_ceiling_fires_on_money_floors_under_cost() {
        let doc = project_with(ind("产出指标", "成本指标", "出访费用", "大于650万元"));
        let f = findings(&doc, RuleId::CostNotCeiling);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "成本指标“出访费用”的指标值“大于650万元”是下限; 成本是反向指标, 应设上限");
        assert_eq!(f[0].hint, "把“出访费用”改为“≤650万元”等上限写法 (不超过该金额)");
        let doc = project_with(ind("成本指标", "经济成本指标", "建设成本", "≥2亿元"));
        assert_eq!(findings(&doc, RuleId::CostNotCeiling).len(), 1);
    }

    #[test]
    fn cost_not_ceiling_is_quiet_on_ceilings_and_non_money_floors() {
        for target in ["≤650万元", "650万元", "不超过650万元", "10-20万元"] {
            let doc = project_with(ind("产出指标", "成本指标", "出访费用", target));
            assert!(findings(&doc, RuleId::CostNotCeiling).is_empty(), "{target}");
        }
        // A rate under 成本指标 may well be a floor; money outside cost is not a cost.
        let doc = project_with(ind("产出指标", "成本指标", "预算执行率", "≥90%"));
        assert!(findings(&doc, RuleId::CostNotCeiling).is_empty());
        let doc = project_with(ind("效益指标", "经济效益指标", "吸引外资", "大于1500万元"));
        assert!(findings(&doc, RuleId::CostNotCeiling).is_empty());
    }

    #[test]
    fn satisfaction_not_floor() {
        for target in ["≤90%", "90%", "85%-95%", "小于95%"] {
            let doc = project_with(ind("满意度指标", "服务对象满意度指标", "学员满意度", target));
            assert_eq!(findings(&doc, RuleId::SatisfactionNotFloor).len(), 1, "{target}");
        }
        for target in ["≥90%", "大于80%", "90%以上", "100%", "100", "满意"] {
            let doc = project_with(ind("满意度指标", "服务对象满意度指标", "学员满意度", target));
            assert!(findings(&doc, RuleId::SatisfactionNotFloor).is_empty(), "{target}");
        }
        // A count under 满意度指标 is not a satisfaction rate.
        let doc = project_with(ind("满意度指标", "服务对象满意度指标", "粮食安全事件发生数", "0起"));
        assert!(findings(&doc, RuleId::SatisfactionNotFloor).is_empty());
        // By name, wherever it stands.
        let doc = project_with(ind("效益指标", "社会效益指标", "群众满意度", "85%"));
        assert_eq!(findings(&doc, RuleId::SatisfactionNotFloor).len(), 1);
    }

    #[test]
    fn satisfaction_too_low() {
        let doc = project_with(ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥60%"));
        assert_eq!(
            findings(&doc, RuleId::SatisfactionTooLow)[0].message,
            "满意度指标“学员满意度”的目标 60% 低于常规水平 80%"
        );
        for target in ["≥80%", "大于80%", "≥95%"] {
            let doc = project_with(ind("满意度指标", "服务对象满意度指标", "学员满意度", target));
            assert!(findings(&doc, RuleId::SatisfactionTooLow).is_empty(), "{target}");
        }
    }

    #[test]
    fn percent_over_100() {
        for target in ["≥120%", "大于100%", "95%-105%"] {
            let doc = project_with(ind("产出指标", "质量指标", "验收合格率", target));
            assert_eq!(findings(&doc, RuleId::PercentOver100).len(), 1, "{target}");
        }
        // A floor of exactly 100% on such a rate is reported too: it means =100%.
        let doc = project_with(ind("产出指标", "质量指标", "验收合格率", "≥100%"));
        assert!(findings(&doc, RuleId::PercentOver100)[0].message.contains("下限已是最高值"));
        for (name, target) in [("验收合格率", "100%"), ("验收合格率", "=100%"), ("收入增长率", "≥120%")]
        {
            let doc = project_with(ind("产出指标", "质量指标", name, target));
            assert!(findings(&doc, RuleId::PercentOver100).is_empty(), "{name} {target}");
        }
    }
}
