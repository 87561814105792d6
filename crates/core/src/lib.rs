//! The domain of budget performance targets (预算绩效目标管理), with no I/O: the document model
//! of the interchange format, the standard indicator levels, the grammar of targets (指标值),
//! source positions, and the review rules. Readers, stores and the web server build on this crate.

pub mod calendar;
pub mod compare;
pub mod diagnostic;
pub mod diff;
pub mod elements;
pub mod identity;
pub mod levels;
pub mod model;
pub mod monitoring;
mod nullable;
pub mod polarity;
mod published;
pub mod quantity;
pub mod readings;
pub mod report;
pub mod review;
pub mod saturating;
pub mod scoring;
pub mod script;
pub mod source;
pub mod stated;
pub mod target;
pub mod text;
pub mod vocabulary;
pub mod workflow;

pub use model::{
    BudgetPart, DeviationCause, Document, DocumentKind, Funds, HeaderField, Horizon, Indicator, IndicatorMonitoring,
    Likelihood, MoneyUnit, Monitoring, Project, SelfEvaluation, TargetParts, Task,
};
pub use stated::Stated;
pub use target::{Direction, Op, PartialDate, Target, Term};
