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
}

/// Which part of an indicator a fragment continues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Name,
    Target,
}

/// Whether `fragment`, alone on its row in column `col`, is the rest of the name or the target
/// of the last row's indicator. Wrapping needs a part long enough to fill its column and leaves
/// a short remainder; a remainder that could be a target or a level is read as such instead.
pub fn indicator_part(last: LastRow, col: u32, fragment: &str, name: &str, target: &str) -> Option<Part> {
    let chars = |s: &str| s.chars().count();
    if col == last.target_col && chars(target) >= 6 && chars(fragment) <= 6 {
        Some(Part::Target)
    } else if col == last.name_col && chars(name) >= 6 && chars(fragment) <= 4 {
        Some(Part::Name)
    } else {
        None
    }
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
    fn only_short_remainders_of_long_parts_in_their_column() {
        let last = LastRow { idx: 0, name_col: 2, target_col: 3 };
        let part = |col, fragment| indicator_part(last, col, fragment, "护照正确率、签证送", "大于10个团组，80人");
        assert_eq!(part(3, "次"), Some(Part::Target));
        assert_eq!(part(2, "签率"), Some(Part::Name));
        // In another column, or too long to be a remainder: not a continuation.
        assert_eq!(part(1, "签率"), None);
        assert_eq!(part(2, "公众满意度调查"), None);
        // A short part did not wrap.
        assert_eq!(indicator_part(last, 2, "率", "合格率", "100%"), None);
    }
}
