//! The words of SQLite's search index: each line of a table's search text cut into its trigrams,
//! written so that FTS5's `ascii` tokenizer reads each trigram as one word.
//!
//! FTS5's own trigram tokenizer reads a table's text as one string, so that the trigrams across
//! its line breaks (a name's last two characters and the next target's first) are indexed too:
//! four in ten of a generated table's trigrams, each a word of the index to hash, write and
//! merge, though a search is for a text within one line and never asks for them. Cut here, line
//! by line, the index takes only the trigrams a search can ask for.
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

/// The index's text for a table's search text: the trigrams of each of its lines, separated by
/// spaces, in order (repeats included: FTS5 keeps one entry per word and table). One pass over
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
            if !out.is_empty() {
                out.push(' ');
            }
            let trigram = &search_text[s0..j];
            if respell != usize::MAX && respell >= s0 {
                out.extend(trigram.chars().map(term_char));
            } else {
                out.push_str(trigram);
            }
        }
        if byte == b'\n' {
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

/// The FTS5 query for the tables whose text holds every trigram of `q`: each one quoted, joined
/// by AND (the index keeps no positions, so a phrase cannot be asked). At most 16 of them,
/// spread over the text: the LIKE that follows decides. `None` when the index cannot answer: a
/// text shorter than a trigram, or one across a line break (the index holds no such trigram).
pub(crate) fn match_query(q: &str) -> Option<String> {
    if q.contains('\n') {
        return None;
    }
    let chars: Vec<char> = q.chars().map(term_char).collect();
    let n = chars.len().checked_sub(2).filter(|&n| n > 0)?;
    let step = n.div_ceil(16);
    let mut out = String::new();
    let last = (n - 1) % step != 0;
    for start in (0..n).step_by(step).chain(last.then_some(n - 1)) {
        if !out.is_empty() {
            out.push_str(" AND ");
        }
        // No term holds a `"` (an ASCII one stands in the Private Use Area): nothing to escape.
        out.push('"');
        out.extend(&chars[start..start + 3]);
        out.push('"');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn words(text: &str) -> HashSet<String> {
        text.split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect()
    }

    fn asked(query: &str) -> Vec<String> {
        query.split(" AND ").map(|w| w.trim_matches('"').to_owned()).collect()
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
        assert_eq!(index_text("满意度调查\nAb%\n高"), "满意度 意度调 度调查 ab\u{e025}");
        assert!(!index_text("甲乙\n丙丁").contains('乙'), "a line of two characters has no trigram");
        assert_eq!(index_text(""), "");
    }

    /// The same, written plainly: line by line, character by character.
    fn index_text_plainly(search_text: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        for line in search_text.split('\n') {
            let chars: Vec<char> = line.chars().map(term_char).collect();
            words.extend(chars.windows(3).map(|w| w.iter().collect()));
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
            assert_eq!(word.chars().count(), 3, "{text}");
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
                                None => assert!(q.chars().count() < 3, "{q:?}"),
                                Some(query) => {
                                    for w in asked(&query) {
                                        assert!(held.contains(&w), "{q:?} asks for {w:?}, not in {held:?}");
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
    fn no_query_across_lines_or_shorter_than_a_trigram() {
        assert_eq!(match_query("农田"), None);
        assert_eq!(match_query("农田\n建设"), None);
        assert_eq!(match_query("满意度"), Some("\"满意度\"".to_owned()));
    }
}
