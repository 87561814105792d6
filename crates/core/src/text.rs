//! Text folding for matching: full-width forms, Kangxi radicals and other compatibility
//! characters (common in text copied out of PDFs) become their ordinary forms.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Folds full-width ASCII (`１００％` → `100%`), the ideographic space, dash and tilde variants,
/// and compatibility ideographs (NFKC) to ordinary characters. Text needing no change is
/// borrowed, so the common case costs one scan.
pub fn fold(text: &str) -> Cow<'_, str> {
    match first_change(text, false) {
        None => Cow::Borrowed(text),
        Some(at) => {
            let mut out = String::with_capacity(text.len());
            for_changes(text, at, false, &mut out, push_folded);
            Cow::Owned(out)
        }
    }
}

/// Copies `text` to `out` with each character that [`first_change`] finds from `at` on given
/// to `change`: the runs between (nearly all of a cell's text) are copied whole, not pushed
/// character by character, since folding leaves them as they are.
fn for_changes(text: &str, mut at: usize, blanks: bool, out: &mut String, mut change: impl FnMut(&mut String, char)) {
    let mut from = 0;
    loop {
        out.push_str(&text[from..at]);
        let Some(c) = text[at..].chars().next() else { return };
        change(out, c);
        from = at + c.len_utf8();
        match first_change(&text[from..], blanks) {
            Some(next) => at = from + next,
            None => {
                out.push_str(&text[from..]);
                return;
            }
        }
    }
}

/// Appends `c` folded to `out`.
pub fn push_folded(out: &mut String, c: char) {
    match c {
        '\u{FF01}'..='\u{FF5E}' => out.push(char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)),
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => out.push(' '),
        '\u{200B}' | '\u{FEFF}' => {}
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{2500}' | '\u{2501}' | '\u{FE58}' | '\u{FE63}' => out.push('-'),
        '\u{301C}' | '\u{223C}' => out.push('~'),
        // NFKC may yield characters that fold further (`︱` → `—` → `-`).
        c if needs_nfkc(c) => {
            for d in std::iter::once(c).nfkc() {
                if needs_nfkc(d) { out.push(d) } else { push_folded(out, d) }
            }
        }
        c => out.push(c),
    }
}

/// Whether `c` changes under [`fold`].
#[inline]
pub fn needs_fold(c: char) -> bool {
    let u = c as u32;
    // Fast exit for ASCII and the CJK unified block, which is nearly all real text.
    if u < 0xA0 || (0x4E00..=0x9FFF).contains(&u) {
        return false;
    }
    matches!(u,
        0xFF01..=0xFF5E | 0x3000 | 0xA0 | 0x2002..=0x200B | 0x202F | 0x205F | 0xFEFF
        | 0x2010..=0x2015 | 0x2212 | 0x2500 | 0x2501 | 0xFE58 | 0xFE63 | 0x301C | 0x223C)
        || needs_nfkc(c)
}

/// Compatibility characters that PDF extraction produces in place of ordinary ones.
#[inline]
fn needs_nfkc(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF      // CJK radicals supplement, Kangxi radicals
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x2460..=0x24FF    // enclosed alphanumerics (①)
        | 0x2150..=0x218F    // number forms (Ⅻ, ½)
        | 0x3200..=0x33FF    // enclosed CJK and CJK compatibility (㈠, ㎡)
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFE50..=0xFE6F    // small form variants
        | 0xFF5F..=0xFFEF) // half-width forms
}

/// [`fold`]ed text without blanks: the form in which labels and level names are compared.
/// Borrowed when nothing changes, which is the common case.
pub fn squeeze(text: &str) -> Cow<'_, str> {
    let Some(at) = first_change(text, true) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    // Folding can make a blank (the ideographic space); only then is the result swept again.
    let mut folded_blank = false;
    for_changes(text, at, true, &mut out, |out, c| {
        if !is_blank(c) {
            let from = out.len();
            push_folded(out, c);
            folded_blank |= out[from..].chars().any(is_blank);
        }
    });
    if folded_blank {
        out.retain(|c| !is_blank(c));
    }
    Cow::Owned(out)
}

/// Whether `c` is blank in a table cell: whitespace, including the ideographic space.
#[inline]
pub fn is_blank(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        return matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0B' | '\x0C');
    }
    if (0x4E00..=0x9FFF).contains(&u) {
        return false;
    }
    c.is_whitespace() || c == '\u{FEFF}' || c == '\u{200B}'
}

/// Trims blanks (including the ideographic space) from both ends.
#[inline]
pub fn trim(text: &str) -> &str {
    // Most cells need no trimming: their two ends are ASCII text or ideographs. That look is
    // inlined into the readers' loops; anything else goes to the full trim.
    let b = text.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last))
            if clean_lead(first) && ((last < 0x80 && !is_ascii_blank(last)) || ends_in_ideograph(b)) =>
        {
            text
        }
        (None, _) => text,
        _ => trim_full(text),
    }
}

fn trim_full(text: &str) -> &str {
    let b = text.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return text };
    let start_clean = if first < 0x80 {
        !is_ascii_blank(first)
    } else {
        is_ideograph_lead(first) || text.chars().next().is_some_and(|c| !is_blank(c))
    };
    let end_clean = if last < 0x80 {
        !is_ascii_blank(last)
    } else {
        ends_in_ideograph(b) || text.chars().next_back().is_some_and(|c| !is_blank(c))
    };
    if start_clean && end_clean { text } else { text.trim_matches(is_blank) }
}

/// Trims blanks from the start only, with [`trim`]'s quick look at the first byte: most cells
/// start with an ideograph or ASCII text.
#[inline]
pub fn trim_start(text: &str) -> &str {
    match text.as_bytes().first() {
        Some(&b) if clean_lead(b) => text,
        _ => text.trim_start_matches(is_blank),
    }
}

/// Whether a text whose first byte is `b` starts with no blank, as far as one byte tells:
/// ASCII other than blanks, or the lead byte of an ideograph.
#[inline]
fn clean_lead(b: u8) -> bool {
    (b < 0x80 && !is_ascii_blank(b)) || is_ideograph_lead(b)
}

/// Whether the last three bytes are an ideograph (its lead byte, E4–E9, is never a
/// continuation byte).
#[inline]
fn ends_in_ideograph(b: &[u8]) -> bool {
    b.len() >= 3 && is_ideograph_lead(b[b.len() - 3])
}

/// The byte offset of the first character that [`fold`] (or, with `blanks`, [`squeeze`])
/// changes. Judged byte by byte where it can be: ASCII and the UTF-8 lead bytes E4–E9
/// (U+4000–U+9FFF: CJK ideographs, which never change) are nearly all of real text, and only
/// other characters are decoded.
fn first_change(text: &str, blanks: bool) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        if x < 0x80 {
            if blanks && is_ascii_blank(x) {
                return Some(i);
            }
            i += 1;
        } else if is_ideograph_lead(x) {
            i += 3;
        } else {
            let c = text[i..].chars().next()?;
            if needs_fold(c) || (blanks && is_blank(c)) {
                return Some(i);
            }
            i += c.len_utf8();
        }
    }
    None
}

/// Whether a character is in the CJK unified ideographs block (U+4E00–U+9FFF), where nearly
/// all the text of a table is.
#[inline]
pub fn is_ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether a character is a pinyin vowel with a tone mark, as readings printed after
/// characters have (`產(chǎn)`).
pub fn is_toned_vowel(c: char) -> bool {
    "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c)
}

/// Whether a UTF-8 lead byte starts a character in U+4000–U+9FFF (three bytes long), none of
/// which is blank, changed by folding or part of any template mark: scans step over them.
#[inline]
pub fn is_ideograph_lead(b: u8) -> bool {
    (0xE4..=0xE9).contains(&b)
}

#[inline]
fn is_ascii_blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

/// A set of ideographs (U+4E00–U+9FFF) as a bitmap: one lookup per character, where a `match`
/// over many characters compiles to a search.
pub(crate) struct IdeographSet([u64; 328]);

impl IdeographSet {
    /// The set of the characters of `chars`, which must all be ideographs.
    pub const fn of(chars: &str) -> IdeographSet {
        let b = chars.as_bytes();
        let mut bits = [0u64; 328];
        let mut i = 0;
        while i + 2 < b.len() {
            // Ideographs are three bytes in UTF-8: 1110xxxx 10xxxxxx 10xxxxxx.
            let c = ((b[i] as u32 & 0x0F) << 12) | ((b[i + 1] as u32 & 0x3F) << 6) | (b[i + 2] as u32 & 0x3F);
            assert!(c >= 0x4E00 && c <= 0x9FFF, "not an ideograph");
            let k = c - 0x4E00;
            bits[(k >> 6) as usize] |= 1 << (k & 63);
            i += 3;
        }
        IdeographSet(bits)
    }

    #[inline]
    pub fn contains(&self, c: char) -> bool {
        let k = (c as u32).wrapping_sub(0x4E00);
        k < 0x5200 && (self.0[(k >> 6) as usize] >> (k & 63)) & 1 != 0
    }
}

/// The characters that start a word [`NameTraits::of`] looks for.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_and_compatibility_forms() {
        assert_eq!(fold("１００％"), "100%");
        assert_eq!(fold("≥９０％"), "≥90%");
        assert_eq!(fold("大于　10"), "大于 10");
        // Kangxi radicals ⼀ (U+2F00) and ⼈ (U+2F08) as PDF extraction leaves them.
        assert_eq!(fold("\u{2F00}级\u{2F08}员"), "一级人员");
        assert_eq!(fold("90％～95％"), "90%~95%");
        assert_eq!(fold("90%—95%"), "90%-95%");
    }

    #[test]
    fn borrows_text_that_needs_nothing() {
        assert!(matches!(fold("大于10个团组、80人次。"), Cow::Borrowed(_)));
        assert!(matches!(fold("大于10个团组，80人次"), Cow::Owned(_)));
        assert!(matches!(fold(">=90%"), Cow::Borrowed(_)));
    }

    #[test]
    fn squeezes_blanks_and_folds() {
        assert_eq!(squeeze("项目资金 （万元）"), "项目资金(万元)");
        assert!(matches!(squeeze("产出指标"), Cow::Borrowed(_)));
    }

    #[test]
    fn trims_ideographic_spaces() {
        assert_eq!(trim("\u{3000} 产出指标\t"), "产出指标");
        assert_eq!(trim("指标\u{3000}"), "指标");
        assert_eq!(trim("\u{FEFF}指标值）"), "指标值）");
    }

    /// Text mixing what the byte-level fast paths skip (ASCII, ideographs) with what they must
    /// decode (blanks, full-width forms, radicals, ideographs at the edges of the E4–E9 range).
    fn mixed_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let chars = prop::sample::select(vec![
            'a', '1', ' ', '\t', '\r', '%', '一', '龥', '\u{4000}', '\u{3FFF}', '\u{A000}', '\u{3000}', '\u{00A0}',
            '\u{FEFF}', '\u{200B}', '（', '％', '１', '⼀', '①', '—', '～', '表', '\u{85}', '\u{1680}', '𠀀',
        ]);
        prop::collection::vec(chars, 0..12).prop_map(|v| v.into_iter().collect())
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_agree_with_the_definitions(s in mixed_text()) {
            proptest::prop_assert_eq!(trim(&s), s.trim_matches(is_blank));
            let mut folded = String::new();
            s.chars().for_each(|c| push_folded(&mut folded, c));
            let fast = fold(&s);
            proptest::prop_assert_eq!(fast.as_ref(), folded.as_str());
            let mut squeezed = String::new();
            s.chars().filter(|&c| !is_blank(c)).for_each(|c| push_folded(&mut squeezed, c));
            squeezed.retain(|c| !is_blank(c));
            let fast = squeeze(&s);
            proptest::prop_assert_eq!(fast.as_ref(), squeezed.as_str());
            for n in [0, 3, MOST_PREFIX_CHARS] {
                let ends: Vec<usize> = s.char_indices().take(n).map(|(i, c)| i + c.len_utf8()).collect();
                proptest::prop_assert_eq!(&*prefix_ends(&s, n), ends.as_slice());
            }
        }
    }
}

/// A fast hasher for the short words of the readers' vocabularies (labels, level stems):
/// FxHash's mixing, eight bytes at a time, as most cells are looked up.
#[derive(Default)]
pub struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for WordHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.mix(u64::from_le_bytes(chunk.try_into().expect("eight bytes")));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // Byte by byte: a copy into a buffer would call memcpy.
            self.mix(rest.iter().rev().fold(0, |word, &b| word << 8 | u64::from(b)));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The nearest character boundary of `text` at or before byte `offset` (its length, past it).
pub fn char_floor(text: &str, offset: usize) -> usize {
    let mut o = offset.min(text.len());
    while !text.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The most characters [`prefix_ends`] gives.
pub const MOST_PREFIX_CHARS: usize = 16;

/// The byte ends of the first `n` characters of `text` (at most [`MOST_PREFIX_CHARS`]),
/// shortest first: the prefixes a longest-match lookup tries, without an allocation, as it
/// runs at every position of a line whose cells ran together.
pub fn prefix_ends(text: &str, n: usize) -> PrefixEnds {
    let mut out = PrefixEnds { ends: [0; MOST_PREFIX_CHARS], len: 0 };
    let b = text.as_bytes();
    let mut end = 0;
    // A character's length is told by its lead byte: decoding the characters, which nothing
    // here needs, cost more than the rest (this runs at every position of a joined line).
    while out.len < n.min(MOST_PREFIX_CHARS) {
        let Some(&lead) = b.get(end) else { break };
        end += match lead {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        };
        out.ends[out.len] = end;
        out.len += 1;
    }
    out
}

/// What [`prefix_ends`] gives: a slice of byte ends.
pub struct PrefixEnds {
    ends: [usize; MOST_PREFIX_CHARS],
    len: usize,
}

impl std::ops::Deref for PrefixEnds {
    type Target = [usize];

    fn deref(&self) -> &[usize] {
        &self.ends[..self.len]
    }
}
