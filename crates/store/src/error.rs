//! The store's one error type: few kinds, each with a message a user can act on.

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No such table, version or user.
    #[error("{0}")]
    NotFound(String),
    /// The thing changed since it was read (a stale version), or would duplicate another.
    #[error("{0}")]
    Conflict(String),
    /// The request breaks a rule (a workflow step from the wrong status, a missing reason).
    #[error("{0}")]
    Invalid(String),
    /// The store was written by a newer jixiao.
    #[error(
        "数据库由更新版本的 jixiao 写入 (数据库结构版本 {found}, 本程序最高支持 {supported}), 请升级 jixiao 后再打开"
    )]
    TooNew {
        /// The newest schema version in the store.
        found: i64,
        /// The newest this program knows.
        supported: i64,
    },
    /// Anything else: what was being done and why it failed, in words; the database's own
    /// error is kept beside it for logs (and not chained, so that it is not printed twice).
    #[error("{context}")]
    Other {
        /// What the store was doing, and the cause.
        context: String,
        /// The cause as the database gave it (not named `source`, which would chain it).
        cause: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl StoreError {
    /// Wraps a database error with what was being done.
    pub(crate) fn db(context: &str) -> impl FnOnce(sqlx::Error) -> StoreError + '_ {
        move |e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Conflict(format!("{context}: 与已有记录重复"))
            }
            _ => StoreError::Other { context: friendly(context, &e), cause: Box::new(e) },
        }
    }
}

/// The context and the cause, in plain words for the failures users meet (a full disk, a
/// read-only file, a file that cannot be opened), else as the database said it.
fn friendly(context: &str, e: &sqlx::Error) -> String {
    let text = match e {
        sqlx::Error::Database(d) => d.message().to_owned(),
        other => other.to_string(),
    };
    if text.contains("readonly") || text.contains("read-only") {
        format!("{context}: 数据库文件只读, 无法写入")
    } else if text.contains("disk is full") || text.contains("No space left") || text.contains("disk full") {
        format!("{context}: 磁盘已满")
    } else if text.contains("unable to open database file") {
        format!("{context}: 无法打开数据库文件 (路径不存在, 或文件所在的目录只读、无权限)")
    } else {
        format!("{context}: {text}")
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other { context: format!("升级数据库结构: {e}"), cause: Box::new(e) }
    }
}
