//! The words of the tables that both the readers and the review go by, each kind in one place:
//! money units ([`money`]) and the template text publishers leave unreplaced ([`template`]).
//! Indicator levels and their frames are [`crate::levels`].

pub mod money;
pub mod template;
