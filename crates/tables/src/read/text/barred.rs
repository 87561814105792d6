//! Text whose cells are told apart by lines of one bar (`|`), each cell's text on the lines
//! between, one or several (`績` / `效` / `指` / `標`, a header cell wrapped a character a line),
//! as some mirror sites give a table. The lines between two bars are one cell.

use jixiao_core::source::Position;

use crate::read::grid::{Cell, Layout, Row};

/// The fewest lines of one bar that tell such a text.
const BARS_TO_TELL: usize = 8;

/// Whether the start of a text is such: lines of one bar, no other line holding a bar, and on
/// average no more than four lines of text between two bars (text of one cell per line that
/// writes an empty cell as a bar has many cells between them).
pub fn sniff(sample: &str) -> bool {
    let (mut bars, mut text) = (0usize, 0usize);
    for line in sample.lines().take(2_000).map(str::trim).filter(|l| !l.is_empty()) {
        if line == "|" {
            bars += 1;
        } else if line.contains('|') {
            return false;
        } else {
            text += 1;
        }
    }
    bars >= BARS_TO_TELL && text <= bars * 4
}

/// The cell being gathered, line by line, until its bar.
#[derive(Debug, Default)]
pub struct Barred {
    text: String,
    /// The line the cell starts on; 0 before its first line.
    first_line: u32,
}

impl Barred {
    /// Takes one line: a bar closes the cell gathered (an empty one if no line came since the
    /// last bar, a cell the table left empty), any other line goes on it.
    pub fn line(&mut self, line: &str, line_no: u32) -> Option<Row> {
        let trimmed = line.trim();
        if trimmed == "|" {
            let at = if self.first_line == 0 { line_no } else { self.first_line };
            return Some(self.close(at));
        }
        if !trimmed.is_empty() {
            if self.first_line == 0 {
                self.first_line = line_no;
            }
            self.text.push_str(trimmed);
        }
        None
    }

    /// The cell the text ends in, if any line came after the last bar.
    pub fn finish(&mut self) -> Option<Row> {
        (self.first_line != 0).then(|| self.close(self.first_line))
    }

    fn close(&mut self, line_no: u32) -> Row {
        self.first_line = 0;
        let cell = Cell {
            text: std::mem::take(&mut self.text),
            col: 0,
            span: 1,
            continued: false,
            position: Position::text(line_no, 1),
        };
        Row { cells: vec![cell], layout: Layout::Linear }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_the_lines_between_bars_joined() {
        let text = "項目名稱\n|\n測試\n|\n績\n效\n指\n標\n|\n|\n一級\n指標\n|\n";
        assert!(!sniff(text), "too few bars to tell");
        let mut barred = Barred::default();
        let cells: Vec<(String, String)> = text
            .lines()
            .enumerate()
            .filter_map(|(i, l)| barred.line(l, i as u32 + 1))
            .map(|r| (r.cells[0].text.clone(), r.cells[0].position.to_string()))
            .collect();
        let want = [("項目名稱", "1:1"), ("測試", "3:1"), ("績效指標", "5:1"), ("", "10:1"), ("一級指標", "11:1")];
        assert_eq!(cells, want.map(|(t, p)| (t.to_owned(), p.to_owned())));
        assert!(barred.finish().is_none());
        let many = "a\n|\n".repeat(10);
        assert!(sniff(&many));
        assert!(!sniff(&format!("{many}b |\n")), "a line ending in a bar is another layout");
        assert!(!sniff(&"a\nb\nc\nd\ne\n|\n".repeat(10)), "many cells between bars: empty cells written as bars");
    }
}
