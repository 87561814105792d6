//! What the store takes and gives: tables with their summaries, versions, history, users,
//! sessions, and the filter of a list.

use jixiao_core::Document;
use jixiao_core::diff::FieldChange;
use jixiao_core::elements::Elements;
use jixiao_core::report::DocumentReport;
use jixiao_core::source::Reading;
use jixiao_core::workflow::{Role, Status};
use serde::Serialize;

/// A table to import: the document as read, its review, and where it came from.
#[derive(Debug, Clone)]
pub struct ImportTable {
    /// The document.
    pub document: Document,
    /// Its review.
    pub report: DocumentReport,
    /// The file it was read from, as the user named it.
    pub source_name: String,
    /// SHA-256 of that file's bytes, hex.
    pub source_hash: String,
    /// What the reader could vouch for, when the table was read from published text.
    pub reading: Option<Reading>,
}

impl ImportTable {
    /// A document and its report, read from the file `name` whose bytes hash to `hash`.
    pub fn new(document: Document, report: DocumentReport, name: &str, hash: &str) -> ImportTable {
        ImportTable { document, report, source_name: name.to_owned(), source_hash: hash.to_owned(), reading: None }
    }
}

/// What importing one table did (or, in a dry run, would do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new table.
    Created {
        /// Its id.
        id: i64,
    },
    /// A new version of a table already stored.
    Updated {
        /// The table's id.
        id: i64,
        /// The new version.
        version: i64,
    },
    /// The same content as the stored version: nothing written.
    Unchanged {
        /// The table's id.
        id: i64,
    },
}

impl ImportOutcome {
    /// The table concerned.
    pub fn id(self) -> i64 {
        match self {
            ImportOutcome::Created { id } | ImportOutcome::Updated { id, .. } | ImportOutcome::Unchanged { id } => id,
        }
    }

    /// `created`, `updated` or `unchanged`.
    pub fn code(self) -> &'static str {
        match self {
            ImportOutcome::Created { .. } => "created",
            ImportOutcome::Updated { .. } => "updated",
            ImportOutcome::Unchanged { .. } => "unchanged",
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            ImportOutcome::Created { .. } => "新建",
            ImportOutcome::Updated { .. } => "更新",
            ImportOutcome::Unchanged { .. } => "未变",
        }
    }
}

/// One line of a list of tables.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableSummary {
    /// The table's id.
    pub id: i64,
    /// 预算年度
    pub year: Option<i32>,
    /// The department's id.
    pub department_id: i64,
    /// The department's name.
    pub department: String,
    /// `project` or `department`.
    pub kind: String,
    /// `target` or `self_evaluation`.
    pub stage: String,
    /// 项目名称 (`部门整体` for department tables).
    pub project_name: String,
    /// 项目代码, when given.
    pub project_code: Option<String>,
    /// Workflow status.
    pub status: Status,
    /// Current version (1 for a new table).
    pub version: i64,
    /// The version the public sees, once published.
    pub published_version: Option<i64>,
    /// The suggested grade of the latest review.
    pub grade: String,
    /// Error findings.
    pub errors: i64,
    /// Warning findings.
    pub warnings: i64,
    /// Info findings.
    pub infos: i64,
    /// How many indicators.
    pub indicators: i64,
    /// 年度资金总额 as exact decimal text, with its unit.
    pub funds_total: Option<String>,
    /// Last change.
    pub updated_at: String,
}

/// A table with its content.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredTable {
    /// Its summary.
    pub summary: TableSummary,
    /// The version shown.
    pub version: i64,
    /// The identities of that version's goals, tasks and indicators.
    pub elements: Elements,
    /// The document at that version.
    pub document: Document,
    /// The review of that version.
    pub report: DocumentReport,
    /// The file the version came from (`编辑` for an edit in the application).
    pub source_name: String,
    /// SHA-256 of that file.
    pub source_hash: String,
    /// When the version was stored.
    pub created_at: String,
    /// Who stored it.
    pub created_by: String,
    /// What the reader could vouch for, when the version was read from published text (and kept
    /// by a save of monitoring data, which changes nothing the reading saw).
    pub reading: Option<Reading>,
}

/// A table's document with its id and status, as a stream of many gives them.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDocument {
    /// The table's id.
    pub id: i64,
    /// Its workflow status.
    pub status: Status,
    /// The document at the version asked for (current, or published).
    pub document: Document,
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HistoryEntry {
    /// Its id (increasing).
    pub id: i64,
    /// When.
    pub at: String,
    /// Who (a user name, or `cli` for the command line).
    pub actor: String,
    /// What: `import`, `update`, `edit`, `submit`, `return`, `approve`, `publish`, `add_user` …
    pub action: String,
    /// Which table, if any.
    pub table_id: Option<i64>,
    /// The version the action made or acted on.
    pub version: Option<i64>,
    /// The reason given (a return's).
    pub reason: Option<String>,
    /// For an edit or an update, the fields before and after.
    pub changes: Vec<FieldChange>,
}

/// How a list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Last changed first.
    #[default]
    Updated,
    /// By year.
    Year,
    /// By department name.
    Department,
    /// By project name.
    Project,
    /// By grade (优 first).
    Grade,
    /// By error count.
    Errors,
}

impl Sort {
    /// Parses the code used in URLs (`updated`, `year`, …).
    pub fn parse(s: &str) -> Option<Sort> {
        Some(match s {
            "updated" => Sort::Updated,
            "year" => Sort::Year,
            "department" => Sort::Department,
            "project" => Sort::Project,
            "grade" => Sort::Grade,
            "errors" => Sort::Errors,
            _ => return None,
        })
    }

    /// The code used in URLs.
    pub fn code(self) -> &'static str {
        match self {
            Sort::Updated => "updated",
            Sort::Year => "year",
            Sort::Department => "department",
            Sort::Project => "project",
            Sort::Grade => "grade",
            Sort::Errors => "errors",
        }
    }

    pub(crate) fn column(self) -> &'static str {
        match self {
            Sort::Updated => "t.updated_at",
            Sort::Year => "t.year",
            Sort::Department => "d.name",
            Sort::Project => "t.project_name",
            Sort::Grade => "t.grade",
            Sort::Errors => "t.errors",
        }
    }
}

/// Which tables a list, a count or an export takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// 预算年度.
    pub year: Option<i32>,
    /// Department id.
    pub department_id: Option<i64>,
    /// Department name.
    pub department: Option<String>,
    /// `project` or `department`.
    pub kind: Option<String>,
    /// Workflow status.
    pub status: Option<Status>,
    /// 优/良/中/差.
    pub grade: Option<String>,
    /// Text to find in the project name or any indicator.
    pub search: Option<String>,
    /// Only published tables, at their published version (the public's view).
    pub published: bool,
    /// Sort order.
    pub sort: Sort,
    /// Descending.
    pub descending: bool,
    /// 1-based page.
    pub page: i64,
    /// Rows per page (at most 500).
    pub per_page: i64,
}

/// One page of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The rows.
    pub items: Vec<T>,
    /// How many rows match in all; with `total_exact` false, more than this many match (a search
    /// that many tables match is counted no further than [`SEARCH_COUNTED`](crate::SEARCH_COUNTED) tables).
    pub total: i64,
    /// Whether `total` is the exact count.
    pub total_exact: bool,
    /// This page, 1-based.
    pub page: i64,
    /// Rows per page.
    pub per_page: i64,
}

/// A department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Department {
    /// Its id.
    pub id: i64,
    /// Its name.
    pub name: String,
}

/// A user of the web application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Id.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// argon2 PHC string; never shown.
    pub password_hash: String,
    /// What the user may do.
    pub role: Role,
    /// The department of an officer.
    pub department_id: Option<i64>,
    /// Its name.
    pub department: Option<String>,
    /// A disabled user cannot log in.
    pub disabled: bool,
}

/// A login session or an API token, kept by the hash of its secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// SHA-256 of the secret, hex: a stolen database holds no usable token.
    pub id: String,
    /// Whose.
    pub user_id: i64,
    /// The CSRF token of its forms.
    pub csrf: String,
    /// Until when, RFC 3339.
    pub expires_at: String,
}
