//! The texts of review findings that recur from table to table, kept once in the store
//! (`finding_texts`) and named by id in each stored report.
//!
//! A rule's message and hint repeat the same words for every indicator it finds, with the
//! indicator's name and target in between: `指标“养护道路里程”的指标值“持续改善”是定性描述`. They
//! were half the bytes of a stored version, and every byte is written twice (the WAL, then the
//! file). Taken out, the name and target leave a *template*
//! (`指标“\u{1}n”的指标值“\u{1}t”是定性描述`): ten thousand generated tables hold 133,860 texts and
//! 704 templates. The report keeps its id and the version's own document gives the words back.
//!
//! A template goes into the store the second time this process meets it, so that a text met once
//! (one that quotes something other than the indicator's words) stays in its report and is not
//! kept twice. Rows of `finding_texts` are never changed or deleted, so an id read or written
//! once, and committed, names its text for good: this process remembers both directions.

use std::collections::{HashMap, HashSet};

/// The maps' hasher: a template is hashed for every text of every report stored, and SipHash
/// over a hundred bytes of Chinese was a share of the import.
type Hasher = foldhash::fast::RandomState;

/// Starts a marker in a template: followed by `n` (the indicator's name), `t` (its target) or
/// itself (the character itself, which no review text holds but which must come back if one did).
const MARK: char = '\u{1}';

/// Longest template kept in the store: PostgreSQL's unique index takes an entry of some 2.7 KB at
/// most, and a text that long is no rule's template.
pub(crate) const LONGEST: usize = 1024;

/// How many texts met once are remembered before that memory starts again: a bound on memory
/// for a long-running server, at the cost of keeping a few recurring texts inline for a while.
const SEEN_ONCE_LIMIT: usize = 1 << 16;

/// `text` with `name` and `target` taken out wherever they stand (the longer first where both
/// start at one place), and the marker character escaped: `text` itself where there is nothing to
/// take out, else written into `scratch`. [`fill`] gives `text` back from it with the same `name`
/// and `target`, whatever they are (a word of one character is left in).
pub(crate) fn template<'t>(text: &'t str, name: &str, target: &str, scratch: &'t mut String) -> &'t str {
    let (name, target) = (Word::of(name, 'n'), Word::of(target, 't'));
    // The longer word is tried first where both start at one place.
    let words = if target.as_ref().map_or(0, |w| w.bytes.len()) > name.as_ref().map_or(0, |w| w.bytes.len()) {
        [target, name]
    } else {
        [name, target]
    };
    let needle = |w: &Option<Word>| w.as_ref().map_or(MARK as u8, |w| w.bytes[w.at]);
    let needles = [needle(&words[0]), needle(&words[1]), MARK as u8];
    let bytes = text.as_bytes();
    scratch.clear();
    let mut copied = 0;
    let mut from = 0;
    while let Some(p) = find_any(bytes, from, needles) {
        let word = words
            .iter()
            .flatten()
            .find(|w| p >= copied + w.at && bytes[p] == w.bytes[w.at] && bytes[p - w.at..].starts_with(w.bytes));
        let (start, len, code) = match word {
            Some(w) => (p - w.at, w.bytes.len(), w.code),
            None if bytes[p] == MARK as u8 => (p, 1, MARK),
            None => {
                from = p + 1;
                continue;
            }
        };
        // A word found starts at a character, as the word starts with one.
        scratch.push_str(&text[copied..start]);
        scratch.push(MARK);
        scratch.push(code);
        copied = start + len;
        from = copied;
    }
    // Nothing found: nothing was written.
    if scratch.is_empty() {
        return text;
    }
    scratch.push_str(&text[copied..]);
    scratch
}

/// The first place from `from` on that holds one of `needles`. Eight bytes at a time, in a
/// register: the texts are some hundred bytes, and memchr's setup for each search cost more
/// than the search.
fn find_any(bytes: &[u8], from: usize, needles: [u8; 3]) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // The high bit of each byte of `w` equal to `n`, exact for the lowest such byte (a borrow
    // can only mark bytes above a true one).
    let equal = |w: u64, n: u8| {
        let x = w ^ (ONES * u64::from(n));
        x.wrapping_sub(ONES) & !x & HIGH
    };
    let mut i = from;
    while let Some(word) = bytes.get(i..i + 8) {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let found = needles.iter().fold(0, |m, &n| m | equal(w, n));
        if found != 0 {
            return Some(i + found.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    bytes.get(i..)?.iter().position(|b| needles.contains(b)).map(|p| i + p)
}

/// A word to take out of texts, and which of its bytes to look for: the last of its first
/// character. Texts are short and a search per word costs more than the rest of storing a
/// report; the first byte of a Chinese character is one of a few that most characters share,
/// the bytes after it are spread over 64 values.
struct Word<'w> {
    bytes: &'w [u8],
    at: usize,
    code: char,
}

impl<'w> Word<'w> {
    /// None for a word of fewer than two characters: a target `0` would be taken out of every
    /// number, making templates that no other text shares.
    fn of(word: &'w str, code: char) -> Option<Self> {
        let mut chars = word.chars();
        let first = chars.next()?;
        chars.next()?;
        Some(Word { bytes: word.as_bytes(), at: first.len_utf8() - 1, code })
    }
}

/// The text of which `template` was made with these `name` and `target` (see [`template`]); a
/// marker followed by anything else is kept as it stands.
pub(crate) fn fill(template: &str, name: &str, target: &str) -> String {
    let mut out = String::with_capacity(template.len() + 2 * name.len() + target.len());
    let mut rest = template;
    while let Some(at) = rest.find(MARK) {
        out.push_str(&rest[..at]);
        let after = &rest[at + MARK.len_utf8()..];
        let mut chars = after.chars();
        match chars.next() {
            Some('n') => out.push_str(name),
            Some('t') => out.push_str(target),
            Some(MARK) => out.push(MARK),
            Some(other) => {
                out.push(MARK);
                out.push(other);
            }
            None => out.push(MARK),
        }
        rest = chars.as_str();
    }
    out.push_str(rest);
    out
}

/// The templates this process knows to be committed in its store, by text and by id, and the
/// texts it has met once and not stored.
#[derive(Default)]
pub(crate) struct Known {
    ids: HashMap<String, i64, Hasher>,
    texts: HashMap<i64, String, Hasher>,
    seen_once: HashSet<String, Hasher>,
}

impl Known {
    /// The id of a committed template.
    pub(crate) fn id(&self, template: &str) -> Option<i64> {
        self.ids.get(template).copied()
    }

    /// The text of a committed template.
    pub(crate) fn text(&self, id: i64) -> Option<&str> {
        self.texts.get(&id).map(String::as_str)
    }

    /// Remembers committed templates.
    pub(crate) fn add(&mut self, committed: impl IntoIterator<Item = (String, i64)>) {
        for (text, id) in committed {
            self.seen_once.remove(&text);
            self.texts.insert(id, text.clone());
            self.ids.insert(text, id);
        }
    }

    /// Whether `template` was met before and not stored; remembers it if not.
    pub(crate) fn met_again(&mut self, template: &str) -> bool {
        if self.seen_once.contains(template) {
            return true;
        }
        if self.seen_once.len() >= SEEN_ONCE_LIMIT {
            self.seen_once.clear();
        }
        self.seen_once.insert(template.to_owned());
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_takes_out_the_name_and_target_and_gives_them_back() {
        let text = "指标“养护道路里程”的指标值“持续改善”是定性描述; 为“养护道路里程”写出数值";
        let (mut a, mut b) = (String::new(), String::new());
        let t = template(text, "养护道路里程", "持续改善", &mut a);
        assert_eq!(t, "指标“\u{1}n”的指标值“\u{1}t”是定性描述; 为“\u{1}n”写出数值");
        assert_eq!(fill(t, "养护道路里程", "持续改善"), text);
        // Another indicator's words make the same template, and come back as theirs.
        let other = "指标“出访团组数”的指标值“若干”是定性描述; 为“出访团组数”写出数值";
        assert_eq!(template(other, "出访团组数", "若干", &mut b), t);
        assert_eq!(fill(t, "出访团组数", "若干"), other);
        // A text without either is its own template.
        let plain = "合计不等于各项之和";
        assert!(std::ptr::eq(template(plain, "出访团组数", "若干", &mut b), plain));
    }

    #[test]
    fn any_text_comes_back_whatever_the_words() {
        // Words that overlap, contain each other, are equal, empty, or hold the marker; texts
        // that hold the marker, or a marker followed by what would read as one.
        let words = ["", "率", "满意度", "满意度≥90%", "≥90%", "\u{1}", "\u{1}n", "n", "t", "90"];
        let texts = [
            "",
            "满意度≥90%不是下限; 满意度",
            "\u{1}\u{1}n\u{1}t\u{1}",
            "率率率",
            "≥90%≥90% 90n t",
            "末尾\u{1}",
            "\u{1}x",
        ];
        for text in texts {
            for name in words {
                for target in words {
                    let mut scratch = String::new();
                    let t = template(text, name, target, &mut scratch);
                    assert_eq!(fill(t, name, target), text, "{text:?} with {name:?} and {target:?} as {t:?}");
                }
            }
        }
    }

    #[test]
    fn random_texts_and_words_come_back() {
        // Texts and words drawn from a few characters of one, two and three bytes and the
        // marker, so that words overlap, repeat and share their looked-for byte.
        let alphabet = ['满', '意', '度', '\u{1}', 'n', 't', '0', '≥', '%', 'é'];
        let mut seed: u64 = 2020;
        let mut draw = |max: u64| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) % max
        };
        for _ in 0..20_000 {
            let mut word = |len: u64| -> String { (0..len).map(|_| alphabet[draw(10) as usize]).collect() };
            let (text, name, target) = (word(12), word(3), word(2));
            let mut scratch = String::new();
            let t = template(&text, &name, &target, &mut scratch);
            assert_eq!(fill(t, &name, &target), text, "{text:?} with {name:?} and {target:?} as {t:?}");
        }
    }

    #[test]
    fn a_text_is_stored_when_met_the_second_time() {
        let mut known = Known::default();
        assert!(!known.met_again("模板"));
        assert!(known.met_again("模板"));
        known.add([("模板".to_owned(), 7)]);
        assert_eq!((known.id("模板"), known.text(7)), (Some(7), Some("模板")));
        // Stored, it is no longer among the texts met once.
        assert!(!known.met_again("模板"));
    }
}
