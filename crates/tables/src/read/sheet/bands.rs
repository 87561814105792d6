//! Tables side by side on one sheet: the 2021 and the 2022 table, a 目标表 and its 自评表, two
//! projects, apart by one or more empty columns. Read row by row they would make one table whose
//! rows hold the cells of both, each side taking the other's levels; so the sheet's columns are
//! cut at the empty ones and each part is read as a section of its own, left to right, as tables
//! one under another are read one after the other.
//!
//! A cut is made only where it is sure: when two parts or more each carry an indicator header of
//! their own. A part with indicator rows but no header (another table, or the rest of this one
//! printed beside it?) is reported and not read; two indicator headers on one row with no empty
//! column between them likewise, unless the header marks the two as horizons of one table (the
//! 申报表's 中期 and 年度 indicators, each group with its 一级 column). Anything else is read
//! whole, as before.

use jixiao_core::levels::classify;
use jixiao_core::source::Position;
use jixiao_core::text::trim;

use super::hidden::column_letters;
use crate::diagnostic::{Diagnostic, Severity};
use crate::read::assemble::{HeaderWord, header_word};
use crate::read::grid::{Cell, Row};

/// More stretches of filled columns than this is no sheet of tables side by side (a form laid
/// out cell by cell, a damaged file): it is read whole, and the stretches stay few to keep.
const MOST_BANDS: usize = 16;

/// A stretch of columns, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Band {
    /// The first column.
    pub first: u32,
    /// The last column.
    pub last: u32,
}

impl Band {
    fn letters(self) -> String {
        let (first, last) = (column_letters(self.first), column_letters(self.last));
        if first == last { format!("{first} 列") } else { format!("{first}–{last} 列") }
    }
}

/// How to read one sheet's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// All rows as one section, as they are.
    Whole,
    /// Each part as a section of its own, left to right; parts not to be read were reported.
    Parts(Vec<Part>),
}

/// A part of a sheet's columns: the cells that start in `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    /// The first column that belongs to it.
    pub from: u32,
    /// The last column that belongs to it.
    pub to: u32,
    /// Whether it is read; if not, a warning said so.
    pub read: bool,
}

impl Part {
    /// Whether a cell belongs to this part: by the column it starts in, so that a merged cell
    /// and the copies of it on the rows below it go together.
    pub fn holds(&self, cell: &Cell) -> bool {
        (self.from..=self.to).contains(&cell.col)
    }
}

/// What a sheet's rows say about their tables' columns, gathered as each row is made (while
/// its cells are at hand), so that an ordinary sheet needs no second pass over its rows.
#[derive(Debug, Default)]
pub struct Survey {
    /// The stretches of columns filled by rows of two cells or more, without an empty column
    /// inside any. A row of one cell (a title, a unit line, a note) may run across the empty
    /// column between two tables, and is left out; a merged cell counts in its first column
    /// only, since a title merged across both tables may share its row with a unit line.
    bands: Vec<Band>,
    /// The band the last cell fell in: nearly every cell falls in the one the cell before did.
    last: usize,
    /// More stretches than tables side by side make.
    broken: bool,
    /// The rows seen so far.
    seen: usize,
    /// The rows holding two 一级 headers, by index: each is two tables, unless its header marks
    /// horizons, which needs the row above to tell.
    doubles: Vec<usize>,
}

impl Survey {
    /// Takes the next row.
    pub fn row(&mut self, row: &Row) {
        if double_header_in(row, |_| true).is_some() {
            self.doubles.push(self.seen);
        }
        self.seen += 1;
        if row.cells.len() < 2 || self.broken {
            return;
        }
        for c in &row.cells {
            // At its first column only: the columns a merge spans are not filled for finding
            // the empty one between tables (a title merged over both beside `单位：万元`).
            let cell = Band { first: c.col, last: c.col };
            if self.bands.get(self.last).is_some_and(|b| b.first <= cell.first && cell.last <= b.last) {
                continue;
            }
            self.last = add(&mut self.bands, cell);
            if self.bands.len() > MOST_BANDS {
                self.broken = true;
                return;
            }
        }
    }
}

/// How to read a sheet's rows, given what they were seen to say, with what that decision needs
/// saying.
pub fn reading(sheet: &str, rows: &[Row], survey: Survey, diagnostics: &mut Vec<Diagnostic>) -> Reading {
    if !survey.broken && survey.bands.len() >= 2 {
        if let Some(parts) = cut(sheet, rows, &survey.bands, diagnostics) {
            return Reading::Parts(parts);
        }
    }
    // Read whole: still two tables if one row holds two indicator headers.
    match survey.doubles.iter().find_map(|&i| two_tables_at(rows, i, |_| true)) {
        Some(at) => {
            diagnostics.push(unread_double(sheet, rows, &Part { from: 0, to: u32::MAX, read: false }, &at));
            Reading::Parts(Vec::new())
        }
        None => Reading::Whole,
    }
}

/// The parts a sheet's columns are cut into, each to be read or reported; `None` where the sheet
/// is read whole.
fn cut(sheet: &str, rows: &[Row], bands: &[Band], diagnostics: &mut Vec<Diagnostic>) -> Option<Vec<Part>> {
    let looks: Vec<Looks> = partition(bands).into_iter().map(|p| looks(rows, p)).collect();
    let headed = looks.iter().filter(|l| l.header_row.is_some()).count();
    let suspect = |l: &Looks| l.header_row.is_none() && l.indicator_like.is_some();
    // One header, and either a part beside it reaches its row (a header across an empty
    // column: one table) or nothing beside it looks like indicators (notes, a list): as before.
    if headed == 0 || (headed == 1 && (crosses_header(&looks) || !looks.iter().any(suspect))) {
        return None;
    }
    let mut parts: Vec<Part> = looks.iter().map(|l| Part { read: !suspect(l), ..l.part }).collect();
    for (i, part) in parts.iter_mut().enumerate() {
        if !part.read {
            diagnostics.push(unread_headless(sheet, rows, part, bands[i], &looks[i]));
        } else if let Some(at) = (0..rows.len()).find_map(|i| two_tables_at(rows, i, |c| part.holds(c))) {
            part.read = false;
            diagnostics.push(unread_double(sheet, rows, part, &at));
        }
    }
    if headed >= 2 {
        let tables: Vec<(Part, Band)> =
            looks.iter().zip(bands).filter(|(l, _)| l.header_row.is_some()).map(|(l, b)| (l.part, *b)).collect();
        diagnostics.push(side_by_side(sheet, rows, &tables));
    }
    Some(parts)
}

/// Adds a cell's columns to sorted, disjoint stretches with an empty column between each two,
/// joining the stretches it touches; returns the index of the stretch that holds it.
fn add(bands: &mut Vec<Band>, b: Band) -> usize {
    let start = bands.partition_point(|x| x.last.saturating_add(1) < b.first);
    let end = bands.partition_point(|x| x.first <= b.last.saturating_add(1));
    if start == end {
        bands.insert(start, b);
        return start;
    }
    let joined = Band { first: b.first.min(bands[start].first), last: b.last.max(bands[end - 1].last) };
    bands.splice(start..end, [joined]);
    start
}

/// The parts the bands cut every column into: each band with the empty columns after it, the
/// first from column A, the last to the sheet's end.
fn partition(bands: &[Band]) -> Vec<Part> {
    (0..bands.len())
        .map(|i| Part {
            from: if i == 0 { 0 } else { bands[i].first },
            to: bands.get(i + 1).map_or(u32::MAX, |next| next.first - 1),
            read: true,
        })
        .collect()
}

/// What a part's cells look like, for telling whether it is a table of its own.
#[derive(Debug)]
struct Looks {
    /// The part.
    part: Part,
    /// The first row holding an indicator header in this part alone: a 一级 or 二级 column and a
    /// 三级 column.
    header_row: Option<usize>,
    /// A cell that names an indicator column or a standard level (`产出指标`, `数量指标`).
    indicator_like: Option<String>,
    /// The rows holding any of its cells.
    rows: Vec<usize>,
}

fn looks(rows: &[Row], part: Part) -> Looks {
    let mut looks = Looks { part, header_row: None, indicator_like: None, rows: Vec::new() };
    for (i, row) in rows.iter().enumerate() {
        let (mut level, mut name, mut any) = (false, false, false);
        for c in row.cells.iter().filter(|c| part.holds(c)) {
            any = true;
            let text = trim(&c.text);
            let word = header_word(text);
            level |= matches!(word, Some(HeaderWord::Level1 | HeaderWord::Level2));
            name |= word == Some(HeaderWord::Name);
            if looks.indicator_like.is_none() && (word.is_some() || classify(text) != (None, None)) {
                looks.indicator_like = Some(text.to_owned());
            }
        }
        if any {
            looks.rows.push(i);
        }
        if level && name && looks.header_row.is_none() {
            looks.header_row = Some(i);
        }
    }
    looks
}

/// Whether a part without an indicator header has a cell on the row of another part's header.
fn crosses_header(looks: &[Looks]) -> bool {
    looks
        .iter()
        .filter_map(|l| l.header_row)
        .any(|row| looks.iter().any(|l| l.header_row.is_none() && l.rows.binary_search(&row).is_ok()))
}

/// The first two cells of a row that are both a 一级 column's header, among the cells `within`
/// takes: two tables side by side with no empty column between them.
fn double_header_in(row: &Row, within: impl Fn(&Cell) -> bool) -> Option<[Position; 2]> {
    let mut first: Option<&Cell> = None;
    // Most cells are dismissed by their first bytes, before a label is looked up.
    for c in row.cells.iter().filter(|c| trim(&c.text).starts_with("一级") && within(c)) {
        if header_word(trim(&c.text)) != Some(HeaderWord::Level1) {
            continue;
        }
        match first {
            Some(f) if f.col != c.col => return Some([f.position.clone(), c.position.clone()]),
            _ => first = Some(c),
        }
    }
    None
}

/// The two 一级 headers of row `i` that start two tables side by side with no empty column
/// between them, among the cells `within` takes: not where the header marks its groups as
/// horizons of one table.
fn two_tables_at(rows: &[Row], i: usize, within: impl Fn(&Cell) -> bool) -> Option<[Position; 2]> {
    let at = double_header_in(&rows[i], &within)?;
    let above = i.checked_sub(1).map(|j| &rows[j]);
    (!horizons(&rows[i], above, &within)).then_some(at)
}

/// Whether a header row with two 一级 columns is one table's two horizons: a header cell marked
/// 中期 or 长期 (`一级指标(中期)`, `二级指标(长期)`), or a group row above it naming the long term
/// and the year apart (`中期指标 | 年度指标`), as the 申报表 of 财预〔2015〕88号 lays them out. Two
/// tables of one kind side by side carry neither.
fn horizons(header: &Row, above: Option<&Row>, within: impl Fn(&Cell) -> bool) -> bool {
    let long = |c: &Cell| c.text.contains("中期") || c.text.contains("长期");
    if header.cells.iter().any(|c| within(c) && header_word(trim(&c.text)).is_some() && long(c)) {
        return true;
    }
    let Some(above) = above else { return false };
    let mut cells = above.cells.iter().filter(|c| within(c) && !c.continued);
    let first_long = cells.position(long);
    first_long.is_some() && cells.any(|c| c.text.contains("年度"))
}

/// The first and last cells of a part in row order, and how many cells of its own it holds.
fn extent<'r>(rows: &'r [Row], part: &Part) -> Option<(&'r Cell, &'r Cell, usize)> {
    let mut cells = rows.iter().flat_map(|r| r.cells.iter()).filter(|c| part.holds(c) && !c.continued);
    let first = cells.next()?;
    let (last, count) = cells.fold((first, 1), |(_, n), c| (c, n + 1));
    Some((first, last, count))
}

/// The warning that a part with indicator rows but no header of its own was not read.
fn unread_headless(sheet: &str, rows: &[Row], part: &Part, band: Band, looks: &Looks) -> Diagnostic {
    let example = looks.indicator_like.as_deref().unwrap_or_default();
    let (position, until, count) = match extent(rows, part) {
        Some((first, last, n)) => (Some(first.position.clone()), Some(last.position.clone()), n),
        None => (None, None, 0),
    };
    Diagnostic {
        code: "unplaced-columns",
        severity: Severity::Warning,
        position,
        until,
        message: format!(
            "工作表 “{sheet}” 的 {}与有指标表头的表格之间隔着空列, 其中有指标 (如 “{}”) 却没有自己的指标表头: \
             无法确定它是另一张表格还是这张表格的续表, 这 {count} 个单元格未读入; 请给它加上表头, \
             或把它移到所属表格的下方后再读取",
            band.letters(),
            jixiao_core::diagnostic::excerpt(example),
        ),
    }
}

/// The warning that a part holding two indicator headers side by side, with no empty column
/// between them, was not read.
fn unread_double(sheet: &str, rows: &[Row], part: &Part, at: &[Position; 2]) -> Diagnostic {
    let (position, until, count, columns) = match extent(rows, part) {
        Some((first, last, n)) => {
            let (from, to) = rows
                .iter()
                .flat_map(|r| r.cells.iter())
                .filter(|c| part.holds(c))
                .fold((u32::MAX, 0), |(a, b), c| (a.min(c.col), b.max(c.col.saturating_add(c.span.max(1) - 1))));
            (Some(first.position.clone()), Some(last.position.clone()), n, Band { first: from, last: to }.letters())
        }
        None => (None, None, 0, String::new()),
    };
    Diagnostic {
        code: "unplaced-columns",
        severity: Severity::Warning,
        position,
        until,
        message: format!(
            "工作表 “{sheet}” 的 {columns}在同一行有两组指标表头 ({} 和 {} 都是 “一级指标”), 像是左右并排、中间没有空列的两张表格: \
             逐行读取会把两张表格的指标拼在一起, 所以这 {count} 个单元格未读入; 请在两张表格之间插入一个空列, \
             或把它们分到不同的工作表后再读取",
            cell_of(&at[0]),
            cell_of(&at[1]),
        ),
    }
}

/// The note that a sheet's tables side by side (each part with its header, and its columns)
/// were read apart.
fn side_by_side(sheet: &str, rows: &[Row], tables: &[(Part, Band)]) -> Diagnostic {
    let second = tables.get(1).and_then(|(p, _)| extent(rows, p)).map(|(first, _, _)| first.position.clone());
    let columns: Vec<String> = tables.iter().map(|(_, b)| b.letters()).collect();
    Diagnostic::note(
        "side-by-side-tables",
        second,
        format!(
            "工作表 “{sheet}” 上有 {} 张左右并排的表格 ({}), 之间隔着空列: 按列分开, 从左到右逐张读取",
            tables.len(),
            columns.join("、"),
        ),
    )
}

/// The A1 reference of a position in a sheet, without the sheet's name.
fn cell_of(p: &Position) -> &str {
    match p {
        Position::Cell { cell, .. } => cell,
        Position::Text { .. } => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bands_of(spans: &[(u32, u32)]) -> Vec<Band> {
        let mut bands = Vec::new();
        for &(first, last) in spans {
            add(&mut bands, Band { first, last });
        }
        bands
    }

    #[test]
    fn stretches_join_where_they_touch_and_stay_apart_at_an_empty_column() {
        let b = |first, last| Band { first, last };
        assert_eq!(bands_of(&[(0, 0), (1, 1), (2, 3)]), [b(0, 3)]);
        assert_eq!(bands_of(&[(0, 3), (5, 8), (4, 4)]), [b(0, 8)]);
        assert_eq!(bands_of(&[(5, 8), (0, 3), (1, 2), (6, 6)]), [b(0, 3), b(5, 8)]);
        assert_eq!(bands_of(&[(0, 1), (10, 11), (5, 5), (3, 7)]), [b(0, 1), b(3, 7), b(10, 11)]);
        assert_eq!(bands_of(&[(0, 1), (10, 11), (2, 9)]), [b(0, 11)]);
        assert_eq!(bands_of(&[(u32::MAX, u32::MAX), (0, 0)]), [b(0, 0), b(u32::MAX, u32::MAX)]);
    }

    #[test]
    fn parts_cover_every_column() {
        let parts = partition(&[Band { first: 2, last: 5 }, Band { first: 7, last: 9 }]);
        assert_eq!((parts[0].from, parts[0].to, parts[1].from, parts[1].to), (0, 6, 7, u32::MAX));
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(27), "AB");
    }
}
