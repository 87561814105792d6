//! What a reader could not place or had to guess: the domain's [`Diagnostic`], re-exported so
//! that readers and their users name it from here.

pub use jixiao_core::diagnostic::{Diagnostic, excerpt};
pub use jixiao_core::review::Severity;
