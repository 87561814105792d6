//! Opening the pools: SQLite in WAL mode with a busy timeout (several processes may import into
//! one file) and one connection of its own for writing, PostgreSQL optionally inside a schema of
//! its own.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{AssertSqlSafe, Connection, Executor};

use crate::{Location, Pools, StoreError};

/// How long a writer waits for another process's write to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// Each SQLite connection's page cache, KB; memory is taken only as pages are read.
const CACHE_KB: u32 = 64 * 1024;

/// An exclusive lock on the SQLite file (made empty if there is none, which SQLite takes for a
/// new database), for as long as the value is kept (on Unix). It is `flock`'s, which SQLite's own locks
/// (`fcntl`'s) do not meet: readers and writers of the store are not held up by it, only other
/// jixiao processes opening the store.
pub async fn migration_lock(path: &std::path::Path) -> Result<std::fs::File, StoreError> {
    let opened = if path.exists() {
        std::fs::File::open(path)
    } else {
        std::fs::OpenOptions::new().write(true).create(true).truncate(false).open(path)
    };
    let cannot = |e: std::io::Error| StoreError::Other {
        context: format!(
            "打开数据库 {}: 无法打开数据库文件 (路径不存在, 或文件所在的目录只读、无权限)",
            path.display()
        ),
        cause: Box::new(e),
    };
    let file = opened.map_err(cannot)?;
    // Waited for without blocking the runtime: another task of this process may hold it.
    #[cfg(unix)]
    loop {
        use rustix::fs::{FlockOperation, flock};
        match flock(&file, FlockOperation::NonBlockingLockExclusive) {
            Ok(()) => return Ok(file),
            Err(rustix::io::Errno::WOULDBLOCK | rustix::io::Errno::INTR) => {
                tokio::time::sleep(Duration::from_millis(10)).await;
            }
            Err(e) => return Err(cannot(e.into())),
        }
    }
    #[cfg(not(unix))]
    Ok(file)
}

/// Whether `path` is a file this process can read but not write.
pub fn is_read_only(path: &std::path::Path) -> bool {
    path.is_file()
        && std::fs::OpenOptions::new().write(true).open(path).is_err_and(|e| {
            matches!(e.kind(), std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem)
        })
}

pub async fn sqlite(location: &Location, read_only: bool) -> Result<Pools<sqlx::Sqlite>, StoreError> {
    let (options, max) = match location {
        // Read as it is on disk. With no write-ahead log beside it (a store closed cleanly, then
        // copied or made read-only), SQLite is told that the file does not change while it is
        // open, which it needs where it cannot make the log's index file; a log with commits in
        // it is read through, as SQLite can without writing.
        Location::Sqlite { path } if read_only => {
            let mut wal = path.clone().into_os_string();
            wal.push("-wal");
            let logged = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
            (SqliteConnectOptions::new().filename(path).read_only(true).immutable(!logged), 8)
        }
        Location::Sqlite { path } => (
            SqliteConnectOptions::new()
                .filename(path)
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // NORMAL in WAL mode never corrupts the file; a power cut may lose the last commits.
                .synchronous(SqliteSynchronous::Normal)
                // A new file's pages: 64 KB, the largest SQLite has, fewer to write to the WAL and
                // copy into the file for the same rows. 16 KB instead of 4 KB took a tenth off the
                // import's CPU; 64 KB instead of 16 KB some 5 % more (benchmark of 2026-11-29), most
                // of it as a version's row (some 3.7 KB) leaves less of each page unused. A file
                // made before keeps its pages (changing them would rewrite it).
                .page_size(65536),
            8,
        ),
        // One connection: each in-memory connection would be a database of its own.
        _ => (SqliteConnectOptions::from_str("sqlite::memory:").map_err(StoreError::db("打开数据库"))?, 1),
    };
    let options = options
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        // A statement that may stop half way (a multi-row INSERT) keeps a journal of the pages it
        // changed; on disk, writing it was 7 % of an import's CPU.
        .pragma("temp_store", "memory")
        // Pages kept per connection, up to this many KB (the default 2 MB was smaller than the
        // indexes an import of 100,000 tables updates: a third of its CPU went to the kernel,
        // reading pages again and writing them out before the commit).
        .pragma("cache_size", format!("-{CACHE_KB}"))
        // Copy the WAL into the file every 4,096 pages of it (256 MB in a new file; 64 MB in a file
        // of 16 KB pages) rather than every 1,000: a page that many transactions of an import
        // change (an index's) is then copied once instead of each time, and the copies with their
        // fsyncs were an eighth of an import's CPU.
        .pragma("wal_autocheckpoint", "4096");
    let read = SqlitePoolOptions::new()
        .max_connections(max)
        .connect_with(options.clone())
        .await
        .map_err(StoreError::db(&format!("打开数据库 {location}")))?;
    if max == 1 {
        // In memory: the one connection is the database.
        return Ok(Pools::new(read.clone(), read));
    }
    // The write transactions take turns on one connection (SQLite lets one write at a time
    // anyway), so that its page cache stays warm from one to the next: SQLite drops a
    // connection's whole cache when it finds that another connection wrote, and with the pool
    // handing out its connections in turn, every file of an import started with the indexes'
    // pages read again from the file and the WAL. A write waits for the connection as long as it
    // would have waited for the lock.
    let write = SqlitePoolOptions::new()
        .max_connections(1)
        .acquire_timeout(BUSY_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(StoreError::db(&format!("打开数据库 {location}")))?;
    Ok(Pools::new(read, write))
}

pub async fn postgres(url: &str, schema: Option<&str>) -> Result<Pools<sqlx::Postgres>, StoreError> {
    let shown = Location::Postgres { url: url.to_owned(), schema: schema.map(str::to_owned) }.to_string();
    let mut options = PgConnectOptions::from_str(url).map_err(StoreError::db(&format!("数据库地址 {shown}")))?;
    if let Some(schema) = schema {
        if !schema.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(StoreError::Invalid(format!("schema 名只能含字母、数字和下划线: {schema}")));
        }
        // Create it first, on a connection of its own, so that the pool's search_path finds it.
        let mut conn =
            sqlx::PgConnection::connect_with(&options).await.map_err(StoreError::db(&format!("连接数据库 {shown}")))?;
        conn.execute(AssertSqlSafe(format!("CREATE SCHEMA IF NOT EXISTS {schema}")))
            .await
            .map_err(StoreError::db("新建 schema"))?;
        options = options.options([("search_path", schema)]);
    }
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options)
        .await
        .map_err(StoreError::db(&format!("连接数据库 {shown}")))?;
    // PostgreSQL keeps its cache in the server: every connection may write.
    Ok(Pools::new(pool.clone(), pool))
}
