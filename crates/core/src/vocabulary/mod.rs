//! The words of the tables that both the readers and the review go by, each kind in one place:
//! money units ([`money`]), the percent sign and its spelled-out forms ([`percent`]), and the
//! template text publishers leave unreplaced ([`template`]).
//! Indicator levels and their frames are [`crate::levels`].

pub mod money;
pub mod percent;
pub mod template;
