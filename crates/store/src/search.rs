//! The words of SQLite's search index (each line of a table's search text cut into its trigrams,
//! written so that FTS5's `ascii` tokenizer reads each trigram as one word), and the choice of
//! how a list's search is answered.
//!
//! FTS5's own trigram tokenizer reads a table's text as one string, so that the trigrams across
//! its line breaks (a name's last two characters and the next target's first) are indexed too:
//! four in ten of a generated table's trigrams, each a word of the index to hash, write and
//! merge, though a search is for a text within one line and never asks for them. Cut here, line
//! by line, the index takes only the trigrams a search can ask for. Each line's last two
//! characters are a word too, so that a search of two characters (农田, 教育: the commonest) is
//! answered by the words that begin with them, a trigram or a line's end.
//!
//! The `ascii` tokenizer splits at every ASCII character that is not a letter or a digit and
//! reads every other character as part of a word. A trigram's ASCII punctuation, spaces and
//! controls (`95%`, `1.5`) are therefore written as characters of the Private Use Area
//! (U+E000 + the ASCII code), and its ASCII letters lowered, as the list's LIKE compares them.
//! Both sides of a search go through [`term_char`], so a table holding a text holds every word
//! the text's query asks for; a text that holds those Private Use characters itself may share
//! words with punctuation, which only hands the LIKE that follows a table more to look at.

/// The first of the Private Use characters that stand for ASCII characters other than letters
/// and digits.
const STAND_IN: u32 = 0xE000;

/// A character as the index's words hold it.
fn term_char(c: char) -> char {
    if !c.is_ascii() {
        c
    } else if c.is_ascii_alphanumeric() {
        c.to_ascii_lowercase()
    } else {
        // An ASCII code plus U+E000 is within U+E000..U+E07F, a valid character.
        char::from_u32(STAND_IN + c as u32).unwrap_or(c)
    }
}

/// The index's text for a table's search text: the trigrams of each of its lines and the pair of
/// characters that ends it, separated by spaces, in order (repeats included: FTS5 keeps one entry
/// per word and table). One pass over
/// the bytes, a character at a time: a trigram is copied whole from the text unless it holds a
/// character to respell, which is rare (Chinese, digits and lower-case letters are not).
pub(crate) fn index_text(search_text: &str) -> String {
    let b = search_text.as_bytes();
    let mut out = String::with_capacity(b.len() * 3);
    // Where the line's last three characters start, how many characters the line has had so
    // far, and where the last character to respell starts (none: usize::MAX).
    let (mut s0, mut s1, mut s2) = (0usize, 0usize, 0usize);
    let mut n = 0usize;
    let mut respell = usize::MAX;
    let mut j = 0usize;
    loop {
        // The end of the text ends its last line.
        let byte = b.get(j).copied().unwrap_or(b'\n');
        if n >= 3 {
            push_word(&mut out, &search_text[s0..j], respell != usize::MAX && respell >= s0);
        }
        if byte == b'\n' {
            // The line's last two characters, for a search of two characters (see
            // [`match_query`]): every other pair of the line begins one of its trigrams.
            if n >= 2 {
                push_word(&mut out, &search_text[s1..j], respell != usize::MAX && respell >= s1);
            }
            if j >= b.len() {
                return out;
            }
            n = 0;
            j += 1;
            continue;
        }
        if byte.is_ascii() && !(byte.is_ascii_lowercase() || byte.is_ascii_digit()) {
            respell = j;
        }
        (s0, s1, s2) = (s1, s2, j);
        n += 1;
        // A character's length from its first byte (the text is UTF-8, so `j` stays on
        // character boundaries).
        j += match byte {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
    }
}

/// Appends a word of the index, after a space unless it is the first; `respell` when it holds
/// a character [`term_char`] changes.
fn push_word(out: &mut String, word: &str, respell: bool) {
    if !out.is_empty() {
        out.push(' ');
    }
    if respell {
        out.extend(word.chars().map(term_char));
    } else {
        out.push_str(word);
    }
}

/// The FTS5 query for the tables whose text holds every trigram of `q`: each one quoted, joined
/// by AND (the index keeps no positions, so a phrase cannot be asked). At most 16 of them,
/// spread over the text: the LIKE that follows decides. A text of two characters (a word such as
/// 农田, the commonest search) asks for the words that begin with them: a trigram where the pair
/// is followed by another character, the line's last pair where it ends a line. `None` when the
/// index cannot answer: a single character, or a text across a line break (the index holds no
/// such word).
pub(crate) fn match_query(q: &str) -> Option<String> {
    if q.contains('\n') {
        return None;
    }
    let chars: Vec<char> = q.chars().map(term_char).collect();
    if chars.len() == 2 {
        // No term holds a `"` (an ASCII one stands in the Private Use Area): nothing to escape.
        return Some(format!("\"{}{}\" *", chars[0], chars[1]));
    }
    let n = chars.len().checked_sub(2).filter(|&n| n > 0)?;
    let step = n.div_ceil(16);
    let mut out = String::new();
    let last = (n - 1) % step != 0;
    for start in (0..n).step_by(step).chain(last.then_some(n - 1)) {
        if !out.is_empty() {
            out.push_str(" AND ");
        }
        out.push('"');
        out.extend(&chars[start..start + 3]);
        out.push('"');
    }
    Some(out)
}

/// Whether a query of [`match_query`] asks for the words that begin with a text (a text of two
/// characters), which the index gathers whole however few of them are wanted.
pub(crate) fn is_prefix(query: &str) -> bool {
    query.ends_with('*')
}

/// How a list finds the tables its search asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SearchPlan {
    /// No search: the filter alone, counted exactly.
    NoSearch,
    /// SQLite: the trigram index's ids, few enough to gather, each table's text then searched;
    /// counted exactly.
    IndexIds,
    /// The filter's tables looked through in the list's order, each one's text searched, until
    /// the page is full; counted up to [`SEARCH_COUNTED`], by the filter's tables or (with
    /// `counted_by_index`) by the index's.
    LookThrough { counted_by_index: bool },
}

/// More of the index's ids than this are never gathered: looking through the tables is cheaper.
pub(crate) const MOST_GATHERED: i64 = 10_000;

/// What [`cheaper_plan`] weighs: the tables in the store (about), the tables the filter takes
/// without the search, the index's matches (up to [`MOST_GATHERED`]) and the rows up to the
/// page's end.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub(crate) all: i64,
    pub(crate) taken: i64,
    pub(crate) holding: i64,
    pub(crate) wanted: i64,
}

/// The plan that reads the fewest tables, a table reached through the index's ids counting as
/// [`BY_ID`] read in order. The tables looked through are estimated as if the text's tables
/// were spread evenly over the store: to fill `wanted` rows, `wanted × all / holding` of them
/// (no more than the filter takes).
pub(crate) fn cheaper_plan(s: Sizes) -> SearchPlan {
    /// A table reached by its id (a lookup in the table's B-tree) costs about twice one read in
    /// the order of an index; the ids are gathered once for the page and once for the count.
    const BY_ID: i64 = 2;
    let holding = s.holding.max(1);
    let taken = s.taken.max(1);
    let spread = |rows: i64| rows.saturating_mul(s.all) / holding;
    let page = s.taken.min(spread(s.wanted));
    let counted_in_order = s.taken.min(spread(crate::SEARCH_COUNTED + 1));
    let counted_by_index = BY_ID * s.holding.min((crate::SEARCH_COUNTED + 1).saturating_mul(s.all) / taken);
    let by_ids = 2 * BY_ID * s.holding;
    if s.holding < MOST_GATHERED && by_ids <= page + counted_in_order.min(counted_by_index) {
        SearchPlan::IndexIds
    } else {
        SearchPlan::LookThrough { counted_by_index: counted_by_index < counted_in_order }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn words(text: &str) -> HashSet<String> {
        text.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
    }

    /// The words a query asks for; a prefix (`"农田" *`) ends in `*`.
    fn asked(query: &str) -> Vec<String> {
        query.split(" AND ").map(|w| w.replace("\" *", "*").trim_matches('"').to_owned()).collect()
    }

    /// Whether the index's words hold what a query asks for: the word, or a word with the prefix.
    fn holds(held: &HashSet<String>, asked: &str) -> bool {
        match asked.strip_suffix('*') {
            Some(prefix) => held.iter().any(|w| w.starts_with(prefix)),
            None => held.contains(asked),
        }
    }

    /// Numbers below `m`, the same from one run to the next (a linear congruential generator).
    fn numbers(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |m| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % m
        }
    }

    #[test]
    fn each_line_gives_its_own_trigrams_and_none_across_lines() {
        assert_eq!(index_text("满意度调查\nAb%\n高\n农田"), "满意度 意度调 度调查 调查 ab\u{e025} b\u{e025} 农田");
        assert_eq!(index_text("甲乙\n丙丁"), "甲乙 丙丁", "a line of two characters is its pair alone");
        assert_eq!(index_text(""), "");
    }

    /// The same, written plainly: line by line, character by character.
    fn index_text_plainly(search_text: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        for line in search_text.split('\n') {
            let chars: Vec<char> = line.chars().map(term_char).collect();
            words.extend(chars.windows(3).map(|w| w.iter().collect()));
            if chars.len() >= 2 {
                words.push(chars[chars.len() - 2..].iter().collect());
            }
        }
        words.join(" ")
    }

    #[test]
    fn the_one_pass_gives_what_the_plain_way_gives() {
        let alphabet: Vec<char> = "aBc%_\"' .\t\n\r满意度≥95Éé\u{e025}\u{1F600}".chars().collect();
        let mut next = numbers(5);
        for _ in 0..20_000 {
            let text: String = (0..next(40)).map(|_| alphabet[next(alphabet.len())]).collect();
            assert_eq!(index_text(&text), index_text_plainly(&text), "{text:?}");
        }
    }

    #[test]
    fn ascii_punctuation_becomes_letters_the_ascii_tokenizer_keeps_in_a_word() {
        let text = index_text("≥95.5% \"x\"");
        for word in text.split(' ') {
            assert!((2..=3).contains(&word.chars().count()), "{text}");
            assert!(word.chars().all(|c| !c.is_ascii() || c.is_ascii_alphanumeric()), "{word:?}");
        }
    }

    #[test]
    fn a_query_asks_for_words_every_line_holding_it_has() {
        // Random lines over a small alphabet with ASCII letters in both cases, punctuation and
        // Chinese, and every substring of each as a query in either case: whatever a LIKE finds
        // in a line, the index holds every word its query asks for.
        let alphabet: Vec<char> = "aBc%_\"' .\t满意度≥95Éé\u{e025}".chars().collect();
        let mut next = numbers(11);
        for _ in 0..300 {
            let lines: Vec<String> =
                (0..1 + next(4)).map(|_| (0..next(12)).map(|_| alphabet[next(alphabet.len())]).collect()).collect();
            let held = words(&index_text(&lines.join("\n")));
            for line in &lines {
                let chars: Vec<char> = line.chars().collect();
                for start in 0..chars.len() {
                    for end in start + 1..=chars.len() {
                        let q: String = chars[start..end].iter().collect();
                        for q in [q.clone(), q.to_ascii_uppercase()] {
                            match match_query(&q) {
                                None => assert!(q.chars().count() < 2, "{q:?}"),
                                Some(query) => {
                                    for w in asked(&query) {
                                        assert!(holds(&held, &w), "{q:?} asks for {w:?}, not in {held:?}");
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn long_queries_ask_for_at_most_seventeen_trigrams_from_end_to_end() {
        let q: String = "高标准农田建设项目完成率达到百分之九十五以上并通过验收".repeat(3);
        let asked = asked(&match_query(&q).unwrap());
        assert!(asked.len() <= 17, "{asked:?}");
        assert_eq!(asked.first().map(String::as_str), Some("高标准"));
        let chars: Vec<char> = q.chars().collect();
        assert_eq!(asked.last().unwrap(), &chars[chars.len() - 3..].iter().collect::<String>());
    }

    #[test]
    fn no_query_across_lines_or_of_one_character() {
        assert_eq!(match_query("田"), None);
        assert_eq!(match_query("农田"), Some("\"农田\" *".to_owned()));
        assert_eq!(match_query("农田\n建设"), None);
        assert_eq!(match_query("满意度"), Some("\"满意度\"".to_owned()));
    }

    fn plan(all: i64, taken: i64, holding: i64) -> SearchPlan {
        cheaper_plan(Sizes { all, taken, holding, wanted: 50 })
    }

    #[test]
    fn a_rare_text_takes_the_index_ids_and_a_common_one_looks_through_the_tables() {
        // 100,000 tables: a text a few hold, in the whole store or a year's.
        assert_eq!(plan(100_000, 100_000, 0), SearchPlan::IndexIds);
        assert_eq!(plan(100_000, 100_000, 300), SearchPlan::IndexIds);
        assert_eq!(plan(100_000, 12_500, 300), SearchPlan::IndexIds);
        // 满意度, 农田: more than are ever gathered, in the whole store or a year and status.
        assert!(matches!(plan(100_000, 100_000, MOST_GATHERED), SearchPlan::LookThrough { .. }));
        // Within a year and status, the thousand first matches are a thousand tables away.
        assert_eq!(plan(100_000, 12_500, MOST_GATHERED), SearchPlan::LookThrough { counted_by_index: false });
        // A department's thousand tables are looked through, whatever the text.
        assert_eq!(plan(100_000, 1_000, 20_000), SearchPlan::LookThrough { counted_by_index: false });
    }

    #[test]
    fn a_text_some_thousands_hold_is_counted_through_the_index() {
        // Two in a hundred: a page is found in the first 2,500 tables, but a thousand matches
        // are 50,000 tables away in order and 1,000 away in the index.
        assert_eq!(plan(100_000, 100_000, 2_000), SearchPlan::LookThrough { counted_by_index: true });
        // In a year and status of an eighth of the store, the same.
        assert_eq!(plan(100_000, 12_500, 2_000), SearchPlan::LookThrough { counted_by_index: true });
    }

    #[test]
    fn a_deep_page_of_a_text_few_hold_takes_the_ids() {
        let deep = |holding| cheaper_plan(Sizes { all: 100_000, taken: 100_000, holding, wanted: 50 * 40 });
        assert_eq!(deep(2_000), SearchPlan::IndexIds);
    }
}
