//! Tables published in traditional characters (繁体字): their text is read and reviewed through
//! its simplified form, so that labels, levels, title words and the review's vocabulary apply
//! alike, and what is given back (documents, the text findings quote) is in the published script.

use std::collections::{HashMap, HashSet};

use crate::Document;
use crate::text::{char_floor, is_toned_vowel};

/// Words that only a table in traditional script holds (指標, 績效, 項目 …).
const TRADITIONAL_WORDS: &[&str] = &["指標", "績效", "項目", "產出", "滿意度", "預算", "單位"];

/// Whether the start of a text is in traditional script — and not one with pinyin readings
/// still printed after its characters (`指標(biāo)`): the text reader takes a mirror's readings out
/// first ([`crate::readings`]), and text that keeps them is reported as garbled.
pub fn is_traditional(sample: &str) -> bool {
    // A table's title and header come first: 16 KB of text tell.
    let sample = &sample[..char_floor(sample, 16 * 1024)];
    let readings = sample.chars().filter(|&c| is_toned_vowel(c)).take(5).count();
    readings < 5 && two_traditional_words(|w| sample.contains(w))
}

/// Whether two of [`TRADITIONAL_WORDS`] are held, by `holds`.
fn two_traditional_words(holds: impl Fn(&str) -> bool) -> bool {
    TRADITIONAL_WORDS.iter().filter(|w| holds(w)).take(2).count() == 2
}

/// A document in traditional script as its simplified form, with the characters that changed:
/// the review's vocabulary (满意度, 万元, 成本 …) is simplified. `None` for any other document.
pub fn simplified(doc: &Document) -> Option<(Document, Script)> {
    if !is_traditional_document(doc) {
        return None;
    }
    let mut value = serde_json::to_value(doc).ok()?;
    let mut script = Script::default();
    script.simplify_value(&mut value);
    let doc = serde_json::from_value(value).ok()?;
    Some((doc, script))
}

/// Whether a document's title, names and first indicators hold at least two of the words only
/// traditional script writes ([`is_traditional`]'s test, without building the text).
fn is_traditional_document(doc: &Document) -> bool {
    let project = doc.project.as_ref().map(|p| p.name.as_str());
    let first = doc.indicators.iter().take(20);
    let levels = first.clone().take(5).flat_map(|i| [i.level1.as_str(), i.level2.as_str()]);
    // Nearly every document is simplified, and reviewed by the thousand: a search for the 標
    // of 指標 in its first levels, or the 績 of 績效 in its title, settles most of them.
    if !doc.title.contains(['績', '標']) && !levels.clone().any(|t| t.contains('標')) {
        return false;
    }
    let texts = || {
        [doc.title.as_str(), doc.department.as_str(), project.unwrap_or("")]
            .into_iter()
            .chain(first.clone().flat_map(|i| [i.level1.as_str(), i.level2.as_str(), i.name.as_str()]))
    };
    two_traditional_words(|w| texts().any(|t| t.contains(w)))
}

/// Whether a JSON value is a money unit's code (`万元`, `元`).
fn is_money_unit(value: &serde_json::Value) -> bool {
    serde_json::from_value::<crate::MoneyUnit>(value.clone()).is_ok()
}

/// The characters a text's simplification changed, to give the published ones back.
#[derive(Debug, Default)]
pub struct Script {
    /// Each simplified character, by the traditional one it came from; `None` where two
    /// traditional characters gave the same simplified one.
    published: HashMap<char, Option<char>>,
    /// Characters the text itself holds unchanged: never turned into traditional ones.
    kept: HashSet<char>,
    /// A simplified document's texts, by their simplified form, as published: a finding quoting
    /// a whole name or target gets it back exactly, where a character alone is ambiguous (发 is
    /// 發 or 髮).
    texts: HashMap<String, String>,
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

    /// Simplifies the text of a document as JSON. A money unit (`万元`) is a code of the format,
    /// not the table's text: it is not taken for a character the table wrote in simplified form.
    fn simplify_value(&mut self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) => {
                let simple = self.simplify(s);
                if simple != *s {
                    self.texts.insert(simple.clone(), std::mem::replace(s, simple));
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.simplify_value(v)),
            serde_json::Value::Object(fields) => fields
                .iter_mut()
                .filter(|(k, v)| !(k.as_str() == "unit" && v.is_string()))
                .for_each(|(_, v)| self.simplify_value(v)),
            _ => {}
        }
    }

    /// Restores the text of a document as JSON. A money unit stays the format's code: `萬元` is
    /// no unit the format knows, and one such field would leave the whole document unrestored.
    fn restore_value(&self, value: &mut serde_json::Value) {
        match value {
            serde_json::Value::String(s) if s.chars().any(|c| self.published.contains_key(&c)) => {
                *s = s.chars().map(|c| self.published_char(c)).collect();
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.restore_value(v)),
            serde_json::Value::Object(fields) => fields
                .iter_mut()
                .filter(|(k, v)| !(k.as_str() == "unit" && is_money_unit(v)))
                .for_each(|(_, v)| self.restore_value(v)),
            _ => {}
        }
    }

    /// `text` with what its “…” quotes hold given back in the published script, where that
    /// changes anything: a finding's message and hint quote the table inside such quotes, and
    /// say the rest in the reviewer's own (simplified) words.
    pub fn restore_quoted(&self, text: &str) -> Option<String> {
        if self.published.is_empty() || !text.contains('“') {
            return None;
        }
        let mut restored = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('“') {
            let (before, after) = rest.split_at(open + '“'.len_utf8());
            restored.push_str(before);
            let close = after.find('”').unwrap_or(after.len());
            let quoted = &after[..close];
            match self.texts.get(quoted) {
                Some(published) => restored.push_str(published),
                None => restored.extend(quoted.chars().map(|c| self.published_char(c))),
            }
            rest = &after[close..];
        }
        restored.push_str(rest);
        (restored != text).then_some(restored)
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
    use crate::levels::LevelName;

    #[test]
    fn text_is_read_simplified_and_given_back_as_published() {
        assert!(is_traditional("2021年項目支出績效目標表"));
        assert!(!is_traditional("2021年项目支出绩效目标表"));
        assert!(!is_traditional("項(xiàng)目績(jì)效指標(biāo)預(yù)算單(dān)位"));
        let mut script = Script::default();
        assert_eq!(script.simplify("產出指標 數量指標 培訓人數"), "产出指标 数量指标 培训人数");
        let mut doc = Document::new(crate::DocumentKind::Project);
        doc.title = "项目支出绩效目标表".to_owned();
        script.simplify("項目支出績效目標表");
        script.restore(&mut doc);
        assert_eq!(doc.title, "項目支出績效目標表");
    }

    #[test]
    fn a_table_that_writes_its_money_unit_in_traditional_script_is_given_back_as_published() {
        let mut script = Script::default();
        script.simplify("項目資金(萬元) | 年度資金總額");
        let mut doc = Document::new(crate::DocumentKind::Project);
        doc.title = "项目资金".to_owned();
        doc.project = Some(crate::Project { name: "年度资金".to_owned(), ..Default::default() });
        script.restore(&mut doc);
        assert_eq!(doc.title, "項目資金");
        let project = doc.project.expect("a project");
        assert_eq!(project.name, "年度資金");
        assert_eq!(project.funds.unit, crate::MoneyUnit::TenThousandYuan);
    }

    #[test]
    fn a_character_also_published_simplified_is_left_alone() {
        let mut script = Script::default();
        script.simplify("項目 项目 績效");
        let mut doc = Document::new(crate::DocumentKind::Project);
        doc.title = "项目绩效".to_owned();
        script.restore(&mut doc);
        assert_eq!(doc.title, "项目績效");
    }

    #[test]
    fn a_document_is_simplified_for_the_rules_and_its_quotes_given_back() {
        let mut doc = Document::new(crate::DocumentKind::Project);
        doc.title = "2021年項目支出績效目標表".to_owned();
        let mut ind = crate::Indicator::default();
        (ind.level1, ind.name, ind.target) = (LevelName::new("產出指標"), "足額髮放".to_owned(), "按月發放".to_owned());
        doc.indicators.push(ind);
        let (simple, script) = simplified(&doc).expect("traditional");
        assert_eq!(simple.title, "2021年项目支出绩效目标表");
        assert_eq!(simple.indicators[0].name, "足额发放");
        // 发 was written 髮 in one text and 發 in the other: whole quotes come back exactly.
        let message = "指标“足额发放”的指标值“按月发放”不是数值; “发放”";
        assert_eq!(script.restore_quoted(message).as_deref(), Some("指标“足額髮放”的指标值“按月發放”不是数值; “发放”"));
        assert_eq!(script.restore_quoted("没有引号的指标"), None);
        doc.title = "2021年项目支出绩效目標表".to_owned();
        doc.indicators[0].level1 = LevelName::new("產出指标");
        assert!(simplified(&doc).is_none(), "one traditional word (產出) is not enough");
    }
}
