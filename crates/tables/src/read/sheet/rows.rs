//! Sheet cells to grid [`Row`]s: merge ranges give a cell its span, and the rows under the top
//! of a vertical merge get a `continued` copy of the merged cell's text.

use jixiao_core::source::Position;

use crate::diagnostic::{Diagnostic, Severity, excerpt};
use crate::read::grid::{Cell, Layout, Row};

/// A merge range, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Top row.
    pub first_row: u32,
    /// Left column.
    pub first_col: u32,
    /// Bottom row.
    pub last_row: u32,
    /// Right column.
    pub last_col: u32,
}

impl From<calamine::Dimensions> for Merge {
    fn from(d: calamine::Dimensions) -> Self {
        // Some writers store a range's corners in either order.
        Merge {
            first_row: d.start.0.min(d.end.0),
            first_col: d.start.1.min(d.end.1),
            last_row: d.start.0.max(d.end.0),
            last_col: d.start.1.max(d.end.1),
        }
    }
}

impl Merge {
    /// Whether the range holds the cell at (row, col).
    pub fn holds(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row) && (self.first_col..=self.last_col).contains(&col)
    }

    fn span(&self) -> u32 {
        self.last_col - self.first_col + 1
    }
}

/// Builds the rows of one sheet. Feed the sheet's non-empty cells row by row, in order, with
/// [`RowBuilder::row`].
pub struct RowBuilder<'s> {
    sheet: &'s str,
    /// Merges sorted by top row; `next` is the first not yet active.
    merges: Vec<Merge>,
    next: usize,
    /// Merges covering the current row: (merge, the origin cell's text once seen).
    active: Vec<(Merge, Option<String>)>,
}

impl<'s> RowBuilder<'s> {
    /// A builder for `sheet` with its merge ranges (in any order; single cells are ignored).
    pub fn new(sheet: &'s str, merges: impl IntoIterator<Item = Merge>) -> Self {
        let mut merges: Vec<Merge> =
            merges.into_iter().filter(|m| m.first_row != m.last_row || m.first_col != m.last_col).collect();
        merges.sort_by_key(|m| (m.first_row, m.first_col));
        RowBuilder { sheet, merges, next: 0, active: Vec::new() }
    }

    /// The grid row for sheet row `row`, from its non-empty cells `(col, text)` in column
    /// order. Text hidden under a merge (not at its top-left) is reported, not read: the
    /// sheet does not show it. Returns `None` when the row has no cell of its own: a row made
    /// only of merged cells from above says nothing new.
    pub fn row(&mut self, row: u32, cells: Vec<(u32, String)>, diagnostics: &mut Vec<Diagnostic>) -> Option<Row> {
        self.advance(row);
        if cells.is_empty() {
            return None;
        }
        let mut out: Vec<Cell> = Vec::with_capacity(cells.len() + self.active.len());
        for (col, text) in cells {
            let position = Position::cell(self.sheet, row, col);
            match self.covering(row, col) {
                None => out.push(Cell { text, col, span: 1, continued: false, position }),
                Some(i) => {
                    let (merge, origin) = &mut self.active[i];
                    if merge.first_row == row && merge.first_col == col {
                        *origin = Some(text.clone());
                        out.push(Cell { text, col, span: merge.span(), continued: false, position });
                    } else {
                        diagnostics.push(Diagnostic {
                            code: "covered-cell",
                            severity: Severity::Info,
                            position: Some(position),
                            until: None,
                            message: format!("合并单元格中被覆盖的内容 “{}” 已忽略 (表格中不可见)", excerpt(&text)),
                        });
                    }
                }
            }
        }
        if out.is_empty() {
            return None;
        }
        for (merge, origin) in &self.active {
            if merge.first_row < row {
                if let Some(text) = origin {
                    out.push(Cell {
                        text: text.clone(),
                        col: merge.first_col,
                        span: merge.span(),
                        continued: true,
                        position: Position::cell(self.sheet, merge.first_row, merge.first_col),
                    });
                }
            }
        }
        out.sort_by_key(|c| c.col);
        Some(Row { cells: out, layout: Layout::Grid })
    }

    /// Makes the merges covering `row` active and drops those that ended above it.
    fn advance(&mut self, row: u32) {
        self.active.retain(|(m, _)| m.last_row >= row);
        while let Some(m) = self.merges.get(self.next) {
            if m.first_row > row {
                break;
            }
            if m.last_row >= row {
                self.active.push((*m, None));
            }
            self.next += 1;
        }
    }

    /// The active merge covering (row, col), if any. Merges do not overlap, so the first hit
    /// is the only one; a row rarely crosses more than a handful of merges.
    fn covering(&self, row: u32, col: u32) -> Option<usize> {
        self.active
            .iter()
            .position(|(m, _)| m.first_row <= row && row <= m.last_row && m.first_col <= col && col <= m.last_col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn merge(r0: u32, c0: u32, r1: u32, c1: u32) -> Merge {
        Merge { first_row: r0, first_col: c0, last_row: r1, last_col: c1 }
    }

    fn texts(row: &Row) -> Vec<(u32, u32, bool, String, String)> {
        row.cells.iter().map(|c| (c.col, c.span, c.continued, c.text.clone(), c.position.to_string())).collect()
    }

    #[test]
    fn vertical_merges_continue_with_the_origin_text_and_position() {
        // A1:A3 merged (一级), B1:B2 merged (二级), C and D plain.
        let mut b = RowBuilder::new("表1", [merge(0, 0, 2, 0), merge(0, 1, 1, 1)]);
        let mut d = Vec::new();
        let r0 = b.row(0, vec![(0, "产出指标".into()), (1, "数量指标".into()), (2, "护照".into())], &mut d);
        let r1 = b.row(1, vec![(2, "签证".into())], &mut d).expect("row");
        let r2 = b.row(2, vec![(1, "质量指标".into()), (2, "正确率".into())], &mut d).expect("row");
        assert_eq!(texts(&r0.expect("row"))[0], (0, 1, false, "产出指标".into(), "表1!A1".into()));
        assert_eq!(
            texts(&r1),
            vec![
                (0, 1, true, "产出指标".into(), "表1!A1".into()),
                (1, 1, true, "数量指标".into(), "表1!B1".into()),
                (2, 1, false, "签证".into(), "表1!C2".into()),
            ]
        );
        assert_eq!(
            texts(&r2),
            vec![
                (0, 1, true, "产出指标".into(), "表1!A1".into()),
                (1, 1, false, "质量指标".into(), "表1!B3".into()),
                (2, 1, false, "正确率".into(), "表1!C3".into()),
            ]
        );
        assert!(d.is_empty());
    }

    #[test]
    fn horizontal_merges_give_a_span_and_hidden_text_is_reported() {
        let mut b = RowBuilder::new("S", [merge(4, 1, 4, 3), merge(5, 0, 5, 0)]);
        let mut d = Vec::new();
        let r = b.row(4, vec![(0, "项目名称".into()), (1, "外事出访经费".into()), (2, "残留".into())], &mut d);
        assert_eq!(
            texts(&r.expect("row")),
            vec![(0, 1, false, "项目名称".into(), "S!A5".into()), (1, 3, false, "外事出访经费".into(), "S!B5".into())]
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].position.as_ref().map(ToString::to_string).as_deref(), Some("S!C5"));
        assert_eq!(d[0].code, "covered-cell");
    }

    #[test]
    fn rows_of_only_merged_cells_and_empty_origins_emit_nothing() {
        let mut b = RowBuilder::new("S", [merge(0, 0, 3, 0), merge(0, 1, 3, 1)]);
        let mut d = Vec::new();
        // B1 (origin of the second merge) is empty: nothing to continue.
        assert!(b.row(0, vec![(0, "一级".into())], &mut d).is_some());
        assert!(b.row(1, vec![], &mut d).is_none());
        let r = b.row(3, vec![(2, "x".into())], &mut d).expect("row");
        assert_eq!(r.cells.iter().filter(|c| c.continued).count(), 1);
        // Past the merge, nothing continues.
        let r = b.row(4, vec![(2, "y".into())], &mut d).expect("row");
        assert_eq!(r.cells.len(), 1);
    }
}
