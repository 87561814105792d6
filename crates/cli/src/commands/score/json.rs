//! The JSON report (docs/scoring.md): per table the computed and published totals and grades,
//! per indicator the computed score, the published one and the working, and the disagreements.
//! Written from these types only, so that renaming code cannot change the output.

use std::io::{self, Write};

use jixiao_core::scoring::{Method, Place, Profile, Weight};
use jixiao_core::source::Position;
use rust_decimal::Decimal;
use serde::Serialize;

use super::{Scored, basis, totals};

/// The version of this shape; bumped only on incompatible changes.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    profile: &'a str,
    basis: String,
    documents: Vec<JsonDocument<'a>>,
    totals: JsonTotals,
}

#[derive(Serialize)]
struct JsonTotals {
    documents: usize,
    scored: usize,
    indicators: usize,
    discrepancies: usize,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    file: &'a str,
    index: usize,
    kind: &'static str,
    label: &'a str,
    year: Option<i32>,
    position: Option<&'a Position>,
    computed: Computed<'a>,
    published: Published<'a>,
    notes: &'a [String],
    indicators: Vec<JsonIndicator<'a>>,
    discrepancies: Vec<JsonDiscrepancy<'a>>,
}

#[derive(Serialize)]
struct Computed<'a> {
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    total: Decimal,
    grade: &'a str,
    unscored: usize,
    execution: Option<Execution<'a>>,
}

#[derive(Serialize)]
struct Execution<'a> {
    /// In percent, two decimals.
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    rate: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    weight: Decimal,
    #[serde(with = "rust_decimal::serde::arbitrary_precision")]
    score: Decimal,
    working: &'a str,
}

#[derive(Serialize)]
struct Published<'a> {
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    total: Option<Decimal>,
    grade: Option<&'a str>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    execution_rate: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    execution_score: Option<Decimal>,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    index: usize,
    level1: &'a str,
    level2: &'a str,
    name: &'a str,
    target: &'a str,
    actual: Option<&'a str>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    weight: Option<Decimal>,
    /// `given`, `split` (evenly from the group's points) or `missing`.
    weight_source: &'static str,
    method: Method,
    met: Option<bool>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    computed: Option<Decimal>,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    published: Option<Decimal>,
    working: String,
    notes: &'a [String],
    position: Option<&'a Position>,
}

#[derive(Serialize)]
struct JsonDiscrepancy<'a> {
    code: &'static str,
    place: Place,
    published: &'a str,
    expected: &'a str,
    #[serde(with = "rust_decimal::serde::arbitrary_precision_option")]
    difference: Option<Decimal>,
    message: &'a str,
    position: Option<&'a Position>,
}

fn two(d: Decimal) -> Decimal {
    let mut r = jixiao_core::scoring::round(d);
    r.rescale(2);
    r
}

pub fn write(out: &mut impl Write, all: &[Scored], profile: &Profile) -> io::Result<()> {
    let documents = all.iter().filter_map(|s| s.score.as_ref().map(|score| (s, score))).map(|(s, score)| {
        let doc = &s.document;
        let se = doc.self_evaluation.as_ref();
        JsonDocument {
            file: &s.file,
            index: s.index,
            kind: match doc.kind {
                jixiao_core::DocumentKind::Project => "project",
                jixiao_core::DocumentKind::Department => "department",
            },
            label: doc.label(),
            year: doc.year,
            position: s.source.document.as_ref(),
            computed: Computed {
                total: two(score.total),
                grade: &score.grade,
                unscored: score.unscored,
                execution: score.execution.as_ref().map(|e| Execution {
                    rate: two(e.rate),
                    weight: e.weight,
                    score: two(e.score),
                    working: &e.working,
                }),
            },
            published: Published {
                total: se.and_then(|e| e.total_score).map(|t| t.get()),
                grade: se.and_then(|e| e.grade.as_deref()),
                execution_rate: se.and_then(|e| e.execution_rate).map(|r| r.get()),
                execution_score: se.and_then(|e| e.execution_score).map(|s| s.get()),
            },
            notes: &score.notes,
            indicators: doc
                .indicators
                .iter()
                .zip(&score.indicators)
                .enumerate()
                .map(|(i, (ind, r))| JsonIndicator {
                    index: i,
                    level1: &ind.level1,
                    level2: &ind.level2,
                    name: &ind.name,
                    target: &ind.target,
                    actual: ind.actual.as_deref(),
                    weight: r.weight.value(),
                    weight_source: match r.weight {
                        Weight::Given(_) => "given",
                        Weight::Split(_) => "split",
                        Weight::Missing(_) => "missing",
                    },
                    method: r.method,
                    met: r.met,
                    computed: r.score.map(two),
                    published: ind.score.into_given().map(|s| s.get()),
                    working: r.working.to_string(),
                    notes: &r.notes,
                    position: s.source.indicator(i),
                })
                .collect(),
            discrepancies: score
                .discrepancies
                .iter()
                .map(|d| JsonDiscrepancy {
                    code: d.kind.code(),
                    place: d.place,
                    published: &d.published,
                    expected: &d.expected,
                    difference: d.difference.map(two),
                    message: &d.message,
                    position: match d.place {
                        Place::Indicator(i) => s.source.indicator(i),
                        _ => s.source.document.as_ref(),
                    },
                })
                .collect(),
        }
    });
    let documents: Vec<JsonDocument> = documents.collect();
    let t = totals(all);
    let report = Report {
        version: VERSION,
        profile: &profile.name,
        basis: basis(profile),
        documents,
        totals: JsonTotals {
            documents: t.documents,
            scored: t.scored,
            indicators: t.indicators,
            discrepancies: t.discrepancies,
        },
    };
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
