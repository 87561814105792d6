//! The indicator block: its column headers, and the rows under them. Spreadsheet rows are read
//! by column. Text rows lost their merged cells, so columns shift; they are read by what each
//! cell is — a standard level name, a name, or something that looks like a target — and by
//! order, with names waiting for targets that arrive on later rows. One-cell-per-line text is
//! read the same way, or in fixed-width rows where the template's empty cells were kept.

mod columns;
mod headless;
mod joined;
mod levels;
mod linear;
mod rows;
mod words;

use std::collections::VecDeque;
use std::str::FromStr;

use jixiao_core::levels::{Frame, Level1, Level2, LevelName, canonical_level1, canonical_level2, classify};
use jixiao_core::source::Position;
use jixiao_core::text::{fold, trim};
use jixiao_core::{Document, Horizon, Indicator, Target, TargetParts};
use rust_decimal::Decimal;

use super::fields::{is_blank_mark, is_placeholder};
use super::has_word;
use super::labels::{Label, Role, label};
use super::monitoring;
use super::split::{self, Joined};
use super::wrap::{self, LastRow, NameAt, line_of};
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::Item;
use crate::read::grid::{Cell, Layout};

use super::sink::Sink;
use columns::*;
pub use headless::headless_header;
use levels::{RowLevels, level1_name, level2_name};
use words::*;

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
    /// The levels of the rows read so far, given as they are to each indicator under them.
    level1: LevelName,
    /// Whether the 一级 was inferred from a 二级 rather than read.
    level1_inferred: bool,
    level2: LevelName,
    long_level2: LevelName,
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
    /// One cell per line, levels apart: the cell after a row's last number, held until the next
    /// says whether it is the row's 偏差原因 or the next row's 三级 (the row left its reason out).
    maybe_reason: Option<Cell>,
    /// One cell per line, levels apart: an 一级 was the last cell, whose points (`(50)`) may
    /// follow on a line of their own.
    points_may_follow: bool,
    /// One cell per line, levels apart: the last cell was a level named short (`数量`), whose
    /// `指标` may follow on a line of its own.
    level_unfinished: bool,
    /// The last column header of a one-cell-per-line layout as published, which a header wrapped
    /// over three lines goes on (`偏差原因` / `分析及` / `改进措施`).
    last_header_text: String,
    /// A row of cells run together that may be a level's first line (`项目完成`), held until the
    /// next says whether it is (`指标`).
    level_head: Option<Cell>,
    /// An indicator whose text row ended at its 三级, its target not read: a page that broke
    /// the row after that cell may give the target alone on the next row (`| 有效 |`).
    target_awaited: Option<usize>,
    /// Whether the last row of cells run together ended with a level named short (`经济效益`),
    /// whose `指标` may lead the next line (`指标 全年观影人数 ≥4万人次 …`).
    short_level_ends_row: Option<String>,
    /// Whether the last column header of a one-cell-per-line layout was a level's without its
    /// 指标 (`一级`): a `指标` next is its second line, not a column of its own.
    short_level: bool,
    /// The village or year each target column is for, by column, when a table gives one per
    /// village or per year (`张村指标值 | 李村指标值`); kept only when every target column
    /// names one and there are two or more.
    target_columns: Vec<(u32, String)>,
    /// The cell just read as a 二级 in a one-cell-per-line block, and the levels before it
    /// (一级, whether inferred, 二级): a target next means it was a 三级 after all.
    retracted_level: Option<(Cell, (LevelName, bool, LevelName))>,
    /// Cells of a one-cell-per-line tree (levels, then 三级 / 指标值) met before its first
    /// level: a department's or project's line and its amount, not indicators, once a level
    /// comes; read as indicators only if none ever does.
    before_levels: Vec<Cell>,
    /// Whether [`Self::before_levels`] is being read again, no level having come.
    replaying: bool,
    /// Whether the header gives 二级 / 三级 / 指标值 twice, for the mid term and for the year
    /// (the 申报表 of 财预〔2015〕88号), the first group now headed as the long term's.
    doubled: bool,
    /// A spaced row that ended at its 指标性质 (`定性`) with no value after it: the page broke
    /// the row there, and its value and weight follow on lines of their own (see
    /// [`Self::continues_short_row`]).
    short_row: Option<ShortRow>,
}

/// A row held for the cells that a line break took to the lines after it.
#[derive(Debug)]
struct ShortRow {
    cell: Cell,
    parts: Vec<(Role, String)>,
    /// The cells taken from the lines after it, with their own places.
    taken: Vec<(Role, Cell)>,
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
            level1: LevelName::default(),
            level1_inferred: false,
            level2: LevelName::default(),
            long_level2: LevelName::default(),
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
            maybe_reason: None,
            points_may_follow: false,
            level_unfinished: false,
            last_header_text: String::new(),
            short_level: false,
            level_head: None,
            short_level_ends_row: None,
            target_awaited: None,
            target_columns: Vec::new(),
            retracted_level: None,
            before_levels: Vec::new(),
            replaying: false,
            doubled: false,
            short_row: None,
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
        block.target_columns.clone_from(&self.target_columns);
        block.header_done = self.header_done;
        block.template = self.template;
        block.levels_dropped = self.levels_dropped;
        block.joined = self.joined;
        block
    }

    /// A column header. A later header row refines an earlier one: the department table's
    /// 三级指标 splits into 财政政策性绩效目标 / 部门预算绩效目标 / 部门指标值 below it.
    pub fn header_cell(&mut self, role: Role, cell: &Cell, linear: bool) {
        if linear && !self.header_done {
            let text = trim(&cell.text);
            if std::mem::take(&mut self.short_level) && text == "指标" {
                return;
            }
            self.short_level = matches!(text, "一级" | "二级" | "三级");
            self.last_header_text = text.to_owned();
        }
        let col = if linear { self.header.len() as u32 } else { cell.col };
        if role == Role::Target && !self.header_done {
            if let Some(prefix) = super::labels::column_target_prefix(&cell.text) {
                self.target_columns.retain(|(c, _)| *c != col);
                self.target_columns.push((col, prefix.to_owned()));
            }
        }
        if linear || !self.header_done {
            match self.header.iter_mut().find(|(_, c)| *c == col) {
                Some(slot) if !linear => slot.0 = role,
                _ => self.header.push((role, col)),
            }
        }
    }

    /// Takes `备注` as a column of remarks while the header is still being read: on the header's
    /// line, to the right of its columns (or next in a one-cell-per-line layout).
    pub fn takes_remarks_column(&mut self, cell: &Cell, linear: bool) -> bool {
        let Some(last) = self.header.iter().map(|&(_, c)| c).max() else { return false };
        if self.header_done || (!linear && cell.col <= last) {
            return false;
        }
        self.header_cell(Role::Note, cell, linear);
        true
    }

    /// Takes a row made only of column headers: a header row below the first (before any data)
    /// or a header repeated on a new page (skipped).
    /// (The caller has checked that the first cell is a column header.)
    pub fn takes_header_row(&mut self, cells: &[Cell]) -> bool {
        let roles: Option<Vec<Role>> = cells
            .iter()
            .map(|c| match label(&c.text, false) {
                Some(Label::Role(r)) => Some(r),
                // Among column headers, 备注 is a column of remarks, not the page's closing note.
                Some(Label::Attachment) if trim(&c.text) == "备注" => Some(Role::Note),
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
            // Columns of what became of the target (`半年度指标执行情况`, `完成目标可能性`,
            // `实际 完成值`, `分值 | 得分`, 备注) on lines of their own below a header that already
            // has its 三级 and 指标值: they go on after its last column.
            let appends = self.has(Role::Name)
                && self.has(Role::Target)
                && roles.iter().all(|r| {
                    matches!(
                        r,
                        Role::ActualToDate
                            | Role::Likelihood
                            | Role::Forecast
                            | Role::Note
                            | Role::Actual
                            | Role::Weight
                            | Role::Score
                            | Role::Reason
                    )
                })
                && !roles.iter().any(|&r| self.has(r));
            // A header row broken over lines, each ending in its bar (`绩效指标 | 一级 指标 |` /
            // `二级 指标 |` / `三级 指标 |` / `指标值 | 二级 指标 |` …): each piece starts with
            // the column after the last one so far (or a second group's 二级 after a 指标值).
            let last_role = self.header.iter().max_by_key(|&&(_, c)| c).map(|&(r, _)| r);
            let follows = matches!(
                (last_role, roles.first()),
                (Some(Role::Level2), Some(Role::Name))
                    | (Some(Role::Name), Some(Role::Target))
                    | (Some(Role::Target), Some(Role::Level2))
            );
            let shift = match self.header.iter().map(|&(_, c)| c).max() {
                Some(last) if continues || ((appends || follows) && last >= cells[0].col) => last + 1 - cells[0].col,
                _ => 0,
            };
            self.levels_dropped |= continues && shift > 0;
            for (role, cell) in roles.into_iter().zip(cells) {
                self.header_cell(role, &Cell { col: cell.col + shift, ..cell.clone() }, false);
            }
        }
        true
    }

    /// Takes the rest of a header whose 一级 came alone (`一级` / `指标`, then `二级指标 三级指标
    /// 指标值` on one line, apart by spaces): each word a column, and the rows under it split
    /// alike. Gives back the line, for the note that says so.
    pub fn takes_header_run(&mut self, cell: &Cell) -> Option<String> {
        // Asked of every cell of the block: done with a look at two flags for all but the
        // header's (a one-line document's words hold no spaces).
        if self.header_done || self.flattened {
            return None;
        }
        let text = trim(&cell.text);
        if !text.contains(' ') || !self.has(Role::Level1) {
            return None;
        }
        let (words, joined) = split::header_words(text)?;
        if !words.first().is_some_and(|(r, _)| matches!(r, Role::Level2 | Role::Name)) {
            return None;
        }
        for (i, (role, word)) in words.into_iter().enumerate() {
            let col = cell.col.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
            self.header_cell(role, &Cell { col, ..cell.with_text(word) }, true);
        }
        self.joined = Some(joined);
        Some(text.to_owned())
    }

    /// Takes, as the header of the 分值 column, a bare number after the last column header of a
    /// one-cell-per-line self-evaluation (`… | 年度指标值 | 实际完成指标值 | 50`): the page kept the
    /// points the block is worth, which the template prints in that column's header cell, and
    /// lost the word 分值; each row then ends in its own points.
    pub fn takes_points_for_header(&mut self, cell: &Cell) -> bool {
        // Asked of every cell of the block: a look at two flags settles all but the header's.
        if self.header_done || self.joined.is_some() {
            return false;
        }
        let text = trim(&cell.text);
        let points = text.len() <= 3
            && text.bytes().all(|b| b.is_ascii_digit())
            && text.parse::<u32>().is_ok_and(|n| (1..=100).contains(&n));
        if !points {
            return false;
        }
        let self_evaluation = self.has(Role::Name) && self.has(Role::Target) && self.has(Role::Actual);
        if !self_evaluation || self.has(Role::Weight) || self.has(Role::Score) {
            return false;
        }
        self.header_cell(Role::Weight, cell, true);
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
            // A header word repeated on a new page; not the `指标` that ends a level's name.
            Some(Label::Role(_)) => at_row_start && self.level_head.is_none(),
            _ => false,
        }
    }

    fn finish_header(&mut self) {
        if self.header_done {
            return;
        }
        self.header_done = true;
        self.header.sort_by_key(|&(_, col)| col);
        let targets: Vec<u32> = self.header.iter().filter(|&&(r, _)| r == Role::Target).map(|&(_, c)| c).collect();
        self.target_columns.retain(|(c, _)| targets.contains(c));
        self.target_columns.sort_by_key(|&(c, _)| c);
        if targets.len() < 2 || self.target_columns.len() != targets.len() {
            self.target_columns.clear();
        }
        self.doubled = doubled_group(&mut self.header);
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
        } else if self.target_columns.is_empty()
            && self
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
        // Asked here, not by a call at every row: the header is finished at the first.
        if !self.header_done {
            self.finish_header();
        }
        if let (Some(idx), [cell]) = (self.target_awaited.take(), cells) {
            if self.takes_awaited_target(idx, cell, cx) {
                return;
            }
        }
        match (self.template, layout) {
            (_, Layout::Grid) => self.by_column(cells, layout, cx),
            (Template::Simple, _) => self.simple_row(cells, layout, cx),
            (Template::Department, _) => self.department_row(cells, cx),
            (Template::General, _) if self.doubled && cells.len() != self.header.len() => self.doubled_row(cells, cx),
            (Template::General, _) if cells.len() == self.header.len() => {
                let mapped: Vec<(Role, &Cell)> = self.header.iter().map(|&(r, _)| r).zip(cells).collect();
                self.apply(&mapped, cx);
            }
            (Template::General, _) => self.by_column(cells, layout, cx),
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

    /// Takes the last line of a header cell wrapped over three lines, one cell per line, whose
    /// first line was a column header already and whose middle line is held (`偏差原因` /
    /// `分析及` / `改进措施`, the last a label of its own that would end the block). Returns the
    /// whole header.
    pub fn completes_header(&mut self, cell: &Cell) -> Option<String> {
        if self.header_done {
            return None;
        }
        let middle = self.fragment.as_ref()?;
        // Two lines that make a header of their own are one wrapped in two (`年度` / `指标值`).
        let ending = format!("{}{}", trim(&middle.text), trim(&cell.text));
        if matches!(label(&ending, false), Some(Label::Role(_))) {
            return None;
        }
        let whole = format!("{}{ending}", self.last_header_text);
        let last = self.header.last().map(|&(r, _)| r)?;
        if label(&whole, false) != Some(Label::Role(last)) {
            return None;
        }
        self.fragment = None;
        self.last_header_text.clone_from(&whole);
        Some(whole)
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

    /// The block ends: a row left incomplete is reported.
    pub fn finish(&mut self, cx: &mut Sink<'_>) {
        if self.levels_apart {
            self.finish_levels_apart(cx);
        }
        if let (Some(head), Some(joined)) = (self.level_head.take(), self.joined) {
            self.joined_row_now(&head, joined, cx);
        }
        self.release_short_row(cx);
        if !self.before_levels.is_empty() {
            self.replaying = true;
            for cell in std::mem::take(&mut self.before_levels) {
                self.simple_linear(&cell, cx);
            }
        }
        // Template rows left unfilled (`指标2: | ……`) are no indicators, nor rows with no name.
        let mut i = 0;
        while i < cx.doc.indicators.len() {
            let ind = &cx.doc.indicators[i];
            let unfilled_name = numbered_prefix(&ind.name).is_some_and(str::is_empty) || is_placeholder_name(&ind.name);
            let unfilled = unfilled_name && (ind.target.is_empty() || is_placeholder(&ind.target));
            // A level in prose has a colon, `:` or `：` (whose first byte, EF, no ideograph has):
            // one byte search rules out nearly every name.
            let colon = memchr::memchr2(b':', 0xEF, ind.name.as_bytes()).is_some();
            if let Some(level) = colon.then(|| prose_level(&ind.name)).flatten() {
                // `质量指标:学校的教育教学秩序良好…`: a level described in a sentence, with no
                // 三级 and no target of its own; its target cell holds the next such sentence.
                let at = cx.source.indicators.get(i).cloned().flatten().unwrap_or(Position::text(0, 0));
                let why = format!("“{level}”后面是一段文字说明, 没有三级指标和指标值, 不作为指标读入");
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(at.clone(), &ind.name, &why)));
                if !ind.target.is_empty() {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(at, &ind.target, &why)));
                }
                remove_indicator(cx, i);
                continue;
            }
            if unfilled || not_applicable(ind) {
                let at = cx.source.indicators.get(i).cloned().flatten();
                let what = if unfilled { "未填写的模板行" } else { "说明本项目不适用的模板行" };
                cx.out.push(Item::Diagnostic(Diagnostic::note(
                    "template-placeholder",
                    at,
                    format!("{what} “{} {}”, 不作为指标读入", ind.name, ind.target),
                )));
                remove_indicator(cx, i);
            } else if run_together(ind) {
                // `2、数量支持…项目数量支持…项目数量…`: a document-sharing page's chunk of cells
                // run together, a column of names with no target, taken for one name.
                let at = cx.source.indicators.get(i).cloned().flatten().unwrap_or(Position::text(0, 0));
                let why = format!(
                    "三级指标长达 {} 字且没有指标值: 是连在一起的多格文字, 不作为一个指标读入",
                    ind.name.chars().count()
                );
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(at.clone(), &ind.name, &why)));
                cx.source.unread_indicator(&at);
                remove_indicator(cx, i);
            } else if let Some(cells) = unnamed(ind).or_else(|| named_by_target(ind).then(|| row_text(ind))) {
                let at = cx.source.indicators.get(i).cloned().flatten().unwrap_or(Position::text(0, 0));
                let mut d = Diagnostic::unplaced(
                    at.clone(),
                    &cells,
                    "这一行没有三级指标, 或级次一栏是数字: 单元格没有对准各栏, 指标值不知属于哪个指标",
                );
                // The row's other cells (分值, 完成值 …) go with it: the warning spans its line.
                d.until = Some(at.clone());
                cx.out.push(Item::Diagnostic(d));
                // A row with a target is an indicator of the table, of a kind now unknown.
                cx.source.unread_indicator(&at);
                remove_indicator(cx, i);
            } else {
                i += 1;
            }
        }
        if self.header_done && !cx.doc.indicators.is_empty() && !self.has_target_column() {
            self.decline_without_targets(cx);
        }
        decline_misread_columns(cx);
        if self.has(Role::Target) {
            self.take_targets_out_of_names(cx);
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

    /// Whether the header names a column the targets are in (指标值, 目标值, its split parts or
    /// the department table's targets).
    fn has_target_column(&self) -> bool {
        self.header.iter().any(|&(r, _)| matches!(r, Role::Target | Role::Value | Role::LongTarget | Role::Policy))
    }

    /// Declines the indicators of a block whose header names no target column (`年度数值`, one
    /// column per village without 指标值, or an indicator library): whatever was read as their
    /// targets came from columns the header does not say are targets.
    fn decline_without_targets(&self, cx: &mut Sink<'_>) {
        let mut columns: Vec<&str> = self.header.iter().map(|&(r, _)| r.name()).collect();
        if columns.is_empty() {
            columns.push("无");
        }
        let message = format!(
            "指标表头没有指标值一栏 (读到的表头: {}), 无法确定哪一栏是指标值; 读出的 {} 个指标都不读入, 以免读错",
            columns.join("、"),
            cx.doc.indicators.len()
        );
        decline_all(cx, message);
    }

    /// Appends an indicator at the current levels, with its name and no target yet.
    /// An indicator whose target cell stayed empty and whose name ends with a target
    /// (`年度资金支付完成率100%`): the target is taken out of the name, with a note.
    fn take_targets_out_of_names(&self, cx: &mut Sink<'_>) {
        for (i, ind) in cx.doc.indicators.iter_mut().enumerate() {
            if !ind.target.is_empty() || ind.target_parts.is_some() || ind.horizon.is_some() {
                continue;
            }
            let Some((name, target)) = split::embedded_target(&ind.name) else { continue };
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                cx.source.indicators.get(i).cloned().flatten(),
                format!("指标值一栏为空, 三级指标末尾的 “{target}” 读作指标值, 三级指标为 “{name}”"),
            )));
            let (name, target) = (name.to_owned(), target.to_owned());
            ind.name = name;
            ind.target = target;
        }
    }

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
            level1: self.level1.clone(),
            level2: self.level2.clone(),
            name: name.to_owned(),
            ..Indicator::default()
        });
        cx.source.indicators.push(Some(position.clone()));
        cx.doc.indicators.len() - 1
    }
}

/// Whether an indicator without a target is named by more than a 三级 can hold: the longest of
/// the real tables' run to some fifty characters, so a name over eighty is cells run together.
fn run_together(ind: &Indicator) -> bool {
    ind.name.len() > 80 && ind.target.trim().is_empty() && ind.name.chars().count() > 80
}

/// The cells of an indicator read with a target but neither a 三级 nor a 二级 (a table of two
/// levels names its indicators by their 二级, and leaves the 三级 empty), or whose 三级 is a
/// number (`0`: a value that a row's lost cells moved left, as in a template's unfilled 成本
/// rows): the row's name cell went elsewhere, or was lost, so its target is no one's. Also a
/// row whose 一级 or 二级 is a number, whatever else it holds: its cells moved left.
fn unnamed(ind: &Indicator) -> Option<String> {
    let number = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    // `7 100% 100%`: a row of values (a transposed table's) taken for a name.
    let value = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b".%".contains(&b));
    // Also when words follow them (`7 100% 100% 不断提升 …`, a transposed table's rows run on).
    let values = |s: &str| {
        let mut words = s.split(' ');
        matches!((words.next(), words.next()), (Some(a), Some(b)) if value(a) && value(b))
    };
    // A level that is a number is a cell of another column (a score, a count) moved left into
    // it: the row's cells are not where its columns say, whatever it holds.
    let starts_with_digit = |s: &str| s.as_bytes().first().is_some_and(u8::is_ascii_digit);
    if (starts_with_digit(&ind.level1) && number(&ind.level1))
        || (starts_with_digit(&ind.level2) && number(&ind.level2))
    {
        return Some(row_text(ind));
    }
    // Names are kept trimmed, and nearly all start with a character that is no digit.
    if ind.name.as_bytes().first().is_some_and(|b| !b.is_ascii_digit()) {
        return None;
    }
    let name = ind.name.as_str();
    let nameless = name.is_empty() && ind.level2.is_empty();
    if values(name) {
        return Some(row_text(ind));
    }
    // A 三级 that is a bare number is a cell of another column (`优 | 10`: what a 定性 row
    // achieved and its points, broken onto a line of their own), with or without a target.
    if number(name) || (nameless && !ind.target.trim().is_empty()) {
        return Some(row_text(ind));
    }
    None
}

/// An indicator named by a target word (`及时`, `合格`) with no target: the row lost its 三级
/// cell, and its target moved into the 三级 column.
fn named_by_target(ind: &Indicator) -> bool {
    // The words are of four characters at most, twelve bytes: longer names are asked nothing more.
    ind.name.len() <= 12 && ind.target.trim().is_empty() && QUALITATIVE.contains(&ind.name.as_str())
}

/// A row's cells, as read, for saying which were not placed.
fn row_text(ind: &Indicator) -> String {
    let parts = [&ind.level1, &ind.level2, ind.policy_target.as_deref().unwrap_or_default(), &ind.name, &ind.target];
    parts.iter().map(|p| p.trim()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Takes indicator `i` out of the table, with the place it was read at.
fn remove_indicator(cx: &mut Sink<'_>, i: usize) {
    cx.doc.indicators.remove(i);
    if i < cx.source.indicators.len() {
        cx.source.indicators.remove(i);
    }
}

/// Declines a table's indicators when two or more of its 三级 are written as levels are
/// (`质量指标`, `数量指标(或建筑规模指标)`, `效果指标`) or as targets are (`≥95%`, `100%`): level
/// or value cells were read as names, so its rows' cells went to the wrong columns, and the
/// rest of what was read is as doubtful. One such name alone may be a real one (`社会成本指标`
/// under 成本指标) and is kept.
fn decline_misread_columns(cx: &mut Sink<'_>) {
    // A 三级 that is a level's name or a target (`≥95%`) is a cell of another column.
    let misread: Vec<usize> = (0..cx.doc.indicators.len())
        .filter(|&i| {
            let name = &cx.doc.indicators[i].name;
            named_like_level(name) || (starts_like_target(name) && strongly_target(name))
        })
        .collect();
    if misread.len() < 2 {
        return;
    }
    let quoted: Vec<String> =
        misread.iter().take(3).map(|&i| format!("“{}”", excerpt(&cx.doc.indicators[i].name))).collect();
    let message = format!(
        "{} 等 {} 个三级指标是指标级次或指标值的写法, 这张表的各栏没能对准; 读出的 {} 个指标都不读入, 以免读错",
        quoted.join("、"),
        misread.len(),
        cx.doc.indicators.len()
    );
    decline_all(cx, message);
}

/// Takes every indicator of the table out, with one warning that spans the rows they were read
/// from, so that each of their cells is still accounted for.
fn decline_all(cx: &mut Sink<'_>, message: String) {
    let mut read_at = cx.source.indicators.iter().flatten();
    let position = read_at.next().cloned();
    let until = read_at.next_back().cloned();
    if let Some(at) = &position {
        cx.source.unread_indicator(at);
    }
    cx.out.push(Item::Diagnostic(Diagnostic {
        code: "misread-columns",
        severity: crate::diagnostic::Severity::Warning,
        position,
        until,
        message,
    }));
    cx.doc.indicators.clear();
    cx.source.indicators.clear();
}

/// Whether a name starts as a target does (`100%`, `≥95%`, `2021年…`): nearly every name starts
/// with an ideograph, and is not parsed.
fn starts_like_target(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_digit() || split::is_comparator(c))
}

/// Whether a 三级 is written as a level is: a short name ending in 指标, before any bracketed
/// gloss (`时效指标(工期指标)`).
fn named_like_level(name: &str) -> bool {
    // Names are kept trimmed; most end in neither a bracket nor 标.
    if !name.ends_with([')', '）', '标']) {
        return false;
    }
    let base = match name.strip_suffix([')', '）']) {
        Some(open) => open.rfind(['(', '（']).map_or(open, |at| &open[..at]),
        None => name,
    };
    base.trim_end().ends_with("指标") && base.chars().count() <= 16
}

/// A row that fills the template's slot by saying it does not apply (`本项目不适用此指标 | 无`):
/// no indicator.
fn not_applicable(ind: &Indicator) -> bool {
    // The name is looked at before the target is folded: one byte scan rules out nearly every
    // row, where folding the target (empty, `/` or `—` in many tables) cost four times as much.
    let target = trim(&ind.target);
    target.len() <= 16 && has_word(&ind.name, "不适用") && (target == "不适用" || is_nothing_mark(target))
}

/// Whether a cell says there is nothing: empty, `无`, or marks for not applicable (`/`, `/ / /`,
/// `—`).
fn is_nothing_mark(text: &str) -> bool {
    let folded = fold(trim(text));
    folded == "无" || folded.chars().all(|c| matches!(c, '/' | '／' | '—' | '–' | '-' | '－' | ' '))
}

/// The standard level a name starts with, followed by a colon and a sentence (`质量指标:学校的
/// 教育教学秩序良好…`): a level described in prose, not a 三级.
fn prose_level(name: &str) -> Option<&str> {
    let (head, rest) = name.split_once([':', '：'])?;
    let head = trim(head);
    (classify(head) != (None, None) && head.ends_with("指标") && !trim(rest).is_empty()).then_some(head)
}

/// Heads the first of two groups of 二级 / 三级 / 指标值 as the long term's: the 申报表 of
/// 财预〔2015〕88号 gives the mid term's indicators (中期目标) left of the year's under the same
/// words. Whether it did.
fn doubled_group(header: &mut [(Role, u32)]) -> bool {
    const GROUP: [Role; 3] = [Role::Level2, Role::Name, Role::Target];
    let roles: Vec<Role> =
        header.iter().map(|&(r, _)| r).filter(|r| !matches!(r, Role::Level1 | Role::Category)).collect();
    if roles.len() != 6 || roles[..3] != GROUP[..] || roles[3..] != GROUP[..] {
        return false;
    }
    let mut seen = 0;
    for (role, _) in header.iter_mut() {
        if seen < 3 && GROUP.contains(role) {
            *role = match *role {
                Role::Level2 => Role::LongLevel2,
                Role::Name => Role::LongName,
                _ => Role::LongTarget,
            };
            seen += 1;
        }
    }
    true
}

#[cfg(test)]
mod tests;
