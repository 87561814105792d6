//! Who may see and do what: officers their own department's tables, reviewers and
//! administrators every table, the public only what is published.

use jixiao_core::workflow::{Action, Role, Status};
use jixiao_store::{Filter, StoredTable, TableSummary};

use crate::auth::CurrentUser;
use crate::error::AppError;

/// Narrows a list to what the user may see.
pub fn scope(user: &CurrentUser, filter: &mut Filter) {
    if user.user.role == Role::Officer {
        // An officer without a department sees nothing rather than everything.
        filter.department_id = Some(user.user.department_id.unwrap_or(-1));
    }
}

/// Whether the user may see this table.
pub fn may_see(user: &CurrentUser, t: &TableSummary) -> bool {
    match user.user.role {
        Role::Officer => user.user.department_id == Some(t.department_id),
        Role::Reviewer | Role::Admin => true,
    }
}

/// The table, if the user may see it; another department's table is "not found" to an
/// officer, so that ids reveal nothing.
pub fn visible(user: &CurrentUser, t: StoredTable) -> Result<StoredTable, AppError> {
    if may_see(user, &t.summary) { Ok(t) } else { Err(AppError::not_found()) }
}

/// Whether the user may edit this table's content.
pub fn may_edit(user: &CurrentUser, t: &TableSummary) -> bool {
    user.user.role == Role::Officer && may_see(user, t)
}

/// Whether the user may take `action` on this table (the workflow may still refuse).
pub fn may_act(user: &CurrentUser, t: &TableSummary, action: Action) -> bool {
    user.user.role.may(action) && may_see(user, t)
}

/// Whether the user may enter monitoring data (绩效运行监控): an officer of the table's
/// department, on a target table that is approved or published — monitoring follows targets
/// already agreed, and the entry cannot change them.
pub fn may_monitor(user: &CurrentUser, t: &TableSummary) -> bool {
    may_edit(user, t) && t.stage == "target" && matches!(t.status, Status::Approved | Status::Published)
}

/// Whether the user may enter year-end actuals: an officer of the table's department, on a
/// self-evaluation table (自评表) in a status the editor allows (draft, returned, or published,
/// which starts a revision) — a 自评表 goes through the same workflow as a target table.
pub fn may_enter_actuals(user: &CurrentUser, t: &TableSummary) -> bool {
    may_edit(user, t) && t.stage == "self_evaluation" && !matches!(t.status, Status::Submitted | Status::Approved)
}
