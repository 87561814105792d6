//! 相关性 of a department target to its value: what the policy target (财政政策性绩效目标)
//! states — `全部…` is 100%, `不发生…` is 0 — against the value given for the indicator.

use rust_decimal::Decimal;

use crate::model::Indicator;
use crate::target::Target;

use super::context::{Context, Facts};
use super::words::is_percent;
use super::{RuleId, Sink, Subject};

pub(super) fn check(cx: &Context, out: &mut Sink) {
    if !out.enabled(RuleId::StatementValueConflict) {
        return;
    }
    for (i, ind, f) in cx.indicators() {
        if let Some(message) = conflict(ind, f) {
            out.report(
                RuleId::StatementValueConflict,
                Subject::Indicator(i),
                message,
                format!("使“{}”的指标值与财政政策性绩效目标一致, 或改正政策目标", ind.name),
            );
        }
    }
}

/// What a statement requires of the share it talks about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Requires {
    /// `全部…`, `全额…`: all of it, 100%.
    All,
    /// `不发生…`, `杜绝…`: none of it, 0.
    None,
}

fn requires(statement: &str) -> Option<Requires> {
    // One pass over the statement, dispatching on the first character of each word.
    let (mut none, mut all) = (false, false);
    for (i, c) in statement.char_indices() {
        let rest = &statement[i..];
        let has = |w: &str| rest.starts_with(w);
        match c {
            '不' if has("不发生") || has("不出现") => none = true,
            // `不得超过10%` bounds the share; `不得…` alone forbids it.
            '不' if has("不得") && !bounds(&rest["不得".len()..]) => none = true,
            '杜' if has("杜绝") => none = true,
            '禁' if has("禁止") && !bounds(&rest["禁止".len()..]) => none = true,
            '严' if has("严禁") && !bounds(&rest["严禁".len()..]) => none = true,
            '全' if has("全部") || has("全额") => all = true,
            '足' if has("足额") => all = true,
            '1' if has("100%") => all = true,
            '百' if has("百分之百") => all = true,
            '尽' if has("尽缴") => all = true,
            _ => {}
        }
    }
    // A prohibition outweighs an `all` in the same sentence (`全部…不得…`).
    if none {
        Some(Requires::None)
    } else if all {
        Some(Requires::All)
    } else {
        None
    }
}

/// Whether `text` starts with a comparison (`超过10%`): a bound, not a prohibition.
fn bounds(text: &str) -> bool {
    ["超过", "高于", "低于", "少于", "大于", "小于", "多于", "突破"].iter().any(|w| text.starts_with(w))
}

fn conflict(ind: &Indicator, f: &Facts) -> Option<String> {
    let statement = ind.policy_target.as_deref()?.trim();
    let mut required = requires(statement)?;
    if f.name.negated() {
        required = match required {
            Requires::All => Requires::None,
            Requires::None => Requires::All,
        };
    }
    let Target::Quantity { terms } = &f.target else { return None };
    let [term] = terms.as_slice() else { return None };
    let share = is_percent(&term.unit) || (term.unit.is_empty() && (f.name.ratio() || term.value.is_zero()));
    let (wanted, ok) = match required {
        Requires::None => ("0", term.value.is_zero()),
        // "All" is a share: it says nothing about a count.
        Requires::All if share => ("100%", term.value == Decimal::ONE_HUNDRED && is_percent(&term.unit)),
        Requires::All => return None,
    };
    if ok {
        return None;
    }
    let note = if f.name.negated() { " (指标衡量的是其反面)" } else { "" };
    Some(format!("政策目标“{statement}”要求 {wanted}{note}, 指标值却是“{}”", ind.target.trim()))
}

#[cfg(test)]
mod tests {
    use crate::review::RuleId;
    use crate::review::testing::*;

    #[test]
    fn statements_that_contradict_their_values() {
        let doc = department(vec![
            (
                "2019年底以前结余资金全部申报上缴财政",
                "上缴(包括收回)2019年底以前结余资金占部门应缴(应收)结余资金的百分率",
                "0",
            ),
            ("2020年执行中不发生预算追加", "2020年执行中发生预算追加资金占部门预算的百分率", "10%"),
        ]);
        let messages: Vec<String> =
            findings(&doc, RuleId::StatementValueConflict).into_iter().map(|f| f.message).collect();
        assert_eq!(
            messages,
            [
                "政策目标“2019年底以前结余资金全部申报上缴财政”要求 100%, 指标值却是“0”",
                "政策目标“2020年执行中不发生预算追加”要求 0, 指标值却是“10%”",
            ]
        );
    }

    #[test]
    fn statements_that_agree_are_quiet() {
        let doc = department(vec![
            (
                "2019年底以前结转资金全部编入2020年部门预算",
                "编入2020年部门预算的结转资金占部门实际全部结转资金的百分率",
                "100%",
            ),
            ("2020年执行中不发生预算科目调剂", "2020年执行中发生预算科目调剂资金占部门预算的百分率", "0"),
            ("发生预算调剂的, 绩效目标也要同步调整", "调整绩效目标对应金额占预算调剂的百分率", "100%"),
            // The name measures the opposite: none left unpaid is all paid.
            ("结余资金全部上缴财政", "未上缴结余资金占应缴结余资金的百分率", "0"),
            // `全部` says nothing about a count.
            ("全部项目按期完成", "按期完成项目数", "12个"),
            // A bound is not a prohibition.
            ("年度预算调剂不得超过10%", "预算调剂资金占部门预算的百分率", "10%"),
        ]);
        assert!(findings(&doc, RuleId::StatementValueConflict).is_empty());
    }

    #[test]
    fn negated_names_flip_the_requirement() {
        let doc = department(vec![("结余资金全部上缴财政", "未上缴结余资金占应缴结余资金的百分率", "100%")]);
        assert_eq!(findings(&doc, RuleId::StatementValueConflict).len(), 1);
    }
}
