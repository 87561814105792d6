//! A level's name set one character a line: a merged cell of the 一级 column that a page's text
//! gives as `产` / `出` / `指` / `标 数量指标 …`, its last character on the line of the block's
//! first row, or alone on a line of its own.

use jixiao_core::levels::classify;
use jixiao_core::text::is_ideograph;

/// The most characters a level's name set so can have (`社会效益指标`).
pub const LONGEST: usize = 6;

/// Whether a cell is one character that may be part of a name set a character a line.
pub fn is_one_character(text: &str) -> bool {
    // An ideograph takes three bytes, or four outside the basic plane.
    if !(3..=4).contains(&text.len()) {
        return false;
    }
    let mut chars = text.chars();
    chars.next().is_some_and(is_ideograph) && chars.next().is_none()
}

/// How characters held one a line end.
#[derive(Debug, PartialEq, Eq)]
pub enum Ending {
    /// They name a level themselves: the cell after them is a cell of its own.
    Alone(String),
    /// They and the start of the next line name a level: that line, led by them.
    Into(String),
}

/// What the characters `held` make before the line `next`; `None` unless they, or they and
/// the first word of `next` (itself no level), name a standard level ending in 指标.
pub fn ending(held: &str, next: &str) -> Option<Ending> {
    if names_level(held) {
        return Some(Ending::Alone(held.to_owned()));
    }
    let first = next.split([' ', '\u{3000}']).next().unwrap_or(next);
    // A line that starts with a level of its own (`数量指标 …`) continues no name above it.
    let joined = format!("{held}{first}");
    (!names_level(first) && names_level(&joined)).then(|| Ending::Into(format!("{held}{next}")))
}

/// Whether a name is a standard 一级 or 二级 written out (`产出指标`, not `产出`).
fn names_level(name: &str) -> bool {
    (name.ends_with("指标") || name.ends_with("指標")) && classify(name) != (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_a_line_end_in_a_level() {
        assert_eq!(
            ending("产出指", "标 数量指标 设备数量 ≥5套"),
            Some(Ending::Into("产出指标 数量指标 设备数量 ≥5套".into()))
        );
        assert_eq!(ending("效益指标", "社会效益指标 x ≥1"), Some(Ending::Alone("效益指标".into())));
        // Characters that spell no level, or a level without 指标, are left as they were.
        assert_eq!(ending("产出", "数量指标 设备数量 ≥5套"), None);
        assert_eq!(ending("是", "否"), None);
        assert_eq!(ending("个", "指标 x"), None);
        assert!(is_one_character("产"));
        assert!(!is_one_character("产出"));
        assert!(!is_one_character("%"));
    }
}
