//! 完整性: template text left in a table (`(≥**人)`, `……`, `指标2:`, `XX万元`, `请填写`).

use crate::target::Target;

use super::context::Context;
use super::{RuleId, Sink, Subject};
pub(crate) use crate::vocabulary::template::find;

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::Placeholder) {
        return;
    }
    const HINT: &str = "用实际内容替换模板中的占位文字";
    let doc = cx.doc;
    let mut header: Vec<(&str, &str)> = vec![("主管部门", &doc.department)];
    if let Some(p) = &doc.project {
        header.push(("项目名称", &p.name));
        header.push(("实施单位", &p.implementer));
        header.extend(p.summary.as_deref().map(|s| ("项目概况", s)));
        header.extend(p.basis.as_deref().map(|s| ("立项依据", s)));
    }
    header.extend(doc.duties.iter().map(|g| ("部门职责", g.as_str())));
    header.extend(doc.goals.iter().map(|g| ("绩效目标", g.as_str())));
    header.extend(doc.long_term_goals.iter().map(|g| ("中长期目标", g.as_str())));
    if let Some(e) = &doc.self_evaluation {
        for (field, text) in [
            ("年度目标完成情况", &e.goals_achieved),
            ("评价结论", &e.conclusion),
            ("存在问题", &e.problems),
            ("改进措施", &e.improvements),
        ] {
            header.extend(text.as_deref().map(|t| (field, t)));
        }
    }
    for (field, text) in header {
        if let Some(found) = find(text) {
            out.report(RuleId::Placeholder, Subject::Document, message(field, text, &found), HINT);
        }
    }
    for (i, ind, f) in cx.indicators() {
        // The name was scanned once already for what it measures; skip it when that found nothing.
        let name = f.name.may_hold_template().then_some(&ind.name);
        // A target the grammar read as a number, date or range accounts for all its text, so
        // only qualitative ones can hold template text.
        let target = matches!(f.target, Target::Quality { .. }).then_some(&ind.target);
        let fields = [("三级指标", name), ("指标值", target), ("政策目标", ind.policy_target.as_ref())];
        // One finding per indicator: the first field with template text in it.
        let hit = fields.into_iter().find_map(|(field, text)| {
            let text = text?;
            find(text).map(|found| (field, text, found))
        });
        if let Some((field, text, found)) = hit {
            // Template hint text left beside a filled target (`培训人数(≥**人)` with `≥100人`):
            // the table is complete, the leftover is to be tidied away.
            let filled = field != "指标值" && !matches!(f.target, Target::Empty) && find(&ind.target).is_none();
            let message = message(field, text, &found);
            if filled {
                let hint = format!("删去“{}”中的模板提示文字“{found}”, 指标值“{}”已填写", text.trim(), ind.target);
                out.report_lesser(RuleId::Placeholder, Subject::Indicator(i), message, hint);
            } else {
                out.report(RuleId::Placeholder, Subject::Indicator(i), message, HINT);
            }
        }
    }
}

fn message(field: &str, text: &str, found: &str) -> String {
    if text.trim() == found {
        format!("{field}“{found}”是模板占位文字")
    } else {
        format!("{field}“{}”含模板占位文字“{found}”", text.trim())
    }
}

#[cfg(test)]
mod tests {
    use crate::review::testing::*;
    use crate::review::{RuleId, Subject};

    #[test]
    fn placeholder_fires_on_indicators_and_header() {
        let doc = project_with(ind("产出指标", "数量指标", "指标2:", "(≥**人)"));
        let f = findings(&doc, RuleId::Placeholder);
        assert_eq!(f.len(), 1, "one finding per indicator");
        assert_eq!(f[0].subject, Subject::Indicator(1));
        assert_eq!(f[0].message, "三级指标“指标2:”是模板占位文字");
        assert_eq!(f[0].severity, crate::review::Severity::Error, "no target: the table is not filled in");
        // Hint text left beside a filled target is a warning, not an error.
        let doc = project_with(ind("产出指标", "数量指标", "培训人数(≥**人)", "≥100人"));
        let f = findings(&doc, RuleId::Placeholder);
        assert_eq!(f[0].severity, crate::review::Severity::Warning);
        assert!(f[0].hint.contains("≥100人"), "{}", f[0].hint);
        let doc = project_with(ind("产出指标", "数量指标", "培训人数", "(≥**人)"));
        assert_eq!(findings(&doc, RuleId::Placeholder)[0].message, "指标值“(≥**人)”含模板占位文字“**”");
        let mut doc = project_with(ind("产出指标", "数量指标", "培训人数", "≥100人"));
        assert!(findings(&doc, RuleId::Placeholder).is_empty());
        doc.goals = vec!["完成XX项目……".to_owned()];
        assert_eq!(subjects(&doc, RuleId::Placeholder), [Subject::Document]);
    }
}
