//! The review on the seed table agrees with a careful reviewer: every finding listed in
//! `samples/ningxia-waishi-2020.findings.json` is reported, and no other error.

use std::collections::BTreeSet;

use jixiao_core::model::documents_from_json;
use jixiao_core::review::{Reviewer, Severity};
use serde_json::Value;

const SEED_JSON: &str = include_str!("../../../samples/ningxia-waishi-2020.expected.json");
const SEED_FINDINGS: &str = include_str!("../../../samples/ningxia-waishi-2020.findings.json");

/// (document label, indicator name, rule code, severity) of every finding on the seed.
fn seed_findings() -> Vec<(String, String, String, Severity)> {
    let docs = documents_from_json(SEED_JSON).expect("the seed reads");
    let reviewer = Reviewer::default();
    let mut all = Vec::new();
    for doc in &docs {
        for f in reviewer.review(doc, None).findings {
            let indicator = f.indicator().map(|i| doc.indicators[i].name.clone()).unwrap_or_default();
            all.push((doc.label().to_owned(), indicator, f.code().to_owned(), f.severity));
        }
    }
    all
}

fn expected() -> BTreeSet<(String, String, String)> {
    let v: Value = serde_json::from_str(SEED_FINDINGS).expect("valid JSON");
    let list = v["findings"].as_array().expect("a findings array");
    let set: BTreeSet<_> = list
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().expect("a string").to_owned();
            (s("document"), s("indicator"), s("rule"))
        })
        .collect();
    assert_eq!(set.len(), 30, "the reviewer's list has 30 distinct findings");
    set
}

#[test]
fn every_listed_finding_is_reported() {
    let got: BTreeSet<_> = seed_findings().into_iter().map(|(d, i, r, _)| (d, i, r)).collect();
    let missing: Vec<_> = expected().into_iter().filter(|e| !got.contains(e)).collect();
    assert!(missing.is_empty(), "not reported: {missing:#?}");
}

#[test]
fn no_error_beyond_the_list() {
    let expected = expected();
    let extra: Vec<_> = seed_findings()
        .into_iter()
        .filter(|(d, i, r, s)| *s == Severity::Error && !expected.contains(&(d.clone(), i.clone(), r.clone())))
        .collect();
    assert!(extra.is_empty(), "errors a careful reviewer did not make: {extra:#?}");
}

#[test]
fn findings_beyond_the_list_are_few_and_minor() {
    let expected = expected();
    let extra: Vec<_> = seed_findings()
        .into_iter()
        .filter(|(d, i, r, _)| !expected.contains(&(d.clone(), i.clone(), r.clone())))
        .collect();
    // The reviewer's list is what matters; what jixiao adds must stay a handful of hints.
    assert!(extra.iter().all(|(_, _, _, s)| *s == Severity::Info), "only hints beyond the list: {extra:#?}");
    assert!(extra.len() <= 5, "noise beyond the reviewer's list: {extra:#?}");
}

/// docs/review.md lists every rule with the severity and dimension the catalogue gives it.
#[test]
fn the_rules_page_documents_every_rule() {
    let page = include_str!("../../../docs/review.md");
    for r in jixiao_core::review::RULES {
        let row = format!("| `{}` | {} | {} |", r.code, r.severity.code(), r.dimension.label());
        assert!(page.contains(&row), "docs/review.md lacks the row {row}");
    }
}

/// Reviewing with a target cache shared across documents changes nothing but the speed.
#[test]
fn the_target_cache_gives_the_same_reviews() {
    use jixiao_core::review::TargetCache;
    let docs = documents_from_json(SEED_JSON).expect("the seed reads");
    let reviewer = Reviewer::default();
    let mut cache = TargetCache::new();
    for _ in 0..2 {
        for doc in &docs {
            assert_eq!(reviewer.review_cached(doc, None, &mut cache), reviewer.review(doc, None));
        }
    }
}
