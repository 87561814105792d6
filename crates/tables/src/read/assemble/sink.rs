//! What a block of a table writes into as it reads: the document, where its parts were found,
//! and the items (diagnostics) going out.

use jixiao_core::Document;
use jixiao_core::source::SourceMap;

use crate::read::Item;

/// The document being assembled, its source map and the output, lent to a block for one call.
pub struct Sink<'a> {
    pub doc: &'a mut Document,
    pub source: &'a mut SourceMap,
    pub out: &'a mut Vec<Item>,
}
