//! Indicator rows of bars with no header above them (a copy that starts inside a table): the
//! columns are told by what the first such row holds, and only where it leaves no doubt.

use super::*;

/// The columns a row of cells shows when it is an indicator row: its levels (an 二级 at least,
/// its 一级 if printed), a 三级, then a target — a comparator and a number with its unit in
/// cells of their own, or a target written whole with a comparator or a unit. The cells after
/// the target are of columns no row tells (完成值, 分值, 得分 …): [`Role::Unknown`]. `None` for
/// any other row, and for a target that is words (`明显改善` may as well be an explanation).
pub fn headless_header(cells: &[Cell]) -> Option<Vec<Role>> {
    let text = |i: usize| cells.get(i).map(|c| trim(&c.text));
    let mut roles = vec![Role::Level1, Role::Level2];
    let mut i = 0;
    let first = classify(text(0)?);
    let second = text(1).map_or((None, None), classify);
    match (first, second) {
        ((Some(_), _), (_, Some(_))) => i += 2,
        ((_, Some(_)), (None, None)) => i += 1,
        _ => return None,
    }
    let name = text(i)?;
    let is_name = name.chars().count() >= 2
        && classify(name) == (None, None)
        && !strongly_target(name)
        && !is_op_word(name)
        && !is_comparator_word(name)
        && !name.starts_with(split::is_comparator);
    if !is_name {
        return None;
    }
    roles.push(Role::Name);
    i += 1;
    let cell = text(i)?;
    if is_comparator_word(cell) {
        // `= | 6 | 万元`: the comparator, the number, and a unit if the next cell is one.
        if !text(i + 1).is_some_and(is_number) {
            return None;
        }
        roles.extend([Role::Op, Role::Value]);
        i += 2;
        if text(i).is_some_and(is_unit) {
            roles.push(Role::Unit);
            i += 1;
        }
    } else if strongly_target(cell) && !is_number(cell) {
        // `≥90%`, `3个`: a bare number could as well be a weight or a score.
        roles.push(Role::Target);
        i += 1;
    } else {
        return None;
    }
    roles.extend(std::iter::repeat_n(Role::Unknown, cells.len().saturating_sub(i)));
    Some(roles)
}

/// A unit in a cell of its own: short, no digit, no level, no comparator (`万元`, `%`, `人次`).
fn is_unit(text: &str) -> bool {
    let n = text.chars().count();
    (1..=4).contains(&n)
        && !text.chars().any(|c| c.is_ascii_digit() || split::is_comparator(c))
        && classify(text) == (None, None)
        && !looks_like_target(text)
}

impl IndicatorBlock {
    /// A block whose header was told by its first row (see [`headless_header`]): the 一级, 二级
    /// and 三级 in the first three columns, the rest after them.
    pub fn headless(roles: &[Role]) -> IndicatorBlock {
        let mut block = IndicatorBlock::new();
        block.header = roles.iter().enumerate().map(|(col, &r)| (r, u32::try_from(col).unwrap_or(u32::MAX))).collect();
        block.finish_header();
        block
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(line: &str) -> Vec<Cell> {
        crate::read::grid::row_of(&line.split(" | ").collect::<Vec<_>>())
    }

    #[test]
    fn only_rows_with_levels_a_name_and_a_target_that_is_no_sentence_tell_their_columns() {
        use Role::*;
        assert_eq!(
            headless_header(&cells("效益指标 | 社会效益指标 | 环境治理亮化美化率 | ≥ | 90 | % | 93 | 10")),
            Some(vec![Level1, Level2, Name, Op, Value, Unit, Unknown, Unknown])
        );
        assert_eq!(
            headless_header(&cells("成本指标 | 安全隐患排查成本 | = | 6 | 万元 | 6 | 5")),
            Some(vec![Level1, Level2, Name, Op, Value, Unit, Unknown, Unknown])
        );
        assert_eq!(
            headless_header(&cells("产出指标 | 数量指标 | 培训人数 | ≥100人")),
            Some(vec![Level1, Level2, Name, Target])
        );
        // No level, a target in words, a bare number, a name that is a target: no telling.
        assert_eq!(headless_header(&cells("安全警示标志设置及时率 | = | 100 | % | 100 | 5")), None);
        assert_eq!(headless_header(&cells("产出指标 | 质量指标 | 基础条件 | 明显改善 | 明显改善")), None);
        assert_eq!(headless_header(&cells("产出指标 | 数量指标 | 培训人数 | 100 | 10")), None);
        assert_eq!(headless_header(&cells("产出指标 | 时效指标 | 2020年 | 2020年")), None);
        assert_eq!(headless_header(&cells("项目名称 | 数量指标 | 培训人数 | ≥100人")), None);
    }
}
