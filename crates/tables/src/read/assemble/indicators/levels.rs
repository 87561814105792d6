//! The indicator block's levels: the 一级 and 二级 a row's cells name, the levels carried down
//! from the rows above, and a row's cells shifted by the level cells it lost.

use std::sync::LazyLock;

use super::*;

/// A standard 一级's canonical name, made once for the process: rows set their levels often,
/// and a shared name is set without allocating.
pub(super) fn level1_name(level: Level1) -> LevelName {
    static NAMES: LazyLock<[LevelName; Level1::ALL.len()]> =
        LazyLock::new(|| Level1::ALL.map(|l| LevelName::new(l.name())));
    shared_name(&Level1::ALL, &*NAMES, level, level.name())
}

/// A standard 二级's canonical name, shared as [`level1_name`]'s.
pub(super) fn level2_name(level: Level2) -> LevelName {
    static NAMES: LazyLock<[LevelName; Level2::ALL.len()]> =
        LazyLock::new(|| Level2::ALL.map(|l| LevelName::new(l.name())));
    shared_name(&Level2::ALL, &*NAMES, level, level.name())
}

/// The name made for `level` among `names` (one for each of `all`, in its order).
fn shared_name<L: PartialEq>(all: &[L], names: &[LevelName], level: L, name: &'static str) -> LevelName {
    all.iter().position(|l| *l == level).map_or_else(|| LevelName::new(name), |i| names[i].clone())
}

impl IndicatorBlock {
    /// Reads the leading level cells of a text row; returns how many there were. A row holds
    /// one 二级 at most, so a second cell named like one is the 三级 (`服务对象满意度` after
    /// `服务对象满意度指标`). And level cells followed by nothing but a target end with the
    /// 三级 of that target when the last is named like a 二级 but not written as a level
    /// (`满意度 | ≥95%` on a row under a 二级 given above), as 三级 names often are.
    pub(super) fn leading_levels(
        &mut self,
        levels: &mut RowLevels<'_>,
        start: usize,
        layout: Layout,
        cx: &mut Sink<'_>,
    ) -> usize {
        // Rows have at most 一级 and 二级 (and a 类别 before them); a fixed array keeps this
        // per-row step free of allocation.
        const MAX: usize = 4;
        let cells = &levels.cells[start..];
        let mut run = [None; MAX];
        let mut n = 0;
        let mut row_level1 = None;
        let mut has_level2 = false;
        // A text line keeps its empty cells: 成本指标 or 满意度 in the 二级's column is that 二级.
        let level2_col = self.column_of(Role::Level2).filter(|_| layout == Layout::Shifting);
        while n < cells.len().min(MAX) {
            let named = levels.of(start + n);
            let level = match named {
                (Some(_), Some(l)) if level2_col == Some(cells[n].col) => Some(Level::Two(l)),
                _ => level_from(
                    named,
                    || levels.of(start + n + 1),
                    || row_level1.or_else(|| Level1::from_name(&self.level1)),
                ),
            };
            match level {
                Some(Level::One(l)) => {
                    row_level1 = Some(l);
                    has_level2 = false;
                }
                Some(Level::Two(_)) if !has_level2 => has_level2 = true,
                _ => break,
            }
            run[n] = level;
            n += 1;
        }
        if n > 0
            && cells.len() == n + 1
            && matches!(run[n - 1], Some(Level::Two(_)))
            && !named_like_level(&cells[n - 1].text)
            && looks_like_target(&cells[n].text)
        {
            n -= 1;
        }
        for (level, cell) in run[..n].iter().zip(cells) {
            if let Some(level) = *level {
                self.set_level(level, &cell.position, cx);
            }
        }
        n
    }

    /// Whether a cell names a standard level, and which, under the current 一级.
    pub(super) fn level_of(&self, text: &str, next: Option<&str>) -> Option<Level> {
        // Under an 一级 of a frame the vocabulary does not know (项目完成指标), the 二级 read
        // so far says which standard one it stands for.
        level_in(text, next, || {
            Level1::from_name(&self.level1).or_else(|| Level2::from_name(&self.level2).map(Level2::usual_parent))
        })
    }

    /// Sets the 一级. The same 一级 again keeps the 二级: a merged 一级 cell is printed on
    /// one of its rows, often mid-way through a 二级's rows (`产出指标 | 开设课程数量 | 220`).
    pub(super) fn set_level1(&mut self, name: LevelName) {
        self.level1_inferred = false;
        if self.level1 != name {
            self.level1 = name;
            self.level2 = LevelName::default();
        }
    }

    /// Sets the level a cell at `position` names.
    pub(super) fn set_level(&mut self, level: Level, position: &Position, cx: &mut Sink<'_>) {
        match level {
            Level::One(l) => self.set_level1(level1_name(l)),
            Level::Two(l) => self.set_level2(l, position, cx),
        }
    }

    /// Sets the 二级; a table that gave no 一级 before it gets the usual one, with a note.
    pub(super) fn set_level2(&mut self, level: Level2, position: &Position, cx: &mut Sink<'_>) {
        // An 一级 inferred from an earlier 二级 is inferred again when a 二级 of another 一级
        // comes (社会效益指标 after 成本指标, the page having dropped every 一级 cell).
        let inferred_elsewhere = self.level1_inferred && self.foreign_to_level1(level);
        if self.level1.is_empty() || inferred_elsewhere {
            self.level1_inferred = true;
            self.level1 = level1_name(level.usual_parent());
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "inferred-level1",
                Some(position.clone()),
                format!("“{}”之前没有一级指标, 按二级指标推定为“{}”{}", level.name(), self.level1, doc_hint(cx.doc)),
            )));
        }
        self.level2 = level2_name(level);
    }

    /// Whether no frame has `level` under the current 一级, a standard one.
    fn foreign_to_level1(&self, level: Level2) -> bool {
        Level1::from_name(&self.level1).is_some_and(|l| !level.parents(Frame::Any).contains(&l))
    }

    /// One cell per line, a 二级 that starts a block where no frame has it under the 一级 above
    /// (社会效益 after the 产出指标 rows): the page dropped the new block's 一级 cell, which is
    /// the 二级's usual one. Each cell's column is lost in such text, so a 二级 published under
    /// the wrong 一级 cannot be told from a lost cell; the note says which was assumed.
    pub(super) fn set_level2_of_new_block(&mut self, level: Level2, position: &Position, cx: &mut Sink<'_>) {
        if self.foreign_to_level1(level) && !self.level1_inferred {
            let before = std::mem::replace(&mut self.level1, level1_name(level.usual_parent()));
            self.level1_inferred = true;
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "inferred-level1",
                Some(position.clone()),
                format!(
                    "“{}”不属于上面的一级指标“{before}”, 应是网页丢了新一组的一级指标单元格: 按二级指标推定为“{}”{}",
                    level.name(),
                    self.level1,
                    doc_hint(cx.doc)
                ),
            )));
        }
        self.set_level2(level, position, cx);
    }

    /// How far a text row sits off its header's columns. Web pages drop the cells that a
    /// merged cell (单位名称, 项目名称 … spanning many rows) covers, so a row under the first
    /// starts columns early; its first standard level name says where it really starts.
    pub fn level_shift(&self, cells: &[Cell]) -> i32 {
        for (i, cell) in cells.iter().enumerate().take(6) {
            if self.column_of(Role::Level2) == Some(cell.col) && matches!(classify(&cell.text), (Some(_), Some(_))) {
                // 成本指标 or 满意度 in the 二级's own column: dropped cells only move cells left,
                // so it is that 二级 where it stands (under an 一级 merged down from above).
                return 0;
            }
            // 成本指标 and 满意度 name either level: the next cell and the current 一级 say which.
            let next = cells.get(i + 1).map(|c| c.text.as_str());
            let role = match self.level_of(&cell.text, next) {
                // `成本指标 | 安全隐患排查成本 | …` with no 一级 read yet: followed by a name, not
                // by a 二级, it is the 二级 of a header that has that column (the 一级 cell merged
                // down from above the text), not an 一级 whose 二级 the row would lack.
                Some(Level::One(_))
                    if self.level1.is_empty()
                        && self.has(Role::Level2)
                        && matches!(classify(&cell.text), (Some(_), Some(_)))
                        && next.is_some_and(|n| classify(n) == (None, None)) =>
                {
                    Role::Level2
                }
                Some(Level::One(_)) => Role::Level1,
                Some(Level::Two(_)) => Role::Level2,
                None => continue,
            };
            match self.header.iter().find(|&&(r, _)| r == role) {
                Some(&(_, col)) => return i32::try_from(i64::from(col) - i64::from(cell.col)).unwrap_or(0),
                // A header without a 二级 column (一级 / 指标名称 / 指标值): a 二级's name there is
                // the row's 指标名称, placed below as any other.
                None if role == Role::Level2 && !self.has(Role::Level2) && self.has(Role::Name) => break,
                None => return 0,
            }
        }
        // `日效性指标 | 解决群众问题时间 | 2天以内 | …`: a 二级 the vocabulary does not know, in a
        // row that lost its 一级 cell and fills the header from the 二级 column to the last.
        if let (Some(first), Some(level2)) = (cells.first(), self.column_of(Role::Level2)) {
            if first.col == 0
                && !self.level1.is_empty()
                && shaped_like_level2(trim(&first.text))
                && self.fills_from(cells, level2)
            {
                return i32::try_from(level2).unwrap_or(0);
            }
        }
        // No level: a row that starts the line under merged level cells starts at the 三级 (a
        // lone cell, such as a row cut off, is left where it is, and reported).
        match (cells.first(), self.header.iter().find(|&&(r, _)| r == Role::Name)) {
            (Some(first), Some(&(_, name)))
                if first.col == 0 && cells.len() >= 2 && (self.levels_dropped || self.fills_from(cells, name)) =>
            {
                i32::try_from(name).unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Whether a row's cells, one in each column from its first, would fill the header's
    /// columns from `name` (the 三级, or the 二级 for a row that starts with one) to the last: a page that dropped the level cells merged
    /// down from above leaves just that many (`保障退休职工人数(人) | = | 81 | 人 | …` under
    /// 一级 / 二级 / 三级 / 计算符号 / 目标值 / 度量单位 / 指标值说明). A last column of remarks
    /// may be missing, a cell before a closing 完成目标可能性 word, and the points of a row whose
    /// 分值 or 得分 is merged with the row above; never more than the header has. A row that
    /// starts with a target is no such row.
    fn fills_from(&self, cells: &[Cell], name: u32) -> bool {
        // The columns a row must reach: a last column of remarks (备注, 指标值说明) or of the
        // causes of a shortfall (偏差原因分析) is often empty.
        let Some(&(_, last)) = self.header.iter().rev().find(|&&(r, _)| !matches!(r, Role::Note | Role::Reason)) else {
            return false;
        };
        let end = self.header.last().map_or(last, |&(_, c)| c);
        let consecutive = cells.iter().enumerate().all(|(i, c)| c.col as usize == i);
        let reaches = name as usize + cells.len();
        // A row that ends in a 完成目标可能性 word may have lost an empty cell before it too.
        let closed_end = self.has(Role::Likelihood) && cells.last().is_some_and(|c| is_likelihood_word(&c.text));
        // `WIFI布点全覆盖 | 100%覆盖 | 100%覆盖` under a row whose 得分 cell is merged down over
        // it: only points are missing, the row holds no number that could be points, and its
        // second cell is a target under the target column.
        let points_merged = || {
            self.header
                .iter()
                .filter(|&&(_, c)| c as usize >= reaches)
                .all(|&(r, _)| matches!(r, Role::Weight | Role::Score | Role::Note | Role::Reason))
                && self.header.iter().any(|&(r, c)| r == Role::Target && c == name + 1)
                && cells.get(1).is_some_and(|c| looks_like_target(&c.text))
                && !cells.iter().any(|c| is_number(&c.text))
        };
        name > 0
            && consecutive
            && (reaches > last as usize || closed_end || points_merged())
            && reaches <= end as usize + 1
            && !looks_like_target(&cells[0].text)
    }
}

/// Whether a cell names a standard level, and which. 成本指标 and 满意度 can be either: a
/// following 二级 makes them the 一级; otherwise they are the 二级 when that fits under the
/// current 一级 (成本指标 under 产出指标, as in the 2015 frame). The current 一级 is asked for
/// only then, as it costs a lookup.
pub(super) fn level_in(text: &str, next: Option<&str>, current: impl FnOnce() -> Option<Level1>) -> Option<Level> {
    level_from(classify(text), || next.map_or((None, None), classify), current)
}

/// [`level_in`] for a cell whose standard levels are known (`named`), and the next cell's
/// asked for only when needed.
pub(super) fn level_from(
    named: (Option<Level1>, Option<Level2>),
    next: impl FnOnce() -> (Option<Level1>, Option<Level2>),
    current: impl FnOnce() -> Option<Level1>,
) -> Option<Level> {
    match named {
        (Some(a), None) => Some(Level::One(a)),
        (None, Some(b)) => Some(Level::Two(b)),
        (Some(a), Some(b)) => {
            let next_is_level2 = matches!(next(), (None, Some(_)));
            if next_is_level2 || !current().is_some_and(|c| b.parents(Frame::Any).contains(&c)) {
                Some(Level::One(a))
            } else {
                Some(Level::Two(b))
            }
        }
        (None, None) => None,
    }
}

/// The standard levels the first cells of a text row name, each looked up once for the row.
pub(super) struct RowLevels<'a> {
    pub(super) cells: &'a [Cell],
    pub(super) known: [Option<(Option<Level1>, Option<Level2>)>; 6],
}

impl<'a> RowLevels<'a> {
    pub(super) fn new(cells: &'a [Cell]) -> Self {
        RowLevels { cells, known: [None; 6] }
    }

    /// The standard levels cell `i` names; none past the row's end.
    pub(super) fn of(&mut self, i: usize) -> (Option<Level1>, Option<Level2>) {
        let Some(cell) = self.cells.get(i) else { return (None, None) };
        match self.known.get_mut(i) {
            Some(known) => *known.get_or_insert_with(|| classify(&cell.text)),
            None => classify(&cell.text),
        }
    }
}

/// A standard level named by a cell.
#[derive(Debug, Clone, Copy)]
pub(super) enum Level {
    One(Level1),
    Two(Level2),
}
