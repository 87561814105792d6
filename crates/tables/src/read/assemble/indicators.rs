//! The indicator block: its column headers, and the rows under them. Spreadsheet rows are read
//! by column. Text rows lost their merged cells, so columns shift; they are read by what each
//! cell is — a standard level name, a name, or something that looks like a target — and by
//! order, with names waiting for targets that arrive on later rows. One-cell-per-line text is
//! read the same way, or in fixed-width rows where the template's empty cells were kept.

use std::collections::VecDeque;
use std::str::FromStr;

use jixiao_core::levels::{Frame, Level1, Level2, canonical_level1, canonical_level2, classify};
use jixiao_core::source::Position;
use jixiao_core::text::{fold, trim};
use jixiao_core::{Document, Horizon, Indicator, Target, TargetParts};
use rust_decimal::Decimal;

use super::fields::is_placeholder;
use super::has_word;
use super::labels::{Label, Role, label};
use super::monitoring;
use super::split::{self, Joined};
use super::wrap::{self, LastRow, NameAt, line_of};
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::Item;
use crate::read::grid::{Cell, Layout};

use super::sink::Sink;

/// What the column headers say about how to read the rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Template {
    /// 一级 / 二级 / 三级 / 指标值 (and 类别): the common project table.
    Simple,
    /// 一级 / 二级 / 财政政策性绩效目标 / 部门预算绩效目标 / 部门指标值: the department table.
    Department,
    /// Anything richer: split targets, weights, self-evaluation, paired 长期/年度 columns.
    General,
}

/// The indicator block of one table being read.
#[derive(Debug)]
pub struct IndicatorBlock {
    /// Column headers and their columns, in column order once the first data row arrives.
    header: Vec<(Role, u32)>,
    header_done: bool,
    template: Template,
    level1: String,
    level2: String,
    long_level2: String,
    /// Indicators (by index) whose target has not been seen yet, oldest first.
    pending: VecDeque<usize>,
    /// The row being gathered in a fixed-width one-cell-per-line layout.
    chunk: Vec<Cell>,
    /// The last row that gave an indicator its name and target: the next line may continue it.
    last_row: Option<LastRow>,
    /// Where the last name was read, for a name that wraps onto the next line.
    last_name: Option<NameAt>,
    /// How the header's cells ran together (single spaces, nothing), when they did: its rows
    /// are split the same way, by what their cells are.
    pub joined: Option<Joined>,
    /// Whether a joined row's level could not be recognised: the rows under it, until the next
    /// level, are reported rather than read under the wrong one.
    level_lost: bool,
    /// Whether the cells are the words of a document flattened onto one line: rows are told
    /// apart by counting cells, checked by their kinds.
    pub flattened: bool,
    /// Whether one-cell-per-line rows were found to lack their level cells (merged): levels
    /// are then read apart from the rows.
    levels_apart: bool,
    /// Whether the page dropped the cells merged down from rows above (its second header line
    /// started early): a row without a level then starts at the 三级.
    levels_dropped: bool,
    /// A short cell held back as maybe the first line of a wrapped header.
    fragment: Option<Cell>,
}

/// What became of a cell offered as part of a wrapped header.
pub enum HeaderPart {
    /// Not part of the header.
    No,
    /// Taken into the header, or held back for the next cell.
    Taken,
    /// The cell held back before was no header after all: read it, then this one.
    Released(Cell),
}

impl IndicatorBlock {
    pub fn new() -> Self {
        IndicatorBlock {
            header: Vec::new(),
            header_done: false,
            template: Template::Simple,
            level1: String::new(),
            level2: String::new(),
            long_level2: String::new(),
            pending: VecDeque::new(),
            chunk: Vec::new(),
            last_row: None,
            last_name: None,
            joined: None,
            level_lost: false,
            flattened: false,
            levels_apart: false,
            levels_dropped: false,
            fragment: None,
        }
    }

    /// A block with no header, for rows run together whose columns are told by their content
    /// (一级, 二级, 三级 and 指标值, see [`split::headless_rows`]).
    pub fn inferred() -> IndicatorBlock {
        let mut block = IndicatorBlock::new();
        block.header = vec![(Role::Level1, 0), (Role::Level2, 1), (Role::Name, 2), (Role::Target, 3)];
        block.header_done = true;
        block.joined = Some(Joined::Nothing);
        block
    }

    /// A block under the same header, for the next project of a sheet that lists several.
    pub fn continued(&self) -> IndicatorBlock {
        let mut block = IndicatorBlock::new();
        block.header.clone_from(&self.header);
        block.header_done = self.header_done;
        block.template = self.template;
        block.levels_dropped = self.levels_dropped;
        block
    }

    /// A column header. A later header row refines an earlier one: the department table's
    /// 三级指标 splits into 财政政策性绩效目标 / 部门预算绩效目标 / 部门指标值 below it.
    pub fn header_cell(&mut self, role: Role, cell: &Cell, linear: bool) {
        let col = if linear { self.header.len() as u32 } else { cell.col };
        if linear || !self.header_done {
            match self.header.iter_mut().find(|(_, c)| *c == col) {
                Some(slot) if !linear => slot.0 = role,
                _ => self.header.push((role, col)),
            }
        }
    }

    /// Takes a row made only of column headers: a header row below the first (before any data)
    /// or a header repeated on a new page (skipped).
    /// (The caller has checked that the first cell is a column header.)
    pub fn takes_header_row(&mut self, cells: &[Cell]) -> bool {
        let roles: Option<Vec<Role>> = cells
            .iter()
            .map(|c| match label(&c.text, false) {
                Some(Label::Role(r)) => Some(r),
                _ => None,
            })
            .collect();
        let Some(roles) = roles else { return false };
        if !self.header_done {
            // A second header line that goes on where the first stopped (`绩效指标 | 一级指标` then
            // `二级指标 | 三级指标 | …`): web pages drop the cells merged down from the first
            // line, so its columns start early; they are moved past the first line's.
            let continues = matches!(roles.first(), Some(Role::Level2))
                && self.header.iter().any(|&(r, c)| r == Role::Level1 && c >= cells[0].col)
                && !self.header.iter().any(|&(r, _)| matches!(r, Role::Level2 | Role::Name));
            let shift = match self.header.iter().map(|&(_, c)| c).max() {
                Some(last) if continues => last + 1 - cells[0].col,
                _ => 0,
            };
            self.levels_dropped |= shift > 0;
            for (role, cell) in roles.into_iter().zip(cells) {
                self.header_cell(role, &Cell { col: cell.col + shift, ..cell.clone() }, false);
            }
        }
        true
    }

    /// Takes a column header of a one-cell-per-line layout.
    pub fn takes_header_cell(&mut self, cell: &Cell) -> bool {
        let at_row_start = self.chunk.is_empty() && self.pending.is_empty();
        match label(&cell.text, false) {
            Some(Label::Role(r)) if !self.header_done => {
                self.header_cell(r, cell, true);
                true
            }
            Some(Label::Role(_)) => at_row_start,
            _ => false,
        }
    }

    fn finish_header(&mut self) {
        if self.header_done {
            return;
        }
        self.header_done = true;
        self.header.sort_by_key(|&(_, col)| col);
        let has = |r: Role| self.header.iter().any(|&(h, _)| h == r);
        // The department table names its 三级 twice: the generic 三级指标 above its sub-columns.
        if has(Role::Policy) {
            let names = self.header.iter().filter(|&&(r, _)| r == Role::Name).count();
            if names > 1 {
                if let Some(i) = self.header.iter().position(|&(r, _)| r == Role::Name) {
                    self.header.remove(i);
                }
            }
            self.template = Template::Department;
        } else if self
            .header
            .iter()
            .all(|&(r, _)| matches!(r, Role::Category | Role::Level1 | Role::Level2 | Role::Name | Role::Target))
        {
            self.template = Template::Simple;
        } else {
            self.template = Template::General;
        }
    }

    /// The column the header gave `role`, if it has one.
    pub fn column_of(&self, role: Role) -> Option<u32> {
        self.header.iter().find(|&&(r, _)| r == role).map(|&(_, c)| c)
    }

    fn has(&self, role: Role) -> bool {
        self.header.iter().any(|&(r, _)| r == role)
    }

    /// A data row of a layout with rows (text lines or sheet rows).
    pub fn data_row(&mut self, cells: &[Cell], layout: Layout, cx: &mut Sink<'_>) {
        self.finish_header();
        match (self.template, layout) {
            (_, Layout::Grid) => self.by_column(cells, layout, cx),
            (Template::Simple, _) => self.simple_row(cells, layout, cx),
            (Template::Department, _) => self.department_row(cells, cx),
            (Template::General, _) if cells.len() == self.header.len() => {
                let mapped: Vec<(Role, &Cell)> = self.header.iter().map(|&(r, _)| r).zip(cells).collect();
                self.apply(&mapped, cx);
            }
            (Template::General, _) => self.by_column(cells, layout, cx),
        }
    }

    /// A cell of a one-cell-per-line layout (an empty text is an explicitly empty cell).
    pub fn linear_cell(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        self.finish_header();
        if let Some(joined) = self.joined {
            if !trim(&cell.text).is_empty() && !is_category(trim(&cell.text)) {
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
    fn row_levels_apart(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        if self.chunk.is_empty() {
            if text.is_empty() {
                return;
            }
            if let Some(level) = self.level_of(text, None) {
                match level {
                    Level::One(l) => self.set_level1(l.name()),
                    Level::Two(l) => self.set_level2(l, &cell.position, cx),
                }
                return;
            }
        }
        self.chunk.push(cell.clone());
        let roles: Vec<Role> = self
            .header
            .iter()
            .map(|&(r, _)| r)
            .filter(|r| !matches!(r, Role::Level1 | Role::Level2 | Role::Category))
            .collect();
        if self.chunk.len() == roles.len() {
            let chunk = std::mem::take(&mut self.chunk);
            let mapped: Vec<(Role, &Cell)> = roles.iter().copied().zip(&chunk).collect();
            self.apply(&mapped, cx);
        }
    }

    /// A short cell inside a header laid out one cell per line that may be the first line of a
    /// header wrapped in two (`年度` / `指标值`): held back until the next cell says.
    pub fn wrapped_header(&mut self, cell: &Cell) -> HeaderPart {
        if self.header_done || self.header.is_empty() {
            return HeaderPart::No;
        }
        let text = trim(&cell.text);
        if let Some(first) = self.fragment.take() {
            let joined = format!("{}{text}", trim(&first.text));
            if let Some(Label::Role(r)) = label(&joined, false) {
                self.header_cell(r, &Cell { text: joined, ..first }, true);
                return HeaderPart::Taken;
            }
            return HeaderPart::Released(first);
        }
        if text.chars().count() <= 4 && label(text, false).is_none() && self.level_of(text, None).is_none() {
            self.fragment = Some(cell.clone());
            return HeaderPart::Taken;
        }
        HeaderPart::No
    }

    /// The header's last column when its values are a closed set (设定依据 or 绩效标准:
    /// 计划标准, 行业标准 …; 指标方向: 正向, 反向): its value ends each row, so rows that lost
    /// their merged leading cells (web pages drop them) can still be told apart.
    fn closed_last_column(&self) -> Option<Role> {
        match self.header.last() {
            Some(&(r @ (Role::Basis | Role::Polarity), _)) => Some(r),
            _ => None,
        }
    }

    /// A cell of a one-cell-per-line row read by kind: levels set the levels, empty cells are
    /// padding, and the value of the closed last column ends the row, whose cells fill the
    /// header's other columns from the right.
    fn row_by_kind(&mut self, cell: &Cell, last: Role, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        if text.is_empty() {
            return;
        }
        if let Some(level) = self.level_of(text, None) {
            if !self.chunk.is_empty() {
                for c in std::mem::take(&mut self.chunk) {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        c.position,
                        &c.text,
                        "指标行不完整, 无法确定所在列",
                    )));
                }
            }
            match level {
                Level::One(l) => self.set_level1(l.name()),
                Level::Two(l) => self.set_level2(l, &cell.position, cx),
            }
            return;
        }
        let ends = match last {
            Role::Basis => is_basis_word(text),
            _ => is_polarity_word(text),
        };
        self.chunk.push(cell.clone());
        if !ends {
            return;
        }
        let chunk = std::mem::take(&mut self.chunk);
        let roles: Vec<Role> = self
            .header
            .iter()
            .map(|&(r, _)| r)
            .filter(|r| !matches!(r, Role::Level1 | Role::Level2 | Role::Category))
            .collect();
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
    fn row_by_count(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
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
                match level {
                    Level::One(l) => self.set_level1(l.name()),
                    Level::Two(l) => self.set_level2(l, &cell.position, cx),
                }
                return;
            }
        }
        self.chunk.push(cell.clone());
        let roles: Vec<Role> = self
            .header
            .iter()
            .map(|&(r, _)| r)
            .filter(|r| !matches!(r, Role::Level1 | Role::Level2 | Role::Category | Role::Reason))
            .collect();
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

    /// The block ends: a row left incomplete is reported.
    pub fn finish(&mut self, cx: &mut Sink<'_>) {
        // Template rows left unfilled (`指标2: | ……`) are no indicators.
        let mut i = 0;
        while i < cx.doc.indicators.len() {
            let ind = &cx.doc.indicators[i];
            let unfilled_name = numbered_prefix(&ind.name).is_some_and(str::is_empty)
                || (!ind.name.is_empty() && ind.name.chars().all(|c| matches!(c, '…' | '.' | '。')));
            if unfilled_name && (ind.target.is_empty() || is_placeholder(&ind.target)) {
                let at = cx.source.indicators.get(i).cloned().flatten();
                cx.out.push(Item::Diagnostic(Diagnostic::note(
                    "template-placeholder",
                    at,
                    format!("未填写的模板行 “{} {}”, 不作为指标读入", ind.name, ind.target),
                )));
                cx.doc.indicators.remove(i);
                if i < cx.source.indicators.len() {
                    cx.source.indicators.remove(i);
                }
            } else {
                i += 1;
            }
        }
        for cell in self.fragment.take().into_iter().chain(std::mem::take(&mut self.chunk)) {
            let text = trim(&cell.text);
            if !text.is_empty() {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position,
                    text,
                    "指标行不完整, 无法确定所在列",
                )));
            }
        }
        self.pending.clear();
    }

    /// Reads the leading level cells of a text row; returns how many there were. A row holds
    /// one 二级 at most, so a second cell named like one is the 三级 (`服务对象满意度` after
    /// `服务对象满意度指标`). And level cells followed by nothing but a target end with the
    /// 三级 of that target when the last is named like a 二级 but not written as a level
    /// (`满意度 | ≥95%` on a row under a 二级 given above), as 三级 names often are.
    fn leading_levels(&mut self, levels: &mut RowLevels<'_>, start: usize, layout: Layout, cx: &mut Sink<'_>) -> usize {
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
            && !cells[n - 1].text.ends_with("指标")
            && looks_like_target(&cells[n].text)
        {
            n -= 1;
        }
        for (level, cell) in run[..n].iter().zip(cells) {
            match *level {
                Some(Level::One(l)) => self.set_level1(l.name()),
                Some(Level::Two(l)) => self.set_level2(l, &cell.position, cx),
                None => {}
            }
        }
        n
    }

    /// Whether a cell names a standard level, and which, under the current 一级.
    fn level_of(&self, text: &str, next: Option<&str>) -> Option<Level> {
        level_in(text, next, || Level1::from_name(&self.level1))
    }

    /// Sets the 一级. The same 一级 again keeps the 二级: a merged 一级 cell is printed on
    /// one of its rows, often mid-way through a 二级's rows (`产出指标 | 开设课程数量 | 220`).
    fn set_level1(&mut self, name: &str) {
        if self.level1 != name {
            self.level1 = name.to_owned();
            self.level2.clear();
        }
    }

    /// Sets the 二级; a table that gave no 一级 before it gets the usual one, with a note.
    fn set_level2(&mut self, level: Level2, position: &Position, cx: &mut Sink<'_>) {
        if self.level1.is_empty() {
            self.level1 = level.usual_parent().name().to_owned();
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "inferred-level1",
                Some(position.clone()),
                format!("“{}”之前没有一级指标, 按二级指标推定为“{}”{}", level.name(), self.level1, doc_hint(cx.doc)),
            )));
        }
        self.level2 = level.name().to_owned();
    }

    /// A text row of the common template: levels first, then names and targets in order. A
    /// row may hold two names whose targets follow on the next rows (the seed's 成本指标 rows);
    /// a row that starts with a name closes the names left waiting before it, with no target.
    fn simple_row(&mut self, cells: &[Cell], layout: Layout, cx: &mut Sink<'_>) {
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
            } else if k == 1 && looks_like_target(&cell.text) && strongly_target(&cell.text) {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position.clone(),
                    &cell.text,
                    "像是指标值, 但没有等待指标值的三级指标",
                )));
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
    fn levels_in_place(&self, levels: &mut RowLevels<'_>) -> bool {
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
    fn wrapped(&mut self, last: LastRow, cell: &Cell, cx: &mut Sink<'_>) -> bool {
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
    fn continues_pending_name(&mut self, cell: &Cell, layout: Layout, cx: &mut Sink<'_>) -> bool {
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

    /// A cell of the common template laid out one per line: a level name sets the level, a name
    /// waits for the next cell as its target; an explicitly empty cell after a name is a blank
    /// target.
    fn simple_linear(&mut self, cell: &Cell, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        if text.is_empty() {
            self.pending.clear();
            return;
        }
        if is_category(text) {
            return;
        }
        if let Some(level) = self.level_of(text, None) {
            self.pending.clear();
            match level {
                Level::One(l) => self.set_level1(l.name()),
                Level::Two(l) => self.set_level2(l, &cell.position, cx),
            }
            return;
        }
        match self.pending.pop_front() {
            Some(idx) => set_target(cx, idx, cell),
            None => {
                let idx = self.push(cx, text, &cell.position);
                self.pending.push_back(idx);
            }
        }
    }

    /// A line holding a whole row whose cells ran together as its header's did: split by what
    /// the cells are ([`split`]). What cannot be split with certainty is reported, never guessed.
    fn joined_row(&mut self, cell: &Cell, joined: Joined, cx: &mut Sink<'_>) {
        let text = trim(&cell.text);
        let row = split::simple_row(text, joined);
        if !row.levels.is_empty() {
            self.level_lost = false;
        }
        for (i, level) in row.levels.iter().enumerate() {
            match self.level_of(level, row.levels.get(i + 1).copied()) {
                Some(Level::One(l)) => self.set_level1(l.name()),
                Some(Level::Two(l)) => self.set_level2(l, &cell.position, cx),
                None => {}
            }
        }
        if row.rest.is_empty() {
            return;
        }
        if self.template == Template::General {
            self.joined_general(cell, row.rest, joined, cx);
            return;
        }
        if self.level_lost {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                row.rest,
                "上面的二级指标未能识别, 这一行不知归于哪个二级指标",
            )));
            return;
        }
        let Some((name, target)) = row.name_target else {
            // A run that still names a level (`…满意度指标学生满意度≥90%`) hides one not known.
            self.level_lost = row.levels.is_empty() && row.rest.contains("指标");
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                row.rest,
                "单元格之间没有分隔符, 无法确定三级指标与指标值的分界",
            )));
            return;
        };
        let idx = self.push(cx, name, &cell.position);
        set_target(cx, idx, &Cell { text: target.to_owned(), ..cell.clone() });
        if joined == Joined::Nothing {
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                Some(cell.position.clone()),
                format!("单元格之间没有分隔符, 按内容拆分为三级指标 “{}” 和指标值 “{target}”", excerpt(name)),
            )));
        }
    }

    /// The cells after the levels of a space-separated row of a rich template (指标性质, 指标方向,
    /// 目标值, 计量单位, 分值 …): the name runs up to the first comparator, direction or target;
    /// a number at the end is the weight; each other cell goes to the column its kind fits.
    fn joined_general(&mut self, cell: &Cell, rest: &str, joined: Joined, cx: &mut Sink<'_>) {
        let unsplit = |out: &mut Vec<Item>| {
            out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                rest,
                "单元格之间没有分隔符, 无法确定各栏的分界",
            )))
        };
        if joined == Joined::Nothing {
            unsplit(cx.out);
            return;
        }
        let mut tokens: Vec<&str> = rest.split_whitespace().collect();
        let split_target = self.has(Role::Op) || self.has(Role::Value);
        let Some(end) =
            tokens.iter().position(|t| is_polarity_word(t) || is_op_word(t) || strongly_target(t)).filter(|&e| e > 0)
        else {
            unsplit(cx.out);
            return;
        };
        let name = tokens[..end].join(" ");
        let mut parts: Vec<(Role, String)> = vec![(Role::Name, name)];
        let weight = match tokens.last() {
            Some(t) if tokens.len() > end + 1 && self.has(Role::Weight) && is_number(t) => tokens.pop(),
            _ => None,
        };
        let mut leftover = Vec::new();
        for t in &tokens[end..] {
            let have = |parts: &Vec<(Role, String)>, r: Role| parts.iter().any(|(p, _)| *p == r);
            let role = if is_polarity_word(t) && self.has(Role::Polarity) && !have(&parts, Role::Polarity) {
                Some(Role::Polarity)
            } else if is_op_word(t) && self.has(Role::Op) && !have(&parts, Role::Op) {
                Some(Role::Op)
            } else if split_target && !have(&parts, Role::Value) && !have(&parts, Role::Target) {
                Some(if self.has(Role::Value) { Role::Value } else { Role::Target })
            } else if !split_target && !have(&parts, Role::Target) {
                Some(Role::Target)
            } else if split_target && self.has(Role::Unit) && !have(&parts, Role::Unit) && !is_number(t) {
                Some(Role::Unit)
            } else {
                None
            };
            match role {
                Some(r) => parts.push((r, (*t).to_owned())),
                None => leftover.push(*t),
            }
        }
        if let Some(w) = weight {
            parts.push((Role::Weight, w.to_owned()));
        }
        let cells: Vec<(Role, Cell)> = parts.into_iter().map(|(r, text)| (r, Cell { text, ..cell.clone() })).collect();
        let mapped: Vec<(Role, &Cell)> = cells.iter().map(|(r, c)| (*r, c)).collect();
        self.apply(&mapped, cx);
        for t in leftover {
            cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                cell.position.clone(),
                t,
                "单元格之间没有分隔符, 这一栏无法确定是哪一栏",
            )));
        }
    }

    /// A text row of the department table: the last three cells are 财政政策性绩效目标,
    /// 部门预算绩效目标 and 部门指标值; cells before them are levels (two: 一级 and 二级; one:
    /// the 二级, unless it is a standard 一级).
    fn department_row(&mut self, cells: &[Cell], cx: &mut Sink<'_>) {
        let cells: Vec<&Cell> = cells.iter().filter(|c| !is_category(&c.text)).collect();
        let n = cells.len();
        let (levels, body): (&[&Cell], &[&Cell]) = if n >= 3 { cells.split_at(n - 3) } else { (&[], &cells[..]) };
        match levels {
            [] => {}
            [one] => match Level1::from_name(&one.text) {
                Some(l) if Level2::from_name(&one.text).is_none() => self.set_level1(l.name()),
                _ => self.level2 = canonical_level2(&one.text),
            },
            [extra @ .., l1, l2] => {
                for c in extra {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                        c.position.clone(),
                        &c.text,
                        "指标行的单元格多于表头的列",
                    )));
                }
                self.level1 = canonical_level1(&l1.text);
                self.level2 = canonical_level2(&l2.text);
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

    /// A row whose cells sit in their header's columns (spreadsheets, and text rows of rich
    /// templates): each cell goes to the header of its column.
    fn by_column(&mut self, cells: &[Cell], layout: Layout, cx: &mut Sink<'_>) {
        let mut mapped: Vec<(Role, &Cell)> = Vec::with_capacity(cells.len());
        let shift = if layout == Layout::Shifting { self.level_shift(cells) } else { 0 };
        for cell in cells {
            if cell.continued && is_category(&cell.text) {
                // The group label (年度绩效指标) merged down a column of its own.
                continue;
            }
            let col = cell.col.saturating_add_signed(shift);
            let end = col + cell.span.max(1);
            let header = if layout == Layout::Aligned {
                // Aligned text: the header starting nearest, as headings are centred over
                // their columns and values start at the left.
                self.header.iter().min_by_key(|&&(_, col)| col.abs_diff(cell.col))
            } else {
                self.header.iter().find(|&&(_, h)| h >= col && h < end)
            };
            match header {
                Some(&(role, _)) => mapped.push((role, cell)),
                None => cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    cell.position.clone(),
                    &cell.text,
                    "所在列没有表头, 无法确定是哪一栏",
                ))),
            }
        }
        self.apply(&mapped, cx);
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
                Some(Level::One(_)) => Role::Level1,
                Some(Level::Two(_)) => Role::Level2,
                None => continue,
            };
            return match self.header.iter().find(|&&(r, _)| r == role) {
                Some(&(_, col)) => i32::try_from(i64::from(col) - i64::from(cell.col)).unwrap_or(0),
                None => 0,
            };
        }
        // No level: a row that starts the line under merged level cells starts at the 三级 (a
        // lone cell, such as a row cut off, is left where it is, and reported).
        match (cells.first(), self.header.iter().find(|&&(r, _)| r == Role::Name)) {
            (Some(first), Some(&(_, name))) if first.col == 0 && self.levels_dropped && cells.len() >= 2 => {
                i32::try_from(name).unwrap_or(0)
            }
            _ => 0,
        }
    }

    /// Makes the indicators of one row whose cells are matched to their headers. Empty level
    /// cells keep the levels above (merged cells).
    fn apply(&mut self, mapped: &[(Role, &Cell)], cx: &mut Sink<'_>) {
        let get =
            |role: Role| mapped.iter().find(|(r, _)| *r == role).map(|(_, c)| *c).filter(|c| !trim(&c.text).is_empty());
        let text = |role: Role| get(role).map(|c| trim(&c.text).to_owned());
        if let Some(c) = get(Role::Level1) {
            if !c.continued || canonical_level1(&c.text) != self.level1 {
                self.set_level1(&canonical_level1(&c.text));
            }
        }
        if let Some(c) = get(Role::Level2) {
            self.level2 = canonical_level2(&c.text);
        }
        if let Some(c) = get(Role::LongLevel2) {
            self.long_level2 = canonical_level2(&c.text);
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
            let name = text(Role::LongName).unwrap_or_default();
            let idx = self.push(cx, &name, at.as_ref().unwrap_or(&Position::text(0, 0)));
            let ind = &mut cx.doc.indicators[idx];
            ind.level2 = self.long_level2.clone().into();
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
                let read = matches!(role, Role::Level1 | Role::Level2 | Role::LongLevel2 | Role::Category);
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
            ind.target = if matches!(parts.op.trim(), "定性" | "定量") {
                format!("{}{}", parts.value.trim(), parts.unit.trim())
            } else {
                parts.joined()
            };
            ind.target_parts = Some(parts);
            if is_placeholder(&ind.target) {
                cx.out.push(placeholder_note(&position, &ind.target));
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
                Some(get(Role::Score).and_then(|c| number(c, "得分", cx.out)).map(Into::into));
        }
        let ind = &mut cx.doc.indicators[idx];
        ind.deviation_cause = text(Role::Reason);
        ind.polarity = text(Role::Polarity).map(Into::into);
        ind.basis = text(Role::Basis);
        ind.history = text(Role::History);
        if let Some(m) = monitoring::indicator(get, cx.out) {
            cx.doc.indicators[idx].monitoring = Some(m);
        }
    }

    /// Appends an indicator at the current levels, with its name and no target yet.
    fn push(&mut self, cx: &mut Sink<'_>, name: &str, position: &Position) -> usize {
        let mut name = trim(name);
        if let Some(rest) = numbered_prefix(name).filter(|r| !r.is_empty()) {
            // The template's numbering (`指标1:`) is not part of the name.
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "template-placeholder",
                Some(position.clone()),
                format!("三级指标前的模板编号已去掉: “{}”", excerpt(name)),
            )));
            name = rest;
        } else if is_placeholder(name) {
            cx.out.push(placeholder_note(position, name));
        }
        if cx.doc.indicators.capacity() == 0 {
            // Tables have a dozen or so indicators: skip the first few doublings.
            cx.doc.indicators.reserve(16);
            cx.source.indicators.reserve(16);
        }
        cx.doc.indicators.push(Indicator {
            level1: self.level1.clone().into(),
            level2: self.level2.clone().into(),
            name: name.to_owned(),
            ..Indicator::default()
        });
        cx.source.indicators.push(Some(position.clone()));
        cx.doc.indicators.len() - 1
    }
}

/// Whether a cell names a standard level, and which. 成本指标 and 满意度 can be either: a
/// following 二级 makes them the 一级; otherwise they are the 二级 when that fits under the
/// current 一级 (成本指标 under 产出指标, as in the 2015 frame). The current 一级 is asked for
/// only then, as it costs a lookup.
fn level_in(text: &str, next: Option<&str>, current: impl FnOnce() -> Option<Level1>) -> Option<Level> {
    level_from(classify(text), || next.map_or((None, None), classify), current)
}

/// [`level_in`] for a cell whose standard levels are known (`named`), and the next cell's
/// asked for only when needed.
fn level_from(
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
struct RowLevels<'a> {
    cells: &'a [Cell],
    known: [Option<(Option<Level1>, Option<Level2>)>; 6],
}

impl<'a> RowLevels<'a> {
    fn new(cells: &'a [Cell]) -> Self {
        RowLevels { cells, known: [None; 6] }
    }

    /// The standard levels cell `i` names; none past the row's end.
    fn of(&mut self, i: usize) -> (Option<Level1>, Option<Level2>) {
        let Some(cell) = self.cells.get(i) else { return (None, None) };
        match self.known.get_mut(i) {
            Some(known) => *known.get_or_insert_with(|| classify(&cell.text)),
            None => classify(&cell.text),
        }
    }
}

/// A standard level named by a cell.
#[derive(Debug, Clone, Copy)]
enum Level {
    One(Level1),
    Two(Level2),
}

fn set_target(cx: &mut Sink<'_>, idx: usize, cell: &Cell) {
    let t = trim(&cell.text);
    if is_placeholder(t) {
        cx.out.push(placeholder_note(&cell.position, t));
    }
    cx.doc.indicators[idx].target = t.to_owned();
}

fn placeholder_note(position: &Position, text: &str) -> Item {
    Item::Diagnostic(Diagnostic::note(
        "template-placeholder",
        Some(position.clone()),
        format!("未替换的模板占位符: “{}”", excerpt(text)),
    ))
}

/// A number cell (权重, 得分): `20`, `20分`, `20%`; anything else is reported.
fn number(cell: &Cell, what: &str, out: &mut Vec<Item>) -> Option<Decimal> {
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

/// The 类别 column's value.
fn is_category(text: &str) -> bool {
    text == "绩效指标" || (has_word(text, "绩效指标") && matches!(label(text, false), Some(Label::IndicatorGroup)))
}

/// Short qualitative targets that read as targets, not names.
const QUALITATIVE: &[&str] = &[
    "合格",
    "达标",
    "良好",
    "优良",
    "优秀",
    "及时",
    "是",
    "否",
    "有效",
    "显著",
    "明显",
    "达到预期",
    "符合要求",
    "按时完成",
    "全部完成",
    "完成",
    "无",
    "持续",
    "稳定",
    "到位",
    "满意",
    "较好",
    "基本满意",
    "逐步",
];

/// Whether a cell reads as a target: a quantity, range or date; or a short qualitative text
/// with a direction (`持续提升`) or an evaluative word (`效果明显`).
fn looks_like_target(text: &str) -> bool {
    match Target::parse(text) {
        Target::Quantity { .. } | Target::Range { .. } | Target::Date { .. } => true,
        Target::Quality { text, direction, .. } => {
            let short = text.chars().count() <= 8;
            short && (direction != jixiao_core::Direction::None || QUALITATIVE.iter().any(|w| text.ends_with(w)))
        }
        Target::Empty => false,
    }
}

/// A cell that can be the rest of a wrapped name or target: neither a target nor a level.
fn is_fragment(text: &str) -> bool {
    !looks_like_target(text) && !is_category(text) && classify(text) == (None, None)
}

/// A `其中…` row under an indicator (`其中桃树种植面积 | 1.5亩`): a part of the indicator
/// above, never an indicator of its own.
fn is_sub_row(name: &str) -> bool {
    name.trim_start().starts_with("其中")
}

/// The report of a cell of a `其中…` row, which the format has no place for.
fn sub_row(position: Position, text: &str) -> Item {
    Item::Diagnostic(Diagnostic::unplaced(position, text, "“其中…”一行是上面指标的细分, 不作为指标读入"))
}

/// The rest of a name after the template's numbering (`指标1:` , `指标2`), or `None` when
/// it has none.
fn numbered_prefix(name: &str) -> Option<&str> {
    let rest = name.strip_prefix("指标")?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return None;
    }
    let rest = &rest[digits..];
    Some(rest.trim_start_matches([':', '：', '.', '、']).trim_start())
}

/// A 设定依据 / 绩效标准 as written.
fn is_basis_word(text: &str) -> bool {
    matches!(text, "计划标准" | "行业标准" | "历史标准" | "其他标准" | "预算标准" | "其他")
}

/// A 指标方向 as written (正向, 反向指标).
fn is_polarity_word(text: &str) -> bool {
    matches!(text, "正向" | "反向" | "正向指标" | "反向指标")
}

/// A 指标性质 as written: a comparator alone, or 定性/定量.
fn is_op_word(text: &str) -> bool {
    matches!(text, "=" | "＝" | ">" | "<" | ">=" | "<=" | "≥" | "≤" | "≧" | "≦" | "＞" | "＜" | "定性" | "定量")
}

/// A plain number (`10`, `22.5`, `44,561`).
fn is_number(text: &str) -> bool {
    let t = text.replace(',', "");
    !t.is_empty() && Decimal::from_str(&t).is_ok()
}

/// A cell that can only be a target (a number, range or date), never a name.
fn strongly_target(text: &str) -> bool {
    matches!(Target::parse(text), Target::Quantity { .. } | Target::Range { .. } | Target::Date { .. })
}

/// ` (表 …)` naming the table, for notes.
fn doc_hint(doc: &Document) -> String {
    match doc.project.as_ref().map(|p| p.name.as_str()).filter(|n| !n.is_empty()) {
        Some(name) => format!(" (项目 {name})"),
        None => String::new(),
    }
}
