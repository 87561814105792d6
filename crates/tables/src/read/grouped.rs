//! Each document read together with the reader's diagnostics about it, so that a document's
//! report holds what its reading found beside what its review found.

use std::mem;

use jixiao_core::diagnostic::Diagnostic;

use super::{Item, ReadDocument, ReadError};

/// What [`grouped`] yields.
#[derive(Debug)]
pub enum Grouped {
    /// A document and the diagnostics that concern it: those emitted since the document before
    /// it (a reader reports a table's cells while reading them, before the table is complete),
    /// and, for the last document of the input, those emitted after it.
    Document(Box<ReadDocument>, Vec<Diagnostic>),
    /// Diagnostics of an input that held no document at all.
    Unattached(Vec<Diagnostic>),
}

/// Groups a reader's items by document. One document is held back until the next one (or the
/// end of the input) arrives, so that trailing diagnostics reach the last document; a read
/// error comes after the document read before it.
pub fn grouped<I>(items: I) -> impl Iterator<Item = Result<Grouped, ReadError>>
where
    I: Iterator<Item = Result<Item, ReadError>>,
{
    Grouper { items, pending: None, diagnostics: Vec::new(), error: None, done: false }
}

struct Grouper<I> {
    items: I,
    pending: Option<(Box<ReadDocument>, Vec<Diagnostic>)>,
    diagnostics: Vec<Diagnostic>,
    error: Option<ReadError>,
    done: bool,
}

impl<I: Iterator<Item = Result<Item, ReadError>>> Grouper<I> {
    /// What is left when the input ends: the held document with the trailing diagnostics, or
    /// the diagnostics alone when no document was read.
    fn flush(&mut self) -> Option<Grouped> {
        let trailing = mem::take(&mut self.diagnostics);
        match self.pending.take() {
            Some((doc, mut diagnostics)) => {
                diagnostics.extend(trailing);
                Some(Grouped::Document(doc, diagnostics))
            }
            None if !trailing.is_empty() => Some(Grouped::Unattached(trailing)),
            None => None,
        }
    }
}

impl<I: Iterator<Item = Result<Item, ReadError>>> Iterator for Grouper<I> {
    type Item = Result<Grouped, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                if let Some(left) = self.flush() {
                    return Some(Ok(left));
                }
                return self.error.take().map(Err);
            }
            match self.items.next() {
                Some(Ok(Item::Diagnostic(d))) => self.diagnostics.push(d),
                Some(Ok(Item::Document(doc))) => {
                    let before = mem::take(&mut self.diagnostics);
                    if let Some((prev, diagnostics)) = self.pending.replace((doc, before)) {
                        return Some(Ok(Grouped::Document(prev, diagnostics)));
                    }
                }
                Some(Err(e)) => {
                    self.error = Some(e);
                    self.done = true;
                }
                None => self.done = true,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jixiao_core::source::Position;
    use jixiao_core::{Document, DocumentKind};

    fn doc(title: &str) -> Result<Item, ReadError> {
        let mut d = Document::new(DocumentKind::Project);
        d.title = title.to_owned();
        Ok(Item::Document(Box::new(ReadDocument { document: d, source: Default::default() })))
    }

    fn diag(code: &'static str) -> Result<Item, ReadError> {
        Ok(Item::Diagnostic(Diagnostic::note(code, Some(Position::text(1, 1)), String::new())))
    }

    fn shape(items: Vec<Result<Item, ReadError>>) -> Vec<String> {
        grouped(items.into_iter())
            .map(|g| match g {
                Ok(Grouped::Document(d, ds)) => {
                    format!("{}:{}", d.document.title, ds.iter().map(|d| d.code).collect::<Vec<_>>().join(","))
                }
                Ok(Grouped::Unattached(ds)) => format!("-:{}", ds.iter().map(|d| d.code).collect::<Vec<_>>().join(",")),
                Err(_) => "error".to_owned(),
            })
            .collect()
    }

    #[test]
    fn diagnostics_go_to_the_document_they_precede_and_trailing_ones_to_the_last() {
        let items = vec![diag("a"), doc("一"), diag("b"), diag("c"), doc("二"), diag("d")];
        assert_eq!(shape(items), ["一:a", "二:b,c,d"]);
    }

    #[test]
    fn an_input_without_documents_keeps_its_diagnostics() {
        assert_eq!(shape(vec![diag("a"), diag("b")]), ["-:a,b"]);
        assert!(shape(vec![]).is_empty());
    }

    #[test]
    fn a_read_error_comes_after_the_document_read_before_it() {
        let err = Err(ReadError::UnknownFormat { path: "x".to_owned() });
        let items = vec![doc("一"), diag("a"), err, doc("二")];
        assert_eq!(shape(items), ["一:a", "error"]);
    }
}
