//! Reading tables from text copied out of PDFs, Word files and web pages: the text is decoded,
//! its lines split into cells, and the cells handed to the assembler, a chunk at a time, so
//! that memory stays flat however large the file.

mod barred;
mod decode;
mod gather;
mod lex;

use std::collections::VecDeque;
use std::io::Read;

use jixiao_core::source::Position;
use jixiao_core::{readings, script};

pub use self::decode::detect as detect_encoding;
pub use self::lex::Style;
use super::{Assembler, Item, ReadError, bracketed};
use crate::diagnostic::{Diagnostic, Severity};

/// The most lines one CSV record may take: a stray quote must not swallow the rest of a file.
const MAX_RECORD_LINES: u32 = 200;

/// A stream of the documents (and diagnostics) in a text.
pub struct TextReader<R: Read> {
    name: String,
    lines: decode::Lines<R>,
    style: Option<Style>,
    lexer: lex::Lexer,
    line_no: u32,
    assembler: Option<Assembler>,
    ready: VecDeque<Item>,
    buffer: Vec<Item>,
    failed: bool,
    replacements_reported: bool,
    /// Whether the style has been settled and the encoding reported.
    started: bool,
    /// A CSV record whose quoted field runs on over the next lines, and its first line.
    record: String,
    record_line: u32,
    /// Set for a text in traditional script: its lines are read simplified, its documents
    /// given back as published.
    script: Option<script::Script>,
    /// Set for a copy that prints pinyin readings after its characters: they are taken out.
    glossed: bool,
    /// Set for targets published as prose under bracketed headings, which are read a line at a
    /// time instead of as cells.
    bracketed: Option<bracketed::Bracketed>,
    /// Set for a page that breaks its rows after a line of one bar, a cell a line: they are
    /// gathered back into rows.
    gather: Option<gather::Gather>,
    /// Set for a text whose cells are told apart by lines of one bar, each cell on the lines
    /// between: they are joined back into cells.
    barred: Option<barred::Barred>,
    /// Rows of bars seen that end in one, and a row that does not, held until the next line
    /// says whether the text was cut inside it.
    barred_rows: u32,
    unbarred: Option<(String, u32)>,
}

impl<R: Read> TextReader<R> {
    /// Starts reading `source`; `name` names it in errors.
    pub fn new(name: &str, source: R) -> Result<Self, ReadError> {
        Self::with_style(name, source, None)
    }

    /// Starts reading `source` in the given style, or the style sniffed from its start.
    pub fn with_style(name: &str, source: R, style: Option<Style>) -> Result<Self, ReadError> {
        let lines = decode::Lines::new(source).map_err(|error| ReadError::Io { path: name.to_owned(), error })?;
        Ok(TextReader {
            name: name.to_owned(),
            lines,
            style,
            lexer: lex::Lexer::default(),
            line_no: 0,
            assembler: Some(Assembler::new()),
            ready: VecDeque::new(),
            buffer: Vec::new(),
            failed: false,
            replacements_reported: false,
            started: false,
            record: String::new(),
            record_line: 0,
            script: None,
            glossed: false,
            bracketed: None,
            gather: None,
            barred: None,
            barred_rows: 0,
            unbarred: None,
        })
    }

    /// Reads lines until at least one item is ready or the text ends.
    fn advance(&mut self) -> Result<(), ReadError> {
        let io = |name: &str, error| ReadError::Io { path: name.to_owned(), error };
        if !self.started {
            self.started = true;
            let sample = self.lines.peek().map_err(|e| io(&self.name, e))?;
            if self.style.is_none() {
                self.style = Some(lex::sniff(sample));
            }
            if matches!(self.style, Some(Style::PipeRows | Style::PipeCells)) && gather::sniff(sample) {
                self.gather = Some(gather::Gather::default());
            }
            if self.style == Some(Style::PipeCells) && barred::sniff(sample) {
                self.barred = Some(barred::Barred::default());
            }
            if self.style != Some(Style::Csv) && bracketed::sniff(sample) {
                self.bracketed = Some(bracketed::Bracketed::default());
            }
            let unglossed;
            let sample = match readings::sniff(sample).then(|| readings::strip(sample)).flatten() {
                Some((text, first)) => {
                    self.glossed = true;
                    self.buffer.push(Item::Diagnostic(Diagnostic::note(
                        "pinyin-readings",
                        None,
                        format!("文字的字后印有拼音注音 (如 “{first}”, 转载网站所加, 不是表格的内容): 已去掉注音再读"),
                    )));
                    unglossed = text;
                    unglossed.as_str()
                }
                None => sample,
            };
            if script::is_traditional(sample) {
                self.script = Some(script::Script::default());
                self.buffer.push(Item::Diagnostic(Diagnostic::note(
                    "traditional-script",
                    None,
                    "表格为繁体字: 按简体字识别表头、指标级次和指标值, 读入的文字保留原文".to_owned(),
                )));
            }
            if self.lines.encoding != encoding_rs::UTF_8 {
                self.buffer.push(Item::Diagnostic(Diagnostic::note(
                    "encoding",
                    None,
                    format!("文件不是 UTF-8 编码, 按 {} 读取", self.lines.encoding.name()),
                )));
            }
        }
        let style = self.style.unwrap_or(Style::Lines);
        let Some(assembler) = self.assembler.as_mut() else { return Ok(()) };
        // Lines are read in batches: one item can take many lines.
        for _ in 0..256 {
            // What decoding did to the lines read so far, each at its line and column.
            for event in self.lines.take_events() {
                self.buffer.push(Item::Diagnostic(decode::diagnostic(&event, self.lines.encoding)));
            }
            let line = self.lines.next_line().map_err(|e| io(&self.name, e))?;
            let unglossed;
            let line = match line.filter(|_| self.glossed).and_then(readings::strip) {
                Some((text, _)) => {
                    unglossed = text;
                    Some(unglossed.as_str())
                }
                None => line,
            };
            let simplified;
            let line = match (&mut self.script, line) {
                (Some(script), Some(line)) => {
                    simplified = script.simplify(line);
                    Some(simplified.as_str())
                }
                (_, line) => line,
            };
            let Some(line) = line else {
                // A row of bars whose text ends before its last bar was cut inside its last cell.
                if let Some((held, line_no)) = self.unbarred.take() {
                    if let Some(row) = self.lexer.lex(style, &held, line_no) {
                        let mut row = row.clone();
                        let cut = row.cells.pop();
                        push_cut_row(assembler, Some(row).filter(|r| !r.cells.is_empty()), cut, &mut self.buffer);
                    }
                }
                if let Some(row) = self.barred.as_mut().and_then(barred::Barred::finish) {
                    assembler.push_row(&row, &mut self.buffer);
                }
                // A row broken over lines ends with the text, perhaps inside a cell.
                if let Some(gather) = &mut self.gather {
                    let (row, cut) = gather.close_at_end(&mut self.lexer);
                    push_cut_row(assembler, row, cut, &mut self.buffer);
                }
                // A CSV record left open by a quote that never closes ends with the text.
                if !self.record.is_empty() {
                    if let Some(row) = self.lexer.lex(style, &self.record, self.record_line) {
                        assembler.push_row(row, &mut self.buffer);
                    }
                    self.record.clear();
                }
                if let Some(a) = self.assembler.take() {
                    a.finish(&mut self.buffer);
                }
                if let Some(b) = self.bracketed.take() {
                    b.finish(&mut self.buffer);
                }
                break;
            };
            self.line_no = self.line_no.saturating_add(1);
            if let Some(b) = &mut self.bracketed {
                b.line(self.line_no, line, &mut self.buffer);
                continue;
            }
            if style == Style::Csv {
                // A quoted field may hold line breaks: a record runs on until its quotes close.
                if self.record.is_empty() {
                    self.record_line = self.line_no;
                } else {
                    self.record.push('\n');
                }
                self.record.push_str(line);
                if lex::csv_open(&self.record) && self.line_no - self.record_line < MAX_RECORD_LINES {
                    continue;
                }
                if let Some(row) = self.lexer.lex(style, &self.record, self.record_line) {
                    assembler.push_row(row, &mut self.buffer);
                }
                self.record.clear();
                continue;
            }
            if let Some(barred) = &mut self.barred {
                if let Some(row) = barred.line(line, self.line_no) {
                    assembler.push_row(&row, &mut self.buffer);
                }
                continue;
            }
            // The text went on after a row that did not end in its bar: it was whole.
            if let Some((held, line_no)) = self.unbarred.take() {
                if let Some(row) = self.lexer.lex(style, &held, line_no) {
                    assembler.push_row(row, &mut self.buffer);
                }
            }
            if let Some(gather) = &mut self.gather {
                if gather.take(line, self.line_no) {
                    continue;
                }
                if gather.is_open() {
                    if let Some(row) = gather.close(&mut self.lexer) {
                        assembler.push_row(&row, &mut self.buffer);
                    }
                    // The bar that opens the next row.
                    if gather.take(line, self.line_no) {
                        continue;
                    }
                }
            }
            if style == Style::PipeRows {
                if line.trim_end().ends_with('|') {
                    self.barred_rows = self.barred_rows.saturating_add(1);
                } else if self.barred_rows >= 3 && line.contains('|') {
                    // Read once the next line shows the text goes on.
                    self.unbarred = Some((line.to_owned(), self.line_no));
                    continue;
                }
            }
            if let Some(row) = self.lexer.lex(style, line, self.line_no) {
                assembler.push_row(row, &mut self.buffer);
            }
        }
        for event in self.lines.take_events() {
            self.buffer.push(Item::Diagnostic(decode::diagnostic(&event, self.lines.encoding)));
        }
        if self.lines.had_replacements && !self.replacements_reported {
            self.replacements_reported = true;
            self.buffer.push(Item::Diagnostic(Diagnostic {
                code: "invalid-bytes",
                severity: Severity::Warning,
                position: Some(Position::text(self.line_no, 1)),
                until: None,
                message: format!("文件中有按 {} 无法解码的字节, 已替换为 “\u{FFFD}”", self.lines.encoding.name()),
            }));
        }
        if let Some(script) = &self.script {
            for item in &mut self.buffer {
                if let Item::Document(d) = item {
                    script.restore(&mut d.document);
                }
            }
        }
        self.ready.extend(self.buffer.drain(..));
        Ok(())
    }
}

/// The row the text ends in, without the cell it ends inside (a page copied short): that cell's
/// whole content is not known, so it is reported rather than read, and the table is marked cut.
fn push_cut_row(
    assembler: &mut Assembler,
    row: Option<crate::read::grid::Row>,
    cut: Option<crate::read::grid::Cell>,
    out: &mut Vec<Item>,
) {
    if let Some(row) = row {
        assembler.push_row(&row, out);
    }
    if let Some(cell) = cut {
        assembler.cut_short(&cell.position);
        out.push(Item::Diagnostic(Diagnostic::unplaced(
            cell.position,
            &cell.text,
            "文字在这个单元格中间结束 (表格被截断), 不知道它完整的内容",
        )));
    }
}

impl<R: Read> Iterator for TextReader<R> {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(Ok(item));
            }
            if self.failed || self.assembler.is_none() {
                return None;
            }
            if let Err(e) = self.advance() {
                self.failed = true;
                return Some(Err(e));
            }
        }
    }
}
