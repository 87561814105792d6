//! The same table of an earlier year, found in the store for the comparison pages and API: the
//! same department, kind and project (its code before its name), the nearest earlier year,
//! targets before a self-evaluation of that year; and that project's 自评表 of the year before,
//! whose actuals a new floor is held to.

use jixiao_core::Document;
use jixiao_core::compare::{is_year_before, project_match, stage_rank};
use jixiao_core::identity::Stage;
use jixiao_store::{Filter, StoredTable, TableSummary};

use crate::AppState;
use crate::access;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};

/// Rows asked of the store at a time; a department rarely has more tables than this.
const PER_PAGE: i64 = 500;

/// Published candidates checked against their published content before giving up: the rows
/// are ranked by their current content, which a revision may have changed.
const PUBLISHED_TRIES: usize = 5;

/// The earlier table and the 自评表 of the year before, when the store holds them.
pub(crate) struct Earlier {
    pub(crate) table: StoredTable,
    pub(crate) actuals: Option<StoredTable>,
}

/// What a table is looked for by: as the version in question states it.
struct Probe {
    id: i64,
    year: i32,
    department_id: i64,
    kind: String,
    stage: Stage,
    name: String,
    code: Option<String>,
}

impl Probe {
    /// The probe of `t`'s version (its current one, or the published one on the public pages).
    fn of(t: &StoredTable) -> Option<Probe> {
        let doc: &Document = &t.document;
        let project = doc.project.as_ref();
        Some(Probe {
            id: t.summary.id,
            year: doc.year?,
            department_id: t.summary.department_id,
            kind: t.summary.kind.clone(),
            stage: Stage::of(doc),
            name: project.map_or_else(String::new, |p| p.name.clone()),
            code: project.and_then(|p| p.code.given().cloned()),
        })
    }

    /// How a stored table's row matches this probe: `None` when it is not the same table.
    fn matches(&self, s: &TableSummary) -> Option<u8> {
        if s.id == self.id || s.kind != self.kind {
            return None;
        }
        self.same_project(&s.project_name, s.project_code.as_deref())
    }

    /// How a project of this probe's department and kind, so named and coded, matches it.
    fn same_project(&self, name: &str, code: Option<&str>) -> Option<u8> {
        if self.kind == "department" {
            return Some(0);
        }
        project_match(name, code, &self.name, self.code.as_deref())
    }
}

/// The earlier table `t` is set against, and its year's 自评表, if the store holds ones the user
/// may see.
pub(crate) async fn earlier(state: &AppState, u: &CurrentUser, t: &StoredTable) -> AppResult<Option<Earlier>> {
    let Some(probe) = Probe::of(t) else { return Ok(None) };
    let rows = rows(state, &probe).await?;
    let Some(id) = ranked(&probe, &rows).first().copied() else { return Ok(None) };
    let table = state.store().get(id).await.map_err(AppError::from)?;
    let Ok(table) = access::visible(u, table) else { return Ok(None) };
    let actuals = match actuals_id(&probe, &rows) {
        Some(id) => access::visible(u, state.store().get(id).await.map_err(AppError::from)?).ok(),
        None => None,
    };
    Ok(Some(Earlier { table, actuals }))
}

/// On the public pages: the earlier published table a published `t` is set against, at its
/// published version, chosen by what that version states; and the year's published 自评表.
pub(crate) async fn earlier_published(state: &AppState, t: &StoredTable) -> AppResult<Option<Earlier>> {
    let Some(probe) = Probe::of(t) else { return Ok(None) };
    let rows: Vec<TableSummary> =
        rows(state, &probe).await?.into_iter().filter(|s| s.published_version.is_some()).collect();
    let mut found = None;
    for id in ranked(&probe, &rows).into_iter().take(PUBLISHED_TRIES) {
        let e = crate::pages::published(state, id).await?;
        // Chosen by its published version, whatever its row now says.
        let stated = Probe::of(&e);
        if stated.is_some_and(|p| p.year < probe.year && probe.same_project(&p.name, p.code.as_deref()).is_some()) {
            found = Some(e);
            break;
        }
    }
    let Some(table) = found else { return Ok(None) };
    let actuals = match actuals_id(&probe, &rows) {
        Some(id) => {
            let e = crate::pages::published(state, id).await?;
            let year_before = is_year_before(e.document.year, probe.year);
            (year_before && Stage::of(&e.document) == Stage::SelfEvaluation).then_some(e)
        }
        None => None,
    };
    Ok(Some(Earlier { table, actuals }))
}

/// Every table of the probe's department and kind (their current rows).
async fn rows(state: &AppState, probe: &Probe) -> AppResult<Vec<TableSummary>> {
    let mut filter = Filter {
        department_id: Some(probe.department_id),
        kind: Some(probe.kind.clone()),
        page: 1,
        per_page: PER_PAGE,
        ..Filter::default()
    };
    let mut all = Vec::new();
    loop {
        let page = state.store().list(&filter).await.map_err(AppError::from)?;
        let full = page.items.len() as i64 == PER_PAGE;
        all.extend(page.items);
        if !full {
            return Ok(all);
        }
        filter.page += 1;
    }
}

/// The candidates for the earlier table, best first: the nearest earlier year, then a match by
/// code before one by name, then targets before a self-evaluation.
fn ranked(probe: &Probe, rows: &[TableSummary]) -> Vec<i64> {
    let mut found: Vec<(i64, u8, u8, i64)> = rows
        .iter()
        .filter_map(|s| {
            let year = s.year.filter(|&y| y < probe.year)?;
            let matched = probe.matches(s)?;
            let stage = stage_rank(Stage::from_code(&s.stage)?, probe.stage)?;
            // Years as published may be anything: the distance is counted wide.
            Some((i64::from(probe.year) - i64::from(year), matched, stage, s.id))
        })
        .collect();
    found.sort_unstable();
    found.into_iter().map(|(_, _, _, id)| id).collect()
}

/// The same project's 自评表 of the year before the probe's.
fn actuals_id(probe: &Probe, rows: &[TableSummary]) -> Option<i64> {
    rows.iter()
        .filter(|s| is_year_before(s.year, probe.year))
        .filter(|s| s.stage == Stage::SelfEvaluation.code())
        .filter_map(|s| Some((probe.matches(s)?, s.id)))
        .min()
        .map(|(_, id)| id)
}
