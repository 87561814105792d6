//! The long texts of a table: goals, 中长期目标 and duties as numbered lists; 项目概况, 立项依据
//! and the self-evaluation's texts as written. A long text may wrap onto the next lines.

use jixiao_core::Document;
use jixiao_core::source::Position;
use jixiao_core::text::trim;

use super::fields::{may_start_marker, split_numbered};
use super::header::{nonempty, project};
use super::labels::{Label, is_footnote, is_furniture, is_title, label, unit_line};
use super::self_evaluation::self_evaluation;
use super::wrap::{self, OpenText};
use crate::read::Item;
use crate::read::grid::{Cell, Layout};

/// Whether a label fills a long text.
pub fn is_long_text(label: Label) -> bool {
    matches!(
        label,
        Label::Goals
            | Label::LongTermGoals
            | Label::Duties
            | Label::Summary
            | Label::Basis
            | Label::GoalsAchieved
            | Label::Conclusion
            | Label::Problems
            | Label::Improvements
    )
}

/// Whether a cell reads as a long text's value: a sentence, not a label, title or short name.
pub fn is_long_value(text: &str) -> bool {
    text.chars().nth(14).is_some() && label(text, false).is_none() && !is_title(text)
}

/// Whether a long-text field already holds text.
pub fn is_set(doc: &mut Document, label: Label) -> bool {
    if let Some(items) = list(doc, label) {
        return !items.is_empty();
    }
    let se = doc.self_evaluation.as_ref();
    let project = doc.project.as_ref();
    match label {
        Label::Summary => project.is_some_and(|p| p.summary.is_some()),
        Label::Basis => project.is_some_and(|p| p.basis.is_some()),
        Label::GoalsAchieved => se.is_some_and(|s| s.goals_achieved.is_some()),
        Label::Conclusion => se.is_some_and(|s| s.conclusion.is_some()),
        Label::Problems => se.is_some_and(|s| s.problems.is_some()),
        Label::Improvements => se.is_some_and(|s| s.improvements.is_some()),
        _ => true,
    }
}

/// The long text read last, which the next line may continue.
#[derive(Debug, Default)]
pub struct LongTexts {
    open: Option<OpenText>,
}

impl LongTexts {
    /// Anything else read closes the open text.
    pub fn close(&mut self) {
        self.open = None;
    }

    /// Gives a long-text label its value; `col` is the value cell's column, for a value that
    /// the next line may continue (see [`wrap`]).
    pub fn assign(&mut self, label: Label, value: &str, position: &Position, col: Option<u32>, doc: &mut Document) {
        let start = list(doc, label).map_or(0, |items| items.len());
        set(doc, label, start, value);
        if let (Position::Text { .. }, Some(col), false) = (position, col, value.is_empty()) {
            self.open = Some(OpenText { label, col, start, raw: value.to_owned() });
        }
    }

    /// Takes a row that continues the long value read last: one cell, in that value's column,
    /// that is no label, title or page furniture. `busy` when a label waits for a value or the
    /// rows are indicators: then nothing continues.
    pub fn continues(
        &mut self,
        cells: &[Cell],
        layout: Layout,
        busy: bool,
        doc: &mut Document,
        out: &mut Vec<Item>,
    ) -> bool {
        let Some(mut open) = self.open.take() else { return false };
        let [cell] = cells else { return false };
        let text = trim(&cell.text);
        let other = label(text, false).is_some()
            || is_title(text)
            || is_furniture(text)
            || unit_line(text).is_some()
            || is_footnote(text);
        if other || !layout.same_column(cell.col, open.col) || busy {
            return false;
        }
        out.push(wrap::join_noted(&mut open.raw, text, cell.position.clone()));
        set(doc, open.label, open.start, &open.raw);
        self.open = Some(open);
        true
    }
}

impl LongTexts {
    /// Whether a long text is open, which the next line may continue.
    #[inline]
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Takes a line of one cell per line that continues the open list with its next numbered
    /// item (`目标1:…` read, then `目标2:…` a line or two below): the list's items are many
    /// lines, each numbered, where the page broke the cell at its line breaks.
    pub fn continues_list(&mut self, text: &str, doc: &mut Document) -> bool {
        let Some(open) = self.open.as_mut() else { return false };
        if list(doc, open.label).is_none() || !starts_numbered(text) || label(text, false).is_some() {
            return false;
        }
        open.raw.push('\n');
        open.raw.push_str(text);
        set(doc, open.label, open.start, &open.raw);
        true
    }
}

/// Whether `text` starts with a list's numbering (`目标2:`, `2、`, `(二)`), as
/// [`split_numbered`] cuts items at.
fn starts_numbered(text: &str) -> bool {
    // Nearly every line is dismissed by its first character.
    if !text.chars().next().is_some_and(may_start_marker) {
        return false;
    }
    let items = split_numbered(text);
    items.len() == 1 && items[0].len() < text.len() && text.ends_with(items[0].as_str())
}

/// The list a long-text label fills (goals, duties), if it fills a list.
fn list(doc: &mut Document, label: Label) -> Option<&mut Vec<String>> {
    match label {
        Label::Goals => Some(&mut doc.goals),
        Label::LongTermGoals => Some(&mut doc.long_term_goals),
        Label::Duties => Some(&mut doc.duties),
        _ => None,
    }
}

/// Sets a long-text field from its whole value: a list from item `start` on (split at its
/// numbering), a text as it is.
fn set(doc: &mut Document, label: Label, start: usize, value: &str) {
    if let Some(items) = list(doc, label) {
        items.truncate(start);
        items.extend(split_numbered(value));
        return;
    }
    match label {
        Label::Summary => project(doc).summary = Some(value.to_owned()),
        Label::Basis => project(doc).basis = Some(value.to_owned()),
        Label::GoalsAchieved => self_evaluation(doc).goals_achieved = nonempty(value),
        Label::Conclusion => self_evaluation(doc).conclusion = nonempty(value),
        Label::Problems => self_evaluation(doc).problems = nonempty(value),
        Label::Improvements => self_evaluation(doc).improvements = nonempty(value),
        _ => {}
    }
}
