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
    /// Anything else: the database's own error, with what was being done.
    #[error("{context}: {source}")]
    Other {
        /// What the store was doing.
        context: String,
        /// The cause.
        #[source]
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl StoreError {
    /// Wraps a database error with what was being done.
    pub(crate) fn db(context: &str) -> impl FnOnce(sqlx::Error) -> StoreError + '_ {
        move |e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => {
                StoreError::Conflict(format!("{context}: 与已有记录重复"))
            }
            _ => StoreError::Other { context: friendly(context, &e), source: Box::new(e) },
        }
    }
}

/// The context, with a plain word for the failures users meet (a full disk, a read-only file).
fn friendly(context: &str, e: &sqlx::Error) -> String {
    let text = e.to_string();
    if text.contains("readonly") || text.contains("read-only") {
        format!("{context}: 数据库文件只读, 无法写入")
    } else if text.contains("disk is full") || text.contains("No space left") || text.contains("disk full") {
        format!("{context}: 磁盘已满")
    } else {
        context.to_owned()
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other { context: "升级数据库结构".into(), source: Box::new(e) }
    }
}
