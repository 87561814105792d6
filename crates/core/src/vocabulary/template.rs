//! Template text publishers leave unreplaced: placeholders (`(≥**人)`, `XX万元`, `……`, `指标2:`)
//! and the template's instructions (`请填写`, `(100字以内)`, `…需说明原因`). The readers note
//! them and keep the text as published; the review reports them, whatever format the table
//! came in.

use std::sync::LazyLock;

use memchr::memmem;

use crate::text::{IdeographSet, fold, is_ideograph_lead, trim};

/// Ideographs that template text starts with: anything else settles a character at once.
pub(crate) const TEMPLATE_STARTS: IdeographSet = IdeographSet::of("请此填指三字需应");

/// The template's instructions: `(100字以内)`, `请填写…`, `…需说明原因`, `应单独说明…`.
const INSTRUCTIONS: [&str; 4] = ["字以内", "请填写", "需说明原因", "应单独说明"];

/// Whether a cell holds a placeholder mark: `**`, `XX`, `xx`, `…`, `××`, `＊＊`, or is a
/// numbered slot (`指标1:`). The readers' fast test, run on every cell.
pub fn is_placeholder(text: &str) -> bool {
    let t = trim(text);
    let b = t.as_bytes();
    // One pass over the characters for the marks: `**`, `XX`, `xx` (an ASCII mark written
    // twice), `…`, `××` and `＊＊`. Cells are short, so a search per mark costs more in setup
    // than this loop, which steps over ideographs (nearly all the text) three bytes at a time.
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        let mark = match x {
            x if is_ideograph_lead(x) => {
                i += 3;
                continue;
            }
            b'*' | b'X' | b'x' => b.get(i + 1) == Some(&x),
            0xE2 | 0xC3 | 0xEF => {
                let rest = &b[i..];
                rest.starts_with("…".as_bytes())
                    || rest.starts_with("××".as_bytes())
                    || rest.starts_with("＊＊".as_bytes())
            }
            _ => false,
        };
        if mark {
            return true;
        }
        i += 1;
    }
    // 指标1: 指标2：
    if !t.starts_with("指标") {
        return false;
    }
    let folded = fold(t);
    match folded.strip_prefix("指标").and_then(|rest| rest.strip_suffix(':')) {
        Some(number) => !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()),
        None => false,
    }
}

/// Whether a cell holds the template's instructions rather than content.
pub fn is_instruction(text: &str) -> bool {
    // Every instruction starts with an ideograph: a short cell is stepped through a character
    // at a time (setting up four vector searches costs more than that); a long one is searched.
    const SHORT: usize = 96;
    if text.len() > SHORT {
        static MARKS: LazyLock<[memmem::Finder<'static>; 4]> = LazyLock::new(|| INSTRUCTIONS.map(memmem::Finder::new));
        return MARKS.iter().any(|m| m.find(text.as_bytes()).is_some());
    }
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0xE0 {
            i += 1;
            continue;
        }
        // Compare a character's three bytes at once, and the whole word only where one starts.
        let rest = &b[i..];
        if let [_, y, z, ..] = *rest {
            let lead = [x, y, z];
            if INSTRUCTIONS.iter().any(|w| w.as_bytes()[..3] == lead && rest.starts_with(w.as_bytes())) {
                return true;
            }
        }
        i += if x < 0xF0 { 3 } else { 4 };
    }
    false
}

/// The template text in `text`, if any: what the review quotes.
pub fn find(text: &str) -> Option<String> {
    // One pass, dispatching on the characters template text starts with: most text has none.
    for (i, c) in text.char_indices() {
        // Ideographs other than the starts of template words settle with a range test.
        if crate::text::is_ideograph(c) && !TEMPLATE_STARTS.contains(c) {
            continue;
        }
        let rest = &text[i..];
        let has = |w: &str| rest.starts_with(w);
        let found = match c {
            '请' if has("请填写") || has("请输入") || has("请选择") => Some(&rest[..9]),
            '此' if has("此处填写") => Some("此处填写"),
            '填' if has("填写说明") => Some("填写说明"),
            '字' if has("字以内") => return Some(bracketed(text, i, "字以内".len())),
            '需' if has("需说明原因") => Some("需说明原因"),
            '应' if has("应单独说明") => Some("应单独说明"),
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

/// The bracketed instruction around `text[at..at + len]` (`(100字以内)`), or the words alone.
fn bracketed(text: &str, at: usize, len: usize) -> String {
    let open = text[..at].rfind(['(', '（']);
    let close = text[at + len..].find([')', '）']).map(|e| at + len + e);
    match (open, close) {
        (Some(o), Some(c)) if !text[o..at].contains([')', '）']) => {
            let end = c + text[c..].chars().next().map_or(0, char::len_utf8);
            text[o..end].to_owned()
        }
        _ => text[at..at + len].to_owned(),
    }
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
    use super::*;

    #[test]
    fn recognises_template_text() {
        assert_eq!(find("(≥**人)").as_deref(), Some("**"));
        assert_eq!(find("……").as_deref(), Some("……"));
        assert_eq!(find("指标2:").as_deref(), Some("指标2:"));
        assert_eq!(find("指标1").as_deref(), Some("指标1"));
        assert_eq!(find("XX万元").as_deref(), Some("XX"));
        assert_eq!(find("××项目").as_deref(), Some("××"));
        assert_eq!(find("请填写具体数值").as_deref(), Some("请填写"));
        assert_eq!(find("说明项目实施取得的成效。(200字以内)").as_deref(), Some("(200字以内)"));
        assert_eq!(find("预算执行率未达到90%的需说明原因").as_deref(), Some("需说明原因"));
        for ok in [
            "大于10个团组，80人次",
            "指标值",
            "XXL码服装",
            "xxgk网站更新",
            "APEC卡办理人员满意度",
            "指标体系完善",
            "3×4米展板",
            "应急处置及时率",
            "需求响应时间",
            "汉字以外",
        ] {
            assert_eq!(find(ok), None, "{ok}");
        }
    }

    /// What the readers note as template text, the review finds: one vocabulary.
    #[test]
    fn what_readers_note_the_review_finds() {
        for t in ["(≥**人)", "XX万元", "……", "指标2:", "＊＊", "××", "请填写项目名称", "(100字以内)", "需说明原因"]
        {
            assert!(is_placeholder(t) || is_instruction(t), "{t}");
            assert!(find(t).is_some(), "{t}");
        }
        for t in ["大于10个团组，80人次", "宁夏外事办", "XXL码服装"] {
            assert!(!is_instruction(t), "{t}");
            assert!(find(t).is_none(), "{t}");
        }
    }
}
