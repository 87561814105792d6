//! Sheets that list several projects, one run of rows each: the header names the project's
//! columns (单位名称, 项目名称, 预算数, 年度目标) left of the indicator columns, and a new
//! project name starts the next project's table.

use jixiao_core::levels::classify;

use super::fields::is_amount_text;
use super::labels::{Label, Role, label};
use super::split::{header_words, strip_points};
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
    /// 项目属性 / 项目类型 (`新增项目`).
    Attribute,
    /// A column the interchange format has no field for (项目类别 `32-专项资金项目`, a
    /// budget system's own classification): its cells are reported, not read.
    Unmodelled,
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

/// A header line apart by single spaces that lists projects (`项目名称 项目单位 项目类别 预算数
/// 年度绩效目标 一级指标 二级指标 …`): its project fields in order, and the rest of the line,
/// the indicator header. `None` unless the line starts with project columns, one of them the
/// project's name, and the rest is an indicator header of its own.
pub fn spaced_header(text: &str) -> Option<(Vec<Field>, &str)> {
    // Such a line names the levels: a byte search dismisses the others.
    if !text.contains(' ') || !(text.contains("一级指标") || text.contains("二级指标")) {
        return None;
    }
    let mut fields = Vec::new();
    let mut rest = text.trim_start();
    loop {
        let (word, after) = rest.split_once(char::is_whitespace)?;
        match label(word, false) {
            Some(Label::Role(_)) => break,
            l => fields.push(field_of(l, word)?),
        }
        rest = after.trim_start();
    }
    (fields.contains(&Field::Name) && header_words(rest).is_some()).then_some((fields, rest))
}

/// The values that a row of a spaced sheet of projects starts with, one word to a field in the
/// header's order (the goals, when last, may hold spaces), and where the indicator cells begin:
/// at the row's first level name. `None` for a row that starts with no project's values (a
/// level, or a 三级 under the levels above), and for one whose words before its first level do
/// not fit the fields one to one, or whose budget is not an amount: that row is read as it is.
pub fn spaced_values<'a>(text: &'a str, fields: &[Field]) -> Option<(Vec<(Field, &'a str)>, &'a str)> {
    let base = text.as_ptr() as usize;
    let words: Vec<&str> = text.split_whitespace().collect();
    let first_level = words.iter().position(|w| classify(strip_points(w)) != (None, None))?;
    let n = fields.len();
    let goals_last = fields.last() == Some(&Field::Goals);
    if first_level < n || (first_level > n && !goals_last) {
        return None;
    }
    let start = |w: &str| w.as_ptr() as usize - base;
    let mut values: Vec<(Field, &str)> = fields.iter().copied().zip(words.iter().copied()).collect();
    if first_level > n {
        // The goals, written with spaces, run up to the first level.
        let from = start(words[n - 1]);
        let to = start(words[first_level - 1]) + words[first_level - 1].len();
        values[n - 1].1 = &text[from..to];
    }
    let budget_ok = values.iter().all(|&(f, v)| f != Field::Budget || is_amount_text(v));
    let named = values.iter().any(|&(f, v)| f == Field::Name && !is_amount_text(v));
    (budget_ok && named).then(|| (values, &text[start(words[first_level])..]))
}

/// The field a header cell names, from its label.
fn field_of(l: Option<Label>, text: &str) -> Option<Field> {
    match l {
        Some(Label::ProjectName) => Some(Field::Name),
        Some(Label::Department { .. } | Label::Preparer | Label::Implementer) => Some(Field::Unit),
        Some(Label::Goals) => Some(Field::Goals),
        Some(Label::FundsTotal) => Some(Field::Budget),
        Some(Label::Attribute) => Some(Field::Attribute),
        None if matches!(text.trim(), "预算数" | "预算金额" | "项目预算数") => Some(Field::Budget),
        None if matches!(text.trim(), "项目类别" | "项目分类") => Some(Field::Unmodelled),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::read::grid::row_of as row;

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

    #[test]
    fn a_spaced_header_and_rows_with_project_columns() {
        // The layout of 内蒙古's 表11 项目绩效目标表, as a web page gives it.
        let line = "项目名称 项目单位 项目类别 预算数 年度绩效目标 一级指标 二级指标 三级指标 指标性质 指标方向 目标值 计量单位 分值";
        let (fields, rest) = spaced_header(line).expect("a sheet of projects");
        assert_eq!(fields, [Field::Name, Field::Unit, Field::Unmodelled, Field::Budget, Field::Goals]);
        assert!(rest.starts_with("一级指标 二级指标"));
        assert!(spaced_header("一级指标 二级指标 三级指标 指标值").is_none());
        assert!(spaced_header("项目名称 备注 一级指标 二级指标 三级指标 指标值").is_none());

        let row = "业务装备经费 776001-扎赉特旗人民检察院 32-专项资金项目 1,030,700.00 保障日常 办案装备需要。 满意度指标(10分) 服务对象满意度 使用人员满意度 正向 大于等于 98 % 10";
        let (values, rest) = spaced_values(row, &fields).expect("a project's first row");
        assert_eq!(values[0], (Field::Name, "业务装备经费"));
        assert_eq!(values[3], (Field::Budget, "1,030,700.00"));
        assert_eq!(values[4], (Field::Goals, "保障日常 办案装备需要。"));
        assert!(rest.starts_with("满意度指标(10分) 服务对象满意度"));
        // Rows under a project, and a row whose budget is no amount, are no project's first.
        assert!(spaced_values("质量指标 政府采购率 正向 大于等于 30 % 7.5", &fields).is_none());
        assert!(spaced_values("设备验收及时率 正向 大于等于 98 % 5", &fields).is_none());
        assert!(spaced_values("甲 乙 丙 丁 戊 产出指标 数量指标 车辆 正向 = 1 辆 5", &fields).is_none());
    }
}
