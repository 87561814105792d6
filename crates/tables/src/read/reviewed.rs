//! A file's read items made into reviewed documents: what `jixiao import` and a web upload
//! share, so that both group, review and refuse a file the same way.

use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::review::Review;
use jixiao_core::source::SourceMap;

use super::grouped::{Grouped, grouped};
use super::{Item, ReadDocument, ReadError};
use crate::diagnostic::Diagnostic;

/// Why a file gives no table.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// Its bytes could not be read.
    #[error("{name}: 无法读取: {source}")]
    Unreadable {
        /// The file as the user named it.
        name: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The reader refused it (the error names the file and place).
    #[error(transparent)]
    Read(#[from] ReadError),
    /// It was read, and holds no target table.
    #[error("{0}: 没有读到任何绩效目标表")]
    NoTables(String),
}

/// A document with its report: the review's findings beside the reader's diagnostics.
#[derive(Debug, Clone)]
pub struct Reviewed {
    /// The document as read.
    pub document: Document,
    /// Its report.
    pub report: DocumentReport,
    /// What the reader could vouch for (text readers keep track; see `SourceMap::reading`).
    pub reading: Option<jixiao_core::source::Reading>,
}

/// The documents of one file (`name`), each reviewed by `review` with its reader's diagnostics
/// beside the findings. Every diagnostic, a document's or one outside any, is also handed to
/// `show` as it comes. A read error fails the whole file, and so does a file without tables.
pub fn reviewed(
    name: &str,
    items: impl Iterator<Item = Result<Item, ReadError>>,
    mut review: impl FnMut(&Document, &SourceMap) -> Review,
    mut show: impl FnMut(&[Diagnostic]),
) -> Result<Vec<Reviewed>, IntakeError> {
    let mut out = Vec::new();
    for group in grouped(items) {
        match group? {
            Grouped::Document(doc, diagnostics) => {
                show(&diagnostics);
                let ReadDocument { document, source } = *doc;
                let review = review(&document, &source);
                let report = DocumentReport::read_and_reviewed(&document, &diagnostics, &review);
                out.push(Reviewed { document, report, reading: source.reading });
            }
            Grouped::Unattached(diagnostics) => show(&diagnostics),
        }
    }
    if out.is_empty() {
        return Err(IntakeError::NoTables(name.to_owned()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, text: &str) -> (Result<Vec<Reviewed>, IntakeError>, usize) {
        let items = crate::read_stream(name, std::io::Cursor::new(text.as_bytes().to_vec())).expect("opens");
        let reviewer = jixiao_core::review::Reviewer::default();
        let mut shown = 0;
        let result = reviewed(name, items, |d, s| reviewer.review(d, Some(s)), |d| shown += d.len());
        (result, shown)
    }

    #[test]
    fn the_sample_gives_its_documents_reviewed() {
        let (result, _) = read("sample.txt", include_str!("../../../../samples/ningxia-waishi-2020.txt"));
        let docs = result.expect("the sample is read");
        assert_eq!(docs.len(), 6);
        // The reviewed findings are those `jixiao review` reports on the sample.
        let findings: usize = docs.iter().map(|d| d.report.findings.len()).sum();
        assert!(findings >= 30, "{findings}");
    }

    #[test]
    fn a_file_without_tables_is_refused_by_name_and_its_notes_shown() {
        let (result, shown) = read("notes.txt", "这是一段说明文字, 没有表格。\n");
        let err = result.expect_err("no tables");
        assert_eq!(err.to_string(), "notes.txt: 没有读到任何绩效目标表");
        assert!(shown > 0, "the text outside any table is shown as a diagnostic");
    }
}
