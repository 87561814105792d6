//! `jixiao score`: score every table that has actuals by the profile, and report where the
//! published scores disagree with the rules, as text, JSON (docs/scoring.md) or an HTML page.
//!
//! Exit codes: 0 all published figures agree; 1 some disagree; 2 an input or the profile could
//! not be read (what could be read is still reported).

mod html;
mod json;
mod text;

use anyhow::Result;
use jixiao_core::Document;
use jixiao_core::scoring::{DocumentScore, ParseCache, Profile, has_actuals, score_cached};
use jixiao_core::source::SourceMap;
use jixiao_tables::ReadDocument;

use super::Outcome;
use crate::cli::{ScoreArgs, ScoreFormat};
use crate::output::Output;
use crate::profile;

/// One document as scored.
pub struct Scored {
    /// The file it was read from, as named on the command line.
    pub file: String,
    /// Its place among the documents of that file, from 0.
    pub index: usize,
    pub document: Document,
    pub source: SourceMap,
    /// `None` when the table has no actuals to score.
    pub score: Option<DocumentScore>,
}

pub fn run(args: ScoreArgs) -> Result<Outcome> {
    let profile = profile::load(args.profile.as_deref())?;
    let mut out = Output::open(args.output.as_deref(), &args.files)?;
    let mut all = Vec::new();
    let mut cache = ParseCache::new();
    let unreadable = super::inputs::each_document(&args.files, |file, index, read, _| {
        let ReadDocument { document, source } = read;
        let score = has_actuals(&document).then(|| score_cached(&document, &profile, &mut cache));
        all.push(Scored { file: file.to_owned(), index, document, source, score });
        Ok(())
    })?;
    match args.format {
        ScoreFormat::Text => text::write(&mut out, &all, &profile)?,
        ScoreFormat::Json => json::write(&mut out, &all, &profile)?,
        ScoreFormat::Html => html::write(&mut out, &all, &profile)?,
    }
    out.commit()?;
    let wrong = all.iter().filter_map(|s| s.score.as_ref()).any(|s| !s.discrepancies.is_empty());
    Ok(if unreadable {
        Outcome::Failed
    } else if wrong {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// Counts over the run.
pub struct Totals {
    pub documents: usize,
    pub scored: usize,
    pub indicators: usize,
    pub discrepancies: usize,
}

pub fn totals(all: &[Scored]) -> Totals {
    let scored: Vec<&DocumentScore> = all.iter().filter_map(|s| s.score.as_ref()).collect();
    Totals {
        documents: all.len(),
        scored: scored.len(),
        indicators: scored.iter().map(|s| s.indicators.len()).sum(),
        discrepancies: scored.iter().map(|s| s.discrepancies.len()).sum(),
    }
}

/// What the profile and the rounding are, said once per report.
pub fn basis(profile: &Profile) -> String {
    format!("评分方案: {}; {}", profile.name, jixiao_core::scoring::ROUNDING)
}
