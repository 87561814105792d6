//! Cells that wrapped onto the next line. Text copied out of a PDF keeps a wrapped cell's lines
//! apart: the rest of a long 绩效目标 or 三级 name arrives as a row of its own, holding one
//! short cell in the same column. Joined back only when nothing else can be meant (no label is
//! waiting, no name waits for its target, the fragment is neither a label, a level nor a
//! target), and always with a note, so that the join can be checked.

use jixiao_core::source::Position;
use jixiao_core::text::trim;

use super::labels::Label;
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::Item;
use crate::read::grid::Layout;

/// A long header value just read (goals, duties, a summary …), which the next line may continue.
#[derive(Debug)]
pub struct OpenText {
    pub label: Label,
    /// The value's column: a continuation is a row of one cell in it.
    pub col: u32,
    /// Where this value's items start in the field (goals and duties are lists).
    pub start: usize,
    /// The value as read so far: a list is split again as a whole once continued.
    pub raw: String,
}

/// The last data row that gave an indicator both its name and its target, in their columns.
#[derive(Debug, Clone, Copy)]
pub struct LastRow {
    pub idx: usize,
    pub name_col: u32,
    pub target_col: u32,
    /// The row's layout, which says how near two columns must be to be one.
    pub layout: Layout,
}

/// Where the last 三级 name was read: its indicator, line and column.
#[derive(Debug, Clone, Copy)]
pub struct NameAt {
    pub idx: usize,
    pub line: u32,
    pub col: u32,
}

/// The line of a text position.
pub fn line_of(position: &Position) -> Option<u32> {
    match position {
        Position::Text { line, .. } => Some(*line),
        Position::Cell { .. } => None,
    }
}

/// The longest remainder of a wrapped 三级 name: a longer line in the name column is a name of
/// its own.
pub const NAME_REST: usize = 4;
/// The longest remainder of a wrapped target.
pub const TARGET_REST: usize = 6;

/// Whether `rest` can be what a cell starting with `first` wrapped onto the next line: wrapping
/// needs a first part long enough to fill its column and leaves a short remainder.
pub fn wraps(first: &str, rest: &str, max_rest: usize) -> bool {
    first.chars().count() >= 6 && rest.chars().count() <= max_rest
}

/// Appends the rest of a wrapped cell to its first part: directly, as Chinese text wraps
/// anywhere, with a space only between two ASCII words.
pub fn join(text: &mut String, rest: &str) {
    let rest = trim(rest);
    let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    if word(text.chars().next_back()) && word(rest.chars().next()) {
        text.push(' ');
    }
    text.push_str(rest);
}

/// Joins `fragment` to `text` (see [`join`]) and returns the note that says so, quoting the
/// end of the text it was joined to, which is where a wrong join would show.
pub fn join_noted(text: &mut String, fragment: &str, position: Position) -> Item {
    const TAIL: usize = 12;
    let count = text.chars().count();
    let tail: String = text.chars().skip(count.saturating_sub(TAIL)).collect();
    let ellipsis = if count > TAIL { "…" } else { "" };
    join(text, fragment);
    Item::Diagnostic(Diagnostic::note(
        "wrapped-cell",
        Some(position),
        format!("“{}”是上一行单元格换行后的续行, 已接在“{ellipsis}{tail}”之后", excerpt(trim(fragment))),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_chinese_directly_and_words_with_a_space() {
        let mut s = "护照正确率、签证送".to_owned();
        join(&mut s, "签率");
        assert_eq!(s, "护照正确率、签证送签率");
        let mut s = "ISO".to_owned();
        join(&mut s, " 9001认证");
        assert_eq!(s, "ISO 9001认证");
    }

    #[test]
    fn the_note_quotes_where_the_fragment_was_joined() {
        let mut s = "(一) 完成农村公路日常养护里程1200公里。(二) 实施危".to_owned();
        let Item::Diagnostic(d) = join_noted(&mut s, "桥改造5座。", Position::text(9, 2)) else {
            panic!("a note")
        };
        assert_eq!(s, "(一) 完成农村公路日常养护里程1200公里。(二) 实施危桥改造5座。");
        assert_eq!(d.message, "“桥改造5座。”是上一行单元格换行后的续行, 已接在“…00公里。(二) 实施危”之后");
    }

    #[test]
    fn only_short_remainders_of_long_parts() {
        assert!(wraps("护照正确率、签证送", "签率", NAME_REST));
        assert!(wraps("大于10个团组，80人", "次", TARGET_REST));
        assert!(!wraps("护照正确率、签证送", "公众满意度调查", NAME_REST));
        // A short part did not wrap.
        assert!(!wraps("合格率", "率", NAME_REST));
    }
}
