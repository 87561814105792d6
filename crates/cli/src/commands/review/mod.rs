//! `jixiao review`: read tables from any supported input, review each, and report the findings
//! as compiler-style text, JSON (docs/review.md) or one printable HTML page.
//!
//! Text and JSON are written as each table is reviewed, so a corpus of any size streams through;
//! the HTML page, meant for printing, holds its tables until the end.
//!
//! Exit codes: 0 no errors; 1 errors found; 2 an input or the configuration could not be read
//! (what could be read is still reported).

mod html;
mod json;
mod text;

use anyhow::Result;
use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::review::{GradeBands, Review, TargetCache};
use jixiao_core::source::{Position, SourceMap};
use jixiao_tables::ReadDocument;

use super::Outcome;
use crate::cli::{ReportFormat, ReviewArgs};
use crate::config;
use crate::output::Output;
use crate::report;

pub use html::grade_rule;

/// One document as reviewed.
pub struct Reviewed {
    /// The file it was read from, as named on the command line.
    pub file: String,
    /// Its place among the documents of that file, from 0.
    pub index: usize,
    pub document: Document,
    pub source: SourceMap,
    pub review: Review,
    /// The reader's diagnostics and the review's findings, as the library reports them.
    pub report: DocumentReport,
}

impl Reviewed {
    /// The document's position, when the reader knows it.
    pub fn position(&self) -> Option<&Position> {
        self.source.document.as_ref()
    }
}

/// Counts over the whole run.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub documents: usize,
    pub indicators: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Totals {
    fn add(&mut self, r: &Reviewed) {
        let s = &r.report.summary;
        self.documents += 1;
        self.indicators += r.document.indicators.len();
        self.errors += s.errors;
        self.warnings += s.warnings;
        self.infos += s.infos;
    }
}

/// Where reviewed documents go, by report format.
enum Sink {
    Text(Output),
    Json(Output),
    Html(Output, Vec<Reviewed>),
}

impl Sink {
    fn document(&mut self, r: Reviewed, totals: &Totals) -> std::io::Result<()> {
        match self {
            Sink::Text(out) => text::document(out, &r),
            // `totals` already counts `r`: it is the first when it is the only one.
            Sink::Json(out) => json::document(out, &r, totals.documents == 1),
            Sink::Html(_, all) => {
                all.push(r);
                Ok(())
            }
        }
    }

    fn finish(self, totals: &Totals, grade_bands: &GradeBands) -> std::io::Result<Output> {
        match self {
            Sink::Text(mut out) => text::finish(&mut out, totals).map(|()| out),
            Sink::Json(mut out) => json::finish(&mut out, totals).map(|()| out),
            Sink::Html(mut out, all) => html::write(&mut out, &all, totals, grade_bands).map(|()| out),
        }
    }
}

pub fn run(args: ReviewArgs) -> Result<Outcome> {
    let (reviewer, _) = config::load(args.config.as_deref())?;
    // The configuration is an input too: `-o jixiao.toml` must not replace it.
    let inputs: Vec<_> = args.files.iter().chain(args.config.as_ref()).cloned().collect();
    let out = Output::open(args.output.as_deref(), &inputs)?;
    let mut sink = match args.format {
        ReportFormat::Text => Sink::Text(out),
        ReportFormat::Json => {
            let mut out = out;
            json::begin(&mut out)?;
            Sink::Json(out)
        }
        ReportFormat::Html => Sink::Html(out, Vec::new()),
    };
    let mut totals = Totals::default();
    let mut targets = TargetCache::new();
    let unreadable = super::inputs::each_document(&args.files, |file, index, read, diagnostics| {
        let ReadDocument { document, source } = read;
        let review = reviewer.review_cached(&document, Some(&source), &mut targets);
        let report = DocumentReport::read_and_reviewed(&document, diagnostics, &review);
        let reviewed = Reviewed { file: file.to_owned(), index, document, source, review, report };
        totals.add(&reviewed);
        sink.document(reviewed, &totals)?;
        Ok(())
    })?;
    let out = sink.finish(&totals, reviewer.grades())?;
    if unreadable && out.replaces_file() {
        // A failing run leaves an existing report file as it was; on standard output what
        // could be read is still reported.
        report!("jixiao: 有输入无法读取, 未写入输出文件");
    } else {
        out.commit()?;
    }
    Ok(if unreadable {
        Outcome::Failed
    } else if totals.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
