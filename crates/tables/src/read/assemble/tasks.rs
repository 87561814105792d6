//! The 年度主要任务 block of a 部门整体 table: a row per task with its name (任务名称), what it
//! is (主要内容) and its budget (预算金额: 总额, 财政拨款, 其他资金), closed by 金额合计. Rows
//! are read by what their cells are, the amounts being the numbers at the end, so that columns
//! shifted in copied text still land right.

use jixiao_core::text::trim;
use jixiao_core::{Document, Funds, MoneyUnit, Task};
use rust_decimal::Decimal;

use super::fields::{NotAnAmount, StatedUnit, parse_amount};
use super::labels::{Label, label, normalize};
use crate::diagnostic::Diagnostic;
use crate::read::Item;
use crate::read::grid::Cell;

/// A column of the block, named by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Content,
    /// 预算金额: the group over the amount columns, often naming the unit.
    Budget,
    Total,
    Fiscal,
    Other,
}

fn column(text: &str) -> Option<(Column, Option<StatedUnit>)> {
    let n = normalize(text)?;
    let c = match n.text.as_ref() {
        "任务名称" => Column::Name,
        "主要内容" | "任务内容" => Column::Content,
        "预算金额" | "预算数" | "预算资金" => Column::Budget,
        "总额" | "资金总额" | "小计" => Column::Total,
        "财政拨款" | "财政资金" | "其中:财政拨款" => Column::Fiscal,
        "其他资金" => Column::Other,
        _ => return None,
    };
    Some((c, n.unit))
}

/// Whether a cell is a column header of the block.
pub fn is_column(text: &str) -> bool {
    column(text).is_some()
}

/// The tasks block of one table being read.
#[derive(Debug)]
pub struct TaskBlock {
    /// The amount columns in header order; 总额, 财政拨款, 其他资金 until headers say otherwise.
    amounts: Vec<Column>,
    /// The unit the block's header names (预算金额（万元）).
    unit: Option<StatedUnit>,
    /// The 金额合计 row's amounts, as stated.
    totals: Option<Vec<Option<Decimal>>>,
}

impl TaskBlock {
    pub fn new() -> Self {
        TaskBlock { amounts: vec![Column::Total, Column::Fiscal, Column::Other], unit: None, totals: None }
    }

    /// Takes a row of the block: column headers, a task, or the totals. `table_unit` is the unit
    /// the table states, for amounts whose header names none.
    pub fn row(&mut self, cells: &[Cell], doc: &mut Document, table_unit: Option<StatedUnit>, out: &mut Vec<Item>) {
        // Below the merged 年度主要任务 cell a sheet repeats it; the label itself is structure.
        let cells: Vec<&Cell> =
            cells.iter().filter(|c| !c.continued && !trim(&c.text).is_empty() && !is_block_label(&c.text)).collect();
        let Some(first) = cells.first() else { return };
        if cells.iter().all(|c| is_column(&c.text)) {
            self.header_row(&cells);
            return;
        }
        if matches!(label(&first.text, false), Some(Label::Total)) || trim(&first.text).starts_with("金额合计") {
            let amounts = cells[1..].iter().map(|c| self.amount(c, table_unit, out)).collect();
            self.totals = Some(amounts);
            return;
        }
        // The amounts are the numbers at the end of the row; the cells before them name the task.
        let mut split = cells.len();
        while split > 0
            && cells.len() - split < self.amounts.len()
            && parse_amount(trim(&cells[split - 1].text)).is_ok()
        {
            split -= 1;
        }
        let (texts, amounts) = cells.split_at(split);
        let Some((name, rest)) = texts.split_first() else {
            for c in amounts {
                out.push(Item::Diagnostic(Diagnostic::unplaced(c.position.clone(), &c.text, "预算金额前没有任务名称")));
            }
            return;
        };
        let (content, extra) = match rest.split_first() {
            Some((content, extra)) => (trim(&content.text).to_owned(), extra),
            None => (String::new(), rest),
        };
        for c in extra {
            out.push(Item::Diagnostic(Diagnostic::unplaced(c.position.clone(), &c.text, "任务行中多出的单元格")));
        }
        let mut funds = Funds { unit: self.recorded(table_unit), ..Funds::default() };
        for (col, cell) in self.amounts.iter().zip(amounts) {
            let value = self.amount(cell, table_unit, out).map(Into::into);
            match col {
                Column::Total => funds.total = value,
                Column::Fiscal => funds.fiscal = value,
                _ => funds.other = value,
            }
        }
        doc.tasks.push(Task { name: trim(&name.text).to_owned(), content, funds });
    }

    /// The block ends: the totals row is checked against the tasks.
    pub fn finish(&mut self, doc: &mut Document) {
        let Some(totals) = self.totals.take() else { return };
        let unit = doc.tasks.first().map_or(MoneyUnit::default(), |t| t.funds.unit);
        let mut stated = Funds { unit, ..Funds::default() };
        for (col, total) in self.amounts.iter().zip(totals) {
            match col {
                Column::Total => stated.total = total.map(Into::into),
                Column::Fiscal => stated.fiscal = total.map(Into::into),
                _ => stated.other = total.map(Into::into),
            }
        }
        doc.tasks_total = Some(stated);
    }

    fn header_row(&mut self, cells: &[&Cell]) {
        let mut amounts = Vec::new();
        for (c, unit) in cells.iter().filter_map(|c| column(&c.text)) {
            if unit.is_some() {
                self.unit = unit;
            }
            if matches!(c, Column::Total | Column::Fiscal | Column::Other) {
                amounts.push(c);
            }
        }
        if !amounts.is_empty() {
            self.amounts = amounts;
        }
    }

    fn recorded(&self, table_unit: Option<StatedUnit>) -> MoneyUnit {
        self.unit.or(table_unit).map_or(MoneyUnit::default(), StatedUnit::recorded)
    }

    /// An amount cell, in the unit the tasks are recorded in; `None` for a blank one (`—`) and
    /// for text that is no amount, which is reported.
    fn amount(&self, cell: &Cell, table_unit: Option<StatedUnit>, out: &mut Vec<Item>) -> Option<Decimal> {
        match parse_amount(trim(&cell.text)) {
            Ok(amount) => {
                let to = self.recorded(table_unit);
                amount.map(|(a, written)| written.or(self.unit).or(table_unit).map_or(a, |u| u.convert(a, to)))
            }
            Err(NotAnAmount) => {
                out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), &cell.text, "不是金额")));
                None
            }
        }
    }
}

/// Whether a cell is the block's own label (年度主要任务), repeated under a merged cell.
fn is_block_label(text: &str) -> bool {
    matches!(label(text, false), Some(Label::Tasks))
}
