//! jixiao: a ToUnicode CMap reader in one pass over the bytes, giving what
//! `adobe_cmap_parser::get_unicode_map` gives for the CMaps PDF producers write.
//!
//! adobe-cmap-parser tokenizes with a parser-combinator library that allocates and formats a
//! string for every number and hex digit pair; a Chromium print has a CMap for each of its ~130
//! Type 3 fonts, and parsing them was most of the time spent reading such a file. The tokens and
//! the walk over them (`beginbfchar`, `beginbfrange`, the count before each) are upstream's; the
//! tokenizer, like upstream's, stops at the first byte it has no token for and keeps what came
//! before. Unlike upstream, the work is bounded (ranges and entries are capped) and bad input is
//! an error rather than a panic or an index past the end.

use std::collections::HashMap;

/// The most codes one `bfrange` may cover: a two-byte code space.
const MAX_RANGE: u64 = 1 << 16;
/// The most mappings one CMap may make (far above the 65,536 codes of a two-byte CMap).
const MAX_ENTRIES: usize = 1 << 20;

#[derive(Debug)]
enum Token<'a> {
    Integer(i64),
    /// A hex or literal string, decoded.
    Bytes(Vec<u8>),
    Operator(&'a [u8]),
    Array(Vec<Token<'a>>),
    /// true, false, a real number, a name, a dictionary: nothing the walk looks at.
    Other,
}

/// The mapping from character codes to Unicode text in UTF-16BE, as
/// `adobe_cmap_parser::get_unicode_map` returns it.
pub fn get_unicode_map(input: &[u8]) -> Result<HashMap<u32, Vec<u8>>, &'static str> {
    let tokens = tokens(input)?;
    let mut map = HashMap::new();
    let mut entries = 0usize;
    let mut insert = |map: &mut HashMap<u32, Vec<u8>>, code: u32, text: Vec<u8>| {
        entries += 1;
        if entries > MAX_ENTRIES {
            return Err("too many entries in ToUnicode CMap");
        }
        map.insert(code, text);
        Ok(())
    };
    let mut i = 0;
    while i < tokens.len() {
        let Token::Operator(op) = tokens[i] else {
            i += 1;
            continue;
        };
        match op {
            b"beginbfchar" => {
                let count = count_before(&tokens, i, "beginbfchar exected int")?;
                i += 1;
                for _ in 0..count {
                    let code = bytes_at(&tokens, i, "beginbfchar exected hexstring")?;
                    let text = bytes_at(&tokens, i + 1, "beginbfchar exected hexstring")?;
                    insert(&mut map, as_code(code), text.to_vec())?;
                    i += 2;
                }
                i += 1;
            }
            b"beginbfrange" => {
                let count = count_before(&tokens, i, "beginbfrange exected int")?;
                i += 1;
                for _ in 0..count {
                    let lower = as_code(bytes_at(&tokens, i, "beginbfrange exected hexstring")?);
                    let upper = as_code(bytes_at(&tokens, i + 1, "beginbfrange exected hexstring")?);
                    if lower <= upper && u64::from(upper - lower) >= MAX_RANGE {
                        return Err("bfrange too large");
                    }
                    match tokens.get(i + 2) {
                        Some(Token::Bytes(start)) => match start.len() {
                            4 => {
                                let val = as_code(start);
                                for c in lower..=upper {
                                    insert(&mut map, c, val.wrapping_add(c - lower).to_be_bytes().to_vec())?;
                                }
                            }
                            2 => {
                                let val = as_code(start) as u16;
                                for c in lower..=upper {
                                    insert(&mut map, c, val.wrapping_add((c - lower) as u16).to_be_bytes().to_vec())?;
                                }
                            }
                            _ => return Err("bad length of hexstring"),
                        },
                        Some(Token::Array(codes)) => {
                            if lower > upper || (upper - lower + 1) as usize != codes.len() {
                                return Err("bad length of array");
                            }
                            for (c, code) in (lower..=upper).zip(codes) {
                                let Token::Bytes(text) = code else { return Err("beginbfrange exected hexstring") };
                                insert(&mut map, c, text.clone())?;
                            }
                        }
                        _ => return Err("beginbfrange exected array or literal"),
                    }
                    i += 3;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    Ok(map)
}

fn count_before(tokens: &[Token], i: usize, message: &'static str) -> Result<i64, &'static str> {
    match i.checked_sub(1).and_then(|j| tokens.get(j)) {
        Some(&Token::Integer(c)) => Ok(c),
        _ => Err(message),
    }
}

fn bytes_at<'t>(tokens: &'t [Token], i: usize, message: &'static str) -> Result<&'t [u8], &'static str> {
    match tokens.get(i) {
        Some(Token::Bytes(b)) => Ok(b),
        _ => Err(message),
    }
}

fn as_code(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0u32, |code, &b| (code << 8) | u32::from(b))
}

/// Every token up to the first byte that starts none; an error if there is not even one.
fn tokens(input: &[u8]) -> Result<Vec<Token<'_>>, &'static str> {
    let mut lexer = Lexer { input, at: 0, depth: 0 };
    let mut out = Vec::new();
    loop {
        lexer.skip_comments_and_space();
        match lexer.value() {
            Some(token) => out.push(token),
            None => break,
        }
    }
    if out.is_empty() {
        return Err("failed to parse");
    }
    Ok(out)
}

struct Lexer<'a> {
    input: &'a [u8],
    at: usize,
    /// Nesting of arrays, dictionaries and literal strings, bounded so that hostile input
    /// cannot overflow the stack.
    depth: usize,
}

const MAX_DEPTH: usize = 64;

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\0' | b'\x0C')
}

fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

impl<'a> Lexer<'a> {
    fn peek(&self) -> Option<u8> {
        self.input.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.at += 1;
        }
    }

    fn skip_comments_and_space(&mut self) {
        loop {
            self.skip_space();
            if self.peek() != Some(b'%') {
                return;
            }
            while self.peek().is_some_and(|b| b != b'\n' && b != b'\r') {
                self.at += 1;
            }
        }
    }

    /// The value at the current position (and the space after it), or None with the position
    /// where it started if no value starts there.
    fn value(&mut self) -> Option<Token<'a>> {
        let start = self.at;
        let token = self.value_inner();
        if token.is_none() {
            self.at = start;
        } else {
            self.skip_space();
        }
        token
    }

    fn value_inner(&mut self) -> Option<Token<'a>> {
        let b = self.peek()?;
        match b {
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(),
            b'/' => {
                self.at += 1;
                self.name_body();
                Some(Token::Other)
            }
            b'(' => self.literal_string().map(Token::Bytes),
            b'<' if self.input.get(self.at + 1) == Some(&b'<') => self.dictionary(),
            b'<' => self.hex_string().map(Token::Bytes),
            b'[' => self.array(),
            b'*' | b'\'' | b'"' | b'a'..=b'z' | b'A'..=b'Z' => {
                let start = self.at;
                while self.peek().is_some_and(|b| b.is_ascii_alphabetic() || matches!(b, b'*' | b'\'' | b'"')) {
                    self.at += 1;
                }
                let word = &self.input[start..self.at];
                Some(if word == b"true" || word == b"false" { Token::Other } else { Token::Operator(word) })
            }
            _ => None,
        }
    }

    fn number(&mut self) -> Option<Token<'a>> {
        let start = self.at;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.at += 1;
        }
        let digits = self.at;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
        let int_end = self.at;
        if self.peek() == Some(b'.') {
            self.at += 1;
            let fraction = self.at;
            while self.peek().is_some_and(|b| b.is_ascii_digit()) {
                self.at += 1;
            }
            if int_end == digits && self.at == fraction {
                return None;
            }
            return Some(Token::Other);
        }
        if int_end == digits {
            return None;
        }
        // Too many digits for an i64: a number, as upstream reads it, not an integer.
        let text = std::str::from_utf8(&self.input[start..int_end]).ok()?;
        Some(text.parse::<i64>().map_or(Token::Other, Token::Integer))
    }

    fn name_body(&mut self) {
        while let Some(b) = self.peek() {
            if (is_space(b) && b != b'\0') || is_delimiter(b) {
                break;
            }
            if b == b'#' {
                match (self.input.get(self.at + 1), self.input.get(self.at + 2)) {
                    (Some(h), Some(l)) if h.is_ascii_hexdigit() && l.is_ascii_hexdigit() => self.at += 3,
                    _ => break,
                }
            } else {
                self.at += 1;
            }
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    fn hex_string(&mut self) -> Option<Vec<u8>> {
        self.at += 1;
        let mut out = Vec::new();
        loop {
            self.skip_space();
            match self.peek()? {
                b'>' => {
                    self.at += 1;
                    return Some(out);
                }
                h if h.is_ascii_hexdigit() => {
                    let l = *self.input.get(self.at + 1)?;
                    if !l.is_ascii_hexdigit() {
                        return None;
                    }
                    out.push((hex(h) << 4) | hex(l));
                    self.at += 2;
                }
                _ => return None,
            }
        }
    }

    fn literal_string(&mut self) -> Option<Vec<u8>> {
        self.enter()?;
        self.at += 1;
        let mut out = Vec::new();
        let mut open = 1usize;
        loop {
            let b = self.peek()?;
            self.at += 1;
            match b {
                b'(' => {
                    open += 1;
                    out.push(b);
                }
                b')' => {
                    open -= 1;
                    if open == 0 {
                        self.depth -= 1;
                        return Some(out);
                    }
                    out.push(b);
                }
                b'\\' => match self.peek() {
                    Some(b'n') => {
                        self.at += 1;
                        out.push(b'\n');
                    }
                    Some(b'r') => {
                        self.at += 1;
                        out.push(b'\r');
                    }
                    Some(b't') => {
                        self.at += 1;
                        out.push(b'\t');
                    }
                    Some(b'b') => {
                        self.at += 1;
                        out.push(b'\x08');
                    }
                    Some(b'f') => {
                        self.at += 1;
                        out.push(b'\x0C');
                    }
                    Some(c @ (b'\\' | b'(' | b')')) => {
                        self.at += 1;
                        out.push(c);
                    }
                    Some(b'0'..=b'7') => {
                        let mut value = 0u32;
                        for _ in 0..3 {
                            match self.peek() {
                                Some(d @ b'0'..=b'7') => {
                                    value = value * 8 + u32::from(d - b'0');
                                    self.at += 1;
                                }
                                _ => break,
                            }
                        }
                        out.push(value as u8);
                    }
                    Some(b'\r') => {
                        self.at += 1;
                        if self.peek() == Some(b'\n') {
                            self.at += 1;
                        }
                    }
                    Some(b'\n') => self.at += 1,
                    _ => {}
                },
                _ => out.push(b),
            }
        }
    }

    fn array(&mut self) -> Option<Token<'a>> {
        self.enter()?;
        self.at += 1;
        let mut items = Vec::new();
        loop {
            self.skip_space();
            if self.peek()? == b']' {
                self.at += 1;
                self.depth -= 1;
                return Some(Token::Array(items));
            }
            items.push(self.value()?);
        }
    }

    fn dictionary(&mut self) -> Option<Token<'a>> {
        self.enter()?;
        self.at += 2;
        loop {
            self.skip_space();
            match self.peek()? {
                b'>' if self.input.get(self.at + 1) == Some(&b'>') => {
                    self.at += 2;
                    self.depth -= 1;
                    return Some(Token::Other);
                }
                b'/' => {
                    self.at += 1;
                    self.name_body();
                    self.skip_space();
                    self.value()?;
                }
                _ => return None,
            }
        }
    }
}

fn hex(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'f' => b - b'a' + 10,
        _ => b - b'A' + 10,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chars_ranges_and_arrays() {
        let cmap = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n\
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
            /CMapName /Adobe-Identity-UCS def /CMapType 2 def\n\
            1 begincodespacerange <00> <FF> endcodespacerange\n\
            % a comment\n\
            2 beginbfchar <01> <4E2D> <02> <D835DC00> endbfchar\n\
            2 beginbfrange <10> <12> <0041> <20> <21> [<0061> <00620063>] endbfrange\n\
            endcmap CMapName currentdict /CMap defineresource pop end end";
        let map = get_unicode_map(cmap).expect("parses");
        assert_eq!(map.len(), 7);
        assert_eq!(map[&1], vec![0x4E, 0x2D]);
        assert_eq!(map[&2], vec![0xD8, 0x35, 0xDC, 0x00]);
        assert_eq!(map[&0x12], vec![0x00, 0x43]);
        assert_eq!(map[&0x21], vec![0x00, 0x62, 0x00, 0x63]);
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert!(get_unicode_map(b"").is_err());
        assert!(get_unicode_map(b"beginbfchar <01> <0041> endbfchar").is_err());
        assert!(get_unicode_map(b"3 beginbfchar <01> <0041> endbfchar").is_err());
        assert!(get_unicode_map(b"1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange").is_err());
        assert!(get_unicode_map(&[b'['; 10_000]).is_err());
    }
}
