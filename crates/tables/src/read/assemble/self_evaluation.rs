//! The budget block of a self-evaluation (预算执行情况: 年初预算数, 全年预算数, 全年执行数, 执行率,
//! 分值, 得分 over the 年度资金总额 row and its 其中 rows) and its totals row (合计 / 总分). A
//! monitoring table's budget block has the same rows; its figures go to the monitoring.

use jixiao_core::source::Position;
use jixiao_core::text::trim;
use jixiao_core::{BudgetPart, Document, SelfEvaluation};

use super::fields::{StatedUnit, is_blank_mark, is_instruction, parse_amount};
use super::labels::{ExecutionColumn, month_of};
use super::monitoring::{is_monitoring_title, monitoring, split_cause};
use super::split::is_points;
use crate::diagnostic::{Diagnostic, excerpt};
use crate::read::Item;
use crate::read::grid::{Cell, Layout};

/// The budget block of one self-evaluation (or monitoring table) being read.
#[derive(Debug, Default)]
pub struct SelfEvaluationBlock {
    /// The block's columns, in order, with the column each header was in.
    columns: Vec<(ExecutionColumn, u32)>,
    /// The column of the heading over the row labels (年度预算数 (万元)), where there is one.
    heading_col: Option<u32>,
    /// The current row's label: its column and span. Values are placed by column where columns
    /// can be trusted, so that a blank cell does not shift the rest.
    row_label: Option<(u32, u32)>,
    /// The values of the current row read so far.
    filled: usize,
    /// The 其中 row being read, by its place among the parts; `None` for the 年度资金总额 row.
    part: Option<usize>,
    /// Whether this is a monitoring table's block (its title, or 1–N月执行数 among its columns).
    monitoring: bool,
    /// Values of the totals row (合计), with where they were and their column when known.
    totals: Vec<(String, Position, Option<u32>)>,
    /// A row whose cells are words split at spaces, its empty cells lost: its values are held
    /// until the row ends, and placed only if there is one for every column.
    held: Option<HeldRow>,
}

/// A row of the block held until it ends (see [`SelfEvaluationBlock::held`]).
#[derive(Debug, Default)]
struct HeldRow {
    /// The 其中 row's source, or `None` for the 年度资金总额 row.
    part: Option<String>,
    values: Vec<(String, Cell)>,
}

/// The self-evaluation of a document, made when first needed.
pub fn self_evaluation(doc: &mut Document) -> &mut SelfEvaluation {
    doc.self_evaluation.get_or_insert_with(SelfEvaluation::default)
}

impl SelfEvaluationBlock {
    /// The block's label (预算执行情况): a monitoring table's when its title says so.
    pub fn open(&mut self, doc: &mut Document) {
        if is_monitoring_title(&doc.title) && doc.self_evaluation.is_none() {
            self.monitoring = true;
            monitoring(doc);
        } else {
            self_evaluation(doc);
        }
    }

    /// A column header of the block. 1–N月执行数 and 全年预计执行数 make it a monitoring table's
    /// block, unless its title says it is a self-evaluation.
    pub fn column(&mut self, c: ExecutionColumn, text: &str, cell: &Cell, doc: &mut Document) {
        if matches!(c, ExecutionColumn::SpentToDate | ExecutionColumn::Forecast) && !self.monitoring {
            if doc.self_evaluation.as_ref().is_some_and(|se| *se == SelfEvaluation::default())
                && !doc.title.contains("自评")
            {
                doc.self_evaluation = None;
            }
            if doc.self_evaluation.is_none() {
                self.monitoring = true;
                monitoring(doc);
            }
        }
        if c == ExecutionColumn::SpentToDate && self.monitoring {
            if let Some(month) = month_of(text).flatten() {
                monitoring(doc).month = Some(month);
            }
        }
        self.columns.push((c, cell.col));
    }

    /// The heading over the row labels (年度预算数 (万元)): where the row labels are.
    pub fn heading(&mut self, cell: &Cell) {
        self.heading_col = Some(cell.col);
    }

    /// The 总额 row begins: its values fill the columns from the first.
    pub fn total_row(&mut self, label: &Cell, flattened: bool) {
        self.held = flattened.then(HeldRow::default);
        self.filled = 0;
        self.row_label = Some((label.col, label.span.max(1)));
        self.part = None;
    }

    /// A 其中 row begins (本年财政拨款, 上年结转资金, 其他资金 …): a part of the block, named as
    /// the table names it.
    pub fn part_row(&mut self, label: &str, cell: &Cell, flattened: bool, doc: &mut Document) {
        self.filled = 0;
        self.row_label = Some((cell.col, cell.span.max(1)));
        let source = trim(label);
        let source = trim(source.strip_prefix("其中").unwrap_or(source).trim_start_matches([':', '：']));
        if flattened {
            self.held = Some(HeldRow { part: Some(source.to_owned()), values: Vec::new() });
            return;
        }
        self.held = None;
        let parts =
            if self.monitoring { &mut monitoring(doc).budget_parts } else { &mut self_evaluation(doc).budget_parts };
        parts.push(BudgetPart { source: source.to_owned(), ..BudgetPart::default() });
        self.part = Some(parts.len() - 1);
    }

    /// Whether a 其中 row has been read: rows after it are the block's parts.
    pub fn in_parts(&self) -> bool {
        self.part.is_some()
    }

    /// A value of the block, in the table's money unit.
    pub fn value(
        &mut self,
        text: &str,
        cell: &Cell,
        layout: Layout,
        unit: Option<StatedUnit>,
        doc: &mut Document,
        out: &mut Vec<Item>,
    ) {
        if let Some(held) = &mut self.held {
            held.values.push((text.to_owned(), cell.clone()));
            return;
        }
        let position = cell.position.clone();
        if self.columns.is_empty() && !self.monitoring && is_points(text) {
            // `预算执行情况(万元)` / `(20分)`: the block's points, before its columns.
            let points = text.trim_matches(|c: char| !c.is_ascii_digit());
            self_evaluation(doc).execution_weight = parse_amount(points).ok().flatten().map(|(a, _)| a.into());
            return;
        }
        if self.row_label.is_none() && matches!(layout, Layout::Grid | Layout::Shifting) {
            // `部门整体支出总额 | 864.2 | 100% | 20` under `预算数 | 执行数 | 执行率 | 得分`: a row
            // whose label is none the block knows, and which lost a cell; its columns cannot be told.
            out.push(Item::Diagnostic(Diagnostic::unplaced(
                position,
                text,
                "预算执行情况中这一行没有可识别的行名, 数值不知属于哪一栏",
            )));
            return;
        }
        let index = self.index_of(cell, layout);
        let Some(&(column, _)) = self.columns.get(index) else {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行情况中多出的单元格")));
            return;
        };
        self.filled = index + 1;
        if is_instruction(text) {
            out.push(Item::Diagnostic(Diagnostic::note(
                "template-instruction",
                Some(position),
                format!("预算执行情况中的模板填写说明, 未读入: “{}”", excerpt(text)),
            )));
            return;
        }
        let blank = is_blank_mark(text);
        if column == ExecutionColumn::Reason {
            self.reason(text, blank, position, doc, out);
            return;
        }
        let number = parse_amount(text.trim_end_matches(['%', '％'])).ok().flatten().map(|(a, _)| a);
        if number.is_none() && !blank {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "预算执行情况的数值无法识别")));
            return;
        }
        // Budget amounts are in the table's unit, read into the one the funds are recorded in.
        let amount = number.map(|a| unit.map_or(a, |u| u.convert(a, u.recorded())));
        if let Some(i) = self.part {
            let parts = if self.monitoring {
                &mut monitoring(doc).budget_parts
            } else {
                &mut self_evaluation(doc).budget_parts
            };
            let part = &mut parts[i];
            match column {
                ExecutionColumn::Initial => part.budget_initial = amount.map(Into::into),
                ExecutionColumn::FullYear => part.budget_full_year = amount.map(Into::into),
                ExecutionColumn::Spent | ExecutionColumn::SpentToDate => part.spent = amount.map(Into::into),
                ExecutionColumn::Rate => part.execution_rate = number.map(Into::into),
                ExecutionColumn::Forecast => part.forecast_spent = amount.map(Into::into),
                ExecutionColumn::Weight | ExecutionColumn::Score => {
                    if number.is_some() {
                        let why = "分值和得分属于年度资金总额一行, 其中各行不计";
                        out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, why)));
                    }
                }
                ExecutionColumn::Reason => {}
            }
        } else if self.monitoring {
            let m = monitoring(doc);
            match column {
                ExecutionColumn::Initial => m.budget_initial = amount.map(Into::into),
                ExecutionColumn::FullYear => m.budget_full_year = amount.map(Into::into),
                ExecutionColumn::Spent | ExecutionColumn::SpentToDate => m.spent_to_date = amount.map(Into::into),
                ExecutionColumn::Rate => m.execution_rate = number.map(Into::into),
                ExecutionColumn::Forecast => m.forecast_spent = amount.map(Into::into),
                ExecutionColumn::Weight | ExecutionColumn::Score => {
                    if number.is_some() {
                        out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "监控表没有分值和得分")));
                    }
                }
                ExecutionColumn::Reason => {}
            }
        } else {
            let se = self_evaluation(doc);
            match column {
                ExecutionColumn::Initial => se.budget_initial = amount.map(Into::into),
                ExecutionColumn::FullYear => se.budget_full_year = amount.map(Into::into),
                ExecutionColumn::Spent => se.spent = amount.map(Into::into),
                ExecutionColumn::Rate => se.execution_rate = number.map(Into::into),
                ExecutionColumn::Weight => se.execution_weight = number.map(Into::into),
                ExecutionColumn::Score => se.execution_score = number.map(Into::into),
                ExecutionColumn::SpentToDate | ExecutionColumn::Forecast | ExecutionColumn::Reason => {}
            }
        }
    }

    /// The current row ends. A held row (see [`SelfEvaluationBlock::held`]) is placed in order
    /// when it has a value for every column; otherwise which value is in which column is a
    /// guess, and its values are reported instead.
    pub fn end_row(&mut self, unit: Option<StatedUnit>, doc: &mut Document, out: &mut Vec<Item>) {
        let Some(held) = self.held.take() else { return };
        // The 分值 and 得分 cells are the total row's alone (merged down the block): a part
        // that fills every other column has one value for each of those.
        let unscored: Vec<usize> = (0..self.columns.len())
            .filter(|&i| !matches!(self.columns[i].0, ExecutionColumn::Weight | ExecutionColumn::Score))
            .collect();
        let places: Vec<usize> = if held.values.len() == self.columns.len() {
            (0..self.columns.len()).collect()
        } else if held.part.is_some() && held.values.len() == unscored.len() {
            unscored
        } else {
            Vec::new()
        };
        if places.is_empty() {
            let why = format!(
                "单元格之间的分隔已丢失, 空单元格也随之丢失: 这一行有 {} 个值而表头有 {} 栏, 无法确定各值属于哪一栏",
                held.values.len(),
                self.columns.len()
            );
            for (text, cell) in held.values {
                out.push(Item::Diagnostic(Diagnostic::unplaced(cell.position.clone(), &text, &why)));
            }
            return;
        }
        if let Some(source) = held.part {
            let parts = if self.monitoring {
                &mut monitoring(doc).budget_parts
            } else {
                &mut self_evaluation(doc).budget_parts
            };
            parts.push(BudgetPart { source, ..BudgetPart::default() });
            self.part = Some(parts.len() - 1);
        } else {
            self.part = None;
        }
        for ((text, cell), place) in held.values.into_iter().zip(places) {
            self.filled = place;
            self.value(&text, &cell, Layout::Linear, unit, doc, out);
        }
    }

    /// The 偏差原因 of the block: the whole block's, on its 总额 row.
    fn reason(&mut self, text: &str, blank: bool, position: Position, doc: &mut Document, out: &mut Vec<Item>) {
        if blank {
            return;
        }
        if self.part.is_some() {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, text, "偏差原因只读年度资金总额一行的")));
        } else if self.monitoring {
            let (cause, why) = split_cause(text);
            let m = monitoring(doc);
            m.cause = cause;
            m.deviation_cause = why;
        } else {
            self_evaluation(doc).deviation_cause = Some(trim(text).to_owned());
        }
    }

    /// Which column a value is in. In sheets and split text lines: the header in its column, the
    /// row moved by as much as its label sits off the heading over the labels (a merged cell to
    /// its left lost in copied text), or else its place right of its label. In aligned text: the
    /// nearest header. Otherwise, by order.
    fn index_of(&self, cell: &Cell, layout: Layout) -> usize {
        let by_column = match (layout, self.row_label) {
            (Layout::Grid | Layout::Shifting, Some((label_col, span))) => match self.heading_col {
                Some(heading) => {
                    let col = i64::from(cell.col) + i64::from(heading) - i64::from(label_col);
                    self.columns.iter().position(|&(_, c)| i64::from(c) == col)
                }
                None => cell.col.checked_sub(label_col + span).map(|i| i as usize),
            },
            (Layout::Aligned, _) => {
                self.columns.iter().enumerate().min_by_key(|(_, (_, col))| col.abs_diff(cell.col)).map(|(i, _)| i)
            }
            _ => None,
        };
        by_column.filter(|&i| i >= self.filled).unwrap_or(self.filled)
    }

    /// An explicitly empty cell of a one-cell-per-line layout: a blank value of the current row.
    pub fn empty_value(&mut self) {
        if self.filled < self.columns.len() {
            self.filled += 1;
        }
    }

    /// A value of the totals row.
    pub fn total_value(&mut self, text: &str, position: Position, col: Option<u32>) {
        self.totals.push((text.to_owned(), position, col));
    }

    /// The totals row: its 分值 and 得分 are the self-evaluation's stated totals, kept as
    /// stated (the review checks them against the parts). A value under the indicator header's
    /// 分值 or 得分 column is that total, so a blank 分值 does not shift the 得分 into it; values
    /// whose columns say nothing are taken in order, 分值 first.
    pub fn keep_totals(&mut self, doc: &mut Document, columns: (Option<u32>, Option<u32>), out: &mut Vec<Item>) {
        let mut totals = std::mem::take(&mut self.totals);
        totals.retain(|(v, _, _)| !v.is_empty());
        let (weight_col, score_col) = columns;
        let under = |col: Option<u32>| totals.iter().position(|t| col.is_some() && t.2 == col);
        let (w, s) = (under(weight_col), under(score_col));
        // In order: the 分值, the 得分, then whatever is under neither (reported below).
        let mut values: Vec<Option<(String, Position)>> = Vec::new();
        if w.is_some() || s.is_some() {
            let take = |i: Option<usize>| i.map(|i| (totals[i].0.clone(), totals[i].1.clone()));
            values.push(take(w));
            values.push(take(s));
            let rest = totals.iter().enumerate().filter(|(i, _)| Some(*i) != w && Some(*i) != s);
            values.extend(rest.map(|(_, (v, p, _))| Some((v.clone(), p.clone()))));
        } else {
            values.extend(totals.into_iter().map(|(v, p, _)| Some((v, p))));
        }
        let mut values = values.into_iter();
        if let Some((weight, position)) = values.next().flatten() {
            match parse_amount(&weight).ok().flatten() {
                Some((w, _)) => self_evaluation(doc).total_weight = Some(w.into()),
                None => out.push(Item::Diagnostic(Diagnostic::unplaced(position, &weight, "合计分值不是数字"))),
            }
        }
        if let Some((score, position)) = values.next().flatten() {
            match parse_amount(&score).ok().flatten() {
                Some((s, _)) => self_evaluation(doc).total_score = Some(s.into()),
                None => out.push(Item::Diagnostic(Diagnostic::unplaced(position, &score, "合计得分不是数字"))),
            }
        }
        for (extra, position) in values.flatten() {
            out.push(Item::Diagnostic(Diagnostic::unplaced(position, &extra, "合计行中多出的单元格")));
        }
    }
}
