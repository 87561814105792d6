//! Signs that text is garbled beyond reading — OCR that lost symbols and letters (`万兀`,
//! `3M.8万元`, `项Fl`), values printed before their labels (PDF text extracted column by
//! column), readings printed inline (`產(chǎn)出`) — so that a table nothing could be read from
//! is reported as garbled, with the place, rather than as merely unread. Never used to read.

use std::fmt;

use jixiao_core::text::{is_ideograph, is_toned_vowel};

/// How text is garbled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Garble {
    /// Characters misread by OCR.
    Ocr,
    /// Values printed before their labels, lines cut across the columns.
    ColumnMajor,
    /// Pinyin readings printed after each character.
    Readings,
}

impl fmt::Display for Garble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Garble::Ocr => "文字识别 (OCR) 出错, 字母混入数字和汉字",
            Garble::ColumnMajor => "数值出现在其标签之前 (PDF 按列提取), 行与栏已对不上",
            Garble::Readings => "每个字后面印有拼音注音",
        })
    }
}

/// The signs of garbling in one cell's text, each with the few characters that show it.
pub fn signs(text: &str) -> Vec<(Garble, String)> {
    let mut found = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    if column_major(text) {
        found.push((Garble::ColumnMajor, text.chars().take(12).collect()));
    }
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let show = |from: usize, to: usize| chars[from..to.min(chars.len())].iter().collect::<String>();
        // 元 read as 兀 after 万 or a digit.
        if c == '兀' && before.is_some_and(|b| b == '万' || b.is_ascii_digit()) {
            found.push((Garble::Ocr, show(i.saturating_sub(1), i + 1)));
        }
        // A letter inside a number (`3M.8`).
        if c.is_ascii_alphabetic()
            && before.is_some_and(|b| b.is_ascii_digit())
            && after == Some('.')
            && chars.get(i + 2).is_some_and(char::is_ascii_digit)
        {
            found.push((Garble::Ocr, show(i - 1, i + 3)));
        }
        // One or two letters OCR confuses with digits or strokes, between ideographs (`项Fl资金`,
        // `2370人IO指标`).
        if is_ideograph_char(before) && c.is_ascii_alphabetic() {
            let len = chars[i..].iter().take_while(|c| c.is_ascii_alphabetic()).count();
            let letters = &chars[i..i + len];
            if len <= 2 && is_ideograph_char(chars.get(i + len).copied()) && letters.iter().any(|c| "lIOo".contains(*c))
            {
                found.push((Garble::Ocr, show(i - 1, i + len + 1)));
            }
        }
        if c == '\u{FFFD}' {
            found.push((Garble::Ocr, show(i.saturating_sub(2), i + 1)));
        }
        // `產(chǎn)`: a reading with tone marks in brackets after an ideograph.
        if c == '(' && is_ideograph_char(before) {
            let inner: String = chars[i + 1..].iter().take_while(|&&c| c != ')').take(8).collect();
            if !inner.is_empty()
                && inner.chars().all(|c| c.is_alphabetic() && !is_ideograph(c))
                && inner.chars().any(is_toned_vowel)
            {
                found.push((Garble::Readings, show(i - 1, i + inner.chars().count() + 2)));
            }
        }
    }
    found
}

/// A line that starts with the values of a row whose labels come after them: two numbers and
/// then a label (`5 5 可行性`), or a number and a bracket cut off its label (`10 ) 绩效目标`,
/// `14 (`, `20 分)项目决策`).
fn column_major(text: &str) -> bool {
    let mut words = text.split_whitespace();
    let is_number = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let Some(first) = words.next().filter(|w| is_number(w)) else { return false };
    let _ = first;
    match words.next() {
        Some(w) if is_number(w) => words.next().is_some_and(|w| w.starts_with(is_ideograph)),
        Some(w) => w == "(" || w == ")" || w.starts_with("分)") || w.starts_with(')'),
        None => false,
    }
}

fn is_ideograph_char(c: Option<char>) -> bool {
    c.is_some_and(is_ideograph)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Garble> {
        signs(text).into_iter().map(|(g, _)| g).collect()
    }

    #[test]
    fn ocr_damage_is_told_from_real_letters() {
        assert_eq!(kinds("项Fl资金(万兀)"), vec![Garble::Ocr, Garble::Ocr]);
        assert_eq!(kinds("维修所需成本3M.8万元"), vec![Garble::Ocr]);
        // Letters a table means: grades, units, abbreviations.
        assert!(kinds("建成3A级景区, 开通5G基站, PM2.5浓度, GDP增长").is_empty());
    }

    #[test]
    fn values_before_labels_and_inline_readings() {
        assert_eq!(kinds("5 5 可行性 (政策完善)"), vec![Garble::ColumnMajor]);
        assert_eq!(kinds("10 ) 绩效目标明确性"), vec![Garble::ColumnMajor]);
        assert!(kinds("2017 年部门整体支出").is_empty());
        assert_eq!(kinds("區(qū)價(jià)"), vec![Garble::Readings, Garble::Readings]);
        assert!(kinds("部门(单位)名称").is_empty());
    }
}
