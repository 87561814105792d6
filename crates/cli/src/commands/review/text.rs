//! The text report, in the style of a compiler: `file:line:col: 错误[rule-code]: message` with
//! the hint indented below, then a summary line per document and one for the run.

use std::io::{self, Write};

use super::{Reviewed, Totals};

/// One document's findings and its summary line.
pub fn document(out: &mut impl Write, r: &Reviewed) -> io::Result<()> {
    let label = r.document.label();
    for f in &r.review.findings {
        match &f.position {
            Some(p) => write!(out, "{}:{p}: ", r.file)?,
            None => write!(out, "{}: ", r.file)?,
        }
        writeln!(out, "{}[{}]: {label}: {}", f.severity.label(), f.code(), f.message)?;
        writeln!(out, "  = 建议: {}", f.hint)?;
    }
    let s = &r.review.summary;
    writeln!(
        out,
        "{label} ({}): {} 个错误, {} 个警告, {} 个提示; 建议评级: {} ({})",
        r.document.kind.label(),
        s.errors,
        s.warnings,
        s.infos,
        s.grade,
        s.grade.meaning()
    )?;
    writeln!(out)
}

/// The run's summary line.
pub fn finish(out: &mut impl Write, t: &Totals) -> io::Result<()> {
    writeln!(
        out,
        "共审核 {} 张表 ({} 个指标): {} 个错误, {} 个警告, {} 个提示",
        t.documents, t.indicators, t.errors, t.warnings, t.infos
    )
}
