//! Where something was read from: a line and column of a text, or a cell of a spreadsheet.
//! Documents stay exactly the interchange format; positions travel beside them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A place in an input file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Position {
    /// Text: 1-based line, and 1-based column counted in cells (tab- or `|`-separated fields).
    Text {
        /// 1-based line number.
        line: u32,
        /// 1-based cell number on that line.
        column: u32,
    },
    /// Spreadsheet: sheet name and A1-style cell.
    Cell {
        /// The sheet's name.
        sheet: String,
        /// A1-style reference, e.g. `B7`.
        cell: String,
    },
}

impl Position {
    /// A position in a text.
    pub fn text(line: u32, column: u32) -> Self {
        Position::Text { line, column }
    }

    /// A position in a spreadsheet, from 0-based row and column.
    pub fn cell(sheet: &str, row: u32, col: u32) -> Self {
        Position::Cell { sheet: sheet.to_owned(), cell: a1(row, col) }
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Text { line, column } => write!(f, "{line}:{column}"),
            Position::Cell { sheet, cell } => write!(f, "{sheet}!{cell}"),
        }
    }
}

/// The A1 reference of a 0-based row and column (`a1(6, 1)` is `B7`).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    let mut s = String::from_utf8(letters).unwrap_or_default();
    s.push_str(&(row + 1).to_string());
    s
}

/// Where the parts of one document were read from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceMap {
    /// The table's start (its title).
    pub document: Option<Position>,
    /// The 项目资金 block.
    pub funds: Option<Position>,
    /// The 项目期 cell.
    pub period: Option<Position>,
    /// One entry per indicator, in order: where its 三级 name was.
    pub indicators: Vec<Option<Position>>,
}

impl SourceMap {
    /// Where indicator `index` was read from, if known.
    pub fn indicator(&self, index: usize) -> Option<&Position> {
        self.indicators.get(index).and_then(Option::as_ref)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_references() {
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(6, 1), "B7");
        assert_eq!(a1(0, 25), "Z1");
        assert_eq!(a1(9, 26), "AA10");
        assert_eq!(a1(0, 701), "ZZ1");
        assert_eq!(a1(0, 702), "AAA1");
    }

    #[test]
    fn positions_display_like_a_compiler() {
        assert_eq!(Position::text(12, 3).to_string(), "12:3");
        assert_eq!(Position::cell("外事出访经费", 6, 1).to_string(), "外事出访经费!B7");
    }
}
