//! The text report, in the style of a compiler: `file:line:col: 错误[rule-code]: message` with
//! the hint indented below, then a summary line per document and one for the run.

use std::io::{self, Write};

use jixiao_core::review::Severity;

use super::Report;

pub fn write(out: &mut impl Write, report: &Report) -> io::Result<()> {
    for r in &report.reviewed {
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
        writeln!(out)?;
    }
    writeln!(
        out,
        "共审核 {} 张表 ({} 个指标): {} 个错误, {} 个警告, {} 个提示",
        report.reviewed.len(),
        report.indicators(),
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info)
    )
}
