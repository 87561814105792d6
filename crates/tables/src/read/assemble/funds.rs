//! The funds block of a project table (项目资金: 年度资金总额, 其中财政拨款, 其他资金, and the
//! period's 资金总额 where given), read in the unit the table states.

use jixiao_core::Stated;
use jixiao_core::quantity::Amount;
use jixiao_core::source::Position;
use jixiao_core::{Document, DocumentKind, HeaderField, MoneyUnit};

use super::fields::{NotAnAmount, StatedUnit, parse_amount};
use super::has_word;
use super::header::{self, Pending, project};
use super::labels::Label;
use super::sink::Sink;
use crate::diagnostic::Diagnostic;
use crate::read::Item;

/// What the funds block has said so far about how to read its amounts.
#[derive(Debug, Default)]
pub struct FundsBlock {
    /// The unit the table states (a `单位:万元` line, `项目资金 (万元)`), or the first written
    /// beside an amount; the other money blocks read theirs in it too.
    pub unit: Option<StatedUnit>,
    /// Whether 资金总额 (over the period) appeared, which makes plain 财政拨款 the period's.
    pub period: bool,
    /// Whether the block's amounts are under a column of this year's (年初安排金额).
    pub year_column: bool,
    /// Where the period's 资金总额 (`中期资金总额`) and the year's stood on one row: whether the
    /// period's came first. Their 财政拨款 and 其他资金 then come in the same order, on rows of
    /// their own, under the same words (the 申报表 of 财预〔2015〕88号).
    period_first: Option<bool>,
    /// The row and column of the period's and the year's 资金总额 labels, as met.
    totals: [Option<header::Place>; 2],
}

impl FundsBlock {
    /// A new block, in the unit stated before the table began.
    pub fn new(unit: Option<StatedUnit>) -> Self {
        FundsBlock { unit, period: false, year_column: false, period_first: None, totals: [None, None] }
    }

    /// The group label (项目资金 (万元)): its unit applies to the amounts under it.
    pub fn group(&mut self, unit: Option<StatedUnit>, doc: &mut Document) {
        if let Some(u) = unit {
            self.unit = Some(u);
        }
        if doc.kind == DocumentKind::Project {
            project(doc).funds.unit = self.unit.map_or_else(MoneyUnit::default, StatedUnit::recorded);
        }
    }

    /// Reads an amount of the funds block into the right field, in the funds' unit.
    pub fn amount(&mut self, pending: &Pending, value: &str, position: Position, cx: &mut Sink<'_>) {
        let amount = match parse_amount(value) {
            Ok(a) => a,
            Err(NotAnAmount) => {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(position.clone(), value, "不是金额")));
                // The table gives something there that was not read: not a blank to report.
                cx.source.label_unread(HeaderField::Funds);
                None
            }
        };
        if cx.doc.kind != DocumentKind::Project {
            if let Some((a, _)) = amount {
                cx.out.push(Item::Diagnostic(Diagnostic::unplaced(
                    position,
                    &a.to_string(),
                    "部门整体表没有项目资金一栏",
                )));
            }
            return;
        }
        // Amounts are in the unit written beside them, else in the table's: the one it states,
        // or the first written beside an amount. Units the format does not record (千元, 亿元)
        // are converted.
        if self.unit.is_none() {
            self.unit = amount.and_then(|(_, written)| written);
        }
        let stated = self.unit;
        let this_year = has_word(&pending.text, "当年") || has_word(&pending.text, "年度");
        self.note_total(pending);
        let period = match self.period_first {
            // Two columns: the first of the two labels alike is the first column's.
            Some(first) => {
                let funds = cx.doc.project.as_ref().map(|p| &p.funds);
                let first_taken = match pending.label {
                    Label::FundsFiscal if first => funds.is_some_and(|f| f.period_fiscal.is_present()),
                    Label::FundsFiscal => funds.is_some_and(|f| f.fiscal.is_some()),
                    Label::FundsOther if first => funds.is_some_and(|f| f.period_other.is_present()),
                    _ => funds.is_some_and(|f| f.other.is_some()),
                };
                first != first_taken
            }
            None => self.period && !this_year,
        };
        if cx.source.funds.is_none() {
            cx.source.funds = Some(position);
        }
        let funds = &mut project(cx.doc).funds;
        if let Some(u) = stated {
            funds.unit = u.recorded();
        }
        let value = amount.map(|(a, written)| Amount::from(written.or(stated).map_or(a, |u| u.convert(a, funds.unit))));
        match pending.label {
            Label::FundsTotal => funds.total = value,
            Label::FundsFiscal if period => funds.period_fiscal = Stated::from_option(value),
            Label::FundsOther if period => funds.period_other = Stated::from_option(value),
            Label::FundsFiscal => funds.fiscal = value,
            Label::FundsOther => funds.other = value,
            Label::PeriodTotal => funds.period_total = Stated::from_option(value),
            _ => {}
        }
    }

    /// Notes where a 资金总额 label stood; the period's and the year's on one row set the order
    /// of the columns.
    fn note_total(&mut self, pending: &Pending) {
        let slot = match pending.label {
            Label::PeriodTotal => 0,
            Label::FundsTotal => 1,
            _ => return,
        };
        self.totals[slot] = pending.place;
        if let [Some(p), Some(y)] = self.totals {
            if p.row == y.row {
                self.period_first = Some(p.col < y.col);
            }
        }
    }

    /// Whether the field an amount label fills already holds a value: with a column for the
    /// period and one for the year, both of the label's fields.
    pub fn is_filled(&self, doc: &Document, label: Label) -> bool {
        let funds = doc.project.as_ref().map(|p| &p.funds);
        match label {
            Label::FundsFiscal if self.period_first.is_some() => {
                funds.is_some_and(|f| f.fiscal.is_some() && f.period_fiscal.is_present())
            }
            Label::FundsOther if self.period_first.is_some() => {
                funds.is_some_and(|f| f.other.is_some() && f.period_other.is_present())
            }
            _ => is_filled(doc, label),
        }
    }
}

/// Whether a label fills a field of this block.
pub fn is_amount(label: Label) -> bool {
    matches!(label, Label::FundsTotal | Label::FundsFiscal | Label::FundsOther | Label::PeriodTotal)
}

/// Whether the field an amount label fills already holds a value.
fn is_filled(doc: &Document, label: Label) -> bool {
    let funds = doc.project.as_ref().map(|p| &p.funds);
    match label {
        Label::FundsTotal => funds.is_some_and(|f| f.total.is_some()),
        Label::FundsFiscal => funds.is_some_and(|f| f.fiscal.is_some()),
        Label::FundsOther => funds.is_some_and(|f| f.other.is_some()),
        Label::PeriodTotal => funds.is_some_and(|f| f.period_total.is_present()),
        _ => false,
    }
}
