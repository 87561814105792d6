//! What a reader could not place or had to guess, with where it was in the input: the reading
//! half of a document's report (the review's findings are the other half, see [`crate::report`]).

use std::fmt;

use serde::Serialize;

use crate::review::Severity;
use crate::source::Position;

/// One reader diagnostic: a code, a severity, a position, and a message in Chinese.
///
/// Readers use two severities: [`Severity::Warning`] when some of the input went into no
/// document, [`Severity::Info`] (提示) when something was read by a guess worth checking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Stable kebab-case code, e.g. `unplaced-cell` (listed in docs/diagnostics.md).
    pub code: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// Where in the input.
    pub position: Option<Position>,
    /// Where a diagnostic about a stretch of the input ends (`position` is its start).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Position>,
    /// What happened, in Chinese, naming the text involved.
    pub message: String,
}

impl Diagnostic {
    /// A warning about a cell that ended up in no document.
    pub fn unplaced(position: Position, text: &str, why: &str) -> Self {
        Diagnostic {
            code: "unplaced-cell",
            severity: Severity::Warning,
            position: Some(position),
            until: None,
            message: format!("未能归入任何表格的单元格 “{}”: {why}", excerpt(text)),
        }
    }

    /// A note (提示) with a position.
    pub fn note(code: &'static str, position: Option<Position>, message: String) -> Self {
        Diagnostic { code, severity: Severity::Info, position, until: None, message }
    }

    /// Whether some of the input did not make it into any document: a cell that could not be
    /// placed, bytes that could not be decoded, an error value in a sheet. These are the
    /// warnings, and what `--strict` refuses; notes are about text that is not table content.
    pub fn loses_input(&self) -> bool {
        self.severity != Severity::Info
    }

    /// Renders as `file:line:col: 警告[code]: message`, as compilers do.
    pub fn display<'a>(&'a self, file: &'a str) -> impl fmt::Display + 'a {
        DisplayDiagnostic { d: self, file }
    }
}

struct DisplayDiagnostic<'a> {
    d: &'a Diagnostic,
    file: &'a str,
}

impl fmt::Display for DisplayDiagnostic<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.d.position, &self.d.until) {
            (Some(p), Some(u)) => write!(f, "{}:{p}-{u}: ", self.file)?,
            (Some(p), None) => write!(f, "{}:{p}: ", self.file)?,
            _ => write!(f, "{}: ", self.file)?,
        }
        write!(f, "{}[{}]: {}", self.d.severity.label(), self.d.code, self.d.message)
    }
}

/// The first 40 characters of `text`, for messages.
pub fn excerpt(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((cut, _)) => {
            let mut head = String::with_capacity(cut + '…'.len_utf8());
            head.push_str(&text[..cut]);
            head.push('…');
            head
        }
        None => text.to_owned(),
    }
}
