//! Recognising tables in a stream of rows: where a table starts (its title or first header
//! label), where it ends, and which cells are structure, values or text outside any table. The
//! blocks of a table are read in modules of their own (see [`table`]). The same assembler serves
//! text and spreadsheets; what it cannot place becomes a diagnostic.

pub mod bracketed;
mod fields;
mod funds;
mod garbled;
mod goals;
mod header;
mod indicators;
mod labels;
mod monitoring;
mod outline;
mod projects;
mod self_evaluation;
mod sink;
mod spaced;
mod split;
mod table;
mod tasks;
mod unseparated;
mod vertical;
mod wrap;

use std::borrow::Cow;

use jixiao_core::DocumentKind;
use jixiao_core::source::Position;
use jixiao_core::text::trim;

use self::fields::{StatedUnit, kind_of, year_of};
use self::indicators::IndicatorBlock;
use self::labels::{Label, Role, begins_label, is_footnote, is_furniture, is_other_title, is_title, label, unit_line};
use self::table::{Phase, Table};
use self::wrap::line_of;
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::bytes::has_word;
use crate::read::grid::{Cell, Layout, Row};
use crate::read::{Item, ReadDocument};

/// Whether a cell's text is a label of the templates (a header label such as 项目名称 or an
/// indicator column header such as 一级指标): readers consume such cells as structure.
pub fn is_template_label(text: &str) -> bool {
    label(text, false).is_some() || label(text, true).is_some()
}

/// Which indicator column a header cell names, as far as telling tables apart needs it (two
/// tables side by side on one sheet, each with its header).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeaderWord {
    /// 一级指标
    Level1,
    /// 二级指标
    Level2,
    /// 三级指标
    Name,
    /// Any other column of the indicator block (指标值, 绩效指标 over the levels …).
    Other,
}

/// The indicator column a (trimmed) cell's text names, if it names one.
pub(crate) fn header_word(text: &str) -> Option<HeaderWord> {
    match label(text, false)? {
        Label::Role(Role::Level1) => Some(HeaderWord::Level1),
        Label::Role(Role::Level2 | Role::LongLevel2) => Some(HeaderWord::Level2),
        Label::Role(Role::Name | Role::LongName) => Some(HeaderWord::Name),
        Label::Role(_) | Label::IndicatorGroup => Some(HeaderWord::Other),
        _ => None,
    }
}

/// The most lines [`Assembler::broken`] holds, blank ones included.
const MOST_BROKEN_LINES: usize = 12;

/// Recognises tables in a stream of rows and assembles documents from them. Push rows in
/// input order; completed documents and diagnostics are appended to `out` as soon as known.
#[derive(Debug, Default)]
pub struct Assembler {
    table: Option<Table>,
    /// Text outside any table, gathered into one note per stretch.
    outside: Option<Outside>,
    /// The last title seen, for tables that follow one another under one heading.
    heading: Option<Heading>,
    /// A `单位:万元` line seen outside a table, for the next table's amounts.
    unit: Option<StatedUnit>,
    /// A year line (`（2020年度）`) seen outside a table, under a title not told from prose
    /// (one without 表): the next table's year.
    year: Option<i32>,
    /// Where text outside any table named the indicator columns (a document flattened onto one
    /// line, a table this reader cannot split): a warning at the end if nothing was read.
    header_outside: Option<Position>,
    /// Whether any table of this section gave indicators.
    indicators_read: bool,
    /// Signs that the text outside any table is garbled beyond reading, for saying so when
    /// nothing was read.
    garbled: Garbled,
    /// Whether the cells being read are the words of a document flattened onto one line.
    flattened: bool,
    /// Whether the cells being read are the pieces of a header line split at its labels.
    splitting: bool,
    /// A short cell, one per line, that may be the first line of a wrapped label (`年初`).
    fragment: Option<Cell>,
    /// Targets stated as an outline in prose (`一、产出指标` / `(一)数量指标` / items), being
    /// read; its table is opened at the first item read.
    outline: Option<OutlineState>,
    /// Lines held in an indicator block, one cell per line, that may be one cell broken over
    /// them: an 一级 set a character a line (`产` / `出` / `指` / `标 数量指标 …`), or the
    /// label of a box under the block (`偏差大或` / `目标未完成` / `原因分析`). Blank lines
    /// between them are held too.
    broken: Vec<Cell>,
    /// An indicator header line, its cells apart by spaces, some of whose column names ended
    /// on the next line (`… 三级指标 年度 实际 分值` over `指标值 完成值`), held for that line.
    header_stubs: Option<Cell>,
    /// Whether a held header line is being read as it is, the next line not completing it.
    releasing_header: bool,
    /// Lines without a bar inside a table of `text |` cells, held back: the cell on the next
    /// line may be their continuation (a cell whose text the page broke over lines).
    loose: Vec<Cell>,
    /// The layout of the row being read.
    layout: Layout,
    /// Whether the rows are under the title of a table of another kind (资金安排表): their
    /// 项目名称 and 金额 columns open no target table until a target table's title or
    /// indicator header comes.
    other_table: bool,
}

/// An outline of targets being read: its levels, and its heading lines until an item is read.
#[derive(Debug)]
struct OutlineState {
    levels: outline::Outline,
    /// The heading lines read before the first item; none once the table is opened.
    headings: Vec<Cell>,
    opened: bool,
    /// Where an item not read came before the table was opened: its reading vouches for no
    /// kind of indicator being absent.
    unread: Option<Position>,
}

/// A table's title, with what it says.
#[derive(Debug, Clone)]
struct Heading {
    title: String,
    year: Option<i32>,
    kind: Option<DocumentKind>,
    position: Position,
}

/// The signs of garbling seen in a section's text outside any table: how many, of which kind
/// most, where the first was, and a few to quote.
#[derive(Debug, Default)]
struct Garbled {
    count: usize,
    kinds: [usize; 3],
    first: Option<Position>,
    examples: Vec<String>,
}

impl Garbled {
    /// At least this many signs say a text is garbled rather than merely unread.
    const ENOUGH: usize = 3;

    fn note(&mut self, position: &Position, text: &str) {
        for (kind, example) in garbled::signs(text) {
            self.count += 1;
            self.kinds[kind as usize] += 1;
            self.first.get_or_insert_with(|| position.clone());
            if self.examples.len() < 3 && !self.examples.contains(&example) {
                self.examples.push(example);
            }
        }
    }

    /// The warning that nothing could be read from garbled text, if there were signs enough.
    fn warning(self) -> Option<Diagnostic> {
        if self.count < Self::ENOUGH {
            return None;
        }
        let kinds = [garbled::Garble::Ocr, garbled::Garble::ColumnMajor, garbled::Garble::Readings];
        let most = (0..3).max_by_key(|&k| self.kinds[k]).map_or(kinds[0], |k| kinds[k]);
        let quoted: Vec<String> = self.examples.iter().map(|e| format!("“{e}”")).collect();
        Some(Diagnostic {
            code: "garbled-text",
            severity: crate::diagnostic::Severity::Warning,
            position: self.first,
            until: None,
            message: format!(
                "文字已损坏, 无法可靠读取 ({most}): {} 等 {} 处; 没有读出任何指标, 以免读错",
                quoted.join("、"),
                self.count
            ),
        })
    }
}

/// A stretch of text outside any table, reported as one note from its first to its last cell.
#[derive(Debug)]
struct Outside {
    first: Position,
    last: Position,
    text: String,
    count: usize,
}

impl Outside {
    /// A stretch starting with the cell at `position`.
    fn new(position: &Position, text: &str) -> Self {
        Outside { first: position.clone(), last: position.clone(), text: excerpt(text), count: 1 }
    }

    /// Adds the cell at `position` to the stretch.
    fn add(&mut self, position: &Position) {
        self.count += 1;
        // A replaced heading is noted after the text that followed it: keep the stretch ordered.
        if let (Position::Text { line: a, .. }, Position::Text { line: b, .. }) = (&self.first, position) {
            if b < a {
                self.first = position.clone();
            }
        }
        if let (Position::Text { line: a, .. }, Position::Text { line: b, .. }) = (&self.last, position) {
            if b > a {
                self.last = position.clone();
            }
        }
        if !matches!(position, Position::Text { .. }) {
            self.last = position.clone();
        }
    }

    /// The note on the stretch: where it starts and ends, how many cells it holds, and the first
    /// one's excerpt.
    fn note(self) -> Diagnostic {
        let (message, until) = if self.count > 1 {
            (format!("表格之外的文字 ({} 处), 未读入: “{}” 等", self.count, self.text), Some(self.last))
        } else {
            (format!("表格之外的文字, 未读入: “{}”", self.text), None)
        };
        let mut d = Diagnostic::note("outside-table", Some(self.first), message);
        d.until = until;
        d
    }
}

/// The note that a table's title gives no budget year.
fn missing_year_note(position: Option<Position>) -> Diagnostic {
    Diagnostic::note("missing-year", position, "表名没有写明预算年度, year 为 null".to_owned())
}

impl Assembler {
    /// A new assembler.
    pub fn new() -> Self {
        Assembler::default()
    }

    /// Takes the next row. The row is only borrowed, so that a reader can reuse its buffers.
    pub fn push_row(&mut self, row: &Row, out: &mut Vec<Item>) {
        if row.layout != Layout::Linear {
            if self.header_stubs.is_some() {
                self.release_header_stubs(None, out);
            }
            if self.fragment.is_some() || !self.broken.is_empty() {
                self.release_fragment(out);
            }
        }
        if (self.outline.is_some() || self.table.is_none()) && !self.flattened {
            match &row.cells[..] {
                [cell] if self.outline_line(cell, out) => return,
                _ => self.end_outline(out),
            }
        }
        if !self.loose.is_empty() && row.layout != Layout::Loose {
            if let Some(joined) = self.joined_loose(row, out) {
                self.linear_cell(&joined, out);
                return;
            }
        }
        self.layout = row.layout;
        if let Some(t) = &mut self.table {
            t.layout = row.layout;
        }
        match row.layout {
            Layout::Linear => {
                for cell in &row.cells {
                    self.linear_cell(cell, out);
                }
            }
            Layout::Loose => {
                for cell in &row.cells {
                    self.loose_cell(cell, out);
                }
            }
            Layout::Grid | Layout::Shifting | Layout::Aligned => self.grid_row(row, out),
        }
    }

    /// A line of targets stated as an outline (see [`outline`]): an 一级 heading opens one
    /// outside any table; inside one, headings set the levels and items are read as rows of
    /// 一级, 二级, 三级 and 指标值. `false` for a line that is none of these (it ends the outline).
    fn outline_line(&mut self, cell: &Cell, out: &mut Vec<Item>) -> bool {
        let text = trim(&cell.text);
        let Some(state) = &mut self.outline else {
            let Some(level1) = outline::level1_heading(text) else { return false };
            let bracketed = outline::bracketed(text);
            let levels = outline::Outline { level1: level1.to_owned(), level2: String::new(), bracketed };
            self.outline = Some(OutlineState { levels, headings: vec![cell.clone()], opened: false, unread: None });
            return true;
        };
        if text.is_empty() {
            return true;
        }
        let items = match outline::line(text, &state.levels) {
            None => return false,
            Some(outline::Line::Level1(level1)) => {
                state.levels.level1 = level1.to_owned();
                state.levels.level2.clear();
                if !state.opened {
                    state.headings.push(cell.clone());
                }
                return true;
            }
            Some(outline::Line::Items(items)) => items,
        };
        for (level2, item) in items {
            let Some(state) = &mut self.outline else { break };
            if let Some(level2) = level2 {
                state.levels.level2 = level2.to_owned();
            }
            let Some(item) = item else {
                if !state.opened {
                    state.headings.push(cell.clone());
                }
                continue;
            };
            let parts = outline::item_parts(item).map(|parts| vec![parts]).or_else(|| {
                // Under a 二级 heading, an item may run its name into its figure.
                let parts = outline::figured_items(item).filter(|_| !state.levels.level2.is_empty())?;
                for (name, target) in &parts {
                    out.push(Item::Diagnostic(Diagnostic::note(
                        "split-cell",
                        Some(cell.position.clone()),
                        format!("提纲中的这一项没有比较符, 在数字前分开: 三级指标 “{name}”, 指标值 “{target}”"),
                    )));
                }
                Some(parts)
            });
            let Some(parts) = parts else {
                let why = "提纲中的这一项分不出三级指标和指标值, 未读入";
                out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), item, why)));
                match &mut self.table {
                    Some(t) if state.opened => t.source.unread_indicator(&cell.position),
                    _ => {
                        state.unread.get_or_insert_with(|| cell.position.clone());
                    }
                }
                continue;
            };
            let rows: Vec<[String; 4]> = parts
                .into_iter()
                .map(|(name, target)| {
                    [state.levels.level1.clone(), state.levels.level2.clone(), name.to_owned(), target.to_owned()]
                })
                .collect();
            if !state.opened {
                self.open_outline_table(cell, out);
            }
            for texts in rows {
                let cells: Vec<Cell> =
                    (0..).zip(texts).map(|(col, text)| Cell { text, col, ..cell.with_text(String::new()) }).collect();
                if let Some(t) = &mut self.table {
                    t.takes_indicator_row(&cells, Layout::Grid, out);
                }
            }
        }
        true
    }

    /// The table of an outline's targets, opened at its first item.
    fn open_outline_table(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        let mut at = cell.position.clone();
        let mut unread = None;
        if let Some(state) = &mut self.outline {
            state.opened = true;
            unread = state.unread.take();
            if let Some(first) = std::mem::take(&mut state.headings).first() {
                at = first.position.clone();
            }
        }
        self.open_table(None, out);
        if let Some(t) = &mut self.table {
            let roles = [Role::Level1, Role::Level2, Role::Name, Role::Target];
            t.headless(&at, IndicatorBlock::headless(&roles));
            if let Some(unread) = unread {
                t.source.unread_indicator(&unread);
            }
        }
        out.push(Item::Diagnostic(Diagnostic::note(
            "outline-targets",
            Some(at),
            "绩效目标以提纲写在正文中 (一、产出指标 / (一)数量指标 / 各项指标及其值), 没有表格: 按提纲读作指标, \
             只读入能在比较符号、逗号或末尾的数字处分出三级指标和指标值的项"
                .to_owned(),
        )));
    }

    /// An outline ends: its table, if an item opened one; else its headings are text outside.
    fn end_outline(&mut self, out: &mut Vec<Item>) {
        let Some(state) = self.outline.take() else { return };
        if state.opened {
            self.finish_table(out);
        }
        for h in state.headings {
            self.note_outside(&h.position, trim(&h.text));
        }
    }

    /// The text ended inside a cell of the open table (a page copied short): the reading
    /// vouches for nothing after it, so that no kind of indicator is called missing.
    pub fn cut_short(&mut self, at: &Position) {
        if let Some(t) = self.table.as_mut() {
            t.source.unread_indicator(at);
        }
    }

    /// Ends a section that no table continues across (a sheet, a file).
    pub fn end_section(&mut self, out: &mut Vec<Item>) {
        self.end_outline(out);
        self.flush_loose(out);
        self.release_header_stubs(None, out);
        self.release_fragment(out);
        self.finish_table(out);
        self.flush_outside(out);
        let garbled = std::mem::take(&mut self.garbled);
        let garbled = if self.indicators_read { None } else { garbled.warning() };
        if let Some(warning) = garbled {
            // Said instead of the warning that a header had nothing readable under it.
            self.header_outside = None;
            out.push(Item::Diagnostic(warning));
        }
        if let Some(at) = self.header_outside.take() {
            if !self.indicators_read {
                out.push(Item::Diagnostic(no_indicators(
                    at,
                    "表格之外的文字里有指标表头 (一级指标、三级指标…), 但没有读出任何指标: 单元格之间可能没有分隔",
                )));
            }
        }
        self.indicators_read = false;
        self.other_table = false;
        self.heading = None;
        self.unit = None;
        self.year = None;
    }

    /// Ends the input.
    pub fn finish(mut self, out: &mut Vec<Item>) {
        self.end_section(out);
    }

    /// A row whose cells are in order: in the indicator block a data row is read as a whole;
    /// elsewhere cell by cell.
    fn grid_row(&mut self, row: &Row, out: &mut Vec<Item>) {
        let layout = row.layout;
        // Readers give trimmed, non-empty cells; a cheap look at the ends catches other rows,
        // whose cells are then trimmed here.
        let clean = row.cells.iter().all(|c| {
            let b = c.text.as_bytes();
            b.first().is_some_and(|x| !x.is_ascii_whitespace()) && b.last().is_some_and(|x| !x.is_ascii_whitespace())
        });
        let cells: Cow<'_, [Cell]> = if clean {
            Cow::Borrowed(&row.cells)
        } else {
            Cow::Owned(
                row.cells
                    .iter()
                    .filter(|c| !trim(&c.text).is_empty())
                    .map(|c| c.with_text(trim(&c.text).to_owned()))
                    .collect(),
            )
        };
        if cells.is_empty() {
            return;
        }
        if cells.len() == 1 && is_page_number(&cells[0].text) {
            // A page number, wherever it falls.
            out.push(furniture_note(&cells[0]));
            return;
        }
        let cells = match glued_header_start(&cells) {
            Some(prose) => {
                // The page's text ran into the header's first cell (`…请以附件为准)一级指标 |
                // 二级指标 | …`): it is the page's, the rest the header's.
                self.note_outside(&cells[0].position, prose);
                let mut owned = cells.into_owned();
                owned[0].text = "一级指标".to_owned();
                Cow::Owned(owned)
            }
            None => cells,
        };
        // A header row comes before the indicator rows: they are not looked at again.
        let before_indicators = self.table.as_ref().is_none_or(|t| t.phase != Phase::Indicators);
        if let Some((columns, first_role)) = before_indicators.then(|| projects::header(&cells)).flatten() {
            // A sheet that lists several projects: the project columns are kept, the rest is
            // the indicator header.
            if self.table.is_none() {
                self.open_table(None, out);
            }
            if let Some(t) = &mut self.table {
                t.list_projects(columns);
            }
            for cell in &cells[first_role..] {
                self.cell(cell, false, out);
            }
            if let Some(t) = &mut self.table {
                t.end_row(cells.len() - first_role, out);
            }
            return;
        }
        if let Some(t) = self.table.as_ref().filter(|t| t.projects.is_some() && t.phase == Phase::Indicators) {
            if !ends_block(&cells[0].text) {
                if t.starts_next_project(&cells) {
                    let next = t.next_project();
                    self.finish_table(out);
                    self.table = Some(next);
                }
                if let Some(t) = &mut self.table {
                    t.project_row(&cells, layout, out);
                }
                return;
            }
        }
        let in_header = self.table.as_ref().is_some_and(|t| t.indicators.is_none() && t.phase != Phase::Execution);
        if let Some(t) = self.table.as_mut().filter(|_| in_header && is_budget_heading(&cells)) {
            // `项目资金 (万元) | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分` under no
            // self-evaluation title: its 分值 and 得分 are the budget block's, not an indicator header's.
            t.open_execution(out);
        }
        if is_page_chrome(&cells) {
            // `内容保障 | 公务邮箱`: the links of the page's footer, after whatever table it had.
            self.finish_table(out);
            for cell in cells.iter() {
                self.note_outside(&cell.position, &cell.text);
            }
            return;
        }
        let headless = self.table.is_none() && layout == Layout::Shifting && !self.flattened;
        if let Some(roles) = headless.then(|| indicators::headless_header(&cells)).flatten() {
            // A copy that starts inside a table, under its header: the row says its columns.
            self.open_table(None, out);
            if let Some(t) = &mut self.table {
                t.headless(&cells[0].position, IndicatorBlock::headless(&roles));
                // The rows above it were not in the text: the reading vouches for no kind of
                // indicator being absent.
                t.source.unread_under_header(&cells[0].position);
            }
            out.push(Item::Diagnostic(Diagnostic::note(
                "headless-rows",
                Some(cells[0].position.clone()),
                "指标行上方没有表头 (摘录从表格中间开始): 按这一行的内容定各栏 (一级、二级、三级指标、指标值), \
                 指标值之后各栏不知是什么, 其单元格逐一报出"
                    .to_owned(),
            )));
        }
        if self.table.as_ref().is_some_and(|t| t.phase == Phase::Indicators) && is_another_tables_header(&cells) {
            // `序号 | 学校性质 | 培训机构 | …` under the indicators: a table of another kind
            // follows (an allocation list), whose rows are no indicators.
            self.finish_table(out);
        }
        if let Some(table) = &mut self.table {
            if table.continues_text(&cells, layout, out) {
                return;
            }
            if table.takes_funds_management_row(&cells, out)
                || table.takes_unlabelled_part_row(&cells, layout, out)
                || table.takes_task_row(&cells, out)
                || table.takes_indicator_row(&cells, layout, out)
            {
                return;
            }
        }
        for cell in cells.iter() {
            self.cell(cell, false, out);
        }
        if let Some(table) = &mut self.table {
            table.end_row(cells.len(), out);
        }
    }

    /// A cell of a layout with one cell per line. A short cell that a label starts with waits
    /// for the next: together they may be one label wrapped over two lines (`年初` / `预算数`).
    fn linear_cell(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if let Some(first) = self.caption_beside_level1(text) {
            // `绩效指标 一级` over `指标`: the group caption's cell, and the first line of the
            // 一级 column's header, which the next line completes as a cell of its own would.
            self.linear_cell_step(&cell.with_text("绩效指标".to_owned()), out);
            self.linear_cell_step(&cell.with_text(first.to_owned()), out);
            return;
        }
        if !self.holds_broken(cell, text, out) {
            self.linear_cell_step(cell, out);
        }
    }

    /// The 一级 column's header (whole, or its first line) when `text` is the group caption
    /// and that header apart by a space, where a table's header is read (`绩效指标 一级`).
    fn caption_beside_level1<'t>(&self, text: &'t str) -> Option<&'t str> {
        let rest = text.strip_prefix("绩效指标 ")?.trim_start();
        let header = self.table.as_ref().is_some_and(|t| matches!(t.phase, Phase::Header | Phase::Execution));
        (header && !self.flattened && matches!(rest, "一级" | "一级指标" | "一級" | "一級指標")).then_some(rest)
    }

    /// A cell of a layout with one cell per line, past the characters of a vertical name.
    #[inline]
    fn linear_cell_step(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if let Some(first) = self.fragment.take() {
            let joined = format!("{}{text}", trim(&first.text));
            if !text.is_empty() && (label(&joined, false).is_some() || label(&joined, true).is_some()) {
                out.push(Item::Diagnostic(Diagnostic::note(
                    "wrapped-cell",
                    Some(first.position.clone()),
                    format!("表头标签分在两行, 已连成 “{joined}”"),
                )));
                self.linear_cell_now(&Cell { text: joined, ..first }, out);
                return;
            }
            self.linear_cell_now(&first, out);
        }
        let phase = self.table.as_ref().map(|t| t.phase);
        if !self.flattened
            && matches!(phase, Some(Phase::Header | Phase::Execution))
            && begins_label(text)
            && label(text, phase == Some(Phase::Execution)).is_none()
        {
            self.fragment = Some(cell.clone());
            return;
        }
        self.linear_cell_now(cell, out);
    }

    /// Reads a held header line: completed by `next` where its words end the line's broken
    /// column names (then `next` is taken, and true returned), else as it is.
    fn release_header_stubs(&mut self, next: Option<&Cell>, out: &mut Vec<Item>) -> bool {
        let Some(held) = self.header_stubs.take() else { return false };
        if let Some(whole) = next.and_then(|n| split::complete_stubs(trim(&held.text), trim(&n.text))) {
            out.push(Item::Diagnostic(Diagnostic::note(
                "wrapped-cell",
                Some(held.position.clone()),
                format!("表头的栏名分在两行, 已连成 “{}”", excerpt(&whole)),
            )));
            self.linear_cell_now(&held.with_text(whole), out);
            return true;
        }
        self.releasing_header = true;
        self.linear_cell_now(&held, out);
        self.releasing_header = false;
        false
    }

    /// Whether `cell` is taken as a line of a cell broken over several ([`Self::broken`]), or
    /// as the line that ends one (then read, joined with the held lines).
    #[inline]
    fn holds_broken(&mut self, cell: &Cell, text: &str, out: &mut Vec<Item>) -> bool {
        // Levels are set a character a line inside the block; the boxes under it come after
        // it, and after each other.
        let phase = self.table.as_ref().map(|t| t.phase);
        let in_block = phase == Some(Phase::Indicators);
        if !(in_block || phase == Some(Phase::Trailer)) || self.flattened || self.fragment.is_some() {
            if !self.broken.is_empty() {
                self.release_broken(out);
            }
            return false;
        }
        if self.broken.is_empty() {
            // Nearly every cell: nothing held, and none of the lines a broken cell starts with.
            let starts = (in_block && vertical::is_one_character(text)) || labels::begins_closing_label(text);
            if starts {
                self.broken.push(cell.clone());
            }
            return starts;
        }
        // Lines are held only from a line with text on: what is held has some.
        let held: String = self.broken.iter().map(|c| trim(&c.text)).collect();
        if text.is_empty() || self.broken.len() >= MOST_BROKEN_LINES {
            if text.is_empty() && self.broken.len() < MOST_BROKEN_LINES {
                self.broken.push(cell.clone());
                return true;
            }
            self.release_broken(out);
            return false;
        }
        let characters = vertical::is_one_character(text) && held.chars().count() < vertical::LONGEST;
        if characters && self.broken.iter().all(|c| trim(&c.text).chars().nth(1).is_none()) {
            self.broken.push(cell.clone());
            return true;
        }
        let joined = format!("{held}{text}");
        if labels::begins_closing_label(&joined) {
            self.broken.push(cell.clone());
            return true;
        }
        let first = self.broken.iter().find(|c| !trim(&c.text).is_empty()).cloned();
        let Some(first) = first else { return false };
        if labels::is_closing_label(&joined) {
            self.broken.clear();
            out.push(Item::Diagnostic(Diagnostic::note(
                "wrapped-cell",
                Some(first.position.clone()),
                format!("表格下方的栏名分在几行, 已连成 “{joined}”"),
            )));
            self.linear_cell_step(&first.with_text(joined), out);
            return true;
        }
        let Some(ending) = vertical::ending(&held, text) else {
            self.release_broken(out);
            return false;
        };
        self.broken.clear();
        let name = match &ending {
            vertical::Ending::Alone(name) => name.as_str(),
            vertical::Ending::Into(line) => line.split(' ').next().unwrap_or(line),
        };
        out.push(Item::Diagnostic(Diagnostic::note(
            "wrapped-cell",
            Some(first.position.clone()),
            format!("指标级次一行一个字, 已连成 “{name}”"),
        )));
        match ending {
            vertical::Ending::Alone(name) => {
                self.linear_cell_step(&first.with_text(name), out);
                false
            }
            vertical::Ending::Into(line) => {
                self.linear_cell_step(&first.with_text(line), out);
                true
            }
        }
    }

    /// Held lines that made no cell together: cells of their own, as they came.
    fn release_broken(&mut self, out: &mut Vec<Item>) {
        if self.broken.is_empty() {
            return;
        }
        for cell in std::mem::take(&mut self.broken) {
            self.linear_cell_step(&cell, out);
        }
    }

    /// A held first line of a label that the next cell did not complete: a cell of its own.
    fn release_fragment(&mut self, out: &mut Vec<Item>) {
        self.release_broken(out);
        if let Some(first) = self.fragment.take() {
            self.linear_cell_now(&first, out);
        }
    }

    fn linear_cell_now(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        if self.header_stubs.is_some() && self.release_header_stubs(Some(cell), out) {
            return;
        }
        let text = trim(&cell.text);
        // (A one-line document's words, read one by one, hold none: the page's end is lines.)
        if !self.flattened && is_chrome_line(text) {
            // The page's furniture below its table (`扫一扫`): the table has ended.
            self.finish_table(out);
            self.note_outside(&cell.position, text);
            return;
        }
        if !self.flattened && unseparated::is_unseparated(text) {
            if let Some(pieces) = unseparated::cut(text) {
                // A whole document on this line: the table before it has ended.
                self.finish_table(out);
                self.read_unseparated(pieces, cell, out);
                return;
            }
        }
        let spaced_project = self
            .table
            .as_ref()
            .filter(|t| t.phase == Phase::Indicators && !self.flattened)
            .and_then(|t| t.spaced_project_row(cell));
        let rest;
        let cell = match spaced_project {
            // A project's first line in a spaced sheet of projects: its values go to its
            // header (a project already read ends its table), its indicator cells on below.
            Some((fields, indicators)) => {
                if self.table.as_ref().is_some_and(Table::names_project) {
                    let next = self.table.as_ref().map(Table::next_project);
                    self.finish_table(out);
                    self.table = next;
                }
                if let Some(t) = &mut self.table {
                    t.take_project_fields(&fields, true, out);
                }
                rest = indicators;
                &rest
            }
            None => cell,
        };
        if let Some(table) = &mut self.table {
            if !text.is_empty() && is_page_number(text) {
                out.push(furniture_note(cell));
                return;
            }
            if table.takes_indicator_cell(cell, self.flattened, out) {
                return;
            }
            if text.is_empty() {
                table.empty_value(cell.position.clone(), out);
                return;
            }
        }
        if !text.is_empty() {
            self.cell(cell, true, out);
        }
    }

    /// A line that is not a cell: a title, a unit line, or text the table cannot use.
    fn loose_cell(&mut self, cell: &Cell, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if text.is_empty() {
            return;
        }
        if is_title(text) || is_other_title(text) || unit_line(text).is_some() {
            self.flush_loose(out);
            self.cell(cell, true, out);
            return;
        }
        match &self.table {
            Some(t) if t.started => {
                let follows = self.loose.last().and_then(|c| line_of(&c.position)).map(|l| l + 1);
                if !self.loose.is_empty() && follows != line_of(&cell.position) {
                    self.flush_loose(out);
                }
                let held: usize = self.loose.iter().map(|c| c.text.chars().count()).sum();
                if held + text.chars().count() <= WRAPPED_CELL_MAX {
                    self.loose.push(cell.with_text(text.to_owned()));
                } else {
                    self.flush_loose(out);
                    out.push(stray_note(cell, text));
                }
            }
            _ => self.note_outside(&cell.position, text),
        }
    }

    /// The cell that the lines held in `loose` begin, when `row` is the one cell on the next
    /// line that ends it (`打造金安国际网球` / `公开赛等系列品牌赛事 |`); otherwise the held
    /// lines are reported as stray text.
    fn joined_loose(&mut self, row: &Row, out: &mut Vec<Item>) -> Option<Cell> {
        let next = self.loose.last().and_then(|c| line_of(&c.position)).map(|l| l + 1);
        match &row.cells[..] {
            [cell]
                if row.layout == Layout::Linear && !trim(&cell.text).is_empty() && line_of(&cell.position) == next =>
            {
                let held = std::mem::take(&mut self.loose);
                let mut text: String = held.iter().map(|c| trim(&c.text)).collect();
                text.push_str(trim(&cell.text));
                out.push(Item::Diagnostic(Diagnostic::note(
                    "wrapped-cell",
                    Some(held[0].position.clone()),
                    format!("单元格的文字分在 {} 行, 已连成 “{}”", held.len() + 1, excerpt(&text)),
                )));
                Some(held[0].with_text(text))
            }
            _ => {
                self.flush_loose(out);
                None
            }
        }
    }

    /// Reports the lines held in `loose` as stray text.
    fn flush_loose(&mut self, out: &mut Vec<Item>) {
        for cell in std::mem::take(&mut self.loose) {
            out.push(stray_note(&cell, trim(&cell.text)));
        }
    }

    /// One cell outside the indicator data: titles, labels, values.
    fn cell(&mut self, cell: &Cell, linear: bool, out: &mut Vec<Item>) {
        let text = trim(&cell.text);
        if is_furniture(text) {
            if is_table_number(text) {
                // A table number (表十二) heads the next table.
                self.finish_table(out);
            }
            out.push(furniture_note(cell));
            return;
        }
        if linear && !self.flattened && self.table.as_mut().is_some_and(|t| t.continues_list(text)) {
            return;
        }
        if let Some(unit) = unit_line(text) {
            if text.starts_with(['(', '（']) {
                out.push(Item::Diagnostic(Diagnostic::note(
                    "wrapped-cell",
                    Some(cell.position.clone()),
                    format!("单独一行的 “{text}” 读作上一个标签的金额单位"),
                )));
            }
            match &mut self.table {
                Some(t) => t.funds.unit = Some(unit),
                None => self.unit = Some(unit),
            }
            return;
        }
        if is_title(text) && !self.table.as_ref().is_some_and(Table::names_in_row) {
            self.start_title(text.to_owned(), cell.position.clone(), out);
            return;
        }
        if is_other_title(text) {
            // A list of the funds by town under a notice, between its mention of the target
            // table and the table itself: its rows are no target table's.
            self.finish_table(out);
            self.other_table = true;
            self.note_outside(&cell.position, text);
            return;
        }
        if linear && !self.flattened && is_flattened(text) {
            // A whole document on one line, its cells separated by spaces (a .docx saved as
            // text): read word by word, as if each were a cell on a line of its own.
            out.push(Item::Diagnostic(Diagnostic::note(
                "split-cell",
                Some(cell.position.clone()),
                "整份表格在一行里, 单元格之间只有空格: 按空格拆分后逐格读入".to_owned(),
            )));
            self.flattened = true;
            let mut words = text.split_whitespace().peekable();
            while let Some(word) = words.next() {
                // A bracket after a space belongs to the word before (`项目资金 (万元)`).
                let mut word = word.to_owned();
                while let Some(next) = words.next_if(|w| w.starts_with(['(', '（']) && year_of(w).is_none()) {
                    word.push(' ');
                    word.push_str(next);
                }
                self.linear_cell(&cell.with_text(word), out);
            }
            self.flattened = false;
            return;
        }
        if linear && !self.flattened && self.table.as_ref().is_none_or(|t| t.projects.is_none()) {
            if let Some((fields, rest)) = projects::spaced_header(text) {
                // A sheet of projects whose header line ran together with single spaces: the
                // project columns are kept, the rest read as the indicator header's line.
                if self.table.is_none() {
                    self.open_table(None, out);
                }
                let first = u32::try_from(fields.len()).unwrap_or(u32::MAX);
                if let Some(t) = &mut self.table {
                    let fields = fields.into_iter().zip(0..).collect();
                    t.list_projects(projects::ProjectColumns { fields, first_indicator: first });
                }
                self.cell(
                    &Cell { col: cell.col.saturating_add(first), ..cell.with_text(rest.to_owned()) },
                    linear,
                    out,
                );
                return;
            }
        }
        let mut in_execution = self.table.as_ref().is_some_and(|t| t.phase == Phase::Execution);
        if let Some(t) = self.table.as_mut().filter(|t| !in_execution && t.opens_execution(text)) {
            // A self-evaluation's 资金情况 block headed by its columns (全年预算数(A) …) rather
            // than by 预算执行情况.
            t.open_execution(out);
            in_execution = true;
        }
        let mut found = label(text, in_execution);
        if in_execution && found.is_none() && linear && !self.flattened && text.len() >= 8 && text.contains(' ') {
            if let Some(t) = &mut self.table {
                if t.spaced_execution_row(cell, out) {
                    t.end_row(1, out);
                    return;
                }
            }
        }
        if let Some(Label::Role(r)) = found {
            let no_block = self.table.as_ref().is_none_or(|t| t.indicators.is_none());
            let opens = if self.flattened {
                r == Role::Level1
            } else {
                matches!(
                    r,
                    Role::Level1
                        | Role::Level2
                        | Role::Name
                        | Role::Target
                        | Role::Category
                        | Role::Policy
                        | Role::LongLevel2
                        | Role::LongName
                        | Role::LongTarget
                        | Role::Serial
                )
            };
            if no_block && !opens && linear {
                // One cell per line: 分值, 得分 … before any level or 三级 column are the budget
                // block's, not an indicator header's (in a flattened document only 一级指标
                // opens one).
                found = None;
            }
        }
        // A run of header words starts with 一级指标, or a group caption (绩效指标, 年度绩效目标).
        let may_be_header = text.len() >= 18 && matches!(text.chars().next(), Some('一' | '绩' | '年'));
        // `一级指标 二级指标 三级指标 指标值` is taken by label() for its first word alone.
        let first_of_run = matches!(found, Some(Label::Role(_))) && text.contains(' ');
        if (found.is_none() || first_of_run) && self.table.is_some() && may_be_header && has_word(text, "指标") {
            let words = split::header_words(text);
            if words.is_none() && linear && !self.flattened && !self.releasing_header && split::header_stubs(text) > 0 {
                self.header_stubs = Some(cell.clone());
                return;
            }
            if let Some((words, joined)) = words {
                // A header line whose cells ran together: its words, one by one, as if apart.
                for (i, (role, word)) in words.into_iter().enumerate() {
                    let col = cell.col.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
                    let word_cell = Cell { col, ..cell.with_text(word) };
                    let block = self.table.as_mut().and_then(|t| t.indicators.as_mut());
                    match block {
                        // A column of another kind (指标解释, 备注) is no label of its own here:
                        // it holds the place of its cells in the rows.
                        Some(block) if role == Role::Note => block.header_cell(Role::Note, &word_cell, linear),
                        _ => self.cell(&word_cell, linear, out),
                    }
                }
                if let Some(block) = self.table.as_mut().and_then(|t| t.indicators.as_mut()) {
                    block.joined = Some(joined);
                }
                let how = if joined == split::Joined::Spaces { "只有空格" } else { "没有分隔符" };
                out.push(Item::Diagnostic(Diagnostic::note(
                    "split-cell",
                    Some(cell.position.clone()),
                    format!("指标表头的单元格之间{how}, 按表头词拆分, 其下各行也按内容拆分: “{}”", excerpt(text)),
                )));
                return;
            }
        }
        let in_fields = linear && self.table.as_ref().is_some_and(|t| t.started && t.phase == Phase::Header);
        if found.is_none() && in_fields && !self.splitting && !self.flattened {
            if let Some((l, value)) = label_colon_value(text) {
                // `资金总额: 250` among the fields: a label and its value, the colon between them.
                self.splitting = true;
                self.cell(&cell.with_text(l.to_owned()), linear, out);
                self.cell(&cell.with_text(value.to_owned()), linear, out);
                self.splitting = false;
                return;
            }
        }
        if found.is_none() && !self.splitting && !self.flattened {
            let spaced = spaced::header_pieces(text, in_execution);
            let how = if spaced.is_some() { "只有空格" } else { "没有分隔符" };
            let pieces = spaced.or_else(|| {
                // Label and value with nothing between: only where the header is read and no
                // label waits for a value (a value may start with a label's words: 项目资金全部到位).
                let header = self.table.as_ref().is_some_and(|t| t.phase == Phase::Header && !t.waits_for_value());
                header.then(|| spaced::joined_pieces(text)).flatten()
            });
            if let Some(pieces) = pieces {
                // Header cells run together: split at the labels, as if apart.
                out.push(Item::Diagnostic(Diagnostic::note(
                    "split-cell",
                    Some(cell.position.clone()),
                    format!("表头的单元格之间{how}, 按表头标签拆分: “{}”", excerpt(text)),
                )));
                self.splitting = true;
                for piece in pieces {
                    match piece {
                        spaced::Piece::Label(t) | spaced::Piece::Value(t) => {
                            self.cell(&cell.with_text(t.to_owned()), linear, out);
                        }
                        spaced::Piece::Unplaced(t) => out.push(Item::Diagnostic(Diagnostic::unplaced(
                            cell.position.clone(),
                            t,
                            "单元格之间只有空格, 这几个词不是已知的表头标签, 无法确定属于哪一栏",
                        ))),
                    }
                }
                self.splitting = false;
                return;
            }
        }
        if found == Some(Label::Attachment) && text == "备注" {
            // Beside the indicator block's column headers, before any of its rows, 备注 is a
            // column of remarks, not the page's closing note.
            if self.table.as_mut().is_some_and(|t| t.takes_remarks_column(cell, linear)) {
                return;
            }
        }
        if found == Some(Label::Attachment) || is_footnote(text) {
            // 附件, 备注 and footnotes under a table close it: what follows is the page's.
            self.finish_table(out);
        }
        if let Some(l) = found {
            if self.starts_new_table(l) {
                self.finish_table(out);
            }
            if self.table.is_none() && opens_table(l) && (!self.other_table || l == Label::Role(Role::Level1)) {
                self.other_table = false;
                self.open_table(None, out);
            }
        }
        if self.table.is_none() && !self.flattened {
            if let Some((rows, rest)) = split::headless_rows(text) {
                self.open_table(None, out);
                if let Some(t) = &mut self.table {
                    t.headless(&cell.position, IndicatorBlock::inferred());
                }
                out.push(Item::Diagnostic(Diagnostic::note(
                    "split-cell",
                    Some(cell.position.clone()),
                    "没有表头, 各行单元格之间也没有分隔: 按内容读作一级、二级、三级指标和指标值 (其间的数字不知是哪一栏, 不读入)"
                        .to_owned(),
                )));
                for row in rows {
                    if row.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
                        let why = "没有表头, 不知这个数是哪一栏 (分值、得分…)";
                        out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), row, why)));
                        continue;
                    }
                    self.linear_cell_now(&cell.with_text(row.to_owned()), out);
                }
                if !rest.is_empty() {
                    out.push(Item::Diagnostic(Diagnostic::unplaced(
                        cell.position.clone(),
                        rest,
                        "没有表头, 无法确定这些文字属于哪一栏",
                    )));
                }
                return;
            }
        }
        let Some(table) = self.table.as_mut() else {
            match table::year_line(text) {
                Some(year) => self.year = Some(year),
                None => self.note_outside(&cell.position, text),
            }
            return;
        };
        if !table.started && found.is_none() {
            // Between a title and its first label: the title's year, or text around the table.
            if !table.year_cell(text) {
                self.note_outside(&cell.position, text);
            }
            return;
        }
        table.flattened = self.flattened;
        if found.is_none() && table.doc.year.is_none() && table.phase == Phase::Header {
            if let Some(year) = table::year_line(text) {
                // `(2021年度)` among the header's fields (a form that prints it below its first
                // labels): the year, not the value of the label before it.
                table.doc.year = Some(year);
                return;
            }
        }
        match found {
            Some(l) => table.label(l, text, cell, linear, out),
            None => table.value(text, cell, out),
        }
    }

    /// Whether `l` begins a table of its own: the current table already has what it names.
    fn starts_new_table(&self, l: Label) -> bool {
        let Some(t) = &self.table else { return false };
        if !t.started {
            return false;
        }
        match l {
            Label::ProjectName => {
                t.doc.project.as_ref().is_some_and(|p| !p.name.is_empty()) || t.phase != Phase::Header
            }
            Label::Department { .. } => !t.doc.department.is_empty() && t.phase != Phase::Header,
            _ => false,
        }
    }

    fn start_title(&mut self, text: String, position: Position, out: &mut Vec<Item>) {
        if let Some(t) = &self.table {
            let repeats =
                t.heading.as_ref().is_some_and(|h| h.title.len() > text.len() && h.title.ends_with(text.as_str()));
            if !t.started && repeats {
                // The page's heading, then the table's own generic one (绩效目标申报表): the
                // heading names the project, and stays.
                self.note_outside(&position, &text);
                return;
            }
            // A heading with no table under it (a mention in prose, a page heading) is noted as
            // text outside the tables.
            self.finish_table(out);
        }
        self.other_table = false;
        // Stripped prefix by prefix as `trim_start_matches` would, without setting up its
        // substring search twice for every title.
        let mut title = text.as_str();
        while let Some(rest) = title.strip_prefix("附件:") {
            title = rest;
        }
        while let Some(rest) = title.strip_prefix("附件：") {
            title = rest;
        }
        let title = without_page_leader(title).to_owned();
        let heading = Heading { year: year_of(&title), kind: kind_of(&title), title, position };
        self.heading = Some(heading.clone());
        self.open_table(Some(heading), out);
    }

    fn open_table(&mut self, heading: Option<Heading>, out: &mut Vec<Item>) {
        self.flush_outside(out);
        let heading = heading.or_else(|| self.heading.clone());
        let mut table = Table::new(heading, self.unit, self.layout);
        if let Some(year) = self.year.take() {
            table.year_cell(&format!("{year}年"));
        }
        self.table = Some(table);
    }

    fn finish_table(&mut self, out: &mut Vec<Item>) {
        let Some(mut t) = self.table.take() else { return };
        if !t.started {
            if let Some(h) = t.heading {
                self.note_outside(&h.position, &h.title);
            }
            return;
        }
        t.finish(out);
        if let Some(at) = t.header_without_indicators().cloned() {
            // The reading then vouches for no kind of indicator being absent.
            t.source.unread_under_header(&at);
            out.push(Item::Diagnostic(no_indicators(at, "表中有指标表头, 但其下没有读出任何指标")));
        }
        if let Some(at) = self.header_outside.as_ref().filter(|_| t.doc.indicators.is_empty()) {
            // The indicator header was in text the reader could not split (its warning comes at
            // the section's end): the table may have every kind of indicator.
            t.source.unread_under_header(at);
        }
        if !t.doc.indicators.is_empty() {
            self.indicators_read = true;
        }
        if t.doc.year.is_none() {
            out.push(Item::Diagnostic(missing_year_note(t.source.document.clone())));
        }
        out.push(Item::Document(Box::new(ReadDocument { document: t.doc, source: t.source })));
    }

    /// Reads the pieces of a document with nothing between its cells, one by one as if apart;
    /// every cut that is a guess is noted with the text it cut.
    fn read_unseparated(&mut self, pieces: Vec<unseparated::Piece<'_>>, cell: &Cell, out: &mut Vec<Item>) {
        use unseparated::Piece;
        out.push(Item::Diagnostic(Diagnostic::note(
            "split-cell",
            Some(cell.position.clone()),
            "整份表格在一行里, 单元格之间没有任何分隔: 按表头标签、指标级次、数字和指标值的写法拆分, 只在只有一种拆法时读入"
                .to_owned(),
        )));
        let at = |text: &str| cell.with_text(text.to_owned());
        let note =
            |message: String| Item::Diagnostic(Diagnostic::note("split-cell", Some(cell.position.clone()), message));
        self.flattened = true;
        for piece in pieces {
            match piece {
                Piece::Outside(text) => self.note_outside(&cell.position, text),
                Piece::Cell(text) => self.linear_cell(&at(text), out),
                Piece::Halves(text) => {
                    let half = &text[..text.len() / 2];
                    out.push(note(format!("“{text}” 读作相同的指标值和实际完成值 “{half}” (两栏之间没有分隔)")));
                    self.linear_cell(&at(half), out);
                    self.linear_cell(&at(half), out);
                }
                Piece::Repeated(first, second) => {
                    out.push(note(format!(
                        "年初设定目标与完成情况连在一起, 在完成情况重复目标末句处分开: “{}” | “{}”",
                        excerpt(first),
                        excerpt(second)
                    )));
                    self.linear_cell(&at(first), out);
                    self.linear_cell(&at(second), out);
                }
                Piece::Placeholder(text) => out.push(note(format!("占位的 “{text}”, 未读入"))),
                Piece::Unplaced(text, why) => {
                    if holds_indicators(text) {
                        // The indicators in the rest of the line were not read: the reading
                        // vouches for no kind of them being absent.
                        if let Some(t) = self.table.as_mut() {
                            t.source.unread_indicator(&cell.position);
                        }
                    }
                    out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), text, why)));
                }
            }
        }
        self.release_fragment(out);
        self.flattened = false;
    }

    /// Gathers text outside any table; [`Assembler::flush_outside`] reports each stretch once.
    fn note_outside(&mut self, position: &Position, text: &str) {
        self.garbled.note(position, text);
        if self.header_outside.is_none() && names_indicator_columns(text) {
            self.header_outside = Some(position.clone());
        }
        match &mut self.outside {
            Some(o) => o.add(position),
            None => self.outside = Some(Outside::new(position, text)),
        }
    }

    fn flush_outside(&mut self, out: &mut Vec<Item>) {
        if let Some(o) = self.outside.take() {
            out.push(Item::Diagnostic(o.note()));
        }
    }
}

/// Whether a line is a whole document flattened onto it: long, with spaces between its cells,
/// and naming the indicator columns one by one.
fn is_flattened(text: &str) -> bool {
    text.len() > 600 && text.contains(" 一级指标 二级指标 三级指标 ")
}

/// Whether text names the indicator columns of a table (一级指标, 三级指标, in either script).
fn names_indicator_columns(text: &str) -> bool {
    ["三级指标", "三級指標", "一级指标", "一級指標"].iter().any(|w| text.contains(w))
}

/// Whether text left unread holds indicators: the indicator header's words, or an 一级's name.
fn holds_indicators(text: &str) -> bool {
    names_indicator_columns(text)
        || ["产出指标", "效益指标", "满意度指标", "產出指標", "效益指標"].iter().any(|w| text.contains(w))
}

/// The warning that a table's indicators could not be read.
fn no_indicators(at: Position, message: &str) -> Diagnostic {
    Diagnostic {
        code: "no-indicators",
        severity: crate::diagnostic::Severity::Warning,
        position: Some(at),
        until: None,
        message: message.to_owned(),
    }
}

/// A page number (`— 1 —`, `第 2 页`): furniture anywhere, even inside an indicator block.
/// A field's label and its value on one line, a colon between them (`资金总额: 250`): the
/// label with its colon, and the value, which is short and holds no label of its own.
fn label_colon_value(text: &str) -> Option<(&str, &str)> {
    // A label is at most 14 characters: its colon is among the first bytes, and a long value
    // is not scanned to its end for one.
    let head = &text.as_bytes()[..text.len().min(48)];
    let (at, colon) = match head.iter().position(|&b| b == b':') {
        Some(at) => (at, 1),
        None => (head.windows(3).position(|w| w == "：".as_bytes())?, 3),
    };
    let (name, value) = (&text[..at + colon], trim(&text[at + colon..]));
    let field = matches!(label(name, false), Some(l) if !matches!(l, Label::Role(_) | Label::IndicatorGroup | Label::Section | Label::Signature));
    let short = !value.is_empty() && value.chars().count() <= 40 && !value.contains([':', '：']);
    (field && short && label(value, false).is_none()).then_some((name, value))
}

fn is_page_number(text: &str) -> bool {
    is_furniture(text) && !text.contains('表')
}

/// A table number (`表十二`, `附表3-1`): furniture that heads the next table.
fn is_table_number(text: &str) -> bool {
    is_furniture(text) && text.contains('表')
}

fn furniture_note(cell: &Cell) -> Item {
    Item::Diagnostic(Diagnostic::note(
        "page-furniture",
        Some(cell.position.clone()),
        format!("页码或表号 “{}”, 未读入", trim(&cell.text)),
    ))
}

/// Labels after which the indicator block is over.
fn ends_block(text: &str) -> bool {
    ends_block_with(text, label(text, false))
}

/// [`ends_block`] for a cell whose label is already known.
fn ends_block_with(text: &str, label: Option<Label>) -> bool {
    if is_title(text) || is_footnote(text) || is_table_number(text) {
        return true;
    }
    if (text.ends_with('日') || text.ends_with(')')) && has_word(text, "盖章") {
        // The reviewers' boxes under the table (财政绩效管理科室(盖章) 年 月 日).
        return true;
    }
    matches!(
        label,
        Some(
            Label::ProjectName
                | Label::Department { .. }
                | Label::Total
                | Label::Conclusion
                | Label::Grade
                | Label::Problems
                | Label::Improvements
                | Label::Signature
                | Label::Attachment
                | Label::Goals
                | Label::Implementer
        )
    )
}

/// Whether every cell of a row names a column of values (`2021年实际实现值`, `预期2022年实现值`,
/// `年度指标值`): the second line of a header whose first said 指标值, never an indicator.
fn is_sub_header_row(cells: &[Cell]) -> bool {
    const ENDS: [&str; 5] = ["实现值", "指标值", "完成值", "目标值", "预期值"];
    !cells.is_empty()
        && cells.iter().all(|c| {
            let t = c.text.as_str();
            t.ends_with('值') && ENDS.iter().any(|e| t.ends_with(e)) && t.chars().count() <= 12
        })
}

/// Whether a row heads a self-evaluation's budget block without its 预算执行情况 label:
/// 项目资金 over columns that include what was spent (全年执行数, 执行率).
fn is_budget_heading(cells: &[Cell]) -> bool {
    use self::labels::ExecutionColumn as C;
    // Nearly every row is dismissed by its length or by its first cell's text.
    cells.len() >= 4
        && has_word(&cells[0].text, "资金")
        && matches!(label(&cells[0].text, false), Some(Label::Funds(_)))
        && cells[1..].iter().any(|c| matches!(label(&c.text, true), Some(Label::Execution(C::Spent | C::Rate))))
}

/// Whether a row is a government page's furniture after its table: its footer or toolbar links
/// (`网站地图 | 联系我们`, `联系客服 关注微信 下载APP 返回顶部`, every word one of them), or a
/// line of its own that offers the page to a phone or its attachments (`- 扫一扫在手机打开当前页`,
/// `附件下载:`).
fn is_page_chrome(cells: &[Cell]) -> bool {
    match cells {
        [one] => is_chrome_line(&one.text),
        [first, ..] => may_be_chrome(&first.text) && cells.iter().all(|c| is_links(&c.text)),
        [] => false,
    }
}

/// Whether one line, or one cell of a one-cell-per-line page, is the page's furniture.
fn is_chrome_line(text: &str) -> bool {
    const ALONE: [&str; 8] =
        ["扫一扫", "手机扫码", "qrcode", "附件下载", "扫描二维码", "用手机扫描", "分享到", "打开当前页"];
    if !may_be_chrome(text) {
        return false;
    }
    let text = text.trim_start_matches(['-', '·', '•', ' ']);
    (text.chars().count() <= 24 && ALONE.iter().any(|w| text.starts_with(w))) || is_links(text)
}

/// Whether a cell can start the page's furniture: dismisses nearly every cell by its first
/// character (past a leading `- ` or `· `), one comparison of a few.
fn may_be_chrome(text: &str) -> bool {
    let mut chars = text.chars();
    let mut first = chars.next();
    while let Some('-' | '·' | '•' | ' ') = first {
        first = chars.next();
    }
    matches!(
        first,
        Some(
            '网' | '联'
                | '内'
                | '公'
                | '关'
                | '隐'
                | '使'
                | '返'
                | '打'
                | '【'
                | '无'
                | '下'
                | '扫'
                | '手'
                | 'q'
                | '附'
                | '用'
                | '分'
        )
    )
}

/// Whether every word of a cell is a link of a site's footer or toolbar.
fn is_links(text: &str) -> bool {
    const LINKS: [&str; 17] = [
        "网站地图",
        "联系我们",
        "内容保障",
        "公务邮箱",
        "关于我们",
        "网站声明",
        "隐私声明",
        "使用帮助",
        "返回顶部",
        "打印本页",
        "关闭窗口",
        "【打印】",
        "【关闭】",
        "无障碍浏览",
        "联系客服",
        "关注微信",
        "下载APP",
    ];
    !text.trim().is_empty() && text.len() <= 80 && text.split_whitespace().all(|w| LINKS.contains(&w))
}

/// A title as a table of contents gives it, without the dots that lead to its page number
/// (`…绩效目标自评表........22`).
fn without_page_leader(title: &str) -> &str {
    let head = title.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end();
    let bare = head.trim_end_matches(['.', '…', '·']);
    if head.len() - bare.len() >= 3 { bare.trim_end() } else { title }
}

/// Whether a row is the header of a numbered list (`序号 | 单位名称 | 金额 …`) with no column
/// of an indicator table.
fn is_another_tables_header(cells: &[Cell]) -> bool {
    // The row's cells are trimmed: one comparison dismisses nearly every row.
    cells[0].text == "序号"
        && cells.len() >= 3
        && !cells[1..].iter().any(|c| matches!(label(&c.text, false), Some(Label::Role(_))))
}

/// The text before `一级指标` in the first cell of a header row whose other cells are column
/// headers, where the page's own text ran into it.
fn glued_header_start(cells: &[Cell]) -> Option<&str> {
    let first = cells.first()?.text.as_str();
    let prose = first.strip_suffix("一级指标").filter(|p| !trim(p).is_empty())?;
    let headers = cells.len() >= 3 && cells[1..].iter().all(|c| matches!(label(&c.text, false), Some(Label::Role(_))));
    headers.then_some(prose)
}

/// Labels that can start a table that has no title: its first header labels, or the 一级指标
/// column header of an indicator block shown without them (a page that keeps only the
/// indicators, or a report that quotes its table under a heading of its own).
fn opens_table(l: Label) -> bool {
    matches!(l, Label::ProjectName | Label::Department { .. } | Label::Preparer | Label::Role(Role::Level1))
}

/// The longest text, in characters, of lines held as the start of a cell broken over lines:
/// longer lines are the page's own text.
const WRAPPED_CELL_MAX: usize = 24;

/// A line in the middle of a table that is no cell, reported unread.
fn stray_note(cell: &Cell, text: &str) -> Item {
    Item::Diagnostic(Diagnostic::note(
        "stray-text",
        Some(cell.position.clone()),
        format!("表格中间的非单元格文字, 未读入: “{}”", excerpt(text)),
    ))
}

#[cfg(test)]
mod tests;
