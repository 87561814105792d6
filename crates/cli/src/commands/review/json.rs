//! The JSON report: the library's shape (`jixiao_core::report::ReviewReport`, documented in
//! docs/review.md, its JSON Schema from `jixiao schema --of report`), written as a stream.

use std::io::{self, Write};

use jixiao_core::report::{REPORT_VERSION, ReportDocument, ReportTotals};

use super::{Reviewed, Totals};

/// Opens the report object: `version`, then the `documents` array, one document per line as
/// each is reviewed, and `summary` last, once the counts are known.
pub fn begin(out: &mut impl Write) -> io::Result<()> {
    write!(out, "{{\"version\":{REPORT_VERSION},\"documents\":[")
}

/// One document, after a comma unless it is the first.
pub fn document(out: &mut impl Write, r: &Reviewed, first: bool) -> io::Result<()> {
    out.write_all(if first { b"\n" } else { b",\n" })?;
    let entry = ReportDocument::new(&r.file, r.index, r.position(), &r.document, r.report.clone());
    serde_json::to_writer(&mut *out, &entry)?;
    Ok(())
}

/// Closes the array and writes the summary.
pub fn finish(out: &mut impl Write, t: &Totals) -> io::Result<()> {
    let totals = ReportTotals {
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
