//! Rows read by their header's columns (spreadsheets, and text whose columns held): each cell
//! put in the field its column names.

use super::*;
use jixiao_core::Stated;

impl IndicatorBlock {
    /// A row whose cells sit in their header's columns (spreadsheets, and text rows of rich
    /// templates): each cell goes to the header of its column.
    pub(super) fn by_column(&mut self, cells: &[Cell], layout: Layout, cx: &mut Sink<'_>) {
        let mut mapped: Vec<(Role, &Cell)> = Vec::with_capacity(cells.len());
        let shift = if layout == Layout::Shifting { self.level_shift(cells) } else { 0 };
        // Only a 定性 row can have lost its empty unit so: most rows are passed over at once.
        let qualitative = layout == Layout::Shifting
            && cells.len() < self.header.len()
            && self.has(Role::Op)
            && cells.iter().any(|c| c.text.len() < 16 && trim(&c.text) == "定性");
        let unit_dropped = if qualitative { self.unit_dropped(cells, shift) } else { None };
        for cell in cells {
            if cell.continued && is_category(&cell.text) {
                // The group label (年度绩效指标) merged down a column of its own.
                continue;
            }
            let mut col = cell.col.saturating_add_signed(shift);
            if unit_dropped.is_some_and(|from| col >= from) {
                col += 1;
            }
            let end = col + cell.span.max(1);
            let header = if layout == Layout::Aligned {
                // Aligned text: the header starting nearest, as headings are centred over
                // their columns and values start at the left.
                self.header.iter().min_by_key(|&&(_, col)| col.abs_diff(cell.col))
            } else {
                self.header.iter().find(|&&(_, h)| h >= col && h < end)
            };
            match header {
                // A 完成目标可能性 word is that column's, wherever dropped cells put it.
                Some(&(Role::ActualToDate, _)) if is_likelihood_word(&cell.text) && self.has(Role::Likelihood) => {
                    mapped.push((Role::Likelihood, cell))
                }
                Some(&(role, _)) => mapped.push((role, cell)),
                None => cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position.clone(),
                    &cell.text,
                    "所在列没有表头, 无法确定是哪一栏",
                ))),
            }
        }
        let before = cx.doc.indicators.len();
        self.apply(&mapped, cx);
        let ends_at_name = mapped.last().is_some_and(|&(r, _)| r == Role::Name);
        if ends_at_name && cx.doc.indicators.len() == before + 1 && cx.doc.indicators[before].target.is_empty() {
            self.target_awaited = Some(before);
        }
    }

    /// Where a 定性 row's empty 度量单位 was dropped by the page, moving the cells after its
    /// target one column left (`定性 | 减少 | 反映实施项目对社会产生的不利影响。 | …`): the column
    /// the text row put in the unit's place, when that cell is a sentence, the header has a
    /// column for it further right, and the row is one cell short.
    fn unit_dropped(&self, cells: &[Cell], shift: i32) -> Option<u32> {
        let unit = self.column_of(Role::Unit)?;
        let op = self.column_of(Role::Op)?;
        let last = self.header.last()?.1;
        let at = |col: u32| cells.iter().find(|c| c.col.saturating_add_signed(shift) == col);
        let qualitative = at(op).is_some_and(|c| trim(&c.text) == "定性");
        let sentence = at(unit).is_some_and(|c| trim(&c.text).chars().count() > 8);
        let end = cells.last()?.col.saturating_add_signed(shift);
        (qualitative && sentence && end < last && unit > op).then_some(unit)
    }

    /// The target of a row broken after its 三级, alone on the next row (`| 有效 |`): a cell
    /// that reads as a target, is no bare number (which any column may hold) and names no
    /// level. Taken with a note.
    pub(super) fn takes_awaited_target(&mut self, idx: usize, cell: &Cell, cx: &mut Sink<'_>) -> bool {
        // The row's opening bar may have stayed with the cell (`| 有效`).
        let text = trim(trim(&cell.text).trim_start_matches('|'));
        if !looks_like_target(text) || is_number(text) || self.level_of(text, None).is_some() {
            return false;
        }
        let Some(ind) = cx.doc.indicators.get(idx) else { return false };
        let note = format!("“{}”一行在三级指标后断开, 下一行的 “{text}” 读作它的指标值", excerpt(&ind.name));
        set_target(cx, idx, &cell.with_text(text.to_owned()));
        cx.out.push(Item::Diagnostic(Diagnostic::note("wrapped-cell", Some(cell.position.clone()), note)));
        true
    }

    /// A row under a header doubled for the mid term and the year whose text lost cells (the
    /// levels merged down from above, a group left empty): read by what its cells are, in the
    /// template's order — the 一级, the mid term's 二级, 三级 and 指标值, then the year's.
    pub(super) fn doubled_row(&mut self, cells: &[Cell], cx: &mut Sink<'_>) {
        const VALUES: [Role; 4] = [Role::LongName, Role::LongTarget, Role::Name, Role::Target];
        let cells: Vec<&Cell> = cells.iter().filter(|c| !trim(&c.text).is_empty()).collect();
        let mut mapped: Vec<(Role, &Cell)> = Vec::with_capacity(cells.len());
        let mut values = 0;
        for (i, &cell) in cells.iter().enumerate() {
            let next = cells.get(i + 1).map(|c| trim(&c.text));
            match self.level_of(trim(&cell.text), next) {
                Some(levels::Level::One(_)) if mapped.is_empty() => mapped.push((Role::Level1, cell)),
                Some(levels::Level::Two(_)) if values == 0 => mapped.push((Role::LongLevel2, cell)),
                Some(levels::Level::Two(_)) if values == 2 => mapped.push((Role::Level2, cell)),
                _ if values < VALUES.len() => {
                    mapped.push((VALUES[values], cell));
                    values += 1;
                }
                _ => cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position.clone(),
                    &cell.text,
                    "这一行的单元格多于表头的中期、年度两组",
                ))),
            }
        }
        self.apply(&mapped, cx);
    }

    /// Makes the indicators of one row whose cells are matched to their headers. Empty level
    /// cells keep the levels above (merged cells).
    pub(super) fn apply(&mut self, mapped: &[(Role, &Cell)], cx: &mut Sink<'_>) {
        let swapped: Vec<(Role, &Cell)>;
        let mapped = if op_and_polarity_swapped(mapped) {
            // `指标性质 | 指标方向` holding `正向 | 大于等于`: each cell goes where its words belong.
            swapped = mapped
                .iter()
                .map(|&(r, c)| match r {
                    Role::Op => (Role::Polarity, c),
                    Role::Polarity => (Role::Op, c),
                    r => (r, c),
                })
                .collect();
            &swapped[..]
        } else {
            mapped
        };
        let unit_lost: Vec<(Role, &Cell)>;
        let mapped = if number_in_unit_column(mapped) {
            // `定性 | 优良中低差 | 10`: the page dropped the empty 度量单位, and the row's last
            // cell moved into that column: the weight where the header has one the row left
            // empty, else a cell of a column that cannot be told.
            let weight_left = mapped.iter().any(|(r, c)| *r == Role::Weight && !trim(&c.text).is_empty());
            let role = if self.has(Role::Weight) && !weight_left { Role::Weight } else { Role::Unknown };
            unit_lost = mapped.iter().map(|&(r, c)| (if r == Role::Unit { role } else { r }, c)).collect();
            &unit_lost[..]
        } else {
            mapped
        };
        let get =
            |role: Role| mapped.iter().find(|(r, _)| *r == role).map(|(_, c)| *c).filter(|c| !trim(&c.text).is_empty());
        let text = |role: Role| get(role).map(|c| trim(&c.text).to_owned());
        let no_level2 = || get(Role::Level2).is_some_and(|c| classify(trim(&c.text)) == (None, None));
        if let Some(c) = get(Role::Level1).filter(|c| !names_a_level(&c.text) && no_level2()) {
            // `预算绩效评价结果 | 考核节点进度完成率 | 10分`: a row of another kind under the
            // indicators (a score summary), not an 一级 of a frame the vocabulary lacks, whose
            // 二级 would name a level.
            for &(_, cell) in mapped.iter().filter(|(_, c)| !trim(&c.text).is_empty()) {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position.clone(),
                    &cell.text,
                    &format!("一级指标一栏的 “{}” 不是指标级次, 这一行不是指标", trim(&c.text)),
                )));
            }
            return;
        }
        if let Some(c) = get(Role::Level1) {
            let level1 = canonical_level1(&c.text);
            if !c.continued || self.level1 != level1 {
                self.set_level1(level1.into());
            }
        }
        if let Some(c) = get(Role::Level2) {
            match jixiao_core::levels::Level2::from_name(&c.text) {
                // A table that gave no 一级 before it (its first row lost) gets the usual one.
                Some(l) if self.level1.is_empty() => self.set_level2(l, &c.position, cx),
                _ => self.level2 = canonical_level2(&c.text).into(),
            }
        }
        if let Some(c) = get(Role::LongLevel2) {
            self.long_level2 = canonical_level2(&c.text).into();
        }
        if let Some(c) = get(Role::Category).filter(|c| !is_category(&c.text)) {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                c.position.clone(),
                &c.text,
                "类别一栏只应是“绩效指标”",
            )));
        }
        if get(Role::LongName).is_some() || get(Role::LongTarget).is_some() {
            let at = get(Role::LongName).or(get(Role::LongTarget)).map(|c| c.position.clone());
            // A header with a target column for the period beside the year's (周期指标值 |
            // 本年度指标值) and no period levels: the period's target of the row's indicator.
            let own_levels = self.has(Role::LongName);
            let name = if own_levels { text(Role::LongName) } else { text(Role::Name) }.unwrap_or_default();
            let idx = self.push(cx, &name, at.as_ref().unwrap_or(&Position::text(0, 0)));
            let ind = &mut cx.doc.indicators[idx];
            if own_levels {
                ind.level2 = self.long_level2.clone();
            }
            ind.horizon = Some(Horizon::LongTerm);
            if let Some(t) = get(Role::LongTarget) {
                set_target(cx, idx, t);
            }
        }
        let split = self.has(Role::Op) || self.has(Role::Unit);
        let main = [Role::Name, Role::Target, Role::Value, Role::Op, Role::Policy];
        let Some(anchor) = main.iter().find_map(|&r| get(r)) else {
            // A row of levels only, or of nothing this block reads.
            for &(role, cell) in mapped {
                let t = trim(&cell.text);
                let read = matches!(
                    role,
                    Role::Level1 | Role::Level2 | Role::LongLevel2 | Role::LongName | Role::LongTarget | Role::Category
                );
                if !t.is_empty() && !read {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        cell.position.clone(),
                        t,
                        "这一行没有三级指标或指标值",
                    )));
                }
            }
            return;
        };
        let position = get(Role::Name).unwrap_or(anchor).position.clone();
        let name = text(Role::Name).unwrap_or_default();
        if self.has(Role::Level1) && !self.has(Role::Level2) {
            // A header with an 一级 column but none for the 二级: a 指标名称 that names a 二级
            // (质量, 成本, 社会效益) is that 二级 too.
            if let (_, Some(level2)) = classify(&name) {
                self.level2 = level2_name(level2);
            }
        }
        if is_sub_row(&name) {
            // Level cells merged down from above belong to the rows before, not to this one.
            for &(_, cell) in mapped.iter().filter(|(_, c)| !c.continued) {
                let t = trim(&cell.text);
                if !t.is_empty() {
                    cx.out.push(sub_row(cell.position.clone(), t));
                }
            }
            return;
        }
        if misaligned(&name, get(Role::Unit)) {
            // A cell lost in the middle of the row (an empty 计量单位 the page dropped) moved the
            // cells after it one column left: which is which cannot be told.
            for &(_, cell) in mapped.iter().filter(|(_, c)| !c.continued) {
                let t = trim(&cell.text);
                if !t.is_empty() {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        cell.position.clone(),
                        t,
                        "这一行的单元格与表头的栏对不上 (行中有单元格缺失), 不作为指标读入",
                    )));
                }
            }
            return;
        }
        if split {
            let (op, unit) = (text(Role::Op).unwrap_or_default(), text(Role::Unit).unwrap_or_default());
            let value_lost = text(Role::Value).or_else(|| text(Role::Target)).is_none()
                && (!unit.is_empty() || !(op.is_empty() || matches!(op.as_str(), "定性" | "定量")));
            if value_lost {
                // `= | 米` and no number: the row's value went elsewhere (a cell lost or moved),
                // and a target of a comparator and a unit would be invented.
                for &(_, c) in mapped.iter().filter(|(_, c)| !trim(&c.text).is_empty()) {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        c.position.clone(),
                        &c.text,
                        &format!("指标值只有计算符号和单位 (“{op}{unit}”), 没有数值: 这一行的单元格可能错位"),
                    )));
                }
                cx.source.unread_indicator(&position);
                return;
            }
        }
        let idx = self.push(cx, &name, &position);
        if self.has(Role::Policy) {
            cx.doc.indicators[idx].policy_target = Some(text(Role::Policy).unwrap_or_default());
        }
        if split {
            let parts = TargetParts {
                op: text(Role::Op).unwrap_or_default(),
                value: text(Role::Value).or_else(|| text(Role::Target)).unwrap_or_default(),
                unit: text(Role::Unit).unwrap_or_default(),
            };
            let ind = &mut cx.doc.indicators[idx];
            // 定性/定量 name the kind of target, not a comparator: the target is the rest.
            let (op, value, unit) = (parts.op.trim(), parts.value.trim(), parts.unit.trim());
            ind.target = if matches!(op, "定性" | "定量") {
                format!("{value}{unit}")
            } else if op.is_empty() && !unit.is_empty() && value.ends_with(unit) {
                // A 单位 column beside a target written whole (`% | ≥95%`): the unit once.
                value.to_owned()
            } else {
                parts.joined()
            };
            ind.target_parts = Some(parts);
            if is_placeholder(&ind.target) {
                cx.out.push(placeholder_note(&position, &ind.target));
            }
        } else if !self.target_columns.is_empty() {
            // One target column per village or year: one target of several terms, each named
            // by its column (`张村≥3公里；李村≥5公里`), which the target grammar reads as such.
            let prefix = |c: &Cell| self.target_columns.iter().find(|(col, _)| *col == c.col).map(|(_, p)| p.as_str());
            let terms: Vec<String> = mapped
                .iter()
                .filter(|(r, c)| *r == Role::Target && !trim(&c.text).is_empty())
                .map(|(_, c)| format!("{}{}", prefix(c).unwrap_or_default(), trim(&c.text)))
                .collect();
            if let Some(&(_, first)) = mapped.iter().find(|(r, c)| *r == Role::Target && !trim(&c.text).is_empty()) {
                set_target(cx, idx, &first.with_text(terms.join("；")));
            }
        } else if let Some(t) = get(Role::Target) {
            set_target(cx, idx, t);
        }
        if let Some(c) = get(Role::Weight) {
            cx.doc.indicators[idx].weight = number(c, "权重", cx.out).map(Into::into);
        }
        if self.has(Role::Actual) {
            cx.doc.indicators[idx].actual = Some(text(Role::Actual).unwrap_or_default());
        }
        if self.has(Role::Score) {
            cx.doc.indicators[idx].score =
                Stated::from_option(get(Role::Score).and_then(|c| number(c, "得分", cx.out)).map(Into::into));
        }
        let ind = &mut cx.doc.indicators[idx];
        ind.deviation_cause = text(Role::Reason);
        ind.polarity = text(Role::Polarity).map(Into::into);
        ind.basis = text(Role::Basis);
        ind.history = text(Role::History);
        if let Some(m) = monitoring::indicator(get, cx.out) {
            cx.doc.indicators[idx].monitoring = Some(m);
        }
        for &(_, c) in mapped.iter().filter(|(r, c)| *r == Role::Unknown && !trim(&c.text).is_empty()) {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                c.position.clone(),
                &c.text,
                &format!(
                    "这一格所在的栏没有表头或与表头对不上, 不知是什么 (完成值、分值、得分…), 三级指标 “{}” 的这一格未读入",
                    excerpt(&name)
                ),
            )));
        }
        let notes = mapped.iter().filter(|(r, c)| *r == Role::Note && !trim(&c.text).is_empty());
        // A table may have two such columns (指标解释 | 评(扣)分标准): each cell is reported.
        for &(_, c) in notes.filter(|(_, c)| !is_nothing_mark(&c.text)) {
            // The format has no field for a remark: it is reported, with the indicator it is on.
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "remark",
                Some(c.position.clone()),
                format!(
                    "三级指标 “{}” 的备注或说明没有对应的字段, 未读入: “{}”",
                    excerpt(&name),
                    excerpt(trim(&c.text))
                ),
            )));
        }
    }
}

/// Whether a row's 度量单位 holds a bare number that is its last cell: no unit, but the cell
/// after it, moved left by the empty unit cell the page lost.
fn number_in_unit_column(mapped: &[(Role, &Cell)]) -> bool {
    let last = mapped.iter().rev().find(|(_, c)| !trim(&c.text).is_empty());
    matches!(last, Some((Role::Unit, c)) if is_number(&c.text))
}

/// Whether a row's 指标性质 holds a 指标方向 word (`正向`) and its 指标方向 a comparator
/// (`大于等于`): a template that names the two columns the other way round.
fn op_and_polarity_swapped(mapped: &[(Role, &Cell)]) -> bool {
    let text = |role: Role| mapped.iter().find(|(r, _)| *r == role).map(|(_, c)| trim(&c.text));
    text(Role::Op).is_some_and(is_polarity_word) && text(Role::Polarity).is_some_and(is_comparator_word)
}

/// Whether a row's cells sit in columns they cannot be in: a 三级 that is a comparator or
/// 定性/定量 (the 指标性质's) or a scoring rule (the 评(扣)分标准's: `未达指标值酌情扣分`), or a
/// 计量单位 that is a sentence (a column further right's).
fn misaligned(name: &str, unit: Option<&Cell>) -> bool {
    let name = trim(name);
    is_op_word(name) || is_scoring_rule(name) || unit.is_some_and(|u| trim(&u.text).chars().count() > 8)
}

/// A cell of a 评(扣)分标准 column: how points are taken off (`未达指标值酌情扣分`,
/// `完成得满分, 未完成不得分`), which no 三级 says.
fn is_scoring_rule(text: &str) -> bool {
    // Suffixes, not substrings: this is asked of every row's 三级.
    text.ends_with("酌情扣分") || text.ends_with("不得分") || (text.starts_with("未达") && text.ends_with("扣分"))
}

pub(super) fn set_target(cx: &mut Sink<'_>, idx: usize, cell: &Cell) {
    let t = trim(&cell.text);
    if is_placeholder(t) {
        cx.out.push(placeholder_note(&cell.position, t));
    }
    cx.doc.indicators[idx].target = t.to_owned();
}

pub(super) fn placeholder_note(position: &Position, text: &str) -> Item {
    Item::Diagnostic(Diagnostic::note(
        "template-placeholder",
        Some(position.clone()),
        format!("未替换的模板占位符: “{}”", excerpt(text)),
    ))
}

/// A number cell (权重, 得分): `20`, `20分`, `20%`; a mark for not applicable (`/`, `/ / /`,
/// `—`, `无`) is a blank cell; anything else is reported.
pub(super) fn number(cell: &Cell, what: &str, out: &mut Vec<Item>) -> Option<Decimal> {
    if is_nothing_mark(&cell.text) {
        return None;
    }
    let folded = fold(trim(&cell.text));
    let s = folded.trim_end_matches(['分', '%']).trim();
    match Decimal::from_str(s) {
        Ok(d) => Some(d),
        Err(_) => {
            out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                &cell.text,
                &format!("{what}不是数字"),
            )));
            None
        }
    }
}

/// A word of the monitoring form's 完成目标可能性 column.
pub(super) fn is_likelihood_word(text: &str) -> bool {
    matches!(trim(text), "确定能" | "有可能" | "完全不可能")
}
