//! 细化量化: a target is one measurable quantity with a comparator and a unit — not a phrase
//! (`大大提升`), not several quantities, not a bare number.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::target::{Op, Target};

use super::context::Context;
use super::placeholder;
use super::words::{contains_any, is_percent};
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    let qualitative = out.enabled(RuleId::QualitativeTarget);
    let unparsed_on = out.enabled(RuleId::UnparsedTarget);
    let compound = out.enabled(RuleId::CompoundTarget);
    let unit = out.enabled(RuleId::MissingUnit);
    let comparator = out.enabled(RuleId::MissingComparator);
    for (i, ind, f) in cx.indicators() {
        // Targets are trimmed by the readers (format.md).
        let target = ind.target.as_str();
        match &f.target {
            // Template text is the placeholder rule's; calling it qualitative would say it twice.
            Target::Quality { unparsed: false, .. } if qualitative && placeholder::find(target).is_none() => {
                let hint: Cow<'static, str> = if f.name.ratio() {
                    format!("“{}”是比率, 应给出数值, 如“≥5%”", ind.name).into()
                } else {
                    "能量化的给出数值, 或写明与基期相比的幅度 (如“较上年提高5%”); 确实只能定性的, 写明评判标准".into()
                };
                out.report(
                    RuleId::QualitativeTarget,
                    Subject::Indicator(i),
                    cat(&["指标“", &ind.name, "”的指标值“", target, "”是定性描述, 未细化量化"]),
                    hint,
                );
            }
            Target::Quality { unparsed: true, .. } if unparsed_on => {
                out.report(
                    RuleId::UnparsedTarget,
                    Subject::Indicator(i),
                    cat(&["指标“", &ind.name, "”的指标值“", target, "”含有数字, 但不是可识别的“比较符+数值+单位”写法"]),
                    "把指标值写成“≥95%”“≤20万元”“2020年12月底前”这样的形式, 说明文字放到指标名称或备注中",
                );
            }
            Target::Quantity { terms } => {
                if compound && terms.len() > 1 {
                    out.report(
                        RuleId::CompoundTarget,
                        Subject::Indicator(i),
                        format!(
                            "指标“{}”的指标值“{target}”含 {} 个数量 ({}), 一个指标只应衡量一个数量",
                            ind.name,
                            terms.len(),
                            f.target.canonical()
                        ),
                        "拆分为多个三级指标, 每个指标一个数量 (如“出访团组数 ≥10个”“出访人次 ≥80人次”)",
                    );
                }
                if unit {
                    if let Some(t) = terms.iter().find(|t| t.unit.is_empty() && !t.value.is_zero()) {
                        let hint = if f.name.ratio() {
                            "比率应写明“%”"
                        } else {
                            "写明计量单位, 如“%”“个”“人次”“万元”"
                        };
                        out.report(
                            RuleId::MissingUnit,
                            Subject::Indicator(i),
                            format!("指标“{}”的指标值“{target}”中的 {} 没有计量单位", ind.name, t.value),
                            hint,
                        );
                    }
                }
                let satisfaction = f.is_satisfaction();
                if comparator && !satisfaction {
                    let bare = terms.iter().any(|t| t.op == Op::Eq && !t.value.is_zero() && !is_full(t.value, &t.unit));
                    if bare && !explicit_equality(target) && !relative(target) {
                        out.report(
                            RuleId::MissingComparator,
                            Subject::Indicator(i),
                            cat(&["指标“", &ind.name, "”的指标值“", target, "”没有比较符, 看不出是下限还是上限"]),
                            Cow::Owned(cat(&["加上比较符: “≥", target, "”(不低于) 或“≤", target, "”(不超过)"])),
                        );
                    }
                }
            }
            _ => {}
        }
    }
}

/// A change against a base (`较上年提高2个百分点`): its direction is its comparator.
fn relative(target: &str) -> bool {
    contains_any(target, &["较", "比上年", "同比", "提高", "提升", "增加", "增长", "下降", "降低", "减少"])
}

fn explicit_equality(target: &str) -> bool {
    target.contains(['=', '＝']) || target.contains("等于")
}

/// 100%: nothing lies above it, so no comparator is needed.
fn is_full(value: Decimal, unit: &str) -> bool {
    value == Decimal::ONE_HUNDRED && is_percent(unit)
}

#[cfg(test)]
mod tests {
    use crate::review::RuleId;
    use crate::review::testing::*;

    fn on(target: &str, rule: RuleId) -> usize {
        findings(&project_with(ind("产出指标", "数量指标", "培训人次", target)), rule).len()
    }

    #[test]
    fn qualitative_target() {
        for target in ["大大提升", "持续增长", "有所提升", "效果明显"] {
            assert_eq!(on(target, RuleId::QualitativeTarget), 1, "{target}");
        }
        for target in ["≥90%", "", "2020年12月底前", "对学校2400平米体育场馆补贴5万元。", "……", "(≥**人)"]
        {
            assert_eq!(on(target, RuleId::QualitativeTarget), 0, "{target}");
        }
        let doc = project_with(ind("效益指标", "社会效益指标", "APEC商务卡增长率", "持续增长"));
        let f = findings(&doc, RuleId::QualitativeTarget);
        assert_eq!(f[0].message, "指标“APEC商务卡增长率”的指标值“持续增长”是定性描述, 未细化量化");
        assert!(f[0].hint.contains("是比率"), "{}", f[0].hint);
    }

    #[test]
    fn unparsed_target() {
        assert_eq!(on("对学校2400平米体育场馆补贴5万元。", RuleId::UnparsedTarget), 1);
        assert_eq!(on("大大提升", RuleId::UnparsedTarget), 0);
    }

    #[test]
    fn compound_target() {
        assert_eq!(on("大于10个团组，80人次", RuleId::CompoundTarget), 1);
        assert_eq!(on("大于网站2个，100人次", RuleId::CompoundTarget), 1);
        assert_eq!(on("大于10个团组", RuleId::CompoundTarget), 0);
        assert_eq!(on("90%-95%", RuleId::CompoundTarget), 0);
        let doc = project_with(ind("产出指标", "数量指标", "出访团组及人次", "大于10个团组，80人次"));
        assert_eq!(
            findings(&doc, RuleId::CompoundTarget)[0].message,
            "指标“出访团组及人次”的指标值“大于10个团组，80人次”含 2 个数量 (>10个团组; >80人次), 一个指标只应衡量一个数量"
        );
    }

    #[test]
    fn missing_unit() {
        assert_eq!(on("95", RuleId::MissingUnit), 1);
        assert_eq!(on("≥95", RuleId::MissingUnit), 1);
        for target in ["0", "95%", "≥100人", "大于网站2个"] {
            assert_eq!(on(target, RuleId::MissingUnit), 0, "{target}");
        }
    }

    #[test]
    fn missing_comparator() {
        for target in ["70%", "50人", "10个团组，80人次"] {
            assert_eq!(on(target, RuleId::MissingComparator), 1, "{target}");
        }
        for target in ["100%", "0", "≥70%", "=1个", "等于5个", "大于10个团组，80人次", "较上年提高2个百分点"]
        {
            assert_eq!(on(target, RuleId::MissingComparator), 0, "{target}");
        }
        // Satisfaction has its own rule.
        let doc = project_with(ind("满意度指标", "服务对象满意度指标", "学员满意度", "90%"));
        assert!(findings(&doc, RuleId::MissingComparator).is_empty());
    }
}
