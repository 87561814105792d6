//! Splitting lines of text into cells. The file's style is sniffed from its first lines:
//! tab-separated rows, `a | b | c` rows, one cell per line ending in ` |`, or one cell per
//! line with blank lines between.

use jixiao_core::source::Position;

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
    /// One cell per line; a line of only spaces is an empty cell.
    Lines,
}

/// Chooses the style from a sample of the file's first lines.
pub fn sniff(sample: &str) -> Style {
    let (mut tabs, mut pipe_rows, mut pipe_cells, mut other) = (0usize, 0usize, 0usize, 0usize);
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
        } else {
            other += 1;
        }
    }
    let total = tabs + pipe_rows + pipe_cells + other;
    if total == 0 {
        Style::Lines
    } else if tabs * 5 >= total {
        Style::Tabs
    } else if pipe_cells * 3 >= total && pipe_cells >= pipe_rows {
        Style::PipeCells
    } else if pipe_rows * 3 >= total {
        Style::PipeRows
    } else {
        Style::Lines
    }
}

/// Turns one line (without its line break) into a row; `None` for a line that holds nothing.
pub fn lex(style: Style, line: &str, line_no: u32) -> Option<Row> {
    let content = line.trim_end_matches(['\r', '\n']);
    let blank = content.trim().is_empty();
    match style {
        Style::Tabs | Style::Lines if content.contains('\t') => Some(split(content, '\t', line_no)),
        _ if is_pipe_row(content) => {
            Some(split(content.trim().trim_start_matches('|').trim_end_matches('|'), '|', line_no))
        }
        Style::PipeCells => {
            let t = content.trim_end();
            match t.strip_suffix('|') {
                Some(body) => Some(single(body.trim(), line_no, Layout::Linear)),
                None if blank => None,
                None => Some(single(content.trim(), line_no, Layout::Loose)),
            }
        }
        Style::Lines => {
            if content.is_empty() {
                None
            } else {
                // A line of only spaces stands for an empty cell in this style.
                Some(single(content.trim(), line_no, Layout::Linear))
            }
        }
        Style::Tabs | Style::PipeRows => (!blank).then(|| single(content.trim(), line_no, Layout::Shifting)),
    }
}

fn is_pipe_row(line: &str) -> bool {
    let t = line.trim().trim_start_matches('|').trim_end_matches('|');
    t.contains('|')
}

fn single(text: &str, line_no: u32, layout: Layout) -> Row {
    let cell = Cell { text: text.to_owned(), col: 0, span: 1, continued: false, position: Position::text(line_no, 1) };
    Row { cells: vec![cell], layout }
}

fn split(line: &str, sep: char, line_no: u32) -> Row {
    let mut cells = Vec::new();
    for (col, field) in line.split(sep).enumerate() {
        let text = field.trim();
        if !text.is_empty() && !text.chars().all(jixiao_core::text::is_blank) {
            cells.push(Cell {
                text: text.to_owned(),
                col: col as u32,
                span: 1,
                continued: false,
                position: Position::text(line_no, col as u32 + 1),
            });
        }
    }
    Row { cells, layout: Layout::Shifting }
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
    }

    #[test]
    fn tab_rows_keep_field_positions() {
        let row = lex(Style::Tabs, "\t\t质量指标\t护照正确率\t\t大于90%\r", 7).expect("a row");
        assert_eq!(texts(&row), vec![("质量指标", 2), ("护照正确率", 3), ("大于90%", 5)]);
        assert_eq!(row.cells[2].position, Position::text(7, 6));
        assert_eq!(row.layout, Layout::Shifting);
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
    }

    #[test]
    fn lines_style_keeps_explicit_empty_cells() {
        assert_eq!(texts(&lex(Style::Lines, " ", 1).expect("empty cell")), vec![("", 0)]);
        assert!(lex(Style::Lines, "", 2).is_none());
    }
}
