//! Why an indicator cannot be scored mechanically; each reason is shown beside the indicator.

use thiserror::Error;

/// A reason an indicator's score cannot be computed from its target and actual.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum Unscorable {
    /// The actual is a range where one figure is needed.
    #[error("实际完成值“{0}”是一个区间, 无法与指标值比较")]
    ActualIsRange(String),
    /// The actual is not a number.
    #[error("实际完成值“{0}”不是数字, 无法计分")]
    ActualNotNumber(String),
    /// The target is of a kind no formula takes (handled before, kept as an error all the same).
    #[error("指标值的类型无法计分")]
    TargetKind,
    /// A compound target and its actual have different numbers of terms.
    #[error("指标值有 {targets} 项数量, 实际完成值有 {actuals} 项, 无法逐项对应")]
    TermCount {
        /// Terms in the target.
        targets: usize,
        /// Terms in the actual.
        actuals: usize,
    },
    /// The target and the actual are in units that do not convert.
    #[error("单位不一致: 指标值的单位是“{target}”, 实际值的单位是“{actual}”")]
    Units {
        /// The target's unit, as published.
        target: String,
        /// The actual's unit, as published.
        actual: String,
    },
    /// A date target that is a floor (`某日之后`): no deadline to score against.
    #[error("指标值是“某日之后”, 无法按期限计分")]
    DateFloor,
    /// The target's date has no year and the table gives none.
    #[error("指标值的日期没有年份, 表也未写年度, 无法计算是否按期")]
    NoYear,
    /// The actual date lacks its month or day.
    #[error("实际完成日期不完整")]
    IncompleteDate,
    /// The actual of a date target is not a date.
    #[error("实际完成值“{0}”不是日期, 无法判断是否按期")]
    ActualNotDate(String),
}
