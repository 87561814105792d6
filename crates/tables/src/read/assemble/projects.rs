//! Sheets that list several projects, one run of rows each: the header names the project's
//! columns (单位名称, 项目名称, 预算数, 年度目标) left of the indicator columns, and a new
//! project name starts the next project's table.

use super::labels::{Label, Role, label};
use crate::read::grid::Cell;

/// A column of a project's own fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 单位名称: the department on a row of its own, else the project's implementer.
    Unit,
    /// 项目名称
    Name,
    /// 预算数: the project's amount for the year.
    Budget,
    /// 年度目标
    Goals,
}

/// Where a sheet's project fields are, and where its indicator columns begin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectColumns {
    pub fields: Vec<(Field, u32)>,
    pub first_indicator: u32,
}

impl ProjectColumns {
    /// The field in column `col`, if any.
    pub fn at(&self, col: u32) -> Option<Field> {
        self.fields.iter().find(|&&(_, c)| c == col).map(|&(f, _)| f)
    }
}

/// The project columns of a header row, and the index of its first indicator column header;
/// `None` unless the row names a project column and then at least two indicator levels, with
/// nothing else before them.
pub fn header(cells: &[Cell]) -> Option<(ProjectColumns, usize)> {
    // Such a row names the levels (一级指标 or 二级指标): a byte comparison dismisses the others.
    if cells.len() < 3 || !cells.iter().any(|c| c.text.starts_with("一级指") || c.text.starts_with("二级指")) {
        return None;
    }
    // One look at each cell, stopping at the first that is neither a field nor a column header.
    let mut fields = Vec::new();
    let mut first_role = None;
    for (i, c) in cells.iter().enumerate() {
        match label(&c.text, false) {
            Some(Label::Role(_)) => {
                first_role = Some(i);
                break;
            }
            l => fields.push((field_of(l, &c.text)?, c.col)),
        }
    }
    let first_role = first_role.filter(|&i| i > 0)?;
    let levels = cells[first_role..]
        .iter()
        .filter(|c| matches!(label(&c.text, false), Some(Label::Role(Role::Level1 | Role::Level2 | Role::Name))))
        .count();
    let named = fields.iter().any(|&(f, _)| f == Field::Name);
    (named && levels >= 2).then(|| (ProjectColumns { fields, first_indicator: cells[first_role].col }, first_role))
}

/// The field a header cell names, from its label.
fn field_of(l: Option<Label>, text: &str) -> Option<Field> {
    match l {
        Some(Label::ProjectName) => Some(Field::Name),
        Some(Label::Department { .. } | Label::Preparer | Label::Implementer) => Some(Field::Unit),
        Some(Label::Goals) => Some(Field::Goals),
        Some(Label::FundsTotal) => Some(Field::Budget),
        None if matches!(text.trim(), "预算数" | "预算金额" | "项目预算数") => Some(Field::Budget),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::source::Position;

    fn row(texts: &[&str]) -> Vec<Cell> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Cell {
                text: (*t).to_owned(),
                col: i as u32,
                span: 1,
                continued: false,
                position: Position::text(1, i as u32 + 1),
            })
            .collect()
    }

    #[test]
    fn a_header_with_project_columns() {
        let cells = row(&["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"]);
        let (columns, first) = header(&cells).expect("a sheet of projects");
        assert_eq!(first, 4);
        assert_eq!(columns.first_indicator, 4);
        assert_eq!(columns.at(1), Some(Field::Name));
        assert_eq!(columns.at(2), Some(Field::Budget));
        // The usual header, or one with a column this reader does not know, is not one.
        assert!(header(&row(&["一级指标", "二级指标", "三级指标", "指标值"])).is_none());
        assert!(header(&row(&["项目名称", "备注", "一级指标", "二级指标"])).is_none());
        assert!(header(&row(&["单位名称", "一级指标", "二级指标"])).is_none());
    }
}
