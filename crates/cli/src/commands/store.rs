//! What the store commands share: opening the store on a small runtime, and the list filter
//! from the command line.

use anyhow::{Context, Result};

use jixiao_store::{Filter, Location, Store};

use crate::cli::FilterArgs;

/// A single-threaded runtime: the CLI does one thing at a time, and SQLite serialises writes.
pub fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread().enable_all().build().context("无法启动异步运行时")
}

/// The store named by `--db` (or `JIXIAO_DB`), opened and migrated. A dry run on an SQLite file
/// that does not exist yet works on an empty store in memory, so that it writes nothing.
pub fn open(rt: &tokio::runtime::Runtime, db: &str, dry_run: bool) -> Result<Store> {
    let mut location = Location::parse(db)?;
    if dry_run && matches!(location, Location::Sqlite { .. }) && location.is_new() {
        location = Location::SqliteMemory;
    }
    // The store's error names the location and the cause already.
    Ok(rt.block_on(Store::open(&location))?)
}

/// The store named by `--db`, which must exist already: a command that only reads it (`tables`,
/// `export`) would otherwise make an empty one where a path was mistyped, and report no tables.
pub fn open_existing(rt: &tokio::runtime::Runtime, db: &str) -> Result<Store> {
    let location = Location::parse(db)?;
    if matches!(location, Location::Sqlite { .. }) && location.is_new() {
        anyhow::bail!("数据库 {location} 不存在: 请先用 jixiao import 导入表, 或用 --db 指定已有的数据库");
    }
    open(rt, db, false)
}

/// The filter the flags describe.
pub fn filter(args: &FilterArgs) -> Filter {
    Filter {
        year: args.year,
        department: args.department.clone(),
        kind: args.kind.clone(),
        status: args.status.as_deref().and_then(|s| s.parse().ok()),
        grade: args.grade.clone(),
        search: args.search.clone(),
        per_page: 500,
        page: 1,
        ..Filter::default()
    }
}
