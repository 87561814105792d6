//! Saving a changed table from a page or the API: reviewed first, so that the stored version
//! always carries the report of its own content.

use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::source::SourceMap;
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
/// Monitoring data changes nothing a reading of the published text saw: it is reviewed with the
/// version's reading, as the import was, so that a header label the reader never found does not
/// become a missing field on the first monitoring save. An edit is reviewed as the user left it.
pub(crate) async fn review_and_save(
    state: &AppState,
    id: i64,
    based_on: i64,
    doc: &Document,
    actor: &str,
    kind: SaveKind,
    rows: Option<&[Option<usize>]>,
) -> Result<(i64, DocumentReport), StoreError> {
    let store = state.store();
    let source = match kind {
        SaveKind::Monitoring => match store.get_version(id, based_on).await {
            Ok(t) => t.reading.map(|reading| SourceMap { reading: Some(reading), ..SourceMap::default() }),
            // A version that is not there is the save's to refuse (a conflict, or no such table).
            Err(StoreError::NotFound(_)) => None,
            Err(e) => return Err(e),
        },
        SaveKind::Edit => None,
    };
    let review = state.inner.reviewer.review(doc, source.as_ref());
    let report = DocumentReport::new(doc, &review);
    let version = match kind {
        SaveKind::Edit => store.save_edit(id, based_on, doc, &report, actor, rows).await?,
        SaveKind::Monitoring => store.save_monitoring(id, based_on, doc, &report, actor).await?,
    };
    Ok((version, report))
}
