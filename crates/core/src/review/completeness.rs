//! 完整性: the parts a table must have — header fields, the three kinds of 一级, full indicator
//! rows, a target for each indicator — and no indicator listed twice.

use crate::levels::Level1;
use crate::model::{DocumentKind, Project};
use crate::target::Target;

use super::context::Context;
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    missing_field(cx, out);
    incomplete_indicator(cx, out);
    missing_level(cx, out);
    missing_target(cx, out);
    duplicate_indicator(cx, out);
}

fn missing_field(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::MissingField) {
        return;
    }
    let doc = cx.doc;
    let mut missing: Vec<&str> = Vec::new();
    match doc.kind {
        DocumentKind::Project => {
            let none = Project::default();
            let p = doc.project.as_ref().unwrap_or(&none);
            for (label, value) in [
                ("项目名称", &p.name),
                ("主管部门", &doc.department),
                ("实施单位", &p.implementer),
                ("项目属性", &p.attribute),
                ("项目期", &p.period),
            ] {
                if blank(value) {
                    missing.push(label);
                }
            }
            if p.funds.total.is_none() {
                missing.push("年度资金总额");
            }
            if doc.goals.iter().all(|g| blank(g)) {
                missing.push("绩效目标");
            }
        }
        DocumentKind::Department => {
            if blank(&doc.department) {
                missing.push("部门名称");
            }
            if doc.duties.iter().chain(&doc.goals).all(|g| blank(g)) {
                missing.push("部门职责/绩效目标");
            }
        }
    }
    if doc.indicators.is_empty() {
        missing.push("绩效指标");
    }
    if !missing.is_empty() {
        out.report(
            RuleId::MissingField,
            Subject::Document,
            format!("{}缺少{}", doc.kind.label(), missing.join("、")),
            "补填表中缺少的内容; 确实没有的填“无”并说明原因",
        );
    }
}

fn incomplete_indicator(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::IncompleteIndicator) {
        return;
    }
    for (i, ind, _) in cx.indicators() {
        let mut missing: Vec<&str> = Vec::new();
        for (label, value) in [("一级指标", &ind.level1), ("二级指标", &ind.level2), ("三级指标", &ind.name)]
        {
            if blank(value) {
                missing.push(label);
            }
        }
        if !missing.is_empty() {
            let what =
                if blank(&ind.name) { format!("指标值“{}”", ind.target) } else { format!("“{}”", ind.name) };
            out.report(
                RuleId::IncompleteIndicator,
                Subject::Indicator(i),
                format!("指标{what}所在行缺少{}", missing.join("、")),
                "每个一级指标下要有二级指标, 每个二级指标下要有三级指标; 补全该行的指标名称",
            );
        }
    }
}

fn missing_level(cx: &Context, out: &mut Sink) {
    if !cx.is_project() || !out.enabled(RuleId::MissingLevel) {
        return;
    }
    let mut present = [false; 3];
    for f in &cx.facts {
        let level1 = f.level1.or_else(|| f.level2.map(|l| l.usual_parent()));
        match level1 {
            Some(Level1::Output) => present[0] = true,
            Some(Level1::Benefit) => present[1] = true,
            Some(Level1::Satisfaction) => present[2] = true,
            _ => {}
        }
    }
    for (level, present) in [Level1::Output, Level1::Benefit, Level1::Satisfaction].into_iter().zip(present) {
        if !present {
            out.report(
                RuleId::MissingLevel,
                Subject::Document,
                format!("项目没有{}", level.name()),
                "项目绩效指标应包括产出指标、效益指标和满意度指标三类一级指标, 每类至少一个三级指标",
            );
        }
    }
}

fn missing_target(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::MissingTarget) {
        return;
    }
    for (i, ind, f) in cx.indicators() {
        if matches!(f.target, Target::Empty) && !blank(&ind.name) {
            let shown =
                if ind.target.trim().is_empty() { "空白".to_owned() } else { format!("“{}”", ind.target) };
            out.report(
                RuleId::MissingTarget,
                Subject::Indicator(i),
                cat(&["指标“", &ind.name, "”没有指标值 (为", &shown, ")"]),
                "填写可衡量的指标值, 如“≥95%”“≤20万元”“2020年12月底前”",
            );
        }
    }
}

fn duplicate_indicator(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::DuplicateIndicator) {
        return;
    }
    let inds = &cx.doc.indicators;
    // Names are trimmed by the readers (format.md).
    for (i, ind) in inds.iter().enumerate() {
        let name = ind.name.as_str();
        if name.is_empty() {
            continue;
        }
        if let Some(first) = inds[..i].iter().position(|o| o.name == name && o.level2 == ind.level2) {
            out.report(
                RuleId::DuplicateIndicator,
                Subject::Indicator(i),
                format!("三级指标“{name}”在{}下重复出现 (第 {} 个和第 {} 个指标)", ind.level2, first + 1, i + 1),
                "合并重复的指标, 或改用能区分两者的名称",
            );
        }
    }
}

/// Whether a cell is empty or only blanks; most cells start with a visible character.
fn blank(s: &str) -> bool {
    s.chars().next().is_none_or(|c| c.is_whitespace() && s.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use crate::review::testing::*;
    use crate::review::{RuleId, Subject};

    #[test]
    fn missing_target_fires_on_empty_and_dash_targets_only() {
        let doc = project(vec![
            ind("产出指标", "时效指标", "重大国际事件对外口径表态", ""),
            ind("产出指标", "数量指标", "培训人数", "—"),
            ind("效益指标", "社会效益指标", "影响力", "大大提升"),
            ind("满意度指标", "服务对象满意度指标", "满意度", "≥90%"),
        ]);
        assert_eq!(flagged(&doc, RuleId::MissingTarget), ["重大国际事件对外口径表态", "培训人数"]);
        let f = &findings(&doc, RuleId::MissingTarget)[0];
        assert!(f.message.contains("重大国际事件对外口径表态"), "{}", f.message);
    }

    #[test]
    fn missing_level_names_each_absent_first_level() {
        let doc = project(vec![ind("产出指标", "数量指标", "培训人数", "≥100人")]);
        let messages: Vec<String> = findings(&doc, RuleId::MissingLevel).into_iter().map(|f| f.message).collect();
        assert_eq!(messages, ["项目没有效益指标", "项目没有满意度指标"]);
        // A 一级 left blank is recognised from its 二级.
        let doc = project(vec![
            ind("产出指标", "数量指标", "培训人数", "≥100人"),
            ind("", "社会效益指标", "就业率", "≥90%"),
            ind("满意度", "服务对象满意度", "学员满意度", "≥90%"),
        ]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
        // A table without indicators lacks all three.
        assert_eq!(findings(&project(vec![]), RuleId::MissingLevel).len(), 3);
        // Department tables have their own levels.
        let doc = department(vec![("不发生预算追加", "发生预算追加资金占比", "0")]);
        assert!(findings(&doc, RuleId::MissingLevel).is_empty());
    }

    #[test]
    fn missing_field_lists_what_the_header_lacks() {
        let mut doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        assert!(findings(&doc, RuleId::MissingField).is_empty());
        doc.goals.clear();
        if let Some(p) = doc.project.as_mut() {
            p.period.clear();
            p.funds.total = None;
        }
        let f = findings(&doc, RuleId::MissingField);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "项目支出绩效目标表缺少项目期、年度资金总额、绩效目标");
        assert_eq!(f[0].subject, Subject::Document);
    }

    #[test]
    fn incomplete_indicator_fires_on_rows_without_a_level() {
        let doc = project_with(ind("产出指标", "", "培训合格率", "≥95%"));
        assert_eq!(flagged(&doc, RuleId::IncompleteIndicator), ["培训合格率"]);
        let doc = project_with(ind("产出指标", "质量指标", "培训合格率", "≥95%"));
        assert!(flagged(&doc, RuleId::IncompleteIndicator).is_empty());
    }

    #[test]
    fn duplicate_indicator_fires_within_one_second_level_only() {
        let doc = project(vec![
            ind("产出指标", "数量指标", "出访团组", "≥10个"),
            ind("产出指标", "数量指标", "出访团组", "≥12个"),
            ind("产出指标", "质量指标", "出访团组", "100%"),
        ]);
        assert_eq!(subjects(&doc, RuleId::DuplicateIndicator), [Subject::Indicator(1)]);
    }
}
