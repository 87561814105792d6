//! 适当性 of the money: 年度资金总额 = 财政拨款 + 其他资金 (for a project, and for each of a
//! department's 年度主要任务), and the cost indicators' amounts together within the project's
//! funds.

use rust_decimal::Decimal;

use crate::model::{BudgetPart, Funds, MoneyUnit, SelfEvaluation};
use crate::quantity::Amount;
use crate::target::Target;

use super::context::Context;
use super::words::money_factor;
use super::{RuleId, Sink, Subject};
use crate::saturating::{add, mul, sub};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    let tolerance = cx.thresholds.amount_tolerance_yuan;
    if out.enabled(RuleId::FundsSum) {
        for (i, task) in cx.doc.tasks.iter().enumerate() {
            funds_sum(&task.funds, Some((i, &task.name)), tolerance, out);
        }
    }
    let Some(project) = &cx.doc.project else { return };
    let funds = &project.funds;
    if out.enabled(RuleId::FundsSum) {
        // A self-evaluation states its money in its 资金情况 block, which is checked instead.
        match cx.doc.self_evaluation.as_ref().filter(|se| !se.budget_parts.is_empty()) {
            Some(se) => budget_block_sum(se, funds.unit, tolerance, out),
            None => funds_sum(funds, None, tolerance, out),
        }
    }
    if out.enabled(RuleId::CostExceedsFunds) {
        cost_exceeds_funds(cx, funds, tolerance, out);
    }
}

/// The project's funds (`task` is `None`) or those of the 年度主要任务 `task` (its index and name).
fn funds_sum(funds: &Funds, task: Option<(usize, &str)>, tolerance: Decimal, out: &mut Sink) {
    let (Some(total), Some(fiscal)) = (funds.total.map(Amount::get), funds.fiscal.map(Amount::get)) else { return };
    // A table that states only 项目金额 and 其中 财政资金 leaves the rest unstated, not zero.
    if funds.other.is_none() && fiscal <= total {
        return;
    }
    let other = funds.other.unwrap_or_default().get();
    let sum = add(fiscal, other);
    if funds.unit.in_yuan(sub(total, sum)).abs() > tolerance {
        let u = funds.unit.label();
        let sums = format!(
            "{}{u} ≠ 财政拨款 {}{u} + 其他资金 {}{u} (合计 {}{u})",
            show(total),
            show(fiscal),
            show(other),
            show(sum)
        );
        match task {
            None => out.report(
                RuleId::FundsSum,
                Subject::Funds,
                format!("年度资金总额 {sums}"),
                "核对项目资金: 年度资金总额应等于财政拨款与其他资金之和",
            ),
            Some((i, name)) => out.report(
                RuleId::FundsSum,
                Subject::Task(i),
                format!("年度主要任务“{name}”的预算金额总额 {sums}"),
                "核对年度主要任务的预算金额: 总额应等于财政拨款与其他资金之和",
            ),
        }
    }
}

/// A column of the 资金情况 block: its 年度资金总额 row's amount, and a source row's.
type BlockColumn = fn(&SelfEvaluation) -> Option<Amount>;
type PartColumn = fn(&BudgetPart) -> Option<Amount>;

/// A self-evaluation's 年度资金总额 row against the rows of its sources (本年财政拨款, 上年结转资金,
/// 其他资金), column by column: reported once, at the first column that does not add up. Sources
/// left blank are unstated, not zero: then only sources adding up to more than the total are.
fn budget_block_sum(se: &SelfEvaluation, unit: MoneyUnit, tolerance: Decimal, out: &mut Sink) {
    let columns: [(&str, BlockColumn, PartColumn); 3] = [
        ("年初预算数", |s| s.budget_initial, |p| p.budget_initial),
        ("全年预算数", |s| s.budget_full_year, |p| p.budget_full_year),
        ("全年执行数", |s| s.spent, |p| p.spent),
    ];
    for (label, total, part) in columns {
        let Some(total) = total(se).map(Amount::get) else { continue };
        let stated: Vec<Decimal> = se.budget_parts.iter().filter_map(|p| part(p).map(Amount::get)).collect();
        if stated.is_empty() {
            continue;
        }
        let sum = crate::saturating::sum(stated.iter().copied());
        let all = stated.len() == se.budget_parts.len();
        let gap = unit.in_yuan(sub(sum, total));
        if gap > tolerance || (all && gap.abs() > tolerance) {
            let u = unit.label();
            out.report(
                RuleId::FundsSum,
                Subject::Funds,
                format!("资金情况的年度资金总额 ({label}) {}{u} ≠ 各项资金之和 {}{u}", show(total), show(sum)),
                "核对资金情况: 年度资金总额应等于本年财政拨款、上年结转资金与其他资金之和",
            );
            return;
        }
    }
}

fn cost_exceeds_funds(cx: &Context, funds: &Funds, tolerance: Decimal, out: &mut Sink) {
    let parts = funds.fiscal.map(|fiscal| add(fiscal.get(), funds.other.unwrap_or_default().get()));
    let available = funds.unit.in_yuan(match (funds.total.map(Amount::get), parts) {
        // A total that is not the sum of its parts is `funds-sum`'s finding: the costs are held
        // to the larger, and found over the funds only when over either (`年度资金总额 0`
        // beside 财政拨款 90 is the table's slip, not 90 of costs too many).
        (Some(total), Some(parts)) => total.max(parts),
        (Some(total), None) => total,
        (None, Some(parts)) => parts,
        (None, None) => return,
    });
    // One pass over the cost rows, each with its amount and whether it is a row of the total
    // (`年度预算总成本`), which sums the others: counted instead of them, not besides.
    let costs: Vec<(&crate::model::Indicator, Decimal, bool)> = cx
        .indicators()
        .filter(|(_, _, f)| f.is_cost() && !f.name.unit_cost())
        .filter_map(|(_, ind, f)| amount_yuan(f.target).map(|a| (ind, a, is_total(&ind.name))))
        .collect();
    let parts = crate::saturating::sum(costs.iter().filter(|c| !c.2).map(|c| c.1));
    let whole = costs.iter().filter(|c| c.2).map(|c| c.1).max();
    let spent = whole.map_or(parts, |w| w.max(parts));
    if sub(spent, available) > tolerance {
        let u = funds.unit;
        let counted: Vec<String> = costs.iter().map(|(ind, _, _)| format!("{} {}", ind.name, ind.target)).collect();
        let listed = if counted.len() > 5 { format!("{} 等", counted[..5].join("、")) } else { counted.join("、") };
        out.report(
            RuleId::CostExceedsFunds,
            Subject::Funds,
            format!(
                "成本指标金额合计 {}{} ({listed}), 超过年度资金总额 {}{}",
                show(spent / u.yuan()),
                u.label(),
                show(available / u.yuan()),
                u.label()
            ),
            format!(
                "成本指标是项目资金的分项, 合计不应超过年度资金总额 {}{}; 核对{}或项目资金",
                show(available / u.yuan()),
                u.label(),
                counted.first().map_or("各项成本".to_owned(), |c| format!("“{c}”等成本"))
            ),
        );
    }
}

/// The amount of money a cost indicator's target commits, in 元: exact amounts and ceilings
/// (the allotment), floors (the least that will be spent) and the top of a range; `None` when
/// the target names no amount of money.
fn amount_yuan(target: &Target) -> Option<Decimal> {
    match target {
        Target::Quantity { terms } => {
            let mut sum: Option<Decimal> = None;
            for t in terms {
                if let Some(factor) = money_factor(&t.unit) {
                    let total = sum.get_or_insert(Decimal::ZERO);
                    *total = add(*total, mul(t.value, factor));
                }
            }
            sum
        }
        Target::Range { max, unit, .. } => money_factor(unit).map(|f| mul(*max, f)),
        _ => None,
    }
}

/// A cost row that is the total of the others: `年度预算总成本`, `成本合计`, `项目总投入`.
fn is_total(name: &str) -> bool {
    super::words::contains_any(name, &["总成本", "合计", "总计", "总投入", "总额", "总费用", "总投资"])
}

/// An amount as people write it: no trailing zeros.
fn show(amount: Decimal) -> String {
    amount.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::review::testing::*;
    use crate::review::{RuleId, Subject};

    #[test]
    fn funds_sum_fires_when_total_is_not_fiscal_plus_other() {
        let mut doc = project_with(ind("产出指标", "质量指标", "合格率", "≥95%"));
        assert!(findings(&doc, RuleId::FundsSum).is_empty());
        if let Some(p) = doc.project.as_mut() {
            p.funds.other = Some(Decimal::from(20).into());
        }
        let f = findings(&doc, RuleId::FundsSum);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, Subject::Funds);
        assert_eq!(f[0].message, "年度资金总额 100万元 ≠ 财政拨款 100万元 + 其他资金 20万元 (合计 120万元)");
        // 其他资金 not stated (项目金额 and 其中 财政资金 only): the rest is not asked for.
        if let Some(p) = doc.project.as_mut() {
            p.funds.other = None;
            p.funds.fiscal = Some(Decimal::from(80).into());
        }
        assert!(findings(&doc, RuleId::FundsSum).is_empty());
        // Fiscal above the total cannot add up, stated or not.
        if let Some(p) = doc.project.as_mut() {
            p.funds.fiscal = Some(Decimal::from(120).into());
        }
        assert_eq!(findings(&doc, RuleId::FundsSum).len(), 1);
    }

    #[test]
    fn funds_sum_checks_each_task_of_a_department_table() {
        let mut doc = department(vec![("预算执行", "结转资金", "100%")]);
        let task = |name: &str, total: i64, fiscal: i64, other: i64| crate::model::Task {
            name: name.into(),
            content: String::new(),
            funds: crate::model::Funds {
                total: Some(Decimal::from(total).into()),
                fiscal: Some(Decimal::from(fiscal).into()),
                other: Some(Decimal::from(other).into()),
                ..Default::default()
            },
        };
        doc.tasks = vec![task("农田建设", 3000, 3000, 0), task("人居环境整治", 500, 450, 40)];
        let f = findings(&doc, RuleId::FundsSum);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].subject, Subject::Task(1));
        assert_eq!(
            f[0].message,
            "年度主要任务“人居环境整治”的预算金额总额 500万元 ≠ 财政拨款 450万元 + 其他资金 40万元 (合计 490万元)"
        );
    }

    #[test]
    fn amounts_of_twenty_eight_digits_give_findings_not_a_crash() {
        // In yuan these are beyond what a decimal holds: the sums saturate instead of panicking.
        let huge = "9999999999999999999999999999";
        let mut doc = project(vec![
            ind("产出指标", "成本指标", "设备购置费", &format!("≤{huge}万元")),
            ind("产出指标", "成本指标", "建设成本", &format!("≤{huge}亿元")),
        ]);
        if let Some(p) = doc.project.as_mut() {
            p.funds.total = Some(Decimal::from_str_exact(huge).unwrap().into());
            p.funds.other = Some(Decimal::from(20).into());
        }
        assert_eq!(findings(&doc, RuleId::FundsSum).len(), 1, "the total is not 100 + 20");
        assert!(findings(&doc, RuleId::CostExceedsFunds).is_empty(), "both saturate at the same bound");
    }

    #[test]
    fn cost_exceeds_funds_converts_money_units() {
        // 60万元 + 300000元 + 0.2亿元 is far over 100万元.
        let doc = project(vec![
            ind("产出指标", "成本指标", "设备购置费", "≤60万元"),
            ind("产出指标", "成本指标", "培训费", "≤300000元"),
            ind("成本指标", "经济成本指标", "建设成本", "≤0.2亿元"),
        ]);
        let f = findings(&doc, RuleId::CostExceedsFunds);
        assert_eq!(f.len(), 1);
        assert!(f[0].message.starts_with("成本指标金额合计 2090万元"), "{}", f[0].message);
        assert!(f[0].message.ends_with("超过年度资金总额 100万元"), "{}", f[0].message);
    }

    #[test]
    fn cost_exceeds_funds_stays_quiet_within_funds_and_on_unit_costs() {
        let doc = project(vec![
            ind("产出指标", "成本指标", "设备购置费", "≤60万元"),
            ind("产出指标", "成本指标", "培训费", "≤400000元"),
            // Unit costs, rates and amounts outside cost indicators are not shares of the funds.
            ind("产出指标", "成本指标", "人均培训费", "≤3000元"),
            ind("产出指标", "成本指标", "成本节约率", "≥5%"),
            ind("效益指标", "经济效益指标", "带动投资", "≥1500万元"),
        ]);
        assert!(findings(&doc, RuleId::CostExceedsFunds).is_empty());
    }

    #[test]
    fn a_total_row_is_not_added_to_its_parts() {
        let doc = project(vec![
            ind("成本指标", "经济成本指标", "年度预算总成本", "≤100万元"),
            ind("成本指标", "经济成本指标", "设备购置成本", "≤60万元"),
            ind("成本指标", "经济成本指标", "培训成本", "≤40万元"),
        ]);
        assert!(findings(&doc, RuleId::CostExceedsFunds).is_empty());
        // Parts over the funds still are, whatever the total row says.
        let doc = project(vec![
            ind("成本指标", "经济成本指标", "年度预算总成本", "≤100万元"),
            ind("成本指标", "经济成本指标", "设备购置成本", "≤90万元"),
            ind("成本指标", "经济成本指标", "培训成本", "≤40万元"),
        ]);
        assert_eq!(findings(&doc, RuleId::CostExceedsFunds).len(), 1);
    }

    #[test]
    fn funds_that_do_not_add_up_are_one_finding_not_two() {
        // 池州 棠溪镇 2022: 年度资金总额 0, 其中财政拨款 90, 项目总成本 ≤90万元.
        let mut doc = project(vec![ind("产出指标", "成本指标", "项目总成本", "≤90万元")]);
        if let Some(p) = doc.project.as_mut() {
            (p.funds.total, p.funds.fiscal, p.funds.other) =
                (Some(Decimal::ZERO.into()), Some(Decimal::from(90).into()), Some(Decimal::ZERO.into()));
        }
        assert_eq!(findings(&doc, RuleId::FundsSum).len(), 1);
        assert!(findings(&doc, RuleId::CostExceedsFunds).is_empty());
        // Costs over both the total and its parts still are.
        doc.indicators[0].target = "≤120万元".into();
        assert_eq!(findings(&doc, RuleId::CostExceedsFunds).len(), 1);
    }

    #[test]
    fn a_self_evaluation_is_checked_by_its_budget_block() {
        let part = |source: &str, initial: Option<i64>| crate::model::BudgetPart {
            source: source.into(),
            budget_initial: initial.map(|a| Decimal::from(a).into()),
            ..Default::default()
        };
        let mut doc = project(vec![ind("产出指标", "数量指标", "委托业务项目数量", "≥50个")]);
        doc.self_evaluation = Some(crate::model::SelfEvaluation {
            budget_initial: Some(Decimal::ZERO.into()),
            budget_parts: vec![part("本年财政拨款", Some(90)), part("上年结转资金", None), part("其他资金", None)],
            ..Default::default()
        });
        let f = findings(&doc, RuleId::FundsSum);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].message, "资金情况的年度资金总额 (年初预算数) 0万元 ≠ 各项资金之和 90万元");
        // Sources left blank are unstated: fewer than the total is no finding, all of them is.
        if let Some(se) = doc.self_evaluation.as_mut() {
            se.budget_initial = Some(Decimal::from(120).into());
        }
        assert!(findings(&doc, RuleId::FundsSum).is_empty());
        if let Some(se) = doc.self_evaluation.as_mut() {
            se.budget_parts = vec![part("本年财政拨款", Some(90)), part("其他资金", Some(20))];
        }
        assert_eq!(findings(&doc, RuleId::FundsSum).len(), 1);
    }

    #[test]
    fn floors_over_the_funds_cannot_be_met_either() {
        let doc = project(vec![
            ind("产出指标", "成本指标", "出访费用", "大于650万元"),
            ind("产出指标", "成本指标", "接待费用", "大于50万元"),
        ]);
        assert_eq!(findings(&doc, RuleId::CostExceedsFunds).len(), 1);
    }
}
