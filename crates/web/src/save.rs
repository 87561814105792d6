//! Saving a changed table from a page or the API: reviewed first, so that the stored version
//! always carries the report of its own content.

use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_store::StoreError;

use crate::AppState;

/// What a save records: an edit, or monitoring data (which keeps the status and public version).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SaveKind {
    /// An edit of the table (targets, header, year-end actuals).
    Edit,
    /// Monitoring data entered on an approved or published table.
    Monitoring,
}

/// Reviews `doc` and saves it over version `based_on` of table `id` in `actor`'s name: the new
/// version and the report saved with it. A stale `based_on` is a `Conflict`, and writes nothing.
/// `rows`, from the editor, say which indicator of `based_on` each of `doc`'s continues.
pub(crate) async fn review_and_save(
    state: &AppState,
    id: i64,
    based_on: i64,
    doc: &Document,
    actor: &str,
    kind: SaveKind,
    rows: Option<&[Option<usize>]>,
) -> Result<(i64, DocumentReport), StoreError> {
    let review = state.inner.reviewer.review(doc, None);
    let report = DocumentReport::new(doc, &review);
    let store = state.store();
    let version = match kind {
        SaveKind::Edit => store.save_edit(id, based_on, doc, &report, actor, rows).await?,
        SaveKind::Monitoring => store.save_monitoring(id, based_on, doc, &report, actor).await?,
    };
    Ok((version, report))
}
