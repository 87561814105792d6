//! Recognising tables in a stream of rows: where a table starts (its title or first header
//! label), its header block (label → value), its indicator block, and where it ends. The same
//! assembler serves text and spreadsheets; what it cannot place becomes a diagnostic.

mod fields;
mod indicators;
mod labels;
mod split;
mod tasks;
mod wrap;

use std::borrow::Cow;
use std::collections::VecDeque;

use jixiao_core::source::{Position, SourceMap};
use jixiao_core::text::trim;
use jixiao_core::{Document, DocumentKind, MoneyUnit, Project, SelfEvaluation};
use rust_decimal::Decimal;

use self::fields::{
    StatedUnit, is_instruction, is_placeholder, kind_of, parse_amount, split_code, split_numbered, year_of,
};
use self::indicators::{HeaderPart, IndicatorBlock};
use self::labels::{ExecutionColumn, Label, Role, is_footnote, is_furniture, is_title, label, unit_line};
use self::tasks::TaskBlock;
use self::wrap::OpenText;
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::grid::{Cell, Layout, Row};
use crate::read::{Item, ReadDocument};

/// Whether a cell's text is a label of the templates (a header label such as 项目名称 or an
/// indicator column header such as 一级指标): readers consume such cells as structure.
pub fn is_template_label(text: &str) -> bool {
    label(text, false).is_some() || label(text, true).is_some()
}

/// Recognises tables in a stream of rows and assembles documents from them. Push rows in
/// input order; completed documents and diagnostics are appended to `out` as soon as known.
#[derive(Debug, Default)]
pub struct Assembler {
    table: Option<Table>,
    /// Text outside any table, gathered into one note per stretch.
    outside: Option<Outside>,
    /// The last title seen, for tables that follow one another under one heading.
    heading: Option<Heading>,
    /// A `单位:万元` line seen outside a table, for the next table's amounts.
    unit: Option<StatedUnit>,
    /// Where text outside any table named the indicator columns (a document flattened onto one
    /// line, a table this reader cannot split): a warning at the end if nothing was read.
    header_outside: Option<Position>,
    /// Whether any table of this section gave indicators.
    indicators_read: bool,
    /// Whether the cells being read are the words of a document flattened onto one line.
    flattened: bool,
}

#[derive(Debug, Clone)]
struct Heading {
    title: String,
    year: Option<i32>,
    kind: Option<DocumentKind>,
    position: Position,
}

/// A stretch of text outside any table, reported as one note from its first to its last cell.
#[derive(Debug)]
struct Outside {
    first: Position,
    last: Position,
    text: String,
    count: usize,
}

/// Which part of a table the rows are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Header,
    /// The 年度主要任务 block of a department table.
    Tasks,
    Execution,
    Indicators,
    Trailer,
}

/// A label waiting for its value.
#[derive(Debug, Clone)]
struct Pending {
    label: Label,
    /// The label's own text, for labels whose meaning depends on it (当年财政拨款).
    text: String,
    position: Position,
}

#[derive(Debug)]
struct Table {
    doc: Document,
    source: SourceMap,
    heading: Option<Heading>,
    /// Whether anything but the title has been read: an empty table is just a heading.
    started: bool,
    kind_known: bool,
    phase: Phase,
    labels: VecDeque<Pending>,
    /// Values taken in the current row (a row of only labels keeps them waiting).
    row_values: usize,
    /// Whether the last cell was a label: in one-cell-per-line text, an empty cell right after
    /// a label is its blank value, while one after a value is just spacing.
    after_label: bool,
    unit: Option<StatedUnit>,
    /// Whether 资金总额 (over the period) appeared, which makes plain 财政拨款 the period's.
    period_funds: bool,
    execution: Vec<ExecutionColumn>,
    /// The budget-execution values read so far, and the breakdown row being read.
    execution_filled: usize,
    execution_part: Option<(Position, String, Vec<String>)>,
    block: Option<IndicatorBlock>,
    /// Values of the totals row (合计), with where they were.
    totals: Vec<(String, Position)>,
    /// A long value read last, which the next line may continue (a wrapped cell).
    open_text: Option<OpenText>,
    tasks: Option<TaskBlock>,
    /// Where the indicator header began, to say where when no indicator came of it.
    header_at: Option<Position>,
}

impl Assembler {
    /// A new assembler.
    pub fn new() -> Self {
        Assembler::default()
    }

    /// Takes the next row. The row is only borrowed, so that a reader can reuse its buffers.
    pub fn push_row(&mut self, row: &Row, out: &mut Vec<Item>) {
        match row.layout {
            Layout::Linear => {
                for cell in &row.cells {
                    self.linear_cell(cell, out);
                }
            }
            Layout::Loose => {
                for cell in &row.cells {
                    self.loose_cell(cell, out);
                }
            }
            Layout::Grid | Layout::Shifting | Layout::Aligned => self.grid_row(row, out),
        }
    }

    /// Ends a section that no table continues across (a sheet, a file).
    pub fn end_section(&mut self, out: &mut Vec<Item>) {
        self.finish_table(out);
        self.flush_outside(out);
        if let Some(at) = self.header_outside.take() {
            if !self.indicators_read {
                out.push(Item::Diagnostic(no_indicators(
                    at,
                    "表格之外的文字里有指标表头 (一级指标、三级指标…), 但没有读出任何指标: 单元格之间可能没有分隔",
                )));
            }
        }
        self.indicators_read = false;
        self.heading = None;
        self.unit = None;
    }

    /// Ends the input.
    pub fn finish(mut self, out: &mut Vec<Item>) {
        self.end_section(out);
    }

    /// A row whose cells are in order: in the indicator block a data row is read as a whole;
    /// elsewhere cell by cell.
    fn grid_row(&mut self, row: &Row, out: &mut Vec<Item>) {
        let layout = row.layout;
        // Readers give trimmed, non-empty cells; a cheap look at the ends catches other rows,
        // whose cells are then trimmed here.
        let clean = row.cells.iter().all(|c| {
            let b = c.text.as_bytes();
            b.first().is_some_and(|x| !x.is_ascii_whitespace()) && b.last().is_some_and(|x| !x.is_ascii_whitespace())
        });
        let cells: Cow<'_, [Cell]> = if clean {
            Cow::Borrowed(&row.cells)
        } else {
            Cow::Owned(
                row.cells
                    .iter()
                    .filter(|c| !trim(&c.text).is_empty())
                    .map(|c| Cell { text: trim(&c.text).to_owned(), ..c.clone() })
                    .collect(),
            )
        };
        if cells.is_empty() {
            return;
        }
        if cells.len() == 1 && is_page_number(&cells[0].text) {
            // A page number, wherever it falls.
            out.push(furniture_note(&cells[0]));
            return;
        }
        if let Some(table) = &mut self.table {
            if table.continues_text(&cells, layout, out) {
                return;
            }
            if table.takes_task_row(&cells, out) {
                return;
            }
            if table.phase == Phase::Indicators {
                let block = table.block.as_mut().expect("the indicator phase has a block");
                let first = label(&cells[0].text, false);
                if !ends_block_with(&cells[0].text, first) {
                    if matches!(first, Some(Label::Role(_))) && block.takes_header_row(&cells) {
                        return;
                    }
                    if is_sub_header_row(&cells) {
                        // `2021年实际实现值 | 预期2022年实现值` under 指标值: the header's second line.
                        out.push(Item::Diagnostic(Diagnostic::note(
                            "header-row",
                            Some(cells[0].position.clone()),
                            format!("表头的下一行, 不是指标: “{}”", excerpt(&cells[0].text)),
                        )));
                        return;
                    }
                    block.data_row(&cells, layout, &mut table.doc, &mut table.source, out);
                    return;
                }
            }
        }
        for cell in cells.iter() {
            self.cell(cell, false, out);
        }
        if let Some(table) = &mut self.table {
            table.end_row(out);
        }
    }

    /// A cell of a layout with one cell per line.
    fn linear_cell(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if let Some(table) = &mut self.table {
            if !text.is_empty() && is_page_number(text) {
                out.push(furniture_note(cell));
                return;
            }
            if table.phase == Phase::Indicators && (text.is_empty() || !ends_block(text)) {
                let block = table.block.as_mut().expect("the indicator phase has a block");
                block.flattened |= self.flattened;
                if !text.is_empty() {
                    match block.wrapped_header(cell) {
                        HeaderPart::Taken => return,
                        HeaderPart::Released(first) => {
                            if !block.takes_header_cell(&first) {
                                block.linear_cell(&first, &mut table.doc, &mut table.source, out);
                            }
                        }
                        HeaderPart::No => {}
                    }
                }
                if !text.is_empty() && block.takes_header_cell(cell) {
                    return;
                }
                block.linear_cell(cell, &mut table.doc, &mut table.source, out);
                return;
            }
            if text.is_empty() {
                table.empty_value(cell.position.clone(), out);
                return;
            }
        }
        if !text.is_empty() {
            self.cell(cell, true, out);
        }
    }

    /// A line that is not a cell: a title, a unit line, or text the table cannot use.
    fn loose_cell(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if text.is_empty() {
            return;
        }
        if is_title(text) || unit_line(text).is_some() {
            self.cell(cell, true, out);
            return;
        }
        match &self.table {
            Some(t) if t.started => out.push(Item::Diagnostic(Diagnostic::note(
                "stray-text",
                Some(cell.position.clone()),
                format!("表格中间的非单元格文字, 未读入: “{}”", excerpt(text)),
            ))),
            _ => self.note_outside(&cell.position, text),
        }
    }

    /// One cell outside the indicator data: titles, labels, values.
    fn cell(&mut self, cell: &Cell, linear: bool, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if is_furniture(text) {
            if is_table_number(text) {
                // A table number (表十二) heads the next table.
                self.finish_table(out);
            }
            out.push(furniture_note(cell));
            return;
        }
        if let Some(unit) = unit_line(text) {
            match &mut self.table {
                Some(t) => t.unit = Some(unit),
                None => self.unit = Some(unit),
            }
            return;
        }
        if is_title(text) {
            self.start_title(text.to_owned(), cell.position.clone(), out);
            return;
        }
        if linear && !self.flattened && is_flattened(text) {
            // A whole document on one line, its cells separated by spaces (a .docx saved as
            // text): read word by word, as if each were a cell on a line of its own.
            out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                Some(cell.position.clone()),
                "整份表格在一行里, 单元格之间只有空格: 按空格拆分后逐格读入".to_owned(),
            )));
            self.flattened = true;
            let mut words = text.split_whitespace().peekable();
            while let Some(word) = words.next() {
                // A bracket after a space belongs to the word before (`项目资金 (万元)`).
                let mut word = word.to_owned();
                while let Some(next) = words.next_if(|w| w.starts_with(['(', '（'])) {
                    word.push(' ');
                    word.push_str(next);
                }
                self.linear_cell(&Cell { text: word, ..cell.clone() }, out);
            }
            self.flattened = false;
            return;
        }
        let in_execution = self.table.as_ref().is_some_and(|t| t.phase == Phase::Execution);
        let mut found = label(text, in_execution);
        if let Some(Label::Role(r)) = found {
            let no_block = self.table.as_ref().is_none_or(|t| t.block.is_none());
            let opens = if self.flattened {
                r == Role::Level1
            } else {
                matches!(
                    r,
                    Role::Level1
                        | Role::Level2
                        | Role::Name
                        | Role::Target
                        | Role::Category
                        | Role::Policy
                        | Role::LongLevel2
                        | Role::LongName
                        | Role::LongTarget
                )
            };
            if no_block && !opens && linear {
                // One cell per line: 分值, 得分 … before any level or 三级 column are the budget
                // block's, not an indicator header's (in a flattened document only 一级指标
                // opens one).
                found = None;
            }
        }
        // A run of header words starts with 一级指标, or a group caption (绩效指标, 年度绩效目标).
        let may_be_header = text.len() >= 18 && matches!(text.chars().next(), Some('一' | '绩' | '年'));
        if found.is_none() && self.table.is_some() && may_be_header && has_word(text, "指标") {
            if let Some((words, joined)) = split::header_words(text) {
                // A header line whose cells ran together: its words, one by one, as if apart.
                for (i, (_, word)) in words.into_iter().enumerate() {
                    let col = cell.col.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                    self.cell(&Cell { text: word, col, ..cell.clone() }, linear, out);
                }
                if let Some(block) = self.table.as_mut().and_then(|t| t.block.as_mut()) {
                    block.joined = Some(joined);
                }
                out.push(Item::Diagnostic(Diagnostic::note(
                    "split-cell",
                    Some(cell.position.clone()),
                    format!("指标表头的单元格之间没有分隔符, 按表头词拆分, 其下各行也按内容拆分: “{}”", excerpt(text)),
                )));
                return;
            }
        }
        if found == Some(Label::Attachment) || is_footnote(text) {
            // 附件, 备注 and footnotes under a table close it: what follows is the page's.
            self.finish_table(out);
        }
        if let Some(l) = found {
            if self.starts_new_table(l) {
                self.finish_table(out);
            }
            if self.table.is_none() && opens_table(l) {
                self.open_table(None, out);
            }
        }
        let Some(table) = self.table.as_mut() else {
            self.note_outside(&cell.position, text);
            return;
        };
        if !table.started && found.is_none() {
            // Between a title and its first label: the title's year, or text around the table.
            if !table.year_cell(text) {
                self.note_outside(&cell.position, text);
            }
            return;
        }
        match found {
            Some(l) => table.label(l, text, cell, linear, out),
            None => table.value(text, cell, out),
        }
    }

    /// Whether `l` begins a table of its own: the current table already has what it names.
    fn starts_new_table(&self, l: Label) -> bool {
        let Some(t) = &self.table else { return false };
        if !t.started {
            return false;
        }
        match l {
            Label::ProjectName => {
                t.doc.project.as_ref().is_some_and(|p| !p.name.is_empty()) || t.phase != Phase::Header
            }
            Label::Department { .. } => !t.doc.department.is_empty() && t.phase != Phase::Header,
            _ => false,
        }
    }

    fn start_title(&mut self, text: String, position: Position, out: &mut Vec<Item>) {
        if let Some(t) = &self.table {
            if !t.started {
                // A heading with no table under it: a mention in prose, or a page heading.
                let t = self.table.take().expect("checked above");
                if let Some(h) = t.heading {
                    self.note_outside(&h.position, &h.title);
                }
            } else {
                self.finish_table(out);
            }
        }
        let title = text.trim_start_matches("附件:").trim_start_matches("附件：").to_owned();
        let heading = Heading { year: year_of(&title), kind: kind_of(&title), title, position };
        self.heading = Some(heading.clone());
        self.open_table(Some(heading), out);
    }

    fn open_table(&mut self, heading: Option<Heading>, out: &mut Vec<Item>) {
        self.flush_outside(out);
        let heading = heading.or_else(|| self.heading.clone());
        let kind = heading.as_ref().and_then(|h| h.kind);
        let mut doc = Document::new(kind.unwrap_or(DocumentKind::Project));
        let mut source = SourceMap::default();
        if let Some(h) = &heading {
            doc.title = h.title.clone();
            doc.year = h.year;
            source.document = Some(h.position.clone());
            if h.title.contains("自评") {
                doc.self_evaluation = Some(SelfEvaluation::default());
            }
        }
        self.table = Some(Table {
            doc,
            source,
            heading,
            started: false,
            kind_known: kind.is_some(),
            phase: Phase::Header,
            labels: VecDeque::new(),
            row_values: 0,
            after_label: false,
            unit: self.unit,
            period_funds: false,
            execution: Vec::new(),
            execution_filled: 0,
            execution_part: None,
            block: None,
            totals: Vec::new(),
            open_text: None,
            tasks: None,
            header_at: None,
        });
    }

    fn finish_table(&mut self, out: &mut Vec<Item>) {
        let Some(mut t) = self.table.take() else { return };
        if !t.started {
            if let Some(h) = t.heading {
                self.note_outside(&h.position, &h.title);
            }
            return;
        }
        t.close_labels(out);
        t.flush_execution_part(out);
        t.finish_tasks(out);
        if let Some(block) = &mut t.block {
            block.finish(&mut t.doc, &mut t.source, out);
        }
        t.check_totals(out);
        if let (Some(at), true) = (&t.header_at, t.doc.indicators.is_empty()) {
            out.push(Item::Diagnostic(no_indicators(at.clone(), "表中有指标表头, 但其下没有读出任何指标")));
        }
        if !t.doc.indicators.is_empty() {
            self.indicators_read = true;
        }
        if t.doc.year.is_none() {
            out.push(Item::Diagnostic(Diagnostic::note(
                "missing-year",
                t.source.document.clone(),
                "表名没有写明预算年度, year 为 null".to_owned(),
            )));
        }
        out.push(Item::Document(Box::new(ReadDocument { document: t.doc, source: t.source })));
    }

    /// Gathers text outside any table; [`Assembler::flush_outside`] reports each stretch once.
    fn note_outside(&mut self, position: &Position, text: &str) {
        if self.header_outside.is_none() && names_indicator_columns(text) {
            self.header_outside = Some(position.clone());
        }
        match &mut self.outside {
            Some(o) => {
                o.count += 1;
                // A replaced heading is noted after the text that followed it: keep the stretch ordered.
                if let (Position::Text { line: a, .. }, Position::Text { line: b, .. }) = (&o.first, position) {
                    if b < a {
                        o.first = position.clone();
                    }
                }
                if let (Position::Text { line: a, .. }, Position::Text { line: b, .. }) = (&o.last, position) {
                    if b > a {
                        o.last = position.clone();
                    }
                }
                if !matches!(position, Position::Text { .. }) {
                    o.last = position.clone();
                }
            }
            None => {
                self.outside =
                    Some(Outside { first: position.clone(), last: position.clone(), text: excerpt(text), count: 1 })
            }
        }
    }

    fn flush_outside(&mut self, out: &mut Vec<Item>) {
        if let Some(o) = self.outside.take() {
            let (message, until) = if o.count > 1 {
                (format!("表格之外的文字 ({} 处), 未读入: “{}” 等", o.count, o.text), Some(o.last))
            } else {
                (format!("表格之外的文字, 未读入: “{}”", o.text), None)
            };
            let mut d = Diagnostic::note("outside-table", Some(o.first), message);
            d.until = until;
            out.push(Item::Diagnostic(d));
        }
    }
}

/// Whether a line is a whole document flattened onto it: long, with spaces between its cells,
/// and naming the indicator columns one by one.
fn is_flattened(text: &str) -> bool {
    text.len() > 600 && text.contains(" 一级指标 二级指标 三级指标 ")
}

/// Whether text names the indicator columns of a table (一级指标, 三级指标, in either script).
fn names_indicator_columns(text: &str) -> bool {
    ["三级指标", "三級指標", "一级指标", "一級指標"].iter().any(|w| text.contains(w))
}

/// The warning that a table's indicators could not be read.
fn no_indicators(at: Position, message: &str) -> Diagnostic {
    Diagnostic {
        code: "no-indicators",
        severity: crate::diagnostic::Severity::Warning,
        position: Some(at),
        until: None,
        message: message.to_owned(),
    }
}

/// A page number (`— 1 —`, `第 2 页`): furniture anywhere, even inside an indicator block.
fn is_page_number(text: &str) -> bool {
    is_furniture(text) && !text.contains('表')
}

/// A table number (`表十二`, `附表3-1`): furniture that heads the next table.
fn is_table_number(text: &str) -> bool {
    is_furniture(text) && text.contains('表')
}

fn furniture_note(cell: &Cell) -> Item {
    Item::Diagnostic(Diagnostic::note(
        "page-furniture",
        Some(cell.position.clone()),
        format!("页码或表号 “{}”, 未读入", trim(&cell.text)),
    ))
}

/// Labels after which the indicator block is over.
fn ends_block(text: &str) -> bool {
    ends_block_with(text, label(text, false))
}

/// [`ends_block`] for a cell whose label is already known.
fn ends_block_with(text: &str, label: Option<Label>) -> bool {
    if is_title(text) || is_footnote(text) || is_table_number(text) {
        return true;
    }
    if (text.ends_with('日') || text.ends_with(')')) && has_word(text, "盖章") {
        // The reviewers' boxes under the table (财政绩效管理科室(盖章) 年 月 日).
        return true;
    }
    matches!(
        label,
        Some(
            Label::ProjectName
                | Label::Department { .. }
                | Label::Total
                | Label::Conclusion
                | Label::Problems
                | Label::Improvements
                | Label::Signature
                | Label::Attachment
                | Label::Goals
                | Label::Implementer
        )
    )
}

/// Whether every cell of a row names a column of values (`2021年实际实现值`, `预期2022年实现值`,
/// `年度指标值`): the second line of a header whose first said 指标值, never an indicator.
fn is_sub_header_row(cells: &[Cell]) -> bool {
    const ENDS: [&str; 5] = ["实现值", "指标值", "完成值", "目标值", "预期值"];
    !cells.is_empty()
        && cells.iter().all(|c| {
            let t = c.text.as_str();
            t.ends_with('值') && ENDS.iter().any(|e| t.ends_with(e)) && t.chars().count() <= 12
        })
}

/// Whether `text` holds `word`, a word of CJK characters: found by the last byte of its last
/// character, so that the cells of every row cost one quick scan rather than a substring search
/// set up per call.
fn has_word(text: &str, word: &str) -> bool {
    let (t, w) = (text.as_bytes(), word.as_bytes());
    let Some(&last) = w.last() else { return true };
    memchr::memchr_iter(last, t).any(|i| i + 1 >= w.len() && t[i + 1 - w.len()..=i] == *w)
}

/// Labels that can start a table that has no title.
fn opens_table(l: Label) -> bool {
    matches!(l, Label::ProjectName | Label::Department { .. } | Label::Preparer)
}

impl Table {
    /// Whether `text` is the year of a title that lacked one (`2020年度)` under the title).
    fn year_cell(&mut self, text: &str) -> bool {
        if self.started || self.doc.year.is_some() || text.chars().count() > 10 {
            return false;
        }
        let core = text.trim_matches(['(', ')', '（', '）']);
        let core = core.strip_suffix("年度").or_else(|| core.strip_suffix('年'));
        match core.and_then(|c| c.parse::<i32>().ok()).filter(|y| (1990..=2100).contains(y)) {
            Some(y) => {
                self.doc.year = Some(y);
                if let Some(h) = &mut self.heading {
                    h.year = Some(y);
                }
                true
            }
            None => false,
        }
    }

    fn project(&mut self) -> &mut Project {
        self.doc.project.get_or_insert_with(Project::default)
    }

    fn self_evaluation(&mut self) -> &mut SelfEvaluation {
        self.doc.self_evaluation.get_or_insert_with(SelfEvaluation::default)
    }

    /// Takes a row of the 年度主要任务 block: the row that opens it (its label, then column
    /// headers), or one inside it (headers, a task, 金额合计). Only department tables have one.
    fn takes_task_row(&mut self, cells: &[Cell], out: &mut Vec<Item>) -> bool {
        if self.kind_known && self.doc.kind != DocumentKind::Department {
            return false;
        }
        let first = &cells[0];
        let found = label(&first.text, false);
        let rest = if found == Some(Label::Tasks) {
            self.label(Label::Tasks, &first.text, first, false, out);
            &cells[1..]
        } else if self.phase == Phase::Tasks
            && (found.is_none() || found == Some(Label::Total) || tasks::is_column(&first.text))
        {
            cells
        } else {
            return false;
        };
        let unit = self.unit;
        if let Some(block) = &mut self.tasks {
            block.row(rest, &mut self.doc, unit, out);
        }
        true
    }

    fn finish_tasks(&mut self, out: &mut Vec<Item>) {
        if let Some(block) = &mut self.tasks {
            block.finish(&self.doc, out);
        }
    }

    /// The list a long-text label fills (goals, duties), if it fills a list.
    fn long_text(&mut self, label: Label) -> Option<&mut Vec<String>> {
        match label {
            Label::Goals => Some(&mut self.doc.goals),
            Label::LongTermGoals => Some(&mut self.doc.long_term_goals),
            Label::Duties => Some(&mut self.doc.duties),
            _ => None,
        }
    }

    /// Sets a long-text field from its whole value: a list from item `start` on (split at its
    /// numbering), a text as it is.
    fn set_long_text(&mut self, label: Label, start: usize, value: &str) {
        if let Some(items) = self.long_text(label) {
            items.truncate(start);
            items.extend(split_numbered(value));
            return;
        }
        match label {
            Label::Summary => self.project().summary = Some(value.to_owned()),
            Label::Basis => self.project().basis = Some(value.to_owned()),
            Label::GoalsAchieved => self.self_evaluation().goals_achieved = nonempty(value),
            Label::Conclusion => self.self_evaluation().conclusion = nonempty(value),
            Label::Problems => self.self_evaluation().problems = nonempty(value),
            Label::Improvements => self.self_evaluation().improvements = nonempty(value),
            _ => {}
        }
    }

    /// Takes a row that continues the long value read last: one cell, in that value's column,
    /// that is no label, title or page furniture, while no label waits for a value.
    fn continues_text(&mut self, cells: &[Cell], layout: Layout, out: &mut Vec<Item>) -> bool {
        let Some(mut open) = self.open_text.take() else { return false };
        let [cell] = cells else { return false };
        let text = trim(&cell.text);
        let other = label(text, false).is_some()
            || is_title(text)
            || is_furniture(text)
            || unit_line(text).is_some()
            || is_footnote(text);
        if other
            || !layout.same_column(cell.col, open.col)
            || !self.labels.is_empty()
            || self.phase == Phase::Indicators
        {
            return false;
        }
        out.push(wrap::join_noted(&mut open.raw, text, cell.position.clone()));
        self.set_long_text(open.label, open.start, &open.raw);
        self.open_text = Some(open);
        true
    }

    fn label(&mut self, l: Label, text: &str, cell: &Cell, linear: bool, out: &mut Vec<Item>) {
        self.open_text = None;
        if !self.started && self.doc.year.is_none() && self.year_cell(text) {
            return;
        }
        self.started = true;
        self.after_label = true;
        if self.phase == Phase::Tasks && l != Label::Tasks {
            self.finish_tasks(out);
            self.phase = Phase::Header;
        }
        if self.phase == Phase::Indicators && !matches!(l, Label::Role(_) | Label::IndicatorGroup | Label::Section) {
            // Any other label closes the indicator block.
            if let Some(block) = &mut self.block {
                block.finish(&mut self.doc, &mut self.source, out);
            }
            self.phase = Phase::Trailer;
        }
        // The totals row takes values only up to the next label.
        self.labels.retain(|p| p.label != Label::Total);
        if self.phase == Phase::Execution
            && !matches!(l, Label::Execution(_) | Label::ExecutionTotal | Label::ExecutionPart)
        {
            self.flush_execution_part(out);
            if !matches!(l, Label::Funds(_)) {
                self.phase = Phase::Header;
            }
        }
        match l {
            Label::ProjectName | Label::ProjectCode | Label::Implementer | Label::Attribute | Label::Period
                if !self.kind_known =>
            {
                self.set_kind(DocumentKind::Project);
            }
            Label::Department { .. } if !self.kind_known => {
                let dept = text.starts_with("部门名称") || text.starts_with("部门(单位)");
                self.set_kind(if dept { DocumentKind::Department } else { DocumentKind::Project });
            }
            Label::Tasks if !self.kind_known => self.set_kind(DocumentKind::Department),
            _ => {}
        }
        match l {
            Label::Role(_) | Label::IndicatorGroup => {
                self.close_labels(out);
                let block = self.block.get_or_insert_with(IndicatorBlock::new);
                self.phase = Phase::Indicators;
                if self.header_at.is_none() {
                    self.header_at = Some(cell.position.clone());
                }
                if let Label::Role(r) = l {
                    block.header_cell(r, cell, linear);
                }
            }
            Label::Section => {}
            Label::Tasks => {
                self.close_labels(out);
                self.phase = Phase::Tasks;
                self.tasks.get_or_insert_with(TaskBlock::new);
            }
            Label::Funds(unit) => {
                if let Some(u) = unit {
                    self.unit = Some(u);
                }
                if self.doc.kind == DocumentKind::Project {
                    self.project().funds.unit = self.unit.map_or_else(MoneyUnit::default, StatedUnit::recorded);
                }
            }
            Label::CodeSuffix => {
                if let Some(p) = self.labels.back_mut() {
                    if let Label::Department { .. } = p.label {
                        p.label = Label::Department { coded: true };
                    }
                }
            }
            Label::ExecutionGroup => {
                self.close_labels(out);
                self.self_evaluation();
                self.phase = Phase::Execution;
            }
            Label::Execution(c) => self.execution.push(c),
            Label::ExecutionTotal => {
                self.execution_filled = 0;
                self.labels.clear();
            }
            Label::ExecutionPart => {
                self.flush_execution_part(out);
                self.execution_part = Some((cell.position.clone(), text.to_owned(), Vec::new()));
            }
            Label::Total => {
                self.close_labels(out);
                self.phase = Phase::Trailer;
                self.labels.push_back(Pending { label: l, text: text.to_owned(), position: cell.position.clone() });
            }
            Label::PeriodTotal => {
                self.period_funds = true;
                self.labels.push_back(Pending { label: l, text: text.to_owned(), position: cell.position.clone() });
            }
            _ => {
                if matches!(l, Label::Conclusion | Label::Problems | Label::Improvements | Label::Signature) {
                    self.phase = Phase::Trailer;
                }
                if self.labels.back().is_some_and(|p| p.label == l && p.text == text) {
                    // The same label twice in a row is one label.
                    return;
                }
                self.labels.push_back(Pending { label: l, text: text.to_owned(), position: cell.position.clone() });
            }
        }
    }

    fn set_kind(&mut self, kind: DocumentKind) {
        self.kind_known = true;
        self.doc.kind = kind;
        if kind == DocumentKind::Department {
            self.doc.project = None;
        }
    }

    /// A value cell: it belongs to the oldest label waiting for one.
    fn value(&mut self, text: &str, cell: &Cell, out: &mut Vec<Item>) {
        let position = cell.position.clone();
        self.started = true;
        self.after_label = false;
        if self.phase == Phase::Execution {
            self.execution_value(text, position, out);
            return;
        }
        let Some(pending) = self.labels.pop_front() else {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "它前面没有可以对应的表头标签")));
            return;
        };
        self.row_values += 1;
        if pending.label == Label::Total {
            self.totals.push((text.to_owned(), position));
            // The totals row takes several values; keep it waiting for the rest.
            self.labels.push_front(pending);
            return;
        }
        self.assign(pending, text, position, Some(cell.col), out);
    }

    /// An explicitly empty cell of a one-cell-per-line layout: the waiting label's value is blank.
    fn empty_value(&mut self, position: Position, out: &mut Vec<Item>) {
        if !std::mem::replace(&mut self.after_label, false) {
            return;
        }
        if self.phase == Phase::Execution {
            if self.execution_part.is_none() && self.execution_filled < self.execution.len() {
                self.execution_filled += 1;
            }
            return;
        }
        if let Some(p) = self.labels.front() {
            if p.label == Label::Total {
                self.totals.push((String::new(), position));
                return;
            }
        }
        if let Some(p) = self.labels.pop_front() {
            self.assign(p, "", position, None, out);
        }
    }

    /// At the end of a row, labels still waiting have blank values — unless the row held only
    /// labels (a row of column labels whose values are on the next row).
    fn end_row(&mut self, out: &mut Vec<Item>) {
        let waiting = self.labels.iter().filter(|p| p.label != Label::Total).count();
        if !(self.row_values == 0 && waiting >= 2) {
            self.close_labels(out);
        }
        self.row_values = 0;
    }

    /// Gives every waiting label a blank value.
    fn close_labels(&mut self, out: &mut Vec<Item>) {
        while let Some(p) = self.labels.pop_front() {
            if p.label != Label::Total {
                let position = p.position.clone();
                self.assign(p, "", position, None, out);
            }
        }
    }

    /// Gives a label its value; `col` is the value cell's column, for a long value that the
    /// next line may continue (see [`wrap`]).
    fn assign(&mut self, pending: Pending, value: &str, position: Position, col: Option<u32>, out: &mut Vec<Item>) {
        self.open_text = None;
        let value = trim(value);
        if !value.is_empty() && is_instruction(value) {
            // Text is kept as published, so that the review reports the unfilled field the same
            // whichever format the table came in; an amount cannot hold it.
            let amount = matches!(
                pending.label,
                Label::FundsTotal | Label::FundsFiscal | Label::FundsOther | Label::PeriodTotal
            );
            let kept = if amount { "未作为金额读入" } else { "按原样读入, 审核时报告" };
            out.push(Item::Diagnostic(Diagnostic::note(
                "template-instruction",
                Some(position.clone()),
                format!("“{}”的内容是模板的填写说明 ({kept}): “{}”", pending.text, excerpt(value)),
            )));
            if amount {
                return self.assign(pending.clone(), "", pending.position, None, out);
            }
        }
        if is_placeholder(value) {
            out.push(Item::Diagnostic(Diagnostic::note(
                "template-placeholder",
                Some(position.clone()),
                format!("“{}”的内容是未替换的模板占位符: “{}”", pending.text, excerpt(value)),
            )));
        }
        if self.is_filled(pending.label) {
            // Never overwrite what the table already said: a second value for one field is
            // reported instead (a label written twice, a shifted row).
            if !value.is_empty() {
                let why = format!("“{}”已经读到了取值", pending.text);
                out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, &why)));
            }
            return;
        }
        let kind = self.doc.kind;
        match pending.label {
            Label::ProjectName => {
                let (code, name) = split_code(value);
                let p = self.project();
                p.name = name;
                p.code = code.map(Some);
            }
            Label::ProjectCode => self.project().code = Some(nonempty(value)),
            Label::Department { coded } => {
                let (code, name) = split_code(value);
                self.doc.department = name;
                self.doc.department_code = if coded { Some(code) } else { code.map(Some) };
            }
            Label::Implementer => {
                if kind == DocumentKind::Project {
                    let (code, name) = split_code(value);
                    let p = self.project();
                    p.implementer = name;
                    p.implementer_code = code.map(Some);
                } else if !value.is_empty() {
                    out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, "部门整体表没有实施单位一栏")));
                }
            }
            Label::Preparer => {
                let taken = self.doc.project.as_ref().is_some_and(|p| !p.implementer.is_empty());
                if kind == DocumentKind::Project && !taken {
                    let (code, name) = split_code(value);
                    let p = self.project();
                    p.implementer = name;
                    p.implementer_code = code.map(Some);
                } else if !value.is_empty() && self.doc.department.is_empty() {
                    let (code, name) = split_code(value);
                    self.doc.department = name;
                    self.doc.department_code = code.map(Some);
                } else if !value.is_empty() {
                    out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, "编制单位与已读入的单位重复")));
                }
            }
            Label::Attribute => self.project().attribute = value.to_owned(),
            Label::Period => {
                self.source.period = Some(position);
                self.project().period = value.to_owned();
            }
            Label::FundsTotal | Label::FundsFiscal | Label::FundsOther | Label::PeriodTotal => {
                self.amount(pending, value, position, out);
            }
            Label::Goals
            | Label::LongTermGoals
            | Label::Duties
            | Label::Summary
            | Label::Basis
            | Label::GoalsAchieved
            | Label::Conclusion
            | Label::Problems
            | Label::Improvements => {
                let start = self.long_text(pending.label).map_or(0, |items| items.len());
                self.set_long_text(pending.label, start, value);
                if let (Position::Text { .. }, Some(col), false) = (&position, col, value.is_empty()) {
                    self.open_text = Some(OpenText { label: pending.label, col, start, raw: value.to_owned() });
                }
            }
            Label::Signature | Label::Attachment => {
                if !value.is_empty() {
                    out.push(Item::Diagnostic(Diagnostic::note(
                        "sign-off",
                        Some(position),
                        format!("签章栏 “{}” 的内容未读入: “{}”", pending.text, excerpt(value)),
                    )));
                }
            }
            _ => {
                if !value.is_empty() {
                    out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, "表头标签不接受取值")));
                }
            }
        }
    }

    /// Whether the field a label fills already holds a value.
    fn is_filled(&self, label: Label) -> bool {
        let project = self.doc.project.as_ref();
        let funds = project.map(|p| &p.funds);
        match label {
            Label::ProjectName => project.is_some_and(|p| !p.name.is_empty()),
            Label::Department { .. } => !self.doc.department.is_empty(),
            Label::ProjectCode => project.is_some_and(|p| matches!(p.code, Some(Some(_)))),
            Label::Implementer => project.is_some_and(|p| !p.implementer.is_empty()),
            // 编制单位 and 预算单位 go to the implementer, else to the department.
            Label::Preparer => project.is_some_and(|p| !p.implementer.is_empty()) && !self.doc.department.is_empty(),
            Label::Attribute => project.is_some_and(|p| !p.attribute.is_empty()),
            Label::Period => project.is_some_and(|p| !p.period.is_empty()),
            Label::FundsTotal => funds.is_some_and(|f| f.total.is_some()),
            Label::FundsFiscal => funds.is_some_and(|f| f.fiscal.is_some()),
            Label::FundsOther => funds.is_some_and(|f| f.other.is_some()),
            Label::PeriodTotal => funds.is_some_and(|f| f.period_total.is_some()),
            _ => false,
        }
    }

    /// Reads an amount of the funds block into the right field, in the funds' unit.
    fn amount(&mut self, pending: Pending, value: &str, position: Position, out: &mut Vec<Item>) {
        let amount = match parse_amount(value) {
            Ok(a) => a,
            Err(()) => {
                out.push(Item::Diagnostic(Diagnostic::unplaced(position.clone(), value, "不是金额")));
                None
            }
        };
        if self.doc.kind != DocumentKind::Project {
            if let Some((a, _)) = amount {
                out.push(Item::Diagnostic(Diagnostic::unplaced(
                    position,
                    &a.to_string(),
                    "部门整体表没有项目资金一栏",
                )));
            }
            return;
        }
        // Amounts are in the unit written beside them, else in the table's: the one it states,
        // or the first written beside an amount. Units the format does not record (千元, 亿元)
        // are converted.
        if self.unit.is_none() {
            self.unit = amount.and_then(|(_, written)| written);
        }
        let stated = self.unit;
        let this_year = pending.text.contains("当年") || pending.text.contains("年度");
        let period = self.period_funds;
        if self.source.funds.is_none() {
            self.source.funds = Some(position);
        }
        let funds = &mut self.project().funds;
        if let Some(u) = stated {
            funds.unit = u.recorded();
        }
        let value = amount.map(|(a, written)| written.or(stated).map_or(a, |u| u.convert(a, funds.unit)));
        match pending.label {
            Label::FundsTotal => funds.total = value,
            Label::FundsFiscal if period && !this_year => funds.period_fiscal = Some(value),
            Label::FundsOther if period && !this_year => funds.period_other = Some(value),
            Label::FundsFiscal => funds.fiscal = value,
            Label::FundsOther => funds.other = value,
            Label::PeriodTotal => funds.period_total = Some(value),
            _ => {}
        }
    }

    /// A value of the budget-execution block of a self-evaluation.
    fn execution_value(&mut self, text: &str, position: Position, out: &mut Vec<Item>) {
        if let Some((_, _, values)) = &mut self.execution_part {
            values.push(text.to_owned());
            return;
        }
        let Some(&column) = self.execution.get(self.execution_filled) else {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行情况中多出的单元格")));
            return;
        };
        self.execution_filled += 1;
        if column == ExecutionColumn::Reason || is_instruction(text) {
            if is_instruction(text) {
                out.push(Item::Diagnostic(Diagnostic::note(
                    "template-instruction",
                    Some(position),
                    format!("预算执行情况中的模板填写说明, 未读入: “{}”", excerpt(text)),
                )));
            } else {
                out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行偏差原因暂无对应字段")));
            }
            return;
        }
        let number = parse_amount(text.trim_end_matches(['%', '％'])).ok().flatten().map(|(a, _)| a);
        if number.is_none() && !text.chars().all(|c| matches!(c, '/' | '-' | '—')) {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行情况的数值无法识别")));
            return;
        }
        // Budget amounts are in the table's unit, read into the one the funds are recorded in.
        let unit = self.unit;
        let amount = number.map(|a| unit.map_or(a, |u| u.convert(a, u.recorded())));
        let se = self.self_evaluation();
        match column {
            ExecutionColumn::Initial => se.budget_initial = amount,
            ExecutionColumn::FullYear => se.budget_full_year = amount,
            ExecutionColumn::Spent => se.spent = amount,
            ExecutionColumn::Rate => se.execution_rate = number,
            ExecutionColumn::Weight => se.execution_weight = number,
            ExecutionColumn::Score => se.execution_score = number,
            ExecutionColumn::Reason => {}
        }
    }

    /// A breakdown row of the budget-execution block (其中:财政资金 …) has no place in the model:
    /// say so, with its values.
    fn flush_execution_part(&mut self, out: &mut Vec<Item>) {
        if let Some((position, label, values)) = self.execution_part.take() {
            let shown: Vec<&str> = values.iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
            if !shown.is_empty() {
                out.push(Item::Diagnostic(Diagnostic::unplaced(
                    position,
                    &format!("{label}: {}", shown.join(" ")),
                    "预算执行明细行暂无对应字段",
                )));
            }
        }
    }

    /// The totals row: the weights' total is checked against the indicators', the score total
    /// is the self-evaluation's.
    fn check_totals(&mut self, out: &mut Vec<Item>) {
        let totals = std::mem::take(&mut self.totals);
        let mut values = totals.into_iter();
        let weights: Decimal = self.doc.indicators.iter().filter_map(|i| i.weight).sum::<Decimal>()
            + self.doc.self_evaluation.as_ref().and_then(|s| s.execution_weight).unwrap_or_default();
        if let Some((first, position)) = values.next().filter(|(v, _)| !v.is_empty()) {
            match parse_amount(&first).ok().flatten() {
                Some((w, _)) if w == weights => {}
                _ => out.push(Item::Diagnostic(Diagnostic::note(
                    "total-mismatch",
                    Some(position),
                    format!("合计行的分值 {first} 与各项分值之和 {weights} 不符"),
                ))),
            }
        }
        if let Some((score, position)) = values.next().filter(|(v, _)| !v.is_empty()) {
            match parse_amount(&score).ok().flatten() {
                Some((s, _)) => self.self_evaluation().total_score = Some(s),
                None => out.push(Item::Diagnostic(Diagnostic::unplaced(position, &score, "合计得分不是数字"))),
            }
        }
        for (extra, position) in values.filter(|(v, _)| !v.is_empty()) {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, &extra, "合计行中多出的单元格")));
        }
    }
}

fn nonempty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}
