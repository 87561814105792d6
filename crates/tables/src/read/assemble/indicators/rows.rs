//! Text rows of the indicator block whose merged cells were lost, so that their cells shifted:
//! read by what each cell is and by order, names waiting for targets on later rows.

use super::*;

impl IndicatorBlock {
    /// A text row of the common template: levels first, then names and targets in order. A
    /// row may hold two names whose targets follow on the next rows (the seed's 成本指标 rows);
    /// a row that starts with a name closes the names left waiting before it, with no target.
    pub(super) fn simple_row(&mut self, cells: &[Cell], layout: Layout, cx: &mut Sink<'_>) {
        let last_row = self.last_row.take();
        if let (Some(last), [cell]) = (last_row, cells) {
            if self.pending.is_empty() && self.wrapped(last, cell, cx) {
                self.last_row = last_row;
                return;
            }
        }
        let mut levels = RowLevels::new(cells);
        if layout == Layout::Shifting && self.levels_in_place(&mut levels) {
            self.pending.clear();
            let role = |c: &Cell| self.header.iter().find(|&&(_, h)| h == c.col).map(|&(r, _)| r);
            let mapped: Vec<(Role, &Cell)> = cells.iter().filter_map(|c| role(c).map(|r| (r, c))).collect();
            return self.apply(&mapped, cx);
        }
        let mut start = 0;
        while start < cells.len() && is_category(&cells[start].text) {
            start += 1;
        }
        let levels = self.leading_levels(&mut levels, start, layout, cx);
        if levels > 0 {
            self.pending.clear();
        }
        let mut body = &cells[start + levels..];
        if start + levels == 0 {
            if let Some(first) = body.first() {
                if self.continues_pending_name(first, layout, cx) {
                    body = &body[1..];
                }
            }
        }
        if body.first().is_some_and(|c| is_sub_row(&c.text)) {
            for c in body {
                cx.out.push(sub_row(c.position.clone(), &c.text));
            }
            return;
        }
        let k = body.len();
        for (j, cell) in body.iter().enumerate() {
            let last = j + 1 == k;
            let is_target = !self.pending.is_empty() && ((last && k >= 2) || looks_like_target(&cell.text));
            if is_target {
                let idx = self.pending.pop_front().expect("checked non-empty");
                set_target(cx, idx, cell);
                // A row that holds both the name and its target can be continued below.
                if let Some(name) = self.last_name.filter(|n| n.idx == idx && Some(n.line) == line_of(&cell.position)) {
                    self.last_row = Some(LastRow { idx, name_col: name.col, target_col: cell.col, layout });
                }
            } else if k == 1 && strongly_target(&cell.text) {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position.clone(),
                    &cell.text,
                    "像是指标值, 但没有等待指标值的三级指标",
                )));
                cx.source.unread_indicator(&cell.position);
            } else {
                if j == 0 {
                    self.pending.clear();
                }
                let idx = self.push(cx, &cell.text, &cell.position);
                self.pending.push_back(idx);
                self.last_name = line_of(&cell.position).map(|line| NameAt { idx, line, col: cell.col });
            }
        }
    }

    /// Whether a text row's levels are read by their columns: the row fills the header's
    /// columns from its first cell to the last, one cell each, so that its columns are certain,
    /// and its content would misread a level — an 一级 that is no standard 一级 (项目完成指标,
    /// the transfer frame's 实施效果指标, or a 二级's name written in both level columns) over a
    /// standard level, which the content would take for a 三级 or a 二级; or, under such an
    /// 一级, a standard 一级's name in the 二级 column (the transfer frame's 产出指标, 效益指标).
    pub(super) fn levels_in_place(&self, levels: &mut RowLevels<'_>) -> bool {
        let cells = levels.cells;
        let (Some(level1), Some(level2), Some(&(_, last))) =
            (self.column_of(Role::Level1), self.column_of(Role::Level2), self.header.last())
        else {
            return false;
        };
        // Cells come in column order, each in a column of its own: a row from its first column
        // to the header's last with as many cells as columns has one cell in each.
        let (Some(first), Some(end)) = (cells.first(), cells.last()) else { return false };
        if end.col != last || last.checked_sub(first.col).map(|d| d as usize + 1) != Some(cells.len()) {
            return false;
        }
        let at = |col: u32| col.checked_sub(first.col).map(|i| i as usize).filter(|&i| i < cells.len());
        // A header that names a column twice (a damaged copy) says nothing certain.
        let in_header = || {
            cells.iter().all(|c| self.header.iter().any(|&(_, h)| h == c.col))
                && self.header.iter().enumerate().all(|(i, &(r, _))| self.header[..i].iter().all(|&(q, _)| q != r))
        };
        let by_column = match (at(level1), at(level2)) {
            (Some(i1), Some(i2)) => {
                let (l1, l2) = (&cells[i1].text, &cells[i2].text);
                (levels.of(i1).0.is_none() || l1 == l2) && !is_category(l1) && levels.of(i2) != (None, None)
            }
            (None, Some(i2)) => {
                matches!(levels.of(i2), (Some(_), None))
                    && !self.level1.is_empty()
                    && Level1::from_name(&self.level1).is_none()
            }
            _ => false,
        };
        by_column && in_header()
    }

    /// Joins a row of one short fragment to the name or target of the row above, when it is
    /// the rest of a cell that wrapped there (see `wrap`).
    pub(super) fn wrapped(&mut self, last: LastRow, cell: &Cell, cx: &mut Sink<'_>) -> bool {
        let text = trim(&cell.text);
        let Some(ind) = cx.doc.indicators.get_mut(last.idx) else { return false };
        let same = |col| last.layout.same_column(cell.col, col);
        let field = if same(last.target_col) && wrap::wraps(&ind.target, text, wrap::TARGET_REST) {
            &mut ind.target
        } else if same(last.name_col) && wrap::wraps(&ind.name, text, wrap::NAME_REST) {
            &mut ind.name
        } else {
            return false;
        };
        if !is_fragment(text) {
            return false;
        }
        cx.out.push(wrap::join_noted(field, text, cell.position.clone()));
        true
    }

    /// Joins the first cell of a row to the one name waiting on the line above, in its column,
    /// when it is the rest of that name (wrapped, with the target on this line or later).
    pub(super) fn continues_pending_name(&mut self, cell: &Cell, layout: Layout, cx: &mut Sink<'_>) -> bool {
        let (1, Some(&idx)) = (self.pending.len(), self.pending.front()) else { return false };
        let Some(name) = self.last_name.filter(|n| n.idx == idx) else { return false };
        let text = trim(&cell.text);
        let Some(ind) = cx.doc.indicators.get_mut(idx) else { return false };
        if line_of(&cell.position) != Some(name.line + 1)
            || !layout.same_column(cell.col, name.col)
            || !wrap::wraps(&ind.name, text, wrap::NAME_REST)
            || !is_fragment(text)
        {
            return false;
        }
        cx.out.push(wrap::join_noted(&mut ind.name, text, cell.position.clone()));
        true
    }

    /// A text row of the department table: the last three cells are 财政政策性绩效目标,
    /// 部门预算绩效目标 and 部门指标值; cells before them are levels (two: 一级 and 二级; one:
    /// the 二级, unless it is a standard 一级).
    pub(super) fn department_row(&mut self, cells: &[Cell], cx: &mut Sink<'_>) {
        let cells: Vec<&Cell> = cells.iter().filter(|c| !is_category(&c.text)).collect();
        let n = cells.len();
        let (levels, body): (&[&Cell], &[&Cell]) = if n >= 3 { cells.split_at(n - 3) } else { (&[], &cells[..]) };
        match levels {
            [] => {}
            [one] => match Level1::from_name(&one.text) {
                Some(l) if Level2::from_name(&one.text).is_none() => self.set_level1(level1_name(l)),
                _ => self.level2 = canonical_level2(&one.text).into(),
            },
            [extra @ .., l1, l2] => {
                for c in extra {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        c.position.clone(),
                        &c.text,
                        "指标行的单元格多于表头的列",
                    )));
                }
                self.level1 = canonical_level1(&l1.text).into();
                self.level2 = canonical_level2(&l2.text).into();
            }
        }
        let (policy, name, target) = match body {
            [p, n, t] => (Some(*p), Some(*n), Some(*t)),
            [n, t] if looks_like_target(&t.text) => (None, Some(*n), Some(*t)),
            [p, n] => (Some(*p), Some(*n), None),
            [n] => (None, Some(*n), None),
            _ => (None, None, None),
        };
        let Some(name) = name else { return };
        let idx = self.push(cx, &name.text, &name.position);
        cx.doc.indicators[idx].policy_target = Some(policy.map(|p| p.text.clone()).unwrap_or_default());
        if let Some(t) = target {
            set_target(cx, idx, t);
        }
    }
}
