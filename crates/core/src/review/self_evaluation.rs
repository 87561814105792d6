//! 适当性 of a self-evaluation (自评表): no full score against a missed target, and no budget
//! executed beyond 100%.

use rust_decimal::Decimal;

use crate::Stated;
use crate::quantity::{Amount, Points, Rate};
use crate::target::{Op, Target, Term};

use super::context::Context;
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if out.enabled(RuleId::ScoreOverAchievement) {
        for (i, ind, f) in cx.indicators() {
            let (Some(actual), Some(weight), Stated::Given(score)) =
                (&ind.actual, ind.weight.map(Points::get), ind.score.map(Points::get))
            else {
                continue;
            };
            if weight <= Decimal::ZERO || score < weight {
                continue;
            }
            let [planned] = f.target.terms() else { continue };
            let Target::Quantity { terms } = Target::parse(actual) else { continue };
            let [done] = terms.as_slice() else { continue };
            if missed(planned, done) {
                out.report(
                    RuleId::ScoreOverAchievement,
                    Subject::Indicator(i),
                    format!(
                        "指标“{}”的指标值“{}”, 实际完成“{}”未达到, 却得满分 {} 分",
                        ind.name,
                        ind.target,
                        actual.trim(),
                        score.normalize()
                    ),
                    format!(
                        "未达成的按完成比例计分: 约 {} 分 ({} ÷ {} × {}); 并填写偏差原因",
                        proportional(planned, done, weight),
                        done.value.normalize(),
                        planned.value.normalize(),
                        weight.normalize()
                    ),
                );
            }
        }
    }
    if out.enabled(RuleId::ExecutionOver100) {
        if let Some(se) = &cx.doc.self_evaluation {
            let hundred = Decimal::ONE_HUNDRED;
            let over_rate = se.execution_rate.map(Rate::get).filter(|r| *r > hundred);
            let over_spent = match (se.spent.map(Amount::get), se.budget_full_year.map(Amount::get)) {
                (Some(s), Some(b)) if s > b && b > Decimal::ZERO => Some((s, b)),
                _ => None,
            };
            let message = match (over_rate, over_spent) {
                (Some(r), _) => Some(format!("预算执行率 {}% 超过 100%", r.normalize())),
                (None, Some((s, b))) => Some(format!("全年执行数 {} 超过全年预算数 {}", s.normalize(), b.normalize())),
                _ => None,
            };
            if let Some(message) = message {
                out.report(
                    RuleId::ExecutionOver100,
                    Subject::Document,
                    message,
                    cat(&[
                        "核对全年预算数与全年执行数: 执行率 = 全年执行数 ÷ 全年预算数, 最高 100%; 确有超支的说明原因",
                    ]),
                );
            }
        }
    }
}

/// Whether `done` falls short of `planned` in the same unit.
fn missed(planned: &Term, done: &Term) -> bool {
    if planned.unit.trim() != done.unit.trim() && !done.unit.trim().is_empty() {
        return false;
    }
    match planned.op {
        Op::Ge => done.value < planned.value,
        Op::Gt => done.value <= planned.value,
        Op::Le => done.value > planned.value,
        Op::Lt => done.value >= planned.value,
        // A bare number is a floor for what is achieved; exceeding it is not a miss.
        Op::Eq => done.value < planned.value,
    }
}

fn proportional(planned: &Term, done: &Term, weight: Decimal) -> Decimal {
    let ratio = if planned.op.is_ceiling() {
        if done.value.is_zero() { Decimal::ONE } else { planned.value / done.value }
    } else if planned.value.is_zero() {
        Decimal::ONE
    } else {
        done.value / planned.value
    };
    (ratio.min(Decimal::ONE) * weight).round_dp(2).normalize()
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::Stated;
    use crate::model::SelfEvaluation;
    use crate::review::RuleId;
    use crate::review::testing::*;

    fn scored(target: &str, actual: &str, weight: i64, score: i64) -> crate::model::Document {
        let mut row = ind("产出指标", "数量指标", "受益人数", target);
        row.actual = Some(actual.to_owned());
        row.weight = Some(Decimal::from(weight).into());
        row.score = Stated::Given(Decimal::from(score).into());
        project_with(row)
    }

    #[test]
    fn full_score_against_a_missed_target() {
        let doc = scored(">=4754人", "4604人", 5, 5);
        let f = findings(&doc, RuleId::ScoreOverAchievement);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("4604人"), "{}", f[0].message);
        assert!(f[0].hint.contains("4.84"), "{}", f[0].hint);
        assert!(findings(&scored(">=4754人", "4604人", 5, 4), RuleId::ScoreOverAchievement).is_empty());
        assert!(findings(&scored(">=4754人", "4800人", 5, 5), RuleId::ScoreOverAchievement).is_empty());
        assert!(findings(&scored("≤10天", "12天", 5, 5), RuleId::ScoreOverAchievement).len() == 1);
    }

    #[test]
    fn execution_over_100() {
        let mut doc = project_with(ind("产出指标", "数量指标", "受益人数", "≥10人"));
        doc.self_evaluation = Some(SelfEvaluation {
            budget_full_year: Some(Decimal::from(100).into()),
            spent: Some(Decimal::from(104).into()),
            execution_rate: Some(Decimal::from(104).into()),
            ..SelfEvaluation::default()
        });
        let f = findings(&doc, RuleId::ExecutionOver100);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "预算执行率 104% 超过 100%");
        if let Some(se) = doc.self_evaluation.as_mut() {
            se.spent = Some(Decimal::from(98).into());
            se.execution_rate = Some(Decimal::from(98).into());
        }
        assert!(findings(&doc, RuleId::ExecutionOver100).is_empty());
    }
}
