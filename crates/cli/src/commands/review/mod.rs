//! `jixiao review`: read tables from any supported input, review each, and report the findings
//! as compiler-style text, JSON (docs/review.md) or one printable HTML page.
//!
//! Exit codes: 0 no errors; 1 errors found; 2 an input or the configuration could not be read
//! (what could be read is still reported).

mod html;

pub use html::grade_rule;
mod json;
mod text;

use anyhow::Result;
use jixiao_core::Document;
use jixiao_core::review::{GradeBands, Review, Severity, TargetCache};
use jixiao_core::source::{Position, SourceMap};
use jixiao_tables::{Item, ReadDocument, read_path};

use super::Outcome;
use crate::cli::{ReportFormat, ReviewArgs};
use crate::config;
use crate::output::Output;

/// One document as reviewed.
pub struct Reviewed {
    /// The file it was read from, as named on the command line.
    pub file: String,
    /// Its place among the documents of that file, from 0.
    pub index: usize,
    pub document: Document,
    pub source: SourceMap,
    pub review: Review,
}

impl Reviewed {
    /// The document's position, when the reader knows it.
    pub fn position(&self) -> Option<&Position> {
        self.source.document.as_ref()
    }
}

/// Everything one run reviewed.
pub struct Report<'a> {
    pub reviewed: Vec<Reviewed>,
    pub bands: &'a GradeBands,
}

impl Report<'_> {
    /// Findings of `severity` over all documents.
    pub fn count(&self, severity: Severity) -> usize {
        self.reviewed.iter().map(|r| r.review.findings.iter().filter(|f| f.severity == severity).count()).sum()
    }

    pub fn indicators(&self) -> usize {
        self.reviewed.iter().map(|r| r.document.indicators.len()).sum()
    }
}

pub fn run(args: ReviewArgs) -> Result<Outcome> {
    let (reviewer, _) = config::load(args.config.as_deref())?;
    let mut reviewed = Vec::new();
    let mut unreadable = false;
    let mut targets = TargetCache::new();
    for path in &args.files {
        let file = path.display().to_string();
        let items = match read_path(path) {
            Ok(items) => items,
            Err(e) => {
                eprintln!("jixiao: 错误: {e}");
                unreadable = true;
                continue;
            }
        };
        let mut index = 0;
        for item in items {
            match item {
                Ok(Item::Document(doc)) => {
                    let ReadDocument { document, source } = *doc;
                    let review = reviewer.review_cached(&document, Some(&source), &mut targets);
                    reviewed.push(Reviewed { file: file.clone(), index, document, source, review });
                    index += 1;
                }
                Ok(Item::Diagnostic(d)) => eprintln!("{}", d.display(&file)),
                Err(e) => {
                    eprintln!("jixiao: 错误: {e}");
                    unreadable = true;
                    break;
                }
            }
        }
    }
    let report = Report { reviewed, bands: reviewer.grades() };
    let mut out = Output::open(args.output.as_deref())?;
    match args.format {
        ReportFormat::Text => text::write(&mut out, &report)?,
        ReportFormat::Json => json::write(&mut out, &report)?,
        ReportFormat::Html => html::write(&mut out, &report)?,
    }
    out.commit()?;
    Ok(if unreadable {
        Outcome::Failed
    } else if report.count(Severity::Error) > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}
