//! Rows that a web page's text breaks over lines: a line of one bar opens the row (`|`), and
//! each cell or run of cells follows on a line of its own, ending in a bar (`一级指标 |`, then
//! `二级指标 | 三级指标 | 指标值 |`), as some pages give a table whose cells hold paragraphs.
//! Such a row is gathered back into one, each cell keeping the line it was on.

use jixiao_core::source::Position;

use super::lex::{Lexer, Style};
use crate::read::grid::{Cell, Row};

/// The most lines one row may take: a bar that opens no row must not swallow the text after it.
const MOST_LINES: usize = 60;

/// How many rows opened by a bar the start of a text must show for its bars to be read so:
/// one could be a stray line.
const ROWS_TO_TELL: usize = 3;

/// Whether the start of a text breaks its rows so, several times: a row that ends in the bars
/// that pad it to the table's width (`区林业局 | |||`, `||||`), then a line of one bar, then a
/// cell on a line of its own. A line of one bar alone is no sign: text of one cell per line
/// writes an empty cell so.
pub fn sniff(sample: &str) -> bool {
    let mut found = 0;
    let mut before = "";
    let mut lines = sample.lines().take(2_000).map(str::trim).peekable();
    while let Some(line) = lines.next() {
        let padded = before.bytes().filter(|&b| b == b'|').count() >= 2;
        if line == "|" && padded && lines.peek().is_some_and(|next| opens_cell(next)) {
            found += 1;
            if found == ROWS_TO_TELL {
                return true;
            }
        }
        before = line;
    }
    false
}

/// A line that goes on a row opened by a bar: text that is not itself a row led by a bar.
fn opens_cell(line: &str) -> bool {
    !line.is_empty() && !line.starts_with('|')
}

/// A row being gathered.
#[derive(Debug, Default)]
pub struct Gather {
    open: bool,
    /// The row's cells as one line of bars, led by one.
    text: String,
    /// Each gathered line's number and the byte in `text` where it begins.
    lines: Vec<(u32, usize)>,
}

impl Gather {
    /// Takes `line` into the open row, or opens one on a line of one bar; `false` when the line
    /// is neither, and is read as it is (the open row, if any, must be closed first).
    pub fn take(&mut self, line: &str, line_no: u32) -> bool {
        let trimmed = line.trim();
        if self.open && opens_cell(trimmed) && self.lines.len() < MOST_LINES {
            if self.text.is_empty() {
                self.text.push('|');
            }
            self.lines.push((line_no, self.text.len()));
            self.text.push_str(trimmed);
            return true;
        }
        if !self.open && trimmed == "|" {
            self.open = true;
            return true;
        }
        false
    }

    /// Whether a row is open.
    pub fn is_open(&self) -> bool {
        self.open
    }

    /// Closes the open row: its cells as one row, each at the line it was on and numbered
    /// there; `None` when the bar opened no cell.
    pub fn close(&mut self, lexer: &mut Lexer) -> Option<Row> {
        self.open = false;
        let lines = std::mem::take(&mut self.lines);
        let text = std::mem::take(&mut self.text);
        let (first_line, _) = *lines.first()?;
        if text.bytes().filter(|&b| b == b'|').count() <= 2 {
            // One cell (`生态效益指标 |`): no row of bars, but a cell, as its line alone reads.
            return lexer.lex(Style::PipeCells, &text[1..], first_line).cloned();
        }
        let mut row = lexer.lex(Style::PipeRows, &text, first_line)?.clone();
        // The byte each field starts at, to find its line: fields are counted from the bar that
        // leads the text, as the lexer counts them.
        let starts: Vec<usize> = text.bytes().enumerate().filter(|&(_, b)| b == b'|').map(|(i, _)| i + 1).collect();
        for cell in &mut row.cells {
            let Some(&start) = starts.get(cell.col as usize) else { continue };
            let at = lines.partition_point(|&(_, begins)| begins <= start).saturating_sub(1);
            let (line_no, begins) = lines[at];
            // The cell's number on its own line: one more than the fields that start on that
            // line before it.
            let before = starts.iter().filter(|&&s| s >= begins && s < start).count();
            cell.position = Position::text(line_no, u32::try_from(before + 1).unwrap_or(u32::MAX));
        }
        Some(row)
    }

    /// Closes the row the text ends in. A last line that does not end in its bar was cut inside
    /// a cell (a page copied short): that cell is given back apart, not read as whole.
    pub fn close_at_end(&mut self, lexer: &mut Lexer) -> (Option<Row>, Option<Cell>) {
        let cut = self.text.ends_with(|c: char| c != '|' && !c.is_whitespace()) && self.lines.len() > 1;
        let Some(mut row) = self.close(lexer) else { return (None, None) };
        let cut = if cut { row.cells.pop() } else { None };
        (Some(row).filter(|r| !r.cells.is_empty()), cut)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gathered(text: &str) -> Vec<(String, Position)> {
        let mut gather = Gather::default();
        let mut lexer = Lexer::default();
        let mut rows = Vec::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i as u32 + 1;
            if gather.take(line, line_no) {
                continue;
            }
            if let Some(row) = gather.close(&mut lexer) {
                rows.push(row);
            }
        }
        if let Some(row) = gather.close(&mut lexer) {
            rows.push(row);
        }
        rows.iter().flat_map(|r| r.cells.iter().map(|c| (c.text.clone(), c.position.clone()))).collect()
    }

    #[test]
    fn a_row_broken_after_its_bar_is_one_row_whose_cells_keep_their_lines() {
        let cells = gathered("|\n一级 指标 |\n二级指标 | 三级指标 | 指标值 | ||\n| 产出指标 | 数量指标 |\n");
        let got: Vec<(&str, String)> = cells.iter().map(|(t, p)| (t.as_str(), p.to_string())).collect();
        assert_eq!(
            got,
            [
                ("一级 指标", "2:1".to_owned()),
                ("二级指标", "3:1".to_owned()),
                ("三级指标", "3:2".to_owned()),
                ("指标值", "3:3".to_owned())
            ]
        );
    }

    #[test]
    fn a_page_that_breaks_its_rows_so_is_told_from_one_stray_bar() {
        let broken =
            "|\n申报单位 |\n区林业局 | |||\n|\n项目名称 |\n绿化 | ||\n|\n绩效指标 |\n一级指标 |\n|||\n|\n产出指标 |\n";
        assert!(sniff(broken));
        // One cell per line, empty cells written as a bar.
        assert!(!sniff("项目名称 |\n外事 |\n|\n主管部门 |\n外办 |\n|\n实施单位 |\n|\n|\n项目期 |\n"));
        assert!(!sniff("| 一级指标 | 二级指标 |\n|\n| 产出指标 | 数量指标 |\n"));
    }
}
