//! The grammar of targets: turns any 指标值 text into a [`Target`], never failing.
//!
//! The text is cleaned (trimmed, trailing `。` dropped), folded (full-width forms, spaces
//! removed) and then tried as a date, a range and a list of quantities, in that order; what
//! none of them accepts is qualitative. Each reading must account for the whole text, so a
//! sentence that merely contains a number is not mistaken for a quantity.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::vocabulary::{
    DATE_PREFIX, DATE_SUFFIX, PREFIX, RANGE_PREFIXES, RANGE_SUFFIXES, SUFFIX, direction, is_grammar_char,
    is_term_separator,
};
use super::{Op, PartialDate, Target, Term};
use crate::text::{is_blank, push_folded};

/// Longest unit accepted, in characters (`个工作日` is 4, `元/平方米` 5).
const MAX_UNIT: usize = 6;
/// Longest counted subject before a number (`全年完成培训` is 6).
const MAX_SUBJECT: usize = 8;
/// Longest text allowed after a comparator suffix (`3天内完成`).
const MAX_TAIL: usize = 4;
/// Longest text allowed after a date (`2021年6月底前完成`).
const MAX_DATE_TAIL: usize = 6;

pub(super) fn parse(text: &str) -> Target {
    let cleaned = clean(text);
    if cleaned.is_empty() || cleaned.chars().all(is_placeholder_dash) {
        return Target::Empty;
    }
    let (compact, numeric) = compact(cleaned);
    if !numeric {
        // No number at all: qualitative, without trying the numeric readings.
        return Target::Quality { text: cleaned.to_owned(), direction: direction(&compact), unparsed: false };
    }
    if let Some(t) = date(&compact).or_else(|| range(&compact)).or_else(|| quantity(&compact)) {
        return t;
    }
    Target::Quality {
        text: cleaned.to_owned(),
        direction: direction(&compact),
        unparsed: compact.bytes().any(|b| b.is_ascii_digit()),
    }
}

/// Trims blanks and trailing sentence punctuation (`95%以上。`).
fn clean(text: &str) -> &str {
    let mut s = text.trim_matches(is_blank);
    loop {
        let t = s.trim_end_matches(['。', '．', '.', ';', '；', ',', '，', '、']).trim_matches(is_blank);
        if t.len() == s.len() {
            return s;
        }
        s = t;
    }
}

/// Dashes and slashes that publishers put in a cell to say "nothing here".
fn is_placeholder_dash(c: char) -> bool {
    matches!(c, '-' | '—' | '–' | '―' | '─' | '－' | '/' | '／' | '\\') || is_blank(c)
}

/// The text folded, without blanks: what the grammar reads; and whether it may hold a
/// number at all (ASCII digits, Chinese numerals, or 年 of `年底`).
fn compact(text: &str) -> (String, bool) {
    let mut out = String::with_capacity(text.len());
    let mut numeric = false;
    for c in text.chars() {
        if c.is_ascii() {
            // The same blanks as `clean` trims, or a vertical tab inside would survive into a unit.
            if !is_blank(c) {
                numeric |= c.is_ascii_digit();
                out.push(c);
            }
        } else if crate::text::is_ideograph(c) {
            numeric |= c == '年' || CHINESE_DIGITS.contains(&c);
            out.push(c);
        } else if !is_blank(c) {
            let start = out.len();
            push_folded(&mut out, c);
            numeric |= out[start..].bytes().any(|b| b.is_ascii_digit());
        }
    }
    // Folding can produce blanks (the ideographic space is blank already, but NFKC forms may).
    if out.contains(is_blank) {
        out.retain(|c| !is_blank(c));
    }
    (strip_leading_zeros(out), numeric)
}

/// Drops leading zeros of whole numbers (`06月` → `6月`, `010` → `10`), as the parsed value
/// does, so that a number reads the same whether written with them or without.
fn strip_leading_zeros(s: String) -> String {
    let b = s.as_bytes();
    let redundant = |i: usize| {
        b[i] == b'0'
            && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !(b[i - 1].is_ascii_digit() || b[i - 1] == b'.' || b[i - 1] == b','))
    };
    if !(0..b.len()).any(redundant) {
        return s;
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if redundant(i) {
            // Skip this zero and any further zeros of the same run, keeping the last digit.
            while b[i] == b'0' && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    // Only ASCII zeros were removed, so the bytes are still UTF-8.
    String::from_utf8(out).unwrap_or(s)
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// Reads an unsigned decimal at the start of `s` (`1,600.5`): digits, thousands commas
/// (a comma followed by exactly three digits), one decimal point. Returns the value and the
/// bytes read.
fn read_number(s: &str) -> Option<(Decimal, usize)> {
    let b = s.as_bytes();
    let mut buf = [0u8; 32];
    let mut n = 0;
    let mut i = 0;
    let mut push = |byte: u8, n: &mut usize| -> Option<()> {
        *buf.get_mut(*n)? = byte;
        *n += 1;
        Some(())
    };
    while i < b.len() {
        if b[i].is_ascii_digit() {
            push(b[i], &mut n)?;
            i += 1;
        } else if b[i] == b','
            && n > 0
            && b[0] != b'0'
            && b.get(i + 1..i + 4).is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !b.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
        } else {
            break;
        }
    }
    if n == 0 {
        return None;
    }
    if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit) {
        push(b'.', &mut n)?;
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            push(b[i], &mut n)?;
            i += 1;
        }
    }
    let digits = std::str::from_utf8(&buf[..n]).ok()?;
    Decimal::from_str(digits).ok().map(|d| (d, i))
}

/// The characters a number in Chinese numerals starts with.
const CHINESE_DIGITS: &[char] =
    &['零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十', '百', '千'];

/// Reads a number written in Chinese numerals (`两`, `十五`, `一百二十`), without 万/亿.
fn read_chinese_number(s: &str) -> Option<(Decimal, usize)> {
    let mut total: u64 = 0;
    let mut digit: Option<u64> = None;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let d = match c {
            '零' | '〇' => Some(0),
            '一' => Some(1),
            '二' | '两' => Some(2),
            '三' => Some(3),
            '四' => Some(4),
            '五' => Some(5),
            '六' => Some(6),
            '七' => Some(7),
            '八' => Some(8),
            '九' => Some(9),
            _ => None,
        };
        let scale = match c {
            '十' => 10,
            '百' => 100,
            '千' => 1000,
            _ => 0,
        };
        if let Some(d) = d {
            digit = Some(d);
        } else if scale > 0 {
            total += digit.unwrap_or(1) * scale;
            digit = None;
        } else {
            break;
        }
        end = i + c.len_utf8();
    }
    if end == 0 {
        return None;
    }
    total += digit.unwrap_or(0);
    Some((Decimal::from(total), end))
}

/// Splits the unit text after a number into the unit and a comparator suffix:
/// `%以上` → (`%`, `>=`); `个工作日内完成` → (`个工作日`, `<=`) with a short tail dropped.
fn split_unit(text: &str) -> Option<(&str, Option<Op>)> {
    // The earliest suffix wins, and at one place the longest (the table is longest first).
    let found = SUFFIX.find(text);
    let (unit, op) = match found {
        Some((at, len, op)) => {
            if char_count(&text[at + len..]) > MAX_TAIL {
                return None;
            }
            (&text[..at], Some(op))
        }
        None => (text, None),
    };
    (char_count(unit) <= MAX_UNIT).then_some((unit, op))
}

/// A term as written, before the compound's leading comparator is carried to it.
struct RawTerm<'a> {
    prefix_op: Option<Op>,
    suffix_op: Option<Op>,
    value: Decimal,
    unit: &'a str,
    subject: &'a str,
}

/// Reads one term at the start of `s`; returns it and the text after it.
fn term(s: &str) -> Option<(RawTerm<'_>, &str)> {
    if let Some(year) = year_subject(s) {
        let (mut term, rest) = term(&s[year.len()..])?;
        term.subject = year;
        return Some((term, rest));
    }
    let digit_at = s.find(|c: char| c.is_ascii_digit() || is_term_separator(c)).unwrap_or(s.len());
    let head = &s[..digit_at];
    if digit_at == s.len() || !s.as_bytes()[digit_at].is_ascii_digit() {
        return chinese_term(s);
    }
    let (op1, h) = match PREFIX.strip_prefix(head) {
        Some((op, rest)) => (Some(op), rest),
        None => (None, head),
    };
    let (op2, h) = match PREFIX.strip_suffix(h) {
        Some((op, rest)) => (Some(op), rest),
        None => (None, h),
    };
    if op1.is_some() && op2.is_some() {
        return None;
    }
    let (negative, subject) = match h.strip_suffix('-') {
        Some(rest) => (true, rest),
        None => (false, h),
    };
    // A subject still opening or closing with a comparator would read differently once the
    // comparator is written in front (`以上大于大于0`): such text is not a target.
    if subject.chars().any(is_grammar_char)
        || subject.ends_with(['*', '＊'])
        || char_count(subject) > MAX_SUBJECT
        || PREFIX.strip_prefix(subject).is_some()
        || PREFIX.strip_suffix(subject).is_some()
    {
        return None;
    }
    // What reads as a date (`2000年…`, `3月…`) is never a quantity, here or in a canonical
    // rendering, which keeps the two readings apart.
    if date_core(&s[digit_at..]).is_some() {
        return None;
    }
    let (mut value, len) = read_number(&s[digit_at..])?;
    if negative {
        value.set_sign_negative(true);
    }
    let after = &s[digit_at + len..];
    let unit_end = after.find(is_grammar_char).unwrap_or(after.len());
    let (unit, suffix_op) = split_unit(&after[..unit_end])?;
    if reads_as_date(value, unit) {
        return None;
    }
    let rest = &after[unit_end..];
    let term = RawTerm { prefix_op: op1.or(op2), suffix_op, value, unit, subject };
    Some((term, rest))
}

/// A year before a comparator (`2022年≥3公里；2023年≥5公里`, a table with one target column per
/// year) or a percentage (`2022年100%`): the subject of the term, as a village is in
/// `张村≥3公里`. Not before other numbers, which may be a date's month (`2022年12月`).
fn year_subject(s: &str) -> Option<&str> {
    let end = 4 + '年'.len_utf8();
    if !s.get(..end).is_some_and(is_year) {
        return None;
    }
    let after = &s[end..];
    // The comparators before a number, in words or signs (`不低于`, `≥`, `>=`).
    let comparator = PREFIX.strip_prefix(after).is_some();
    // `2022年100%`: a number of percent is no month or day.
    let digits = after.bytes().take_while(u8::is_ascii_digit).count();
    let percent = digits > 0 && after[digits..].starts_with(['%', '％']);
    (comparator || percent).then_some(&s[..end])
}

/// Whether `s` is a year (`2022年`) as a term's subject is written.
pub(super) fn is_year(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 4 + '年'.len_utf8() && b[..4].iter().all(u8::is_ascii_digit) && s[4..] == *"年"
}

/// Measure words that may follow a number in Chinese numerals. Not 月: `两月` would render
/// as `2月`, which reads as February.
const CLASSIFIERS: &[char] = &[
    '个', '次', '人', '项', '家', '所', '场', '期', '本', '篇', '件', '台', '套', '名', '天', '日', '周', '年', '批',
    '类', '份', '处', '条', '种', '门', '张', '辆', '座', '户', '村', '元', '万', '亿', '倍', '级', '轮', '回', '小',
    '课', '节', '届', '部', '册', '株', '亩', '公', '米',
];

/// Whether a number and unit would read as a date once written canonically (`0,012月` is
/// `12月`, which is December): such a term is no quantity.
fn reads_as_date(value: Decimal, unit: &str) -> bool {
    unit.starts_with(['年', '月']) && date_core(&format!("{}{unit}", value.abs())).is_some()
}

/// A term in Chinese numerals, accepted only straight after a comparator and before a measure
/// word (`不少于两次`), where a numeral cannot be part of a word (`高于一般`).
fn chinese_term(s: &str) -> Option<(RawTerm<'_>, &str)> {
    let (op, h) = PREFIX.strip_prefix(s)?;
    let (value, len) = read_chinese_number(h)?;
    let after = &h[len..];
    let unit_end = after.find(is_grammar_char).unwrap_or(after.len());
    let (unit, suffix_op) = split_unit(&after[..unit_end])?;
    if !unit.starts_with(CLASSIFIERS) {
        return None;
    }
    Some((RawTerm { prefix_op: Some(op), suffix_op, value, unit, subject: "" }, &after[unit_end..]))
}

/// One or more quantities separated by `，`, `；` or `、`; a comparator before the first term
/// applies to later terms that have none (`大于10个团组，80人次`).
fn quantity(s: &str) -> Option<Target> {
    let mut terms = Vec::new();
    let mut carried: Option<Op> = None;
    let mut rest = s;
    loop {
        let (raw, after) = term(rest)?;
        if terms.is_empty() {
            carried = raw.prefix_op;
        }
        let op = raw.prefix_op.or(raw.suffix_op).or(carried).unwrap_or(Op::Eq);
        terms.push(Term {
            op,
            value: raw.value,
            unit: raw.unit.to_owned(),
            subject: (!raw.subject.is_empty()).then(|| raw.subject.to_owned()),
        });
        rest = after.trim_start_matches(is_term_separator);
        if rest.is_empty() {
            return Some(Target::Quantity { terms });
        }
        if rest.len() == after.len() {
            // Not a separator: a grammar character out of place (`10个80人`, `5个<3`).
            return None;
        }
    }
}

/// A range: `90%-95%`, `1至2个`, `在90~95%之间`. Both bounds must share the unit (or the first
/// omit it) and come in order.
fn range(s: &str) -> Option<Target> {
    let s = RANGE_PREFIXES.iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    let s = RANGE_SUFFIXES.iter().find_map(|p| s.strip_suffix(p)).unwrap_or(s);
    let (min, len) = read_signed(s)?;
    let after = &s[len..];
    let unit1_end = after.find(|c: char| is_grammar_char(c) || c == '至' || c == '到').unwrap_or(after.len());
    let unit1 = &after[..unit1_end];
    let after = &after[unit1_end..];
    let after = ["-", "~", "至", "到"].iter().find_map(|sep| after.strip_prefix(sep))?;
    let (max, len) = read_signed(after)?;
    let unit2 = &after[len..];
    if unit2.contains(is_grammar_char) {
        return None;
    }
    let unit = match (unit1.is_empty(), unit2.is_empty()) {
        (true, _) => unit2,
        (false, true) => unit1,
        (false, false) if unit1 == unit2 => unit2,
        _ => return None,
    };
    // Range words belong around the range (`在…之间`); inside a unit they would move on rendering.
    let range_word = |u: &str| RANGE_PREFIXES.iter().chain(RANGE_SUFFIXES).any(|w| u.contains(w));
    if min > max || char_count(unit) > MAX_UNIT || range_word(unit1) || range_word(unit2) {
        return None;
    }
    Some(Target::Range { min, max, unit: unit.to_owned() })
}

fn read_signed(s: &str) -> Option<(Decimal, usize)> {
    match s.strip_prefix('-') {
        Some(rest) => read_number(rest).map(|(mut v, len)| {
            v.set_sign_negative(true);
            (v, len + 1)
        }),
        None => read_number(s),
    }
}

/// A date or deadline: `2021年12月31日前`, `2021年12月底`, `12月底前`, `2021-06-30`,
/// `不晚于2021年6月`. A short tail (`完成`) may follow; a sentence may not.
fn date(s: &str) -> Option<Target> {
    let (pre_op, body) = match DATE_PREFIX.strip_prefix(s) {
        Some((op, rest)) => (op, rest),
        None => match PREFIX.strip_prefix(s) {
            Some((op, rest)) => (Some(op), rest),
            None => (None, s),
        },
    };
    let body = body.strip_prefix("当年").unwrap_or(body);
    let (date, after) = date_core(body)?;
    let (suf_op, tail) = match DATE_SUFFIX.strip_prefix(after) {
        Some((op, rest)) => (Some(op), rest),
        None => (None, after),
    };
    if char_count(tail) > MAX_DATE_TAIL || tail.contains(is_grammar_char) {
        return None;
    }
    Some(Target::Date { op: pre_op.or(suf_op).unwrap_or(Op::Eq), date })
}

/// Reads up to `max` ASCII digits; returns their value and length.
fn digits(s: &str, max: usize) -> Option<(u16, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > max {
        return None;
    }
    s[..len].parse().ok().map(|v| (v, len))
}

/// The date itself, and the text after it.
fn date_core(s: &str) -> Option<(PartialDate, &str)> {
    if let Some(rest) = s.strip_prefix("--") {
        // The canonical form of a date without a year: --12-31, --12.
        let (m, len) = digits(rest, 2)?;
        let rest = &rest[len..];
        return match rest.strip_prefix('-').and_then(|r| digits(r, 2).map(|d| (d, r))) {
            Some(((d, dl), r)) => Some((PartialDate::new(None, Some(m as u8), Some(d as u8))?, &r[dl..])),
            None => Some((PartialDate::new(None, Some(m as u8), None)?, rest)),
        };
    }
    for word in ["年底", "年末", "年终"] {
        if let Some(rest) = s.strip_prefix(word) {
            return Some((PartialDate::new(None, Some(12), Some(31))?, rest));
        }
    }
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 4 {
        let (y, _) = digits(s, 4)?;
        let rest = &s[4..];
        if let Some(rest) = rest.strip_prefix('年') {
            if rest.starts_with(|c: char| c.is_ascii_digit()) {
                return month_day(Some(y), rest);
            }
            for (word, m, d) in [("底", 12, 31), ("末", 12, 31), ("终", 12, 31), ("上半年", 6, 30), ("下半年", 12, 31)]
            {
                if let Some(rest) = rest.strip_prefix(word) {
                    return Some((PartialDate::new(Some(y), Some(m), Some(d))?, rest));
                }
            }
            return Some((PartialDate::new(Some(y), None, None)?, rest));
        }
        for sep in ['-', '/', '.'] {
            if let Some(rest) = rest.strip_prefix(sep) {
                let (m, ml) = digits(rest, 2)?;
                let rest = &rest[ml..];
                if let Some(r) = rest.strip_prefix(sep) {
                    let (d, dl) = digits(r, 2)?;
                    return Some((PartialDate::new(Some(y), Some(m as u8), Some(d as u8))?, &r[dl..]));
                }
                // `2021.12` is as likely a number as a date: dots need the day.
                if sep == '.' || rest.starts_with(|c: char| c.is_ascii_digit()) {
                    return None;
                }
                return Some((PartialDate::new(Some(y), Some(m as u8), None)?, rest));
            }
        }
        return None;
    }
    if len == 1 || len == 2 {
        return month_day(None, s);
    }
    None
}

/// `12月31日`, `12月底`, `6月下旬`, `6月` after an optional year.
fn month_day(year: Option<u16>, s: &str) -> Option<(PartialDate, &str)> {
    let (m, len) = digits(s, 2)?;
    let m = m as u8;
    let rest = s[len..].strip_prefix('月')?;
    if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let (d, dl) = digits(rest, 2)?;
        let after = &rest[dl..];
        let after = after.strip_prefix('日').or_else(|| after.strip_prefix('号'))?;
        return Some((PartialDate::new(year, Some(m), Some(d as u8))?, after));
    }
    for word in ["底", "末", "下旬"] {
        if let Some(after) = rest.strip_prefix(word) {
            return Some((PartialDate::month_end(year, m)?, after));
        }
    }
    for (word, d) in [("上旬", 10), ("中旬", 20)] {
        if let Some(after) = rest.strip_prefix(word) {
            return Some((PartialDate::new(year, Some(m), Some(d))?, after));
        }
    }
    Some((PartialDate::new(year, Some(m), None)?, rest))
}
