//! Detecting a text file's encoding (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK)
//! and decoding it as a stream of lines.

use std::io::Read;

use encoding_rs::{Decoder, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Chooses the encoding from the file's first bytes: a BOM decides; otherwise text that is
/// valid UTF-8 is UTF-8, text with NUL bytes between ASCII is BOM-less UTF-16, and anything
/// else is GB18030 (a superset of GBK and GB2312, as Chinese government sites use).
pub fn detect(head: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return enc;
    }
    let sample = &head[..head.len().min(64 * 1024)];
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        // A multi-byte character cut off by the end of the sample is still UTF-8.
        Err(e) if e.error_len().is_none() => UTF_8,
        Err(_) => {
            let (even, odd) = sample
                .chunks(2)
                .fold((0, 0), |(e, o), p| (e + usize::from(p[0] == 0), o + usize::from(p.get(1) == Some(&0))));
            let pairs = sample.len() / 2;
            if pairs > 0 && odd * 3 > pairs && even * 10 < pairs {
                UTF_16LE
            } else if pairs > 0 && even * 3 > pairs && odd * 10 < pairs {
                UTF_16BE
            } else {
                GB18030
            }
        }
    }
}

/// The length of `bytes` without a multi-byte UTF-8 character cut off at its end.
fn complete_len(bytes: &[u8]) -> usize {
    // A cut-off character's lead byte is among the last three bytes.
    for back in 1..=bytes.len().min(3) {
        let b = bytes[bytes.len() - back];
        if b & 0xC0 != 0x80 {
            let width = match b {
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                0xF0..=0xF7 => 4,
                _ => 1,
            };
            return if width > back { bytes.len() - back } else { bytes.len() };
        }
    }
    bytes.len()
}

/// Reads decoded lines from a byte stream, a chunk at a time.
pub struct Lines<R: Read> {
    source: R,
    decoder: Decoder,
    /// Bytes read but not yet decoded (the head used for detection).
    raw: Vec<u8>,
    /// Decoded text not yet split into lines.
    text: String,
    /// Where the next line starts in `text`.
    start: usize,
    eof: bool,
    /// Set once UTF-8 input turns out malformed: from there on the decoder replaces what it
    /// cannot read, instead of the fast path validating and copying.
    lossy: bool,
    /// Whether undecodable bytes were replaced (reported once).
    pub had_replacements: bool,
    /// The encoding in use.
    pub encoding: &'static Encoding,
}

const CHUNK: usize = 256 * 1024;

impl<R: Read> Lines<R> {
    /// Reads the head of `source` to detect its encoding.
    pub fn new(mut source: R) -> std::io::Result<Self> {
        let mut raw = vec![0u8; CHUNK];
        let mut filled = 0;
        while filled < raw.len() {
            let n = source.read(&mut raw[filled..])?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        raw.truncate(filled);
        let encoding = detect(&raw);
        // new_decoder_with_bom_removal skips a BOM of the detected encoding; the UTF-8 fast
        // path skips it itself.
        let decoder = encoding.new_decoder_with_bom_removal();
        if encoding == UTF_8 && raw.starts_with(b"\xEF\xBB\xBF") {
            raw.drain(..3);
        }
        Ok(Lines {
            source,
            decoder,
            raw,
            text: String::new(),
            start: 0,
            eof: false,
            lossy: false,
            had_replacements: false,
            encoding,
        })
    }

    /// The decoded text not yet returned as lines; for sniffing the layout.
    pub fn peek(&mut self) -> std::io::Result<&str> {
        if self.text.len() - self.start < CHUNK / 2 && !self.eof {
            self.fill()?;
        }
        Ok(&self.text[self.start..])
    }

    fn fill(&mut self) -> std::io::Result<()> {
        if self.start > 0 {
            self.text.drain(..self.start);
            self.start = 0;
        }
        // Read when nothing is left, or only a character cut off by the last read.
        if self.raw.len() < 4 && !self.eof {
            let old = self.raw.len();
            self.raw.resize(old + CHUNK, 0);
            let n = self.source.read(&mut self.raw[old..])?;
            self.raw.truncate(old + n);
            if n == 0 {
                self.eof = true;
            }
        }
        if self.encoding == UTF_8 && !self.lossy {
            // Well-formed UTF-8, the common case: validate (SIMD) and copy, leaving a character
            // cut off by the chunk's end for the next read.
            let end = if self.eof { self.raw.len() } else { complete_len(&self.raw) };
            if let Ok(text) = simdutf8::basic::from_utf8(&self.raw[..end]) {
                self.text.push_str(text);
                self.raw.drain(..end);
                return Ok(());
            }
            match simdutf8::compat::from_utf8(&self.raw) {
                Ok(text) => {
                    self.text.push_str(text);
                    self.raw.clear();
                    return Ok(());
                }
                Err(e) => {
                    let valid = e.valid_up_to();
                    if let Ok(text) = simdutf8::basic::from_utf8(&self.raw[..valid]) {
                        self.text.push_str(text);
                    }
                    self.raw.drain(..valid);
                    if e.error_len().is_none() && !self.eof {
                        // A character cut off by the chunk's end: wait for the rest.
                        return Ok(());
                    }
                    self.lossy = true;
                    self.decoder = UTF_8.new_decoder_without_bom_handling();
                }
            }
        }
        let last = self.eof;
        self.text.reserve(self.decoder.max_utf8_buffer_length(self.raw.len()).unwrap_or(self.raw.len() * 3));
        let (_, read, replaced) = self.decoder.decode_to_string(&self.raw, &mut self.text, last);
        self.had_replacements |= replaced;
        self.raw.drain(..read);
        Ok(())
    }

    /// The next line without its line break (`\n`, `\r\n` or `\r`), or `None` at the end.
    pub fn next_line(&mut self) -> std::io::Result<Option<&str>> {
        loop {
            let rest = &self.text[self.start..];
            if let Some(i) = memchr::memchr2(b'\n', b'\r', rest.as_bytes()) {
                let from = self.start;
                let mut next = from + i + 1;
                if rest.as_bytes()[i] == b'\r' {
                    if next < self.text.len() {
                        if self.text.as_bytes()[next] == b'\n' {
                            next += 1;
                        }
                    } else if !self.eof {
                        // A \r at the end of the buffer may be half of \r\n: read on first.
                        self.fill()?;
                        continue;
                    }
                }
                self.start = next;
                return Ok(Some(&self.text[from..from + i]));
            }
            if self.eof && self.raw.is_empty() {
                if self.start < self.text.len() {
                    let from = self.start;
                    self.start = self.text.len();
                    return Ok(Some(&self.text[from..]));
                }
                return Ok(None);
            }
            self.fill()?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all_lines(bytes: &[u8]) -> (Vec<String>, &'static str) {
        let mut lines = Lines::new(bytes).expect("reads");
        let mut out = Vec::new();
        while let Some(l) = lines.next_line().expect("reads") {
            out.push(l.to_owned());
        }
        (out, lines.encoding.name())
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(all_lines("项目名称\t外事\n".as_bytes()), (vec!["项目名称\t外事".to_owned()], "UTF-8"));
        assert_eq!(all_lines("\u{FEFF}项目名称\r\n外事".as_bytes()), (vec!["项目名称".into(), "外事".into()], "UTF-8"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "项目名称\r\n大于10人".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        assert_eq!(all_lines(&bytes), (vec!["项目名称".into(), "大于10人".into()], "UTF-16LE"));
        let mut bytes = vec![0xFE, 0xFF];
        for u in "满意度≥90%".encode_utf16() {
            bytes.extend(u.to_be_bytes());
        }
        assert_eq!(all_lines(&bytes), (vec!["满意度≥90%".into()], "UTF-16BE"));
    }

    #[test]
    fn gb18030_and_gbk() {
        let (bytes, _, _) = GB18030.encode("项目支出绩效目标表\r\n产出指标\t数量指标\n");
        assert_eq!(all_lines(&bytes), (vec!["项目支出绩效目标表".into(), "产出指标\t数量指标".into()], "gb18030"));
    }

    #[test]
    fn malformed_utf8_is_replaced_and_reported() {
        // Valid beyond the part encoding detection samples, then one bad byte.
        let mut bytes = "项目名称\n".repeat(10_000).into_bytes();
        bytes.extend([0xFF, b'\n']);
        bytes.extend("外事".as_bytes());
        let mut lines = Lines::new(&bytes[..]).expect("reads");
        assert_eq!(lines.encoding, UTF_8);
        let mut all = Vec::new();
        while let Some(l) = lines.next_line().expect("reads") {
            all.push(l.to_owned());
        }
        assert_eq!(all.len(), 10_002);
        assert_eq!(all[10_000], "\u{FFFD}");
        assert_eq!(all[10_001], "外事");
        assert!(lines.had_replacements);
    }

    #[test]
    fn a_character_cut_by_a_chunk_boundary_reads_whole() {
        // Put a three-byte character across the first read's end.
        let mut text = "a".repeat(CHUNK - 1);
        text.push_str("项目\n");
        let (lines, _) = all_lines(text.as_bytes());
        assert!(lines[0].ends_with("项目"));
        assert!(!lines[0].contains('\u{FFFD}'));
    }

    #[test]
    fn cut_off_characters_are_left_for_the_next_read() {
        assert_eq!(complete_len("项目".as_bytes()), 6);
        assert_eq!(complete_len(&"项目".as_bytes()[..5]), 3);
        assert_eq!(complete_len(&"项目".as_bytes()[..4]), 3);
        assert_eq!(complete_len(&"a😀".as_bytes()[..4]), 1);
        assert_eq!(complete_len("a😀".as_bytes()), 5);
        assert_eq!(complete_len(&"aé".as_bytes()[..2]), 1);
        assert_eq!(complete_len(b""), 0);
        // A file that ends inside a character: the stub is replaced, not dropped.
        let (lines, _) = all_lines(&"名称\n项目".as_bytes()[..11]);
        assert_eq!(lines, vec!["名称".to_owned(), "项\u{FFFD}".to_owned()]);
    }

    /// A source that hands out a few bytes per read, so that reads end inside characters.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    proptest::proptest! {
        #[test]
        fn lines_survive_any_read_boundaries(
            text in "[a项😀é\t\n]{0,40}",
            step in 1usize..8,
        ) {
            let mut lines = Lines::new(Trickle(text.as_bytes(), step)).expect("reads");
            let mut all = Vec::new();
            while let Some(l) = lines.next_line().expect("reads") {
                all.push(l.to_owned());
            }
            let expected: Vec<&str> = text.lines().collect();
            proptest::prop_assert_eq!(all, expected);
            proptest::prop_assert!(!lines.had_replacements);
        }
    }

    #[test]
    fn lone_carriage_returns_and_crlf_split_across_chunks() {
        assert_eq!(all_lines(b"a\rb\r\nc").0, vec!["a", "b", "c"]);
        let mut text = "x".repeat(CHUNK - 1);
        text.push_str("\r\nnext");
        let (lines, _) = all_lines(text.as_bytes());
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[1], "next");
    }
}
