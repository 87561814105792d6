//! 完整性: template text left in a table (`(≥**人)`, `……`, `指标2:`, `XX万元`, `请填写`).

use crate::target::Target;

use super::context::Context;
use super::words::TEMPLATE_STARTS;
use super::{RuleId, Sink, Subject};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::Placeholder) {
        return;
    }
    const HINT: &str = "用实际内容替换模板中的占位文字";
    let doc = cx.doc;
    let mut header: Vec<(&str, &str)> = Vec::new();
    if let Some(p) = &doc.project {
        header.push(("项目名称", &p.name));
        header.push(("实施单位", &p.implementer));
    }
    header.extend(doc.goals.iter().map(|g| ("绩效目标", g.as_str())));
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

/// The template text in `text`, if any.
pub(crate) fn find(text: &str) -> Option<String> {
    // One pass, dispatching on the characters template text starts with: most text has none.
    for (i, c) in text.char_indices() {
        // Ideographs other than 请, 此, 填 start no template text: settle them with a range test.
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) && !TEMPLATE_STARTS.contains(c) {
            continue;
        }
        let rest = &text[i..];
        let has = |w: &str| rest.starts_with(w);
        let found = match c {
            '请' if has("请填写") || has("请输入") || has("请选择") => Some(&rest[..9]),
            '此' if has("此处填写") => Some("此处填写"),
            '填' if has("填写说明") => Some("填写说明"),
            '…' => Some(if has("……") { "……" } else { "…" }),
            '.' if has("...") => Some("..."),
            '。' if has("。。。") => Some("。。。"),
            '*' | '＊' | 'X' | 'x' | '×' | 'Ｘ' | 'ｘ' => {
                if let Some(found) = masked(text) {
                    return Some(found);
                }
                None
            }
            _ => None,
        };
        if let Some(found) = found {
            return Some(found.to_owned());
        }
    }
    let text = text.trim_start();
    if text.starts_with(['指', '三']) { numbered_slot(text.trim_end()) } else { None }
}

/// `**` and `XX` masks.
fn masked(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    // `**`, `＊＊`: the mask in `(≥**人)`.
    if let Some(at) = chars.windows(2).position(|w| w.iter().all(|&c| c == '*' || c == '＊')) {
        let run: String = chars[at..].iter().take_while(|&&c| c == '*' || c == '＊').collect();
        return Some(run);
    }
    // `XX`, `××`: a run of two or more, not part of a Latin word (`XXL`, `xxgk`).
    let is_x = |c: char| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ');
    let mut i = 0;
    while i < chars.len() {
        if is_x(chars[i]) {
            let start = i;
            while i < chars.len() && is_x(chars[i]) {
                i += 1;
            }
            let latin = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphabetic());
            if i - start >= 2 && !latin(start.checked_sub(1).and_then(|s| chars.get(s))) && !latin(chars.get(i)) {
                return Some(chars[start..i].iter().collect());
            }
        } else {
            i += 1;
        }
    }
    None
}

/// `指标2:`, `三级指标1`: a numbered slot of the template.
fn numbered_slot(text: &str) -> Option<String> {
    let rest = text.strip_prefix("三级指标").or_else(|| text.strip_prefix("指标"))?;
    let numbered = rest.chars().next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let tail_ok = rest.trim_start_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    if numbered && matches!(tail_ok.trim(), "" | ":" | "：") {
        return Some(text.to_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find;
    use crate::review::testing::*;
    use crate::review::{RuleId, Subject};

    #[test]
    fn recognises_template_text() {
        assert_eq!(find("(≥**人)").as_deref(), Some("**"));
        assert_eq!(find("……").as_deref(), Some("……"));
        assert_eq!(find("指标2:").as_deref(), Some("指标2:"));
        assert_eq!(find("指标1").as_deref(), Some("指标1"));
        assert_eq!(find("XX万元").as_deref(), Some("XX"));
        assert_eq!(find("××项目").as_deref(), Some("××"));
        assert_eq!(find("请填写具体数值").as_deref(), Some("请填写"));
        for ok in [
            "大于10个团组，80人次",
            "指标值",
            "XXL码服装",
            "xxgk网站更新",
            "APEC卡办理人员满意度",
            "指标体系完善",
            "3×4米展板",
        ] {
            assert_eq!(find(ok), None, "{ok}");
        }
    }

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
