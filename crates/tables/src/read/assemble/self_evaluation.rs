//! The self-evaluation's budget block (预算执行情况: 年初预算数, 全年预算数, 全年执行数, 执行率,
//! 分值, 得分 over the 年度资金总额 row) and its totals row (合计 / 总分).

use jixiao_core::source::Position;
use jixiao_core::{Document, SelfEvaluation};
use rust_decimal::Decimal;

use super::fields::{StatedUnit, is_instruction, parse_amount};
use super::labels::ExecutionColumn;
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::Item;

/// The budget block of one self-evaluation being read.
#[derive(Debug, Default)]
pub struct SelfEvaluationBlock {
    /// The block's columns, in order.
    columns: Vec<ExecutionColumn>,
    /// The values of the 年度资金总额 row read so far.
    filled: usize,
    /// The breakdown row being read (其中:财政资金 …): where, its label and its values.
    part: Option<(Position, String, Vec<String>)>,
    /// Values of the totals row (合计), with where they were.
    totals: Vec<(String, Position)>,
}

/// The self-evaluation of a document, made when first needed.
pub fn self_evaluation(doc: &mut Document) -> &mut SelfEvaluation {
    doc.self_evaluation.get_or_insert_with(SelfEvaluation::default)
}

impl SelfEvaluationBlock {
    /// A column header of the block.
    pub fn column(&mut self, c: ExecutionColumn) {
        self.columns.push(c);
    }

    /// The 总额 row begins: its values fill the columns from the first.
    pub fn total_row(&mut self) {
        self.filled = 0;
    }

    /// A breakdown row begins (其中:财政资金 …).
    pub fn part_row(&mut self, position: Position, label: &str, out: &mut Vec<Item>) {
        self.flush_part(out);
        self.part = Some((position, label.to_owned(), Vec::new()));
    }

    /// A value of the block, in the table's money unit.
    pub fn value(
        &mut self,
        text: &str,
        position: Position,
        unit: Option<StatedUnit>,
        doc: &mut Document,
        out: &mut Vec<Item>,
    ) {
        if let Some((_, _, values)) = &mut self.part {
            values.push(text.to_owned());
            return;
        }
        let Some(&column) = self.columns.get(self.filled) else {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行情况中多出的单元格")));
            return;
        };
        self.filled += 1;
        if column == ExecutionColumn::Reason || is_instruction(text) {
            if is_instruction(text) {
                out.push(Item::Diagnostic(Diagnostic::note(
                    "template-instruction",
                    Some(position),
                    format!("预算执行情况中的模板填写说明, 未读入: “{}”", excerpt(text)),
                )));
            } else {
                out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行偏差原因暂无对应字段")));
            }
            return;
        }
        let number = parse_amount(text.trim_end_matches(['%', '％'])).ok().flatten().map(|(a, _)| a);
        if number.is_none() && !text.chars().all(|c| matches!(c, '/' | '-' | '—')) {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行情况的数值无法识别")));
            return;
        }
        // Budget amounts are in the table's unit, read into the one the funds are recorded in.
        let amount = number.map(|a| unit.map_or(a, |u| u.convert(a, u.recorded())));
        let se = self_evaluation(doc);
        match column {
            ExecutionColumn::Initial => se.budget_initial = amount,
            ExecutionColumn::FullYear => se.budget_full_year = amount,
            ExecutionColumn::Spent => se.spent = amount,
            ExecutionColumn::Rate => se.execution_rate = number,
            ExecutionColumn::Weight => se.execution_weight = number,
            ExecutionColumn::Score => se.execution_score = number,
            ExecutionColumn::Reason => {}
        }
    }

    /// An explicitly empty cell of a one-cell-per-line layout: a blank value of the 总额 row.
    pub fn empty_value(&mut self) {
        if self.part.is_none() && self.filled < self.columns.len() {
            self.filled += 1;
        }
    }

    /// A breakdown row of the budget-execution block (其中:财政资金 …) has no place in the model:
    /// say so, with its values.
    pub fn flush_part(&mut self, out: &mut Vec<Item>) {
        if let Some((position, label, values)) = self.part.take() {
            let shown: Vec<&str> = values.iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
            if !shown.is_empty() {
                out.push(Item::Diagnostic(Diagnostic::unplaced(
                    position,
                    &format!("{label}: {}", shown.join(" ")),
                    "预算执行明细行暂无对应字段",
                )));
            }
        }
    }

    /// A value of the totals row.
    pub fn total_value(&mut self, text: &str, position: Position) {
        self.totals.push((text.to_owned(), position));
    }

    /// The totals row: the weights' total is checked against the indicators', the score total
    /// is the self-evaluation's.
    pub fn check_totals(&mut self, doc: &mut Document, out: &mut Vec<Item>) {
        let totals = std::mem::take(&mut self.totals);
        let mut values = totals.into_iter();
        let weights: Decimal = doc.indicators.iter().filter_map(|i| i.weight).sum::<Decimal>()
            + doc.self_evaluation.as_ref().and_then(|s| s.execution_weight).unwrap_or_default();
        if let Some((first, position)) = values.next().filter(|(v, _)| !v.is_empty()) {
            match parse_amount(&first).ok().flatten() {
                Some((w, _)) if w == weights => {}
                _ => out.push(Item::Diagnostic(Diagnostic::note(
                    "total-mismatch",
                    Some(position),
                    format!("合计行的分值 {first} 与各项分值之和 {weights} 不符"),
                ))),
            }
        }
        if let Some((score, position)) = values.next().filter(|(v, _)| !v.is_empty()) {
            match parse_amount(&score).ok().flatten() {
                Some((s, _)) => self_evaluation(doc).total_score = Some(s),
                None => out.push(Item::Diagnostic(Diagnostic::unplaced(position, &score, "合计得分不是数字"))),
            }
        }
        for (extra, position) in values.filter(|(v, _)| !v.is_empty()) {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, &extra, "合计行中多出的单元格")));
        }
    }
}
