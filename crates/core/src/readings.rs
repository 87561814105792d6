//! Pinyin readings that some mirror sites print after characters (`指標(biāo)`, `項(xiàng)目`):
//! the mirror's, not the table's, so they are taken out of each line before it is read.

use crate::text::{char_floor, is_ideograph, is_toned_vowel};

/// How many readings the start of a text must hold to be read as a glossed copy: one or two can
/// be a table's own bracketed pinyin (a place name spelled out), five cannot.
const READINGS_TO_TELL: usize = 5;

/// Whether the start of a text prints readings after its characters.
pub fn sniff(sample: &str) -> bool {
    // Cheap for the texts that have none: a reading holds a toned vowel.
    let sample = &sample[..char_floor(sample, 16 * 1024)];
    if !sample.chars().any(is_toned_vowel) {
        return false;
    }
    let mut found = 0;
    let mut rest = sample;
    while let Some(open) = rest.find('(') {
        let (before, after) = rest.split_at(open);
        if before.chars().next_back().is_some_and(is_ideograph) && reading_len(&after[1..]).is_some() {
            found += 1;
            if found == READINGS_TO_TELL {
                return true;
            }
        }
        rest = &after[1..];
    }
    false
}

/// `line` without the readings printed after its characters, with the first one taken out
/// (`指標(biāo)`, for the note); `None` when it holds none.
pub fn strip(line: &str) -> Option<(String, String)> {
    let mut out = String::new();
    let mut first = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(open) = line[from..].find('(').map(|o| from + o) {
        from = open + 1;
        // Only right after a character: `(ha)` after a bracket or a digit is the table's.
        let Some(glossed) = line[copied..open].chars().next_back().filter(|&c| is_ideograph(c)) else { continue };
        let Some(len) = reading_len(&line[open + 1..]) else { continue };
        let end = open + 1 + len + 1;
        first.get_or_insert_with(|| format!("{glossed}{}", &line[open..end]));
        out.push_str(&line[copied..open]);
        copied = end;
        from = end;
    }
    let first = first?;
    out.push_str(&line[copied..]);
    Some((out, first))
}

/// The length in bytes of a reading at the start of `rest` (what follows an opening bracket),
/// up to its closing bracket: one syllable of lower-case letters with a tone mark (`biāo`,
/// `xué`, `lǚ`).
pub fn reading_len(rest: &str) -> Option<usize> {
    let mut toned = false;
    for (i, c) in rest.char_indices().take(7) {
        match c {
            ')' if toned && i > 0 => return Some(i),
            'a'..='z' | 'ü' => {}
            c if is_toned_vowel(c) => toned = true,
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_after_characters_are_taken_out() {
        let (line, first) = strip("產(chǎn)出指標(biāo) | 數(shù)量指標(biāo) | 管理忠烈祠面積 | =230畝 |").unwrap();
        assert_eq!(line, "產出指標 | 數量指標 | 管理忠烈祠面積 | =230畝 |");
        assert_eq!(first, "產(chǎn)");
        assert_eq!(strip("中等職業(yè)學(xué)校").unwrap().0, "中等職業學校");
        assert_eq!(strip("旅(lǚ)游").unwrap().0, "旅游");
    }

    #[test]
    fn brackets_the_table_wrote_are_kept() {
        // Units, letters with no tone mark, a bracket after a digit or a bracket, full sentences.
        for line in [
            "面积(ha) | 100(km) | 达标(A级)",
            "指标值(≥95%) | 资金(万元)",
            "经费(含bāo装)",
            "拼音(pīn yīn)",
            "(biāo)开头",
            "10(biāo)",
        ] {
            assert_eq!(strip(line), None, "{line}");
        }
    }

    #[test]
    fn a_glossed_copy_is_told_from_a_table_that_spells_one_name() {
        assert!(sniff("績(jì)效指標(biāo)\n項(xiàng)目名稱 | 單(dān)位 | 預(yù)算"));
        assert!(!sniff("项目名称 | 漓江(Lí Jiāng)治理 | 桂林(guìlín)"));
        assert!(!sniff("项目支出绩效目标表"));
    }
}
