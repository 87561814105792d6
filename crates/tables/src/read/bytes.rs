//! Byte searches for the short texts of cells and lines, eight bytes at a time in a register:
//! on a text of a few dozen bytes, setting up a vector search (`memchr`) costs more than the
//! search, and an iterator of hits sets one up again at every hit.

/// The first offset of `byte` in `bytes` at which `hit` (given the offset) holds; `hit` is
/// asked at every offset of `byte`, in order, until it holds.
#[inline(always)]
pub fn find_byte(bytes: &[u8], byte: u8, mut hit: impl FnMut(usize) -> bool) -> Option<usize> {
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    let pattern = u64::from_ne_bytes([byte; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Bytes equal to `byte` become zero; the high bit of each zero byte is then set, exactly.
        let x = u64::from_le_bytes(word) ^ pattern;
        let mut zeros = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
        while zeros != 0 {
            let i = base + zeros.trailing_zeros() as usize / 8;
            if hit(i) {
                return Some(i);
            }
            zeros &= zeros - 1;
        }
        base += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == byte && hit(base + i) {
            return Some(base + i);
        }
    }
    None
}

/// Whether `text` holds `word`: found by the last byte of the word, so that a text costs one
/// quick scan rather than a substring search set up per call.
// Inlined so that the word, a constant at every call, compares without a call to `bcmp`.
#[inline(always)]
pub fn has_word(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&last) = w.last() else { return true };
    if t.len() < w.len() {
        return false;
    }
    // The search starts at the word's last byte: a hit at offset `i` of what is searched ends
    // a word that starts at offset `i` of the text.
    find_byte(&t[w.len() - 1..], last, |i| t[i..i + w.len()] == *w).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn finds_every_byte(line in proptest::collection::vec(proptest::sample::select(vec![b'\t', b'|', b'a', 0x09 ^ 0x80, 0x08, 0x0A, 0xE8, 0x00]), 0..40)) {
            let mut found = Vec::new();
            find_byte(&line, b'\t', |i| { found.push(i); false });
            let expected: Vec<usize> = line.iter().enumerate().filter(|&(_, &b)| b == b'\t').map(|(i, _)| i).collect();
            proptest::prop_assert_eq!(found, expected);
        }

        #[test]
        fn has_word_is_contains(text in "[表绩效目标a诶\u{A8}]{0,12}", word in "[表绩效目标a]{1,3}") {
            proptest::prop_assert_eq!(has_word(&text, &word), text.contains(&word));
        }
    }
}
