//! Readers and writers of target tables. Readers turn files into [`ReadDocument`]s (a document
//! and where its parts were read from) plus [`Diagnostic`]s for what could not be placed;
//! writers turn documents into the publication and data formats.

pub mod diagnostic;
pub mod read;
pub mod write;

pub use diagnostic::{Diagnostic, Severity};
pub use read::{
    Format, Grouped, IntakeError, Item, Items, ReadDocument, ReadError, Reviewed, grouped, read_csv, read_path,
    read_stream, read_text, reviewed,
};
