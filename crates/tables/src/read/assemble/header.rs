//! The header block of a table: labels (项目名称, 主管部门 …) waiting for their values, and the
//! fields naming the table that they fill (names and codes, 项目属性, 项目期).

use std::collections::VecDeque;

use jixiao_core::Stated;
use jixiao_core::source::Position;
use jixiao_core::{DocumentKind, Project};

use super::fields::{is_amount_text, split_code};
use super::funds::is_amount;
use super::labels::Label;
use super::sink::Sink;
use crate::diagnostic::Diagnostic;
use crate::read::Item;
use crate::read::grid::Cell;

/// A label waiting for its value.
#[derive(Debug, Clone)]
pub struct Pending {
    pub label: Label,
    /// The label's own text, for labels whose meaning depends on it (当年财政拨款).
    pub text: String,
    pub position: Position,
    /// Where the label's cell is in a row of columns; `None` where columns are not known.
    pub place: Option<Place>,
}

/// Where a label's cell is in a row of columns.
#[derive(Debug, Clone, Copy)]
pub struct Place {
    /// The row, counted within the table.
    pub row: u32,
    /// The cell's first column.
    pub col: u32,
    /// The column after the cell's last.
    pub end: u32,
}

/// The labels of the header block read so far and not yet given a value.
#[derive(Debug, Default)]
pub struct HeaderLabels {
    pub waiting: VecDeque<Pending>,
    /// Values taken in the current row (a row of only labels keeps them waiting).
    pub row_values: usize,
    /// Whether the last cell was a label: in one-cell-per-line text, an empty cell right after
    /// a label is its blank value, while one after a value is just spacing.
    pub after_label: bool,
    /// The row being read, counted within the table, for [`Place`].
    pub row: u32,
}

impl HeaderLabels {
    /// Queues a label for the next value; the same label twice in a row is one label. `columns`
    /// says whether the cell's column can be trusted (a row of columns, not a line of words).
    pub fn push(&mut self, label: Label, text: &str, cell: &Cell, columns: bool) {
        if self.waiting.back().is_some_and(|p| p.label == label && p.text == text) {
            return;
        }
        if label == Label::Goals && self.waiting.back().is_some_and(|p| p.label == Label::Goals) {
            // 年度总体目标 over its columns 预期目标 / 实际完成情况: the column takes the value.
            self.waiting.pop_back();
        }
        self.push_always(label, text, cell, columns);
    }

    /// Queues a label even when it repeats the last (合计, 资金总额 take several values).
    pub fn push_always(&mut self, label: Label, text: &str, cell: &Cell, columns: bool) {
        let place = columns.then(|| Place { row: self.row, col: cell.col, end: cell.col.saturating_add(cell.span) });
        self.waiting.push_back(Pending { label, text: text.to_owned(), position: cell.position.clone(), place });
    }

    /// The label a value cell answers, after the labels it shows were left blank. Labels take
    /// values in order, except in a row that pairs labels with values (主管部门 | x | 实施单位 |
    /// y): there a value belongs to the waiting label nearest to its left, and the labels
    /// waiting before that one had empty value cells — a label of a row above (a row of labels
    /// that seemed to wait for a row of values under them) or a label of this row with an empty
    /// column after it. Labels side by side (`A | B | a | b`) keep taking values in order.
    pub fn take_for(&mut self, value: &Cell) -> (Vec<Pending>, Option<Pending>) {
        if self.waiting.len() < 2 {
            // The usual case: one label, one value.
            return (Vec::new(), self.waiting.pop_front());
        }
        let row = self.row;
        let here = |p: &Pending| p.place.is_some_and(|at| at.row == row && at.col < value.col);
        if let Some(k) = self.waiting.iter().rposition(here).filter(|&k| k > 0) {
            let left_blank = |i: usize| {
                let (p, next) = (&self.waiting[i], &self.waiting[i + 1]);
                p.label != Label::Total
                    && match (p.place, next.place) {
                        (Some(at), _) if at.row < row => true,
                        (Some(at), Some(next)) => at.end < next.col,
                        _ => false,
                    }
            };
            if (0..k).all(left_blank) {
                let blank = self.waiting.drain(..k).collect();
                return (blank, self.waiting.pop_front());
            }
        }
        // A sign-off waiting before a label of the table was left blank (`项目责任人(签字): |
        // 单位(盖章): |` above 项目名称): pages drop a signature's empty cell, and the values that
        // follow are the table's, not a signature's.
        let signed = self.waiting.iter().position(|p| p.label != Label::Signature);
        if let Some(k) = signed.filter(|&k| k > 0) {
            let blank = self.waiting.drain(..k).collect();
            return (blank, self.waiting.pop_front());
        }
        // An amount label takes no sentence: amounts waiting before a label of text (其他资金,
        // then 年度目标 over `目标1:…`) were left blank.
        let text_label = self.waiting.iter().position(|p| !is_amount(p.label) && p.label != Label::Total);
        if let Some(k) = text_label.filter(|&k| k > 0 && !is_amount_text(&value.text)) {
            if self.waiting.iter().take(k).all(|p| is_amount(p.label)) {
                let blank = self.waiting.drain(..k).collect();
                return (blank, self.waiting.pop_front());
            }
        }
        (Vec::new(), self.waiting.pop_front())
    }
}

/// The project of a project table, made when first needed.
pub fn project(doc: &mut jixiao_core::Document) -> &mut Project {
    doc.project.get_or_insert_with(Project::default)
}

/// Whether a label fills a field of this block.
pub fn is_identity(label: Label) -> bool {
    matches!(
        label,
        Label::ProjectName
            | Label::ProjectCode
            | Label::Department { .. }
            | Label::Implementer
            | Label::Preparer
            | Label::Attribute
            | Label::Period
    )
}

/// Whether the field a label of this block fills already holds a value.
pub fn is_filled(doc: &jixiao_core::Document, label: Label) -> bool {
    let project = doc.project.as_ref();
    match label {
        Label::ProjectName => project.is_some_and(|p| !p.name.is_empty()),
        Label::Department { .. } => !doc.department.is_empty(),
        Label::ProjectCode => project.is_some_and(|p| matches!(p.code, Stated::Given(_))),
        Label::Implementer => project.is_some_and(|p| !p.implementer.is_empty()),
        // 编制单位 and 预算单位 go to the implementer, else to the department.
        Label::Preparer => project.is_some_and(|p| !p.implementer.is_empty()) && !doc.department.is_empty(),
        Label::Attribute => project.is_some_and(|p| !p.attribute.is_empty()),
        Label::Period => project.is_some_and(|p| !p.period.is_empty()),
        _ => false,
    }
}

/// Gives a label of this block ([`is_identity`]) its value.
pub fn assign(label: Label, value: &str, position: Position, cx: &mut Sink<'_>) {
    let kind = cx.doc.kind;
    match label {
        Label::ProjectName => {
            let (code, name) = split_code(value);
            let p = project(cx.doc);
            p.name = name;
            p.code = Stated::given_or_absent(code);
        }
        Label::ProjectCode => project(cx.doc).code = Stated::from_option(nonempty(value)),
        Label::Department { coded } => {
            let (code, name) = split_code(value);
            cx.doc.department = name;
            cx.doc.department_code = if coded { Stated::from_option(code) } else { Stated::given_or_absent(code) };
        }
        Label::Implementer => {
            if kind == DocumentKind::Project {
                let (code, name) = split_code(value);
                let p = project(cx.doc);
                p.implementer = name;
                p.implementer_code = Stated::given_or_absent(code);
            } else if !value.is_empty() {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, "部门整体表没有实施单位一栏")));
            }
        }
        Label::Preparer => {
            let taken = cx.doc.project.as_ref().is_some_and(|p| !p.implementer.is_empty());
            if kind == DocumentKind::Project && !taken {
                let (code, name) = split_code(value);
                let p = project(cx.doc);
                p.implementer = name;
                p.implementer_code = Stated::given_or_absent(code);
            } else if !value.is_empty() && cx.doc.department.is_empty() {
                let (code, name) = split_code(value);
                cx.doc.department = name;
                cx.doc.department_code = Stated::given_or_absent(code);
            } else if !value.is_empty() {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, "编制单位与已读入的单位重复")));
            }
        }
        Label::Attribute => project(cx.doc).attribute = chosen_option(value).unwrap_or(value).to_owned(),
        Label::Period => {
            cx.source.period = Some(position);
            project(cx.doc).period = value.to_owned();
        }
        _ => {}
    }
}

/// `None` for an empty value.
pub fn nonempty(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_owned())
}

/// The marks of a ticked box in a list of options.
const CHECKED: &[char] = &['■', '☑', '√', '✓', '✔', '▇'];
/// The marks of an empty box (and `口` beside a ticked one, see [`chosen_option`]).
const UNCHECKED: &[char] = &['□', '☐'];

/// Whether a cell draws boxes, ticked or not (`1、持续性项目 ☑ 2、新增性项目 □`): a list of
/// options, one value however it is spaced. A tick alone (`√`) may mark a yes-or-no field.
pub fn draws_boxes(text: &str) -> bool {
    text.contains(['□', '☐', '■', '☑'])
}

/// Whether a cell holds a box or a tick of a list of options, however numbered.
pub fn marks_options(text: &str) -> bool {
    text.contains(CHECKED) || text.contains(UNCHECKED)
}

/// The option marked as chosen in a cell that lists the template's options with boxes
/// (`持续性项目■ 新增性项目口`, `■新增 □延续`, `1、持续性项目 ☑ 2、新增性项目 □`): the one
/// marked, without its number; empty when boxes are listed and none is ticked; `None` for a
/// cell without boxes, or with more than one ticked.
pub fn chosen_option(value: &str) -> Option<&str> {
    let ticked = value.contains(CHECKED);
    // 口 stands for an empty box only at a word's end beside a ticked one (`新增性项目口`).
    let at_end = |i: usize| value[i + '口'.len_utf8()..].chars().next().is_none_or(char::is_whitespace);
    let mut marks: Vec<(usize, usize, bool)> = Vec::new();
    for (i, c) in value.char_indices() {
        if !(CHECKED.contains(&c) || UNCHECKED.contains(&c) || (c == '口' && ticked && at_end(i))) {
            continue;
        }
        match marks.last_mut() {
            // A tick written after its box (`□ √`) is one mark.
            Some((at, len, checked)) if value[*at + *len..i].trim().is_empty() => {
                *len = i + c.len_utf8() - *at;
                *checked |= CHECKED.contains(&c);
            }
            _ => marks.push((i, c.len_utf8(), CHECKED.contains(&c))),
        }
    }
    if marks.is_empty() {
        return None;
    }
    // The texts between the marks; a mark goes with the text after it where marks come first.
    let mut texts = Vec::with_capacity(marks.len() + 1);
    let mut from = 0;
    for &(i, len, _) in &marks {
        texts.push(value[from..i].trim());
        from = i + len;
    }
    texts.push(value[from..].trim());
    let marks_first = texts[0].is_empty();
    let chosen: Vec<usize> = marks.iter().enumerate().filter(|(_, m)| m.2).map(|(k, _)| k).collect();
    match chosen[..] {
        [] => Some(""),
        [k] => {
            let option = texts[if marks_first { k + 1 } else { k }];
            let option = option.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches(['、', '.', '．']);
            (!option.is_empty()).then_some(option)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::chosen_option;

    #[test]
    fn the_marked_option_is_chosen() {
        assert_eq!(chosen_option("持续性项目■ 新增性项目口"), Some("持续性项目"));
        assert_eq!(chosen_option("□持续性项目 ■新增性项目"), Some("新增性项目"));
        assert_eq!(chosen_option("持续性项目■ 新增性项目■"), None);
        assert_eq!(chosen_option("持续性项目"), None);
        // Marks apart from their options, after them; boxes with none ticked: no option.
        assert_eq!(chosen_option("1、持续性项目 ☑ 2、新增性项目 □"), Some("持续性项目"));
        assert_eq!(chosen_option("1、持续性项目 □ 2、新增性项目 □"), Some(""));
        assert_eq!(chosen_option("■新增 □延续"), Some("新增"));
        assert_eq!(chosen_option("1、常年性项目 □ √ 2、延续性项目 □"), Some("常年性项目"));
        assert_eq!(chosen_option("出口加工区项目"), None);
    }
}
