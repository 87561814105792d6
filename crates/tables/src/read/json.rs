//! Reading the interchange JSON as a stream: one document, an array of them, or JSON Lines
//! (jixiao's own `--to jsonl`), one document in memory at a time however large the file.
//!
//! A small scanner finds where each document (a JSON object) starts and ends, outside strings,
//! and checks the punctuation of the outer array between them; serde_json then reads each
//! document from its bytes, and its error positions are moved to the document's place in the
//! file.

use std::io::{self, Read};

use jixiao_core::Document;

use super::{Item, ReadDocument, ReadError};

/// The most significant digits, and decimal places, a number may have: what the exact decimal
/// of the format holds. Longer numbers are refused rather than rounded.
const MAX_DIGITS: usize = 28;

const CHUNK: usize = 256 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outer {
    /// Nothing but whitespace (or a BOM) yet.
    Start,
    /// Documents one after another (one document, or JSON Lines).
    Values,
    /// Inside the outer array: `expect` says a document must come before a comma or the end,
    /// `comma` that a comma came since the array opened (`[]` is empty, `[{…},]` is wrong).
    Array { expect: bool, comma: bool },
    /// After the outer array's `]`: only whitespace may follow.
    Closed,
}

/// The documents of a JSON source, read as they come.
pub struct JsonReader<R: Read> {
    name: String,
    source: R,
    chunk: Vec<u8>,
    at: usize,
    outer: Outer,
    /// Nesting inside the current document.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// The number being read, outside strings.
    number: Option<Number>,
    /// Where the current byte is: 1-based line, and column in bytes.
    line: usize,
    column: usize,
    /// Bytes read from the start, to strip a BOM.
    offset: u64,
    /// The current document's bytes, and where it starts.
    doc: Vec<u8>,
    doc_line: usize,
    doc_column: usize,
    done: bool,
}

/// Reads the documents of `source` as they come.
pub fn read<R: Read + Send + 'static>(name: &str, source: R) -> JsonReader<R> {
    JsonReader {
        name: name.to_owned(),
        source,
        chunk: Vec::new(),
        at: 0,
        outer: Outer::Start,
        depth: 0,
        in_string: false,
        escaped: false,
        number: None,
        line: 1,
        column: 0,
        offset: 0,
        doc: Vec::new(),
        doc_line: 1,
        doc_column: 1,
        done: false,
    }
}

impl<R: Read> JsonReader<R> {
    fn malformed(&self, line: usize, column: usize, message: String) -> ReadError {
        ReadError::Malformed { path: self.name.clone(), line, column, message }
    }

    /// An error at the current byte.
    fn here(&self, message: &str) -> ReadError {
        self.malformed(self.line, self.column, format!("JSON 格式错误: {message}"))
    }

    /// Reads the next chunk; false at the end of the source.
    fn fill(&mut self) -> Result<bool, ReadError> {
        self.chunk.resize(CHUNK, 0);
        loop {
            match self.source.read(&mut self.chunk) {
                Ok(n) => {
                    self.chunk.truncate(n);
                    self.at = 0;
                    return Ok(n > 0);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(error) => return Err(ReadError::Io { path: self.name.clone(), error }),
            }
        }
    }

    /// The document in `doc`, read by serde_json, its errors placed in the file.
    fn document(&mut self) -> Result<Item, ReadError> {
        let result = serde_json::from_slice::<Document>(&self.doc);
        self.doc.clear();
        let doc = result.map_err(|e| {
            let line = self.doc_line + e.line().saturating_sub(1);
            let column = if e.line() <= 1 { self.doc_column + e.column().saturating_sub(1) } else { e.column() };
            // serde_json appends the position to its message; it is reported separately.
            let message = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = message.strip_suffix(&suffix).unwrap_or(&message);
            let message = if message.contains("invalid unicode") || message.contains("UTF-8") {
                "JSON 文件不是有效的 UTF-8 编码".to_owned()
            } else {
                format!("JSON 格式错误: {message}")
            };
            self.malformed(line, column, message)
        })?;
        Ok(Item::Document(Box::new(ReadDocument::from(doc))))
    }

    /// Looks at one byte; returns a document when it ends one.
    fn byte(&mut self, b: u8) -> Result<Option<Item>, ReadError> {
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        } else {
            self.column += 1;
        }
        self.offset += 1;
        if self.in_string {
            self.doc.push(b);
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            return Ok(None);
        }
        self.number(b)?;
        if self.depth > 0 {
            self.doc.push(b);
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == 0 {
                        return self.document().map(Some);
                    }
                }
                _ => {}
            }
            return Ok(None);
        }
        if self.offset <= 3 && self.outer == Outer::Start && [0xEF, 0xBB, 0xBF][self.offset as usize - 1] == b {
            return Ok(None);
        }
        if b.is_ascii_whitespace() {
            return Ok(None);
        }
        // Outside every document.
        match (self.outer, b) {
            (Outer::Start, b'[') => self.outer = Outer::Array { expect: true, comma: false },
            (Outer::Array { expect: false, .. }, b',') => self.outer = Outer::Array { expect: true, comma: true },
            (Outer::Array { expect: true, .. }, b',') => return Err(self.here("数组中多余的逗号")),
            (Outer::Array { expect: true, comma: true }, b']') => return Err(self.here("数组末尾多余的逗号")),
            (Outer::Array { .. }, b']') => self.outer = Outer::Closed,
            (Outer::Array { expect: false, .. }, _) => return Err(self.here("数组元素之间缺少逗号")),
            (Outer::Closed, _) => return Err(self.here("数组结束后还有内容")),
            (Outer::Start | Outer::Values | Outer::Array { expect: true, .. }, b'{') => {
                self.outer = match self.outer {
                    Outer::Array { comma, .. } => Outer::Array { expect: false, comma },
                    _ => Outer::Values,
                };
                (self.doc_line, self.doc_column) = (self.line, self.column);
                self.doc.push(b);
                self.depth = 1;
            }
            _ => return Err(self.here("此处应是一张表的文档 (JSON 对象 “{…}”)")),
        }
        Ok(None)
    }

    /// Counts the digits of a number outside strings and refuses one too long to be exact.
    fn number(&mut self, b: u8) -> Result<(), ReadError> {
        let Some(n) = self.number.as_mut() else {
            if b.is_ascii_digit() || b == b'-' {
                self.number = Some(Number::default());
                return self.number(if b == b'-' { b'+' } else { b });
            }
            return Ok(());
        };
        match b {
            b'0'..=b'9' if n.exponent => {}
            b'0'..=b'9' => {
                n.significant |= b != b'0';
                n.digits += usize::from(n.significant);
                n.places += usize::from(n.point);
                if n.digits > MAX_DIGITS || n.places > MAX_DIGITS {
                    return Err(self.malformed(
                        self.line,
                        self.column,
                        format!(
                            "数字超出可精确表示的范围 (最多 {MAX_DIGITS} 位有效数字、{MAX_DIGITS} 位小数): 拒绝读取, 以免被舍入"
                        ),
                    ));
                }
            }
            b'.' => n.point = true,
            b'e' | b'E' => n.exponent = true,
            b'+' | b'-' => {}
            _ => self.number = None,
        }
        Ok(())
    }
}

/// The digits of a number so far.
#[derive(Debug, Default)]
struct Number {
    digits: usize,
    places: usize,
    significant: bool,
    point: bool,
    exponent: bool,
}

impl<R: Read> Iterator for JsonReader<R> {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        loop {
            if self.at == self.chunk.len() {
                match self.fill() {
                    Ok(true) => {}
                    Ok(false) => {
                        self.done = true;
                        if self.depth > 0 || self.in_string {
                            // serde_json says what is unfinished, and where.
                            return Some(self.document());
                        }
                        if let Outer::Array { .. } = self.outer {
                            return Some(Err(self.here("数组没有结束 (缺少 “]”)")));
                        }
                        return None;
                    }
                    Err(e) => {
                        self.done = true;
                        return Some(Err(e));
                    }
                }
            }
            let b = self.chunk[self.at];
            self.at += 1;
            match self.byte(b) {
                Ok(None) => {}
                Ok(Some(item)) => return Some(Ok(item)),
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            }
        }
    }
}
