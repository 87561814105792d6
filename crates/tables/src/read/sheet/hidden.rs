//! Rows and columns a sheet hides. A template hides its helper columns (codes, lookups) and rows
//! of old data (last year's targets kept out of sight); the sheet, its print and the PDF made
//! from it show none of them, so neither does the reading, as with text covered by a merge and
//! hidden sheets. What is left out is named, so that nobody is surprised by a table that differs
//! from the file's cells, or finds text there that no reading explains: in a note where it lies
//! outside the tables read, in a warning where it lies inside one (between its first and last
//! rows), since there it is more likely the table's own.
//!
//! Two kinds of hidden rows are not left out. Rows an AutoFilter hid are read: a filter is a
//! view of the table, not a deletion from it. And a level (一级, 二级) written once on a hidden
//! row still heads the shown rows under it that leave it blank, as a merge across the hidden
//! row would: left out, those rows would fall under the level above it.

use jixiao_core::levels::classify;
use jixiao_core::source::{Position, a1};
use jixiao_core::text::trim;

use super::rows::Merge;
use crate::diagnostic::{Diagnostic, Severity, excerpt};
use crate::read::assemble::{HeaderWord, header_word};

/// The rows and columns a sheet hides, 0-based, as inclusive ranges (a sheet may hide all its
/// rows below the table, a million of them).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// Row ranges, sorted and apart once [`Hidden::normalise`] ran.
    pub rows: Vec<(u32, u32)>,
    /// Column ranges, sorted and apart once [`Hidden::normalise`] ran.
    pub cols: Vec<(u32, u32)>,
    /// Row ranges an AutoFilter hid, taken out of `rows`: read as any other.
    pub filtered: Vec<(u32, u32)>,
    /// The AutoFilter's range, if its criteria hid rows.
    pub filter: Option<Merge>,
}

impl Hidden {
    /// Sorts the ranges and joins those that overlap or touch, for the lookups.
    pub fn normalise(&mut self) {
        join_ranges(&mut self.rows);
        join_ranges(&mut self.cols);
        join_ranges(&mut self.filtered);
    }

    /// Takes the hidden rows under the header row of an AutoFilter's `range` out of `rows`: its
    /// criteria hid them.
    pub fn filter(&mut self, range: Merge) {
        let (first, last) = (range.first_row.saturating_add(1), range.last_row);
        let mut kept = Vec::with_capacity(self.rows.len());
        for &(a, b) in &self.rows {
            if b < first || a > last {
                kept.push((a, b));
                continue;
            }
            self.filtered.push((a.max(first), b.min(last)));
            if a < first {
                kept.push((a, first - 1));
            }
            if b > last {
                kept.push((last + 1, b));
            }
        }
        self.rows = kept;
        self.filter = Some(range);
    }

    /// Whether nothing is hidden.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty() && self.cols.is_empty()
    }

    fn row(&self, row: u32) -> bool {
        in_ranges(&self.rows, row)
    }

    fn col(&self, col: u32) -> bool {
        in_ranges(&self.cols, col)
    }

    /// Whether the merge shows on the sheet: some row and some column of it are not hidden.
    fn shows(&self, m: &Merge) -> bool {
        !covers(&self.rows, m.first_row, m.last_row) && !covers(&self.cols, m.first_col, m.last_col)
    }
}

fn join_ranges(ranges: &mut Vec<(u32, u32)>) {
    ranges.sort_unstable();
    let mut joined: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for &(first, last) in ranges.iter() {
        match joined.last_mut() {
            Some(prev) if first <= prev.1.saturating_add(1) => prev.1 = prev.1.max(last),
            _ => joined.push((first, last)),
        }
    }
    *ranges = joined;
}

/// Whether one of sorted ranges that are apart holds all of `first..=last`.
fn covers(ranges: &[(u32, u32)], first: u32, last: u32) -> bool {
    let i = ranges.partition_point(|&(_, end)| end < first);
    ranges.get(i).is_some_and(|&(start, end)| start <= first && last <= end)
}

/// Whether `n` is in sorted ranges that are apart.
fn in_ranges(ranges: &[(u32, u32)], n: u32) -> bool {
    let i = ranges.partition_point(|&(_, last)| last < n);
    ranges.get(i).is_some_and(|&(first, _)| first <= n)
}

/// Takes the cells of hidden rows and columns out of `cells` (sorted by row and column), and
/// returns them for [`Dropped::report`] once the tables are known. A merged cell whose text is
/// in a hidden row or column but that spans shown ones stays: the sheet shows its text there. A
/// level on a hidden row that the shown row under it leaves blank stays too, merged down to that
/// row in `merges`.
pub fn drop_hidden(cells: &mut Vec<(u32, u32, String)>, merges: &mut Vec<Merge>, hidden: &Hidden) -> Dropped {
    let mut dropped = Dropped { filtered: hidden.filtered.clone(), filter: hidden.filter, ..Dropped::default() };
    if hidden.is_empty() {
        return dropped;
    }
    carry_levels(cells, merges, hidden);
    // The merges by their top-left cell, looked up for the hidden cells only.
    let mut origins: Vec<(u32, u32, usize)> =
        merges.iter().enumerate().map(|(i, m)| (m.first_row, m.first_col, i)).collect();
    origins.sort_unstable();
    let shown_merge = |row: u32, col: u32| {
        let i = origins.partition_point(|&(r, c, _)| (r, c) < (row, col));
        origins[i..].iter().take_while(|&&(r, c, _)| (r, c) == (row, col)).any(|&(_, _, m)| hidden.shows(&merges[m]))
    };
    let all = std::mem::take(cells);
    cells.reserve(all.len());
    for (row, col, text) in all {
        let (hidden_row, hidden_col) = (hidden.row(row), hidden.col(col));
        if !(hidden_row || hidden_col) || shown_merge(row, col) {
            cells.push((row, col, text));
        } else {
            dropped.cells.push(Gone { row, col, hidden_row, between: false, text });
        }
    }
    // A hidden column with shown cells on both sides of it on its row is inside what that row
    // shows; one at the side (codes beside the table) is not.
    for gone in dropped.cells.iter_mut().filter(|g| !g.hidden_row) {
        let start = cells.partition_point(|&(r, _, _)| r < gone.row);
        let row = cells[start..].iter().take_while(|&&(r, _, _)| r == gone.row);
        let (mut left, mut right) = (false, false);
        for &(_, c, _) in row {
            left |= c < gone.col;
            right |= c > gone.col;
        }
        gone.between = left && right;
    }
    dropped
}

/// Merges each level on a hidden row down to the shown row right under the hidden rows, where
/// that row leaves the level's column blank and has cells to its right (an indicator row under
/// it): the shown row is under that level, as the sheet's author wrote it.
fn carry_levels(cells: &[(u32, u32, String)], merges: &mut Vec<Merge>, hidden: &Hidden) {
    let mut header = LevelColumns::default();
    let mut seen = 0;
    let mut carried = Vec::new();
    for &(first, last) in &hidden.rows {
        let Some(below) = last.checked_add(1) else { continue };
        let run = cells.partition_point(|&(r, _, _)| r < first);
        header.see(&cells[seen..run]);
        let end = cells.partition_point(|&(r, _, _)| r <= last);
        seen = end;
        let next = &cells[end..cells.partition_point(|&(r, _, _)| r <= below)];
        if next.is_empty() {
            continue;
        }
        // The last cell of each column in the run: the nearest above the shown row.
        let mut lowest: Vec<&(u32, u32, String)> = Vec::new();
        for cell in &cells[run..end] {
            match lowest.iter_mut().find(|c| c.1 == cell.1) {
                Some(slot) => *slot = cell,
                None => lowest.push(cell),
            }
        }
        for &&(row, col, ref text) in &lowest {
            let blank_under = !next.iter().any(|c| c.1 == col) && next.iter().any(|c| c.1 > col);
            if blank_under
                && !hidden.col(col)
                && (header.holds(col) || classify(trim(text)) != (None, None))
                && !merges.iter().any(|m| m.holds(row, col) || m.holds(below, col))
            {
                carried.push(Merge { first_row: row, first_col: col, last_row: below, last_col: col });
            }
        }
    }
    merges.extend(carried);
}

/// The 一级 and 二级 columns of the last indicator header seen.
#[derive(Default)]
struct LevelColumns {
    row: Option<u32>,
    cols: Vec<u32>,
}

impl LevelColumns {
    /// Takes the next cells in sheet order.
    fn see(&mut self, cells: &[(u32, u32, String)]) {
        for (row, col, text) in cells {
            let text = trim(text);
            // Most cells are dismissed by their first bytes, before a label is looked up.
            if !(text.starts_with("一级") || text.starts_with("二级"))
                || !matches!(header_word(text), Some(HeaderWord::Level1 | HeaderWord::Level2))
            {
                continue;
            }
            if self.row != Some(*row) {
                self.row = Some(*row);
                self.cols.clear();
            }
            self.cols.push(*col);
        }
    }

    fn holds(&self, col: u32) -> bool {
        self.cols.contains(&col)
    }
}

/// A cell left out.
#[derive(Debug)]
struct Gone {
    row: u32,
    col: u32,
    /// Whether its row is hidden (else its column alone is).
    hidden_row: bool,
    /// In a hidden column alone, with shown cells on both sides of it on its row.
    between: bool,
    text: String,
}

/// The cells left out of a sheet, and the rows a filter hid, to be reported once the sheet's
/// tables are known.
#[derive(Debug, Default)]
pub struct Dropped {
    cells: Vec<Gone>,
    filtered: Vec<(u32, u32)>,
    filter: Option<Merge>,
}

impl Dropped {
    /// What to say of the cells left out, given the rows (first, last) of each table read from
    /// the sheet: a warning for those inside a table, a note for the rest; and a note for the
    /// rows a filter hid, which were read.
    pub fn report(self, sheet: &str, tables: &[(u32, u32)]) -> Vec<Diagnostic> {
        let inside = |g: &Gone| (g.hidden_row || g.between) && tables.iter().any(|&(a, b)| a <= g.row && g.row <= b);
        let (mut within, mut without) = (Summary::default(), Summary::default());
        for g in &self.cells {
            if inside(g) { within.add(g) } else { without.add(g) }
        }
        let mut out = Vec::new();
        out.extend(within.diagnostic(sheet, Severity::Warning));
        out.extend(without.diagnostic(sheet, Severity::Info));
        if let (Some(range), Some(&(first, _))) = (self.filter, self.filtered.first()) {
            let rows: Vec<u32> = self.filtered.iter().flat_map(|&(a, b)| [a, b]).collect();
            let reference = format!("{}:{}", a1(range.first_row, range.first_col), a1(range.last_row, range.last_col));
            out.push(Diagnostic::note(
                "filtered-rows",
                Some(Position::cell(sheet, first, range.first_col)),
                format!(
                    "第 {} 行被自动筛选 ({reference}) 隐藏: 筛选只是显示方式, 这些行照常读入",
                    range_runs(&rows, |r| (r + 1).to_string())
                ),
            ));
        }
        out
    }
}

/// The cells left out of one kind, for one diagnostic.
#[derive(Default)]
struct Summary<'a> {
    rows: Vec<u32>,
    cols: Vec<u32>,
    count: usize,
    first: Option<&'a Gone>,
    last: Option<(u32, u32)>,
}

impl<'a> Summary<'a> {
    fn add(&mut self, g: &'a Gone) {
        if g.hidden_row && self.rows.last() != Some(&g.row) {
            self.rows.push(g.row);
        }
        if !g.hidden_row && !self.cols.contains(&g.col) {
            self.cols.push(g.col);
        }
        self.count += 1;
        self.first.get_or_insert(g);
        self.last = Some((g.row, g.col));
    }

    fn diagnostic(mut self, sheet: &str, severity: Severity) -> Option<Diagnostic> {
        let first = self.first?;
        self.cols.sort_unstable();
        let mut what = Vec::new();
        if !self.rows.is_empty() {
            what.push(format!("第 {} 行", runs(&self.rows, |r| (r + 1).to_string())));
        }
        if !self.cols.is_empty() {
            what.push(format!("{} 列", runs(&self.cols, column_letters)));
        }
        let (code, place, advice) = match severity {
            Severity::Info => ("hidden-cells", "", ""),
            _ => ("hidden-in-table", ", 却在表格之中", "; 若它们属于表格, 请取消隐藏后再读取"),
        };
        let (row, col) = (first.row, first.col);
        let until = self.last.filter(|&l| l != (row, col)).map(|(r, c)| Position::cell(sheet, r, c));
        Some(Diagnostic {
            code,
            severity,
            position: Some(Position::cell(sheet, row, col)),
            until,
            message: format!(
                "{}是隐藏的{place} (打开或打印工作表时都看不见), 其中 {} 个单元格的内容未读入: “{}”{}{advice}",
                what.join("和 "),
                self.count,
                excerpt(&first.text),
                if self.count > 1 { " 等" } else { "" },
            ),
        })
    }
}

/// Sorted ranges given as their ends (`[a, b, c, d]` for a–b and c–d) as runs (`3、7–9`).
fn range_runs(ends: &[u32], name: impl Fn(u32) -> String) -> String {
    let named: Vec<String> = ends
        .chunks(2)
        .take(8)
        .map(|p| match p {
            [a, b] if a != b => format!("{}–{}", name(*a), name(*b)),
            [a, ..] => name(*a),
            [] => String::new(),
        })
        .collect();
    let more = if ends.len() > 16 { "、等" } else { "" };
    format!("{}{more}", named.join("、"))
}

/// Sorted numbers as runs (`3、7–9`), each end named by `name`; at most eight runs, then `等`.
fn runs(sorted: &[u32], name: impl Fn(u32) -> String) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i;
        while j + 1 < sorted.len() && sorted[j + 1] == sorted[j] + 1 {
            j += 1;
        }
        if out.len() == 8 {
            out.push("等".to_owned());
            break;
        }
        out.push(if i == j { name(sorted[i]) } else { format!("{}–{}", name(sorted[i]), name(sorted[j])) });
        i = j + 1;
    }
    out.join("、")
}

/// A column's letters (`F` for 5).
pub fn column_letters(col: u32) -> String {
    let mut s = a1(0, col);
    s.pop();
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(list: &[(u32, u32, &str)]) -> Vec<(u32, u32, String)> {
        list.iter().map(|&(r, c, t)| (r, c, t.to_owned())).collect()
    }

    #[test]
    fn hidden_cells_are_dropped_and_named_but_a_merge_shown_elsewhere_stays() {
        let mut hidden = Hidden { rows: vec![(3, 3), (2, 2), (3, 4)], cols: vec![(7, 7), (5, 6)], ..Hidden::default() };
        hidden.normalise();
        assert_eq!((&hidden.rows[..], &hidden.cols[..]), (&[(2, 4)][..], &[(5, 7)][..]));
        let mut cells = cells(&[
            (0, 0, "标题"),
            (0, 6, "辅助"),
            (2, 0, "产出指标"),
            (2, 1, "2020年旧值"),
            (3, 1, "旧值2"),
            (5, 0, "效益指标"),
        ]);
        // A3:A6 merged, its text in hidden row 3: shown on row 6.
        let mut merges = vec![Merge { first_row: 2, first_col: 0, last_row: 5, last_col: 0 }];
        let dropped = drop_hidden(&mut cells, &mut merges, &hidden);
        let kept: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
        assert_eq!(kept, ["标题", "产出指标", "效益指标"]);
        let d = dropped.report("S", &[]);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].display("t.xlsx").to_string(),
            "t.xlsx:S!G1-S!B4: 提示[hidden-cells]: 第 3–4 行和 G 列是隐藏的 (打开或打印工作表时都看不见), \
             其中 3 个单元格的内容未读入: “辅助” 等"
        );
    }

    #[test]
    fn inside_a_table_hidden_cells_are_a_warning_and_beside_it_a_note() {
        let hidden = Hidden { rows: vec![(3, 3), (9, 9)], cols: vec![(2, 2), (5, 5)], ..Hidden::default() };
        let mut cells = cells(&[
            (1, 0, "一级指标"),
            (1, 1, "三级指标"),
            (1, 2, "编码"),
            (1, 3, "指标值"),
            (1, 5, "备注"),
            (3, 1, "旧指标"),
            (9, 1, "去年的"),
        ]);
        let dropped = drop_hidden(&mut cells, &mut Vec::new(), &hidden);
        let d = dropped.report("S", &[(0, 4)]);
        let shown: Vec<String> = d.iter().map(|d| d.display("t").to_string()).collect();
        // C2 lies between shown cells of its row, F2 at the side; row 10 is under the table.
        assert_eq!(
            shown,
            [
                "t:S!C2-S!B4: 警告[hidden-in-table]: 第 4 行和 C 列是隐藏的, 却在表格之中 (打开或打印工作表时都看不见), \
                 其中 2 个单元格的内容未读入: “编码” 等; 若它们属于表格, 请取消隐藏后再读取",
                "t:S!F2-S!B10: 提示[hidden-cells]: 第 10 行和 F 列是隐藏的 (打开或打印工作表时都看不见), \
                 其中 2 个单元格的内容未读入: “备注” 等",
            ]
        );
    }

    #[test]
    fn a_level_on_a_hidden_row_is_merged_down_to_the_blank_under_it() {
        let hidden = Hidden { rows: vec![(3, 4)], ..Hidden::default() };
        let mut cells = cells(&[
            (0, 0, "一级"),
            (0, 1, "二级"),
            (0, 2, "三级"),
            (1, 0, "产出指标"),
            (1, 1, "数量指标"),
            (1, 2, "甲"),
            (3, 0, "效益指标"),
            (3, 1, "自定二级"),
            (3, 2, "旧的"),
            (4, 1, "另一二级"),
            (4, 3, "备注"),
            (5, 2, "乙"),
            (5, 3, "丙"),
        ]);
        let mut merges = Vec::new();
        let dropped = drop_hidden(&mut cells, &mut merges, &hidden);
        // 效益指标 by its name, 另一二级 by its column (the header's 二级), nearest above row 6;
        // 旧的 and 备注 are no levels, and 自定二级 is not the nearest.
        assert_eq!(
            merges,
            [
                Merge { first_row: 3, first_col: 0, last_row: 5, last_col: 0 },
                Merge { first_row: 4, first_col: 1, last_row: 5, last_col: 1 },
            ]
        );
        assert_eq!(dropped.cells.iter().map(|g| g.text.as_str()).collect::<Vec<_>>(), ["自定二级", "旧的", "备注"]);
    }

    #[test]
    fn runs_of_rows() {
        assert_eq!(runs(&[2, 6, 7, 8, 11], |r| (r + 1).to_string()), "3、7–9、12");
        assert_eq!(runs(&(0..40).step_by(2).collect::<Vec<_>>(), |r| r.to_string()), "0、2、4、6、8、10、12、14、等");
        assert_eq!(range_runs(&[2, 2, 6, 8], |r| (r + 1).to_string()), "3、7–9");
    }
}
