//! One table being read: which part of it the rows are in, and each label and value handed to
//! the block it belongs to (header, funds, long texts, tasks, self-evaluation, indicators).

use jixiao_core::source::{Position, Reading, SourceMap};
use jixiao_core::text::trim;
use jixiao_core::{Document, DocumentKind, HeaderField};

use super::Heading;
use super::fields::{StatedUnit, is_amount_text, is_blank_mark, is_instruction, is_placeholder, parse_amount};
use super::funds::{self, FundsBlock};
use super::goals::{self, LongTexts};
use super::header::{self, HeaderLabels, Pending};
use super::indicators::{HeaderPart, IndicatorBlock};
use super::labels::{Label, Role, label};
use super::projects::{self, Field, ProjectColumns};
use super::self_evaluation::{SelfEvaluationBlock, self_evaluation};
use super::sink::Sink;
use super::split;
use super::tasks::{self, TaskBlock};
use super::{ends_block, ends_block_with, has_word, is_sub_header_row};
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::Item;
use crate::read::grid::{Cell, Layout};

/// The year a cell of its own gives (`（2020年度）`, `2020年`), as the line under a title does.
pub fn year_line(text: &str) -> Option<i32> {
    if text.chars().count() > 10 {
        return None;
    }
    // Templates space the year out for the hand that fills it in: `( 2024 年度)`.
    let core = text.trim_matches(|c: char| matches!(c, '(' | ')' | '（' | '）') || c.is_whitespace());
    let core = core.strip_suffix("年度").or_else(|| core.strip_suffix('年'));
    core.and_then(|c| c.trim_end().parse::<i32>().ok()).filter(|y| (1990..=2100).contains(y))
}

/// Which part of a table the rows are in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    Header,
    /// The 年度主要任务 block of a department table.
    Tasks,
    /// The budget block of a self-evaluation.
    Execution,
    Indicators,
    Trailer,
}

/// One table being read.
#[derive(Debug)]
pub struct Table {
    /// Rows of a transfer payment's 资金管理情况 block are being passed over.
    funds_management: bool,
    pub doc: Document,
    pub source: SourceMap,
    pub heading: Option<Heading>,
    /// Whether anything but the title has been read: an empty table is just a heading.
    pub started: bool,
    kind_known: bool,
    pub phase: Phase,
    labels: HeaderLabels,
    pub funds: FundsBlock,
    texts: LongTexts,
    tasks: Option<TaskBlock>,
    execution: SelfEvaluationBlock,
    pub indicators: Option<IndicatorBlock>,
    /// Where the indicator header began, to say where when no indicator came of it.
    header_at: Option<Position>,
    /// The layout of the row being read, which says how far cells' columns can be trusted.
    pub layout: Layout,
    /// Whether the cells are the words of a line split at spaces, so that empty cells are lost.
    pub flattened: bool,
    /// The project columns of a sheet that lists several projects (see [`projects`]).
    pub projects: Option<ProjectColumns>,
    /// Whether the title names a self-evaluation or a monitoring table (自评, 监控).
    evaluation_title: bool,
    /// A 序号 column header met before the indicator block: its first column if an indicator
    /// column header follows, else a cell of some other list (an allocation table's).
    serial: Option<Cell>,
    /// A long text's label (年度目标) just given a blank value by an explicitly empty cell, one
    /// cell per line: a page may put an empty cell between such a label and its text.
    blank_long_text: Option<Box<Pending>>,
    /// The heading 总体目标 just read: followed at once by 全年实际完成情况 it heads the goals'
    /// column, and a long text under it with no label waiting is the goals.
    goals_heading: Option<Box<Cell>>,
    /// The label read last was the column header 资金来源, beside which 资金总额 heads the
    /// amounts' column rather than naming an amount.
    after_sources_heading: bool,
    /// Whether a label of the attribute (项目属性, 项目类型) has been given its value.
    attribute_read: bool,
}

impl Table {
    /// A table under `heading` (if any), its amounts in `unit` until it states its own.
    pub fn new(heading: Option<Heading>, unit: Option<StatedUnit>, layout: Layout) -> Table {
        let kind = heading.as_ref().and_then(|h| h.kind);
        let evaluation_title =
            heading.as_ref().is_some_and(|h| has_word(&h.title, "自评") || has_word(&h.title, "监控"));
        let mut doc = Document::new(kind.unwrap_or(DocumentKind::Project));
        let mut source = SourceMap { reading: Some(Reading::default()), ..SourceMap::default() };
        if let Some(h) = &heading {
            doc.title = h.title.clone();
            doc.year = h.year;
            source.document = Some(h.position.clone());
            if has_word(&h.title, "自评") {
                self_evaluation(&mut doc);
            }
        }
        Table {
            funds_management: false,
            doc,
            source,
            heading,
            started: false,
            kind_known: kind.is_some(),
            phase: Phase::Header,
            labels: HeaderLabels::default(),
            funds: FundsBlock::new(unit),
            texts: LongTexts::default(),
            tasks: None,
            execution: SelfEvaluationBlock::default(),
            indicators: None,
            header_at: None,
            layout,
            flattened: false,
            projects: None,
            evaluation_title,
            serial: None,
            blank_long_text: None,
            goals_heading: None,
            after_sources_heading: false,
            attribute_read: false,
        }
    }

    /// Whether `text` is the year of a title that lacked one (`2020年度)` under the title).
    pub fn year_cell(&mut self, text: &str) -> bool {
        if self.started || self.doc.year.is_some() {
            return false;
        }
        match year_line(text) {
            Some(y) => {
                self.doc.year = Some(y);
                if let Some(h) = &mut self.heading {
                    h.year = Some(y);
                }
                true
            }
            None => false,
        }
    }

    /// Whether `text` is a column of the budget block that opens it without its 预算执行情况
    /// label: in a self-evaluation (or monitoring table), before its indicators, a column no
    /// indicator header has (全年预算数, 全年执行数, 执行率 — not 分值 or 得分).
    pub fn opens_execution(&self, text: &str) -> bool {
        use super::labels::ExecutionColumn as C;
        if !matches!(self.phase, Phase::Header | Phase::Trailer) || self.indicators.is_some() {
            // A sign-off label in the header (项目负责人及电话) has already moved on to the trailer.
            return false;
        }
        let evaluation = self.doc.self_evaluation.is_some() || self.doc.monitoring.is_some();
        // The first column's name is short: a space after it, if anywhere, is among the first
        // bytes, and a long text is not scanned to its end.
        if self.layout == Layout::Linear && text.len() >= 24 && text.as_bytes()[..28.min(text.len())].contains(&b' ') {
            // The block's column headers on one line apart by spaces (`全年预算数(A) 全年执行数(B)
            // 分值 执行率(B/A) 得分`): money spent beside the budget says what the block is, under
            // any title.
            let (mut spent, mut words) = (false, 0);
            let all = text.split_whitespace().all(|w| match label(w, true) {
                Some(Label::Execution(c)) => {
                    spent |= matches!(c, C::Spent | C::Rate);
                    words += 1;
                    true
                }
                _ => false,
            });
            return all && spent && words >= 3;
        }
        (evaluation || self.evaluation_title)
            && matches!(
                label(text, true),
                Some(Label::Execution(C::Initial | C::FullYear | C::Spent | C::Rate | C::SpentToDate | C::Forecast))
            )
            && label(text, false).is_none()
    }

    /// Takes a row of the budget block written on one line apart by spaces (`年度资金总额:
    /// 8.408 8.408 10 100.00% 10`): its label opens the row, and its values are placed as a
    /// flattened document's are, in order where they fill the columns, else reported.
    pub fn spaced_execution_row(&mut self, cell: &Cell, out: &mut Vec<Item>) -> bool {
        if self.phase != Phase::Execution {
            return false;
        }
        let mut words = trim(&cell.text).split_whitespace();
        let Some(first) = words.next() else { return false };
        let values: Vec<&str> = words.collect();
        let value =
            |v: &&str| is_blank_mark(v) || parse_amount(v.trim_end_matches(['%', '％'])).is_ok_and(|a| a.is_some());
        if values.is_empty() || !values.iter().all(value) {
            return false;
        }
        match label(first, true) {
            Some(l @ (Label::ExecutionTotal | Label::ExecutionPart)) => {
                self.start_execution_row(l, first, cell, true, out)
            }
            _ => return false,
        }
        let unit = self.funds.unit;
        for v in values {
            self.execution.value(v, &cell.with_text(v.to_owned()), Layout::Linear, unit, &mut self.doc, out);
        }
        self.execution.end_row(unit, &mut self.doc, out);
        true
    }

    /// Takes a row of a transfer payment's 资金管理情况 block (`分配科学性 | 资金分配科学 | 暂无`,
    /// under `资金管理情况 | 情况说明 | 存在问题和改进措施`), which the interchange format has no
    /// place for: its heading ends the budget block above it, and each row is noted as not read.
    #[inline]
    pub fn takes_funds_management_row(&mut self, cells: &[Cell], out: &mut Vec<Item>) -> bool {
        // Asked of every row: nearly all are settled by a flag and the first bytes.
        if !self.funds_management && !cells[0].text.starts_with("资金管理情况") {
            return false;
        }
        self.funds_management_row(cells, out)
    }

    fn funds_management_row(&mut self, cells: &[Cell], out: &mut Vec<Item>) -> bool {
        let first = trim(&cells[0].text);
        if first == "资金管理情况" {
            if self.phase == Phase::Execution {
                let unit = self.funds.unit;
                self.execution.end_row(unit, &mut self.doc, out);
                self.phase = Phase::Header;
            }
            self.funds_management = true;
        } else if !self.funds_management || cells.iter().any(|c| label(trim(&c.text), false).is_some()) {
            // A row that names a field (`总体目标完成情况 | 总体目标 | 全年实际完成情况`) is past it.
            self.funds_management = false;
            return false;
        }
        let row: Vec<&str> = cells.iter().map(|c| trim(&c.text)).collect();
        out.push(Item::Diagnostic(Diagnostic::note(
            "unmodelled-field",
            Some(cells[0].position.clone()),
            format!("资金管理情况在交换格式中没有对应的字段, 未读入: “{}”", excerpt(&row.join(" | "))),
        )));
        true
    }

    /// Takes a row of the budget block, after its 其中 rows, whose label the block does not know
    /// but whose cells are amounts as theirs are (`彩票公益金用于医疗救助 | 0 | 0 | 100%`): one
    /// more part, named as the table names it.
    #[inline]
    pub fn takes_unlabelled_part_row(&mut self, cells: &[Cell], layout: Layout, out: &mut Vec<Item>) -> bool {
        if self.phase != Phase::Execution || !self.execution.in_parts() || cells.len() < 2 {
            return false;
        }
        self.unlabelled_part_row(cells, layout, out)
    }

    fn unlabelled_part_row(&mut self, cells: &[Cell], layout: Layout, out: &mut Vec<Item>) -> bool {
        let first = &cells[0];
        let name = trim(&first.text);
        let amount = |t: &str| {
            let t = trim(t);
            is_blank_mark(t)
                || parse_amount(t.trim_end_matches(['%', '％']).trim_end_matches('万')).is_ok_and(|a| a.is_some())
        };
        let named = name.chars().count() >= 2 && !amount(name) && label(name, true).is_none();
        if !named || !cells[1..].iter().all(|c| amount(&c.text)) {
            return false;
        }
        self.start_execution_row(Label::ExecutionPart, name, first, false, out);
        let unit = self.funds.unit;
        for c in &cells[1..] {
            self.execution.value(trim(&c.text), c, layout, unit, &mut self.doc, out);
        }
        true
    }

    /// Starts a row of the budget block at its label (`ExecutionTotal` or `ExecutionPart`,
    /// named `text`), the row before it ended; `held`, its values are kept until the row ends
    /// and placed then (see `SelfEvaluationBlock::end_row`).
    fn start_execution_row(&mut self, l: Label, text: &str, cell: &Cell, held: bool, out: &mut Vec<Item>) {
        let unit = self.funds.unit;
        self.execution.end_row(unit, &mut self.doc, out);
        if l == Label::ExecutionTotal {
            self.execution.total_row(cell, held);
            self.labels.waiting.clear();
        } else {
            self.execution.part_row(text, cell, held, &mut self.doc);
        }
    }

    /// Opens the budget block at its first column.
    pub fn open_execution(&mut self, out: &mut Vec<Item>) {
        self.started = true;
        self.close_labels(out);
        self.execution.open(&mut self.doc);
        self.phase = Phase::Execution;
    }

    /// Rows of indicators with no header over them, read by `block` (see
    /// [`split::headless_rows`] and [`super::indicators::headless_header`]).
    pub fn headless(&mut self, at: &Position, block: IndicatorBlock) {
        self.started = true;
        if !self.kind_known {
            self.set_kind(DocumentKind::Project);
        }
        if self.doc.kind == DocumentKind::Project {
            header::project(&mut self.doc);
        }
        self.phase = Phase::Indicators;
        self.indicators = Some(block);
        self.header_at = Some(at.clone());
    }

    /// Whether a label waits for its value.
    /// The goals and the goals achieved, when both labels wait in one-cell-per-line text and
    /// `text` is two long texts with one space between them and none inside either.
    fn two_texts_apart<'t>(&self, text: &'t str) -> Option<(&'t str, &'t str)> {
        if self.layout != Layout::Linear || self.flattened {
            return None;
        }
        let mut waiting = self.labels.waiting.iter().map(|p| p.label);
        if (waiting.next(), waiting.next()) != (Some(Label::Goals), Some(Label::GoalsAchieved)) {
            return None;
        }
        let (first, second) = trim(text).split_once(' ')?;
        let long = |t: &str| t.chars().count() >= 8 && !t.contains(char::is_whitespace);
        (long(first) && long(second)).then_some((first, second))
    }

    pub fn waits_for_value(&self) -> bool {
        !self.labels.waiting.is_empty()
    }

    /// Whether the cell before, in this row of columns, is a label that names the table (项目名称
    /// …): the next cell is its value, even one worded like a title (a project named
    /// `2020年…经费支出绩效自评表`).
    pub fn names_in_row(&self) -> bool {
        self.labels.after_label
            && self
                .labels
                .waiting
                .back()
                .is_some_and(|p| header::is_identity(p.label) && p.place.is_some_and(|at| at.row == self.labels.row))
    }

    /// The header of a sheet that lists several projects: its project columns.
    pub fn list_projects(&mut self, columns: ProjectColumns) {
        self.started = true;
        self.set_kind(DocumentKind::Project);
        self.projects = Some(columns);
    }

    /// Whether a row of a sheet of projects starts the next project: it names a project
    /// while this table already has one.
    pub fn starts_next_project(&self, cells: &[Cell]) -> bool {
        self.names_project()
            && self.project_fields(cells).iter().any(|(f, c)| *f == Field::Name && !is_amount_text(&c.text))
    }

    /// The table of the next project of a sheet: the same heading, department, unit and
    /// indicator header; the implementer too, as a merged 单位名称 cell covers its projects.
    pub fn next_project(&self) -> Table {
        let mut t = Table::new(self.heading.clone(), self.funds.unit, self.layout);
        t.doc.kind = self.doc.kind;
        t.kind_known = true;
        t.doc.title.clone_from(&self.doc.title);
        t.doc.year = self.doc.year;
        t.doc.department.clone_from(&self.doc.department);
        t.doc.department_code.clone_from(&self.doc.department_code);
        if let Some(p) = &self.doc.project {
            let next = header::project(&mut t.doc);
            next.implementer.clone_from(&p.implementer);
            next.implementer_code.clone_from(&p.implementer_code);
            next.funds.unit = p.funds.unit;
        }
        t.started = true;
        t.phase = Phase::Indicators;
        t.indicators = self.indicators.as_ref().map(IndicatorBlock::continued);
        t.header_at.clone_from(&self.header_at);
        t.projects.clone_from(&self.projects);
        t
    }

    /// The cells of a row of a sheet of projects that fall in its project columns, placed by
    /// the row's level cells (web pages drop the merged cells at a row's start).
    fn project_fields<'c>(&self, cells: &'c [Cell]) -> Vec<(Field, &'c Cell)> {
        let (Some(columns), Some(block)) = (&self.projects, &self.indicators) else { return Vec::new() };
        let shift = block.level_shift(cells);
        cells
            .iter()
            .filter_map(|c| {
                let col = c.col.saturating_add_signed(shift);
                (col < columns.first_indicator).then(|| columns.at(col).map(|f| (f, c))).flatten()
            })
            .collect()
    }

    /// A row of a sheet of projects: its project fields are read, the rest as indicator data.
    /// A row without level cells that names only a unit is the department's own (its total
    /// beside it is the department's, not a project's, and is reported).
    pub fn project_row(&mut self, cells: &[Cell], layout: Layout, out: &mut Vec<Item>) {
        let fields: Vec<(Field, Cell)> = self.project_fields(cells).into_iter().map(|(f, c)| (f, c.clone())).collect();
        let columns = self.projects.clone().expect("a sheet of projects");
        let shift = self.indicators.as_ref().map_or(0, |b| b.level_shift(cells));
        let rest: Vec<Cell> =
            cells.iter().filter(|c| c.col.saturating_add_signed(shift) >= columns.first_indicator).cloned().collect();
        self.take_project_fields(&fields, !rest.is_empty(), out);
        if !rest.is_empty() {
            let mut cx = Sink { doc: &mut self.doc, source: &mut self.source, out };
            if let Some(block) = &mut self.indicators {
                block.data_row(&rest, layout, &mut cx);
            }
        }
    }

    /// The project values a line of a spaced sheet of projects starts with, as cells, and the
    /// rest of the line, its indicator cells; `None` for a line that starts with none.
    pub fn spaced_project_row(&self, cell: &Cell) -> Option<(Vec<(Field, Cell)>, Cell)> {
        let columns = self.projects.as_ref()?;
        let fields: Vec<Field> = columns.fields.iter().map(|&(f, _)| f).collect();
        let (values, rest) = projects::spaced_values(trim(&cell.text), &fields)?;
        let cells = values.into_iter().map(|(f, v)| (f, cell.with_text(v.to_owned()))).collect();
        Some((cells, Cell { col: columns.first_indicator, ..cell.with_text(rest.to_owned()) }))
    }

    /// Whether this table already has a project named, so that another project's values start
    /// the next table.
    pub fn names_project(&self) -> bool {
        self.doc.project.as_ref().is_some_and(|p| !p.name.is_empty())
    }

    /// The project fields of a row of a sheet of projects, read into the project's header; a
    /// row that names no project, and has no indicator cells (`has_rest`), is the department's.
    pub fn take_project_fields(&mut self, fields: &[(Field, Cell)], has_rest: bool, out: &mut Vec<Item>) {
        let names_project = fields.iter().any(|(f, c)| *f == Field::Name && !is_amount_text(&c.text));
        for (field, cell) in fields {
            let (l, why) = match field {
                Field::Unit if names_project || has_rest => (Label::Implementer, None),
                Field::Unit => (Label::Department { coded: false }, None),
                Field::Name if names_project => (Label::ProjectName, None),
                Field::Name | Field::Budget if !names_project => {
                    (Label::Total, Some("部门自身一行的金额, 不属于任何项目"))
                }
                Field::Name => (Label::ProjectName, None),
                Field::Budget => (Label::FundsTotal, None),
                Field::Goals => (Label::Goals, None),
                Field::Attribute => (Label::Attribute, None),
                Field::Unmodelled => (Label::Attribute, Some("项目类别等栏在交换格式中没有对应字段")),
            };
            if let Some(why) = why {
                out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), &cell.text, why)));
                continue;
            }
            if l == Label::Implementer {
                // The unit carried from the project above (a merged cell) gives way to the
                // row's own.
                if let Some(p) = &mut self.doc.project {
                    p.implementer.clear();
                    p.implementer_code = Default::default();
                }
            }
            let pending = Pending { label: l, text: cell.text.clone(), position: cell.position.clone(), place: None };
            if l == Label::FundsTotal {
                self.funds.group(None, &mut self.doc);
            }
            self.assign(pending, &cell.text, cell.position.clone(), None, out);
        }
    }

    /// Takes a row of the indicator block: a header row, the header's second line, or data.
    /// Returns false for a row that ends the block, to be read cell by cell.
    pub fn takes_indicator_row(&mut self, cells: &[Cell], layout: Layout, out: &mut Vec<Item>) -> bool {
        if self.phase != Phase::Indicators {
            return false;
        }
        let block = self.indicators.as_mut().expect("the indicator phase has a block");
        let first = label(&cells[0].text, false);
        if ends_block_with(&cells[0].text, first) {
            return false;
        }
        if matches!(first, Some(Label::Role(_))) && block.takes_header_row(cells) {
            return true;
        }
        if is_sub_header_row(cells) {
            // `2021年实际实现值 | 预期2022年实现值` under 指标值: the header's second line.
            out.push(Item::Diagnostic(Diagnostic::note(
                "header-row",
                Some(cells[0].position.clone()),
                format!("表头的下一行, 不是指标: “{}”", excerpt(&cells[0].text)),
            )));
            return true;
        }
        let mut cx = Sink { doc: &mut self.doc, source: &mut self.source, out };
        block.data_row(cells, layout, &mut cx);
        true
    }

    /// Takes a `备注` cell as the indicator header's column of remarks, when it comes among the
    /// column headers: in the indicator phase, after at least one header, before any row.
    pub fn takes_remarks_column(&mut self, cell: &Cell, linear: bool) -> bool {
        if self.phase != Phase::Indicators {
            return false;
        }
        self.indicators.as_mut().is_some_and(|block| block.takes_remarks_column(cell, linear))
    }

    /// Takes a cell of a one-cell-per-line layout inside the indicator block (an empty text is
    /// an explicitly empty cell). Returns false for a cell that ends the block.
    pub fn takes_indicator_cell(&mut self, cell: &Cell, flattened: bool, out: &mut Vec<Item>) -> bool {
        let text = trim(&cell.text);
        if self.phase != Phase::Indicators {
            return false;
        }
        let block = self.indicators.as_mut().expect("the indicator phase has a block");
        if let Some(whole) = block.completes_header(cell) {
            out.push(Item::Diagnostic(Diagnostic::note(
                "wrapped-cell",
                Some(cell.position.clone()),
                format!("表头标签分在三行, 已连成 “{whole}”"),
            )));
            return true;
        }
        if !text.is_empty() && ends_block(text) {
            return false;
        }
        block.flattened |= flattened;
        let mut cx = Sink { doc: &mut self.doc, source: &mut self.source, out };
        if block.takes_points_for_header(cell) {
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "header-row",
                Some(cell.position.clone()),
                format!("表头最后一栏只写了分数 “{text}”, 没有 “分值” 二字: 读作分值一栏的表头, 各行在实际完成值后的数读作分值"),
            )));
            return true;
        }
        if !text.is_empty() {
            match block.wrapped_header(cell) {
                HeaderPart::Taken => return true,
                HeaderPart::Released(first) => {
                    if !block.takes_header_cell(&first) {
                        block.linear_cell(&first, &mut cx);
                    }
                }
                HeaderPart::No => {}
            }
        }
        if let Some(line) = block.takes_header_run(cell) {
            cx.out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                Some(cell.position.clone()),
                format!("指标表头的单元格之间只有空格, 按表头词拆分, 其下各行也按内容拆分: “{}”", excerpt(&line)),
            )));
            return true;
        }
        if !text.is_empty() && block.takes_header_cell(cell) {
            return true;
        }
        block.linear_cell(cell, &mut cx);
        true
    }

    /// Takes a row of the 年度主要任务 block: the row that opens it (its label, then column
    /// headers), or one inside it (headers, a task, 金额合计). Only department tables have one.
    pub fn takes_task_row(&mut self, cells: &[Cell], out: &mut Vec<Item>) -> bool {
        if self.kind_known && self.doc.kind != DocumentKind::Department {
            return false;
        }
        let first = &cells[0];
        let found = label(&first.text, false);
        let rest = if found == Some(Label::Tasks) {
            self.label(Label::Tasks, &first.text, first, false, out);
            &cells[1..]
        } else if self.phase == Phase::Tasks
            && (found.is_none() || found == Some(Label::Total) || tasks::is_column(&first.text))
        {
            cells
        } else {
            return false;
        };
        let unit = self.funds.unit;
        if let Some(block) = &mut self.tasks {
            block.row(rest, &mut self.doc, unit, out);
        }
        true
    }

    fn finish_tasks(&mut self) {
        if let Some(block) = &mut self.tasks {
            block.finish(&mut self.doc);
        }
    }

    fn finish_indicators(&mut self, out: &mut Vec<Item>) {
        if let Some(block) = &mut self.indicators {
            block.finish(&mut Sink { doc: &mut self.doc, source: &mut self.source, out });
        }
    }

    /// Takes a line of one cell per line that continues the list read last (goals, duties) with
    /// its next numbered item.
    #[inline]
    pub fn continues_list(&mut self, text: &str) -> bool {
        // Asked of every line: nearly all are settled by there being no open text.
        self.texts.is_open()
            && self.labels.waiting.is_empty()
            && !matches!(self.phase, Phase::Indicators | Phase::Execution)
            && self.texts.continues_list(text, &mut self.doc)
    }

    /// Takes a row that continues the long value read last (a wrapped cell).
    pub fn continues_text(&mut self, cells: &[Cell], layout: Layout, out: &mut Vec<Item>) -> bool {
        let busy = !self.labels.waiting.is_empty() || self.phase == Phase::Indicators;
        self.texts.continues(cells, layout, busy, &mut self.doc, out)
    }

    /// A label: it opens a block, or waits for its value.
    pub fn label(&mut self, l: Label, text: &str, cell: &Cell, linear: bool, out: &mut Vec<Item>) {
        self.texts.close();
        self.blank_long_text = None;
        let goals_heading = self.goals_heading.take();
        let after_sources_heading = std::mem::take(&mut self.after_sources_heading);
        if !self.started && self.doc.year.is_none() && self.year_cell(text) {
            return;
        }
        let columns = !linear && !self.flattened && matches!(self.layout, Layout::Grid | Layout::Shifting);
        self.started = true;
        self.labels.after_label = true;
        let l = if l == Label::Total && self.before_indicators() && self.funds_without_total() {
            // `项目资金 (万元) | 合计 | 1800`: the funds' total, not the indicators' totals row.
            Label::FundsTotal
        } else {
            l
        };
        if let Some(field) = l.header_field() {
            self.source.reading.get_or_insert_default().saw_label(field);
        }
        if self.phase == Phase::Tasks && l != Label::Tasks {
            self.finish_tasks();
            self.phase = Phase::Header;
        }
        if self.phase == Phase::Indicators && !matches!(l, Label::Role(_) | Label::IndicatorGroup | Label::Section) {
            // Any other label closes the indicator block.
            self.finish_indicators(out);
            self.phase = Phase::Trailer;
        }
        // The totals row takes values only up to the next label.
        self.labels.waiting.retain(|p| p.label != Label::Total);
        // Any other label but 项目资金 / 年度预算数 (the heading over the row labels) closes the
        // budget block.
        if self.phase == Phase::Execution
            && !matches!(l, Label::Execution(_) | Label::ExecutionTotal | Label::ExecutionPart | Label::Funds(_))
        {
            let unit = self.funds.unit;
            self.execution.end_row(unit, &mut self.doc, out);
            self.phase = Phase::Header;
        }
        match l {
            Label::ProjectName | Label::ProjectCode | Label::Implementer | Label::Attribute | Label::Period
                if !self.kind_known =>
            {
                self.set_kind(DocumentKind::Project);
            }
            Label::Department { .. } if !self.kind_known => {
                let dept = text.starts_with("部门名称") || text.starts_with("部门(单位)");
                self.set_kind(if dept { DocumentKind::Department } else { DocumentKind::Project });
            }
            Label::Tasks if !self.kind_known => self.set_kind(DocumentKind::Department),
            _ => {}
        }
        if l != Label::Role(Role::Serial) {
            self.release_serial(l, cell, linear, out);
        }
        match l {
            // 序号 opens no indicator block: only a column header of one after it says it is one.
            Label::Role(Role::Serial) if self.indicators.is_none() => {
                out.extend(self.serial.replace(cell.clone()).map(without_label));
            }
            Label::Role(_) | Label::IndicatorGroup => {
                self.close_labels(out);
                let block = self.indicators.get_or_insert_with(IndicatorBlock::new);
                self.phase = Phase::Indicators;
                if self.header_at.is_none() {
                    self.header_at = Some(cell.position.clone());
                }
                if let Label::Role(r) = l {
                    block.header_cell(r, cell, linear);
                }
            }
            // A heading (总体目标) ends the funds block: its amounts wait no longer.
            Label::Section => {
                while self.labels.waiting.front().is_some_and(|p| funds::is_amount(p.label)) {
                    let p = self.labels.waiting.pop_front().expect("checked above");
                    let position = p.position.clone();
                    self.assign(p, "", position, None, out);
                }
                self.goals_heading = (text.trim() == "总体目标").then(|| Box::new(cell.clone()));
                self.after_sources_heading = text.trim() == "资金来源";
            }
            Label::Tasks => {
                self.close_labels(out);
                self.phase = Phase::Tasks;
                self.tasks.get_or_insert_with(TaskBlock::new);
            }
            Label::Funds(unit) => {
                if self.phase == Phase::Execution {
                    self.execution.heading(cell);
                }
                self.funds.group(unit, &mut self.doc);
            }
            Label::CodeSuffix => {
                if let Some(p) = self.labels.waiting.back_mut() {
                    if let Label::Department { .. } = p.label {
                        p.label = Label::Department { coded: true };
                    }
                }
            }
            Label::ExecutionGroup => {
                self.close_labels(out);
                self.execution.open(&mut self.doc);
                self.phase = Phase::Execution;
            }
            Label::Execution(c) => self.execution.column(c, text, cell, &mut self.doc),
            Label::ExecutionTotal | Label::ExecutionPart => {
                self.start_execution_row(l, text, cell, self.flattened, out)
            }
            Label::Total => {
                self.close_labels(out);
                self.phase = Phase::Trailer;
                self.labels.push_always(l, text, cell, columns);
            }
            Label::FundsColumn(unit) => {
                self.funds.year_column = true;
                self.funds.group(unit, &mut self.doc);
            }
            // `资金来源 | 资金总额` over `其中:财政拨款 | 500`: the columns' headers, not a total.
            Label::PeriodTotal | Label::FundsTotal if after_sources_heading => {}
            // Under a column of this year's amounts (年初安排金额), 资金总额 is the year's total.
            Label::PeriodTotal if self.funds.year_column => self.labels.push(Label::FundsTotal, text, cell, columns),
            Label::PeriodTotal => {
                self.funds.period = true;
                self.labels.push_always(l, text, cell, columns);
            }
            _ => {
                // Sign-off boxes close a table, except above its indicator block: under the
                // 申报表's title (`项目责任人(签字): | 单位(盖章):`), or among the fields
                // (`项目名称 | … | 项目负责人及电话 | …`, the budget block and goals below it).
                let sign_off_first = l == Label::Signature && self.indicators.is_none();
                if matches!(
                    l,
                    Label::Conclusion | Label::Problems | Label::Improvements | Label::Signature | Label::Grade
                ) && !sign_off_first
                {
                    self.phase = Phase::Trailer;
                }
                if let Some(goals) = goals_heading.filter(|_| l == Label::GoalsAchieved) {
                    // `总体目标 | 全年实际完成情况` over the two texts: the heading is the goals'
                    // column header, beside the one of what was achieved.
                    self.labels.push(Label::Goals, &goals.text, &goals, columns);
                }
                self.labels.push(l, text, cell, columns);
            }
        }
    }

    fn set_kind(&mut self, kind: DocumentKind) {
        self.kind_known = true;
        self.doc.kind = kind;
        if kind == DocumentKind::Department {
            self.doc.project = None;
        }
    }

    /// The 序号 held before the indicator block: the block's first column when `l`, the label
    /// after it, is an indicator column header; else reported as the cell of another list.
    fn release_serial(&mut self, l: Label, cell: &Cell, linear: bool, out: &mut Vec<Item>) {
        let Some(held) = self.serial.take() else { return };
        if let Label::Role(_) = l {
            let block = self.indicators.get_or_insert_with(IndicatorBlock::new);
            // Its column: the one before the header's, in a row of cells.
            let col = cell.col.saturating_sub(1);
            block.header_cell(Role::Serial, &Cell { col, ..held }, linear);
        } else {
            out.push(without_label(held));
        }
    }

    /// A cell no field takes that holds an indicator header or row the reader could not take
    /// (`四、年度绩效指标完成情况 一级指标 …`, under the funds block or no label): the reading
    /// then vouches for no kind of indicator being absent.
    fn unread_if_indicators(&mut self, text: &str, at: &Position) {
        if self.indicators.is_none() && super::holds_indicators(text) {
            self.source.unread_indicator(at);
        }
    }

    /// A value cell: it belongs to the oldest label waiting for one.
    pub fn value(&mut self, text: &str, cell: &Cell, out: &mut Vec<Item>) {
        out.extend(self.serial.take().map(without_label));
        let goals_heading = self.goals_heading.take();
        let position = cell.position.clone();
        self.started = true;
        self.labels.after_label = false;
        if self.phase == Phase::Execution {
            self.unread_if_indicators(text, &position);
            let (unit, layout) = (self.funds.unit, self.layout);
            self.execution.value(text, cell, layout, unit, &mut self.doc, out);
            return;
        }
        if self.labels.waiting.front().is_some_and(|p| goals::is_long_text(p.label)) && split::is_points(text) {
            // `年度绩效目标` / `(98分)`: the box's points, on a line of their own; its text follows.
            out.push(Item::Diagnostic(Diagnostic::note(
                "label-points",
                Some(position),
                format!("栏名后的 “{text}” 是这一栏的分值, 不是它的内容, 未读入"),
            )));
            return;
        }
        if let Some((goals, achieved)) = self.two_texts_apart(text) {
            // `年初设定目标 | 年度总体目标完成情况综述` over one line holding both texts apart by a
            // space: the two columns' cells, in order.
            out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                Some(position),
                format!(
                    "两栏长文字在一行, 之间只有一个空格, 按空格分为两栏: “{}” 和 “{}”",
                    excerpt(goals),
                    excerpt(achieved)
                ),
            )));
            self.value(goals, &cell.with_text(goals.to_owned()), out);
            self.value(achieved, &cell.with_text(achieved.to_owned()), out);
            return;
        }
        let (blank, pending) = self.labels.take_for(cell);
        for p in blank {
            let position = p.position.clone();
            self.assign(p, "", position, None, out);
        }
        let blank_long_text = self.blank_long_text.take();
        let Some(pending) = pending else {
            // A long text no label waits for, under the heading 总体目标 (`总体目标` / `完成…项目
            // 投资500, …`), or under a label of long text just given the blank of an empty cell
            // (`年度目标 |` / `|` / `为建立全县统一…`, noted): that label's, while it holds nothing.
            let heading = goals_heading.map(|h| {
                let p = Pending { label: Label::Goals, text: h.text.clone(), position: h.position, place: None };
                (p, false)
            });
            let mut fits =
                |(p, _): &(Pending, bool)| goals::is_long_value(text) && !goals::is_set(&mut self.doc, p.label);
            let taken = heading.filter(&mut fits).or_else(|| blank_long_text.map(|p| (*p, true)).filter(fits));
            if let Some((p, after_blank)) = taken {
                if after_blank {
                    out.push(Item::Diagnostic(Diagnostic::note(
                        "wrapped-cell",
                        Some(position.clone()),
                        format!("“{}”与其内容之间隔着一个空单元格, 读作它的内容", p.text),
                    )));
                }
                return self.assign(p, text, position, Some(cell.col), out);
            }
            self.unread_if_indicators(text, &position);
            out.push(without_label(cell.with_text(text)));
            return;
        };
        self.labels.row_values += 1;
        if pending.label == Label::Total && self.before_indicators() {
            // The 合计 of a list above the indicators (the funds by town): no score of theirs.
            self.labels.waiting.push_front(pending);
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "指标之前的合计行, 不是指标分值的合计")));
            return;
        }
        if pending.label == Label::Total {
            self.execution.total_value(text, position, Some(cell.col));
            // The totals row takes several values; keep it waiting for the rest.
            self.labels.waiting.push_front(pending);
            return;
        }
        self.assign(pending, text, position, Some(cell.col), out);
    }

    /// An explicitly empty cell of a one-cell-per-line layout: the waiting label's value is blank.
    pub fn empty_value(&mut self, position: Position, out: &mut Vec<Item>) {
        if !std::mem::replace(&mut self.labels.after_label, false) {
            return;
        }
        if self.phase == Phase::Execution {
            self.execution.empty_value();
            return;
        }
        if let Some(p) = self.labels.waiting.front() {
            if p.label == Label::Total {
                self.execution.total_value("", position, None);
                return;
            }
        }
        if let Some(p) = self.labels.waiting.pop_front() {
            let long = goals::is_long_text(p.label).then(|| Box::new(p.clone()));
            self.assign(p, "", position, None, out);
            self.blank_long_text = long;
        }
    }

    /// At the end of a row of `cells`, labels still waiting have blank values — unless the row
    /// held only labels: a row of column labels whose values are on the next row, or a row
    /// that is one label, broken by the page before its value (`项目 名称 |` over
    /// `镇际联网路… | 中期预算 | …`).
    pub fn end_row(&mut self, cells: usize, out: &mut Vec<Item>) {
        let waiting = self.labels.waiting.iter().filter(|p| p.label != Label::Total).count();
        let alone = waiting == 1 && cells == 1;
        // One long text alone on its row, under labels of long texts side by side
        // (`中期目标 | 年度目标`): the page gave each of the row's cells a row of its own.
        let one_by_one = cells == 1
            && self.labels.row_values == 1
            && waiting >= 1
            && self.labels.waiting.iter().all(|p| goals::is_long_text(p.label));
        if !(self.labels.row_values == 0 && (waiting >= 2 || alone)) && !one_by_one {
            self.close_labels(out);
        }
        self.labels.row_values = 0;
        self.labels.row += 1;
    }

    /// Gives every waiting label a blank value.
    fn close_labels(&mut self, out: &mut Vec<Item>) {
        while let Some(p) = self.labels.waiting.pop_front() {
            if p.label != Label::Total {
                let position = p.position.clone();
                self.assign(p, "", position, None, out);
            }
        }
    }

    /// Gives a label its value; `col` is the value cell's column, for a long value that the
    /// next line may continue.
    fn assign(&mut self, pending: Pending, value: &str, position: Position, col: Option<u32>, out: &mut Vec<Item>) {
        self.texts.close();
        let value = trim(value);
        if !value.is_empty() && is_instruction(value) {
            // Text is kept as published, so that the review reports the unfilled field the same
            // whichever format the table came in; an amount cannot hold it.
            let amount = matches!(
                pending.label,
                Label::FundsTotal | Label::FundsFiscal | Label::FundsOther | Label::PeriodTotal
            );
            let kept = if amount { "未作为金额读入" } else { "按原样读入, 审核时报告" };
            out.push(Item::Diagnostic(Diagnostic::note(
                "template-instruction",
                Some(position.clone()),
                format!("“{}”的内容是模板的填写说明 ({kept}): “{}”", pending.text, excerpt(value)),
            )));
            if amount {
                return self.assign(pending.clone(), "", pending.position, None, out);
            }
        }
        if is_placeholder(value) {
            out.push(Item::Diagnostic(Diagnostic::note(
                "template-placeholder",
                Some(position.clone()),
                format!("“{}”的内容是未替换的模板占位符: “{}”", pending.text, excerpt(value)),
            )));
        }
        let graded =
            pending.label == Label::Grade && self.doc.self_evaluation.as_ref().is_some_and(|s| s.grade.is_some());
        // 项目属性 and 项目类型 both fill the attribute: the first given, even blank, is it.
        let attribute_read = pending.label == Label::Attribute && std::mem::replace(&mut self.attribute_read, true);
        if graded
            || attribute_read
            || header::is_filled(&self.doc, pending.label)
            || self.funds.is_filled(&self.doc, pending.label)
        {
            // Never overwrite what the table already said: a second value for one field is
            // reported instead (a label written twice, a shifted row).
            if !value.is_empty() {
                let why = if attribute_read {
                    format!("项目属性已由前一栏读到, “{}”一栏的内容未读入", pending.text)
                } else {
                    format!("“{}”已经读到了取值", pending.text)
                };
                out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, &why)));
            }
            return;
        }
        let mut cx = Sink { doc: &mut self.doc, source: &mut self.source, out };
        match pending.label {
            l if header::is_identity(l) => header::assign(l, value, position, &mut cx),
            l if funds::is_amount(l) => self.funds.amount(&pending, value, position, &mut cx),
            l if goals::is_long_text(l) => self.texts.assign(l, value, &position, col, cx.doc),
            Label::Grade => self_evaluation(cx.doc).grade = header::nonempty(value),
            Label::Unmodelled => {
                if !value.is_empty() {
                    cx.out.push(Item::Diagnostic(Diagnostic::note(
                        "unmodelled-field",
                        Some(position),
                        format!("“{}” 在交换格式中没有对应字段, 未读入: “{}”", pending.text, excerpt(value)),
                    )));
                }
            }
            Label::Signature | Label::Attachment => {
                if !value.is_empty() {
                    cx.out.push(Item::Diagnostic(Diagnostic::note(
                        "sign-off",
                        Some(position),
                        format!("签章栏 “{}” 的内容未读入: “{}”", pending.text, excerpt(value)),
                    )));
                }
            }
            _ => {
                if !value.is_empty() {
                    cx.out.push(Item::Diagnostic(Diagnostic::unplaced(position, value, "表头标签不接受取值")));
                }
            }
        }
    }

    /// The table ends: waiting labels get blank values, the blocks are closed and checked.
    pub fn finish(&mut self, out: &mut Vec<Item>) {
        out.extend(self.serial.take().map(without_label));
        let unit = self.funds.unit;
        self.execution.end_row(unit, &mut self.doc, out);
        self.close_labels(out);
        self.finish_tasks();
        let columns =
            self.indicators.as_ref().map_or((None, None), |b| (b.column_of(Role::Weight), b.column_of(Role::Score)));
        self.finish_indicators(out);
        self.execution.keep_totals(&mut self.doc, columns, out);
    }

    /// Whether the table is still in its header, before any indicator block.
    fn before_indicators(&self) -> bool {
        self.phase == Phase::Header && self.indicators.is_none()
    }

    /// Whether a funds block has begun (项目资金) and its year's total is still to come.
    fn funds_without_total(&self) -> bool {
        let opened = self.source.reading.as_ref().is_some_and(|r| r.labels.contains(&HeaderField::Funds));
        opened && self.doc.project.as_ref().is_some_and(|p| p.funds.total.is_none())
    }

    /// Where the indicator header began, when it gave no indicator.
    pub fn header_without_indicators(&self) -> Option<&Position> {
        self.header_at.as_ref().filter(|_| self.doc.indicators.is_empty())
    }
}

/// A cell no label waits for, reported where it is.
fn without_label(cell: Cell) -> Item {
    Item::Diagnostic(Diagnostic::unplaced(cell.position, &cell.text, "它前面没有可以对应的表头标签"))
}
