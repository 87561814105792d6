//! The JSON report: a stable shape, documented in docs/review.md. Every field is written from
//! these types (never from internal enums), so renaming code cannot change the output.

use std::io::{self, Write};

use jixiao_core::report::{ReportFinding, ReportSummary};
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
    summary: ReportSummary,
    findings: Vec<ReportFinding>,
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
    // The findings' shape is the library's (`jixiao_core::report`), shared with the store and
    // the web application; the envelope (file, index, position) is the command's.
    let report = jixiao_core::report::DocumentReport::new(&r.document, &r.review);
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
        summary: report.summary,
        findings: report.findings,
    }
}
