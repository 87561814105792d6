//! The JSON report: a stable shape, documented in docs/review.md. Every field is written from
//! these types (never from internal enums), so renaming code cannot change the output.

use std::io::{self, Write};

use jixiao_core::review::{Finding, Subject};
use jixiao_core::source::Position;
use serde::Serialize;

use super::{Reviewed, Totals};

/// The version of this shape; bumped only on incompatible changes.
const VERSION: u32 = 1;

#[derive(Serialize)]
struct JsonTotals {
    documents: usize,
    indicators: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    file: &'a str,
    index: usize,
    kind: &'static str,
    label: &'a str,
    title: &'a str,
    year: Option<i32>,
    position: Option<&'a Position>,
    summary: JsonSummary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct JsonSummary {
    errors: usize,
    warnings: usize,
    infos: usize,
    grade: &'static str,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    rule: &'static str,
    severity: &'static str,
    dimension: &'static str,
    dimension_label: &'static str,
    subject: &'static str,
    indicator: Option<JsonIndicator<'a>>,
    position: Option<&'a Position>,
    message: &'a str,
    hint: &'a str,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    index: usize,
    level1: &'a str,
    level2: &'a str,
    name: &'a str,
    target: &'a str,
}

/// Opens the report object: `version`, then the `documents` array, one document per line as
/// each is reviewed, and `summary` last, once the counts are known.
pub fn begin(out: &mut impl Write) -> io::Result<()> {
    write!(out, "{{\"version\":{VERSION},\"documents\":[")
}

/// One document, after a comma unless it is the first.
pub fn document(out: &mut impl Write, r: &Reviewed, first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    serde_json::to_writer(&mut *out, &json_document(r))?;
    Ok(())
}

/// Closes the array and writes the summary.
pub fn finish(out: &mut impl Write, t: &Totals) -> io::Result<()> {
    let totals = JsonTotals {
        documents: t.documents,
        indicators: t.indicators,
        errors: t.errors,
        warnings: t.warnings,
        infos: t.infos,
    };
    out.write_all(b"\n],\"summary\":")?;
    serde_json::to_writer(&mut *out, &totals)?;
    writeln!(out, "}}")
}

fn json_document(r: &Reviewed) -> JsonDocument<'_> {
    let s = &r.review.summary;
    JsonDocument {
        file: &r.file,
        index: r.index,
        kind: match r.document.kind {
            jixiao_core::DocumentKind::Project => "project",
            jixiao_core::DocumentKind::Department => "department",
        },
        label: r.document.label(),
        title: &r.document.title,
        year: r.document.year,
        position: r.position(),
        summary: JsonSummary { errors: s.errors, warnings: s.warnings, infos: s.infos, grade: s.grade.label() },
        findings: r.review.findings.iter().map(|f| finding(r, f)).collect(),
    }
}

fn finding<'a>(r: &'a Reviewed, f: &'a Finding) -> JsonFinding<'a> {
    let dimension = f.dimension();
    JsonFinding {
        rule: f.code(),
        severity: f.severity.code(),
        dimension: dimension.code(),
        dimension_label: dimension.label(),
        subject: match f.subject {
            Subject::Document => "document",
            Subject::Period => "period",
            Subject::Funds => "funds",
            Subject::Indicator(_) => "indicator",
        },
        indicator: f.indicator().and_then(|i| {
            let ind = r.document.indicators.get(i)?;
            Some(JsonIndicator {
                index: i,
                level1: &ind.level1,
                level2: &ind.level2,
                name: &ind.name,
                target: &ind.target,
            })
        }),
        position: f.position.as_ref(),
        message: &f.message,
        hint: &f.hint,
    }
}
