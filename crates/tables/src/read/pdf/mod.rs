//! Reading PDF tables from their geometry: ruling lines make each table's grid (missing
//! borders are merges), characters are placed in cells by their boxes, and the cells go to the
//! shared [`Assembler`] as grid rows, as a spreadsheet's do. A table that runs onto the next
//! page continues there: its repeated header rows are dropped and its columns keep their
//! numbers. Text outside the ruled tables (titles, units, notes) is given as loose lines.

mod borderless;
mod lines;
mod ruling;

use std::collections::{HashSet, VecDeque};

use jixiao_core::source::Position;
use jixiao_pdf::{Glyph, Limits, Page, Pdf};

use self::lines::{Line, cell_text};
use self::ruling::Table;
use crate::diagnostic::{Diagnostic, Severity, excerpt};
use crate::read::Assembler;
use crate::read::grid::{Cell, Layout, Row};
use crate::read::sheet::rows::Merge;
use crate::read::sheet::sheet_rows;
use crate::read::{Item, Items, ReadError};

/// How near (points) two column boundaries must be for a table on the next page to continue
/// the one above.
const SAME_X: f32 = 2.5;

/// Reads a PDF's documents as a stream, one page at a time.
pub fn read(path: &str, bytes: &[u8]) -> Result<Items, ReadError> {
    let pdf = Pdf::open(bytes, Limits::default()).map_err(|e| ReadError::Workbook {
        path: path.to_owned(),
        sheet: None,
        message: e.to_string(),
    })?;
    let pages: VecDeque<u32> = pdf.page_numbers().into();
    Ok(Box::new(PdfItems {
        path: path.to_owned(),
        pdf,
        pages,
        layout: PageLayout::default(),
        assembler: Some(Assembler::new()),
        pending: VecDeque::new(),
    }))
}

/// How many pages a PDF has (for measuring).
pub fn page_count(bytes: &[u8]) -> Result<usize, jixiao_pdf::Error> {
    Ok(Pdf::open(bytes, Limits::default())?.page_numbers().len())
}

/// One page's rows, and what placing its text reported.
pub type PageRows = (Vec<Row>, Vec<Diagnostic>);

/// The grid rows of every page, without table recognition: for tests and for seeing what the
/// assembler is given.
pub fn page_rows(path: &str, bytes: &[u8]) -> Result<Vec<PageRows>, ReadError> {
    let mut pdf = Pdf::open(bytes, Limits::default()).map_err(|e| ReadError::Workbook {
        path: path.to_owned(),
        sheet: None,
        message: e.to_string(),
    })?;
    let mut layout = PageLayout::default();
    let mut out = Vec::new();
    for n in pdf.page_numbers() {
        let page = pdf.page(n).map_err(|e| ReadError::Workbook {
            path: path.to_owned(),
            sheet: None,
            message: e.to_string(),
        })?;
        let mut diagnostics = Vec::new();
        let rows = layout.rows(&page, &mut diagnostics);
        out.push((rows, diagnostics));
    }
    Ok(out)
}

/// The name under which a page's cells are positioned (`第3页!B5`).
fn page_name(number: u32) -> String {
    format!("第{number}页")
}

/// What carries from one page to the next: the open table's columns and header rows.
#[derive(Debug, Default)]
struct PageLayout {
    /// Column boundaries of the table read last, on this page or the ones before.
    known: Vec<f32>,
    /// The texts of that table's rows (each row's cells joined), to recognise header rows
    /// repeated at the top of the next page.
    seen: HashSet<String>,
    /// The cells of a row cut by the page end, `(column, text)`, held back to be joined to
    /// their rest at the top of the next page.
    cut: Vec<(u32, String, Position)>,
}

/// A piece of the page in reading order: a table or a line of loose text.
enum Block<'a> {
    /// A table, its cells' characters, and for a table read from alignment (no ruling lines)
    /// the columns whose merged cells could not be told.
    Table(&'a Table, Vec<Vec<&'a Glyph>>, Option<&'a [usize]>),
    Loose(Line),
}

impl Block<'_> {
    fn top(&self) -> f32 {
        match self {
            Block::Table(t, _, _) => t.top(),
            Block::Loose(l) => l.top,
        }
    }
}

impl PageLayout {
    /// The rows of one page, top to bottom.
    fn rows(&mut self, page: &Page, diagnostics: &mut Vec<Diagnostic>) -> Vec<Row> {
        let sheet = page_name(page.number);
        if page.glyphs.is_empty() {
            if page.has_images {
                diagnostics.push(Diagnostic {
                    code: "needs-ocr",
                    severity: Severity::Warning,
                    position: Some(Position::cell(&sheet, 0, 0)),
                    until: None,
                    message: format!("第{}页没有文字层 (可能是扫描件), 需先做文字识别 (OCR) 才能读取", page.number),
                });
            }
            return Vec::new();
        }
        let tables = ruling::tables(&page.rules);
        // Each character goes to the grid cell its centre is in, or stays loose.
        let mut in_cells: Vec<Vec<Vec<&Glyph>>> = tables.iter().map(|t| vec![Vec::new(); t.cells.len()]).collect();
        let mut cell_of: Vec<Vec<usize>> = tables
            .iter()
            .map(|t| {
                let cols = t.xs.len() - 1;
                let mut index = vec![0; (t.ys.len() - 1) * cols];
                for (i, r) in t.cells.iter().enumerate() {
                    for row in r.r0..r.r1 {
                        for col in r.c0..r.c1 {
                            index[row * cols + col] = i;
                        }
                    }
                }
                index
            })
            .collect();
        let mut loose: Vec<&Glyph> = Vec::new();
        'glyphs: for g in &page.glyphs {
            for (ti, t) in tables.iter().enumerate() {
                if let Some((r, c)) = t.locate(g.cx(), g.cy()) {
                    let i = cell_of[ti][r * (t.xs.len() - 1) + c];
                    in_cells[ti][i].push(g);
                    continue 'glyphs;
                }
            }
            loose.push(g);
        }
        cell_of.clear();
        let (aligned, loose, unclear) = borderless::tables(&loose);
        for _ in 0..unclear {
            diagnostics.push(Diagnostic {
                code: "borderless-unclear",
                severity: Severity::Warning,
                position: Some(Position::cell(&sheet, 0, 0)),
                until: None,
                message: format!(
                    "第{}页有没有框线的表格, 从文字的对齐分不清它的行或列, 未按表格读取 (按文字行读入)",
                    page.number
                ),
            });
        }
        let mut blocks: Vec<Block> = tables.iter().zip(in_cells).map(|(t, g)| Block::Table(t, g, None)).collect();
        blocks.extend(aligned.iter().map(|f| Block::Table(&f.table, f.glyphs.clone(), Some(&f.unsure_columns[..]))));
        blocks.extend(join_wrapped(lines::lines(&loose), page.width).into_iter().map(Block::Loose));
        blocks.sort_by(|a, b| a.top().total_cmp(&b.top()));

        let mut rows = Vec::new();
        let mut next_row = 0u32;
        let mut first_table = true;
        for block in blocks {
            match block {
                Block::Loose(line) => {
                    let position = Position::cell(&sheet, next_row, 0);
                    next_row += 1;
                    if is_page_number(&line.text) {
                        diagnostics.push(Diagnostic::note(
                            "page-furniture",
                            Some(position),
                            format!("页码 “{}”, 未读入", excerpt(&line.text)),
                        ));
                        continue;
                    }
                    // A line of its own, as a spreadsheet gives a title row: one cell in the first
                    // column, so that titles, subtitles (`（2020年度）`) and unit lines are read
                    // as they are from a sheet.
                    rows.push(Row {
                        cells: vec![Cell { text: line.text, col: 0, span: 1, continued: false, position }],
                        layout: Layout::Grid,
                    });
                }
                Block::Table(table, glyphs, aligned) => {
                    if let Some(unsure) = aligned {
                        note_aligned(page.number, &sheet, next_row, unsure, diagnostics);
                    }
                    let continues = aligned.is_none() && first_table && rows.is_empty() && self.continues(table);
                    first_table = false;
                    if !continues {
                        self.seen.clear();
                        self.known.clear();
                    }
                    let xcol = self.columns(table);
                    let mut cut = std::mem::take(&mut self.cut);
                    if !(continues && table.open_top) {
                        self.report_cut(&mut cut, diagnostics);
                    }
                    let last = table.ys.len() - 2;
                    let mut cells = Vec::new();
                    let mut merges = Vec::new();
                    for (region, glyphs) in table.cells.iter().zip(glyphs) {
                        let mut text = cell_text(&lines::lines(&glyphs));
                        let (row, col) = (next_row + region.r0 as u32, region.c0 as u32);
                        if region.r0 == 0 && !cut.is_empty() {
                            // The rest of a row cut by the page break: its cells continue the
                            // ones held back, column by column.
                            if let Some(i) = cut.iter().position(|(c, _, _)| *c == xcol[region.c0]) {
                                let (_, head, _) = cut.remove(i);
                                text = join_cut(head, text);
                            }
                        }
                        if table.open_bottom && region.r0 == last && last > 0 {
                            if !text.is_empty() {
                                self.cut.push((xcol[region.c0], text, Position::cell(&sheet, row, col)));
                            }
                            continue;
                        }
                        let (last_row, last_col) = (next_row + region.r1 as u32 - 1, region.c1 as u32 - 1);
                        if last_row > row || last_col > col {
                            merges.push(Merge { first_row: row, first_col: col, last_row, last_col });
                        }
                        if !text.is_empty() {
                            cells.push((row, col, text));
                        }
                    }
                    cells.sort_by_key(|&(r, c, _)| (r, c));
                    self.report_cut(&mut cut, diagnostics);
                    let mut table_rows = sheet_rows(&sheet, cells, merges, diagnostics);
                    // Positions stay those of the page's grid; columns become those of the
                    // whole table, which a continued part shares with its first part.
                    for cell in table_rows.iter_mut().flat_map(|r| r.cells.iter_mut()) {
                        let (from, to) = (cell.col as usize, (cell.col + cell.span.max(1)) as usize);
                        cell.col = xcol[from];
                        cell.span = xcol[to.min(xcol.len() - 1)] - xcol[from];
                    }
                    if continues {
                        self.drop_repeated_header(&mut table_rows, diagnostics);
                    }
                    for row in &table_rows {
                        self.seen.insert(signature(row));
                    }
                    rows.extend(table_rows);
                    next_row += (table.ys.len() - 1) as u32;
                }
            }
        }
        rows
    }

    /// Reports held-back cells of a cut row that nothing continued, and reads them as they are.
    fn report_cut(&self, cut: &mut Vec<(u32, String, Position)>, diagnostics: &mut Vec<Diagnostic>) {
        for (_, text, position) in cut.drain(..) {
            diagnostics.push(Diagnostic::unplaced(position, &text, "跨页断开的行在下一页没有接续"));
        }
    }

    /// Whether a table at the top of a page continues the previous page's: it has the same
    /// outer edges (its inner columns may differ: the part on one page may have only the
    /// header block, the part on the next only the indicators).
    fn continues(&self, table: &Table) -> bool {
        let min = self.known.iter().copied().fold(f32::MAX, f32::min);
        let max = self.known.iter().copied().fold(f32::MIN, f32::max);
        !self.known.is_empty()
            && (table.xs[0] - min).abs() <= SAME_X
            && (table.xs[table.xs.len() - 1] - max).abs() <= SAME_X
    }

    /// The column number of each of `table`'s boundaries: its position in quarter points,
    /// snapped to a boundary already seen in this table, so that the parts of a table on
    /// several pages number their columns alike.
    fn columns(&mut self, table: &Table) -> Vec<u32> {
        table
            .xs
            .iter()
            .map(|&x| {
                let x = match self.known.iter().find(|p| (*p - x).abs() <= SAME_X) {
                    Some(&p) => p,
                    None => {
                        self.known.push(x);
                        x
                    }
                };
                (x.max(0.0) * 4.0).round() as u32
            })
            .collect()
    }

    /// Drops the rows at the top of a continued table that repeat rows already read (the
    /// header a printer repeats on each page), with a note.
    fn drop_repeated_header(&self, rows: &mut Vec<Row>, diagnostics: &mut Vec<Diagnostic>) {
        let repeated = rows
            .iter()
            .take_while(|r| r.cells.iter().all(|c| !c.continued) && self.seen.contains(&signature(r)))
            .count();
        for row in rows.drain(..repeated) {
            let at = row.cells.first().map(|c| c.position.clone());
            let text = row.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" ");
            diagnostics.push(Diagnostic::note(
                "repeated-header",
                at,
                format!("跨页重复的表头行已略去: “{}”", excerpt(&text)),
            ));
        }
    }
}

/// Says that a table was read from the alignment of its text, and which of its columns had
/// empty cells that could be merged cells or empty ones.
fn note_aligned(page: u32, sheet: &str, row: u32, unsure: &[usize], diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.push(Diagnostic::note(
        "borderless-table",
        Some(Position::cell(sheet, row, 0)),
        format!("第{page}页的表格没有框线, 按文字的对齐读取单元格"),
    ));
    for &col in unsure {
        diagnostics.push(Diagnostic {
            code: "borderless-span",
            severity: Severity::Warning,
            position: Some(Position::cell(sheet, row, col as u32)),
            until: None,
            message: format!(
                "第{page}页无框线表格第{}列的空单元格, 从对齐看不出是否属于上下的合并单元格, 按空单元格读取",
                col + 1
            ),
        });
    }
}

/// Joins loose lines that are one wrapped heading: the same size, the next right below, and
/// the first long enough (over half the page) to have wrapped.
fn join_wrapped(lines: Vec<Line>, page_width: f32) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let same_size = (prev.size - line.size).abs() <= 0.5;
            let below = line.top - prev.bottom < 0.5 * line.size && line.top > prev.top;
            if same_size && below && prev.x1 - prev.x0 > 0.5 * page_width {
                prev.text.push_str(&line.text);
                prev.x0 = prev.x0.min(line.x0);
                prev.x1 = prev.x1.max(line.x1);
                prev.bottom = line.bottom;
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// Joins the two parts of a cell cut by a page break: as wrapped lines, unless the rest starts
/// a new item.
fn join_cut(head: String, rest: String) -> String {
    if rest.is_empty() {
        return head;
    }
    if head.is_empty() {
        return rest;
    }
    let sep = if lines::starts_item(&rest) { "\n" } else { "" };
    format!("{head}{sep}{rest}")
}

/// A row's cells' texts, to compare rows.
fn signature(row: &Row) -> String {
    row.cells.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join("\u{1F}")
}

/// Page numbers as printers put them: `3`, `- 3 -`, `第3页`, `第 3 页 共 6 页`, `3/6`, `Page 3`,
/// `页 3`.
fn is_page_number(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let inner = t.trim_matches(|c| c == '-' || c == '—');
    if digits(inner) {
        return true;
    }
    if let Some(rest) = t.strip_prefix("Page").or_else(|| t.strip_prefix("页")) {
        return digits(rest) || rest.split_once("of").is_some_and(|(a, b)| digits(a) && digits(b));
    }
    if let Some((a, b)) = t.split_once('/') {
        return digits(a) && digits(b);
    }
    if let Some(rest) = t.strip_prefix('第') {
        let (n, tail) = rest.split_once('页').unwrap_or((rest, "x"));
        return digits(n)
            && (tail.is_empty() || tail.strip_prefix('共').and_then(|s| s.strip_suffix('页')).is_some_and(digits));
    }
    false
}

/// The stream of a PDF's items: each page is read when the previous one is used up.
struct PdfItems {
    path: String,
    pdf: Pdf,
    pages: VecDeque<u32>,
    layout: PageLayout,
    assembler: Option<Assembler>,
    pending: VecDeque<Result<Item, ReadError>>,
}

impl PdfItems {
    fn fill(&mut self) {
        let Some(assembler) = self.assembler.as_mut() else { return };
        let mut out = Vec::new();
        match self.pages.pop_front() {
            Some(n) => match self.pdf.page(n) {
                Ok(page) => {
                    let mut diagnostics = Vec::new();
                    let rows = self.layout.rows(&page, &mut diagnostics);
                    out.extend(diagnostics.into_iter().map(Item::Diagnostic));
                    for row in &rows {
                        assembler.push_row(row, &mut out);
                    }
                }
                Err(e) => {
                    self.pending.extend(out.drain(..).map(Ok));
                    self.pending.push_back(Err(ReadError::Workbook {
                        path: self.path.clone(),
                        sheet: None,
                        message: e.to_string(),
                    }));
                    self.assembler = None;
                    return;
                }
            },
            None => {
                let mut diagnostics = Vec::new();
                let mut cut = std::mem::take(&mut self.layout.cut);
                self.layout.report_cut(&mut cut, &mut diagnostics);
                out.extend(diagnostics.into_iter().map(Item::Diagnostic));
                if let Some(assembler) = self.assembler.take() {
                    assembler.finish(&mut out);
                }
            }
        }
        self.pending.extend(out.into_iter().map(Ok));
    }
}

impl Iterator for PdfItems {
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

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_pdf::Rule;

    /// Text drawn from `x` on the line whose top is `top`, one 10-point character each 10 points.
    fn text(page: &mut Page, s: &str, x: f32, top: f32) {
        for (i, c) in s.chars().enumerate() {
            let x0 = x + 10.0 * i as f32;
            page.glyphs.push(Glyph { text: c.to_string(), x0, x1: x0 + 10.0, top, bottom: top + 10.0, size: 10.0 });
        }
    }

    /// A ruled table of two columns (0–100, 100–300) from `top`, one 20-point row per pair.
    fn table(page: &mut Page, top: f32, rows: &[(&str, &str)]) {
        let bottom = top + 20.0 * rows.len() as f32;
        for i in 0..=rows.len() {
            page.rules.push(Rule { horizontal: true, at: top + 20.0 * i as f32, from: 0.0, to: 300.0 });
        }
        for x in [0.0, 100.0, 300.0] {
            page.rules.push(Rule { horizontal: false, at: x, from: top, to: bottom });
        }
        for (i, (a, b)) in rows.iter().enumerate() {
            let y = top + 20.0 * i as f32 + 5.0;
            text(page, a, 2.0, y);
            text(page, b, 102.0, y);
        }
    }

    fn texts(rows: &[Row]) -> Vec<Vec<String>> {
        rows.iter().map(|r| r.cells.iter().map(|c| c.text.clone()).collect()).collect()
    }

    #[test]
    fn several_tables_on_a_page_in_order_and_the_page_number_left_out() {
        let mut page = Page { number: 3, width: 300.0, height: 400.0, ..Page::default() };
        text(&mut page, "表一", 0.0, 0.0);
        table(&mut page, 20.0, &[("项目名称", "甲"), ("一级指标", "指标值")]);
        text(&mut page, "表二", 0.0, 100.0);
        table(&mut page, 120.0, &[("项目名称", "乙")]);
        text(&mut page, "- 3 -", 140.0, 380.0);
        let mut diagnostics = Vec::new();
        let rows = PageLayout::default().rows(&page, &mut diagnostics);
        assert_eq!(
            texts(&rows),
            vec![
                vec!["表一"],
                vec!["项目名称", "甲"],
                vec!["一级指标", "指标值"],
                vec!["表二"],
                vec!["项目名称", "乙"]
            ]
        );
        assert_eq!(rows[2].cells[1].position.to_string(), "第3页!B3");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "page-furniture");
    }

    #[test]
    fn a_header_repeated_on_the_next_page_is_dropped() {
        let mut layout = PageLayout::default();
        let mut first = Page { number: 1, width: 300.0, height: 400.0, ..Page::default() };
        table(&mut first, 20.0, &[("一级指标", "指标值"), ("产出指标", "≥90%")]);
        let mut second = Page { number: 2, width: 300.0, height: 400.0, ..Page::default() };
        table(&mut second, 20.0, &[("一级指标", "指标值"), ("效益指标", "明显")]);
        let mut diagnostics = Vec::new();
        assert_eq!(layout.rows(&first, &mut diagnostics).len(), 2);
        let rows = layout.rows(&second, &mut diagnostics);
        assert_eq!(texts(&rows), vec![vec!["效益指标", "明显"]]);
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].code, "repeated-header");
        assert_eq!(diagnostics[0].position.as_ref().map(ToString::to_string).as_deref(), Some("第2页!A1"));
    }

    #[test]
    fn page_numbers_are_told_from_text() {
        for t in ["3", "- 3 -", "第3页", "第 3 页 共 6 页", "3/6", "Page 3", "页 3"] {
            assert!(is_page_number(t), "{t}");
        }
        for t in ["2020年", "≥90%", "第一季度", "1/2个", "100"] {
            assert_eq!(is_page_number(t), t == "100", "{t}");
        }
    }
}
