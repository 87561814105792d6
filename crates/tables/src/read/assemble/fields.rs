//! Reading the values of header cells: codes in names, amounts, numbered goals and duties,
//! the year and kind a title states, and template text the publisher left in.

use std::borrow::Cow;
use std::str::FromStr;

use jixiao_core::DocumentKind;
use jixiao_core::text::{fold, is_blank, is_ideograph_lead, trim};
use rust_decimal::Decimal;

use super::has_word;

/// Splits a code off a name: `[812]自治区教育厅`, `【812033】宁夏长庆初级中学`, `813-潼南区五桂镇`,
/// `51000021R000000019951-工资性支出`. A code is ASCII letters and digits with at least one digit.
pub fn split_code(text: &str) -> (Option<String>, String) {
    let text = trim(text);
    // A code comes first, in brackets or as letters and digits: most names start otherwise.
    if !text.starts_with(|c: char| c.is_ascii_alphanumeric() || matches!(c, '[' | '【' | '(' | '（' | '〔')) {
        return (None, text.to_owned());
    }
    let is_code =
        |c: &str| c.len() >= 2 && c.bytes().all(|b| b.is_ascii_alphanumeric()) && c.bytes().any(|b| b.is_ascii_digit());
    for (open, close) in [('[', ']'), ('【', '】'), ('(', ')'), ('（', '）'), ('〔', '〕')] {
        if let Some(rest) = text.strip_prefix(open) {
            if let Some(end) = rest.find(close) {
                let code = trim(&rest[..end]);
                let name = trim(&rest[end + close.len_utf8()..]);
                if is_code(code) && !name.is_empty() {
                    return (Some(code.to_owned()), name.to_owned());
                }
            }
        }
    }
    if let Some(dash) = text.find(['-', '－', '—', '_']) {
        let code = &text[..dash];
        let name = text[dash..].trim_start_matches(['-', '－', '—', '_']);
        let name = trim(name);
        if is_code(code) && !name.is_empty() && !name.starts_with(|c: char| c.is_ascii_digit()) {
            return (Some(code.to_owned()), name.to_owned());
        }
    }
    (None, text.to_owned())
}

/// A unit amounts are stated in: the interchange format records 元 and 万元; tables also state
/// 千元, 百万元 and 亿元, whose amounts are read into 万元, exactly.
pub use jixiao_core::vocabulary::money::MoneyWord as StatedUnit;

/// Text in an amount's place that is no amount (`(见附件)`, `七百`); the caller reports the cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAnAmount;

/// Whether a cell is an amount (`8,827,620.53`), not a name or a sentence.
pub fn is_amount_text(text: &str) -> bool {
    parse_amount(text).is_ok_and(|a| a.is_some())
}

/// An amount as written in a funds cell: `700`, `10000万元`, `1,234.50`; `—` and blanks are
/// no amount. Returns the number and the unit written beside it, or `Err` for text that is
/// no amount at all.
pub fn parse_amount(text: &str) -> Result<Option<(Decimal, Option<StatedUnit>)>, NotAnAmount> {
    // Most amounts are plain numbers.
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Decimal::from_str(text).map(|d| Some((d, None))).map_err(|_| NotAnAmount);
    }
    let amount = plain_amount(text);
    if amount.is_ok() {
        return amount;
    }
    // An amount explained in brackets after it (`854万(高标准农田建设400万元,…)`), or written
    // twice over (`854万854万`, a web page's copy of a cell): the amount.
    let t = trim(text);
    let bare = match t.find(['(', '（']) {
        Some(open) if open > 0 && t.ends_with([')', '）']) => trim(&t[..open]),
        _ => t,
    };
    let half = bare.len() / 2;
    let once = if bare.len() % 2 == 0 && bare.is_char_boundary(half) && bare[..half] == bare[half..] {
        &bare[..half]
    } else {
        bare
    };
    if once.len() < t.len() { plain_amount(once) } else { amount }
}

/// [`parse_amount`] of a text that is only an amount.
fn plain_amount(text: &str) -> Result<Option<(Decimal, Option<StatedUnit>)>, NotAnAmount> {
    let folded = fold(text);
    let s: String = folded.chars().filter(|c| !is_blank(*c) && *c != ',').collect();
    if s.is_empty() || s.chars().all(|c| matches!(c, '-' | '/' | '—' | '无')) {
        return Ok(None);
    }
    let written = StatedUnit::strip_suffix(&s);
    let (number, unit) = match written {
        Some((n, unit)) => (n, Some(unit)),
        // 元 is often left out after 万 and 亿 (`250万`).
        None => match (s.strip_suffix('万'), s.strip_suffix('亿')) {
            (Some(n), _) => (n, Some(StatedUnit::TenThousandYuan)),
            (_, Some(n)) => (n, Some(StatedUnit::HundredMillionYuan)),
            _ => (s.as_str(), None),
        },
    };
    Decimal::from_str(number).map(|d| Some((d, unit))).map_err(|_| NotAnAmount)
}

/// Whether a cell holds only the marks written in a cell left empty (`/`, `-`, `—`).
pub fn is_blank_mark(text: &str) -> bool {
    text.chars().all(|c| matches!(c, '/' | '-' | '—'))
}

/// Whether a list's numbering may start with `c` (`(一)`, `1、`, `一、`, `①`, `目标1`), as
/// [`split_numbered`] looks for it.
pub fn may_start_marker(c: char) -> bool {
    matches!(c, '(' | '（' | '目') || c.is_ascii_digit() || is_cn_numeral(c) || ('①'..='⑳').contains(&c)
}

/// Splits goals or duties at their numbering — `(一)`, `（二）`, `一、`, `1.`, `1、`, `(1)`,
/// `①` — after removing HTML paragraph markup; unnumbered text is one item.
pub fn split_numbered(text: &str) -> Vec<String> {
    let text = strip_markup(text);
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (marker start, text start) in bytes
    // Whether the character before may precede a marker: none yet, a blank or a sentence's end.
    let mut after_break = true;
    let mut skip_to = 0;
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if !after_break && is_ideograph_lead(x) {
            // An ideograph in the middle of a sentence, nearly all of the text: no marker
            // starts here, and none after it.
            i += 3;
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let at_boundary = i >= skip_to && after_break;
        after_break = is_blank(c) || matches!(c, '。' | ';' | '；' | '.' | '!' | '！' | '>');
        // Markers start with a bracket, a numeral or a circled number: test only there.
        if at_boundary && may_start_marker(c) {
            let len = if c == '目' { goal_marker_len(&text[i..]) } else { marker_len(&text[i..]) };
            if let Some(len) = len {
                starts.push((i, i + len));
                skip_to = i + len;
            }
        }
        i += c.len_utf8();
    }
    if starts.is_empty() {
        let t = trim(&text);
        return if t.is_empty() { Vec::new() } else { vec![t.to_owned()] };
    }
    let mut items = Vec::with_capacity(starts.len() + 1);
    let lead = trim(&text[..starts[0].0]);
    if !lead.is_empty() {
        items.push(lead.to_owned());
    }
    for (k, &(_, from)) in starts.iter().enumerate() {
        let to = starts.get(k + 1).map_or(text.len(), |&(m, _)| m);
        // A separator before the next number belongs to neither item.
        let item = trim(trim(&text[from..to]).trim_end_matches([';', '；', ',', '，', '、']));
        if !item.is_empty() {
            items.push(item.to_owned());
        }
    }
    items
}

fn is_cn_numeral(c: char) -> bool {
    matches!(c, '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十')
}

/// The length in bytes of a goal's numbering by the word at the start of `text` (`目标1:`,
/// `目标2、`, `目标3`: a 部门整体 table's goals), if one is there.
fn goal_marker_len(text: &str) -> Option<usize> {
    let rest = text.strip_prefix("目标")?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let sep =
        rest[digits..].chars().next().filter(|c| matches!(c, ':' | '：' | '、' | '.' | '．')).map_or(0, char::len_utf8);
    Some("目标".len() + digits + sep)
}

/// The length in bytes of a numbering marker at the start of `text`, if one is there.
fn marker_len(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    let (_, first) = chars.next()?;
    let end_after =
        |chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>| chars.next().map(|(i, c)| i + c.len_utf8());
    // (一) (十二) (1)
    if matches!(first, '(' | '（') {
        let mut n = 0;
        while n < 3 && chars.peek().is_some_and(|&(_, c)| is_cn_numeral(c) || c.is_ascii_digit()) {
            chars.next();
            n += 1;
        }
        return match chars.peek() {
            Some(&(_, ')' | '）')) if n > 0 => end_after(&mut chars),
            _ => None,
        };
    }
    // 一、 十二、
    if is_cn_numeral(first) {
        let mut n = 1;
        while n < 3 && chars.peek().is_some_and(|&(_, c)| is_cn_numeral(c)) {
            chars.next();
            n += 1;
        }
        return match chars.peek() {
            Some(&(_, '、')) => end_after(&mut chars),
            _ => None,
        };
    }
    // 1. 1、 12、 but not 2.5
    if first.is_ascii_digit() {
        let mut n = 1;
        while n < 3 && chars.peek().is_some_and(|&(_, c)| c.is_ascii_digit()) {
            chars.next();
            n += 1;
        }
        return match chars.next() {
            Some((i, '、')) => Some(i + '、'.len_utf8()),
            Some((i, c @ ('.' | '．'))) => {
                let digit_follows = chars.peek().is_some_and(|&(_, d)| d.is_ascii_digit());
                (!digit_follows).then_some(i + c.len_utf8())
            }
            _ => None,
        };
    }
    // ① … ⑳
    ('①'..='⑳').contains(&first).then_some(first.len_utf8())
}

/// Removes HTML tags (`<p>`, `</p>`, `<br/>`) and decodes the few entities publishers leave.
pub fn strip_markup(text: &str) -> Cow<'_, str> {
    if memchr::memchr2(b'<', b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let tag_end = after.find('>');
        let is_tag = tag_end.is_some_and(|e| {
            let inner = &after[1..e];
            !inner.is_empty() && inner.trim_start_matches('/').starts_with(|c: char| c.is_ascii_alphabetic())
        });
        match (is_tag, tag_end) {
            (true, Some(e)) => {
                out.push(' ');
                rest = &after[e + 1..];
            }
            _ => {
                out.push('<');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
    for (entity, c) in [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
        if out.contains(entity) {
            out = out.replace(entity, c);
        }
    }
    Cow::Owned(out)
}

/// The budget year a title states: `2020年…`, `(2023年度)`.
pub fn year_of(text: &str) -> Option<i32> {
    let text = fold(text);
    let text = text.as_ref();
    let b = text.as_bytes();
    let mut i = 0;
    while i + 4 <= b.len() {
        if b[i..i + 4].iter().all(u8::is_ascii_digit)
            && (i == 0 || !b[i - 1].is_ascii_digit())
            && text[i + 4..].starts_with('年')
        {
            let year: i32 = text[i..i + 4].parse().ok()?;
            if (1990..=2100).contains(&year) {
                return Some(year);
            }
        }
        i += 1;
    }
    None
}

/// The kind of table a title names, if it says.
pub fn kind_of(title: &str) -> Option<DocumentKind> {
    if has_word(title, "部门整体") || has_word(title, "整体支出") {
        Some(DocumentKind::Department)
    } else if has_word(title, "项目") || has_word(title, "专项") {
        Some(DocumentKind::Project)
    } else {
        None
    }
}

pub use jixiao_core::vocabulary::template::{is_instruction, is_placeholder};

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::MoneyUnit;

    #[test]
    fn codes_split_off_names() {
        assert_eq!(split_code("[812]自治区教育厅"), (Some("812".into()), "自治区教育厅".into()));
        assert_eq!(split_code("【812033】宁夏长庆初级中学"), (Some("812033".into()), "宁夏长庆初级中学".into()));
        assert_eq!(split_code("813-潼南区五桂镇"), (Some("813".into()), "潼南区五桂镇".into()));
        assert_eq!(
            split_code("51000021R000000019951-工资性支出"),
            (Some("51000021R000000019951".into()), "工资性支出".into())
        );
        assert_eq!(split_code("宁夏外事翻译室"), (None, "宁夏外事翻译室".into()));
        assert_eq!(split_code("2019-2021"), (None, "2019-2021".into()));
    }

    #[test]
    fn amounts() {
        let d = |s: &str| Decimal::from_str(s).expect("decimal");
        assert_eq!(parse_amount("700"), Ok(Some((d("700"), None))));
        assert_eq!(parse_amount("10000万元"), Ok(Some((d("10000"), Some(StatedUnit::TenThousandYuan)))));
        assert_eq!(parse_amount("1,234.50 元"), Ok(Some((d("1234.50"), Some(StatedUnit::Yuan)))));
        assert_eq!(parse_amount("1.5亿元"), Ok(Some((d("1.5"), Some(StatedUnit::HundredMillionYuan)))));
        assert_eq!(parse_amount("7000千元"), Ok(Some((d("7000"), Some(StatedUnit::ThousandYuan)))));
        assert_eq!(parse_amount("250万"), Ok(Some((d("250"), Some(StatedUnit::TenThousandYuan)))));
        assert_eq!(parse_amount("万"), Err(NotAnAmount));
        let explained = "854万(高标准农田建设400万元,示范建设295万元)";
        assert_eq!(parse_amount(explained), Ok(Some((d("854"), Some(StatedUnit::TenThousandYuan)))));
        assert_eq!(parse_amount("854万854万"), Ok(Some((d("854"), Some(StatedUnit::TenThousandYuan)))));
        assert_eq!(parse_amount("1212"), Ok(Some((d("1212"), None))));
        assert_eq!(parse_amount("85万84万"), Err(NotAnAmount));
        assert_eq!(parse_amount("(见附件)"), Err(NotAnAmount));
        assert_eq!(parse_amount(" "), Ok(None));
        assert_eq!(parse_amount("—"), Ok(None));
        assert_eq!(parse_amount("七百"), Err(NotAnAmount));
        let to_wan = |amount: &str, unit: StatedUnit| unit.convert(d(amount), MoneyUnit::TenThousandYuan);
        assert_eq!(to_wan("12345", StatedUnit::Yuan), d("1.2345"));
        assert_eq!(to_wan("7000", StatedUnit::ThousandYuan), d("700"));
        assert_eq!(to_wan("12345", StatedUnit::ThousandYuan).to_string(), "1234.5");
        assert_eq!(to_wan("1.5", StatedUnit::HundredMillionYuan).to_string(), "15000");
        // An amount in the recorded unit stays as written.
        assert_eq!(to_wan("28.80", StatedUnit::TenThousandYuan).to_string(), "28.80");
        assert_eq!(to_wan("1.5", StatedUnit::HundredMillionYuan), d("15000"));
        assert_eq!(StatedUnit::TenThousandYuan.convert(d("1.2345"), MoneyUnit::Yuan), d("12345"));
    }

    #[test]
    fn numbered_items_split_and_markup_goes() {
        assert_eq!(
            split_numbered("(一) 保证任务完成。 (二) 积极宣传宁夏。 (三) 加强交流。"),
            vec!["保证任务完成。", "积极宣传宁夏。", "加强交流。"]
        );
        assert_eq!(
            split_numbered("<p>(一) 负责拟订规划, 研究问题。</p> <p>(二) 指导各部门(单位)的外事工作。</p>"),
            vec!["负责拟订规划, 研究问题。", "指导各部门(单位)的外事工作。"]
        );
        assert_eq!(split_numbered("1.提高效率；2.节约2.5万元"), vec!["提高效率", "节约2.5万元"]);
        assert_eq!(split_numbered("一、保障工资发放 二、减少结余"), vec!["保障工资发放", "减少结余"]);
        assert_eq!(split_numbered("加快构建公共体育服务体系。"), vec!["加快构建公共体育服务体系。"]);
        assert!(split_numbered("  ").is_empty());
    }

    #[test]
    fn titles_give_year_and_kind() {
        assert_eq!(year_of("2020年宁夏回族自治区人民政府外事办公室部门整体支出预算绩效目标表"), Some(2020));
        assert_eq!(year_of("部门预算项目支出绩效自评表(2023年度)"), Some(2023));
        assert_eq!(year_of("项目支出绩效目标表"), None);
        assert_eq!(year_of("２０２１年某镇人民政府项目支出绩效目标表"), Some(2021));
        assert_eq!(kind_of("2020年…部门整体支出预算绩效目标表"), Some(DocumentKind::Department));
        assert_eq!(kind_of("自治区本级部门2019年项目支出预算绩效目标表"), Some(DocumentKind::Project));
    }

    proptest::proptest! {
        #[test]
        fn placeholder_scan_agrees_with_plain_search(
            s in proptest::collection::vec(proptest::sample::select(vec!["*", "X", "x", "…", "×", "＊", "表", "，", "—", "a", " ", "指标", "2", "：", ":"]), 0..10)
        ) {
            let s: String = s.concat();
            let marks = ["**", "XX", "xx", "…", "××", "＊＊"];
            let expected = marks.iter().any(|m| trim(&s).contains(m))
                || fold(trim(&s)).strip_prefix("指标").and_then(|r| r.strip_suffix(':')).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
            proptest::prop_assert_eq!(is_placeholder(&s), expected, "{}", s);
        }
    }

    #[test]
    fn placeholders_and_instructions() {
        for t in ["(≥**人)", "……", "指标2:", "指标1：", "XX万元", "××人", "＊＊个"] {
            assert!(is_placeholder(t), "{t}");
        }
        // Marks found past full-width punctuation, whose lead byte EF the scan also stops at.
        assert!(is_placeholder("完成率，（≥＊＊%）"));
        for t in ["指标", "大于10人", "指标值", "X光检查", "*注", "×2", "（≥90%）—", "× ×"] {
            assert!(!is_placeholder(t), "{t}");
        }
        assert!(is_instruction("对照年度目标,说明相关任务目标的完成情况(100字以内)"));
        assert!(!is_instruction("严格执行相关政策,保障工资及时足额发放。"));
    }
}
