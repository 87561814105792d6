//! Writing documents: interchange JSON and JSON Lines, flat CSV, and the publication formats
//! (xlsx, HTML) drawn from one official layout.

pub mod csv;
pub mod html;
pub mod json;
pub mod layout;
pub mod xlsx;
