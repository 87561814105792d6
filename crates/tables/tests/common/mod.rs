//! Helpers shared by the reader tests: reading a fixture, and naming the first difference
//! between two JSON values.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jixiao_tables::{Diagnostic, Item, ReadDocument, read_path};
use serde_json::Value;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Everything a reader yields for a file: its documents and its diagnostics.
pub fn read(path: &Path) -> (Vec<ReadDocument>, Vec<Diagnostic>) {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for item in read_path(path).unwrap_or_else(|e| panic!("{e}")) {
        match item.unwrap_or_else(|e| panic!("{e}")) {
            Item::Document(d) => docs.push(*d),
            Item::Diagnostic(d) => diags.push(d),
        }
    }
    (docs, diags)
}

/// The documents as interchange JSON.
pub fn as_json(docs: &[ReadDocument]) -> Value {
    let docs: Vec<_> = docs.iter().map(|d| &d.document).collect();
    serde_json::to_value(docs).expect("documents serialise")
}

/// The first place where `got` differs from `want`, as a path and both values.
pub fn first_difference(got: &Value, want: &Value, path: &str) -> Option<String> {
    match (got, want) {
        (Value::Object(g), Value::Object(w)) => {
            let mut keys: Vec<&String> = g.keys().chain(w.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = format!("{path}/{k}");
                match (g.get(k), w.get(k)) {
                    (Some(a), Some(b)) => {
                        if let Some(d) = first_difference(a, b, &p) {
                            return Some(d);
                        }
                    }
                    (Some(a), None) => return Some(format!("{p}: 多出 {a}")),
                    (None, Some(b)) => return Some(format!("{p}: 缺少 (应为 {b})")),
                    (None, None) => {}
                }
            }
            None
        }
        (Value::Array(g), Value::Array(w)) => {
            for (i, (a, b)) in g.iter().zip(w).enumerate() {
                if let Some(d) = first_difference(a, b, &format!("{path}/{i}")) {
                    return Some(d);
                }
            }
            (g.len() != w.len()).then(|| format!("{path}: 长度 {} (应为 {})", g.len(), w.len()))
        }
        _ => (got != want).then(|| format!("{path}: {got} (应为 {want})")),
    }
}

/// Reads a fixture and compares it with its expected JSON, naming the first difference.
pub fn assert_reads_as(input: &Path, expected: &Path) -> Vec<Diagnostic> {
    let (docs, diags) = read(input);
    let want: Value = serde_json::from_str(&std::fs::read_to_string(expected).expect("expected file")).expect("JSON");
    if let Some(d) = first_difference(&as_json(&docs), &want, "") {
        panic!("{}: first difference at {d}", input.display());
    }
    diags
}

/// The fixtures of a folder that the reader does not yet read exactly, from its `known-gaps.list`
/// (`stem: what is missed`), with what each misses.
pub fn known_gaps(dir: &Path) -> BTreeMap<String, String> {
    let Ok(text) = std::fs::read_to_string(dir.join("known-gaps.list")) else { return BTreeMap::new() };
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (stem, why) = l.split_once(':').unwrap_or((l, ""));
            (stem.trim().to_owned(), why.trim().to_owned())
        })
        .collect()
}
