//! Reading spreadsheets (.xlsx, .xls, .ods): each sheet becomes grid rows of positioned cells,
//! merges resolved from the sheet's merge ranges, and the shared [`Assembler`] finds the tables.

mod bands;
pub mod error;
mod formulas;
mod hidden;
pub mod limits;
mod ods;
pub mod rows;
pub mod value;
mod xls;
mod xlsx;

use std::collections::{HashMap, VecDeque};
use std::io::Cursor;
use std::sync::Arc;

use calamine::{Data, DataRef, Ods, Reader, SheetType, SheetVisible, Xls, Xlsx};
use jixiao_core::source::Position;

use self::bands::{Reading, Survey};
use self::error::SheetError;
use self::hidden::{Hidden, drop_hidden};
pub use self::limits::Limits;
use self::limits::guard;
use self::ods::OdsSheetLayout;
use self::rows::{Merge, RowBuilder};
use self::value::{Rendered, Value, render};
use self::xlsx::{XlsxParts, XlsxSheetLayout};
use crate::diagnostic::{Diagnostic, Severity};
use crate::read::Assembler;
use crate::read::grid::{Layout, Row};
use crate::read::{Item, Items, ReadError};

/// Which spreadsheet format a file is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Office Open XML (.xlsx, .xlsm).
    Xlsx,
    /// Excel 97–2003 (.xls).
    Xls,
    /// OpenDocument (.ods).
    Ods,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Xlsx => "xlsx",
            Kind::Xls => "xls",
            Kind::Ods => "ods",
        }
    }
}

/// Reads a workbook's documents as a stream, one sheet at a time.
pub fn read(path: &str, bytes: Vec<u8>, kind: Kind) -> Result<Items, ReadError> {
    let book = Book::open(path, bytes, kind, Limits::from_env())?;
    let sheets = book.sheets();
    Ok(Box::new(SheetItems {
        path: path.to_owned(),
        book,
        sheets: sheets.into(),
        assembler: Some(Assembler::new()),
        pending: VecDeque::new(),
    }))
}

/// The grid of one sheet: what the assembler is fed.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetGrid {
    /// The sheet's name.
    pub name: String,
    /// Its rows, in order.
    pub rows: Vec<Row>,
    /// What reading its cells reported.
    pub diagnostics: Vec<Diagnostic>,
}

/// The grid rows of every visible worksheet, without table recognition: for tests and for
/// seeing what the assembler is given.
pub fn grids(path: &str, bytes: Vec<u8>, kind: Kind) -> Result<Vec<SheetGrid>, ReadError> {
    let mut book = Book::open(path, bytes, kind, Limits::from_env())?;
    let mut out = Vec::new();
    for sheet in book.sheets() {
        if sheet.skip.is_some() {
            continue;
        }
        let mut diagnostics = Vec::new();
        let SheetCells { mut cells, mut merges, hidden } =
            book.sheet_cells(&sheet.name, &mut diagnostics).map_err(|message| ReadError::Workbook {
                path: path.to_owned(),
                sheet: Some(sheet.name.clone()),
                message: format!("无法读取工作表 (文件可能已损坏): {message}"),
            })?;
        // No tables are found here: whatever is left out is a note.
        diagnostics.extend(drop_hidden(&mut cells, &mut merges, &hidden).report(&sheet.name, &[]));
        let rows = sheet_rows(&sheet.name, cells, merges, &mut diagnostics);
        out.push(SheetGrid { name: sheet.name, rows, diagnostics });
    }
    Ok(out)
}

/// An open workbook of any of the three formats, with the limits it is read within.
struct Book {
    kind: BookKind,
    limits: Limits,
}

enum BookKind {
    /// With the reader's own view of the zip, when it could be made.
    Xlsx(Xlsx<Cursor<Shared>>, Option<XlsxParts<Cursor<Shared>>>),
    Xls(Xls<Cursor<Vec<u8>>>, xls::SheetFormats),
    Ods(Ods<Cursor<Vec<u8>>>, HashMap<String, OdsSheetLayout>),
}

/// A workbook's bytes, shared by calamine and the reader's own pass over the sheets' XML.
#[derive(Clone)]
struct Shared(Arc<Vec<u8>>);

impl AsRef<[u8]> for Shared {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A sheet to read, or one skipped with a note.
struct SheetRef {
    name: String,
    skip: Option<&'static str>,
}

impl Book {
    fn open(path: &str, bytes: Vec<u8>, kind: Kind, limits: Limits) -> Result<Book, ReadError> {
        let open_error = |e: &dyn std::fmt::Display| ReadError::Workbook {
            path: path.to_owned(),
            sheet: None,
            message: format!("无法打开 {} 文件 (文件可能已损坏或格式不符): {e}", kind.label()),
        };
        let refused = |why: SheetError| ReadError::Workbook {
            path: path.to_owned(),
            sheet: None,
            message: format!("拒绝读取 {} 文件: {why}", kind.label()),
        };
        if bytes.len() as u64 > limits.max_input_bytes {
            return Err(refused(SheetError::Limit(format!(
                "文件超过 {} MB 的上限 ({})",
                limits.max_input_bytes >> 20,
                limits::ENV_MAX_INPUT_MB
            ))));
        }
        // The sizes are checked before the library allocates anything for them; its panics on
        // damaged files are caught.
        let book = match kind {
            Kind::Xlsx => {
                limits::check_zip(&bytes, &limits).map_err(refused)?;
                let bytes = Shared(Arc::new(bytes));
                let book = guard(|| Xlsx::new(Cursor::new(bytes.clone())))
                    .map_err(|e| open_error(&e))?
                    .map_err(|e| open_error(&e))?;
                // calamine has read the package; a damaged part it did not need only costs
                // what the reader's own pass would add.
                let parts = guard(|| XlsxParts::open(Cursor::new(bytes))).ok().flatten();
                BookKind::Xlsx(book, parts)
            }
            Kind::Xls => {
                xls::check_size(&bytes, limits.max_sheet_cells).map_err(refused)?;
                // calamine reports a damaged file better; without formats numbers read plain.
                let formats = xls::read_formats(&bytes).unwrap_or_default();
                let book = guard(|| Xls::new(Cursor::new(bytes))).map_err(|e| open_error(&e))?;
                BookKind::Xls(book.map_err(|e| open_error(&e))?, formats)
            }
            Kind::Ods => {
                limits::check_zip(&bytes, &limits).map_err(refused)?;
                let layout = guard(|| ods::read_layout(Cursor::new(&bytes)))
                    .map_err(|e| open_error(&e))?
                    .map_err(|e| open_error(&e))?;
                let book = guard(|| Ods::new(Cursor::new(bytes))).map_err(|e| open_error(&e))?;
                BookKind::Ods(book.map_err(|e| open_error(&e))?, layout)
            }
        };
        Ok(Book { kind: book, limits })
    }

    fn sheets(&self) -> Vec<SheetRef> {
        let meta = match &self.kind {
            BookKind::Xlsx(b, _) => b.sheets_metadata(),
            BookKind::Xls(b, _) => b.sheets_metadata(),
            BookKind::Ods(b, _) => b.sheets_metadata(),
        };
        meta.iter()
            .map(|s| SheetRef {
                name: s.name.clone(),
                skip: if s.typ != SheetType::WorkSheet {
                    Some("不是数据工作表 (图表或宏)")
                } else if s.visible != SheetVisible::Visible {
                    // Hidden sheets of the templates hold drop-down lists, not tables.
                    Some("隐藏的工作表")
                } else {
                    None
                },
            })
            .collect()
    }

    /// Reads one sheet's cells as (row, col, text), row-major, with its merge ranges; a panic
    /// of the library on a damaged sheet is an error.
    fn sheet_cells(&mut self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Result<SheetCells, SheetError> {
        guard(|| self.sheet_cells_unguarded(name, diagnostics))?
    }

    fn sheet_cells_unguarded(
        &mut self,
        name: &str,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Result<SheetCells, SheetError> {
        let limits = self.limits;
        let mut cells = Vec::new();
        // Checked as cells come, so that a sheet of millions of cells stops at the limit.
        let mut push = |row: u32, col: u32, rendered: Rendered| -> Result<(), SheetError> {
            match rendered {
                Rendered::Text(t) if t.is_empty() => {}
                Rendered::Text(t) if t.len() > limits.max_cell_bytes => {
                    return Err(SheetError::Limit(format!(
                        "单元格 {} 的文本有 {} 字节, 超过上限 {} ({})",
                        jixiao_core::source::a1(row, col),
                        t.len(),
                        limits.max_cell_bytes,
                        limits::ENV_MAX_CELL_BYTES
                    )));
                }
                Rendered::Text(t) => {
                    if cells.len() as u64 >= limits.max_sheet_cells {
                        return Err(SheetError::Limit(format!(
                            "工作表的单元格超过 {} 个的上限 ({})",
                            limits.max_sheet_cells,
                            limits::ENV_MAX_SHEET_CELLS
                        )));
                    }
                    cells.push((row, col, t));
                }
                Rendered::Error(e) => diagnostics.push(Diagnostic {
                    code: "cell-error",
                    severity: Severity::Warning,
                    position: Some(Position::cell(name, row, col)),
                    until: None,
                    message: format!("单元格是错误值 {e}, 未读取其内容"),
                }),
            }
            Ok(())
        };
        let (merges, hidden): (Vec<Merge>, Hidden) = match &mut self.kind {
            BookKind::Xlsx(book, parts) => {
                // The reader's own pass over the sheet's XML gives the merges with what calamine
                // does not report; calamine's pass for the merges stands in where it cannot run.
                let layout = match parts.as_mut().and_then(|p| p.layout(name)) {
                    Some(layout) => layout?,
                    None => XlsxSheetLayout {
                        merges: book
                            .merge_cells_by_sheet_name(name)
                            .map_err(SheetError::library)?
                            .into_iter()
                            .map(Merge::from)
                            .collect(),
                        ..XlsxSheetLayout::default()
                    },
                };
                let mut reader = book.worksheet_cells_reader(name).map_err(SheetError::library)?;
                // One pass yields each value with its style, whose number format says whether
                // a number is a percentage or carries a unit.
                while let Some((cell, style_id)) = reader.next_cell_with_style_id().map_err(SheetError::library)? {
                    let (row, col) = cell.get_position();
                    let format = reader
                        .styles()
                        .get(style_id)
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| f.format_code.as_str());
                    if let Some(v) = value_ref(cell.get_value()) {
                        push(row, col, render(&v, format, false))?;
                    }
                }
                formulas::report_uncached(name, &layout.uncached, diagnostics);
                (layout.merges, layout.hidden)
            }
            BookKind::Xls(book, formats) => {
                let range = book.worksheet_range(name).map_err(SheetError::library)?;
                let facts = formats.get(name);
                let formats = facts.map(|f| &f.formats);
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, data) in range.used_cells() {
                    let (row, col) = (r0 + r as u32, c0 + c as u32);
                    let format = formats.and_then(|f| f.get(&(row, col))).map(String::as_str);
                    if let Some(v) = value(data) {
                        push(row, col, render(&v, format, false))?;
                    }
                }
                let merges =
                    book.merge_cells_by_sheet_name(name).map_err(SheetError::library)?.into_iter().map(Merge::from);
                (merges.collect(), facts.map(|f| f.hidden.clone()).unwrap_or_default())
            }
            BookKind::Ods(book, layouts) => {
                let range = book.worksheet_range(name).map_err(SheetError::library)?;
                let layout = layouts.get(name);
                let (r0, c0) = range.start().unwrap_or((0, 0));
                for (r, c, data) in range.used_cells() {
                    let (row, col) = (r0 + r as u32, c0 + c as u32);
                    let percent = layout.is_some_and(|l| l.percent.contains(&(row, col)));
                    if let Some(v) = value(data) {
                        let mut rendered = render(&v, None, percent);
                        // A unit from the number format (`0"次"`) is in the shown text: keep the
                        // exact number and take the text around it.
                        if let (Rendered::Text(t), Some(shown)) =
                            (&rendered, layout.and_then(|l| l.shown.get(&(row, col))))
                        {
                            if let Some(at) = shown.find(t.as_str()) {
                                rendered = Rendered::Text(format!("{}{t}{}", &shown[..at], &shown[at + t.len()..]));
                            }
                        }
                        push(row, col, rendered)?;
                    }
                }
                let merges = layout.map(|l| l.merges.iter().copied().map(Merge::from).collect()).unwrap_or_default();
                (merges, layout.map(|l| l.hidden.clone()).unwrap_or_default())
            }
        };
        // Writers emit rows in order; a file that does not is still read right.
        if !cells.is_sorted_by_key(|&(r, c, _)| (r, c)) {
            cells.sort_by_key(|&(r, c, _)| (r, c));
        }
        Ok(SheetCells { cells, merges, hidden })
    }
}

struct SheetCells {
    cells: Vec<(u32, u32, String)>,
    merges: Vec<Merge>,
    /// The rows and columns the sheet hides.
    hidden: Hidden,
}

fn value(data: &Data) -> Option<Value<'_>> {
    Some(match data {
        Data::Empty => return None,
        Data::String(s) => Value::Text(s),
        Data::Int(i) => Value::Number(*i as f64),
        Data::Float(f) => Value::Number(*f),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(d) => Value::DateTime(*d),
        Data::DateTimeIso(s) => Value::DateIso(s),
        Data::DurationIso(s) => Value::DurationIso(s),
        Data::Error(e) => Value::Error(e),
    })
}

fn value_ref<'a>(data: &'a DataRef<'_>) -> Option<Value<'a>> {
    Some(match data {
        DataRef::Empty => return None,
        DataRef::String(s) => Value::Text(s),
        DataRef::SharedString(s) => Value::Text(s),
        DataRef::Int(i) => Value::Number(*i as f64),
        DataRef::Float(f) => Value::Number(*f),
        DataRef::Bool(b) => Value::Bool(*b),
        DataRef::DateTime(d) => Value::DateTime(*d),
        DataRef::DateTimeIso(s) => Value::DateIso(s),
        DataRef::DurationIso(s) => Value::DurationIso(s),
        DataRef::Error(e) => Value::Error(e),
    })
}

/// The grid rows of one sheet, in order, with the diagnostics of reading its cells.
pub fn sheet_rows(
    sheet: &str,
    cells: Vec<(u32, u32, String)>,
    merges: Vec<Merge>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Row> {
    surveyed_rows(sheet, cells, merges, &mut Survey::default(), diagnostics)
}

/// [`sheet_rows`], each row also shown to `survey` as it is made.
fn surveyed_rows(
    sheet: &str,
    cells: Vec<(u32, u32, String)>,
    merges: Vec<Merge>,
    survey: &mut Survey,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Row> {
    let mut builder = RowBuilder::new(sheet, merges);
    let mut rows = Vec::new();
    let mut cells = cells.into_iter().peekable();
    while let Some((row, col, text)) = cells.next() {
        let mut line = vec![(col, text)];
        while let Some((_, col, text)) = cells.next_if(|(r, _, _)| *r == row) {
            line.push((col, text));
        }
        if let Some(row) = builder.row(row, line, diagnostics) {
            survey.row(&row);
            rows.push(row);
        }
    }
    rows
}

/// Gives a sheet's rows to the assembler: all as one section, or each part of the sheet's
/// columns as a section of its own (tables side by side), left to right.
fn read_rows(assembler: &mut Assembler, rows: &[Row], reading: Reading, out: &mut Vec<Item>) {
    let parts = match reading {
        Reading::Whole => {
            for row in rows {
                assembler.push_row(row, out);
            }
            assembler.end_section(out);
            return;
        }
        Reading::Parts(parts) => parts,
    };
    let mut part_row = Row { cells: Vec::new(), layout: Layout::Grid };
    for part in parts.iter().filter(|p| p.read) {
        for row in rows {
            part_row.cells.clear();
            part_row.cells.extend(row.cells.iter().filter(|c| part.holds(c)).cloned());
            if !part_row.cells.is_empty() {
                assembler.push_row(&part_row, out);
            }
        }
        assembler.end_section(out);
    }
}

/// The rows (first, last) of each table read from `sheet` among `items`: from its start to its
/// last indicator, where its parts were read.
fn table_rows(sheet: &str, items: &[Item]) -> Vec<(u32, u32)> {
    let row = |p: &Position| match p {
        Position::Cell { sheet: s, cell } if s == sheet => xlsx::cell_ref(cell).map(|(r, _)| r),
        _ => None,
    };
    items
        .iter()
        .filter_map(|item| {
            let Item::Document(d) = item else { return None };
            let s = &d.source;
            let unread = s.reading.as_ref().and_then(|r| r.indicators_unread.as_ref());
            let places = [&s.document, &s.funds, &s.period].into_iter().flatten().chain(unread);
            let rows = places.chain(s.indicators.iter().flatten()).filter_map(row);
            rows.fold(None, |span: Option<(u32, u32)>, r| Some(span.map_or((r, r), |(a, b)| (a.min(r), b.max(r)))))
        })
        .collect()
}

/// The stream of a workbook's items: each sheet is read when the previous one is used up.
struct SheetItems {
    path: String,
    book: Book,
    sheets: VecDeque<SheetRef>,
    assembler: Option<Assembler>,
    pending: VecDeque<Result<Item, ReadError>>,
}

impl SheetItems {
    /// Reads the next sheet into `pending`; at the end, finishes the assembler.
    fn fill(&mut self) {
        let Some(assembler) = self.assembler.as_mut() else { return };
        let mut out = Vec::new();
        match self.sheets.pop_front() {
            Some(SheetRef { name, skip: Some(why) }) => out.push(Item::Diagnostic(Diagnostic {
                code: "skipped-sheet",
                severity: Severity::Info,
                position: Some(Position::cell(&name, 0, 0)),
                until: None,
                message: format!("已跳过工作表 “{name}”: {why}"),
            })),
            Some(SheetRef { name, skip: None }) => {
                let mut diagnostics = Vec::new();
                match self.book.sheet_cells(&name, &mut diagnostics) {
                    Ok(SheetCells { mut cells, mut merges, hidden }) => {
                        let dropped = drop_hidden(&mut cells, &mut merges, &hidden);
                        // What was left out is said where it was, before what the rows gave,
                        // once the tables it may lie inside are known.
                        let at = diagnostics.len();
                        let mut survey = Survey::default();
                        let rows = surveyed_rows(&name, cells, merges, &mut survey, &mut diagnostics);
                        let reading = bands::reading(&name, &rows, survey, &mut diagnostics);
                        out.extend(diagnostics.into_iter().map(Item::Diagnostic));
                        let read_from = out.len();
                        read_rows(assembler, &rows, reading, &mut out);
                        let report = dropped.report(&name, &table_rows(&name, &out[read_from..]));
                        out.splice(at..at, report.into_iter().map(Item::Diagnostic));
                    }
                    Err(message) => {
                        out.extend(diagnostics.into_iter().map(Item::Diagnostic));
                        self.pending.extend(out.drain(..).map(Ok));
                        self.pending.push_back(Err(ReadError::Workbook {
                            path: self.path.clone(),
                            sheet: Some(name),
                            message: format!("无法读取工作表 (文件可能已损坏): {message}"),
                        }));
                        // An unreadable sheet ends the file: later sheets may be as damaged.
                        self.assembler = None;
                        return;
                    }
                }
            }
            None => {
                if let Some(assembler) = self.assembler.take() {
                    assembler.finish(&mut out);
                }
            }
        }
        self.pending.extend(out.into_iter().map(Ok));
    }
}

impl Iterator for SheetItems {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            self.assembler.as_ref()?;
            self.fill();
        }
    }
}
