//! The HTML report: one self-contained printable page per run, findings grouped by document.
//! The template (templates/review.html) escapes every value it prints.

use std::io::{self, Write};

use askama::Template;
use jixiao_core::review::GradeBands;

use super::{Reviewed, Totals};

#[derive(Template)]
#[template(path = "review.html")]
struct Page<'a> {
    documents: Vec<DocumentView<'a>>,
    indicators: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    grade_rule: String,
}

struct DocumentView<'a> {
    file: &'a str,
    label: &'a str,
    kind: &'static str,
    title: &'a str,
    grade: &'static str,
    grade_meaning: &'static str,
    errors: usize,
    warnings: usize,
    infos: usize,
    findings: Vec<FindingView<'a>>,
}

struct FindingView<'a> {
    severity_code: &'static str,
    severity: &'static str,
    rule: &'static str,
    dimension: &'static str,
    indicator: &'a str,
    place: String,
    message: &'a str,
    hint: &'a str,
}

pub fn write(out: &mut impl Write, reviewed: &[Reviewed], totals: &Totals, bands: &GradeBands) -> io::Result<()> {
    let documents = reviewed
        .iter()
        .map(|r| {
            let s = &r.review.summary;
            DocumentView {
                file: &r.file,
                label: r.document.label(),
                kind: r.document.kind.label(),
                title: &r.document.title,
                grade: s.grade.label(),
                grade_meaning: s.grade.meaning(),
                errors: s.errors,
                warnings: s.warnings,
                infos: s.infos,
                findings: r
                    .review
                    .findings
                    .iter()
                    .map(|f| FindingView {
                        severity_code: f.severity.code(),
                        severity: f.severity.label(),
                        rule: f.code(),
                        dimension: f.dimension().label(),
                        indicator: f
                            .indicator()
                            .and_then(|i| r.document.indicators.get(i))
                            .map_or("(整表)", |ind| ind.name.as_str()),
                        place: f.position.as_ref().map(ToString::to_string).unwrap_or_default(),
                        message: &f.message,
                        hint: &f.hint,
                    })
                    .collect(),
            }
        })
        .collect();
    let page = Page {
        documents,
        indicators: totals.indicators,
        errors: totals.errors,
        warnings: totals.warnings,
        infos: totals.infos,
        grade_rule: grade_rule(bands),
    };
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())
}

/// The grade bands in words, so that a printed report says how its grades were given.
pub fn grade_rule(bands: &GradeBands) -> String {
    let mut parts: Vec<String> = bands
        .bands()
        .iter()
        .map(|(grade, band)| match band.max_warnings {
            Some(w) => format!("{grade}: 错误 ≤ {}, 警告 ≤ {w}", band.max_errors),
            None => format!("{grade}: 错误 ≤ {}", band.max_errors),
        })
        .collect();
    parts.push("其余为差; 提示不计".to_owned());
    parts.join("; ")
}
