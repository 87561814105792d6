//! The shape every tabular input is brought to before its tables are recognised: rows of
//! positioned cells. The text reader makes rows from lines, the spreadsheet reader from sheet
//! rows (with merge ranges resolved); one [`Assembler`] turns rows of either into documents.

use jixiao_core::source::Position;

use crate::read::Item;

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

/// One row of cells, left to right; empty cells are left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// The non-empty cells, in column order.
    pub cells: Vec<Cell>,
}

/// Recognises tables in a stream of rows and assembles documents from them. Push rows in
/// input order; completed documents and diagnostics are appended to `out` as soon as known.
#[derive(Debug, Default)]
pub struct Assembler {
    _private: (),
}

impl Assembler {
    /// A new assembler.
    pub fn new() -> Self {
        Assembler::default()
    }

    /// Takes the next row.
    pub fn push_row(&mut self, row: Row, out: &mut Vec<Item>) {
        let _ = (row, out);
    }

    /// Ends a section that no table continues across (a sheet, a file).
    pub fn end_section(&mut self, out: &mut Vec<Item>) {
        let _ = out;
    }

    /// Ends the input.
    pub fn finish(mut self, out: &mut Vec<Item>) {
        self.end_section(out);
    }
}
