//! Where something was read from: a line and column of a text, or a cell of a spreadsheet.
//! Documents stay exactly the interchange format; positions travel beside them.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::HeaderField;

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
    /// What the reader saw beyond the values it took, where it keeps track (`None`: it does
    /// not, as for interchange JSON, and every blank part is the table's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Reading>,
}

/// What a reading of published text can vouch for. A part it did not read is missing from the
/// table only if the reader would have seen it: a header field whose label never came may be
/// worded in a way the reader does not know, or lie outside an excerpt, and a table whose
/// indicator rows could not be read may have every kind of indicator. The review calls such
/// parts missing only where the reading vouches for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Reading {
    /// The header fields whose label was found, with a value or left blank.
    pub labels: Vec<HeaderField>,
    /// The header fields one of whose labels had a value that could not be read (`总额10606万元`
    /// where an amount belongs): not known to be blank.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values_unread: Vec<HeaderField>,
    /// Where the reader met indicator rows (or an indicator header) it could not read into
    /// indicators; its own warning there says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicators_unread: Option<Position>,
}

impl Reading {
    /// Notes that the label of `field` was found.
    pub fn saw_label(&mut self, field: HeaderField) {
        if !self.labels.contains(&field) {
            self.labels.push(field);
        }
    }
}

impl SourceMap {
    /// Whether the table is known to leave `field` blank: its label was found, or the reader
    /// does not say which labels it found.
    pub fn shows_label(&self, field: HeaderField) -> bool {
        self.reading.as_ref().is_none_or(|r| r.labels.contains(&field) && !r.values_unread.contains(&field))
    }

    /// Notes that a label of `field` was found with a value that could not be read: the field
    /// is then not known to be blank, whatever other labels of it were found.
    pub fn label_unread(&mut self, field: HeaderField) {
        let reading = self.reading.get_or_insert_default();
        if !reading.values_unread.contains(&field) {
            reading.values_unread.push(field);
        }
    }

    /// Notes that the reader met an indicator header at `at` under which it could read none,
    /// unless it noted a row it could not read already (that place says more).
    pub fn unread_under_header(&mut self, at: &Position) {
        self.reading.get_or_insert_default().indicators_unread.get_or_insert_with(|| at.clone());
    }

    /// Notes that the reader met an indicator row at `at` and could not read it; the earliest
    /// place in the text is kept (a block declined whole after one of its later rows was).
    pub fn unread_indicator(&mut self, at: &Position) {
        let unread = &mut self.reading.get_or_insert_default().indicators_unread;
        let earlier = match (&*unread, at) {
            (None, _) => true,
            (Some(Position::Text { line, column }), Position::Text { line: l, column: c }) => (l, c) < (line, column),
            _ => false,
        };
        if earlier {
            *unread = Some(at.clone());
        }
    }

    /// Where the reading met indicators it could not read, if it did.
    pub fn indicators_unread(&self) -> Option<&Position> {
        self.reading.as_ref().and_then(|r| r.indicators_unread.as_ref())
    }

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
