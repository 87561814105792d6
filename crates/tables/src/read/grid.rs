//! The shape every tabular input is brought to before its tables are recognised: rows of
//! positioned cells. The text reader makes rows from lines, the spreadsheet reader from sheet
//! rows (with merge ranges resolved); one `Assembler` (see `assemble`) turns rows of either into documents.

use jixiao_core::source::Position;

/// One non-empty cell of a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// The cell's text as found (not trimmed: the assembler trims).
    pub text: String,
    /// 0-based column: the field index in a text line, the sheet column in a spreadsheet.
    pub col: u32,
    /// How many columns the cell covers: more than 1 for a horizontally merged cell.
    pub span: u32,
    /// Set on rows below the top of a vertically merged cell: the text is the merged cell's,
    /// resolved from the sheet's merge ranges, and `position` is the merge's top-left cell.
    pub continued: bool,
    /// Where the cell is in the input.
    pub position: Position,
}

impl Cell {
    /// A cell in this one's place holding `text`: this one's text is not copied on the way, as
    /// `Cell { text, ..cell.clone() }` would copy it (a whole document run together, once per
    /// piece cut from it).
    pub fn with_text(&self, text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            col: self.col,
            span: self.span,
            continued: self.continued,
            position: self.position.clone(),
        }
    }
}

/// A text line's cells, one a column, on line 1: the rows unit tests read.
#[cfg(test)]
pub fn row_of(texts: &[&str]) -> Vec<Cell> {
    (1..)
        .zip(texts)
        .map(|(n, t)| Cell {
            text: (*t).to_owned(),
            col: n - 1,
            span: 1,
            continued: false,
            position: Position::text(1, n),
        })
        .collect()
}

/// How far a row's columns can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// A spreadsheet row: every cell is in its true column.
    Grid,
    /// A text line split into fields: merged cells were lost, so cells may sit a column or two
    /// off their header; their order is still right.
    #[default]
    Shifting,
    /// One cell of a layout with one cell per line: where rows begin is not known. A cell with
    /// empty text is an explicitly empty cell (a line holding only `|` or a space).
    Linear,
    /// Text that is not a cell of the file's layout (prose, a heading or a cut-off line in a file
    /// whose cells end in `|`): it may be a title, never a cell of a table.
    Loose,
    /// A text line of columns aligned with spaces (`pdftotext -layout`): cells are in order, and
    /// `col` is where a cell starts on the line, in display columns (an ideograph takes two),
    /// which the lines of one column share to within one; empty cells leave no mark.
    Aligned,
}

impl Layout {
    /// Whether two cells' `col` put them in one column: equal, or for aligned text, off by at
    /// most one display column.
    pub fn same_column(self, a: u32, b: u32) -> bool {
        match self {
            Layout::Aligned => a.abs_diff(b) <= 1,
            _ => a == b,
        }
    }
}

/// One row of cells, left to right. Readers trim the cells' text and leave empty cells out,
/// except explicit empty cells of [`Layout::Linear`] rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The cells, in column order.
    pub cells: Vec<Cell>,
    /// How far the columns can be trusted.
    pub layout: Layout,
}
