//! Reading documents from files: the format is chosen by extension, or by sniffing the content.

mod assemble;
mod bytes;
mod flat;
pub mod grid;
mod grouped;
mod json;
pub mod pdf;
mod reviewed;
pub mod sheet;
mod text;

pub use assemble::{Assembler, bracketed, is_template_label};
pub use grouped::{Grouped, grouped};
pub use reviewed::{IntakeError, Reviewed, reviewed};

use std::fs;
use std::io::Read;
use std::path::Path;

use jixiao_core::Document;
use jixiao_core::source::SourceMap;

use crate::diagnostic::Diagnostic;

/// A document as read, with where its parts came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadDocument {
    /// The document, exactly the interchange model.
    pub document: Document,
    /// Where its parts were read from; empty for interchange JSON.
    pub source: SourceMap,
}

impl From<Document> for ReadDocument {
    fn from(document: Document) -> Self {
        ReadDocument { document, source: SourceMap::default() }
    }
}

/// What a reader yields, in input order.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A complete document.
    Document(Box<ReadDocument>),
    /// Something the reader could not place, or guessed.
    Diagnostic(Diagnostic),
}

/// The input formats jixiao reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The interchange JSON of format.md: one document, an array, or JSON Lines.
    Json,
    /// Text copied out of published tables (any layout the text reader knows).
    Text,
    /// A table saved as CSV (comma-separated, RFC 4180 quoting), as Excel saves a template.
    Csv,
    /// A spreadsheet: .xlsx, .xls or .ods.
    Sheet(sheet::Kind),
    /// A PDF, read from the geometry of its pages.
    Pdf,
    /// A web page named as a workbook: refused with what to do instead.
    Html,
}

impl Format {
    /// Chooses the format from the file name, then from the first bytes.
    pub fn detect(path: &Path, head: &[u8]) -> Option<Format> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        // Spreadsheets by content first: published files are often misnamed (an .xlsx saved as
        // .xls, an upload without extension).
        if head.starts_with(b"PK\x03\x04") {
            // An OpenDocument file starts with its uncompressed `mimetype` entry; any other
            // zip is taken for Office Open XML, whose reader says so if it is not.
            let ods = b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet";
            let is_ods = head.windows(ods.len()).any(|w| w == ods);
            return Some(Format::Sheet(if is_ods { sheet::Kind::Ods } else { sheet::Kind::Xlsx }));
        }
        if head.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
            // An OLE compound file: Excel 97–2003 (a Word .doc would fail to open as a workbook).
            return Some(Format::Sheet(sheet::Kind::Xls));
        }
        let sheet_named = matches!(ext.as_deref(), Some("xlsx" | "xlsm" | "xls" | "ods"));
        if sheet_named && !head.is_empty() && looks_like_text(head) {
            // A workbook's name over text (an export saved as .xls, a CSV renamed): what the
            // bytes are decides, and a web page is said to be one.
            return Some(if looks_like_html(head) {
                Format::Html
            } else if looks_like_csv(head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head)) {
                Format::Csv
            } else {
                Format::Text
            });
        }
        match ext.as_deref() {
            Some("json" | "jsonl" | "ndjson") => return Some(Format::Json),
            Some("xlsx" | "xlsm") => return Some(Format::Sheet(sheet::Kind::Xlsx)),
            Some("xls") => return Some(Format::Sheet(sheet::Kind::Xls)),
            Some("ods") => return Some(Format::Sheet(sheet::Kind::Ods)),
            Some("csv") => return Some(Format::Csv),
            _ => {}
        }
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        match head.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Some(Format::Json),
            // `[` opens a JSON array, or a text such as `[812]自治区教育厅`.
            Some(b'[')
                if head
                    .iter()
                    .skip_while(|b| b.is_ascii_whitespace())
                    .nth(1)
                    .is_some_and(|b| matches!(b, b'{' | b'\n' | b'\r' | b' ' | b']')) =>
            {
                Some(Format::Json)
            }
            // Without an extension (standard input), a sheet saved as CSV is told by its rows.
            _ if ext.is_none() && looks_like_csv(head) => Some(Format::Csv),
            _ if ext.as_deref().is_some_and(|e| matches!(e, "txt" | "text" | "tsv")) || looks_like_text(head) => {
                Some(Format::Text)
            }
            _ => None,
        }
    }
}

/// Whether bytes look like text: no NUL bytes outside UTF-16, no control bytes but layout ones.
/// Whether text is a web page (an HTML table that a system exported under a workbook's name).
fn looks_like_html(head: &[u8]) -> bool {
    let start: Vec<u8> =
        head.iter().skip_while(|b| b.is_ascii_whitespace()).take(256).map(u8::to_ascii_lowercase).collect();
    [&b"<!doctype html"[..], b"<html", b"<table", b"<?xml", b"<head", b"<meta"].iter().any(|tag| start.starts_with(tag))
}

fn looks_like_text(head: &[u8]) -> bool {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return true;
    }
    // UTF-16 without a BOM: its NUL bytes are the high bytes of ASCII characters.
    if text::detect_encoding(head).name().starts_with("UTF-16") {
        return true;
    }
    !head.iter().any(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)))
}

/// Whether the first complete records are comma-separated rows: at least two records, each
/// with two or more commas outside quotes, and no tab outside quotes (text copied from a PDF
/// has tabs, or full-width commas, and seldom two ASCII commas on every line). A quoted field
/// may hold line breaks, as Excel writes a cell of several lines.
fn looks_like_csv(head: &[u8]) -> bool {
    // The last line may be cut off by the end of the head.
    let complete = head.iter().rposition(|&b| b == b'\n').map_or(&head[..0], |i| &head[..=i]);
    let (mut quoted, mut commas, mut content, mut records) = (false, 0, false, 0);
    for &b in complete {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b'\t' if !quoted => return false,
            b'\n' if !quoted => {
                if content {
                    if commas < 2 {
                        return false;
                    }
                    records += 1;
                }
                (commas, content) = (0, false);
            }
            b if !b.is_ascii_whitespace() => content = true,
            _ => {}
        }
    }
    records >= 2
}

/// The error of reading a file: it names the file and says what is wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("{path}: 无法读取文件: {}", io_message(.error))]
    Io {
        /// The file.
        path: String,
        /// The system's error.
        error: std::io::Error,
    },
    /// The file is not in a format jixiao reads.
    #[error("{path}: 无法识别的文件格式 (支持交换格式 .json、表格文本 .txt/.csv 和电子表格 .xlsx/.xls/.ods、PDF)")]
    UnknownFormat {
        /// The file.
        path: String,
    },
    /// A web page under a workbook's name, as some systems export their "Excel" files.
    #[error(
        "{path}: 文件名是电子表格, 内容却是网页 (HTML), 常见于系统导出的“Excel”文件: 请在 Excel 或 WPS 中打开后另存为 .xlsx, 或在浏览器中打开后复制表格文字另存为 .txt"
    )]
    HtmlWorkbook {
        /// The file.
        path: String,
    },
    /// The file is malformed.
    #[error("{path}:{line}:{column}: {message}")]
    Malformed {
        /// The file.
        path: String,
        /// 1-based line (0 when not known).
        line: usize,
        /// 1-based column (0 when not known).
        column: usize,
        /// What is wrong, in Chinese.
        message: String,
    },
    /// A workbook, or one of its sheets, could not be read.
    #[error("{path}: {}{message}", sheet_prefix(.sheet))]
    Workbook {
        /// The file.
        path: String,
        /// The sheet, when the problem is in one.
        sheet: Option<String>,
        /// What is wrong, in Chinese.
        message: String,
    },
}

fn sheet_prefix(sheet: &Option<String>) -> String {
    sheet.as_ref().map(|s| format!("工作表 “{s}”: ")).unwrap_or_default()
}

/// The system's error in the user's language where it is a common one.
fn io_message(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "文件不存在".to_owned(),
        std::io::ErrorKind::PermissionDenied => "没有读取权限".to_owned(),
        std::io::ErrorKind::IsADirectory => "这是一个目录, 不是文件".to_owned(),
        _ => error.to_string(),
    }
}

/// What a reader yields as it goes: items in input order, or an error that ends the file.
pub type Items = Box<dyn Iterator<Item = Result<Item, ReadError>> + Send>;

/// Opens the file at `path` and reads its documents as a stream.
pub fn read_path(path: &Path) -> Result<Items, ReadError> {
    let name = path.display().to_string();
    let file = fs::File::open(path).map_err(|error| ReadError::Io { path: name.clone(), error })?;
    read_from(&name, path, file)
}

/// Reads documents from any source (standard input, a pipe, an upload), its format told by its
/// first bytes and then by the extension of `name` (an uploaded `表.csv`), as [`read_path`]
/// tells it; `name` names the source in diagnostics and errors.
pub fn read_stream<R: Read + Send + 'static>(name: &str, source: R) -> Result<Items, ReadError> {
    read_from(name, Path::new(name), source)
}

/// Reads `source`; `path` is the file name whose extension helps tell the format.
fn read_from<R: Read + Send + 'static>(name: &str, path: &Path, mut source: R) -> Result<Items, ReadError> {
    let name = name.to_owned();
    let io = |error| ReadError::Io { path: name.clone(), error };
    let mut head = [0u8; 512];
    let n = read_head(&mut source, &mut head).map_err(io)?;
    let head = &head[..n];
    match Format::detect(path, head) {
        Some(Format::Json) => Ok(Box::new(json::read(&name, std::io::Cursor::new(head.to_vec()).chain(source)))),
        Some(Format::Csv) if flat::is_flat_csv(head) => {
            // jixiao's own flat CSV, perhaps saved again by Excel in the system's code page.
            let encoding = text::detect_encoding(head);
            if encoding == encoding_rs::UTF_8 {
                let source = std::io::Cursor::new(head.to_vec()).chain(source);
                return Ok(Box::new(flat::FlatReader::new(&name, source)?));
            }
            let mut bytes = head.to_vec();
            source.read_to_end(&mut bytes).map_err(io)?;
            let (text, _, _) = encoding.decode(&bytes);
            Ok(Box::new(flat::FlatReader::new(&name, std::io::Cursor::new(text.into_owned().into_bytes()))?))
        }
        Some(format @ (Format::Text | Format::Csv)) => {
            let source = std::io::Cursor::new(head.to_vec()).chain(source);
            let style = (format == Format::Csv).then_some(text::Style::Csv);
            Ok(Box::new(text::TextReader::with_style(&name, source, style)?))
        }
        Some(Format::Sheet(kind)) => {
            // The spreadsheet libraries need the whole file to seek in: read up to the limit.
            let limits = sheet::Limits::from_env();
            let bytes = sheet::limits::read_input(head, source, &limits).map_err(|e| match e {
                sheet::limits::LimitError::Io(error) => io(error),
                sheet::limits::LimitError::Exceeded(message) => {
                    ReadError::Workbook { path: name.clone(), sheet: None, message: format!("拒绝读取: {message}") }
                }
            })?;
            sheet::read(&name, bytes, kind)
        }
        Some(Format::Pdf) => {
            let mut bytes = head.to_vec();
            source.read_to_end(&mut bytes).map_err(io)?;
            pdf::read(&name, &bytes)
        }
        Some(Format::Html) => Err(ReadError::HtmlWorkbook { path: name }),
        None => Err(ReadError::UnknownFormat { path: name }),
    }
}

/// Reads text from any source (standard input, a buffer) as a stream of documents.
pub fn read_text<R: Read + Send + 'static>(name: &str, source: R) -> Result<Items, ReadError> {
    Ok(Box::new(text::TextReader::new(name, source)?))
}

/// Reads a sheet saved as CSV from any source, as [`read_path`] reads a `.csv` file that is not
/// jixiao's flat CSV.
pub fn read_csv<R: Read + Send + 'static>(name: &str, source: R) -> Result<Items, ReadError> {
    Ok(Box::new(text::TextReader::with_style(name, source, Some(text::Style::Csv))?))
}

fn read_head(source: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match source.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}
