//! The review (审核) of a target table: the rules a careful finance-bureau reviewer applies by
//! eye, run mechanically, each finding with its rule, severity, dimension, place and a hint.
//!
//! [`Reviewer`] holds the effective configuration; [`Reviewer::review`] checks one document and
//! returns its findings, in table order, with a per-document [`Summary`] and suggested grade.

mod completeness;
pub mod config;
mod context;
mod direction;
mod funds;
pub mod grade;
mod hints;
mod implausible;
mod levels;
mod monitoring;
mod names;
mod period;
mod placeholder;
mod quantified;
pub mod registry;
pub mod rule;
mod self_evaluation;
mod statement;
pub mod template;
mod totals;
mod words;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::levels::Frame;
use crate::model::{Document, Indicator};
use crate::script::{self, Script};
use crate::source::{Position, SourceMap};
use crate::target::Target;

pub use crate::model::HeaderField;
pub use config::{ConfigError, GradeBand, GradeBands, ReviewConfig, RuleConfig, Thresholds};
pub use grade::{Grade, Summary};
pub use rule::{RULES, Rule, RuleId};
pub use template::{Template, TemplateChoice};

use context::Context;

/// How serious a finding or a reader's diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// 错误: the table cannot be approved as it is.
    Error,
    /// 警告: a reviewer would ask for it to be revised.
    Warning,
    /// 提示: worth a look; often a matter of form.
    Info,
}

impl Severity {
    /// The stable code used in JSON and configuration.
    pub fn code(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The review dimension (审核维度) of 财预〔2015〕88号 a rule belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    /// 完整性: every part of the table is present and filled in.
    Completeness,
    /// 相关性: indicators fit their levels, goals and duties.
    Relevance,
    /// 适当性: the money matches the targets; targets point the right way and are neither too
    /// high nor too low.
    Appropriateness,
    /// 可行性: the targets can be achieved within the project and the year.
    Feasibility,
    /// 细化量化: targets are measurable: one number, with a comparator and a unit.
    Quantification,
}

impl Dimension {
    /// The stable code used in JSON.
    pub fn code(self) -> &'static str {
        match self {
            Dimension::Completeness => "completeness",
            Dimension::Relevance => "relevance",
            Dimension::Appropriateness => "appropriateness",
            Dimension::Feasibility => "feasibility",
            Dimension::Quantification => "quantification",
        }
    }

    /// The dimension's Chinese name.
    pub fn label(self) -> &'static str {
        match self {
            Dimension::Completeness => "完整性",
            Dimension::Relevance => "相关性",
            Dimension::Appropriateness => "适当性",
            Dimension::Feasibility => "可行性",
            Dimension::Quantification => "细化量化",
        }
    }
}

/// What part of the document a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Subject {
    /// The table as a whole (its header, goals, or its set of indicators).
    Document,
    /// 项目期.
    Period,
    /// 项目资金.
    Funds,
    /// One indicator, by its index in `Document::indicators`.
    Indicator(usize),
    /// One 年度主要任务, by its index in `Document::tasks`.
    Task(usize),
}

/// One problem found (审核意见).
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The rule that found it.
    pub rule: RuleId,
    /// How serious it is (the rule's, or as configured).
    pub severity: Severity,
    /// What part of the document it concerns.
    pub subject: Subject,
    /// Where that part was read from, when the reader knows.
    pub position: Option<Position>,
    /// The problem, in Chinese, naming the values involved.
    pub message: String,
    /// How to fix it, in Chinese.
    pub hint: Cow<'static, str>,
}

impl Finding {
    /// The rule's stable kebab-case code.
    pub fn code(&self) -> &'static str {
        self.rule.code()
    }

    /// The review dimension of the rule.
    pub fn dimension(&self) -> Dimension {
        self.rule.rule().dimension
    }

    /// The index of the indicator concerned, if any.
    pub fn indicator(&self) -> Option<usize> {
        match self.subject {
            Subject::Indicator(i) => Some(i),
            _ => None,
        }
    }
}

/// The review of one document: its findings in table order and a summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Document-level findings first, then each indicator's in table order.
    pub findings: Vec<Finding>,
    /// Counts by severity and the suggested grade.
    pub summary: Summary,
}

/// What one rule does as configured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSetting {
    /// Whether the rule runs.
    pub enabled: bool,
    /// The severity its findings get.
    pub severity: Severity,
}

/// Reviews documents under a configuration. Cheap to share: reviewing takes `&self`.
#[derive(Debug, Clone)]
pub struct Reviewer {
    settings: [RuleSetting; RuleId::COUNT],
    frame: Frame,
    template: TemplateChoice,
    required_fields: Option<Vec<HeaderField>>,
    thresholds: Thresholds,
    grades: GradeBands,
}

impl Default for Reviewer {
    fn default() -> Self {
        Reviewer::new(&ReviewConfig::default()).unwrap_or_else(|_| unreachable!("the default configuration is valid"))
    }
}

impl Reviewer {
    /// A reviewer with the given configuration; fails on an unknown rule code or a threshold
    /// out of range, naming the key.
    pub fn new(config: &ReviewConfig) -> Result<Reviewer, ConfigError> {
        let mut settings = RULES.map(|r| RuleSetting { enabled: true, severity: r.severity });
        for (code, rc) in &config.rules {
            let id =
                RuleId::from_code(code).ok_or_else(|| ConfigError::UnknownRule { key: format!("rules.{code}") })?;
            let s = &mut settings[id as usize];
            if let Some(enabled) = rc.enabled {
                s.enabled = enabled;
            }
            if let Some(severity) = rc.severity {
                s.severity = severity;
            }
        }
        config.thresholds.validate()?;
        config.grades.validate()?;
        Ok(Reviewer {
            settings,
            frame: config.frame,
            template: config.template,
            required_fields: config.required_fields.clone(),
            thresholds: config.thresholds.clone(),
            grades: config.grades,
        })
    }

    /// How a rule is set up in this reviewer.
    pub fn setting(&self, rule: RuleId) -> RuleSetting {
        self.settings[rule as usize]
    }

    /// The indicator frame levels are checked against.
    pub fn frame(&self) -> Frame {
        self.frame
    }

    /// The template a document is reviewed as: the configured one, or the one it follows.
    pub fn template_of(&self, document: &Document) -> Template {
        match self.template {
            TemplateChoice::Fixed(t) => t,
            TemplateChoice::Auto => Template::detect(document),
        }
    }

    /// The grade bands used for the summary.
    pub fn grades(&self) -> &GradeBands {
        &self.grades
    }

    /// Reviews one document. `source` says where its parts were read from; findings then carry
    /// positions (interchange JSON has none).
    pub fn review(&self, document: &Document, source: Option<&SourceMap>) -> Review {
        let traditional = script::simplified(document);
        let document = &*indicator_names(traditional.as_ref().map_or(document, |(d, _)| d));
        let targets: Vec<Target> = document.indicators.iter().map(Indicator::parsed_target).collect();
        published(self.review_parsed(document, source, |i| &targets[i]), traditional.as_ref())
    }

    /// Reviews one document of many, keeping parsed targets in `cache` for the next: tables
    /// repeat the same few hundred targets (`100%`, `≥90%`), and parsing is much of a review.
    pub fn review_cached(&self, document: &Document, source: Option<&SourceMap>, cache: &mut TargetCache) -> Review {
        let traditional = script::simplified(document);
        let document = &*indicator_names(traditional.as_ref().map_or(document, |(d, _)| d));
        cache.prepare(document);
        let cache = &*cache;
        published(
            self.review_parsed(document, source, |i| cache.get(&document.indicators[i].target)),
            traditional.as_ref(),
        )
    }

    fn review_parsed<'a>(
        &'a self,
        document: &'a Document,
        source: Option<&'a SourceMap>,
        target: impl Fn(usize) -> &'a Target,
    ) -> Review {
        let template = self.template_of(document);
        let fields = self.required_fields.as_deref().unwrap_or(template.fields());
        let cx = Context::new(document, target, self.frame, template, fields, &self.thresholds, source);
        let mut out = Sink {
            settings: &self.settings,
            source,
            findings: Vec::with_capacity(document.indicators.len() / 2 + 1),
            running: &[],
        };
        for check in &registry::CHECKS {
            if check.rules.iter().any(|&r| self.settings[r as usize].enabled) {
                out.running = check.rules;
                (check.run)(&cx, &mut out);
            }
        }
        let mut findings = out.findings;
        // Table order, and within one subject the catalogue's order of rules.
        findings.sort_by_key(|f| (f.subject, f.rule));
        let summary = Summary::of(&findings, &self.grades);
        Review { findings, summary }
    }
}

/// A review of a document in traditional script, read by the rules in its simplified form, with
/// the table's text its findings quote given back as published.
fn published(mut review: Review, traditional: Option<&(Document, Script)>) -> Review {
    if let Some((_, script)) = traditional {
        for f in &mut review.findings {
            if let Some(message) = script.restore_quoted(&f.message) {
                f.message = message;
            }
            if let Some(hint) = script.restore_quoted(&f.hint) {
                f.hint = Cow::Owned(hint);
            }
        }
    }
    review
}

/// A two-level form written with its indicators in the 二级 column and no 三级: the rules read
/// the indicator's name in `name`, so the column is moved there. Other tables are not copied.
fn indicator_names(document: &Document) -> Cow<'_, Document> {
    let inds = &document.indicators;
    let moved = !inds.is_empty()
        && inds.iter().all(|i| i.name.trim().is_empty())
        && inds.iter().any(|i| !i.level2.trim().is_empty());
    if !moved {
        return Cow::Borrowed(document);
    }
    let mut doc = document.clone();
    for ind in &mut doc.indicators {
        ind.name = std::mem::take(&mut ind.level2).into();
    }
    Cow::Owned(doc)
}

/// Parsed targets by their text, kept across the documents of a run.
#[derive(Debug, Default)]
pub struct TargetCache {
    parsed: HashMap<String, Target>,
}

impl TargetCache {
    /// Enough for the distinct targets of a large corpus; past it the cache starts again.
    const LIMIT: usize = 1 << 16;

    /// An empty cache.
    pub fn new() -> Self {
        TargetCache::default()
    }

    /// Parses what the document needs and the cache lacks.
    fn prepare(&mut self, document: &Document) {
        if self.parsed.len() + document.indicators.len() > Self::LIMIT {
            self.parsed.clear();
        }
        for ind in &document.indicators {
            if !self.parsed.contains_key(ind.target.as_str()) {
                self.parsed.insert(ind.target.clone(), ind.parsed_target());
            }
        }
    }

    /// The parsed form of `text`, which [`TargetCache::prepare`] put in.
    fn get(&self, text: &str) -> &Target {
        static EMPTY: Target = Target::Empty;
        self.parsed.get(text).unwrap_or(&EMPTY)
    }
}

/// Reviews one document with the default configuration.
pub fn review(document: &Document, source: Option<&SourceMap>) -> Review {
    Reviewer::default().review(document, source)
}

/// Where rules put their findings; applies the configuration and attaches positions.
pub(crate) struct Sink<'a> {
    settings: &'a [RuleSetting; RuleId::COUNT],
    source: Option<&'a SourceMap>,
    findings: Vec<Finding>,
    /// The rules the running check declares in the registry.
    running: &'static [RuleId],
}

impl Sink<'_> {
    /// Whether the rule runs; rules check this before building messages.
    pub fn enabled(&self, rule: RuleId) -> bool {
        self.settings[rule as usize].enabled
    }

    /// Records a finding of `rule` about `subject`.
    pub fn report(&mut self, rule: RuleId, subject: Subject, message: String, hint: impl Into<Cow<'static, str>>) {
        self.report_at(rule, subject, message, hint, false);
    }

    /// Records a finding one step less serious than the rule's (error → warning → info): the
    /// same problem in a form that matters less (template hint text beside a filled target).
    pub fn report_lesser(
        &mut self,
        rule: RuleId,
        subject: Subject,
        message: String,
        hint: impl Into<Cow<'static, str>>,
    ) {
        self.report_at(rule, subject, message, hint, true);
    }

    fn report_at(
        &mut self,
        rule: RuleId,
        subject: Subject,
        message: String,
        hint: impl Into<Cow<'static, str>>,
        lesser: bool,
    ) {
        debug_assert!(
            self.running.contains(&rule),
            "{rule} is reported by a check the registry does not list it under"
        );
        let mut setting = self.settings[rule as usize];
        if !setting.enabled {
            return;
        }
        if lesser {
            setting.severity = match setting.severity {
                Severity::Error => Severity::Warning,
                Severity::Warning | Severity::Info => Severity::Info,
            };
        }
        let position = self.source.and_then(|s| match subject {
            Subject::Document => s.document.clone(),
            Subject::Period => s.period.clone().or_else(|| s.document.clone()),
            Subject::Funds => s.funds.clone().or_else(|| s.document.clone()),
            Subject::Indicator(i) => s.indicator(i).cloned(),
            // Readers place tasks no more finely than the table.
            Subject::Task(_) => s.document.clone(),
        });
        self.findings.push(Finding { rule, severity: setting.severity, subject, position, message, hint: hint.into() });
    }
}

/// Joins the parts of a message with one allocation. A message is made for every finding, and
/// `format!` grows its buffer as it goes.
pub(crate) fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

#[cfg(test)]
pub(crate) mod testing;
