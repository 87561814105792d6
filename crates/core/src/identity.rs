//! When two documents are the same table: the key a store finds a table by, so that importing a
//! table again makes a new version of it rather than a second table.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::model::{Document, DocumentKind};

/// Whether a document states targets or evaluates them: a 自评表 of a project is not a new
/// version of that project's 绩效目标表, though year, department and project agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// 绩效目标表: targets set before the year.
    Target,
    /// 绩效自评表: the year's actuals and scores.
    SelfEvaluation,
}

impl Stage {
    /// The stage of a document: self-evaluation when it has the budget-execution block or any
    /// indicator with an actual or a score.
    pub fn of(document: &Document) -> Stage {
        let evaluated = document.self_evaluation.is_some()
            || document.indicators.iter().any(|i| i.actual.is_some() || i.score.is_present());
        if evaluated { Stage::SelfEvaluation } else { Stage::Target }
    }

    /// The stage a stable code names.
    pub fn from_code(code: &str) -> Option<Stage> {
        [Stage::Target, Stage::SelfEvaluation].into_iter().find(|s| s.code() == code)
    }

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Target => "target",
            Stage::SelfEvaluation => "self_evaluation",
        }
    }
}

/// What makes a table the same table: year, department, kind (and stage), and the project —
/// its code where the table gives one, else its name; department tables have no project.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TableKey {
    /// 预算年度, when stated.
    pub year: Option<i32>,
    /// 主管部门 / 部门名称.
    pub department: String,
    /// Project or department table.
    pub kind: DocumentKind,
    /// Targets or self-evaluation.
    pub stage: Stage,
    /// `code:…` or `name:…` for project tables; empty for department tables.
    pub project: String,
}

impl TableKey {
    /// The key of a document.
    pub fn of(document: &Document) -> TableKey {
        let project = match (&document.kind, &document.project) {
            (DocumentKind::Project, Some(p)) => match real_code(p.code.given().map(String::as_str)) {
                Some(code) => format!("code:{code}"),
                None => format!("name:{}", p.name.trim()),
            },
            (DocumentKind::Project, None) => format!("name:{}", document.title.trim()),
            (DocumentKind::Department, _) => String::new(),
        };
        TableKey {
            year: document.year,
            department: document.department.trim().to_owned(),
            kind: document.kind,
            stage: Stage::of(document),
            project,
        }
    }
}

/// A project code that is one, trimmed: it holds a letter or a digit other than zeros. Tables
/// write `无`, `/`, `—` or `000000` where they have none, and two projects so written are not
/// one project.
pub fn real_code(code: Option<&str>) -> Option<&str> {
    const NONE: [&str; 5] = ["n/a", "na", "null", "none", "nil"];
    code.map(str::trim).filter(|c| {
        c.chars().any(|ch| ch.is_ascii_alphanumeric() && ch != '0') && !NONE.iter().any(|n| c.eq_ignore_ascii_case(n))
    })
}

/// The key a table stored before 2026-12-01 under a code that is no code ([`real_code`]) has
/// now: its name's, from the key's other fields and the stored project name; `None` for any
/// other key.
pub fn rekeyed(identity: &str, project_name: &str) -> Option<String> {
    let (rest, project) = identity.rsplit_once(TableKey::SEPARATOR)?;
    let code = project.strip_prefix("code:")?;
    real_code(Some(code)).is_none().then(|| format!("{rest}{}name:{}", TableKey::SEPARATOR, project_name.trim()))
}

impl TableKey {
    /// What joins the fields of the key's text: U+001F, the unit separator, which cannot occur
    /// in them.
    pub const SEPARATOR: char = '\u{1F}';
}

/// One string, unique per table, for a unique index: fields joined by [`TableKey::SEPARATOR`].
impl fmt::Display for TableKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let year = self.year.map(|y| y.to_string()).unwrap_or_default();
        let kind = match self.kind {
            DocumentKind::Project => "project",
            DocumentKind::Department => "department",
        };
        let s = Self::SEPARATOR;
        write!(f, "{year}{s}{}{s}{kind}{s}{}{s}{}", self.department, self.stage.code(), self.project)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_that_is_no_code_keys_a_table_by_its_name() {
        for none in ["无", "/", "—", "000000", " ", "N/A"] {
            assert_eq!(real_code(Some(none)), None, "{none}");
        }
        assert_eq!(real_code(Some(" 219001 ")), Some("219001"));
        assert_eq!(real_code(Some("[017]")), Some("[017]"));
        let s = TableKey::SEPARATOR;
        let old = format!("2020{s}某局{s}project{s}target{s}code:无");
        assert_eq!(
            rekeyed(&old, " 日常公用经费 "),
            Some(format!("2020{s}某局{s}project{s}target{s}name:日常公用经费"))
        );
        assert_eq!(rekeyed(&format!("2020{s}某局{s}project{s}target{s}code:219001"), "x"), None);
        assert_eq!(rekeyed(&format!("2020{s}某局{s}project{s}target{s}name:x"), "x"), None);
    }
    use crate::Stated;
    use crate::model::{Indicator, Project};

    fn project(name: &str, code: Option<&str>) -> Document {
        let mut d = Document::new(DocumentKind::Project);
        d.year = Some(2020);
        d.department = "外事办".into();
        d.project = Some(Project {
            name: name.into(),
            code: Stated::given_or_absent(code.map(Into::into)),
            ..Project::default()
        });
        d
    }

    #[test]
    fn code_wins_over_name() {
        let a = TableKey::of(&project("出访经费", Some("640000-01")));
        let b = TableKey::of(&project("因公出访经费", Some("640000-01")));
        assert_eq!(a, b);
        assert_ne!(TableKey::of(&project("出访经费", None)), TableKey::of(&project("因公出访经费", None)));
    }

    #[test]
    fn year_department_and_stage_tell_tables_apart() {
        let a = project("出访经费", None);
        let mut b = a.clone();
        b.year = Some(2021);
        assert_ne!(TableKey::of(&a), TableKey::of(&b));
        let mut c = a.clone();
        c.indicators.push(Indicator { actual: Some("12个".into()), ..Indicator::default() });
        assert_eq!(Stage::of(&c), Stage::SelfEvaluation);
        assert_ne!(TableKey::of(&a).to_string(), TableKey::of(&c).to_string());
    }
}
