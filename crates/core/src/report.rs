//! The review of a document as data: owned, serialisable findings and summary, the one shape the
//! CLI's JSON report, the store and the web application share.

use serde::{Deserialize, Serialize};

use crate::model::Document;
use crate::review::{Finding, Review, Severity, Subject};
use crate::source::Position;

/// The version of this shape; bumped only on incompatible changes.
pub const REPORT_VERSION: u32 = 1;

/// The findings of one document and their summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// The version of this shape ([`REPORT_VERSION`]).
    pub version: u32,
    /// Counts by severity and the suggested grade.
    pub summary: ReportSummary,
    /// Document-level findings first, then each indicator's in table order.
    pub findings: Vec<ReportFinding>,
}

/// Counts by severity and the suggested grade (优/良/中/差).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportSummary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
    /// 优, 良, 中 or 差.
    pub grade: String,
}

/// One finding, with everything needed to show it without the rule table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportFinding {
    /// The rule's stable code (`missing-comparator`).
    pub rule: String,
    /// error, warning or info.
    pub severity: Severity,
    /// The review dimension's code.
    pub dimension: String,
    /// The review dimension's Chinese name.
    pub dimension_label: String,
    /// document, period, funds or indicator.
    pub subject: String,
    /// The indicator concerned, when the subject is one.
    pub indicator: Option<IndicatorRef>,
    /// Where the concerned part was read from, when known.
    pub position: Option<Position>,
    /// The problem, in Chinese.
    pub message: String,
    /// How to fix it, in Chinese.
    pub hint: String,
}

/// The indicator a finding concerns, by index and by its words (so that the finding still says
/// what it was about after the table changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndicatorRef {
    /// Index in `Document::indicators`.
    pub index: usize,
    /// 一级指标
    pub level1: String,
    /// 二级指标
    pub level2: String,
    /// 三级指标
    pub name: String,
    /// 指标值
    pub target: String,
}

impl DocumentReport {
    /// The report of `review`, a review of `document`.
    pub fn new(document: &Document, review: &Review) -> DocumentReport {
        let s = &review.summary;
        DocumentReport {
            version: REPORT_VERSION,
            summary: ReportSummary {
                errors: s.errors,
                warnings: s.warnings,
                infos: s.infos,
                grade: s.grade.label().to_owned(),
            },
            findings: review.findings.iter().map(|f| ReportFinding::new(document, f)).collect(),
        }
    }

    /// The findings about one indicator.
    pub fn of_indicator(&self, index: usize) -> impl Iterator<Item = &ReportFinding> {
        self.findings.iter().filter(move |f| f.indicator.as_ref().is_some_and(|i| i.index == index))
    }
}

impl ReportFinding {
    /// The report of one finding about `document`.
    pub fn new(document: &Document, f: &Finding) -> ReportFinding {
        let dimension = f.dimension();
        ReportFinding {
            rule: f.code().to_owned(),
            severity: f.severity,
            dimension: dimension.code().to_owned(),
            dimension_label: dimension.label().to_owned(),
            subject: match f.subject {
                Subject::Document => "document",
                Subject::Period => "period",
                Subject::Funds => "funds",
                Subject::Indicator(_) => "indicator",
            }
            .to_owned(),
            indicator: f.indicator().and_then(|i| {
                let ind = document.indicators.get(i)?;
                Some(IndicatorRef {
                    index: i,
                    level1: ind.level1.clone(),
                    level2: ind.level2.clone(),
                    name: ind.name.clone(),
                    target: ind.target.clone(),
                })
            }),
            position: f.position.clone(),
            message: f.message.clone(),
            hint: f.hint.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocumentKind, Indicator};

    #[test]
    fn a_report_survives_json_and_points_at_its_indicator() {
        let mut d = Document::new(DocumentKind::Department);
        d.department = "外事办".into();
        d.indicators.push(Indicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: "出访团组数".into(),
            target: "若干".into(),
            ..Indicator::default()
        });
        let report = DocumentReport::new(&d, &crate::review::review(&d, None));
        assert!(report.of_indicator(0).count() > 0, "a vague target draws a finding: {report:?}");
        let json = serde_json::to_string(&report).unwrap();
        let back: DocumentReport = serde_json::from_str(&json).unwrap();
        assert_eq!(back, report);
        assert_eq!(back.summary.errors, report.findings.iter().filter(|f| f.severity == Severity::Error).count());
    }
}
