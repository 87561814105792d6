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
                    match super::hints::specific_example(f, cx.doc.year) {
                        Some(example) => cat(&[
                            "为“",
                            &ind.name,
                            "”给出数值 (如“",
                            &example,
                            "”), 或写明与基期相比的幅度; 确实只能定性的, 写明评判标准",
                        ]),
                        None => cat(&[
                            "为“",
                            &ind.name,
                            "”写出可核对的数值或与基期相比的幅度 (如“较上年提高5%”); 确实只能定性的, 写明评判标准",
                        ]),
                    }
                    .into()
                };
                out.report(
                    RuleId::QualitativeTarget,
                    Subject::Indicator(i),
                    cat(&["指标“", &ind.name, "”的指标值“", target, "”是定性描述, 未细化量化"]),
                    hint,
                );
            }
            // A span of dates (`2021年1月-12月`) says when, which is what a time indicator asks.
            Target::Quality { unparsed: true, .. } if unparsed_on && !is_date_span(target) => {
                out.report(
                    RuleId::UnparsedTarget,
                    Subject::Indicator(i),
                    cat(&["指标“", &ind.name, "”的指标值“", target, "”含有数字, 但不是可识别的“比较符+数值+单位”写法"]),
                    Cow::Owned(cat(&[
                        "把“",
                        &ind.name,
                        "”的指标值写成“",
                        &super::hints::example_target(f, cx.doc.year),
                        "”这样的形式, 说明文字放到指标名称或备注中",
                    ])),
                );
            }
            Target::Quantity { terms } if serial_date(f, terms).is_some() => {
                if let (true, Some(date)) = (unparsed_on, serial_date(f, terms)) {
                    out.report(
                        RuleId::UnparsedTarget,
                        Subject::Indicator(i),
                        cat(&["指标“", &ind.name, "”的指标值“", target, "”像是表格软件的日期序号, 不是日期"]),
                        Cow::Owned(cat(&["写成日期, 如“", &date, "前”(序号 ", target, " 即 ", &date, ")"])),
                    );
                }
            }
            Target::Quantity { terms } => {
                if compound && terms.len() > 1 && !by_subject(terms) {
                    out.report(
                        RuleId::CompoundTarget,
                        Subject::Indicator(i),
                        format!(
                            "指标“{}”的指标值“{target}”含 {} 个数量 ({}), 一个指标只应衡量一个数量",
                            ind.name,
                            terms.len(),
                            f.target.canonical()
                        ),
                        Cow::Owned(split_hint(&ind.name, terms)),
                    );
                }
                // `实施营造林总面积(亩) 80000`: the unit is in the name.
                if unit && !unit_in_name(&ind.name) {
                    if let Some(t) = terms.iter().find(|t| t.unit.is_empty() && !t.value.is_zero()) {
                        let unit = if f.name.ratio() || f.is_satisfaction() {
                            "%"
                        } else if f.is_cost() || f.name.cost() {
                            "万元"
                        } else {
                            "个"
                        };
                        let value = t.value.normalize().to_string();
                        let hint = cat(&["写明“", &ind.name, "”的计量单位, 如“", &value, unit, "”"]);
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
                    // Only rates: a plain count (`63人`, `10辆`) is how every province writes one.
                    let bare = terms.iter().any(|t| {
                        t.op == Op::Eq && is_percent(&t.unit) && !t.value.is_zero() && !is_full(t.value, &t.unit)
                    });
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

/// `拆分为“出访团组及人次(个团组) >10个团组”和…`: the split this target needs, from its own terms.
fn split_hint(name: &str, terms: &[crate::target::Term]) -> String {
    let parts: Vec<String> = terms
        .iter()
        .map(|t| {
            let what = t.subject.as_deref().filter(|s| !s.is_empty()).unwrap_or(t.unit.as_str());
            cat(&["“", name, "(", what, ") ", &super::hints::term_text(t.op, &t.value, &t.unit), "”"])
        })
        .collect();
    format!("拆分为 {} 个三级指标, 每个一个数量: {}", terms.len(), parts.join("、"))
}

/// `2021年1月-12月`, `2022.1-2022.12`, `1月1日至12月31日`: only dates and a dash between.
fn is_date_span(text: &str) -> bool {
    let mut digits = 0;
    let mut dash = false;
    for c in text.chars() {
        match c {
            '0'..='9' => digits += 1,
            '年' | '月' | '日' | '.' | '/' | ' ' => {}
            '-' | '—' | '–' | '~' | '～' | '至' | '到' => dash = true,
            _ => return false,
        }
    }
    dash && digits >= 2 && (text.contains('年') || text.contains('月') || text.contains('.'))
}

/// A date a spreadsheet shows as its serial number (`44561` is 2021-12-31) in a time indicator.
fn serial_date(f: &super::context::Facts, terms: &[crate::target::Term]) -> Option<String> {
    use crate::levels::Level2;
    if f.level2 != Some(Level2::Timeliness) && !f.name.timeliness() {
        return None;
    }
    let [t] = terms else { return None };
    if !t.unit.is_empty() || t.value.fract() != Decimal::ZERO {
        return None;
    }
    let days = i64::try_from(t.value.trunc()).ok()?;
    // 2000-01-01 to 2049-12-31: dates a budget table can mean.
    if !(36526..=54788).contains(&days) {
        return None;
    }
    let (y, m, d) = crate::calendar::civil_from_days(days - 25569);
    Some(format!("{y}年{m}月{d}日"))
}

/// A name ending in a bracketed unit: `受益人数(人)`, `苗木成活率(%)` (not template hints).
fn unit_in_name(name: &str) -> bool {
    // Names are trimmed by the readers (format.md).
    let Some(body) = name.strip_suffix(')').or_else(|| name.strip_suffix('）')) else { return false };
    let Some(open) = body.rfind(['(', '（']) else { return false };
    let inside = &body[open + body[open..].chars().next().map_or(1, char::len_utf8)..];
    !inside.is_empty() && inside.chars().count() <= 4 && !inside.contains(['*', '≥', '≤', '>', '<'])
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

/// Whether the terms are one quantity given for several subjects (`张村≥3公里；李村≥5公里`,
/// `2022年≥90%；2023年≥95%`): a table with one target column per village or year, whose cells
/// the reader joins, and which a reviewer does not ask to split.
fn by_subject(terms: &[crate::target::Term]) -> bool {
    terms.iter().all(|t| t.subject.is_some()) && terms.windows(2).all(|w| w[0].unit == w[1].unit)
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
    fn dates_and_serial_dates() {
        let doc = project_with(ind("产出指标", "时效指标", "项目实施期", "2021年1月-12月"));
        assert!(findings(&doc, RuleId::UnparsedTarget).is_empty());
        let doc = project_with(ind("产出指标", "时效指标", "完成时间", "44561"));
        assert!(findings(&doc, RuleId::CompoundTarget).is_empty());
        assert!(findings(&doc, RuleId::MissingUnit).is_empty());
        let f = findings(&doc, RuleId::UnparsedTarget);
        assert_eq!(f.len(), 1);
        assert!(f[0].hint.contains("2021年12月31日"), "{}", f[0].hint);
        // A count under 数量指标 is not a date.
        assert_eq!(on("44561", RuleId::UnparsedTarget), 0);
    }

    #[test]
    fn compound_target() {
        assert_eq!(on("大于10个团组，80人次", RuleId::CompoundTarget), 1);
        assert_eq!(on("大于网站2个，100人次", RuleId::CompoundTarget), 1);
        assert_eq!(on("大于10个团组", RuleId::CompoundTarget), 0);
        assert_eq!(on("90%-95%", RuleId::CompoundTarget), 0);
        // One quantity for each village or year (a column each in the table) is no compound.
        assert_eq!(on("张村≥3公里；李村≥5公里", RuleId::CompoundTarget), 0);
        assert_eq!(on("2022年≥90%；2023年≥95%", RuleId::CompoundTarget), 0);
        assert_eq!(on("张村≥3公里；李村≥5户", RuleId::CompoundTarget), 1);
        let doc = project_with(ind("产出指标", "数量指标", "出访团组及人次", "大于10个团组，80人次"));
        assert_eq!(
            findings(&doc, RuleId::CompoundTarget)[0].message,
            "指标“出访团组及人次”的指标值“大于10个团组，80人次”含 2 个数量 (>10个团组; >80人次), 一个指标只应衡量一个数量"
        );
        let hint = &findings(&doc, RuleId::CompoundTarget)[0].hint;
        assert!(hint.contains(">10个团组") && hint.contains(">80人次") && hint.contains("出访团组及人次"), "{hint}");
    }

    #[test]
    fn missing_unit() {
        assert_eq!(on("95", RuleId::MissingUnit), 1);
        let doc = project_with(ind("产出指标", "数量指标", "实施营造林总面积(亩)", "80000"));
        assert!(findings(&doc, RuleId::MissingUnit).is_empty(), "the unit is in the name");
        let doc = project_with(ind("产出指标", "数量指标", "苗木成活率(≥**%)", "85"));
        assert_eq!(findings(&doc, RuleId::MissingUnit).len(), 1, "a template hint is not a unit");
        assert_eq!(on("≥95", RuleId::MissingUnit), 1);
        for target in ["0", "95%", "≥100人", "大于网站2个"] {
            assert_eq!(on(target, RuleId::MissingUnit), 0, "{target}");
        }
    }

    #[test]
    fn missing_comparator() {
        for target in ["70%", "70%，50人"] {
            assert_eq!(on(target, RuleId::MissingComparator), 1, "{target}");
        }
        // Plain counts are how every province writes a count.
        for target in
            ["100%", "0", "≥70%", "=1个", "等于5个", "大于10个团组，80人次", "较上年提高2个百分点", "63人", "10辆"]
        {
            assert_eq!(on(target, RuleId::MissingComparator), 0, "{target}");
        }
        // Satisfaction has its own rule.
        let doc = project_with(ind("满意度指标", "服务对象满意度指标", "学员满意度", "90%"));
        assert!(findings(&doc, RuleId::MissingComparator).is_empty());
    }
}
