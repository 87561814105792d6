//! `jixiao monitor`: traffic lights at month N for every table with monitoring data, the
//! deviation causes missing where a light is not green, and a list of the tables off track
//! with their causes. Text, or JSON (docs/scoring.md).
//!
//! Exit codes: 0 every light that is not green is explained; 1 a deviation cause is missing;
//! 2 an input or the profile could not be read.

use std::io::Write;

use anyhow::Result;
use jixiao_core::monitoring::{Judged, Light, MonitoringReport, has_monitoring, monitor};
use serde::Serialize;

use super::Outcome;
use crate::cli::{MonitorArgs, MonitorFormat};
use crate::output::Output;
use crate::profile;

struct Monitored {
    file: String,
    index: usize,
    label: String,
    names: Vec<String>,
    report: MonitoringReport,
}

#[derive(Serialize)]
struct JsonDocument<'a> {
    file: &'a str,
    index: usize,
    label: &'a str,
    month: u8,
    light: Light,
    execution: Option<&'a jixiao_core::monitoring::ExecutionLight>,
    indicators: Vec<JsonIndicator<'a>>,
    findings: &'a [jixiao_core::monitoring::MonitoringFinding],
    causes: &'a [String],
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    index: usize,
    name: &'a str,
    #[serde(flatten)]
    judged: &'a Judged,
}

pub fn run(args: MonitorArgs) -> Result<Outcome> {
    let profile = profile::load(args.profile.as_deref())?;
    let mut out = Output::open(args.output.as_deref(), &args.files)?;
    let mut all = Vec::new();
    let mut skipped = 0;
    let unreadable = super::inputs::each_document(&args.files, |file, index, read, _| {
        let doc = &read.document;
        if !has_monitoring(doc) {
            skipped += 1;
            return Ok(());
        }
        let report = monitor(doc, args.month, &profile.lights);
        let names = doc.indicators.iter().map(|i| i.name.clone()).collect();
        all.push(Monitored { file: file.to_owned(), index, label: doc.label().to_owned(), names, report });
        Ok(())
    })?;
    match args.format {
        MonitorFormat::Text => text(&mut out, &all, skipped)?,
        MonitorFormat::Json => {
            let docs: Vec<JsonDocument> = all
                .iter()
                .map(|m| JsonDocument {
                    file: &m.file,
                    index: m.index,
                    label: &m.label,
                    month: m.report.month,
                    light: m.report.light,
                    execution: m.report.execution.as_ref(),
                    indicators: m
                        .report
                        .indicators
                        .iter()
                        .enumerate()
                        .map(|(i, j)| JsonIndicator { index: i, name: &m.names[i], judged: j })
                        .collect(),
                    findings: &m.report.findings,
                    causes: &m.report.causes,
                })
                .collect();
            serde_json::to_writer_pretty(
                &mut out,
                &serde_json::json!({ "version": 1, "documents": docs, "skipped": skipped }),
            )?;
            writeln!(out)?;
        }
    }
    out.commit()?;
    let missing = all.iter().any(|m| !m.report.findings.is_empty());
    Ok(if unreadable {
        Outcome::Failed
    } else if missing {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

fn text(out: &mut impl Write, all: &[Monitored], skipped: usize) -> std::io::Result<()> {
    for m in all {
        let r = &m.report;
        writeln!(out, "{}: {}: 截至 {} 月: {}", m.file, m.label, r.month, r.light.label())?;
        if let Some(e) = &r.execution {
            writeln!(out, "  预算执行: {}", e.working)?;
        }
        for (i, j) in r.indicators.iter().enumerate() {
            writeln!(out, "  [{}] {}: {}: {}", i + 1, m.names[i], j.light.label(), j.working)?;
        }
        for f in &r.findings {
            writeln!(out, "{}: 缺偏差原因: {}: {}", m.file, m.label, f.message)?;
        }
        writeln!(out)?;
    }
    let off: Vec<&Monitored> = all.iter().filter(|m| m.report.light.off_track()).collect();
    if !off.is_empty() {
        writeln!(out, "偏离目标的表:")?;
        for m in &off {
            let causes =
                if m.report.causes.is_empty() { "未填偏差原因".to_owned() } else { m.report.causes.join("; ") };
            writeln!(out, "  {} {} ({}): {causes}", m.report.light.label(), m.label, m.file)?;
        }
    }
    let missing: usize = all.iter().map(|m| m.report.findings.len()).sum();
    write!(out, "共监控 {} 张表: {} 张偏离目标, {} 处缺偏差原因", all.len(), off.len(), missing)?;
    if skipped > 0 {
        write!(out, "; {skipped} 张表无监控数据, 未监控")?;
    }
    writeln!(out)
}
