//! Indicator precision and recall of the text reader over real tables it was not built on:
//! `fixtures/heldout`, collected from the web after the reader was written, each with the
//! indicators a careful reader takes from it, written by hand before jixiao was run on it.
//! Unlike `fixtures/wild`, these tables are not all read right, and the test does not require
//! them to be: it reports where the reader stands on tables it has not seen, and fails if that
//! falls below what was reached (precision first: an invented indicator costs more than one
//! left unread and reported).

mod common;

use std::collections::BTreeMap;
use std::fs;

use common::{as_json, repo};
use jixiao_tables::{Item, ReadDocument, read_path};
use serde_json::Value;

type Key = (String, String, String, String);

/// What the reader reached on the held-out tables when they were last looked at; the test fails
/// below it, so that a change which reads them worse is seen.
const PRECISION_FLOOR: f64 = 0.93;
const RECALL_FLOOR: f64 = 0.56;

/// The indicators a `*.want.tsv` names: `一级<TAB>二级<TAB>三级<TAB>指标值` a line.
fn wanted(text: &str) -> BTreeMap<Key, usize> {
    let mut keys = BTreeMap::new();
    for line in text.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')) {
        let mut f = line.split('\t').map(|s| s.trim().to_owned());
        let mut next = || f.next().unwrap_or_default();
        *keys.entry((next(), next(), next(), next())).or_insert(0) += 1;
    }
    keys
}

/// The documents read from a file; an item the reader gives up on (an error, as `jixiao
/// convert` reports it) adds none.
fn documents(path: &std::path::Path) -> Vec<ReadDocument> {
    let items = read_path(path).unwrap_or_else(|e| panic!("{e}"));
    items
        .filter_map(|item| match item {
            Ok(Item::Document(d)) => Some(*d),
            _ => None,
        })
        .collect()
}

/// The indicators jixiao read, as the same keys.
fn read_keys(docs: &Value) -> BTreeMap<Key, usize> {
    let mut keys = BTreeMap::new();
    let field = |i: &Value, k: &str| i.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    for doc in docs.as_array().expect("an array of documents") {
        for i in doc.get("indicators").and_then(Value::as_array).into_iter().flatten() {
            let key = (field(i, "level1"), field(i, "level2"), field(i, "name"), field(i, "target"));
            *keys.entry(key).or_insert(0) += 1;
        }
    }
    keys
}

#[test]
fn held_out_tables_are_read_without_invented_indicators() {
    let dir = repo().join("fixtures/heldout");
    let mut inputs: Vec<_> = fs::read_dir(&dir)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 18, "the held-out tables are there ({} found)", inputs.len());
    let (mut read_total, mut wanted_total, mut right_total) = (0usize, 0usize, 0usize);
    let mut report = String::new();
    for input in &inputs {
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let want = wanted(&fs::read_to_string(input.with_extension("want.tsv")).expect("a want file"));
        let got = read_keys(&as_json(&documents(input)));
        let right: usize = got.iter().map(|(k, n)| (*n).min(want.get(k).copied().unwrap_or(0))).sum();
        let (n_got, n_want) = (got.values().sum::<usize>(), want.values().sum::<usize>());
        report.push_str(&format!("{stem}: 读出 {n_got}, 应有 {n_want}, 正确 {right}\n"));
        for (k, n) in &got {
            if *n > want.get(k).copied().unwrap_or(0) {
                report.push_str(&format!("  多读 {k:?}\n"));
            }
        }
        read_total += n_got;
        wanted_total += n_want;
        right_total += right;
    }
    let precision = right_total as f64 / read_total.max(1) as f64;
    let recall = right_total as f64 / wanted_total.max(1) as f64;
    println!(
        "{report}precision {precision:.3} ({right_total}/{read_total}), recall {recall:.3} ({right_total}/{wanted_total})"
    );
    assert!(precision >= PRECISION_FLOOR, "held-out precision {precision:.3} fell below {PRECISION_FLOOR}:\n{report}");
    assert!(recall >= RECALL_FLOOR, "held-out recall {recall:.3} fell below {RECALL_FLOOR}:\n{report}");
}
