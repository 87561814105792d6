//! Stores for tests: a fresh SQLite file, or a fresh schema in the PostgreSQL server on
//! 127.0.0.1:5432 (`JIXIAO_TEST_POSTGRES` to point elsewhere), so tests run in parallel.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_store::{ImportTable, Location, Store};

/// The PostgreSQL server the tests use.
pub fn postgres_url() -> String {
    std::env::var("JIXIAO_TEST_POSTGRES").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_owned())
}

/// A store and what keeps it alive (the SQLite file's folder).
pub struct TestStore {
    pub store: Store,
    pub location: Location,
    _dir: Option<tempfile::TempDir>,
}

pub async fn sqlite() -> TestStore {
    let dir = tempfile::tempdir().unwrap();
    let location = Location::Sqlite { path: dir.path().join("jixiao.db") };
    let store = Store::open(&location).await.expect("open sqlite store");
    TestStore { store, location, _dir: Some(dir) }
}

pub async fn postgres() -> TestStore {
    static N: AtomicU32 = AtomicU32::new(0);
    let schema = format!("t_{}_{}_{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed), nanos());
    let location = Location::Postgres { url: postgres_url(), schema: Some(schema) };
    let store = Store::open(&location)
        .await
        .expect("open the PostgreSQL store: is the server on 127.0.0.1:5432 running? (.ci/run starts it)");
    TestStore { store, location, _dir: None }
}

fn nanos() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
}

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every document of the sample and of every fixture's expected file.
pub fn fixture_documents() -> Vec<(String, Document)> {
    let mut files = Vec::new();
    for dir in ["samples", "fixtures"] {
        collect(&root().join(dir), &mut files);
    }
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for d in jixiao_core::model::documents_from_json(&text).unwrap() {
            out.push((f.file_name().unwrap().to_string_lossy().into_owned(), d));
        }
    }
    out
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.to_string_lossy().ends_with(".expected.json") {
            out.push(p);
        }
    }
}

/// A number read from the store's own tables with `sql`, past the store's API: for what the API
/// does not show.
pub async fn scalar(t: &TestStore, sql: &'static str) -> i64 {
    match &t.location {
        Location::Sqlite { path } => {
            let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
        }
        Location::Postgres { url, schema } => {
            use std::str::FromStr;
            let mut options = sqlx::postgres::PgConnectOptions::from_str(url).unwrap();
            if let Some(schema) = schema {
                options = options.options([("search_path", schema.as_str())]);
            }
            let pool = sqlx::PgPool::connect_with(options).await.unwrap();
            sqlx::query_scalar(sql).fetch_one(&pool).await.unwrap()
        }
        Location::SqliteMemory => panic!("a store in memory is not shared with another connection"),
    }
}

/// Runs `sql` on the store's SQLite file past the store's API (a trigger that makes a write
/// fail, say).
pub async fn sqlite_execute(t: &TestStore, sql: &'static str) {
    let Location::Sqlite { path } = &t.location else { panic!("not a SQLite file: {}", t.location) };
    let pool = sqlx::SqlitePool::connect(&format!("sqlite:{}", path.display())).await.unwrap();
    sqlx::query(sql).execute(&pool).await.unwrap();
}

/// A document ready to import, reviewed with the default rules.
pub fn table(document: Document, source: &str) -> ImportTable {
    let review = jixiao_core::review::review(&document, None);
    let report = DocumentReport::new(&document, &review);
    ImportTable { document, report, source_name: source.to_owned(), source_hash: "0".repeat(64), reading: None }
}

/// The sample's documents.
pub fn sample() -> Vec<Document> {
    let text = std::fs::read_to_string(root().join("samples/ningxia-waishi-2020.expected.json")).unwrap();
    jixiao_core::model::documents_from_json(&text).unwrap()
}
