//! Splitting lines of text into cells. The file's style is sniffed from its first lines:
//! tab-separated rows, `a | b | c` rows, columns aligned with spaces (`pdftotext -layout`), one
//! cell per line ending in ` |`, or one cell per line with blank lines between.

use jixiao_core::source::Position;

use crate::read::bytes::find_byte;
use crate::read::grid::{Cell, Layout, Row};

/// How a file lays out its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Rows of tab-separated cells (text copied from PDF or Word tables).
    Tabs,
    /// Rows of `|`-separated cells.
    PipeRows,
    /// One cell per line, each ending in `|`; other lines are not cells.
    PipeCells,
    /// Columns aligned with runs of spaces, as `pdftotext -layout` lays out a PDF's tables: a
    /// gap of two spaces or more separates cells, a single space is part of the text.
    Spaced,
    /// One cell per line; a line of only spaces is an empty cell.
    Lines,
    /// Comma-separated values with RFC 4180 quoting, as Excel saves a sheet: chosen by the file
    /// name, never sniffed (commas also separate thousands and English words).
    Csv,
}

/// Chooses the style from a sample of the file's first lines.
pub fn sniff(sample: &str) -> Style {
    let (mut tabs, mut pipe_rows, mut pipe_cells, mut spaced, mut other) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for line in sample.lines().take(400) {
        let t = line.trim_end();
        if t.trim_start().is_empty() {
            continue;
        }
        if t.contains('\t') {
            tabs += 1;
        } else if let Some(body) = t.strip_suffix('|') {
            if body.contains('|') { pipe_rows += 1 } else { pipe_cells += 1 }
        } else if t.matches('|').count() >= 2 {
            pipe_rows += 1;
        } else if t.trim_start().contains("  ") {
            spaced += 1;
        } else {
            other += 1;
        }
    }
    let total = tabs + pipe_rows + pipe_cells + spaced + other;
    if total == 0 {
        Style::Lines
    } else if tabs * 5 >= total {
        Style::Tabs
    } else if pipe_cells * 3 >= total && pipe_cells >= pipe_rows {
        Style::PipeCells
    } else if pipe_rows * 3 >= total {
        Style::PipeRows
    } else if spaced * 3 >= total {
        Style::Spaced
    } else {
        Style::Lines
    }
}

/// Splits lines into a reused row, so that reading allocates nothing per cell once warm.
#[derive(Debug, Default)]
pub struct Lexer {
    row: Row,
    /// How many of the row's cells the line being split has filled: the cells are rewritten in
    /// place, line after line, and only those past the line's last are set aside.
    filled: usize,
    spare: Vec<Cell>,
    /// The CSV field being unquoted.
    field: String,
    /// Whether a row of bars has started with its first cell rather than a bar: a bar that
    /// starts a later row then closes an empty first cell (a level merged down from above),
    /// instead of opening the row as in markdown-style `| cell |` rows.
    bare_rows: bool,
}

impl Lexer {
    /// The row of `line`, or `None` for a line that holds nothing.
    pub fn lex(&mut self, style: Style, line: &str, line_no: u32) -> Option<&Row> {
        let mut end = line.len();
        while end > 0 && matches!(line.as_bytes()[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        // Line breaks are ASCII: the cut falls on a character boundary.
        let content = &line[..end];
        // Whether the line holds nothing: asked only where the style cares, as rows of tabs,
        // nearly every line, do not.
        let blank = || content.trim().is_empty();
        self.filled = 0;
        let layout = match style {
            Style::Csv if !blank() => self.split_csv(content, line_no),
            Style::Csv => return None,
            // Rows of tabs are split at once, not after a look for a tab (which scanned nearly
            // every line twice): a line without one is set back, and read by the arms below.
            // Lines of one cell, which seldom hold a tab, are looked at first.
            Style::Tabs if self.split_tabs(content, line_no) => Layout::Shifting,
            Style::Lines if find_byte(content.as_bytes(), b'\t', |_| true).is_some() => {
                self.split(content, b'\t', line_no);
                Layout::Shifting
            }
            _ if is_pipe_row(content) => {
                let body = content.trim();
                self.bare_rows |= !body.starts_with('|');
                let body = if self.bare_rows { body } else { body.trim_start_matches('|') };
                self.split(body.trim_end_matches('|'), b'|', line_no);
                Layout::Shifting
            }
            // A line of only bars pads a row out to the table's width (web pages whose rows
            // have fewer cells than the widest): no cell of its own.
            Style::PipeCells if content.trim().len() >= 2 && content.trim().bytes().all(|b| b == b'|') => return None,
            Style::PipeCells => match content.trim_end().strip_suffix('|') {
                Some(body) => self.single(body.trim(), line_no, Layout::Linear),
                None if blank() => return None,
                None => self.single(content.trim(), line_no, Layout::Loose),
            },
            // A line of only spaces stands for an empty cell in this style.
            Style::Lines if !content.is_empty() => self.single(content.trim(), line_no, Layout::Linear),
            Style::Lines => return None,
            Style::Spaced if !blank() => self.split_spaced(content, line_no),
            // A row of one cell still ends in its bar (`资金情况 (万元) |`). Bars apart by a space
            // (`| |||`) pad a row out to the table's width: no cell, not a cell named `|`.
            Style::PipeRows if !blank() => {
                let body = content.trim().trim_end_matches('|').trim_end();
                if !body.is_empty() && body.bytes().all(|b| b == b'|' || b.is_ascii_whitespace()) {
                    return None;
                }
                self.single(body, line_no, Layout::Shifting)
            }
            Style::Tabs if !blank() => self.single(content.trim(), line_no, Layout::Shifting),
            Style::Tabs | Style::PipeRows | Style::Spaced => return None,
        };
        self.row.layout = layout;
        if self.filled < self.row.cells.len() {
            self.spare.extend(self.row.cells.drain(self.filled..));
        }
        Some(&self.row)
    }

    fn cell(&mut self, text: &str, col: u32, line_no: u32) {
        self.cell_at(text, col, col + 1, line_no);
    }

    /// A cell whose `col` is not its number on the line (aligned text: its display column).
    fn cell_at(&mut self, text: &str, col: u32, number: u32, line_no: u32) {
        let fill = |cell: &mut Cell| {
            cell.text.clear();
            cell.text.push_str(text);
            cell.col = col;
            cell.position = Position::text(line_no, number);
        };
        // The lexer's cells all span one column and continue nothing: only these fields change.
        if let Some(cell) = self.row.cells.get_mut(self.filled) {
            fill(cell);
        } else {
            let mut cell = self.spare.pop().unwrap_or_else(|| Cell {
                text: String::new(),
                col: 0,
                span: 1,
                continued: false,
                position: Position::text(0, 0),
            });
            fill(&mut cell);
            self.row.cells.push(cell);
        }
        self.filled += 1;
    }

    fn single(&mut self, text: &str, line_no: u32, layout: Layout) -> Layout {
        self.cell(text, 0, line_no);
        layout
    }

    /// Splits a line at its tabs: false, with no cell kept, for a line that has none.
    fn split_tabs(&mut self, line: &str, line_no: u32) -> bool {
        if self.split(line, b'\t', line_no) {
            return true;
        }
        self.filled = 0;
        false
    }

    /// Splits a line at `sep`; whether it held one.
    fn split(&mut self, line: &str, sep: u8, line_no: u32) -> bool {
        // Separators are ASCII, so their byte offsets fall on character boundaries.
        let mut start = 0;
        let mut col = 0;
        let mut found = false;
        let mut field = |end: usize, lexer: &mut Lexer| {
            // Runs of separators (empty cells) are common: skip them without trimming.
            if end > start {
                let text = jixiao_core::text::trim(&line[start..end]);
                if !text.is_empty() {
                    lexer.cell(text, col, line_no);
                }
            }
            start = end + 1;
            col += 1;
        };
        find_byte(line.as_bytes(), sep, |end| {
            found = true;
            field(end, self);
            false
        });
        field(line.len(), self);
        found
    }

    /// Splits a CSV record into fields: separated by commas, quoted with `"` when they hold a
    /// comma, a quote (written `""`) or a line break. Fields are numbered as tab fields are.
    fn split_csv(&mut self, record: &str, line_no: u32) -> Layout {
        let mut field = std::mem::take(&mut self.field);
        let mut chars = record.chars().peekable();
        let mut col = 0;
        loop {
            field.clear();
            if chars.next_if_eq(&'"').is_some() {
                while let Some(c) = chars.next() {
                    match c {
                        '"' if chars.next_if_eq(&'"').is_some() => field.push('"'),
                        '"' => break,
                        c => field.push(c),
                    }
                }
            }
            // An unquoted field, or what follows a closing quote, runs to the next comma.
            while let Some(c) = chars.next_if(|&c| c != ',') {
                field.push(c);
            }
            let text = jixiao_core::text::trim(&field);
            if !text.is_empty() {
                self.cell(text, col, line_no);
            }
            col += 1;
            if chars.next().is_none() {
                break;
            }
        }
        self.field = field;
        Layout::Shifting
    }

    /// Splits a line of space-aligned columns at gaps of two spaces or more (or a tab). A cell's
    /// `col` is its display column, by which lines are matched to columns; its position names
    /// it by its number on the line, as for other rows.
    fn split_spaced(&mut self, line: &str, line_no: u32) -> Layout {
        let b = line.as_bytes();
        let is_gap =
            |i: usize| b[i] == b'\t' || (b[i] == b' ' && b.get(i + 1).is_none_or(|&n| n == b' ' || n == b'\t'));
        let mut number = 0;
        let mut i = 0;
        let mut x = 0u32;
        while i < b.len() {
            while i < b.len() && matches!(b[i], b' ' | b'\t') {
                // pdftotext lays out with spaces; a tab counts as one column.
                x += 1;
                i += 1;
            }
            let (start, from) = (i, x);
            while i < b.len() && !is_gap(i) {
                i += 1;
            }
            // Spaces and tabs are ASCII: the offsets fall on character boundaries.
            let raw = &line[start..i];
            x += raw.chars().map(display_width).sum::<u32>();
            let text = jixiao_core::text::trim(raw);
            if !text.is_empty() {
                number += 1;
                self.cell_at(text, from, number, line_no);
            }
        }
        Layout::Aligned
    }
}

/// Whether a CSV record ends inside a quoted field, so that the next line continues it: its
/// quotes are unbalanced (a `""` inside a field counts two).
pub fn csv_open(record: &str) -> bool {
    memchr::memchr_iter(b'"', record.as_bytes()).count() % 2 == 1
}

/// How many display columns a character takes in text laid out for a fixed-width font:
/// two for ideographs, kana, hangul and full-width forms, one for the rest.
fn display_width(c: char) -> u32 {
    match c as u32 {
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 => 2,
        _ => 1,
    }
}

/// Turns one line (without its line break) into a row; `None` for a line that holds nothing.
#[cfg(test)]
pub fn lex(style: Style, line: &str, line_no: u32) -> Option<Row> {
    Lexer::default().lex(style, line, line_no).cloned()
}

fn is_pipe_row(line: &str) -> bool {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.contains('|')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(row: &Row) -> Vec<(&str, u32)> {
        row.cells.iter().map(|c| (c.text.as_str(), c.col)).collect()
    }

    #[test]
    fn sniffs_the_styles_of_real_tables() {
        assert_eq!(sniff("标题\n\na\tb\tc\n\td\te\n\tf\tg\n"), Style::Tabs);
        assert_eq!(sniff("项目名称 |\n外事 |\n|\n主管部门 |\n"), Style::PipeCells);
        assert_eq!(sniff("a | b | c\n | d | e\nf | | g\n"), Style::PipeRows);
        assert_eq!(sniff("项目名称\n\n教育\n\n \n\n主管部门\n"), Style::Lines);
        assert_eq!(sniff("  项目名称     外事\n  主管部门     外办    实施单位    外办\n标题\n"), Style::Spaced);
    }

    #[test]
    fn tab_rows_keep_field_positions() {
        let row = lex(Style::Tabs, "\t\t质量指标\t护照正确率\t\t大于90%\r", 7).expect("a row");
        assert_eq!(texts(&row), vec![("质量指标", 2), ("护照正确率", 3), ("大于90%", 5)]);
        assert_eq!(row.cells[2].position, Position::text(7, 6));
        assert_eq!(row.layout, Layout::Shifting);
    }

    #[test]
    fn space_aligned_columns_split_at_gaps_of_two_spaces() {
        // Columns are display columns: 项目资金 (万元) is 15 wide, 年度资金总额 12.
        let row = lex(Style::Spaced, "  项目资金 (万元)   年度资金总额        700  ", 4).expect("a row");
        assert_eq!(texts(&row), vec![("项目资金 (万元)", 2), ("年度资金总额", 20), ("700", 40)]);
        assert_eq!(row.layout, Layout::Aligned);
        assert_eq!(row.cells[2].position, Position::text(4, 3));
        let row = lex(Style::Spaced, "\t质量指标\t 护照正确率  大于 90%", 5).expect("a row");
        assert_eq!(texts(&row), vec![("质量指标", 1), ("护照正确率", 11), ("大于 90%", 23)]);
        assert!(lex(Style::Spaced, "     ", 6).is_none());
    }

    #[test]
    fn csv_fields_unquote_and_keep_their_numbers() {
        let row = lex(Style::Csv, "项目资金（万元）,年度资金总额,,\"1,234.5\",", 5).expect("a row");
        assert_eq!(texts(&row), vec![("项目资金（万元）", 0), ("年度资金总额", 1), ("1,234.5", 3)]);
        let row = lex(Style::Csv, "绩效目标,\"(一) 他说\"\"好\"\"\n(二) 完成\",x", 8).expect("a row");
        assert_eq!(texts(&row), vec![("绩效目标", 0), ("(一) 他说\"好\"\n(二) 完成", 1), ("x", 2)]);
        assert_eq!(row.cells[1].position, Position::text(8, 2));
        assert!(lex(Style::Csv, ",,,", 9).is_none_or(|r| r.cells.is_empty()));
        assert!(csv_open("a,\"b\nc") && !csv_open("a,\"b\"\"c\""));
        // Pipes and tabs are text in a CSV field.
        let row = lex(Style::Csv, "a | b | c,\td", 10).expect("a row");
        assert_eq!(texts(&row), vec![("a | b | c", 0), ("d", 1)]);
    }

    #[test]
    fn pipe_cells_and_loose_lines() {
        let row = lex(Style::PipeCells, "项目名称 |", 3).expect("a row");
        assert_eq!((texts(&row), row.layout), (vec![("项目名称", 0)], Layout::Linear));
        let row = lex(Style::PipeCells, "|", 4).expect("an empty cell");
        assert_eq!((texts(&row), row.layout), (vec![("", 0)], Layout::Linear));
        let row = lex(Style::PipeCells, "附件:某某目标表", 5).expect("loose text");
        assert_eq!(row.layout, Layout::Loose);
        assert!(lex(Style::PipeCells, "   ", 6).is_none());
        let row = lex(Style::PipeCells, "发布时间:2020-01-20  |  发布单位:教育局", 6).expect("a pipe row");
        assert_eq!(texts(&row), vec![("发布时间:2020-01-20", 0), ("发布单位:教育局", 1)]);
    }

    #[test]
    fn pipe_rows_skip_runs_of_empty_cells() {
        let row = lex(Style::PipeRows, "| 产出指标 | | | 大于10人 |", 1).expect("a row");
        assert_eq!(texts(&row), vec![("产出指标", 0), ("大于10人", 3)]);
        // Bars that only pad a row hold no cell, not one named by a bar.
        assert!(lex(Style::PipeRows, "| |||", 2).is_none());
        assert!(lex(Style::PipeRows, " |  | |", 3).is_none_or(|r| r.cells.is_empty()));
    }

    #[test]
    fn lines_style_keeps_explicit_empty_cells() {
        assert_eq!(texts(&lex(Style::Lines, " ", 1).expect("empty cell")), vec![("", 0)]);
        assert!(lex(Style::Lines, "", 2).is_none());
    }
}
