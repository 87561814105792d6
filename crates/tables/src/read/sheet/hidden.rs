//! Rows and columns a sheet hides. A template hides its helper columns (codes, lookups) and rows
//! of old data (last year's targets kept out of sight); the sheet, its print and the PDF made
//! from it show none of them, so neither does the reading, as with text covered by a merge and
//! hidden sheets. What is left out is named in a note, so that nobody is surprised by a table
//! that differs from the file's cells, or finds text there that no reading explains.

use jixiao_core::source::{Position, a1};

use super::rows::Merge;
use crate::diagnostic::{Diagnostic, excerpt};

/// The rows and columns a sheet hides, 0-based, as inclusive ranges (a sheet may hide all its
/// rows below the table, a million of them).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// Row ranges, sorted and apart once [`Hidden::normalise`] ran.
    pub rows: Vec<(u32, u32)>,
    /// Column ranges, sorted and apart once [`Hidden::normalise`] ran.
    pub cols: Vec<(u32, u32)>,
}

impl Hidden {
    /// Sorts the ranges and joins those that overlap or touch, for the lookups.
    pub fn normalise(&mut self) {
        join_ranges(&mut self.rows);
        join_ranges(&mut self.cols);
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

/// Takes the cells of hidden rows and columns out of `cells` (sorted by row and column), with a
/// note naming them. A merged cell whose text is in a hidden row or column but that spans shown
/// ones stays: the sheet shows its text there.
pub fn drop_hidden(
    sheet: &str,
    cells: &mut Vec<(u32, u32, String)>,
    merges: &[Merge],
    hidden: &Hidden,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if hidden.is_empty() {
        return;
    }
    // The merges by their top-left cell, looked up for the hidden cells only.
    let mut origins: Vec<(u32, u32, usize)> =
        merges.iter().enumerate().map(|(i, m)| (m.first_row, m.first_col, i)).collect();
    origins.sort_unstable();
    let shown_merge = |row: u32, col: u32| {
        let i = origins.partition_point(|&(r, c, _)| (r, c) < (row, col));
        origins[i..].iter().take_while(|&&(r, c, _)| (r, c) == (row, col)).any(|&(_, _, m)| hidden.shows(&merges[m]))
    };
    let mut dropped = Dropped::default();
    cells.retain(|(row, col, text)| {
        let (hidden_row, hidden_col) = (hidden.row(*row), hidden.col(*col));
        if !(hidden_row || hidden_col) || shown_merge(*row, *col) {
            return true;
        }
        dropped.add(*row, *col, hidden_row, hidden_col, text);
        false
    });
    if let Some(note) = dropped.note(sheet) {
        diagnostics.push(note);
    }
}

/// The cells left out, for the note.
#[derive(Default)]
struct Dropped {
    rows: Vec<u32>,
    cols: Vec<u32>,
    count: usize,
    first: Option<(u32, u32, String)>,
    last: Option<(u32, u32)>,
}

impl Dropped {
    fn add(&mut self, row: u32, col: u32, hidden_row: bool, hidden_col: bool, text: &str) {
        if hidden_row && self.rows.last() != Some(&row) {
            self.rows.push(row);
        }
        if hidden_col && !hidden_row && !self.cols.contains(&col) {
            self.cols.push(col);
        }
        self.count += 1;
        self.first.get_or_insert_with(|| (row, col, excerpt(text)));
        self.last = Some((row, col));
    }

    fn note(mut self, sheet: &str) -> Option<Diagnostic> {
        let (row, col, text) = self.first.take()?;
        self.cols.sort_unstable();
        let mut what = Vec::new();
        if !self.rows.is_empty() {
            what.push(format!("第 {} 行", runs(&self.rows, |r| (r + 1).to_string())));
        }
        if !self.cols.is_empty() {
            what.push(format!("{} 列", runs(&self.cols, column_letters)));
        }
        let mut d = Diagnostic::note(
            "hidden-cells",
            Some(Position::cell(sheet, row, col)),
            format!(
                "{}是隐藏的 (打开或打印工作表时都看不见), 其中 {} 个单元格的内容未读入: “{text}”{}",
                what.join("和 "),
                self.count,
                if self.count > 1 { " 等" } else { "" },
            ),
        );
        d.until = self.last.filter(|&l| l != (row, col)).map(|(r, c)| Position::cell(sheet, r, c));
        Some(d)
    }
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

    #[test]
    fn hidden_cells_are_dropped_and_named_but_a_merge_shown_elsewhere_stays() {
        let mut hidden = Hidden { rows: vec![(3, 3), (2, 2), (3, 4)], cols: vec![(7, 7), (5, 6)] };
        hidden.normalise();
        assert_eq!((&hidden.rows[..], &hidden.cols[..]), (&[(2, 4)][..], &[(5, 7)][..]));
        let mut cells: Vec<(u32, u32, String)> = vec![
            (0, 0, "标题".into()),
            (0, 6, "辅助".into()),
            (2, 0, "产出指标".into()),
            (2, 1, "2020年旧值".into()),
            (3, 1, "旧值2".into()),
            (5, 0, "效益指标".into()),
        ];
        // A3:A6 merged, its text in hidden row 3: shown on row 6.
        let merges = [Merge { first_row: 2, first_col: 0, last_row: 5, last_col: 0 }];
        let mut d = Vec::new();
        drop_hidden("S", &mut cells, &merges, &hidden, &mut d);
        let kept: Vec<&str> = cells.iter().map(|c| c.2.as_str()).collect();
        assert_eq!(kept, ["标题", "产出指标", "效益指标"]);
        assert_eq!(d.len(), 1);
        assert_eq!(
            d[0].display("t.xlsx").to_string(),
            "t.xlsx:S!G1-S!B4: 提示[hidden-cells]: 第 3–4 行和 G 列是隐藏的 (打开或打印工作表时都看不见), \
             其中 3 个单元格的内容未读入: “辅助” 等"
        );
    }

    #[test]
    fn runs_of_rows() {
        assert_eq!(runs(&[2, 6, 7, 8, 11], |r| (r + 1).to_string()), "3、7–9、12");
        assert_eq!(runs(&(0..40).step_by(2).collect::<Vec<_>>(), |r| r.to_string()), "0、2、4、6、8、10、12、14、等");
    }
}
