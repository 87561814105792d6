//! 适当性 and 细化量化 of targets that read well but measure nothing: an output capped rather
//! than promised, a cost of 0, costs only as rates, a unit without its numerator, a floor of 1
//! per year copied from a template.

use rust_decimal::Decimal;

use crate::levels::Level2;
use crate::model::Indicator;
use crate::target::{Op, Target, Term};

use super::context::{Context, Facts};
use super::words::{contains_any, is_money, is_percent, money_factor};
use super::{RuleId, Sink, Subject, cat};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    let ceiling = out.enabled(RuleId::QuantityCeiling);
    let zero = out.enabled(RuleId::ZeroCost);
    let unit = out.enabled(RuleId::IncompleteUnit);
    let boilerplate = out.enabled(RuleId::BoilerplateTarget);
    for (i, ind, f) in cx.indicators() {
        let terms = f.target.terms();
        if terms.is_empty() {
            continue;
        }
        if ceiling && f.level2 == Some(Level2::Quantity) && capped_output(ind, f, terms) {
            let t = &terms[0];
            out.report(
                RuleId::QuantityCeiling,
                Subject::Indicator(i),
                cat(&["数量指标“", &ind.name, "”的指标值“", &ind.target, "”是上限; 产出数量应是下限"]),
                format!("若“{}”是要完成的数量, 改为“≥{}{}”(不少于)", ind.name, t.value.normalize(), t.unit),
            );
        }
        if zero && f.is_cost() {
            if let Some(t) = terms.iter().find(|t| t.value.is_zero() && !t.op.is_floor() && money_unit(&t.unit)) {
                out.report(
                    RuleId::ZeroCost,
                    Subject::Indicator(i),
                    cat(&["成本指标“", &ind.name, "”的指标值“", &ind.target, "”为 0, 与项目有支出不符"]),
                    format!("写明“{}”的实际上限 (如“≤{}”), 该项确无支出的删去这个指标", ind.name, example(&t.unit)),
                );
            }
        }
        if unit {
            if let Some(t) = terms.iter().find(|t| incomplete(&t.unit)) {
                out.report(
                    RuleId::IncompleteUnit,
                    Subject::Indicator(i),
                    cat(&["指标“", &ind.name, "”的指标值“", &ind.target, "”的计量单位“", &t.unit, "”不完整"]),
                    format!("补全单位, 如“{}{}”", t.value.normalize(), completed(&t.unit)),
                );
            }
        }
        if boilerplate {
            if let [t] = terms {
                if t.op == Op::Ge && t.value == Decimal::ONE && (t.unit == "年" || t.unit.ends_with("/年")) {
                    out.report(
                        RuleId::BoilerplateTarget,
                        Subject::Indicator(i),
                        cat(&["指标“", &ind.name, "”的指标值“", &ind.target, "”不论项目如何都能达到, 像是套用的模板"]),
                        format!("按本项目写出“{}”要达到的具体水平, 或删去这个指标", ind.name),
                    );
                }
            }
        }
    }
    if out.enabled(RuleId::CostWithoutAmount) {
        cost_without_amount(cx, out);
    }
}

/// Words of things one wants fewer of: a ceiling on their count is right.
const UNWANTED: &[&str] = &[
    "投诉",
    "事故",
    "违规",
    "违纪",
    "违法",
    "差错",
    "失误",
    "不合格",
    "返工",
    "超标",
    "案件",
    "损失",
    "故障",
    "误差",
    "死亡",
    "伤亡",
    "污染",
    "排放",
    "滞留",
    "拖欠",
    "流失",
    "退回",
    "缺陷",
    "隐患",
    "延误",
    "上访",
    "发生",
    "超支",
    "问题",
    "频次",
    "风险",
    "负面",
    "舆情",
    "人数控制",
    "控制",
    "调整",
    "变更",
    "追加",
];

fn capped_output(ind: &Indicator, f: &Facts, terms: &[Term]) -> bool {
    terms.iter().all(|t| t.op.is_ceiling() && !is_money(&t.unit) && !is_percent(&t.unit))
        && !f.name.cost()
        && !f.name.ratio()
        && !f.name.unit_cost()
        && !f.name.timeliness()
        && !contains_any(&ind.name, UNWANTED)
}

/// An amount of money, alone or per something (`万元/人`).
fn money_unit(unit: &str) -> bool {
    let head = unit.split('/').next().unwrap_or("");
    money_factor(head).is_some()
}

fn example(unit: &str) -> String {
    if unit.contains('/') { format!("500{}", unit.replacen("万元", "元", 1)) } else { format!("5{unit}") }
}

/// `/株`, `元/`: a compound unit with one side missing.
fn incomplete(unit: &str) -> bool {
    // Units are read trimmed; most have no `/` at either end, settled by two byte tests.
    (unit.starts_with('/') || unit.ends_with('/')) && unit.len() > 1
}

fn completed(unit: &str) -> String {
    let u = unit.trim();
    if u.starts_with('/') { format!("元{u}") } else { format!("{u}人") }
}

/// Cost indicators that are all rates (`成本控制率 100%`): no amount says what may be spent.
fn cost_without_amount(cx: &Context, out: &mut Sink) {
    let mut any_cost = false;
    for (_, ind, f) in cx.indicators() {
        if !f.is_cost() {
            continue;
        }
        any_cost = true;
        let money = match f.target {
            Target::Quantity { terms } => terms.iter().any(|t| money_unit(&t.unit)),
            Target::Range { unit, .. } => money_unit(unit),
            _ => false,
        };
        if money || states_amount(&ind.name) {
            return;
        }
    }
    if !any_cost {
        return;
    }
    for (i, ind, f) in cx.indicators() {
        // `成本控制率 100%`, or `100` where the table left out the `%`.
        let rate = f.target.terms().iter().any(|t| is_percent(&t.unit) || (t.unit.is_empty() && f.name.ratio()));
        if f.is_cost() && rate {
            out.report(
                RuleId::CostWithoutAmount,
                Subject::Indicator(i),
                cat(&["成本指标“", &ind.name, "”只给出比率“", &ind.target, "”, 全表没有以金额计的成本"]),
                "按主要支出写出金额上限 (如“××费 ≤20万元”), 比率可作为补充",
            );
        }
    }
}

/// Whether a name states a sum of money (`本年预算安排800万元`): the cost is given, in the name.
fn states_amount(name: &str) -> bool {
    name.char_indices()
        .any(|(i, c)| c.is_ascii_digit() && ["元", "万元", "亿元", "千元"].iter().any(|u| name[i + 1..].starts_with(u)))
}

#[cfg(test)]
mod tests {
    use crate::review::RuleId;
    use crate::review::testing::*;

    #[test]
    fn quantity_ceiling() {
        let doc = project_with(ind("产出指标", "数量指标", "开展精品示范村建设数量", "≤4"));
        assert_eq!(flagged(&doc, RuleId::QuantityCeiling), ["开展精品示范村建设数量"]);
        assert!(findings(&doc, RuleId::QuantityCeiling)[0].hint.contains("≥4"));
        for (name, target) in [
            ("投诉次数", "≤2次"),
            ("培训人数", "≥100人"),
            ("安全事故发生数", "≤0起"),
            ("差错率", "≤1%"),
            ("科目调整次数", "≤10次"),
        ] {
            let doc = project_with(ind("产出指标", "数量指标", name, target));
            assert!(findings(&doc, RuleId::QuantityCeiling).is_empty(), "{name}");
        }
    }

    #[test]
    fn zero_cost() {
        let doc = project_with(ind("成本指标", "经济成本指标", "出差单位成本", "=0万元/人"));
        assert_eq!(flagged(&doc, RuleId::ZeroCost), ["出差单位成本"]);
        let doc = project_with(ind("成本指标", "经济成本指标", "出差单位成本", "≤0.3万元/人"));
        assert!(findings(&doc, RuleId::ZeroCost).is_empty());
        // 0 outside cost is another matter (a count of accidents).
        let doc = project_with(ind("产出指标", "质量指标", "安全事故", "0起"));
        assert!(findings(&doc, RuleId::ZeroCost).is_empty());
    }

    #[test]
    fn cost_without_amount() {
        let doc = project_with(ind("产出指标", "成本指标", "成本控制率", "100%"));
        assert_eq!(flagged(&doc, RuleId::CostWithoutAmount), ["成本控制率"]);
        let doc = project_with(ind("产出指标", "成本指标", "指标1成本控制率", "100"));
        assert_eq!(flagged(&doc, RuleId::CostWithoutAmount), ["指标1成本控制率"]);
        let doc = project(vec![
            ind("产出指标", "成本指标", "成本控制率", "100%"),
            ind("产出指标", "成本指标", "设备购置费", "≤60万元"),
        ]);
        assert!(findings(&doc, RuleId::CostWithoutAmount).is_empty());
        // The sum in the name of a cost indicator whose target is the rate spent.
        let doc = project_with(ind("产出指标", "成本指标", "本年预算安排800万元", "100%"));
        assert!(findings(&doc, RuleId::CostWithoutAmount).is_empty());
    }

    #[test]
    fn incomplete_unit() {
        let doc = project_with(ind("成本指标", "经济成本指标", "苗木单价", "≤28.40/株"));
        let f = findings(&doc, RuleId::IncompleteUnit);
        assert_eq!(f.len(), 1);
        assert!(f[0].hint.contains("28.4元/株"), "{}", f[0].hint);
        let doc = project_with(ind("成本指标", "经济成本指标", "苗木单价", "≤28.40元/株"));
        assert!(findings(&doc, RuleId::IncompleteUnit).is_empty());
    }

    #[test]
    fn boilerplate_target() {
        for (name, target) in [("按时发放", "≥1人/年"), ("维持时效", "≥1年")] {
            let doc = project_with(ind("效益指标", "可持续影响指标", name, target));
            assert_eq!(flagged(&doc, RuleId::BoilerplateTarget), [name]);
        }
        for target in ["≥3年", "≥1个", "≥10人/年"] {
            let doc = project_with(ind("效益指标", "可持续影响指标", "持续发挥作用", target));
            assert!(findings(&doc, RuleId::BoilerplateTarget).is_empty(), "{target}");
        }
    }
}
