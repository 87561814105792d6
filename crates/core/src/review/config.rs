//! The review configuration: which rules run at what severity, thresholds, grade bands and the
//! indicator frame. Reading it from a file (TOML) is the caller's business; unknown keys are
//! errors that name the key.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Deserialize;

use super::Severity;
use super::template::TemplateChoice;
use crate::levels::Frame;
use crate::model::HeaderField;

/// The whole configuration; every part may be left out.
///
/// ```toml
/// frame = "2015"                 # "2015", "2021" or "any" (default)
/// template = "declaration"       # "auto" (default: told from the table) or a template
/// required_fields = ["name", "department", "funds", "goals"]   # instead of the template's
/// [rules.missing-unit]
/// enabled = false
/// [rules.compound-target]
/// severity = "error"
/// [thresholds]
/// satisfaction_min = 85
/// [grades]
/// good_max_warnings = 8
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewConfig {
    /// The indicator frame that `level-mismatch` checks against.
    #[serde(default)]
    pub frame: Frame,
    /// The template (表样) tables follow; `auto` tells it from each table.
    #[serde(default)]
    pub template: TemplateChoice,
    /// The header fields `missing-field` asks for, instead of those of the table's template.
    #[serde(default)]
    pub required_fields: Option<Vec<HeaderField>>,
    /// Per-rule settings, keyed by rule code.
    #[serde(default)]
    pub rules: BTreeMap<String, RuleConfig>,
    /// Numbers the rules compare against.
    #[serde(default)]
    pub thresholds: Thresholds,
    /// When a document gets which suggested grade.
    #[serde(default)]
    pub grades: GradeBands,
}

/// One rule's settings; what is left out keeps the rule's default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// `false` turns the rule off.
    #[serde(default)]
    pub enabled: Option<bool>,
    /// The severity its findings get.
    #[serde(default)]
    pub severity: Option<Severity>,
}

/// Numbers the rules compare against.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Thresholds {
    /// How far, in 元, amounts may differ before `funds-sum` and `cost-exceeds-funds` report
    /// (published amounts are rounded). Default 0: exact.
    pub amount_tolerance_yuan: Decimal,
    /// The lowest satisfaction floor, in percent, that `satisfaction-too-low` accepts. Default 80.
    pub satisfaction_min: Decimal,
    /// The first budget year whose project tables must have 成本指标 (财预〔2021〕101号 applies
    /// to the budgets from 2022) when the frame is `any`; under frame `2021` every year must.
    pub cost_level_from_year: i32,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            amount_tolerance_yuan: Decimal::ZERO,
            satisfaction_min: Decimal::from(80),
            cost_level_from_year: 2022,
        }
    }
}

impl Thresholds {
    pub(crate) fn validate(&self) -> Result<(), ConfigError> {
        if self.amount_tolerance_yuan.is_sign_negative() {
            return Err(ConfigError::invalid("thresholds.amount_tolerance_yuan", "不能为负数"));
        }
        if self.satisfaction_min < Decimal::ZERO || self.satisfaction_min > Decimal::ONE_HUNDRED {
            return Err(ConfigError::invalid("thresholds.satisfaction_min", "应在 0 到 100 之间 (百分数)"));
        }
        Ok(())
    }
}

/// The suggested grade (优/良/中/差) from a document's counts of errors and warnings; info
/// findings do not count. The first band whose limits the counts are within is the grade:
///
/// | grade | errors at most | warnings at most |
/// |---|---|---|
/// | 优 | `excellent_max_errors` (0) | `excellent_max_warnings` (2) |
/// | 良 | `good_max_errors` (0) | `good_max_warnings` (5) |
/// | 中 (修改后再报) | `fair_max_errors` (2) | any |
/// | 差 (不予通过) | otherwise | |
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct GradeBands {
    /// 优: most errors.
    pub excellent_max_errors: u32,
    /// 优: most warnings.
    pub excellent_max_warnings: u32,
    /// 良: most errors.
    pub good_max_errors: u32,
    /// 良: most warnings.
    pub good_max_warnings: u32,
    /// 中: most errors; more is 差.
    pub fair_max_errors: u32,
}

impl Default for GradeBands {
    fn default() -> Self {
        GradeBands {
            excellent_max_errors: 0,
            excellent_max_warnings: 2,
            good_max_errors: 0,
            good_max_warnings: 5,
            fair_max_errors: 2,
        }
    }
}

impl GradeBands {
    pub(crate) fn validate(&self) -> Result<(), ConfigError> {
        if self.excellent_max_errors > self.good_max_errors {
            return Err(ConfigError::invalid("grades.excellent_max_errors", "不能大于 grades.good_max_errors"));
        }
        if self.good_max_errors > self.fair_max_errors {
            return Err(ConfigError::invalid("grades.good_max_errors", "不能大于 grades.fair_max_errors"));
        }
        if self.excellent_max_warnings > self.good_max_warnings {
            return Err(ConfigError::invalid("grades.excellent_max_warnings", "不能大于 grades.good_max_warnings"));
        }
        Ok(())
    }
}

/// A grade band as a pair of limits, for documentation and display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GradeBand {
    /// Most errors in the band.
    pub max_errors: u32,
    /// Most warnings in the band; `None` for any number.
    pub max_warnings: Option<u32>,
}

/// A configuration that parses but cannot be used; names the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// `[rules.<code>]` names no rule.
    #[error("{key}: 没有这条审核规则 (`jixiao rules` 列出所有规则)")]
    UnknownRule {
        /// The key, e.g. `rules.no-such-rule`.
        key: String,
    },
    /// A value out of its range.
    #[error("{key}: {message}")]
    Invalid {
        /// The key, e.g. `thresholds.satisfaction_min`.
        key: String,
        /// What is wrong with it, in Chinese.
        message: String,
    },
}

impl ConfigError {
    fn invalid(key: &str, message: &str) -> Self {
        ConfigError::Invalid { key: key.to_owned(), message: message.to_owned() }
    }

    /// The key at fault.
    pub fn key(&self) -> &str {
        match self {
            ConfigError::UnknownRule { key } | ConfigError::Invalid { key, .. } => key,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{Reviewer, RuleId};

    fn config(json: serde_json::Value) -> Result<ReviewConfig, serde_json::Error> {
        serde_json::from_value(json)
    }

    #[test]
    fn rules_can_be_turned_off_and_given_other_severities() {
        let c = config(serde_json::json!({
            "frame": "2015",
            "rules": {"missing-unit": {"enabled": false}, "compound-target": {"severity": "error"}}
        }))
        .expect("valid");
        let r = Reviewer::new(&c).expect("usable");
        assert_eq!(r.frame(), Frame::F2015);
        assert!(!r.setting(RuleId::MissingUnit).enabled);
        assert_eq!(r.setting(RuleId::CompoundTarget).severity, Severity::Error);
        assert_eq!(r.setting(RuleId::MissingTarget).severity, Severity::Error);
        assert!(r.setting(RuleId::MissingTarget).enabled);
    }

    #[test]
    fn unknown_keys_and_rules_are_errors_naming_the_key() {
        let e = config(serde_json::json!({"frames": "2015"})).expect_err("unknown key");
        assert!(e.to_string().contains("frames"), "{e}");
        let e = config(serde_json::json!({"rules": {"placeholder": {"enable": false}}})).expect_err("unknown key");
        assert!(e.to_string().contains("enable"), "{e}");
        let e = config(serde_json::json!({"thresholds": {"satisfaction": 90}})).expect_err("unknown key");
        assert!(e.to_string().contains("satisfaction"), "{e}");
        let c = config(serde_json::json!({"rules": {"no-such-rule": {"enabled": false}}})).expect("parses");
        let e = Reviewer::new(&c).expect_err("unknown rule");
        assert_eq!(e.key(), "rules.no-such-rule");
    }

    #[test]
    fn thresholds_and_grades_are_range_checked() {
        let c = config(serde_json::json!({"thresholds": {"satisfaction_min": 120}})).expect("parses");
        assert_eq!(Reviewer::new(&c).expect_err("out of range").key(), "thresholds.satisfaction_min");
        let c = config(serde_json::json!({"grades": {"good_max_warnings": 1}})).expect("parses");
        assert_eq!(Reviewer::new(&c).expect_err("bands out of order").key(), "grades.excellent_max_warnings");
        let c = config(serde_json::json!({"grades": {"good_max_warnings": 9}})).expect("parses");
        let r = Reviewer::new(&c).expect("usable");
        assert_eq!(r.grades().good_max_warnings, 9);
        assert_eq!(r.grades().excellent_max_warnings, 2, "unset keys keep their defaults");
    }
}
