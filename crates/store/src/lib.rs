//! The store of jixiao: every table with its versions, the findings of its latest review, its
//! workflow status, departments, users, sessions and an append-only change log — in an embedded
//! SQLite file (the default) or in PostgreSQL. All SQL of the project lives in this crate.
//!
//! [`Store`] has one method per use case. The SQL is written once in `engine.rs` and compiled
//! for each engine, so that each method runs with concrete types on either pool.

mod connect;
mod error;
mod findings;
pub mod hash;
mod location;
mod records;
mod search;
mod texts;
pub mod time;

pub use error::StoreError;
pub use location::{Location, LocationError};
pub use records::{
    Department, Filter, HistoryEntry, ImportOutcome, ImportTable, Page, Session, Sort, StoredDocument, StoredTable,
    TableSummary, User,
};

use futures_util::stream::{BoxStream, StreamExt, TryStreamExt};
use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::workflow::{Action, Role};

/// The engine-specific half of the store: the same source compiled once per engine.
macro_rules! engine {
    ($name:ident, $db:ty, $postgres:expr, $migrations:literal) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            type Db = $db;
            /// Whether this is the PostgreSQL build of the engine code.
            #[allow(dead_code)]
            const POSTGRES: bool = $postgres;
            /// The engine's migrations, embedded in the binary.
            static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!($migrations);
            include!("engine.rs");
        }
    };
}
engine!(sqlite, sqlx::Sqlite, false, "migrations/sqlite");
engine!(postgres, sqlx::Postgres, true, "migrations/postgres");

#[derive(Clone)]
enum Pool {
    Sqlite(Pools<sqlx::Sqlite>),
    Postgres(Pools<sqlx::Postgres>),
}

/// A store's connections: `write` for write transactions, `read` for everything else. On a
/// SQLite file `write` is one connection of its own (see `connect::sqlite`); elsewhere both are
/// the same pool.
struct Pools<DB: sqlx::Database> {
    read: sqlx::Pool<DB>,
    write: sqlx::Pool<DB>,
    /// The findings' templates this process knows the store to hold (see `texts`).
    texts: std::sync::Arc<std::sync::Mutex<texts::Known>>,
}

impl<DB: sqlx::Database> Clone for Pools<DB> {
    fn clone(&self) -> Self {
        Pools { read: self.read.clone(), write: self.write.clone(), texts: self.texts.clone() }
    }
}

impl<DB: sqlx::Database> Pools<DB> {
    fn new(read: sqlx::Pool<DB>, write: sqlx::Pool<DB>) -> Self {
        Pools { read, write, texts: Default::default() }
    }
}

impl<DB: sqlx::Database> Pools<DB> {
    async fn close(&self) {
        self.write.close().await;
        self.read.close().await;
    }
}

/// Runs the same engine function on whichever pool the store has.
macro_rules! dispatch {
    ($self:ident, $f:ident ( $($arg:expr),* )) => {
        match &$self.pool {
            Pool::Sqlite(p) => sqlite::$f(p, $($arg),*).await,
            Pool::Postgres(p) => postgres::$f(p, $($arg),*).await,
        }
    };
}

/// Files imported in one transaction, each whole or not at all: a file that fails is rolled
/// back alone (a savepoint each) and the batch goes on. Nothing is stored until [`finish`]
/// commits, so the outcomes of [`file`] hold only then; a batch dropped unfinished stores
/// nothing. It holds the store's write lock meanwhile: finish it once [`is_full`].
///
/// [`finish`]: ImportBatch::finish
/// [`file`]: ImportBatch::file
/// [`is_full`]: ImportBatch::is_full
pub struct ImportBatch<'s> {
    batch: Batch<'s>,
    started: std::time::Instant,
    /// The batch is full at this many tables.
    most_tables: usize,
}

/// A search that matches more tables than this counts no further: the list says "more than"
/// this many. Counting every match of a text that a third of the store holds read tens of
/// thousands of tables (57–79 ms of 100,000), for a number nobody pages through.
pub const SEARCH_COUNTED: i64 = 1000;

/// An [`ImportBatch`] is full at this many tables, unless told otherwise: ten files of a thousand
/// in one transaction wrote a third of the bytes that ten transactions did (a million tables in
/// files mixing every department).
pub const IMPORT_BATCH_TABLES: usize = 10_000;

/// A batch is full once open this long, so that other writers (the web application's users) wait
/// for the store's write lock about a second and a file at most.
const BATCH_TIME: std::time::Duration = std::time::Duration::from_secs(1);

enum Batch<'s> {
    Sqlite(sqlite::Batch<'s>),
    Postgres(postgres::Batch<'s>),
}

impl ImportBatch<'_> {
    /// Imports one file's tables, as [`Store::import`] does, in this batch's transaction.
    pub async fn file(&mut self, tables: &[ImportTable]) -> Result<Vec<ImportOutcome>, StoreError> {
        match &mut self.batch {
            Batch::Sqlite(b) => b.file(tables).await,
            Batch::Postgres(b) => b.file(tables).await,
        }
    }

    /// Whether the batch should be finished before the next file: it holds enough tables, or
    /// has held the write lock long enough.
    pub fn is_full(&self) -> bool {
        let tables = match &self.batch {
            Batch::Sqlite(b) => b.tables(),
            Batch::Postgres(b) => b.tables(),
        };
        tables >= self.most_tables || self.started.elapsed() >= BATCH_TIME
    }

    /// Makes the batch full at `tables` tables instead of [`IMPORT_BATCH_TABLES`] (1: after every
    /// file).
    pub fn full_at(mut self, tables: usize) -> Self {
        self.most_tables = tables.max(1);
        self
    }

    /// Whether a file's failure took the whole batch with it (the database could not roll back
    /// to the file's savepoint): none of its files will be stored.
    pub fn is_broken(&self) -> bool {
        match &self.batch {
            Batch::Sqlite(b) => b.is_broken(),
            Batch::Postgres(b) => b.is_broken(),
        }
    }

    /// Commits the batch; its files are stored once this returns `Ok`, and none of them otherwise.
    pub async fn finish(self) -> Result<(), StoreError> {
        match self.batch {
            Batch::Sqlite(b) => b.finish().await,
            Batch::Postgres(b) => b.finish().await,
        }
    }
}

/// A handle on the store; cheap to clone (the pools are shared).
#[derive(Clone)]
pub struct Store {
    pool: Pool,
    location: Location,
}

impl Store {
    /// Opens the store at `location`, creating an SQLite file if there is none, and brings its
    /// schema up to date. A store written by a newer jixiao is refused.
    pub async fn open(location: &Location) -> Result<Store, StoreError> {
        // Held until the schema is up to date: two processes opening one new file at once would
        // both run its migrations (sqlx locks migrations on PostgreSQL only).
        let _migrating = match location {
            Location::Sqlite { path } => Some(connect::migration_lock(path).await?),
            _ => None,
        };
        // A file this process may read but not write (read-only media, another user's store) is
        // read as it is: its schema must be this jixiao's already, since it cannot be upgraded.
        let read_only = match location {
            Location::Sqlite { path } => connect::is_read_only(path),
            _ => false,
        };
        let pool = match location {
            Location::Sqlite { .. } | Location::SqliteMemory => {
                Pool::Sqlite(connect::sqlite(location, read_only).await?)
            }
            Location::Postgres { url, schema } => Pool::Postgres(connect::postgres(url, schema.as_deref()).await?),
        };
        let store = Store { pool, location: location.clone() };
        if read_only {
            dispatch!(store, check_schema())?;
        } else {
            dispatch!(store, migrate())?;
        }
        Ok(store)
    }

    /// Where the store is, safe to print (no password).
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Whether the store is PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        matches!(self.pool, Pool::Postgres(_))
    }

    /// Closes the pools, waiting for connections to finish.
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(p) => p.close().await,
            Pool::Postgres(p) => p.close().await,
        }
    }

    /// Checks the store's integrity (SQLite's `integrity_check`, and that every table's current
    /// version exists); returns the problems found.
    pub async fn check(&self) -> Result<Vec<String>, StoreError> {
        dispatch!(self, check())
    }

    /// Imports the tables of one file in one transaction: all of them or, on any error, none.
    /// With `dry_run` the transaction is rolled back and the outcomes say what would happen.
    pub async fn import(
        &self,
        actor: &str,
        tables: &[ImportTable],
        dry_run: bool,
    ) -> Result<Vec<ImportOutcome>, StoreError> {
        dispatch!(self, import(actor, tables, dry_run))
    }

    /// Starts importing several files in one transaction ([`ImportBatch`]): faster than
    /// [`Store::import`] file by file, since the pages of the indexes that every file touches are
    /// written once per batch instead of once per file.
    pub async fn begin_import<'s>(&'s self, actor: &'s str) -> Result<ImportBatch<'s>, StoreError> {
        let batch = match &self.pool {
            Pool::Sqlite(p) => Batch::Sqlite(sqlite::begin_import(p, actor, false).await?),
            Pool::Postgres(p) => Batch::Postgres(postgres::begin_import(p, actor, false).await?),
        };
        Ok(ImportBatch { batch, started: std::time::Instant::now(), most_tables: IMPORT_BATCH_TABLES })
    }

    /// Lists tables matching `filter`, sorted and paged.
    pub async fn list(&self, filter: &Filter) -> Result<Page<TableSummary>, StoreError> {
        dispatch!(self, list(filter))
    }

    /// Counts tables by status and by grade, for the dashboard (only those `filter` matches).
    pub async fn counts(&self, filter: &Filter) -> Result<Vec<(String, String, i64)>, StoreError> {
        dispatch!(self, counts(filter))
    }

    /// One table at its current version.
    pub async fn get(&self, id: i64) -> Result<StoredTable, StoreError> {
        dispatch!(self, get(id, None))
    }

    /// One table at a given version (the published one, for the public).
    pub async fn get_version(&self, id: i64, version: i64) -> Result<StoredTable, StoreError> {
        dispatch!(self, get(id, Some(version)))
    }

    /// Saves an edit made on `based_on` (the version the editor loaded): a stale version is a
    /// [`StoreError::Conflict`] and writes nothing. Returns the new version. `rows`, where the
    /// editor knows them, say which indicator of `based_on` each indicator continues
    /// ([`Elements::carry_rows`](jixiao_core::elements::Elements::carry_rows)); without them
    /// the indicators are paired by content.
    pub async fn save_edit(
        &self,
        id: i64,
        based_on: i64,
        document: &Document,
        report: &DocumentReport,
        actor: &str,
        rows: Option<&[Option<usize>]>,
    ) -> Result<i64, StoreError> {
        dispatch!(self, save_edit(id, based_on, document, report, actor, rows))
    }

    /// Saves monitoring data (绩效运行监控) entered on `based_on`: like [`Store::save_edit`] a stale
    /// version is a [`StoreError::Conflict`], but only an approved or published table takes it,
    /// its status stays, and a document whose targets differ from the stored ones is refused —
    /// monitoring follows the approved targets and cannot change them. Returns the new version.
    pub async fn save_monitoring(
        &self,
        id: i64,
        based_on: i64,
        document: &Document,
        report: &DocumentReport,
        actor: &str,
    ) -> Result<i64, StoreError> {
        dispatch!(self, save_monitoring(id, based_on, document, report, actor))
    }

    /// Moves a table through the workflow; the rules are `jixiao_core::workflow`'s.
    pub async fn act(
        &self,
        id: i64,
        action: Action,
        actor: &str,
        reason: Option<&str>,
    ) -> Result<TableSummary, StoreError> {
        dispatch!(self, act(id, action, actor, reason))
    }

    /// Every change of one table, oldest first.
    pub async fn history(&self, id: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        dispatch!(self, history(Some(id), i64::MAX))
    }

    /// The latest changes of all tables, newest first.
    pub async fn recent_changes(&self, limit: i64) -> Result<Vec<HistoryEntry>, StoreError> {
        dispatch!(self, history(None, limit))
    }

    /// The findings of a table's latest review.
    pub async fn findings(&self, id: i64) -> Result<DocumentReport, StoreError> {
        Ok(self.get(id).await?.report)
    }

    /// The documents matching `filter` at their current version (or, with `published`, their
    /// published one), streamed in id order so that memory stays flat however many there are.
    pub fn documents<'a>(&'a self, filter: &'a Filter) -> BoxStream<'a, Result<Document, StoreError>> {
        self.documents_with_ids(filter).map_ok(|d| d.document).boxed()
    }

    /// As [`Store::documents`], each with its table's id and status (for pages that link to them).
    pub fn documents_with_ids<'a>(&'a self, filter: &'a Filter) -> BoxStream<'a, Result<StoredDocument, StoreError>> {
        match &self.pool {
            Pool::Sqlite(p) => sqlite::documents(p, filter),
            Pool::Postgres(p) => postgres::documents(p, filter),
        }
    }

    /// Every department, by name.
    pub async fn departments(&self) -> Result<Vec<Department>, StoreError> {
        dispatch!(self, departments())
    }

    /// The department of this name, created if new.
    pub async fn department(&self, name: &str) -> Result<Department, StoreError> {
        dispatch!(self, department(name))
    }

    /// Adds a user; the name must be new.
    pub async fn add_user(
        &self,
        username: &str,
        password_hash: &str,
        role: Role,
        department: Option<i64>,
        actor: &str,
    ) -> Result<User, StoreError> {
        dispatch!(self, add_user(username, password_hash, role, department, actor))
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        dispatch!(self, users())
    }

    /// The user of this name.
    pub async fn user_by_name(&self, username: &str) -> Result<User, StoreError> {
        dispatch!(self, user_by(Some(username), None))
    }

    /// The user of this id.
    pub async fn user(&self, id: i64) -> Result<User, StoreError> {
        dispatch!(self, user_by(None, Some(id)))
    }

    /// Enables or disables a user, or changes their password hash or role.
    pub async fn update_user(&self, user: &User, actor: &str) -> Result<(), StoreError> {
        dispatch!(self, update_user(user, actor))
    }

    /// Stores a session (or API token) under the hash of its secret.
    pub async fn add_session(&self, session: &Session) -> Result<(), StoreError> {
        dispatch!(self, add_session(session))
    }

    /// The live session of this id hash, if any.
    pub async fn session(&self, id: &str) -> Result<Option<Session>, StoreError> {
        dispatch!(self, session(id))
    }

    /// The live session of this id hash with its user, if any (one query).
    pub async fn session_user(&self, id: &str) -> Result<Option<(Session, User)>, StoreError> {
        dispatch!(self, session_user(id))
    }

    /// Ends a session.
    pub async fn remove_session(&self, id: &str) -> Result<(), StoreError> {
        dispatch!(self, remove_session(id))
    }
}
