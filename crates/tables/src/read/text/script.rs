//! Tables published in traditional characters (繁体字): their text is read through its
//! simplified form, so that labels, levels and title words are found by the same vocabulary,
//! and the documents read are given back in the script they were published in.

use std::collections::{HashMap, HashSet};

use jixiao_core::Document;
use jixiao_core::text::is_toned_vowel;

/// Words that only a table in traditional script holds (指標, 績效, 項目 …).
const TRADITIONAL_WORDS: &[&str] = &["指標", "績效", "項目", "產出", "滿意度", "預算", "單位"];

/// Whether the start of a text is in traditional script — and not one with pinyin readings
/// printed after its characters (`指標(biāo)`), which is garbled and reported as such.
pub fn is_traditional(sample: &str) -> bool {
    // A table's title and header come first: 16 KB of text tell.
    let mut end = sample.len().min(16 * 1024);
    while !sample.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &sample[..end];
    let readings = sample.chars().filter(|&c| is_toned_vowel(c)).take(5).count();
    readings < 5 && TRADITIONAL_WORDS.iter().filter(|w| sample.contains(*w)).count() >= 2
}

/// The characters a text's simplification changed, to give the published ones back.
#[derive(Debug, Default)]
pub struct Script {
    /// Each simplified character, by the traditional one it came from; `None` where two
    /// traditional characters gave the same simplified one.
    published: HashMap<char, Option<char>>,
    /// Characters the text itself holds unchanged: never turned into traditional ones.
    kept: HashSet<char>,
}

impl Script {
    /// The simplified form of a line, noting which characters it changed.
    pub fn simplify(&mut self, line: &str) -> String {
        let simple = fast2s::convert(line);
        for (published, read) in line.chars().zip(simple.chars()) {
            if published == read {
                if !published.is_ascii() {
                    self.kept.insert(published);
                }
                continue;
            }
            match self.published.get(&read) {
                None => {
                    self.published.insert(read, Some(published));
                }
                Some(Some(p)) if *p != published => {
                    self.published.insert(read, None);
                }
                _ => {}
            }
        }
        simple
    }

    /// The document with its text in the script it was published in: every character the
    /// simplification changed is changed back, unless the text also held it unchanged or two
    /// published characters gave it.
    pub fn restore(&self, doc: &mut Document) {
        if self.published.is_empty() {
            return;
        }
        let Ok(mut value) = serde_json::to_value(&*doc) else { return };
        self.restore_value(&mut value);
        if let Ok(restored) = serde_json::from_value(value) {
            *doc = restored;
        }
    }

    fn restore_value(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) if s.chars().any(|c| self.published.contains_key(&c)) => {
                *s = s.chars().map(|c| self.published_char(c)).collect();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.restore_value(v)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| self.restore_value(v)),
            _ => {}
        }
    }

    fn published_char(&self, c: char) -> char {
        match self.published.get(&c) {
            Some(Some(p)) if !self.kept.contains(&c) => *p,
            _ => c,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_simplified_and_given_back_as_published() {
        assert!(is_traditional("2021年項目支出績效目標表"));
        assert!(!is_traditional("2021年项目支出绩效目标表"));
        assert!(!is_traditional("項(xiàng)目績(jì)效指標(biāo)預(yù)算單(dān)位"));
        let mut script = Script::default();
        assert_eq!(script.simplify("產出指標 數量指標 培訓人數"), "产出指标 数量指标 培训人数");
        let mut doc = Document::new(jixiao_core::DocumentKind::Project);
        doc.title = "项目支出绩效目标表".to_owned();
        script.simplify("項目支出績效目標表");
        script.restore(&mut doc);
        assert_eq!(doc.title, "項目支出績效目標表");
    }

    #[test]
    fn a_character_also_published_simplified_is_left_alone() {
        let mut script = Script::default();
        script.simplify("項目 项目 績效");
        let mut doc = Document::new(jixiao_core::DocumentKind::Project);
        doc.title = "项目绩效".to_owned();
        script.restore(&mut doc);
        assert_eq!(doc.title, "项目績效");
    }
}
