//! Detecting a text file's encoding (UTF-8 with or without BOM, UTF-16 with or without BOM,
//! GB18030/GBK) and decoding it as a stream of lines. Where a file is not clean in one
//! encoding (a few damaged bytes, GB18030 lines pasted into a UTF-8 file), the rest is decoded
//! line by line, each line in the encoding it is valid in, with a positioned [`Event`] for
//! each line that had to be decoded otherwise.

use std::collections::VecDeque;
use std::io::Read;

use encoding_rs::{Decoder, Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};
use jixiao_core::source::Position;

use crate::diagnostic::{Diagnostic, Severity};

/// Chooses the encoding from the file's first bytes: a BOM decides; NUL bytes between ASCII
/// mean BOM-less UTF-16; otherwise text that is mostly valid UTF-8 is UTF-8 (a few damaged
/// bytes do not make a whole file GB18030), and anything else is GB18030 (a superset of GBK
/// and GB2312, as Chinese government sites use).
pub fn detect(head: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(head) {
        return enc;
    }
    let sample = &head[..head.len().min(64 * 1024)];
    if let Some(utf16) = utf16_without_bom(sample) {
        return utf16;
    }
    let (valid, invalid) = utf8_score(sample);
    if invalid == 0 || valid > invalid { UTF_8 } else { GB18030 }
}

/// UTF-16 told by its NUL bytes: ASCII characters (digits, tabs, line breaks, which every table
/// has) have a zero high byte, on the odd bytes in little-endian order, on the even in big; and
/// the sample must decode to text (no unpaired surrogates, no control characters but layout
/// ones), which binary data does not.
fn utf16_without_bom(sample: &[u8]) -> Option<&'static Encoding> {
    if !sample.contains(&0) {
        return None;
    }
    let (even, odd) =
        sample.chunks(2).fold((0, 0), |(e, o), p| (e + usize::from(p[0] == 0), o + usize::from(p.get(1) == Some(&0))));
    let encoding = if odd >= 2 && odd > even * 4 {
        UTF_16LE
    } else if even >= 2 && even > odd * 4 {
        UTF_16BE
    } else {
        return None;
    };
    // Leave out the last unit, which may be half of a surrogate pair cut by the sample's end.
    let whole = sample.len().saturating_sub(2) & !1;
    let (text, _) = encoding.decode_without_bom_handling(&sample[..whole]);
    let is_text =
        !text.chars().any(|c| c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C')));
    is_text.then_some(encoding)
}

/// How much of `bytes` reads as UTF-8: the number of well-formed multi-byte characters, and of
/// malformed stretches. A character cut off by the end of `bytes` counts as neither.
fn utf8_score(bytes: &[u8]) -> (usize, usize) {
    let (mut valid, mut invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(text) => return (valid + multibyte(text.as_bytes()), invalid),
            Err(e) => {
                valid += multibyte(&rest[..e.valid_up_to()]);
                let Some(bad) = e.error_len() else { return (valid, invalid) };
                invalid += 1;
                rest = &rest[e.valid_up_to() + bad..];
            }
        }
    }
}

/// The number of multi-byte characters in well-formed UTF-8: their lead bytes.
fn multibyte(utf8: &[u8]) -> usize {
    utf8.iter().filter(|&&b| b >= 0xC0).count()
}

/// Something the decoder did to one line, reported with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters, where it starts.
    pub column: u32,
    pub kind: EventKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventKind {
    /// Bytes the encoding could not decode were replaced by U+FFFD (`stretches` of them).
    Undecodable { encoding: &'static Encoding, stretches: usize },
    /// The line is valid only in another encoding than the file's, and was read in that one.
    OtherEncoding { encoding: &'static Encoding },
}

/// The diagnostic of a decoding event, for a file read as `file_encoding`.
pub fn diagnostic(event: &Event, file_encoding: &'static Encoding) -> Diagnostic {
    let position = Some(Position::text(event.line, event.column));
    match event.kind {
        EventKind::Undecodable { encoding, stretches } => Diagnostic {
            code: "invalid-bytes",
            severity: Severity::Warning,
            position,
            until: None,
            message: format!(
                "此行有 {stretches} 处按 {} 无法解码的字节, 已替换为 “\u{FFFD}”, 其余照常读取",
                encoding.name()
            ),
        },
        EventKind::OtherEncoding { encoding } => Diagnostic::note(
            "mixed-encoding",
            position,
            format!("此行不是文件的 {} 编码, 按 {} 读取", file_encoding.name(), encoding.name()),
        ),
    }
}

/// The longest line decoded line by line before it is cut: a file without line breaks must not
/// be held whole.
const MAX_PIECE: usize = 4 << 20;

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
    /// Set once the input is not clean UTF-8 (and from the start for GB18030): from there on
    /// each line is decoded on its own, in the encoding it is valid in.
    by_line: bool,
    /// Whether undecodable bytes were replaced by the streaming (UTF-16) decoder, which does
    /// not place them on lines (reported once).
    pub had_replacements: bool,
    /// The encoding in use.
    pub encoding: &'static Encoding,
    /// Where `text` starts in the whole decoded text, in bytes.
    base: u64,
    /// Lines returned so far.
    line_no: u32,
    /// Events not yet placed on a line: offset in the whole decoded text, and what happened.
    unplaced: VecDeque<(u64, EventKind)>,
    /// Events placed on lines already returned, for [`Lines::take_events`].
    events: Vec<Event>,
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
            by_line: encoding == GB18030,
            had_replacements: false,
            encoding,
            base: 0,
            line_no: 0,
            unplaced: VecDeque::new(),
            events: Vec::new(),
        })
    }

    /// What decoding did to the lines returned so far (and not yet taken).
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
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
            self.base += self.start as u64;
            self.start = 0;
        }
        // Read when nothing is left, or only a character cut off by the last read; line by
        // line, when no line is complete.
        let starved = if self.by_line {
            self.raw.len() < MAX_PIECE && memchr::memchr(b'\n', &self.raw).is_none()
        } else {
            self.raw.len() < 4
        };
        if starved && !self.eof {
            // Read into the buffer's spare room, which the reader fills without zeroing it first.
            let n = (&mut self.source).take(CHUNK as u64).read_to_end(&mut self.raw)?;
            if n == 0 {
                self.eof = true;
            }
        }
        if self.by_line {
            self.decode_lines();
            return Ok(());
        }
        if self.encoding == UTF_8 {
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
                    if e.error_len().is_none() && !self.eof {
                        // A character cut off by the chunk's end: wait for the rest.
                        if let Ok(text) = simdutf8::basic::from_utf8(&self.raw[..valid]) {
                            self.text.push_str(text);
                        }
                        self.raw.drain(..valid);
                        return Ok(());
                    }
                    // Keep the good lines; the damaged line and all after it are decoded line
                    // by line.
                    let cut = memchr::memrchr(b'\n', &self.raw[..valid]).map_or(0, |i| i + 1);
                    if let Ok(text) = simdutf8::basic::from_utf8(&self.raw[..cut]) {
                        self.text.push_str(text);
                    }
                    self.raw.drain(..cut);
                    self.by_line = true;
                    self.decode_lines();
                    return Ok(());
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

    /// Decodes the complete lines in `raw` (all of it at the end of the input, or a piece of an
    /// overlong line), each on its own.
    fn decode_lines(&mut self) {
        let mut from = 0;
        while let Some(i) = memchr::memchr(b'\n', &self.raw[from..]) {
            let end = from + i + 1;
            self.decode_piece(from, end);
            from = end;
        }
        if self.eof || self.raw.len() - from >= MAX_PIECE {
            // The end of the input, or a line too long to hold: cut after a byte below 0x30
            // (space, tab, ASCII punctuation), which no multi-byte character of UTF-8 or
            // GB18030 contains.
            let end = if self.eof {
                self.raw.len()
            } else {
                self.raw[from..].iter().rposition(|&b| b < 0x30).map_or(self.raw.len(), |i| from + i + 1)
            };
            self.decode_piece(from, end);
            from = end;
        }
        self.raw.drain(..from);
    }

    /// Decodes `raw[from..end]`: as UTF-8 when it is valid UTF-8 or mostly so, otherwise as
    /// GB18030 when it is valid GB18030, otherwise in the file's encoding with replacements.
    fn decode_piece(&mut self, from: usize, end: usize) {
        let bytes = &self.raw[from..end];
        let at = self.base + self.text.len() as u64;
        if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
            if self.encoding != UTF_8 && !text.is_ascii() {
                self.unplaced.push_back((at, EventKind::OtherEncoding { encoding: UTF_8 }));
            }
            self.text.push_str(text);
            return;
        }
        let (valid, invalid) = utf8_score(bytes);
        if valid <= invalid {
            if let Some(text) = GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                if self.encoding != GB18030 {
                    self.unplaced.push_back((at, EventKind::OtherEncoding { encoding: GB18030 }));
                }
                self.text.push_str(&text);
                return;
            }
        }
        // Damaged bytes: mostly UTF-8 is read as UTF-8, anything else in the file's encoding.
        let encoding = if valid > invalid { UTF_8 } else { self.encoding };
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        let first = text.find('\u{FFFD}').unwrap_or(0);
        let stretches = text.matches('\u{FFFD}').count();
        self.unplaced.push_back((at + first as u64, EventKind::Undecodable { encoding, stretches }));
        self.text.push_str(&text);
    }

    /// Places the events that fall in the line `text[from..next]`, just returned.
    fn place_events(&mut self, from: usize, next: usize) {
        let (line_start, line_end) = (self.base + from as u64, self.base + next as u64);
        while let Some(&(at, kind)) = self.unplaced.front() {
            if at >= line_end && !(self.eof && self.raw.is_empty() && next == self.text.len()) {
                break;
            }
            self.unplaced.pop_front();
            let offset = (at.saturating_sub(line_start) as usize).min(next - from);
            let column = self.text.get(from..from + offset).map_or(1, |t| t.chars().count() + 1);
            self.events.push(Event { line: self.line_no, column: column as u32, kind });
        }
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
                self.line_no = self.line_no.saturating_add(1);
                if !self.unplaced.is_empty() {
                    self.place_events(from, next);
                }
                return Ok(Some(&self.text[from..from + i]));
            }
            if self.eof && self.raw.is_empty() {
                if self.start < self.text.len() {
                    let from = self.start;
                    self.start = self.text.len();
                    self.line_no = self.line_no.saturating_add(1);
                    if !self.unplaced.is_empty() {
                        self.place_events(from, self.text.len());
                    }
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
        let events = lines.take_events();
        assert_eq!(events.len(), 1);
        assert_eq!((events[0].line, events[0].column), (10_001, 1));
        assert_eq!(events[0].kind, EventKind::Undecodable { encoding: UTF_8, stretches: 1 });
    }

    fn lines_and_events(bytes: &[u8]) -> (Vec<String>, Vec<Event>, &'static str) {
        let mut lines = Lines::new(bytes).expect("reads");
        let mut out = Vec::new();
        while let Some(l) = lines.next_line().expect("reads") {
            out.push(l.to_owned());
        }
        (out, lines.take_events(), lines.encoding.name())
    }

    #[test]
    fn a_few_bad_bytes_do_not_make_a_utf8_file_gb18030() {
        let mut bytes = "项目名称\t外事工作\n产出指标\t数量指标\t出访团组\t大于10个\n".repeat(3).into_bytes();
        let at = bytes.len();
        bytes.extend(b"\xff\xfe\x80\x81\x82");
        bytes.extend("质量指标\n效益指标\n".as_bytes());
        let (lines, events, encoding) = lines_and_events(&bytes);
        assert_eq!(encoding, "UTF-8");
        assert_eq!(lines.len(), 8);
        assert_eq!(lines[0], "项目名称\t外事工作");
        assert!(lines[6].starts_with('\u{FFFD}') && lines[6].ends_with("质量指标"), "{:?}", lines[6]);
        assert_eq!(lines[7], "效益指标");
        assert!(at > 0);
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!((events[0].line, events[0].column), (7, 1));
        assert!(matches!(events[0].kind, EventKind::Undecodable { encoding, .. } if encoding == UTF_8));
    }

    #[test]
    fn gb18030_lines_in_a_utf8_file_are_read_as_gb18030() {
        let mut bytes = "项目名称\t外事工作\n".repeat(4).into_bytes();
        bytes.extend(GB18030.encode("产出指标\t数量指标\n").0.iter());
        bytes.extend("满意度\t大于90%\n".as_bytes());
        bytes.extend(GB18030.encode("第二行\t国别\n").0.iter());
        let (lines, events, encoding) = lines_and_events(&bytes);
        assert_eq!(encoding, "UTF-8");
        assert_eq!(&lines[4..], ["产出指标\t数量指标", "满意度\t大于90%", "第二行\t国别"]);
        let places: Vec<(u32, u32)> = events.iter().map(|e| (e.line, e.column)).collect();
        assert_eq!(places, [(5, 1), (7, 1)]);
        assert!(events.iter().all(|e| e.kind == EventKind::OtherEncoding { encoding: GB18030 }));
    }

    #[test]
    fn utf8_lines_in_a_gb18030_file_are_read_as_utf8() {
        let mut bytes = GB18030.encode(&"项目名称\t外事工作\n".repeat(4)).0.into_owned();
        bytes.extend("产出指标\t数量指标\n".as_bytes());
        let (lines, events, encoding) = lines_and_events(&bytes);
        assert_eq!(encoding, "gb18030");
        assert_eq!(lines[0], "项目名称\t外事工作");
        assert_eq!(lines[4], "产出指标\t数量指标");
        assert_eq!(events, [Event { line: 5, column: 1, kind: EventKind::OtherEncoding { encoding: UTF_8 } }]);
    }

    #[test]
    fn damage_in_the_middle_of_a_line_is_placed_at_its_column() {
        let mut bytes = "项目名称\t外事工作\n".repeat(4).into_bytes();
        bytes.extend("指标\t".as_bytes());
        bytes.push(0xFF);
        bytes.extend("大于10个\n".as_bytes());
        let (lines, events, _) = lines_and_events(&bytes);
        assert_eq!(lines[4], "指标\t\u{FFFD}大于10个");
        assert_eq!((events[0].line, events[0].column), (5, 4));
    }

    #[test]
    fn utf16_without_bom() {
        let text = "项目名称\t外事\r\n数量指标\t大于10人\r\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let expected = vec!["项目名称\t外事".to_owned(), "数量指标\t大于10人".to_owned()];
        assert_eq!(all_lines(&le), (expected.clone(), "UTF-16LE"));
        assert_eq!(all_lines(&be), (expected, "UTF-16BE"));
    }

    #[test]
    fn a_line_without_breaks_is_decoded_in_pieces() {
        // Past the first chunk the file turns out damaged; its one line is then cut into
        // pieces, never held whole, and no character is split.
        let mut bytes = "项目 ".repeat(CHUNK / 7 + 1).into_bytes();
        bytes.push(0xFF);
        bytes.extend("名称 ".repeat(MAX_PIECE / 7 * 3).as_bytes());
        let (lines, events, _) = lines_and_events(&bytes);
        let all: String = lines.concat();
        assert_eq!(all.matches('\u{FFFD}').count(), 1);
        assert_eq!(all.matches("名称").count(), MAX_PIECE / 7 * 3);
        assert_eq!(events.len(), 1);
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
