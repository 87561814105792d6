//! The registry of checks: every check the review runs, in order, with the rules it reports.
//!
//! A check is one module's pass over a document; it may report several rules, and a rule may be
//! reported by more than one check (a level out of place is found both while walking the tree and
//! against the frame). The rules themselves, their codes and default severities are the
//! catalogue in `rule.rs`; this list says which code runs them. The review runs exactly these,
//! skips a check whose rules are all turned off, and a test holds `docs/architecture.md` to it.

use super::context::Context;
use super::rule::RuleId::{self, *};
use super::{
    Sink, completeness, direction, funds, implausible, levels, monitoring, names, period, placeholder, quantified,
    self_evaluation, statement, totals,
};

/// One check: its module, the rules it may report, and the function that runs it.
pub struct Check {
    /// The module that implements it, relative to `crates/core/src/review/`.
    pub file: &'static str,
    /// Every rule the check may report.
    pub rules: &'static [RuleId],
    pub(super) run: fn(&Context, &mut Sink),
}

macro_rules! check {
    ($module:ident, [$($rule:ident),+ $(,)?]) => {
        Check { file: concat!(stringify!($module), ".rs"), rules: &[$($rule),+], run: $module::check }
    };
}

/// The checks, in the order they run.
pub static CHECKS: [Check; 13] = [
    check!(
        completeness,
        [
            MissingField,
            IncompleteIndicator,
            MissingTarget,
            MissingLevel,
            LevelMismatch,
            DuplicateIndicator,
            SatisfactionNotFloor
        ]
    ),
    check!(placeholder, [Placeholder]),
    check!(funds, [FundsSum, CostExceedsFunds]),
    check!(totals, [TotalMismatch]),
    check!(period, [PeriodMismatch, DateOutsidePeriod]),
    check!(levels, [LevelMismatch]),
    check!(names, [NameLevelMismatch]),
    check!(statement, [StatementValueConflict]),
    check!(direction, [CostNotCeiling, SatisfactionNotFloor, SatisfactionTooLow, PercentOver100]),
    check!(quantified, [QualitativeTarget, UnparsedTarget, CompoundTarget, MissingUnit, MissingComparator]),
    check!(implausible, [QuantityCeiling, ZeroCost, CostWithoutAmount, IncompleteUnit, BoilerplateTarget]),
    check!(self_evaluation, [ScoreOverAchievement, ExecutionOver100]),
    check!(monitoring, [DeviationCauseMissing]),
];

/// The files whose checks report `rule`, in registry order.
pub fn files_of(rule: RuleId) -> impl Iterator<Item = &'static str> {
    CHECKS.iter().filter(move |c| c.rules.contains(&rule)).map(|c| c.file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::RULES;

    #[test]
    fn every_rule_of_the_catalogue_is_run_by_some_check() {
        for rule in &RULES {
            assert!(files_of(rule.id).next().is_some(), "{} is in the catalogue but no check reports it", rule.code);
        }
    }

    /// Each check declares exactly the rules its module names: a rule added to a module but not
    /// here would be reported while the registry says otherwise (and the reviewer's debug
    /// assertion would fail); one declared but never named is a stale entry.
    #[test]
    fn each_check_declares_the_rules_its_module_names() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/review");
        for check in &CHECKS {
            let source = std::fs::read_to_string(dir.join(check.file)).expect("the check's module");
            let names = |r: &&crate::review::Rule| {
                let path = format!("RuleId::{:?}", r.id);
                source
                    .match_indices(&path)
                    .any(|(at, _)| !source[at + path.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_'))
            };
            let mut named: Vec<&str> = RULES.iter().filter(names).map(|r| r.code).collect();
            named.sort_unstable();
            let mut declared: Vec<&str> = check.rules.iter().map(|r| r.code()).collect();
            declared.sort_unstable();
            assert_eq!(named, declared, "{}", check.file);
        }
    }

    /// docs/architecture.md lists, for each rule code, the files that implement it.
    #[test]
    fn the_architecture_page_lists_each_rule_with_its_files() {
        let page = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/architecture.md"))
            .expect("docs/architecture.md");
        for rule in &RULES {
            let files: Vec<String> = files_of(rule.id).map(|f| format!("`review/{f}`")).collect();
            let row = format!("| `{}` | {} |", rule.code, files.join(", "));
            assert!(page.contains(&row), "docs/architecture.md lacks the row {row}");
        }
    }
}
