//! The workflow of a target table (审核流程): its statuses, the actions that move it, and who may
//! take them. Pure rules; the store applies them atomically and the web shows them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Where a table stands in the workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 草稿: the department is writing it.
    Draft,
    /// 已报送: waiting for the finance bureau's review.
    Submitted,
    /// 已退回: the reviewer sent it back with a reason.
    Returned,
    /// 已审核通过: approved, not yet published.
    Approved,
    /// 已公开: published with the budget; read-only.
    Published,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 5] =
        [Status::Draft, Status::Submitted, Status::Returned, Status::Approved, Status::Published];

    /// The stable code used in the store, URLs and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Approved => "approved",
            Status::Published => "published",
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::Submitted => "已报送",
            Status::Returned => "已退回",
            Status::Approved => "已审核通过",
            Status::Published => "已公开",
        }
    }

    /// Whether the department may still change the content.
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A code that names no status or action.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("未知的{what}: {code}")]
pub struct UnknownCode {
    /// What kind of code was expected (状态, 操作, 角色).
    pub what: &'static str,
    /// The code given.
    pub code: String,
}

impl FromStr for Status {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Status::ALL
            .into_iter()
            .find(|st| st.code() == s)
            .ok_or_else(|| UnknownCode { what: "状态", code: s.to_owned() })
    }
}

/// Something a user does to a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// 报送: the department sends the table for review.
    Submit,
    /// 退回: the reviewer sends it back; a reason is required.
    Return,
    /// 审核通过
    Approve,
    /// 公开
    Publish,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 4] = [Action::Submit, Action::Return, Action::Approve, Action::Publish];

    /// The stable code used in the change log, URLs and JSON.
    pub fn code(self) -> &'static str {
        match self {
            Action::Submit => "submit",
            Action::Return => "return",
            Action::Approve => "approve",
            Action::Publish => "publish",
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "报送审核",
            Action::Return => "退回修改",
            Action::Approve => "审核通过",
            Action::Publish => "公开",
        }
    }

    /// The status the table must be in for this action.
    pub fn from_statuses(self) -> &'static [Status] {
        match self {
            Action::Submit => &[Status::Draft, Status::Returned],
            Action::Return => &[Status::Submitted, Status::Approved],
            Action::Approve => &[Status::Submitted],
            Action::Publish => &[Status::Approved],
        }
    }

    /// The status the action leads to.
    pub fn to_status(self) -> Status {
        match self {
            Action::Submit => Status::Submitted,
            Action::Return => Status::Returned,
            Action::Approve => Status::Approved,
            Action::Publish => Status::Published,
        }
    }
}

impl FromStr for Action {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Action::ALL
            .into_iter()
            .find(|a| a.code() == s)
            .ok_or_else(|| UnknownCode { what: "操作", code: s.to_owned() })
    }
}

/// What a user is in the system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 部门填报人员: drafts and submits the tables of one department.
    Officer,
    /// 财政审核人员: returns, approves and publishes.
    Reviewer,
    /// 系统管理员: manages users; may publish.
    Admin,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 3] = [Role::Officer, Role::Reviewer, Role::Admin];

    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Reviewer => "reviewer",
            Role::Admin => "admin",
        }
    }

    /// The word shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Officer => "部门填报人员",
            Role::Reviewer => "财政审核人员",
            Role::Admin => "系统管理员",
        }
    }

    /// Whether the role may take this action (on a table of its department, for officers).
    pub fn may(self, action: Action) -> bool {
        match action {
            Action::Submit => self == Role::Officer,
            Action::Return | Action::Approve => self == Role::Reviewer,
            Action::Publish => matches!(self, Role::Reviewer | Role::Admin),
        }
    }
}

impl FromStr for Role {
    type Err = UnknownCode;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.code() == s).ok_or_else(|| UnknownCode { what: "角色", code: s.to_owned() })
    }
}

/// Why an action cannot be taken.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The table is in a status the action does not start from.
    #[error("表当前为“{}”, 不能{}", .status.label(), .action.label())]
    WrongStatus {
        /// The table's status.
        status: Status,
        /// The action tried.
        action: Action,
    },
    /// A return without a reason.
    #[error("退回必须填写原因")]
    ReasonRequired,
    /// A reason longer than a reviewer writes (a pasted document): kept out of the change log,
    /// which keeps every entry for good.
    #[error("原因太长: 最多 {REASON_LONGEST} 个字, 收到 {chars} 个")]
    ReasonTooLong {
        /// How many characters were given.
        chars: usize,
    },
    /// A submission of a table the review found errors in.
    #[error("审核发现 {errors} 个错误, 请先修改再报送")]
    HasErrors {
        /// How many error findings.
        errors: usize,
    },
}

/// The longest reason an action takes, in characters.
pub const REASON_LONGEST: usize = 2000;

/// Checks that `action` may move a table in `status` with `errors` error findings, and returns the
/// status it leads to. Who may act is [`Role::may`]'s question, asked separately.
pub fn transition(status: Status, action: Action, errors: usize, reason: Option<&str>) -> Result<Status, Refusal> {
    if !action.from_statuses().contains(&status) {
        return Err(Refusal::WrongStatus { status, action });
    }
    if action == Action::Return && reason.is_none_or(|r| r.trim().is_empty()) {
        return Err(Refusal::ReasonRequired);
    }
    if let Some(chars) = reason.map(|r| r.trim().chars().count()).filter(|&n| n > REASON_LONGEST) {
        return Err(Refusal::ReasonTooLong { chars });
    }
    if action == Action::Submit && errors > 0 {
        return Err(Refusal::HasErrors { errors });
    }
    Ok(action.to_status())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_happy_path() {
        let s = transition(Status::Draft, Action::Submit, 0, None).unwrap();
        let s = transition(s, Action::Return, 0, Some("目标不够量化")).unwrap();
        assert_eq!(s, Status::Returned);
        let s = transition(s, Action::Submit, 0, None).unwrap();
        let s = transition(s, Action::Approve, 0, None).unwrap();
        assert_eq!(transition(s, Action::Publish, 0, None), Ok(Status::Published));
    }

    #[test]
    fn a_reason_is_at_most_two_thousand_characters() {
        let long = "补".repeat(REASON_LONGEST + 1);
        assert_eq!(
            transition(Status::Submitted, Action::Return, 0, Some(&long)),
            Err(Refusal::ReasonTooLong { chars: REASON_LONGEST + 1 })
        );
        let fits = "补".repeat(REASON_LONGEST);
        assert_eq!(transition(Status::Submitted, Action::Return, 0, Some(&fits)), Ok(Status::Returned));
    }

    #[test]
    fn refusals() {
        assert_eq!(
            transition(Status::Draft, Action::Approve, 0, None),
            Err(Refusal::WrongStatus { status: Status::Draft, action: Action::Approve })
        );
        assert_eq!(transition(Status::Submitted, Action::Return, 0, Some("  ")), Err(Refusal::ReasonRequired));
        assert_eq!(transition(Status::Draft, Action::Submit, 2, None), Err(Refusal::HasErrors { errors: 2 }));
        assert!(transition(Status::Published, Action::Submit, 0, None).is_err());
    }

    #[test]
    fn roles() {
        assert!(Role::Officer.may(Action::Submit));
        assert!(!Role::Officer.may(Action::Approve));
        assert!(!Role::Reviewer.may(Action::Submit));
        assert!(Role::Admin.may(Action::Publish));
        assert!(!Role::Admin.may(Action::Approve));
    }

    #[test]
    fn codes_round_trip() {
        for s in Status::ALL {
            assert_eq!(s.code().parse::<Status>(), Ok(s));
        }
        for a in Action::ALL {
            assert_eq!(a.code().parse::<Action>(), Ok(a));
        }
        for r in Role::ALL {
            assert_eq!(r.code().parse::<Role>(), Ok(r));
        }
        assert!("deleted".parse::<Status>().is_err());
    }
}
