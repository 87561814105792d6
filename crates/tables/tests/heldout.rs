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

use common::{IndicatorKey, Tally, as_json, indicator_keys, repo, text_inputs};
use jixiao_tables::{Item, ReadDocument, read_path};

/// What the reader reached on the held-out tables when they were last looked at; the test fails
/// below it, so that a change which reads them worse is seen.
const PRECISION_FLOOR: f64 = 0.96;
const RECALL_FLOOR: f64 = 0.52;

/// The indicators a `*.want.tsv` names: `一级<TAB>二级<TAB>三级<TAB>指标值` a line.
fn wanted(text: &str) -> BTreeMap<IndicatorKey, usize> {
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

#[test]
fn held_out_tables_are_read_without_invented_indicators() {
    let dir = repo().join("fixtures/heldout");
    let inputs = text_inputs(&dir);
    assert!(inputs.len() >= 50, "the held-out tables are there ({} found)", inputs.len());
    let mut tally = Tally::default();
    for input in &inputs {
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let want = wanted(&fs::read_to_string(input.with_extension("want.tsv")).expect("a want file"));
        let got = indicator_keys(&as_json(&documents(input)));
        tally.add(&stem, &got, &want);
    }
    let summary = tally.summary();
    println!("{summary}");
    assert!(tally.precision() >= PRECISION_FLOOR, "held-out precision fell below {PRECISION_FLOOR}:\n{summary}");
    assert!(tally.recall() >= RECALL_FLOOR, "held-out recall fell below {RECALL_FLOOR}:\n{summary}");
}
