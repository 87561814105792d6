//! The same table of an earlier year, found in the store for the comparison page and API: the
//! same department, kind and project (name or code), the nearest earlier year, targets before
//! a self-evaluation of that year.

use jixiao_core::text::squeeze;
use jixiao_store::{Filter, StoredTable, TableSummary};

use crate::AppState;
use crate::access;
use crate::auth::CurrentUser;
use crate::error::{AppError, AppResult};

/// Rows asked of the store at a time; a department rarely has more tables than this.
const PER_PAGE: i64 = 500;

/// The earlier table `t` is set against, if the store holds one the user may see.
pub(crate) async fn earlier(state: &AppState, u: &CurrentUser, t: &StoredTable) -> AppResult<Option<StoredTable>> {
    let Some(id) = earlier_id(state, &t.summary, false).await? else { return Ok(None) };
    let found = state.store().get(id).await.map_err(AppError::from)?;
    Ok(access::visible(u, found).ok())
}

/// The earlier published table a published `t` is set against on the public pages, at its
/// published version.
pub(crate) async fn earlier_published(state: &AppState, t: &StoredTable) -> AppResult<Option<StoredTable>> {
    let Some(id) = earlier_id(state, &t.summary, true).await? else { return Ok(None) };
    crate::pages::published(state, id).await.map(Some)
}

/// The id of the table `t` is set against: among its department's tables of its kind (only the
/// published ones, for the public), the same project in the nearest earlier year.
async fn earlier_id(state: &AppState, t: &TableSummary, published: bool) -> AppResult<Option<i64>> {
    let Some(year) = t.year else { return Ok(None) };
    let mut filter = Filter {
        department_id: Some(t.department_id),
        kind: Some(t.kind.clone()),
        published,
        page: 1,
        per_page: PER_PAGE,
        ..Filter::default()
    };
    let mut best: Option<(i32, u8, i64)> = None;
    loop {
        let page = state.store().list(&filter).await.map_err(AppError::from)?;
        for s in &page.items {
            let (Some(y), Some(rank)) = (s.year.filter(|&y| y < year), stage_rank(&s.stage, &t.stage)) else {
                continue;
            };
            if !same_project(s, t) {
                continue;
            }
            // The nearest year first, then targets against targets.
            if best.is_none_or(|(by, br, _)| (y, std::cmp::Reverse(rank)) > (by, std::cmp::Reverse(br))) {
                best = Some((y, rank, s.id));
            }
        }
        if page.items.len() < PER_PAGE as usize {
            break;
        }
        filter.page += 1;
    }
    Ok(best.map(|(_, _, id)| id))
}

/// How well an earlier table of stage `earlier` serves a later one of stage `later`: `0` the
/// same stage, `1` a self-evaluation against the next year's targets, `None` not at all.
fn stage_rank(earlier: &str, later: &str) -> Option<u8> {
    match (earlier, later) {
        (a, b) if a == b => Some(0),
        ("self_evaluation", "target") => Some(1),
        _ => None,
    }
}

/// Whether two stored tables are of the same project: the name (blanks aside) or the code.
fn same_project(a: &TableSummary, b: &TableSummary) -> bool {
    squeeze(&a.project_name) == squeeze(&b.project_name) || code(a).is_some_and(|c| code(b) == Some(c))
}

/// A table's project code, when it has one.
fn code(s: &TableSummary) -> Option<&str> {
    s.project_code.as_deref().map(str::trim).filter(|c| !c.is_empty())
}
