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

/// An indicator as the precision tests count it: 一级, 二级, 三级 and 指标值.
pub type IndicatorKey = (String, String, String, String);

/// The indicators of an array of documents (interchange JSON), as a multiset of their keys.
pub fn indicator_keys(docs: &Value) -> BTreeMap<IndicatorKey, usize> {
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

/// The text fixtures of a folder, in order.
pub fn text_inputs(dir: &Path) -> Vec<PathBuf> {
    let mut inputs: Vec<_> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    inputs.sort();
    inputs
}

/// Indicators read, wanted and read right over many tables, with a line for each table and
/// each indicator read that was not wanted.
#[derive(Default)]
pub struct Tally {
    pub read: usize,
    pub wanted: usize,
    pub right: usize,
    pub report: String,
}

impl Tally {
    /// Counts one table's indicators; returns how many were read right.
    pub fn add(
        &mut self,
        stem: &str,
        got: &BTreeMap<IndicatorKey, usize>,
        want: &BTreeMap<IndicatorKey, usize>,
    ) -> usize {
        let right: usize = got.iter().map(|(k, n)| (*n).min(want.get(k).copied().unwrap_or(0))).sum();
        let (n_got, n_want) = (got.values().sum::<usize>(), want.values().sum::<usize>());
        for (k, n) in got {
            if *n > want.get(k).copied().unwrap_or(0) {
                self.report.push_str(&format!("  {stem}: 多读出 {k:?}\n"));
            }
        }
        self.report.push_str(&format!("{stem}: 读出 {n_got}, 应有 {n_want}, 正确 {right}\n"));
        self.read += n_got;
        self.wanted += n_want;
        self.right += right;
        right
    }

    pub fn precision(&self) -> f64 {
        self.right as f64 / self.read.max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.right as f64 / self.wanted.max(1) as f64
    }

    /// The report, ending with precision and recall.
    pub fn summary(&self) -> String {
        format!(
            "{}precision {:.3} ({}/{}), recall {:.3} ({}/{})",
            self.report,
            self.precision(),
            self.right,
            self.read,
            self.recall(),
            self.right,
            self.wanted
        )
    }
}

/// Reads a held-out table's page: the file without the collector's `#` lines above the page's
/// text, which are not the page's (a simplified `学` there would keep a traditional page's 學
/// from being given back).
pub fn read_page(path: &Path) -> jixiao_tables::Items {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let page: String = text.split_inclusive('\n').skip_while(|l| l.starts_with('#')).collect();
    jixiao_tables::read_text(&path.display().to_string(), std::io::Cursor::new(page)).unwrap_or_else(|e| panic!("{e}"))
}
