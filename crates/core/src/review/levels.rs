//! 相关性 of the level structure: each standard 二级 under a 一级 it belongs to, in the
//! configured frame (2015, 2021, or either). Non-standard levels are not judged.

use crate::levels::{Frame, Level1, Level2};

use super::context::Context;
use super::{RuleId, Sink, Subject};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::LevelMismatch) {
        return;
    }
    // One finding per misplaced (一级, 二级) pair, on its first indicator: moving the 二级 fixes all.
    let mut seen: Vec<(Level1, Level2)> = Vec::new();
    let mut seen_foreign: Vec<&str> = Vec::new();
    for (i, ind, f) in cx.indicators() {
        if let (None, Some(l2)) = (f.level1, f.level2) {
            // An output 二级 under a 一级 that is no kind of indicator (`项目决策`): a project
            // table's evaluation dimension put in place of 产出指标.
            let l1 = ind.level1.trim();
            // One finding per such 一级: renaming it fixes all its rows.
            if cx.is_project() && foreign_level1(l1) && !seen_foreign.contains(&l1) {
                seen_foreign.push(l1);
                let parent = l2.usual_parent();
                out.report(
                    RuleId::LevelMismatch,
                    Subject::Indicator(i),
                    format!("“{l1}”不是绩效指标的一级指标, 其下的“{}”等应列在“{}”下", l2.name(), parent.name()),
                    format!("把一级指标“{l1}”改为“{}”", parent.name()),
                );
            }
            continue;
        }
        let (Some(l1), Some(l2)) = (f.level1, f.level2) else { continue };
        let parents = l2.parents(cx.frame);
        if parents.contains(&l1) || seen.contains(&(l1, l2)) {
            continue;
        }
        seen.push((l1, l2));
        let count = cx.facts.iter().filter(|o| o.level1 == Some(l1) && o.level2 == Some(l2)).count();
        let frame = match cx.frame {
            Frame::F2015 => "按 2015 年指标体系, ",
            Frame::F2021 => "按 2021 年指标体系, ",
            Frame::Any => "",
        };
        let place = match parents {
            [] => format!("该体系中没有“{}”", l2.name()),
            [p] => format!("应列在“{}”下", p.name()),
            ps => format!("应列在{}下", ps.iter().map(|p| format!("“{}”", p.name())).collect::<Vec<_>>().join("或")),
        };
        let count = if count > 1 { format!(" (共 {count} 个三级指标)") } else { String::new() };
        out.report(
            RuleId::LevelMismatch,
            Subject::Indicator(i),
            format!("{frame}二级指标“{}”不属于一级指标“{}”, {place}{count}", l2.name(), l1.name()),
            format!(
                "把“{}”下的指标移到{}, 或改正二级指标; 指标体系可在配置文件中用 frame 选择",
                l2.name(),
                match parents {
                    [] => "本体系有的二级指标下".to_owned(),
                    [p] => format!("“{}”下", p.name()),
                    _ => "正确的一级指标下".to_owned(),
                }
            ),
        );
    }
}

/// A 一级 written but naming none of the kinds of indicator: evaluation dimensions such as
/// `项目决策`, `项目管理`. Blank, transfer-frame and variant names (`项目产出`, `项目完成`) are not.
fn foreign_level1(text: &str) -> bool {
    !text.is_empty()
        && !super::template::is_transfer_level1(text)
        && !super::words::contains_any(text, &["产出", "效益", "效果", "满意", "成本", "指标", "完成"])
}

#[cfg(test)]
mod tests {
    use crate::levels::Frame;
    use crate::review::testing::*;
    use crate::review::{ReviewConfig, Reviewer, RuleId, Subject};

    #[test]
    fn level_mismatch_fires_once_per_misplaced_pair() {
        let doc = project(vec![
            ind("产出指标", "数量指标", "培训人数", "≥100人"),
            ind("产出指标", "社会效益指标", "就业率", "≥90%"),
            ind("产出指标", "社会效益指标", "带动就业", "≥100人"),
            ind("满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
        ]);
        let f = findings(&doc, RuleId::LevelMismatch);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, Subject::Indicator(1));
        assert_eq!(
            f[0].message,
            "二级指标“社会效益指标”不属于一级指标“产出指标”, 应列在“效益指标”下 (共 2 个三级指标)"
        );
    }

    #[test]
    fn level_mismatch_follows_the_frame() {
        let doc = project(vec![
            ind("产出指标", "成本指标", "培训费", "≤10万元"),
            ind("成本指标", "经济成本指标", "设备费", "≤10万元"),
        ]);
        // Either frame (the default): both placements are accepted.
        assert!(findings(&doc, RuleId::LevelMismatch).is_empty());
        let review = |frame| {
            let r = Reviewer::new(&ReviewConfig { frame, ..ReviewConfig::default() }).expect("valid");
            r.review(&doc, None).findings.into_iter().filter(|f| f.rule == RuleId::LevelMismatch).collect::<Vec<_>>()
        };
        let f2015 = review(Frame::F2015);
        assert_eq!(f2015.len(), 1);
        assert_eq!(f2015[0].subject, Subject::Indicator(1));
        assert!(f2015[0].message.contains("该体系中没有“经济成本指标”"), "{}", f2015[0].message);
        let f2021 = review(Frame::F2021);
        assert_eq!(f2021.len(), 1);
        assert_eq!(f2021[0].subject, Subject::Indicator(0));
        assert!(f2021[0].message.contains("应列在“成本指标”下"), "{}", f2021[0].message);
    }

    #[test]
    fn an_evaluation_dimension_is_not_a_first_level() {
        let doc = project(vec![
            ind("项目决策", "数量指标", "宣传次数", "≥2次"),
            ind("项目决策", "质量指标", "创建质量", "100%"),
            ind("项目产出", "数量指标", "培训人数", "≥100人"),
            // The 项目完成指标 frame, its 一级 printed short.
            ind("项目完成", "数量指标", "参保人数", "43230人"),
            ind("效益指标", "社会效益指标", "就业率", "≥90%"),
        ]);
        let f = findings(&doc, RuleId::LevelMismatch);
        assert_eq!(f.len(), 1, "one finding for the 一级: {f:?}");
        assert_eq!(f[0].message, "“项目决策”不是绩效指标的一级指标, 其下的“数量指标”等应列在“产出指标”下");
    }

    #[test]
    fn non_standard_levels_are_not_judged() {
        // Beside each non-standard pair sits one misplaced standard pair, so that an empty result
        // cannot come from the rule not running on the table at all.
        let mut doc = project(vec![
            ind("产出指标", "工作量指标", "巡查次数", "≥12次"),
            ind("效益指标", "履职效能指标", "办结率", "≥95%"),
            ind("产出指标", "社会效益指标", "就业率", "≥90%"),
        ]);
        let f = findings(&doc, RuleId::LevelMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject, Subject::Indicator(2), "only the standard pair is judged: {f:?}");

        // A department table's own levels (预算执行绩效目标 / 预算调剂) are outside both frames.
        doc = department(vec![("不发生预算追加", "发生预算追加资金占部门预算的百分率", "0")]);
        doc.indicators.push(ind("产出指标", "社会效益指标", "就业率", "≥90%"));
        let f = findings(&doc, RuleId::LevelMismatch);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].subject, Subject::Indicator(1), "{f:?}");
    }
}
