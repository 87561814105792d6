//! Text with one cell per line: each cell read by what it is, rows closed by their last
//! column's kind or by their count of cells, or fixed-width rows where the template's empty
//! cells were kept.

use super::*;

impl IndicatorBlock {
    /// A cell of a one-cell-per-line layout (an empty text is an explicitly empty cell).
    pub fn linear_cell(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        self.finish_header();
        if let Some(joined) = self.joined {
            if !trim(&cell.text).is_empty() {
                self.joined_row(cell, joined, cx);
            }
            return;
        }
        if self.template == Template::Simple {
            self.simple_linear(cell, cx);
            return;
        }
        if self.flattened {
            self.row_by_count(cell, cx);
            return;
        }
        if let Some(last) = self.closed_last_column() {
            self.row_by_kind(cell, last, cx);
            return;
        }
        if self.levels_apart {
            self.row_levels_apart(cell, cx);
            return;
        }
        if self.chunk.is_empty() && trim(&cell.text).is_empty() {
            // Rows are whole; an empty cell between them belongs to none.
            return;
        }
        self.chunk.push(cell.clone());
        if self.chunk.len() == self.header.len() {
            let chunk = std::mem::take(&mut self.chunk);
            let roles: Vec<Role> = self.header.iter().map(|&(r, _)| r).collect();
            let misplaced = roles.iter().zip(&chunk).any(|(r, c)| {
                matches!(r, Role::Level1 | Role::Level2)
                    && !trim(&c.text).is_empty()
                    && self.level_of(trim(&c.text), None).is_none()
            });
            if misplaced {
                // A name where a level belongs: rows under merged level cells have no cells
                // for them. From here on levels are read apart, and rows counted without them.
                self.levels_apart = true;
                for c in &chunk {
                    self.row_levels_apart(c, cx);
                }
                return;
            }
            let mapped: Vec<(Role, &Cell)> = roles.iter().copied().zip(&chunk).collect();
            self.apply(&mapped, cx);
        }
    }

    /// A cell of a one-cell-per-line row whose merged level cells left no cells: levels set
    /// the levels, and the other cells, empty ones included, fill the other columns in order.
    pub(super) fn row_levels_apart(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        if let Some(held) = self.maybe_reason.take() {
            // A row's 三级 is followed by its target; a 偏差原因 by the next row's 三级 or level.
            // No 三级 is a bare number (a reason of `0`), and `指标2` is a template's 三级.
            let next_name = !is_number(&held.text) && looks_like_target(text) && numbered_prefix(text).is_none();
            if next_name {
                self.close_row(cx);
                self.chunk.push(held);
            } else {
                self.chunk.push(held);
                self.close_row(cx);
            }
        }
        if std::mem::take(&mut self.level_unfinished) && text == "指标" {
            // The second line of a level whose first named it short (`数量` / `指标`).
            return;
        }
        if std::mem::take(&mut self.points_may_follow) && split::is_points(text) {
            // The 一级's points on a line of their own (`产出指标` / `(50)`), as strip_points
            // drops them from `产出指标(50分)`.
            return;
        }
        if self.chunk.first().is_some_and(|c| is_placeholder_name(trim(&c.text)))
            && !text.is_empty()
            && self.chunk[1..].iter().all(|c| trim(&c.text).is_empty())
        {
            // A template row left unfilled (`……` and empty cells): it ends where a cell is
            // filled again, however many empty cells the page kept of it.
            let row = std::mem::take(&mut self.chunk);
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "template-placeholder",
                Some(row[0].position.clone()),
                format!("未填写的模板行 “{}”, 不作为指标读入", trim(&row[0].text)),
            )));
        }
        let roles = self.columns_in_order();
        if !text.is_empty() && self.lacks_only_reason(&roles) {
            if self.level_of(text, None).is_some() || self.level_of(&format!("{text}指标"), None).is_some() {
                // A level, or the first line of one (`质量` / `指标`): the row had no reason.
                self.close_row(cx);
            } else {
                self.maybe_reason = Some(cell.clone());
                return;
            }
        }
        if !self.chunk.is_empty() && text.ends_with("指标") {
            if let Some(level @ levels::Level::One(_)) = self.level_of(text, None) {
                // An 一级 inside a row: the row lost a cell (`工程完成时间` / `2021.6` under two
                // target columns), and which column its values are in cannot be told.
                self.report_incomplete_row(cx);
                self.points_may_follow = true;
                self.set_level(level, &cell.position, cx);
                return;
            }
        }
        if self.chunk.is_empty() {
            if text.is_empty() {
                return;
            }
            if self.names_published_level2(text) {
                // `满意度指标` / `具体指标` / `教师满意度`: a 二级 worded as no frame has it,
                // kept as published.
                self.level2 = LevelName::from(text);
                return;
            }
            if let Some(level) = self.level_of(text, None) {
                self.points_may_follow = matches!(level, levels::Level::One(_));
                self.level_unfinished = !text.ends_with("指标");
                match level {
                    levels::Level::Two(l) => self.set_level2_of_new_block(l, &cell.position, cx),
                    levels::Level::One(_) => self.set_level(level, &cell.position, cx),
                }
                return;
            }
        } else if let [first] = self.chunk.as_slice() {
            // A 二级 wrapped over two lines whose first is no level (`服务对象` / `满意度指标`).
            let joined = format!("{}{text}", trim(&first.text));
            if let Some(level @ levels::Level::Two(_)) =
                self.level_of(&joined, None).filter(|_| joined.ends_with("指标"))
            {
                let first = self.chunk.remove(0);
                self.set_level(level, &first.position, cx);
                return;
            }
        }
        self.chunk.push(cell.clone());
        if self.chunk.len() == roles.len() {
            let chunk = std::mem::take(&mut self.chunk);
            let mapped: Vec<(Role, &Cell)> = roles.iter().copied().zip(&chunk).collect();
            if let Some(&(_, target)) =
                mapped.iter().find(|(r, _)| *r == Role::Target).filter(|(_, c)| names_a_rate(&c.text))
            {
                // Two names in a row (`按季发放助学金` / `发放时间达标率` / `100%`): a cell was
                // lost or added, and which is the 三级 cannot be told.
                for c in &chunk {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        c.position.clone(),
                        &c.text,
                        &format!("指标值一栏是指标名称 (“{}”), 这一行各栏可能错位", trim(&target.text)),
                    )));
                }
                return;
            }
            self.apply(&mapped, cx);
        }
    }

    /// The block ends in a row read levels apart: a held cell after its last number is its
    /// 偏差原因, and a row whole but for that cell is a row without one.
    pub(super) fn finish_levels_apart(&mut self, cx: &mut Sink<'_>) {
        if let Some(held) = self.maybe_reason.take() {
            self.chunk.push(held);
            self.close_row(cx);
            return;
        }
        let roles = self.columns_in_order();
        if self.lacks_only_reason(&roles) {
            self.close_row(cx);
        }
    }

    /// Whether the chunk is a row of `roles` (the columns filled in order) whole up to its last
    /// column, a 偏差原因 after the 得分, which ends in a number.
    fn lacks_only_reason(&self, roles: &[Role]) -> bool {
        roles.len() >= 3
            && roles[roles.len() - 2..] == [Role::Score, Role::Reason]
            && self.chunk.len() + 1 == roles.len()
            && self.chunk.last().is_some_and(|c| is_number(&c.text))
    }

    /// Reports the cells of a row a level cut short (a cell was lost, so which column each is in
    /// cannot be told), and drops them.
    fn report_incomplete_row(&mut self, cx: &mut Sink<'_>) {
        for c in std::mem::take(&mut self.chunk) {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(c.position, &c.text, "指标行不完整, 无法确定所在列")));
        }
    }

    /// The header's columns that a row's cells fill in order (levels apart, 偏差原因 included).
    fn columns_in_order(&self) -> Vec<Role> {
        self.header.iter().map(|&(r, _)| r).filter(|r| r.filled_in_order(true)).collect()
    }

    /// Reads the row held in the chunk, whole or whole but for the 偏差原因 it left out.
    fn close_row(&mut self, cx: &mut Sink<'_>) {
        let chunk = std::mem::take(&mut self.chunk);
        let roles = self.columns_in_order();
        let mapped: Vec<(Role, &Cell)> = roles.into_iter().zip(&chunk).collect();
        self.apply(&mapped, cx);
    }

    /// A cell of a one-cell-per-line row read by kind: levels set the levels, empty cells are
    /// padding, and the value of the closed last column ends the row, whose cells fill the
    /// header's other columns from the right.
    pub(super) fn row_by_kind(&mut self, cell: &Cell, last: Role, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        if text.is_empty() {
            return;
        }
        if let Some(level) = self.level_of(text, None) {
            // `服务对象满意度指标` / `满意度` / `90%`: a 三级 named as the 二级 it is under. Taken
            // as the row's first cell; if the row has a cell too many, it was the 二级 repeated.
            let names_level2 = match level {
                levels::Level::Two(l) => level2_name(l) == self.level2,
                levels::Level::One(l) => Level2::from_name(&self.level2).is_some_and(|l2| l2.usual_parent() == l),
            };
            if !(names_level2 && self.chunk.is_empty() && !text.ends_with("指标")) {
                self.report_incomplete_row(cx);
                self.set_level(level, &cell.position, cx);
                return;
            }
        }
        let ends = match last {
            Role::Basis => is_basis_word(text),
            _ => is_polarity_word(text),
        };
        self.chunk.push(cell.clone());
        if !ends {
            return;
        }
        let mut chunk = std::mem::take(&mut self.chunk);
        let roles = self.columns_in_order();
        if chunk.len() == roles.len() + 1 && self.level_of(trim(&chunk[0].text), None).is_some() {
            chunk.remove(0);
        }
        if chunk.len() > roles.len() || chunk.len() < 2 {
            for c in chunk {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    c.position,
                    &c.text,
                    "指标行的单元格数与表头的列数不符",
                )));
            }
            return;
        }
        let mapped: Vec<(Role, &Cell)> = roles[roles.len() - chunk.len()..].iter().copied().zip(&chunk).collect();
        self.apply(&mapped, cx);
    }

    /// A word of a flattened document's indicator rows. Levels set the levels; the other words
    /// fill the header's other columns in order (a row seldom has its 偏差原因, so that column
    /// is left out), and a row is read only when its 分值 and 得分 are numbers; once a row does
    /// not fit, the rest is reported, since nothing marks where rows begin.
    pub(super) fn row_by_count(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        if text.is_empty() {
            return;
        }
        if self.level_lost {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                text,
                "上一行与表头的列对不上, 其后无法分行",
            )));
            return;
        }
        if self.chunk.is_empty() || self.chunk.iter().all(|c| self.level_of(&c.text, None).is_some()) {
            let bare = split::strip_points(text);
            if let Some(level) = self.level_of(bare, None) {
                self.chunk.clear();
                self.set_level(level, &cell.position, cx);
                return;
            }
        }
        self.chunk.push(cell.clone());
        let roles: Vec<Role> = self.header.iter().map(|&(r, _)| r).filter(|r| r.filled_in_order(false)).collect();
        if self.chunk.len() < roles.len() {
            return;
        }
        let chunk = std::mem::take(&mut self.chunk);
        let fits = roles.iter().zip(&chunk).all(|(r, c)| match r {
            Role::Weight | Role::Score => is_number(&c.text),
            Role::Name => !is_number(&c.text) && classify(&c.text) == (None, None),
            _ => true,
        });
        if !fits {
            self.level_lost = true;
            for c in chunk {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(c.position, &c.text, "指标行与表头的列对不上")));
            }
            return;
        }
        let mapped: Vec<(Role, &Cell)> = roles.iter().copied().zip(&chunk).collect();
        self.apply(&mapped, cx);
    }

    /// A cell of the common template laid out one per line: a level name sets the level, a name
    /// waits for the next cell as its target; an explicitly empty cell after a name is a blank
    /// target.
    pub(super) fn simple_linear(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        let no_level_yet = self.level1.is_empty() && self.level2.is_empty() && !self.replaying;
        if no_level_yet && self.level_of(text, None).is_none() {
            self.before_levels.push(cell.clone());
            return;
        }
        let held = std::mem::take(&mut self.before_levels);
        let mut held: Vec<Cell> = held.into_iter().filter(|c| !trim(&c.text).is_empty()).collect();
        if let [first] = held.as_slice() {
            let level1 = trim(&first.text);
            let under = self.level1.is_empty() && matches!(self.level_of(text, None), Some(levels::Level::Two(_)));
            if under && names_another_frames_level1(level1) {
                // `项目完成` / `数量指标`: the 一级 of a frame the vocabulary does not know, kept
                // as published, not a line above the tree.
                self.set_level1(LevelName::from(level1));
                held.clear();
            }
        }
        for c in held {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                c.position,
                &c.text,
                "在第一个指标层级之前, 不是指标 (可能是单位、项目名称或金额)",
            )));
        }
        if text.is_empty() {
            self.pending.clear();
            return;
        }
        if is_category(text) {
            return;
        }
        let retracted = self.retracted_level.take();
        if let Some(level) = self.level_of(text, None) {
            self.pending.clear();
            match level {
                levels::Level::Two(l) => {
                    let before = (self.level1.clone(), self.level1_inferred, self.level2.clone());
                    self.retracted_level = Some((cell.clone(), before));
                    self.set_level2_of_new_block(l, &cell.position, cx);
                }
                levels::Level::One(_) => self.set_level(level, &cell.position, cx),
            }
            return;
        }
        if let Some((name, (level1, inferred, level2))) =
            retracted.filter(|(n, _)| self.pending.is_empty() && !trim(&n.text).ends_with("指标"))
        {
            if looks_like_target(text) {
                // A 三级 named like a 二级's variant (`群众满意度` under 满意度指标) is followed by
                // its target, where a 二级 is followed by a 三级: it was the 三级.
                (self.level1, self.level1_inferred, self.level2) = (level1, inferred, level2);
                let idx = self.push(cx, trim(&name.text), &name.position);
                set_target(cx, idx, cell);
                return;
            }
        }
        match self.pending.pop_front() {
            Some(idx) => set_target(cx, idx, cell),
            None => {
                let idx = self.push(cx, text, &cell.position);
                self.pending.push_back(idx);
            }
        }
    }
}

impl IndicatorBlock {
    /// Whether a cell at a row's start, levels apart, is a 二级 worded as no frame has it
    /// (`具体指标`): short and ending in 指标, where the header has a 二级 column, right after an
    /// 一级 (no 二级 under it yet) or repeating the 二级 above on the next row.
    fn names_published_level2(&self, text: &str) -> bool {
        let after_level1 = !self.level1.is_empty() && self.level2.is_empty();
        (after_level1 || self.level2.as_str() == text) && self.has(Role::Level2) && shaped_like_level2(text)
    }
}

/// An 一级 of a frame the vocabulary does not know, alone before the first 二级 (`项目完成`,
/// `项目效益指标`): short, no number, worded as such levels are.
fn names_another_frames_level1(text: &str) -> bool {
    let n = text.chars().count();
    (2..=8).contains(&n)
        && !text.bytes().any(|b| b.is_ascii_digit())
        && (names_a_level(text) || text.ends_with("完成") || text.ends_with("效益"))
        && !QUALITATIVE.contains(&text)
        && !strongly_target(text)
}
