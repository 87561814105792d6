//! The review measured on real tables: each table in `fixtures/review/` was found published,
//! typed into interchange JSON by hand (no reader involved), and given the findings a careful
//! reviewer makes (`*.findings.json`). Errors and warnings are compared with those findings;
//! the test prints precision and recall and fails below 0.9 precision. Most tables are excerpts
//! of their page: a finding about what the excerpt cuts off (no 满意度指标 when the text stops at
//! that level) can be judged neither way and is listed under `unjudged`, which the counts skip.

use std::collections::BTreeSet;
use std::path::PathBuf;

use jixiao_core::model::documents_from_json;
use jixiao_core::review::{Reviewer, Severity};
use serde_json::Value;

/// (indicator name, or "" for the table as a whole; rule code)
type Key = (String, String);

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/review")
}

struct Case {
    name: String,
    /// The findings were written before jixiao was run on the table, and no rule was changed
    /// for it afterwards: its figures estimate how the review does on tables it was not tuned on.
    held_out: bool,
    got: BTreeSet<Key>,
    expected: BTreeSet<Key>,
}

fn keys(name: &str, v: &Value, field: &str) -> BTreeSet<Key> {
    let Some(list) = v.get(field) else { return BTreeSet::new() };
    list.as_array()
        .unwrap_or_else(|| panic!("{name}: {field} is an array"))
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap_or_else(|| panic!("{name}: {k} in {f}")).to_owned();
            assert!(!s("why").is_empty(), "{name}: every finding says why");
            (s("indicator"), s("rule"))
        })
        .collect()
}

fn cases() -> Vec<Case> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir())
        .expect("fixtures/review exists")
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json") && !p.to_string_lossy().ends_with(".findings.json"))
        .collect();
    paths.sort();
    let reviewer = Reviewer::default();
    paths
        .into_iter()
        .map(|path| {
            let name = path.file_stem().and_then(|s| s.to_str()).expect("a name").to_owned();
            let text = std::fs::read_to_string(&path).expect("readable");
            let docs = documents_from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            let mut got = BTreeSet::new();
            for doc in &docs {
                for f in reviewer.review(doc, None).findings {
                    if f.severity == Severity::Info {
                        continue;
                    }
                    let indicator = f.indicator().map(|i| doc.indicators[i].name.clone()).unwrap_or_default();
                    got.insert((indicator, f.code().to_owned()));
                }
            }
            let findings = path.with_file_name(format!("{name}.findings.json"));
            let v: Value = serde_json::from_str(
                &std::fs::read_to_string(&findings).unwrap_or_else(|e| panic!("{}: {e}", findings.display())),
            )
            .unwrap_or_else(|e| panic!("{name}.findings.json: {e}"));
            assert!(v["source"].as_str().is_some_and(|s| s.starts_with("http")), "{name}: a source address");
            assert!(v["findings"].is_array(), "{name}: a findings array");
            let expected = keys(&name, &v, "findings");
            let unjudged = keys(&name, &v, "unjudged");
            for key in &expected {
                assert!(jixiao_core::review::RuleId::from_code(&key.1).is_some(), "{name}: no rule {}", key.1);
            }
            got.retain(|k| !unjudged.contains(k));
            let held_out = v["held_out"].as_bool().unwrap_or(false);
            Case { name, held_out, got, expected }
        })
        .collect()
}

/// Agreed, false and missed findings over `cases`, with precision and recall.
fn measure<'a>(cases: impl Iterator<Item = &'a Case>, what: &str) -> f64 {
    let (mut n, mut tp, mut fp, mut fnn) = (0usize, 0usize, 0usize, 0usize);
    for c in cases {
        n += 1;
        let hits = c.got.intersection(&c.expected).count();
        let false_findings: Vec<_> = c.got.difference(&c.expected).collect();
        let missed: Vec<_> = c.expected.difference(&c.got).collect();
        tp += hits;
        fp += false_findings.len();
        fnn += missed.len();
        if !false_findings.is_empty() || !missed.is_empty() {
            eprintln!("{}: false {:?}; missed {:?}", c.name, false_findings, missed);
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fnn).max(1) as f64;
    eprintln!(
        "{what}: {n} tables, {tp} findings agreed, {fp} false, {fnn} missed; precision {precision:.3}, recall {recall:.3}"
    );
    precision
}

#[test]
fn precision_and_recall_on_real_tables() {
    let cases = cases();
    assert!(cases.len() >= 25, "at least 25 real tables, found {}", cases.len());
    let precision = measure(cases.iter(), "all");
    measure(cases.iter().filter(|c| c.held_out), "held out");
    assert!(precision >= 0.9, "precision {precision:.3} below 0.9");
}
