//! Writing documents: interchange JSON now; the publication formats plug in beside it.

pub mod json;
