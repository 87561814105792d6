//! 合计 rows as the table states them, checked against their parts: the 自评表's total weight
//! against the indicators' weights and budget execution's, and the 金额合计 of a department's
//! 年度主要任务 against the tasks. The reader keeps what the table states; this says when it
//! does not add up.

use rust_decimal::Decimal;

use crate::model::{Funds, MoneyUnit};
use crate::quantity::Amount;

use super::context::Context;
use super::{RuleId, Sink, Subject};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::TotalMismatch) {
        return;
    }
    let doc = cx.doc;
    if let Some(stated) = doc.self_evaluation.as_ref().and_then(|se| se.total_weight) {
        let weights = doc.indicators.iter().filter_map(|i| i.weight);
        let execution = doc.self_evaluation.as_ref().and_then(|se| se.execution_weight);
        let parts: Vec<Decimal> = weights.chain(execution).map(|w| w.get()).collect();
        let sum = crate::saturating::sum(parts.iter().copied());
        // A total with no weight anywhere to add up is no 分值 total: a 合计 of another block
        // (the funds' 合计 236) taken for one, or weights that were not read.
        if !parts.is_empty() && stated.get() != sum {
            out.report(
                RuleId::TotalMismatch,
                Subject::Document,
                format!("合计行的分值 {} 与各项分值之和 {} 不符", stated.normalize(), sum.normalize()),
                "核对各指标的分值和预算执行率的分值: 合计应等于它们之和",
            );
        }
    }
    if let Some(stated) = &doc.tasks_total {
        let columns: [(&str, Column); 3] =
            [("总额", |f| f.total), ("财政拨款", |f| f.fiscal), ("其他资金", |f| f.other)];
        for (label, amount) in columns {
            let Some(total) = amount(stated) else { continue };
            let parts: Vec<Decimal> = doc
                .tasks
                .iter()
                .filter_map(|t| amount(&t.funds).map(|a| in_unit(a, t.funds.unit, stated.unit)))
                .collect();
            if parts.is_empty() {
                // No task states this column: a 合计 there adds up nothing the table gives (a
                // total row whose cells moved a column), as with the weights above.
                continue;
            }
            let sum = crate::saturating::sum(parts.iter().copied());
            let gap = stated.unit.in_yuan(crate::saturating::sub(total.get(), sum)).abs();
            if gap > cx.thresholds.amount_tolerance_yuan {
                let u = stated.unit.label();
                out.report(
                    RuleId::TotalMismatch,
                    Subject::Document,
                    format!(
                        "年度主要任务的金额合计 ({label}) {}{u} 与各项任务之和 {}{u} 不符",
                        total.normalize(),
                        sum.normalize()
                    ),
                    "核对各项年度主要任务的预算金额: 金额合计应等于它们之和",
                );
            }
        }
    }
}

/// One amount column of a funds block.
type Column = fn(&Funds) -> Option<Amount>;

/// An amount recorded in `from` expressed in `to`.
fn in_unit(amount: Amount, from: MoneyUnit, to: MoneyUnit) -> Decimal {
    if from == to { amount.get() } else { crate::saturating::div(from.in_yuan(amount.get()), to.yuan()) }
}

#[cfg(test)]
mod tests {
    use super::super::testing::findings;
    use super::*;
    use crate::model::{Document, DocumentKind, Indicator, SelfEvaluation, Task};

    fn self_evaluation(weights: &[i64], execution: i64, stated: i64) -> Document {
        let mut doc = Document::new(DocumentKind::Project);
        doc.indicators = weights
            .iter()
            .map(|w| Indicator { name: "指标".into(), weight: Some((*w).into()), ..Indicator::default() })
            .collect();
        doc.self_evaluation = Some(SelfEvaluation {
            execution_weight: Some(execution.into()),
            total_weight: Some(stated.into()),
            ..SelfEvaluation::default()
        });
        doc
    }

    #[test]
    fn a_stated_total_weight_is_checked_against_the_weights_and_execution() {
        assert!(findings(&self_evaluation(&[50, 30, 10], 10, 100), RuleId::TotalMismatch).is_empty());
        let f = findings(&self_evaluation(&[50, 30, 10], 10, 90), RuleId::TotalMismatch);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("90") && f[0].message.contains("100"), "{}", f[0].message);
    }

    fn tasks(amounts: &[(i64, i64)], stated: (i64, i64)) -> Document {
        let mut doc = Document::new(DocumentKind::Department);
        let funds = |(total, fiscal): (i64, i64)| Funds {
            total: Some(total.into()),
            fiscal: Some(fiscal.into()),
            ..Funds::default()
        };
        doc.tasks = amounts.iter().map(|a| Task { name: "任务".into(), funds: funds(*a), ..Task::default() }).collect();
        doc.tasks_total = Some(funds(stated));
        doc
    }

    #[test]
    fn a_stated_task_total_is_checked_column_by_column() {
        assert!(findings(&tasks(&[(100, 80), (50, 50)], (150, 130)), RuleId::TotalMismatch).is_empty());
        let f = findings(&tasks(&[(100, 80), (50, 50)], (150, 120)), RuleId::TotalMismatch);
        assert_eq!(f.len(), 1, "only the 财政拨款 column is off");
        assert!(f[0].message.contains("财政拨款") && f[0].message.contains("130"), "{}", f[0].message);
    }

    #[test]
    fn a_total_with_no_weights_to_add_up_is_no_finding() {
        let mut doc = self_evaluation(&[], 0, 236);
        if let Some(se) = doc.self_evaluation.as_mut() {
            se.execution_weight = None;
        }
        assert!(findings(&doc, RuleId::TotalMismatch).is_empty());
        // One weight read is enough to check against.
        assert_eq!(findings(&self_evaluation(&[], 10, 236), RuleId::TotalMismatch).len(), 1);
    }

    #[test]
    fn a_task_total_in_a_column_no_task_states_is_no_finding() {
        let mut doc = tasks(&[(100, 80), (50, 50)], (150, 130));
        if let Some(total) = doc.tasks_total.as_mut() {
            total.other = Some(2377.into());
        }
        assert!(findings(&doc, RuleId::TotalMismatch).is_empty(), "no task states 其他资金");
    }

    #[test]
    fn no_stated_total_is_no_finding() {
        let mut doc = self_evaluation(&[50], 10, 0);
        if let Some(se) = doc.self_evaluation.as_mut() {
            se.total_weight = None;
        }
        assert!(findings(&doc, RuleId::TotalMismatch).is_empty());
    }
}
