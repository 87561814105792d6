//! A document's report as data: the review's findings and the reader's diagnostics in one
//! owned, serialisable shape with a JSON Schema, which the CLI's JSON report, the store and the
//! web application share.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::elements::{ElementId, Elements};
use crate::model::{Document, DocumentKind};
use crate::review::{Finding, Review, Severity, Subject};
use crate::source::Position;

/// The version of this shape; bumped only on incompatible changes.
pub const REPORT_VERSION: u32 = 1;

/// The findings of one document and their summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DocumentReport {
    /// The version of this shape ([`REPORT_VERSION`]).
    pub version: u32,
    /// Counts by severity and the suggested grade.
    pub summary: ReportSummary,
    /// What the reader reported first, then the review's document-level findings, then each
    /// indicator's in table order.
    pub findings: Vec<ReportFinding>,
}

/// Counts by severity of the findings listed, and the grade (优/良/中/差) the review suggests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ReportSummary {
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning (the reader's included).
    pub warnings: usize,
    /// Findings of severity info (the reader's notes included).
    pub infos: usize,
    /// 优, 良, 中 or 差, from the review's findings alone.
    pub grade: String,
}

/// Which half of a report an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// A reader's diagnostic: input it could not place, or read by a guess.
    Reading,
    /// A review rule's finding.
    #[default]
    Review,
}

/// One finding or diagnostic, with everything needed to show it without the rule table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportFinding {
    /// `review` for a rule's finding, `reading` for a reader's diagnostic (absent in reports
    /// written before readings joined them: a review).
    #[serde(default)]
    pub origin: Origin,
    /// The stable code: a review rule's (`missing-comparator`, see `jixiao rules`) or a reader
    /// diagnostic's (`unplaced-cell`, see docs/diagnostics.md).
    pub rule: String,
    /// error, warning or info.
    pub severity: Severity,
    /// The review dimension's code; `reading` for a reader's diagnostic.
    pub dimension: String,
    /// The review dimension's Chinese name; 读取 for a reader's diagnostic.
    pub dimension_label: String,
    /// document, period, funds, indicator or task; `input` for a reader's diagnostic.
    pub subject: String,
    /// The indicator concerned, when the subject is one.
    pub indicator: Option<IndicatorRef>,
    /// The 年度主要任务 concerned, when the subject is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub task: Option<TaskRef>,
    /// Where the concerned part was read from, when known.
    pub position: Option<Position>,
    /// Where a diagnostic about a stretch of the input ends (`position` is its start).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<Position>,
    /// The problem, in Chinese.
    pub message: String,
    /// How to fix it, in Chinese.
    pub hint: String,
}

/// The indicator a finding concerns, by index and by its words (so that the finding still says
/// what it was about after the table changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
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
    /// The indicator's identity, where the document's are known (a stored table's): it names
    /// the same indicator in every version, wherever rows are inserted or removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ElementId>,
}

impl IndicatorRef {
    /// The indicator at `index` of `document`, named by its words as a finding names it.
    pub fn of(document: &Document, index: usize) -> Option<IndicatorRef> {
        let ind = document.indicators.get(index)?;
        Some(IndicatorRef {
            index,
            level1: ind.level1.to_string(),
            level2: ind.level2.to_string(),
            name: ind.name.clone(),
            target: ind.target.clone(),
            id: None,
        })
    }
}

/// The 年度主要任务 a finding concerns, by index and by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TaskRef {
    /// Index in `Document::tasks`.
    pub index: usize,
    /// 任务名称
    pub name: String,
    /// The task's identity, where the document's are known (a stored table's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ElementId>,
}

impl TaskRef {
    /// The task at `index` of `document`, named as a finding names it.
    pub fn of(document: &Document, index: usize) -> Option<TaskRef> {
        let t = document.tasks.get(index)?;
        Some(TaskRef { index, name: t.name.clone(), id: None })
    }
}

impl DocumentReport {
    /// Names each finding's indicator by its identity in `elements`, the identities of the
    /// document reviewed.
    pub fn identify(&mut self, elements: &Elements) {
        for f in &mut self.findings {
            if let Some(r) = &mut f.indicator {
                r.id = elements.indicator(r.index);
            }
            if let Some(r) = &mut f.task {
                r.id = elements.task(r.index);
            }
        }
    }

    /// The report of `review`, a review of `document`.
    pub fn new(document: &Document, review: &Review) -> DocumentReport {
        DocumentReport::read_and_reviewed(document, &[], review)
    }

    /// The report of a document read with `diagnostics` and reviewed as `review`.
    pub fn read_and_reviewed(document: &Document, diagnostics: &[Diagnostic], review: &Review) -> DocumentReport {
        let findings: Vec<ReportFinding> = diagnostics
            .iter()
            .map(ReportFinding::reading)
            .chain(review.findings.iter().map(|f| ReportFinding::new(document, f)))
            .collect();
        let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
        DocumentReport {
            version: REPORT_VERSION,
            summary: ReportSummary {
                errors: count(Severity::Error),
                warnings: count(Severity::Warning),
                infos: count(Severity::Info),
                grade: review.summary.grade.label().to_owned(),
            },
            findings,
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
            origin: Origin::Review,
            rule: f.code().to_owned(),
            severity: f.severity,
            dimension: dimension.code().to_owned(),
            dimension_label: dimension.label().to_owned(),
            subject: match f.subject {
                Subject::Document => "document",
                Subject::Period => "period",
                Subject::Funds => "funds",
                Subject::Indicator(_) => "indicator",
                Subject::Task(_) => "task",
            }
            .to_owned(),
            indicator: f.indicator().and_then(|i| IndicatorRef::of(document, i)),
            task: match f.subject {
                Subject::Task(i) => TaskRef::of(document, i),
                _ => None,
            },
            position: f.position.clone(),
            until: None,
            message: f.message.clone(),
            hint: f.hint.to_string(),
        }
    }

    /// The report of a reader's diagnostic.
    pub fn reading(d: &Diagnostic) -> ReportFinding {
        ReportFinding {
            origin: Origin::Reading,
            rule: d.code.to_owned(),
            severity: d.severity,
            dimension: "reading".to_owned(),
            dimension_label: "读取".to_owned(),
            subject: "input".to_owned(),
            indicator: None,
            task: None,
            position: d.position.clone(),
            until: d.until.clone(),
            message: d.message.clone(),
            hint: if d.loses_input() {
                "对照原表核对这部分内容: 它没有读入任何表格, 需要时手工补录"
            } else {
                "核对读取结果是否与原表一致"
            }
            .to_owned(),
        }
    }
}

/// The report of `jixiao review --format json`: every document of every input, then the totals.
/// Written as a stream, one document per line; this type describes the whole (its JSON Schema
/// is `jixiao schema --of report`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReviewReport {
    /// The version of this shape ([`REPORT_VERSION`]).
    pub version: u32,
    /// One entry per document read, in input order.
    pub documents: Vec<ReportDocument>,
    /// Totals over all documents.
    pub summary: ReportTotals,
}

/// One document of a [`ReviewReport`]: where it was read, what it is, and its report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ReportDocument {
    /// The input file as named on the command line (`-` for standard input).
    pub file: String,
    /// 0-based index of the document within its file.
    pub index: usize,
    /// project or department.
    pub kind: DocumentKind,
    /// How people name it: the project name, or 部门整体.
    pub label: String,
    /// 表名 as published.
    pub title: String,
    /// 预算年度, when the table says.
    pub year: Option<i32>,
    /// Where the table starts in its file.
    pub position: Option<Position>,
    /// Counts and grade.
    pub summary: ReportSummary,
    /// The reader's diagnostics, then the review's findings.
    pub findings: Vec<ReportFinding>,
}

impl ReportDocument {
    /// The entry of the `index`th document read from `file`, starting at `position`.
    pub fn new(
        file: &str,
        index: usize,
        position: Option<&Position>,
        document: &Document,
        report: DocumentReport,
    ) -> Self {
        ReportDocument {
            file: file.to_owned(),
            index,
            kind: document.kind,
            label: document.label().to_owned(),
            title: document.title.clone(),
            year: document.year,
            position: position.cloned(),
            summary: report.summary,
            findings: report.findings,
        }
    }
}

/// Totals of a [`ReviewReport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
pub struct ReportTotals {
    /// Documents reviewed.
    pub documents: usize,
    /// Indicators in them.
    pub indicators: usize,
    /// Findings of severity error.
    pub errors: usize,
    /// Findings of severity warning.
    pub warnings: usize,
    /// Findings of severity info.
    pub infos: usize,
}

/// The JSON Schema of [`ReviewReport`], generated from the types above.
pub fn report_schema() -> schemars::Schema {
    let mut schema = schemars::schema_for!(ReviewReport);
    schema.insert("title".into(), format!("jixiao review report, version {REPORT_VERSION}").into());
    schema
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
