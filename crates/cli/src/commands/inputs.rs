//! Reading every document of every input in turn, diagnostics to stderr, for the commands that
//! judge documents one at a time (`review`, `score`, `monitor`).

use crate::report;
use std::path::PathBuf;

use anyhow::Result;
use jixiao_tables::{Diagnostic, Grouped, ReadDocument, grouped};

/// Calls `each(file, index, document, diagnostics)` for every document read, with the reader's
/// diagnostics about it (also printed on stderr); returns whether any input could not be read
/// (reported on stderr; the others are still read).
pub fn each_document(
    files: &[PathBuf],
    mut each: impl FnMut(&str, usize, ReadDocument, &[Diagnostic]) -> Result<()>,
) -> Result<bool> {
    let mut unreadable = false;
    for path in files {
        let file = super::input_name(path);
        let items = match super::open(path) {
            Ok(items) => items,
            Err(e) => {
                report!("jixiao: 错误: {e}");
                unreadable = true;
                continue;
            }
        };
        let mut index = 0;
        for group in grouped(items) {
            match group {
                Ok(Grouped::Document(doc, diagnostics)) => {
                    diagnostics.iter().for_each(|d| report!("{}", d.display(&file)));
                    each(&file, index, *doc, &diagnostics)?;
                    index += 1;
                }
                Ok(Grouped::Unattached(diagnostics)) => {
                    diagnostics.iter().for_each(|d| report!("{}", d.display(&file)))
                }
                Err(e) => {
                    report!("jixiao: 错误: {e}");
                    unreadable = true;
                    break;
                }
            }
        }
    }
    Ok(unreadable)
}
