//! Scoring a whole table: weights allocated, each indicator scored, budget-execution points,
//! total and grade, and the published figures checked against them.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::check::{Discrepancy, check};
use super::indicator::{IndicatorScore, score_parsed};
use super::profile::Profile;
use super::weights::allocate;
use super::{div, mul, num, points, round, sum};
use crate::model::Document;
use crate::quantity;
use crate::target::Target;

/// Budget-execution points: min(执行率, 1) × w.
#[derive(Debug, Clone, PartialEq)]
pub struct ExecutionScore {
    /// 执行率 in percent, exact.
    pub rate: Decimal,
    /// Its weight: the table's 分值, else the profile's.
    pub weight: Decimal,
    /// The points, rounded.
    pub score: Decimal,
    /// `min(执行率, 1)×w = min(251.89/251.89, 1)×10 = 10.00`.
    pub working: String,
}

/// A table's scores.
#[derive(Debug, Clone, PartialEq)]
pub struct DocumentScore {
    /// Per indicator, in table order.
    pub indicators: Vec<IndicatorScore>,
    /// Budget execution; `None` when the table has no execution figures, or why not in `notes`.
    pub execution: Option<ExecutionScore>,
    /// The sum of the rounded scores.
    pub total: Decimal,
    /// The grade the profile gives the total.
    pub grade: String,
    /// How many indicators could not be scored.
    pub unscored: usize,
    /// Statements about the whole: weights split, weights not adding up to 100.
    pub notes: Vec<String>,
    /// Where the published figures disagree with the rules.
    pub discrepancies: Vec<Discrepancy>,
}

/// Whether a table has anything to score: a self-evaluation block or an indicator's actual.
pub fn has_actuals(doc: &Document) -> bool {
    doc.self_evaluation.is_some()
        || doc.indicators.iter().any(|i| i.actual.as_deref().is_some_and(|a| !a.trim().is_empty()))
}

/// Scores a table by the profile and checks its published scores.
pub fn score_document(doc: &Document, profile: &Profile) -> DocumentScore {
    let targets: Vec<Target> = doc.indicators.iter().map(|i| i.parsed_target()).collect();
    let actuals: Vec<Target> =
        doc.indicators.iter().map(|i| Target::parse(i.actual.as_deref().unwrap_or(""))).collect();
    score_with(doc, |i| &targets[i], |i| &actuals[i], profile)
}

/// Parsed targets and actuals kept across tables: published tables repeat their texts
/// (`≥90%`, `达成预期指标`), so a run over many tables parses each text once.
#[derive(Debug, Default)]
pub struct ParseCache {
    parsed: HashMap<String, Target>,
}

impl ParseCache {
    /// Enough for the distinct texts of a large corpus; past it the cache starts again.
    const LIMIT: usize = 1 << 16;

    /// An empty cache.
    pub fn new() -> Self {
        ParseCache::default()
    }

    fn prepare(&mut self, doc: &Document) {
        if self.parsed.len() + 2 * doc.indicators.len() > Self::LIMIT {
            self.parsed.clear();
        }
        for ind in &doc.indicators {
            for text in [ind.target.as_str(), ind.actual.as_deref().unwrap_or("")] {
                if !self.parsed.contains_key(text) {
                    self.parsed.insert(text.to_owned(), Target::parse(text));
                }
            }
        }
    }

    fn get(&self, text: &str) -> &Target {
        static EMPTY: Target = Target::Empty;
        self.parsed.get(text).unwrap_or(&EMPTY)
    }
}

/// As [`score_document`], parsing through `cache` (as `jixiao score` runs).
pub fn score_cached(doc: &Document, profile: &Profile, cache: &mut ParseCache) -> DocumentScore {
    cache.prepare(doc);
    let cache = &*cache;
    let inds = &doc.indicators;
    score_with(doc, |i| cache.get(&inds[i].target), |i| cache.get(inds[i].actual.as_deref().unwrap_or("")), profile)
}

fn score_with<'a>(
    doc: &Document,
    target: impl Fn(usize) -> &'a Target,
    actual: impl Fn(usize) -> &'a Target,
    profile: &Profile,
) -> DocumentScore {
    let (weights, mut notes) = allocate(&doc.indicators, profile);
    let indicators: Vec<IndicatorScore> = doc
        .indicators
        .iter()
        .zip(&weights)
        .enumerate()
        .map(|(i, (ind, w))| score_parsed(ind, target(i), actual(i), w, doc.year, profile))
        .collect();
    let execution = execution(doc, profile, &mut notes);
    let total = sum(indicators.iter().filter_map(|s| s.score).chain(execution.as_ref().map(|e| e.score)));
    let unscored = indicators.iter().filter(|s| s.score.is_none()).count();
    let weight_sum = sum(weights.iter().filter_map(|w| w.value()).chain(execution.as_ref().map(|e| e.weight)));
    if weight_sum != Decimal::ONE_HUNDRED && !doc.indicators.is_empty() {
        notes.push(format!("各项分值之和为 {}, 不是 100", num(weight_sum)));
    }
    if unscored > 0 {
        notes.push(format!("{unscored} 个指标未能计分, 总分 {} 未计入它们", points(total)));
    }
    let grade = profile.grade(total).to_owned();
    let mut score = DocumentScore { indicators, execution, total, grade, unscored, notes, discrepancies: Vec::new() };
    score.discrepancies = check(doc, &score, profile);
    score
}

/// Budget-execution points from the self-evaluation block.
fn execution(doc: &Document, profile: &Profile, notes: &mut Vec<String>) -> Option<ExecutionScore> {
    let se = doc.self_evaluation.as_ref()?;
    let weight = se.execution_weight.map(quantity::Points::get).unwrap_or(profile.execution_weight);
    let budget = se.budget_full_year.or(se.budget_initial).map(quantity::Amount::get);
    let (rate, figures) = match (se.spent.map(quantity::Amount::get), budget) {
        (Some(spent), Some(budget)) if budget > Decimal::ZERO => {
            if se.budget_full_year.is_none() {
                notes.push("未给出全年预算数, 执行率按年初预算数计".to_owned());
            }
            (mul(div(spent, budget), Decimal::ONE_HUNDRED), format!("{}/{}", num(spent), num(budget)))
        }
        (Some(_), Some(_)) => {
            notes.push("全年预算数为 0, 无法计算执行率".to_owned());
            return None;
        }
        _ => match se.execution_rate.map(quantity::Rate::get) {
            Some(r) => (r, format!("{}%", num(r))),
            None => {
                if weight > Decimal::ZERO {
                    notes.push("未给出预算执行数和预算数, 预算执行率未能计分".to_owned());
                }
                return None;
            }
        },
    };
    let capped = div(rate, Decimal::ONE_HUNDRED).min(Decimal::ONE).max(Decimal::ZERO);
    let score = round(mul(capped, weight));
    let working = format!("min(执行率, 1)×w = min({figures}, 1)×{} = {}", num(weight), points(score));
    Some(ExecutionScore { rate, weight, score, working })
}
