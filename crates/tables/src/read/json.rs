//! Reading the interchange JSON as a stream: one document, an array of them, or JSON Lines
//! (jixiao's own `--to jsonl`), one document in memory at a time however large the file.
//!
//! The outer array's brackets and commas are blanked out byte for byte as the bytes go by, so
//! that what remains is a sequence of documents that serde_json reads one by one, and the
//! line and column of every error stay those of the file.

use std::io::{self, BufReader, Read};
use std::sync::{Arc, Mutex};

use jixiao_core::Document;

use super::{Item, Items, ReadDocument, ReadError};

/// The most significant digits, and decimal places, a number may have: what the exact decimal
/// of the format holds. Longer numbers are refused rather than rounded.
const MAX_DIGITS: usize = 28;

/// Reads the documents of `source` as they come.
pub fn read<R: Read + Send + 'static>(name: &str, source: R) -> Items {
    // serde_json reads a byte at a time: the buffer is outside, the blanker works on chunks.
    let found = Arc::new(Mutex::new(None));
    let blanker = BufReader::with_capacity(256 * 1024, Blanker::new(source, Arc::clone(&found)));
    let stream = serde_json::Deserializer::from_reader(blanker).into_iter::<Document>();
    let name = name.to_owned();
    let mut failed = false;
    Box::new(stream.map_while(move |result| {
        if failed {
            return None;
        }
        Some(result.map(|doc| Item::Document(Box::new(ReadDocument::from(doc)))).map_err(|e| {
            failed = true;
            let found = found.lock().ok().and_then(|mut f| f.take());
            error(&name, &e, found)
        }))
    }))
}

/// The error of `e`, placed where the blanker (`found`) or serde_json found it.
fn error(name: &str, e: &serde_json::Error, found: Option<Found>) -> ReadError {
    let malformed = |line, column, message| ReadError::Malformed { path: name.to_owned(), line, column, message };
    if e.io_error_kind().is_some() {
        return match found {
            Some(found) => malformed(found.line, found.column, found.message),
            None => malformed(0, 0, format!("读取出错: {e}")),
        };
    }
    // serde_json appends the position to its message; it is reported separately.
    let message = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = message.strip_suffix(&suffix).unwrap_or(&message).to_owned();
    let message = if e.is_syntax() && message.contains("invalid unicode") {
        "JSON 文件不是有效的 UTF-8 编码".to_owned()
    } else {
        format!("JSON 格式错误: {message}")
    };
    malformed(e.line(), e.column(), message)
}

/// Something wrong found by the blanker, with its place.
#[derive(Debug)]
struct Found {
    line: usize,
    column: usize,
    message: String,
}

impl std::fmt::Display for Found {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

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

/// A reader that blanks the outer array's punctuation and refuses numbers too long to be exact.
struct Blanker<R: Read> {
    inner: R,
    outer: Outer,
    /// Nesting inside the current document.
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// The number being read, outside strings.
    number: Option<Number>,
    /// An error found in the middle of a chunk, returned once the bytes before it are passed on.
    pending: Option<io::Error>,
    line: usize,
    column: usize,
    /// Bytes read from the start, to strip a BOM.
    offset: u64,
    /// Where the error goes that the blanker finds, for the reader to place it: an I/O error
    /// passed through serde_json keeps only its message.
    found: Arc<Mutex<Option<Found>>>,
}

impl<R: Read> Blanker<R> {
    fn new(inner: R, found: Arc<Mutex<Option<Found>>>) -> Self {
        Blanker {
            inner,
            outer: Outer::Start,
            depth: 0,
            in_string: false,
            escaped: false,
            number: None,
            pending: None,
            line: 1,
            column: 0,
            offset: 0,
            found,
        }
    }

    fn found(&self, message: String) -> io::Error {
        let found = Found { line: self.line, column: self.column, message };
        let error = io::Error::new(io::ErrorKind::InvalidData, found.to_string());
        if let Ok(mut slot) = self.found.lock() {
            slot.get_or_insert(found);
        }
        error
    }

    /// Looks at one byte; returns what to pass on.
    fn byte(&mut self, b: u8) -> io::Result<u8> {
        if b == b'\n' {
            self.line += 1;
            self.column = 0;
        } else {
            self.column += 1;
        }
        self.offset += 1;
        if self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if b == b'\\' {
                self.escaped = true;
            } else if b == b'"' {
                self.in_string = false;
            }
            return Ok(b);
        }
        self.number(b)?;
        if self.offset <= 3 && self.outer == Outer::Start && [0xEF, 0xBB, 0xBF][self.offset as usize - 1] == b {
            return Ok(b' ');
        }
        if b.is_ascii_whitespace() {
            return Ok(b);
        }
        if self.depth > 0 {
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => self.depth -= 1,
                _ => {}
            }
            return Ok(b);
        }
        // Outside every document.
        match (self.outer, b) {
            (Outer::Start, b'[') => {
                self.outer = Outer::Array { expect: true, comma: false };
                Ok(b' ')
            }
            (Outer::Array { expect: false, .. }, b',') => {
                self.outer = Outer::Array { expect: true, comma: true };
                Ok(b' ')
            }
            (Outer::Array { expect: true, .. }, b',') => Err(self.found("JSON 格式错误: 数组中多余的逗号".to_owned())),
            (Outer::Array { expect: true, comma: true }, b']') => {
                Err(self.found("JSON 格式错误: 数组末尾多余的逗号".to_owned()))
            }
            (Outer::Array { .. }, b']') => {
                self.outer = Outer::Closed;
                Ok(b' ')
            }
            (Outer::Array { expect: false, .. }, _) => {
                Err(self.found("JSON 格式错误: 数组元素之间缺少逗号".to_owned()))
            }
            (Outer::Closed, _) => Err(self.found("JSON 格式错误: 数组结束后还有内容".to_owned())),
            (Outer::Start | Outer::Values | Outer::Array { expect: true, .. }, _) => {
                self.outer = match self.outer {
                    Outer::Array { comma, .. } => Outer::Array { expect: false, comma },
                    _ => Outer::Values,
                };
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    _ => {}
                }
                Ok(b)
            }
        }
    }

    /// Counts the digits of a number outside strings and refuses one too long to be exact.
    fn number(&mut self, b: u8) -> io::Result<()> {
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
                    return Err(self.found(format!(
                        "数字超出可精确表示的范围 (最多 {MAX_DIGITS} 位有效数字、{MAX_DIGITS} 位小数): 拒绝读取, 以免被舍入"
                    )));
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

impl<R: Read> Read for Blanker<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        let n = self.inner.read(buf)?;
        if n == 0 {
            if let Outer::Array { .. } = self.outer {
                return Err(self.found("JSON 格式错误: 数组没有结束 (缺少 “]”)".to_owned()));
            }
            return Ok(0);
        }
        for (i, slot) in buf[..n].iter_mut().enumerate() {
            match self.byte(*slot) {
                Ok(b) => *slot = b,
                // The bytes before the error are documents that may still read whole.
                Err(e) if i > 0 => {
                    self.pending = Some(e);
                    return Ok(i);
                }
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }
}
