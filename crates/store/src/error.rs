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
    } else if let Some(words) = server_failure(&text) {
        // The server's own words after ours: an administrator may need them.
        format!("{context}: {words} ({text})")
    } else {
        format!("{context}: {text}")
    }
}

/// The failures of reaching a PostgreSQL server that users meet, in plain words.
fn server_failure(text: &str) -> Option<String> {
    let quoted = |after: &str| text.split(after).nth(1).and_then(|r| r.split('"').nth(1)).map(str::to_owned);
    Some(if text.contains("pool timed out") || text.contains("timed out") {
        "连接数据库服务器超时: 服务器没有回应 (未启动, 或地址、端口不对)".to_owned()
    } else if text.contains("Connection refused") {
        "数据库服务器拒绝连接 (未启动, 或地址、端口不对)".to_owned()
    } else if text.contains("failed to lookup address") || text.contains("Name or service not known") {
        "找不到数据库服务器 (主机名不对, 或网络不通)".to_owned()
    } else if text.contains("password authentication failed") {
        "数据库用户名或密码不对".to_owned()
    } else if text.starts_with("role \"") && text.ends_with("does not exist") {
        format!("数据库用户 “{}” 不存在", quoted("role ").unwrap_or_default())
    } else if text.starts_with("database \"") && text.ends_with("does not exist") {
        format!("数据库 “{}” 不存在 (请先在服务器上创建)", quoted("database ").unwrap_or_default())
    } else {
        return None;
    })
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        StoreError::Other { context: format!("升级数据库结构: {e}"), cause: Box::new(e) }
    }
}

#[cfg(test)]
mod tests {
    use super::server_failure;

    #[test]
    fn a_servers_refusals_are_said_in_plain_words() {
        let said = |t: &str| server_failure(t).unwrap_or_default();
        assert_eq!(said(r#"role "nosuchuser" does not exist"#), "数据库用户 “nosuchuser” 不存在");
        assert_eq!(said(r#"database "jixiao" does not exist"#), "数据库 “jixiao” 不存在 (请先在服务器上创建)");
        assert!(said("pool timed out while waiting for an open connection").contains("超时"));
        assert!(said("error communicating with database: Connection refused (os error 111)").contains("拒绝连接"));
        assert!(said("password authentication failed for user \"x\"").contains("密码不对"));
        assert_eq!(server_failure("syntax error at or near \"x\""), None);
    }
}
