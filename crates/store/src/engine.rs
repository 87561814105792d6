// The store's SQL, written once and compiled for each engine (see `engine!` in lib.rs): `Db` is
// the engine, `POSTGRES` tells the two apart where their SQL differs. Placeholders are `$1, $2…`
// in increasing order of first use, which both engines read alike; the import's multi-row
// statements, built at run time, use `?` on SQLite instead (see `placeholders`).

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use futures_util::StreamExt;
use jixiao_core::diff;
use jixiao_core::text::trim;
use jixiao_core::elements::Elements;
use jixiao_core::monitoring::without_monitoring;
use jixiao_core::identity::{Stage, TableKey};
use jixiao_core::workflow::{self, Status};
use crate::hash::sha256_hex;
use sqlx::{AssertSqlSafe, Row};

use crate::time;

type P = crate::Pools<Db>;
/// The import's maps, looked up for each table or finding: foldhash (seeded anew in each process)
/// rather than SipHash, whose resistance to chosen keys the few thousand keys of one import's
/// maps do not need.
type FastMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;
type Tx = sqlx::Transaction<'static, Db>;

/// Starts a write transaction. SQLite's is IMMEDIATE: it takes the write lock at once, so that
/// two importers wait for each other (busy timeout) instead of failing to upgrade a read lock.
async fn write_tx(p: &P) -> Result<Tx, StoreError> {
    let tx = if POSTGRES { p.write.begin().await } else { p.write.begin_with("BEGIN IMMEDIATE").await };
    tx.map_err(StoreError::db("开始写入事务"))
}

/// Checks, without writing, that the store's schema is this jixiao's: a store opened read-only
/// cannot be upgraded.
pub(super) async fn check_schema(p: &P) -> Result<(), StoreError> {
    let (found, supported) = schema_versions(p).await;
    match found {
        Some(found) if found > supported => Err(StoreError::TooNew { found, supported }),
        Some(found) if found == supported => Ok(()),
        _ => Err(StoreError::Invalid(
            "数据库文件只读, 而它的结构版本较旧 (或不是 jixiao 的数据库), 需要可写的副本才能升级后打开".to_owned(),
        )),
    }
}

/// The newest schema version the store holds (`None` for a new store), and the newest this
/// jixiao knows.
async fn schema_versions(p: &P) -> (Option<i64>, i64) {
    let supported = MIGRATOR.iter().map(|m| m.version).max().unwrap_or(0);
    // Absent on a new store: the error is the answer "no version yet".
    let found: Option<i64> =
        sqlx::query_scalar("SELECT MAX(version) FROM _sqlx_migrations").fetch_one(&p.read).await.ok().flatten();
    (found, supported)
}

pub(super) async fn migrate(p: &P) -> Result<(), StoreError> {
    let (found, supported) = schema_versions(p).await;
    if let Some(found) = found.filter(|&f| f > supported) {
        return Err(StoreError::TooNew { found, supported });
    }
    MIGRATOR.run(&p.write).await?;
    fill_identity_hashes(p).await?;
    fill_search_index(p).await
}

/// SQLite: fills the search index with the tables stored before migration 20261202000000 cut
/// their lines into words (or before 20261203000000 added each line's last two characters),
/// once, in one transaction: SQL cannot cut them. Done when the store is
/// opened, before any search, so that a search never meets the index half filled.
async fn fill_search_index(p: &P) -> Result<(), StoreError> {
    if POSTGRES {
        return Ok(());
    }
    const UNFILLED: &str = "SELECT 1 FROM search_index_unfilled LIMIT 1";
    // A read first, so that opening a store takes no write lock.
    let upgrading = |e| StoreError::db("升级数据库结构")(e);
    if sqlx::query_scalar::<_, i64>(UNFILLED).fetch_optional(&p.read).await.map_err(upgrading)?.is_none() {
        return Ok(());
    }
    let mut tx = write_tx(p).await?;
    // Another process opening the store may have filled it while this one waited for the lock.
    if sqlx::query_scalar::<_, i64>(UNFILLED).fetch_optional(&mut *tx).await.map_err(upgrading)?.is_none() {
        return Ok(());
    }
    sqlx::query("INSERT INTO target_tables_search (target_tables_search) VALUES ('delete-all')")
        .execute(&mut *tx)
        .await
        .map_err(upgrading)?;
    let mut after = 0i64;
    loop {
        let rows: Vec<(i64, String)> =
            sqlx::query_as("SELECT id, search_text FROM target_tables WHERE id > $1 ORDER BY id LIMIT 16000")
                .bind(after)
                .fetch_all(&mut *tx)
                .await
                .map_err(upgrading)?;
        let Some(&(last, _)) = rows.last() else { break };
        after = last;
        let terms = rows.into_iter().map(|(id, text)| (id, crate::search::index_text(&text))).collect();
        insert_search_terms(&mut tx, terms).await?;
    }
    sqlx::query("DELETE FROM search_index_unfilled").execute(&mut *tx).await.map_err(upgrading)?;
    tx.commit().await.map_err(StoreError::db("提交"))
}

/// The key that keeps a table's identity unique in the store (migration 20261130000000): 16 bytes,
/// the year (2 bytes, 0 when not stated), the first 4 bytes of the SHA-256 of the department, and
/// the first 10 of the SHA-256 of the whole identity text. A key finds at most one table; its
/// identity text decides whether it is the same table. Two identities with one key would be
/// refused as duplicates: it takes one department's year to hold some 2^40 tables.
///
/// A key led by year and department puts a department's tables of a year side by side in the
/// index, as its file (one department's published tables) comes in: each import then changes a
/// few of the index's pages instead of most of them, and each page changed is written twice (to
/// the WAL and into the file). At a million tables the index outgrew the rest of what a file's
/// transaction writes.
fn identity_hash(identity: &str) -> Vec<u8> {
    use sha2::Digest;
    let mut fields = identity.split(TableKey::SEPARATOR);
    let year: u16 = fields.next().and_then(|y| y.parse().ok()).unwrap_or(0);
    let department = fields.next().unwrap_or("");
    let mut key = Vec::with_capacity(16);
    key.extend_from_slice(&year.to_be_bytes());
    key.extend_from_slice(&sha2::Sha256::digest(department.as_bytes())[..4]);
    key.extend_from_slice(&sha2::Sha256::digest(identity.as_bytes())[..10]);
    key
}

/// Gives the tables stored before migrations 20261129130000, 20261130000000 and 20261206000000
/// their identity keys, once: SQLite has no SHA-256 to compute them in the migration. Nothing
/// else writes a table without its key.
async fn fill_identity_hashes(p: &P) -> Result<(), StoreError> {
    const MISSING: &str = "SELECT id, identity, project_name FROM target_tables WHERE identity_hash IS NULL";
    // A read first (the index answers it), so that opening a store takes no write lock.
    let any: Option<i64> = sqlx::query_scalar(AssertSqlSafe(format!("SELECT id FROM ({MISSING}) m LIMIT 1")))
        .fetch_optional(&p.read)
        .await
        .map_err(StoreError::db("升级数据库结构"))?;
    if any.is_none() {
        return Ok(());
    }
    let mut tx = write_tx(p).await?;
    // A thousand tables a statement, so that a store of a million is keyed in seconds, not one
    // round trip per table, nor all of their identities in memory at once.
    let chunk = format!("{MISSING} AND id > $1 ORDER BY id LIMIT 1000");
    // Tables keyed under a code that is no code, given their name's key once every other table
    // has its own, so that the index tells whether that key is taken.
    let mut rekeyed: Vec<(i64, String, String)> = Vec::new();
    let mut after = 0i64;
    loop {
        let found: Vec<(i64, String, String)> = sqlx::query_as(AssertSqlSafe(chunk.as_str()))
            .bind(after)
            .fetch_all(&mut *tx)
            .await
            .map_err(StoreError::db("升级数据库结构"))?;
        let Some(last) = found.last() else { break };
        after = last.0;
        let mut rows = Vec::with_capacity(found.len());
        for (id, identity, project_name) in found {
            match jixiao_core::identity::rekeyed(&identity, &project_name) {
                Some(new) => rekeyed.push((id, identity, new)),
                None => rows.push((id, identity)),
            }
        }
        set_identity_hashes(&mut tx, &rows).await?;
    }
    for (id, old, new) in rekeyed {
        let taken: Option<String> = sqlx::query_scalar("SELECT identity FROM target_tables WHERE identity_hash = $1")
            .bind(identity_hash(&new))
            .fetch_optional(&mut *tx)
            .await
            .map_err(StoreError::db("升级数据库结构"))?;
        // Another table holds the name's key: the two cannot be told apart, and the old key stays.
        let identity = if taken.is_some() { old } else { new };
        sqlx::query("UPDATE target_tables SET identity = $1, identity_hash = $2 WHERE id = $3")
            .bind(&identity)
            .bind(identity_hash(&identity))
            .bind(id)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::db("升级数据库结构"))?;
    }
    tx.commit().await.map_err(StoreError::db("提交"))
}

/// Sets the identity keys of `rows` (id, identity) in one statement.
async fn set_identity_hashes(tx: &mut Tx, rows: &[(i64, String)]) -> Result<(), StoreError> {
    if rows.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "WITH k (id, identity_hash) AS (VALUES {}) UPDATE target_tables \
         SET identity_hash = (SELECT k.identity_hash FROM k WHERE k.id = target_tables.id) \
         WHERE id IN (SELECT id FROM k)",
        value_rows(rows.len(), 2, 2, "")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for (id, identity) in rows {
        q = q.bind(id).bind(identity_hash(identity));
    }
    q.execute(&mut **tx).await.map_err(StoreError::db("升级数据库结构"))?;
    Ok(())
}

pub(super) async fn check(p: &P) -> Result<Vec<String>, StoreError> {
    let mut problems = Vec::new();
    if !POSTGRES {
        let rows: Vec<String> =
            sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&p.read).await.map_err(StoreError::db("完整性检查"))?;
        problems.extend(rows.into_iter().filter(|r| r != "ok"));
    }
    let orphans: Vec<i64> = sqlx::query_scalar(
        "SELECT t.id FROM target_tables t LEFT JOIN table_versions v ON v.table_id = t.id AND v.version = t.version \
         WHERE v.table_id IS NULL",
    )
    .fetch_all(&p.read)
    .await
    .map_err(StoreError::db("完整性检查"))?;
    problems.extend(orphans.into_iter().map(|id| format!("表 {id} 的当前版本缺失")));
    Ok(problems)
}

fn to_json<T: serde::Serialize>(value: &T) -> Result<String, StoreError> {
    serde_json::to_string(value).map_err(|e| StoreError::Other { context: format!("序列化: {e}"), cause: Box::new(e) })
}

/// A review report as stored beside its document (see `findings.rs`), naming the templates
/// `templates` gives ids for.
fn report_text(
    document: &Document,
    report: &DocumentReport,
    templates: &mut crate::findings::TemplateIds<'_>,
) -> Result<String, StoreError> {
    crate::findings::encode(document, report, templates)
        .map_err(|e| StoreError::Other { context: format!("序列化审核结果: {e}"), cause: Box::new(e) })
}

/// The templates this process knows its store to hold. Nothing that holds the lock can fail half
/// way, so a poisoned lock still guards whole entries.
fn known(p: &P) -> std::sync::MutexGuard<'_, crate::texts::Known> {
    p.texts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The texts of the templates `ids`, from what this process knows or else from the store.
async fn templates(p: &P, ids: Vec<i64>) -> Result<HashMap<i64, String>, StoreError> {
    let mut texts = HashMap::with_capacity(ids.len());
    let mut missing = Vec::new();
    {
        let known = known(p);
        for id in ids {
            match known.text(id) {
                Some(text) => {
                    texts.insert(id, text.to_owned());
                }
                None => missing.push(id),
            }
        }
    }
    let Some(missing) = json_ids(missing) else {
        return Ok(texts);
    };
    let sql = if POSTGRES {
        "SELECT id, text FROM finding_texts WHERE id IN (SELECT jsonb_array_elements_text($1::jsonb)::bigint)"
    } else {
        "SELECT id, text FROM finding_texts WHERE id IN (SELECT value FROM json_each($1))"
    };
    let rows: Vec<(i64, String)> =
        sqlx::query_as(sql).bind(missing).fetch_all(&p.read).await.map_err(StoreError::db("读取审核意见模板"))?;
    known(p).add(rows.iter().map(|(id, text)| (text.clone(), *id)));
    texts.extend(rows);
    Ok(texts)
}

/// Stores the templates this import has met for the second time (see `texts.rs`), so that the
/// tables after them name them by id. SQLite: in the import's transaction, which holds the only
/// write lock. PostgreSQL: each committed at once on a connection of its own, so that two imports
/// that store the same templates in another order cannot wait for each other; a template stored
/// by an import that then fails stays, unused, and is found again by the next.
async fn store_templates(p: &P, tx: &mut Tx, import: &mut Import<'_>) -> Result<(), StoreError> {
    let mut misses = std::mem::take(&mut import.misses);
    misses.retain(|t| !import.new_texts.contains_key(t));
    misses.sort_unstable();
    misses.dedup();
    misses.retain(|t| known(p).met_again(t));
    for text in misses {
        let id = if POSTGRES {
            let mut own = p.write.acquire().await.map_err(StoreError::db("保存审核意见模板"))?;
            template_id(&mut own, &text).await?
        } else {
            template_id(tx, &text).await?
        };
        if !POSTGRES {
            // In the transaction: a rollback to the file's savepoint takes it away.
            import.since_savepoint.push(text.clone());
        }
        import.new_texts.insert(text, id);
    }
    Ok(())
}

/// The id of template `text` in the store, stored first if it is not there.
async fn template_id(conn: &mut <Db as sqlx::Database>::Connection, text: &str) -> Result<i64, StoreError> {
    sqlx::query("INSERT INTO finding_texts (text) VALUES ($1) ON CONFLICT (text) DO NOTHING")
        .bind(text)
        .execute(&mut *conn)
        .await
        .map_err(StoreError::db("保存审核意见模板"))?;
    sqlx::query_scalar("SELECT id FROM finding_texts WHERE text = $1")
        .bind(text)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::db("保存审核意见模板"))
}

/// `ids` as a JSON array, for `json_each` (or PostgreSQL's jsonb functions) to hand a statement
/// any number of them in one value; none when there are none.
fn json_ids(ids: impl IntoIterator<Item = i64>) -> Option<String> {
    let mut json = String::from("[");
    for id in ids {
        if json.len() > 1 {
            json.push(',');
        }
        let _ = write!(json, "{id}");
    }
    json.push(']');
    (json.len() > 2).then_some(json)
}

fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Other { context: format!("数据库中的{what}无法读取: {e}"), cause: Box::new(e) })
}

/// The columns of a table's row that follow from its document and review.
struct Derived {
    identity: String,
    identity_hash: Vec<u8>,
    year: Option<i64>,
    kind: &'static str,
    stage: &'static str,
    project_name: String,
    project_code: Option<String>,
    grade: String,
    errors: i64,
    warnings: i64,
    infos: i64,
    indicators: i64,
    funds_total: Option<String>,
    search_text: String,
    /// SQLite: the table's words in the search index (see `search.rs`); empty on PostgreSQL.
    search_terms: String,
}

fn derive(document: &Document, report: &DocumentReport) -> Derived {
    let key = TableKey::of(document);
    let project = document.project.as_ref();
    let project_name = match document.kind {
        jixiao_core::DocumentKind::Department => "部门整体".to_owned(),
        jixiao_core::DocumentKind::Project => document.label().to_owned(),
    };
    let funds = project.map(|p| &p.funds);
    let funds_total = funds.and_then(|f| f.total.map(|t| format!("{t}{}", f.unit.label())));
    // One line for each text a search may find, each text once: a table repeats many of its
    // targets ("100%", "≥95%") and sometimes a name, and every character here is indexed (the
    // trigrams of the search index) and read again by the LIKE of a search. A search is for a
    // text within one line, so that leaving out a line met before finds the same tables.
    let mut lines: Vec<&str> = Vec::with_capacity(1 + 2 * document.indicators.len());
    lines.push(&project_name);
    for i in &document.indicators {
        for s in [i.name.as_str(), i.target.as_str()] {
            if !lines.contains(&s) {
                lines.push(s);
            }
        }
    }
    let search_text = lines.join("\n");
    let identity = key.to_string();
    Derived {
        identity_hash: identity_hash(&identity),
        identity,
        year: document.year.map(i64::from),
        kind: match document.kind {
            jixiao_core::DocumentKind::Project => "project",
            jixiao_core::DocumentKind::Department => "department",
        },
        stage: Stage::of(document).code(),
        project_name,
        project_code: project.and_then(|p| p.code.given().cloned()),
        grade: report.summary.grade.clone(),
        errors: report.summary.errors as i64,
        warnings: report.summary.warnings as i64,
        infos: report.summary.infos as i64,
        indicators: document.indicators.len() as i64,
        funds_total,
        search_terms: if POSTGRES { String::new() } else { crate::search::index_text(&search_text) },
        search_text,
    }
}

async fn department_id(tx: &mut Tx, name: &str) -> Result<i64, StoreError> {
    let name = name.trim();
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM departments WHERE name = $1")
        .bind(name)
        .fetch_optional(&mut **tx)
        .await
        .map_err(StoreError::db("查找部门"))?;
    if let Some(id) = found {
        return Ok(id);
    }
    sqlx::query_scalar("INSERT INTO departments (name) VALUES ($1) RETURNING id")
        .bind(name)
        .fetch_one(&mut **tx)
        .await
        .map_err(StoreError::db("新建部门"))
}

async fn log(
    tx: &mut Tx,
    actor: &str,
    action: &str,
    table_id: Option<i64>,
    version: Option<i64>,
    reason: Option<&str>,
    changes: Option<String>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO change_log (at, actor, action, table_id, version, reason, changes) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(time::now())
    .bind(actor)
    .bind(action)
    .bind(table_id)
    .bind(version)
    .bind(reason)
    .bind(changes)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::db("写入变更记录"))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_version(
    tx: &mut Tx,
    table_id: i64,
    version: i64,
    document_json: &str,
    report_json: &str,
    content_hash: &str,
    source_name: &str,
    source_hash: &str,
    actor: &str,
    elements: &Elements,
    reading: Option<&str>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO table_versions (table_id, version, document, report, content_hash, source_name, source_hash, \
         created_at, created_by, elements, reading) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(table_id)
    .bind(version)
    .bind(document_json)
    .bind(report_json)
    .bind(content_hash)
    .bind(source_name)
    .bind(source_hash)
    .bind(time::now())
    .bind(actor)
    .bind(to_json(elements)?)
    .bind(reading)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::db("保存版本"))?;
    Ok(())
}

/// Writes the derived columns of a table's row for `version`.
async fn update_row(
    tx: &mut Tx,
    id: i64,
    version: i64,
    status: Status,
    department: i64,
    d: &Derived,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE target_tables SET identity = $1, identity_hash = $2, year = $3, department_id = $4, kind = $5, \
         stage = $6, project_name = $7, project_code = $8, status = $9, version = $10, grade = $11, errors = $12, \
         warnings = $13, infos = $14, indicators = $15, funds_total = $16, search_text = $17, updated_at = $18 \
         WHERE id = $19",
    )
    .bind(&d.identity)
    .bind(&d.identity_hash)
    .bind(d.year)
    .bind(department)
    .bind(d.kind)
    .bind(d.stage)
    .bind(&d.project_name)
    .bind(&d.project_code)
    .bind(status.code())
    .bind(version)
    .bind(&d.grade)
    .bind(d.errors)
    .bind(d.warnings)
    .bind(d.infos)
    .bind(d.indicators)
    .bind(&d.funds_total)
    .bind(&d.search_text)
    .bind(time::now())
    .bind(id)
    .execute(&mut **tx)
    .await
    .map_err(StoreError::db("更新表"))?;
    if !POSTGRES {
        // The index has no trigger to follow the text (migration 20261202000000): the table's
        // words are replaced here, in the same transaction.
        sqlx::query("DELETE FROM target_tables_search WHERE rowid = $1")
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(StoreError::db("更新搜索索引"))?;
        insert_search_terms(tx, vec![(id, d.search_terms.clone())]).await?;
    }
    Ok(())
}

/// Tables written per multi-row INSERT: 1,000 rows of at most 19 values stay below either
/// engine's limit on bound values (SQLite 32,766, PostgreSQL 65,535). On SQLite a statement
/// copies each page of an index it is the first to change into its statement journal (to be
/// undone alone if it fails half way): with 100 rows a statement, a file of 1,000 tables copied
/// the same index pages ten times over, a tenth of an import's CPU.
const BATCH: usize = 1000;

/// A table ready to be written: its JSON, content hash and derived columns, computed once.
struct Prepared<'a> {
    table: &'a ImportTable,
    document_json: String,
    report_json: String,
    content_hash: String,
    /// The reading, as JSON, when the table was read from published text.
    reading_json: Option<String>,
    derived: Derived,
    department: i64,
}

/// What one import keeps from chunk to chunk, for its transaction only (a rollback forgets it
/// with it).
struct Import<'a> {
    actor: &'a str,
    /// Templates stored by this import (see [`store_templates`]), known to the process once it
    /// commits.
    new_texts: FastMap<String, i64>,
    /// SQLite: templates stored since the current file's savepoint, which a rollback to it takes
    /// away (PostgreSQL commits each on a connection of its own).
    since_savepoint: Vec<String>,
    /// Templates met since the last [`store_templates`] that the store was not known to hold.
    misses: Vec<String>,
    /// A dry run stores no template: on PostgreSQL that would outlast its rollback.
    dry_run: bool,
    /// Department ids by name.
    departments: FastMap<String, i64>,
    outcomes: Vec<ImportOutcome>,
    /// SQLite: the id the next new table takes (see [`first_free_id`]).
    next_id: i64,
    /// SQLite: tables created since the last [`index_search`], with their words for the search
    /// index.
    unindexed: Vec<(i64, String)>,
}

pub(super) async fn import(
    p: &P,
    actor: &str,
    tables: &[ImportTable],
    dry_run: bool,
) -> Result<Vec<ImportOutcome>, StoreError> {
    let mut batch = begin_import(p, actor, dry_run).await?;
    let outcomes = batch.file(tables).await?;
    batch.finish().await?;
    Ok(outcomes)
}

/// Several files imported in one transaction, each file inside a savepoint of its own: a file
/// that fails is rolled back alone, and the others wait for the commit. Committing a file at a
/// time wrote every index page it touched once per file; files that each mix many departments
/// touch hundreds of pages of the identity and department indexes (64 KB each), so that a million
/// tables in files of 1,000 wrote 27 GB, against 10 GB in transactions of 10,000 tables.
pub(super) struct Batch<'a> {
    p: &'a P,
    tx: Tx,
    import: Import<'a>,
    /// Tables imported by the files of this batch so far.
    tables: usize,
    /// Why the transaction can go no further (a rollback to a file's savepoint failed, so what is
    /// left of it is unknown): every later call fails with it.
    broken: Option<String>,
}

/// The error of a batch that can go no further: its transaction will be rolled back.
fn broken(why: &str) -> StoreError {
    let context = format!("此批导入已中断, 其中的文件均未写入: {why}");
    StoreError::Other { cause: context.clone().into(), context }
}

pub(super) async fn begin_import<'a>(p: &'a P, actor: &'a str, dry_run: bool) -> Result<Batch<'a>, StoreError> {
    let mut tx = write_tx(p).await?;
    let next_id = if POSTGRES { 0 } else { first_free_id(&mut tx).await? };
    let import = Import {
        actor,
        new_texts: FastMap::default(),
        since_savepoint: Vec::new(),
        misses: Vec::new(),
        dry_run,
        departments: FastMap::default(),
        outcomes: Vec::new(),
        next_id,
        unindexed: Vec::new(),
    };
    Ok(Batch { p, tx, import, tables: 0, broken: None })
}

impl Batch<'_> {
    /// Imports one file's tables, whole or not at all.
    pub(super) async fn file(&mut self, tables: &[ImportTable]) -> Result<Vec<ImportOutcome>, StoreError> {
        if let Some(why) = &self.broken {
            return Err(broken(why));
        }
        // The files before go into the search index first: a rollback to this file's savepoint
        // would take their words with it.
        if let Err(e) = index_search(&mut self.tx, &mut self.import).await {
            self.broken = Some(e.to_string());
            return Err(e);
        }
        self.savepoint("SAVEPOINT import_file").await?;
        let next_id = self.import.next_id;
        self.import.since_savepoint.clear();
        self.import.outcomes = Vec::with_capacity(tables.len());
        let mut done = Ok(());
        for chunk in tables.chunks(BATCH) {
            done = import_chunk(self.p, &mut self.tx, &mut self.import, chunk).await;
            if done.is_err() {
                break;
            }
        }
        match done {
            Ok(()) => {
                self.savepoint("RELEASE SAVEPOINT import_file").await?;
                self.tables += tables.len();
                Ok(std::mem::take(&mut self.import.outcomes))
            }
            Err(e) => {
                if let Err(rollback) = self.savepoint("ROLLBACK TO SAVEPOINT import_file").await {
                    self.broken = Some(format!("{e}; 回滚此文件时又出错: {rollback}"));
                    return Err(e);
                }
                self.savepoint("RELEASE SAVEPOINT import_file").await?;
                // Forget what the rollback took away: its new tables' ids and words, the
                // departments and (SQLite) templates it stored.
                let import = &mut self.import;
                import.next_id = next_id;
                import.unindexed.clear();
                import.outcomes.clear();
                import.misses.clear();
                import.departments.clear();
                for text in import.since_savepoint.drain(..) {
                    import.new_texts.remove(&text);
                }
                Err(e)
            }
        }
    }

    /// Runs a savepoint statement; one that fails breaks the batch.
    async fn savepoint(&mut self, sql: &'static str) -> Result<(), StoreError> {
        let done = sqlx::query(sql).execute(&mut *self.tx).await.map(|_| ()).map_err(StoreError::db("导入文件的保存点"));
        if let Err(e) = &done {
            self.broken.get_or_insert_with(|| e.to_string());
        }
        done
    }

    /// Tables imported by this batch's files so far.
    pub(super) fn tables(&self) -> usize {
        self.tables
    }

    /// Whether a file's failure took the batch down with it, so that nothing of it will commit.
    pub(super) fn is_broken(&self) -> bool {
        self.broken.is_some()
    }

    /// Commits the batch (a dry run's is rolled back): its files are stored from here on.
    pub(super) async fn finish(mut self) -> Result<(), StoreError> {
        if let Some(why) = &self.broken {
            return Err(broken(why));
        }
        index_search(&mut self.tx, &mut self.import).await?;
        if self.import.dry_run {
            self.tx.rollback().await.map_err(StoreError::db("回滚"))?;
        } else {
            self.tx.commit().await.map_err(StoreError::db("提交"))?;
            known(self.p).add(self.import.new_texts);
        }
        Ok(())
    }
}

/// SQLite: the id after the largest. The import's transaction holds the write lock from its
/// start (`BEGIN IMMEDIATE`), so nobody else takes ids meanwhile; giving the new tables their
/// ids here spares reading them back with `RETURNING`, which the driver hands over row by row
/// from its thread (a wake-up of the caller each).
async fn first_free_id(tx: &mut Tx) -> Result<i64, StoreError> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM target_tables")
        .fetch_one(&mut **tx)
        .await
        .map_err(StoreError::db("查找表的编号"))
}

/// SQLite: puts the tables created since the last call into the search index, with as few
/// statements as the bound values allow (one for a file of up to 16,000 new tables). FTS5 writes
/// what it holds in memory to disk as a new segment at the start of every statement that may
/// need undoing half way, which every multi-row INSERT is: filled statement by statement as the
/// tables went in, it wrote a small segment for each chunk of tables and then spent as long again
/// merging them. Called before anything that may touch the index otherwise (an update replacing
/// a table's words), before each file's savepoint (whose rollback would take the words of the
/// files before with it) and before the commit, so that the index holds every table once the
/// transaction ends.
async fn index_search(tx: &mut Tx, import: &mut Import<'_>) -> Result<(), StoreError> {
    if POSTGRES || import.unindexed.is_empty() {
        return Ok(());
    }
    insert_search_terms(tx, std::mem::take(&mut import.unindexed)).await
}

/// SQLite: writes tables' words into the search index, 16,000 tables a statement (two values
/// each, below SQLite's limit of 32,766 bound values).
async fn insert_search_terms(tx: &mut Tx, rows: Vec<(i64, String)>) -> Result<(), StoreError> {
    const ROWS: usize = 16_000;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<(i64, String)> = rows.by_ref().take(ROWS).collect();
        let sql = format!(
            "INSERT INTO target_tables_search (rowid, search_terms) VALUES {}",
            value_rows(chunk.len(), 2, 2, "")
        );
        let mut q = sqlx::query(AssertSqlSafe(sql));
        for (id, terms) in chunk {
            q = q.bind(id).bind(terms);
        }
        q.execute(&mut **tx).await.map_err(StoreError::db("写入搜索索引"))?;
    }
    Ok(())
}

/// Imports a chunk of a file's tables. Tables new to the store go in together, a few statements
/// for the whole chunk; a table already stored (or met earlier in the chunk) goes through
/// [`import_one`] after the new ones before it are written, so that the order of the file holds.
async fn import_chunk(p: &P, tx: &mut Tx, import: &mut Import<'_>, chunk: &[ImportTable]) -> Result<(), StoreError> {
    let mut prepared = Vec::with_capacity(chunk.len());
    for t in chunk {
        let department = cached_department_id(tx, &mut import.departments, &t.document.department).await?;
        let table = {
            let known = known(p);
            let (new_texts, misses) = (&import.new_texts, &mut import.misses);
            prepare(t, department, &mut |template| {
                let id = known.id(template).or_else(|| new_texts.get(template).copied());
                if id.is_none() {
                    misses.push(template.to_owned());
                }
                id
            })?
        };
        prepared.push(table);
        if import.dry_run {
            import.misses.clear();
        } else if !import.misses.is_empty() {
            store_templates(p, tx, import).await?;
        }
    }
    // Every identity the store holds from here on: those found now and those this chunk writes,
    // so that a table met again later in the chunk (A, B, A, B) is updated, never inserted twice.
    let mut stored = stored_identities(tx, &prepared).await?;
    let mut fresh: Vec<Prepared> = Vec::with_capacity(prepared.len());
    for t in prepared {
        if stored.insert(t.derived.identity.clone()) {
            fresh.push(t);
            continue;
        }
        insert_new(tx, import, std::mem::take(&mut fresh)).await?;
        // An update's trigger rewrites the table's row of the index, which must be there first.
        index_search(tx, import).await?;
        let outcome = import_one(tx, import, t).await?;
        import.outcomes.push(outcome);
    }
    insert_new(tx, import, fresh).await
}

fn prepare<'a>(
    t: &'a ImportTable,
    department: i64,
    templates: &mut crate::findings::TemplateIds<'_>,
) -> Result<Prepared<'a>, StoreError> {
    let document_json = to_json(&t.document)?;
    let content_hash = sha256_hex(document_json.as_bytes());
    Ok(Prepared {
        table: t,
        report_json: report_text(&t.document, &t.report, templates)?,
        document_json,
        content_hash,
        reading_json: t.reading.as_ref().map(to_json).transpose()?,
        derived: derive(&t.document, &t.report),
        department,
    })
}

async fn cached_department_id(
    tx: &mut Tx,
    cache: &mut FastMap<String, i64>,
    name: &str,
) -> Result<i64, StoreError> {
    if let Some(&id) = cache.get(name) {
        return Ok(id);
    }
    let id = department_id(tx, name).await?;
    cache.insert(name.to_owned(), id);
    Ok(id)
}

/// Which of these tables' identities the store already holds (found by their keys, which the
/// index answers without reading the tables that are not there).
async fn stored_identities(tx: &mut Tx, tables: &[Prepared<'_>]) -> Result<HashSet<String>, StoreError> {
    if tables.is_empty() {
        return Ok(HashSet::new());
    }
    let sql =
        format!("SELECT identity FROM target_tables WHERE identity_hash IN ({})", placeholders(1, tables.len()));
    let mut q = sqlx::query_scalar(AssertSqlSafe(sql));
    for t in tables {
        q = q.bind(&t.derived.identity_hash);
    }
    let found: Vec<String> = q.fetch_all(&mut **tx).await.map_err(StoreError::db("查找已有的表"))?;
    Ok(found.into_iter().collect())
}

/// `$first, $first+1, …` for `n` values (PostgreSQL), or as many `?` (SQLite: sqlx looks up
/// each numbered parameter by its name, which SQLite finds by walking a list, so binding the
/// hundreds of values of a multi-row INSERT would take time quadratic in their number; anonymous
/// parameters are bound by position).
fn placeholders(first: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 6);
    for i in first..first + n {
        if i > first {
            s.push_str(", ");
        }
        if POSTGRES {
            let _ = write!(s, "${i}");
        } else {
            s.push('?');
        }
    }
    s
}

/// One `(…)` row of values per table, `per_row` placeholders each, with `literal` (SQL
/// constants) inserted after the placeholder numbered `at` within the row.
fn value_rows(n: usize, per_row: usize, at: usize, literal: &str) -> String {
    let mut s = String::with_capacity(n * per_row * 6);
    for r in 0..n {
        if r > 0 {
            s.push_str(", ");
        }
        s.push('(');
        let first = r * per_row + 1;
        s.push_str(&placeholders(first, at));
        s.push_str(literal);
        if per_row > at {
            s.push_str(", ");
            s.push_str(&placeholders(first + at, per_row - at));
        }
        s.push(')');
    }
    s
}

/// Writes tables new to the store (none of them stored, no two the same table): their rows,
/// first versions and change-log entries, one statement each for all of them. The tables are
/// taken by value so that their texts move into the statements: bound by reference, the driver
/// copies each (the documents and reports are most of what an import writes).
async fn insert_new(tx: &mut Tx, import: &mut Import<'_>, fresh: Vec<Prepared<'_>>) -> Result<(), StoreError> {
    if fresh.is_empty() {
        return Ok(());
    }
    let now = time::now();
    let actor = import.actor;
    const COLUMNS: &str = "identity, identity_hash, year, department_id, kind, stage, project_name, project_code, \
         status, version, grade, errors, warnings, infos, indicators, funds_total, search_text, created_at, updated_at";
    // SQLite: ids given here (see `first_free_id`); PostgreSQL: from its sequence, read back.
    let sql = if POSTGRES {
        format!(
            "INSERT INTO target_tables ({COLUMNS}) VALUES {} RETURNING id, identity",
            value_rows(fresh.len(), 18, 9, ", 1")
        )
    } else {
        format!("INSERT INTO target_tables (id, {COLUMNS}) VALUES {}", value_rows(fresh.len(), 19, 10, ", 1"))
    };
    let n = fresh.len();
    // PostgreSQL: the identities, to match the ids it returns (the rows take the originals).
    let identities: Vec<String> =
        if POSTGRES { fresh.iter().map(|t| t.derived.identity.clone()).collect() } else { Vec::new() };
    let mut versions = Vec::with_capacity(n);
    let mut terms = Vec::with_capacity(n);
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for (i, t) in fresh.into_iter().enumerate() {
        let d = t.derived;
        if !POSTGRES {
            q = q.bind(import.next_id + i as i64);
        }
        q = q
            .bind(d.identity)
            .bind(d.identity_hash)
            .bind(d.year)
            .bind(t.department)
            .bind(d.kind)
            .bind(d.stage)
            .bind(d.project_name)
            .bind(d.project_code)
            .bind(Status::Draft.code())
            .bind(d.grade)
            .bind(d.errors)
            .bind(d.warnings)
            .bind(d.infos)
            .bind(d.indicators)
            .bind(d.funds_total)
            .bind(d.search_text)
            .bind(&now)
            .bind(&now);
        versions.push((t.table, t.document_json, t.report_json, t.content_hash, t.reading_json));
        terms.push(d.search_terms);
    }
    let table_ids: Vec<i64> = if POSTGRES {
        // RETURNING gives no promise of order: the ids are matched by identity, which is unique.
        let returned = q.fetch_all(&mut **tx).await.map_err(StoreError::db("新建表"))?;
        let ids: HashMap<String, i64> =
            returned.iter().map(|r| (r.get::<String, _>(1), r.get::<i64, _>(0))).collect();
        let mut table_ids = Vec::with_capacity(n);
        for identity in &identities {
            let id = ids.get(identity).copied().ok_or_else(|| {
                let why = format!("新建表: 数据库没有返回表 {identity} 的编号");
                StoreError::Other { context: why.clone(), cause: why.into() }
            })?;
            table_ids.push(id);
        }
        table_ids
    } else {
        q.execute(&mut **tx).await.map_err(StoreError::db("新建表"))?;
        let first = import.next_id;
        import.next_id += n as i64;
        (first..import.next_id).collect()
    };

    let sql = format!(
        "INSERT INTO table_versions (table_id, version, document, report, content_hash, source_name, source_hash, \
         created_at, created_by, reading) VALUES {}",
        value_rows(n, 9, 1, ", 1")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for ((table, document_json, report_json, content_hash, reading_json), id) in versions.into_iter().zip(&table_ids) {
        q = q
            .bind(*id)
            .bind(document_json)
            .bind(report_json)
            .bind(content_hash)
            .bind(&table.source_name)
            .bind(&table.source_hash)
            .bind(&now)
            .bind(actor)
            .bind(reading_json);
    }
    q.execute(&mut **tx).await.map_err(StoreError::db("保存版本"))?;

    let sql = format!(
        "INSERT INTO change_log (at, actor, table_id, action, version) VALUES {}",
        value_rows(n, 3, 3, ", 'import', 1")
    );
    let mut q = sqlx::query(AssertSqlSafe(sql));
    for id in &table_ids {
        q = q.bind(&now).bind(actor).bind(*id);
    }
    q.execute(&mut **tx).await.map_err(StoreError::db("写入变更记录"))?;
    if !POSTGRES {
        import.unindexed.extend(table_ids.iter().copied().zip(terms));
    }
    import.outcomes.extend(table_ids.into_iter().map(|id| ImportOutcome::Created { id }));
    Ok(())
}

async fn import_one(tx: &mut Tx, import: &mut Import<'_>, t: Prepared<'_>) -> Result<ImportOutcome, StoreError> {
    let actor = import.actor;
    let d = &t.derived;
    let existing = sqlx::query(
        "SELECT t.id, t.version, t.status, v.content_hash, v.document, v.elements FROM target_tables t \
         JOIN table_versions v ON v.table_id = t.id AND v.version = t.version \
         WHERE t.identity_hash = $1 AND t.identity = $2",
    )
    .bind(&d.identity_hash)
    .bind(&d.identity)
    .fetch_optional(&mut **tx)
    .await
    .map_err(StoreError::db("查找已有的表"))?;
    let Some(row) = existing else {
        insert_new(tx, import, vec![t]).await?;
        return import.outcomes.pop().ok_or_else(|| StoreError::Other {
            context: "新建表: 数据库没有返回新表的编号".into(),
            cause: "数据库没有返回新表的编号".into(),
        });
    };
    let id: i64 = row.get(0);
    let version: i64 = row.get(1);
    let status: String = row.get(2);
    let old_hash: String = row.get(3);
    if old_hash == t.content_hash {
        return Ok(ImportOutcome::Unchanged { id });
    }
    let status: Status = status.parse().unwrap_or(Status::Draft);
    if matches!(status, Status::Submitted | Status::Approved) {
        // What the reviewer is reading, or has agreed, is not changed under them: an edit is
        // refused then, and so is new content from a file.
        return Err(StoreError::Invalid(format!(
            "表“{}”(编号 {id}) 当前为“{}”, 审核期间不能导入新的内容; 请待审核退回或公开后再导入",
            d.project_name,
            status.label()
        )));
    }
    let old: Document = from_json(&row.get::<String, _>(4), "文档")?;
    let old_ids = elements_of(tx, id, version, &old, row.get(5)).await?;
    let ids = old_ids.carry(&old, &t.table.document);
    // New content goes back through the workflow; a published version stays public meanwhile.
    let next_status = if status == Status::Returned { Status::Returned } else { Status::Draft };
    let version = version + 1;
    let source = t.table;
    insert_version(
        tx,
        id,
        version,
        &t.document_json,
        &t.report_json,
        &t.content_hash,
        &source.source_name,
        &source.source_hash,
        actor,
        &ids,
        t.reading_json.as_deref(),
    )
    .await?;
    update_row(tx, id, version, next_status, t.department, d).await?;
    let changes = to_json(&diff::changes_between(&old, &old_ids, &source.document, &ids))?;
    log(tx, actor, "update", Some(id), Some(version), None, Some(changes)).await?;
    Ok(ImportOutcome::Updated { id, version })
}

/// The identities of version `version` of table `table`, whose document is `document` and whose
/// `elements` column is `stored`. The column is NULL where the identities are what the table's
/// history gives (see migration 20261129120000): a first version's, numbered in document order,
/// and, for a version stored before the column existed, those carried from version to version.
async fn elements_of(
    conn: &mut <Db as sqlx::Database>::Connection,
    table: i64,
    version: i64,
    document: &Document,
    stored: Option<String>,
) -> Result<Elements, StoreError> {
    match known_elements(version, document, stored)? {
        Some(known) => Ok(known),
        None => carried_elements(conn, table, version, document).await,
    }
}

/// The identities a version's own row gives: stored, or a first version's.
fn known_elements(version: i64, document: &Document, stored: Option<String>) -> Result<Option<Elements>, StoreError> {
    match stored {
        Some(text) => from_json(&text, "元素编号").map(Some),
        None if version <= 1 => Ok(Some(Elements::first(document))),
        None => Ok(None),
    }
}

/// The identities of a version stored before they were kept, carried along the table's history.
async fn carried_elements(
    conn: &mut <Db as sqlx::Database>::Connection,
    table: i64,
    version: i64,
    document: &Document,
) -> Result<Elements, StoreError> {
    let rows = sqlx::query(
        "SELECT document, elements FROM table_versions WHERE table_id = $1 AND version <= $2 ORDER BY version",
    )
    .bind(table)
    .bind(version)
    .fetch_all(&mut *conn)
    .await
    .map_err(StoreError::db("读取版本"))?;
    let mut last: Option<(Document, Elements)> = None;
    for row in rows {
        let doc: Document = from_json(&row.get::<String, _>(0), "文档")?;
        let ids = match (row.get::<Option<String>, _>(1), &last) {
            (Some(text), _) => from_json(&text, "元素编号")?,
            (None, Some((before, ids))) => ids.carry(before, &doc),
            (None, None) => Elements::first(&doc),
        };
        last = Some((doc, ids));
    }
    Ok(last.map_or_else(|| Elements::first(document), |(_, ids)| ids))
}

pub(super) async fn save_edit(
    p: &P,
    id: i64,
    based_on: i64,
    document: &Document,
    report: &DocumentReport,
    actor: &str,
    rows: Option<&[Option<usize>]>,
) -> Result<i64, StoreError> {
    save_version(p, id, based_on, document, report, actor, Save::Edit, rows).await
}

pub(super) async fn save_monitoring(
    p: &P,
    id: i64,
    based_on: i64,
    document: &Document,
    report: &DocumentReport,
    actor: &str,
) -> Result<i64, StoreError> {
    save_version(p, id, based_on, document, report, actor, Save::Monitoring, None).await
}

/// What a saved version is: an edit of the targets, or monitoring data entered on agreed ones.
/// They differ in the statuses they are allowed in, what they may change and how they are logged.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Save {
    Edit,
    Monitoring,
}

/// Saves `document` as the next version of table `id` if `based_on` is still its current
/// version, with the version's report, in one transaction with its change-log entry.
#[allow(clippy::too_many_arguments)]
async fn save_version(
    p: &P,
    id: i64,
    based_on: i64,
    document: &Document,
    report: &DocumentReport,
    actor: &str,
    save: Save,
    rows: Option<&[Option<usize>]>,
) -> Result<i64, StoreError> {
    let mut tx = write_tx(p).await?;
    let row = sqlx::query(
        "SELECT t.version, t.status, v.document, v.elements, v.reading FROM target_tables t \
         JOIN table_versions v ON v.table_id = t.id AND v.version = t.version WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut *tx)
    .await
    .map_err(StoreError::db("读取表"))?
    .ok_or_else(|| StoreError::NotFound(format!("没有编号为 {id} 的表")))?;
    let current: i64 = row.get(0);
    if current != based_on {
        return Err(StoreError::Conflict(match save {
            Save::Edit => format!(
                "此表已被他人修改: 你编辑的是第 {based_on} 版, 当前已是第 {current} 版。你的修改未保存, 请对照最新版本后再保存"
            ),
            Save::Monitoring => format!(
                "此表已被他人修改: 你填报的是第 {based_on} 版, 当前已是第 {current} 版。你的填报未保存, 请对照最新版本后再保存"
            ),
        }));
    }
    let status: Status = row.get::<String, _>(1).parse().unwrap_or(Status::Draft);
    let next = match save {
        Save::Edit if matches!(status, Status::Submitted | Status::Approved) => {
            return Err(StoreError::Invalid(format!("表当前为“{}”, 审核期间不能修改", status.label())));
        }
        // An edit of published targets is a revision, to be reviewed again.
        Save::Edit if status == Status::Published => Status::Draft,
        Save::Monitoring if !matches!(status, Status::Approved | Status::Published) => {
            return Err(StoreError::Invalid(format!(
                "表当前为“{}”, 只有审核通过或已公开的表才能填报监控数据",
                status.label()
            )));
        }
        _ => status,
    };
    let old: Document = from_json(&row.get::<String, _>(2), "文档")?;
    if save == Save::Monitoring && without_monitoring(&old) != without_monitoring(document) {
        return Err(StoreError::Invalid("监控填报只能修改监控数据, 不能修改绩效目标".to_owned()));
    }
    if trim(&document.department) != trim(&old.department) {
        // The department says whose table it is, and so who may see and change it: an edit
        // that moved it would hand it to another department.
        return Err(StoreError::Invalid(format!(
            "不能修改表所属的部门 (原为“{}”, 改为“{}”); 部门名称有误时请由管理员处理",
            old.department, document.department
        )));
    }
    if *document == old {
        // Nothing changed: no new version, and a published table stays as it is.
        return Ok(current);
    }
    let old_ids = elements_of(&mut tx, id, current, &old, row.get(3)).await?;
    let ids = match rows {
        Some(rows) => old_ids.carry_rows(&old, document, rows),
        None => old_ids.carry(&old, document),
    };
    let document_json = to_json(document)?;
    let content_hash = sha256_hex(document_json.as_bytes());
    let d = derive(document, report);
    let department = department_id(&mut tx, &document.department).await?;
    let version = current + 1;
    let report_json = {
        let known = known(p);
        report_text(document, report, &mut |template| known.id(template))?
    };
    let (note, action) = match save {
        Save::Edit => ("编辑", "edit"),
        Save::Monitoring => ("监控填报", "monitor"),
    };
    // Monitoring data changes nothing the reading saw, so its version keeps the reading; an
    // edit is the user's table, every part of it seen in the editor.
    let reading: Option<String> = if save == Save::Monitoring { row.get(4) } else { None };
    insert_version(
        &mut tx,
        id,
        version,
        &document_json,
        &report_json,
        &content_hash,
        note,
        "",
        actor,
        &ids,
        reading.as_deref(),
    )
    .await?;
    update_row(&mut tx, id, version, next, department, &d).await?;
    let changes = to_json(&diff::changes_between(&old, &old_ids, document, &ids))?;
    log(&mut tx, actor, action, Some(id), Some(version), None, Some(changes)).await?;
    tx.commit().await.map_err(StoreError::db("提交"))?;
    Ok(version)
}

pub(super) async fn act(
    p: &P,
    id: i64,
    action: workflow::Action,
    actor: &str,
    reason: Option<&str>,
) -> Result<TableSummary, StoreError> {
    let mut tx = write_tx(p).await?;
    let row = sqlx::query("SELECT status, errors, version FROM target_tables WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await
        .map_err(StoreError::db("读取表"))?
        .ok_or_else(|| StoreError::NotFound(format!("没有编号为 {id} 的表")))?;
    let status: Status = row.get::<String, _>(0).parse().unwrap_or(Status::Draft);
    let errors: i64 = row.get(1);
    let version: i64 = row.get(2);
    let next = workflow::transition(status, action, errors as usize, reason)
        .map_err(|r| StoreError::Invalid(r.to_string()))?;
    let sql = if next == Status::Published {
        "UPDATE target_tables SET status = $1, published_version = version, updated_at = $2 WHERE id = $3 AND status = $4"
    } else {
        "UPDATE target_tables SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4"
    };
    let done = sqlx::query(sql)
        .bind(next.code())
        .bind(time::now())
        .bind(id)
        .bind(status.code())
        .execute(&mut *tx)
        .await
        .map_err(StoreError::db("更新状态"))?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict("此表的状态刚被他人改变, 请刷新后再试".into()));
    }
    let reason = reason.map(|r| without_nul(r.trim().to_owned()));
    log(&mut tx, actor, action.code(), Some(id), Some(version), reason.as_deref(), None).await?;
    tx.commit().await.map_err(StoreError::db("提交"))?;
    Ok(get(p, id, None).await?.summary)
}

const SUMMARY_COLUMNS: &str = "t.id, t.year, t.department_id, d.name, t.kind, t.stage, t.project_name, \
    t.project_code, t.status, t.version, t.published_version, t.grade, t.errors, t.warnings, t.infos, \
    t.indicators, t.funds_total, t.updated_at";

fn summary(row: &<Db as sqlx::Database>::Row) -> TableSummary {
    TableSummary {
        id: row.get(0),
        year: row.get::<Option<i64>, _>(1).and_then(|y| i32::try_from(y).ok()),
        department_id: row.get(2),
        department: row.get(3),
        kind: row.get(4),
        stage: row.get(5),
        project_name: row.get(6),
        project_code: row.get(7),
        status: row.get::<String, _>(8).parse().unwrap_or(Status::Draft),
        version: row.get(9),
        published_version: row.get(10),
        grade: row.get(11),
        errors: row.get(12),
        warnings: row.get(13),
        infos: row.get(14),
        indicators: row.get(15),
        funds_total: row.get(16),
        updated_at: row.get(17),
    }
}

/// `text` without NUL characters, which PostgreSQL's text cannot hold (it refuses the whole
/// statement) and SQLite's can: both stores then answer a filter or keep a reason alike.
fn without_nul(text: String) -> String {
    if text.contains('\0') { text.replace('\0', "") } else { text }
}

/// The text a filter searches for, trimmed and without NUL characters; `None` for none.
fn search_of(f: &Filter) -> Option<std::borrow::Cow<'_, str>> {
    let q = f.search.as_deref()?;
    let q = if q.contains('\0') {
        std::borrow::Cow::Owned(q.replace('\0', "").trim().to_owned())
    } else {
        std::borrow::Cow::Borrowed(q.trim())
    };
    (!q.is_empty()).then_some(q)
}

/// A value bound to a dynamically built query.
enum Arg {
    Int(i64),
    Text(String),
}

/// The WHERE clause of a filter, with its arguments in placeholder order; a search asks the
/// trigram index for its tables first when `search_index` is set (SQLite only).
fn filter_clause(f: &Filter, args: &mut Vec<Arg>, search_index: bool) -> String {
    let mut clauses: Vec<String> = Vec::new();
    let mut push = |sql: &str, arg: Arg, args: &mut Vec<Arg>| {
        args.push(arg);
        clauses.push(sql.replace('?', &format!("${}", args.len())));
    };
    if let Some(y) = f.year {
        push("t.year = ?", Arg::Int(i64::from(y)), args);
    }
    if let Some(d) = f.department_id {
        push("t.department_id = ?", Arg::Int(d), args);
    }
    if let Some(d) = &f.department {
        push("d.name = ?", Arg::Text(d.clone()), args);
    }
    if let Some(k) = &f.kind {
        push("t.kind = ?", Arg::Text(k.clone()), args);
    }
    if let Some(s) = f.status {
        push("t.status = ?", Arg::Text(s.code().to_owned()), args);
    }
    if let Some(g) = &f.grade {
        push("t.grade = ?", Arg::Text(g.clone()), args);
    }
    if let Some(q) = search_of(f).as_deref() {
        if let Some(trigrams) = (!POSTGRES && search_index).then(|| crate::search::match_query(q)).flatten() {
            // The trigram index (migration 3) gives the tables holding every trigram of the text,
            // without reading them all; the LIKE then keeps those that hold the text itself.
            push(
                "t.id IN (SELECT rowid FROM target_tables_search WHERE target_tables_search MATCH ?)",
                Arg::Text(trigrams),
                args,
            );
        }
        // PostgreSQL's trigram index answers this LIKE itself; on SQLite a text shorter than a
        // trigram is looked for in every table.
        push("t.search_text LIKE ? ESCAPE '\\'", Arg::Text(like_pattern(q)), args);
    }
    if f.published {
        clauses.push("t.published_version IS NOT NULL".to_owned());
        if search_of(f).is_some() || f.grade.is_some() {
            // The text searched and the grade are the current version's: a table under revision
            // is found by neither until its revision is published, so that an unpublished draft's
            // words never show through the public catalogue.
            clauses.push("t.version = t.published_version".to_owned());
        }
    }
    if clauses.is_empty() { String::new() } else { format!(" WHERE {}", clauses.join(" AND ")) }
}

fn bind_all<'q>(
    mut q: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>,
    args: Vec<Arg>,
) -> sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments> {
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(s) => q.bind(without_nul(s)),
        };
    }
    q
}

pub(super) async fn list(p: &P, f: &Filter) -> Result<Page<TableSummary>, StoreError> {
    let per_page = f.per_page.clamp(1, 500);
    // A page past any store's end (a number typed into the address) reads nothing, and its
    // offset cannot overflow.
    let page = f.page.clamp(1, i64::MAX / 1_000);
    let (plan, counted) = search_plan(p, f, page * per_page).await?;
    let search_index = plan == crate::search::SearchPlan::IndexIds;
    let mut args = Vec::new();
    let clause = filter_clause(f, &mut args, search_index);
    let counted = match (plan, counted) {
        (_, Some(counted)) => Some(counted),
        (crate::search::SearchPlan::LookThrough { counted_by_index: true }, None) => {
            Some(count_by_index(p, f, SEARCH_COUNTED + 1).await?)
        }
        (crate::search::SearchPlan::LookThrough { counted_by_index: false }, None) => {
            Some(count(p, f, false, Some(SEARCH_COUNTED + 1)).await?)
        }
        _ => None,
    };
    let (total, total_exact) = match counted {
        Some(counted) => (counted.min(SEARCH_COUNTED), counted <= SEARCH_COUNTED),
        None => (count(p, f, search_index, None).await?, true),
    };
    let dir = if f.descending { "DESC" } else { "ASC" };
    let order = format!("{} {dir}, t.id {dir}", f.sort.column());
    let offset = (page - 1) * per_page;
    // Past the first page, or in an order other than the last change, the page's ids first and
    // then their rows: the ids of a filter with an index in the list's order come from that index
    // alone, so that a deep page passes over the rows before it in the index instead of reading
    // each of them from the table and joining its department (page 100 of one year and status
    // read 5,000 rows for the 50 it shows), and a sort sorts ids and keys, not whole rows. The
    // first page in the default order reads its 50 rows in the order an index gives them, which
    // the extra step only slowed. The departments are joined for the ids only where the filter or
    // the order needs their name.
    let sql = if page > 1 || f.sort != Sort::Updated {
        let ids_from =
            if f.department.is_some() || f.sort == Sort::Department { WITH_DEPARTMENTS } else { TABLES_ONLY };
        format!(
            "SELECT {SUMMARY_COLUMNS} FROM (SELECT t.id {ids_from}{clause} ORDER BY {order} LIMIT {per_page} \
             OFFSET {offset}) p JOIN target_tables t ON t.id = p.id JOIN departments d ON d.id = t.department_id \
             ORDER BY {order}"
        )
    } else {
        format!("SELECT {SUMMARY_COLUMNS} {WITH_DEPARTMENTS}{clause} ORDER BY {order} LIMIT {per_page} OFFSET {offset}")
    };
    let rows = bind_all(sqlx::query(AssertSqlSafe(sql)), args).fetch_all(&p.read).await.map_err(StoreError::db("列出表"))?;
    let mut items: Vec<TableSummary> = rows.iter().map(summary).collect();
    if f.published {
        for item in &mut items {
            published_summary(p, item).await?;
        }
    }
    Ok(Page { items, total, total_exact, page, per_page })
}

/// Makes the summary of a table under revision that of its published version: the public sees
/// the published version's name, grade and counts, never a draft's.
async fn published_summary(p: &P, item: &mut TableSummary) -> Result<(), StoreError> {
    let Some(published) = item.published_version.filter(|&v| v != item.version) else { return Ok(()) };
    let t = get(p, item.id, Some(published)).await?;
    let d = derive(&t.document, &t.report);
    item.year = d.year.and_then(|y| i32::try_from(y).ok());
    item.project_name = d.project_name;
    item.project_code = d.project_code;
    item.grade = d.grade;
    (item.errors, item.warnings, item.infos) = (d.errors, d.warnings, d.infos);
    item.indicators = d.indicators;
    item.funds_total = d.funds_total;
    item.stage = d.stage.to_owned();
    item.status = Status::Published;
    item.version = published;
    item.updated_at = t.created_at;
    Ok(())
}

/// The tables a list or count reads, with their departments (for a department's name) or alone.
const WITH_DEPARTMENTS: &str = "FROM target_tables t JOIN departments d ON d.id = t.department_id";
const TABLES_ONLY: &str = "FROM target_tables t";

/// How many tables `f` takes; up to `limit` of them, where one is given.
async fn count(p: &P, f: &Filter, search_index: bool, limit: Option<i64>) -> Result<i64, StoreError> {
    let mut args = Vec::new();
    let clause = filter_clause(f, &mut args, search_index);
    // The departments are needed only to filter by a department's name; without the join the
    // count is answered from an index of target_tables alone.
    let from = if f.department.is_some() { WITH_DEPARTMENTS } else { TABLES_ONLY };
    let sql = match limit {
        None => format!("SELECT COUNT(*) {from}{clause}"),
        Some(n) => format!("SELECT COUNT(*) FROM (SELECT 1 {from}{clause} LIMIT {n}) l"),
    };
    bind_scalar(sql, args).fetch_one(&p.read).await.map_err(StoreError::db("统计表数"))
}

/// SQLite: how many tables `f` takes, up to `limit`, going through the trigram index's tables
/// one by one (each looked up and its text searched) until `limit` of them match, instead of
/// gathering all the index's ids first.
async fn count_by_index(p: &P, f: &Filter, limit: i64) -> Result<i64, StoreError> {
    let Some(trigrams) = search_of(f).as_deref().and_then(crate::search::match_query) else {
        return count(p, f, false, Some(limit)).await;
    };
    let mut args = vec![Arg::Text(trigrams)];
    let clause = filter_clause(f, &mut args, false);
    let departments = if f.department.is_some() { " JOIN departments d ON d.id = t.department_id" } else { "" };
    // CROSS JOIN keeps the index's matches as the outer loop (SQLite does not reorder it).
    // The clause is never empty: it holds the search's LIKE.
    let sql = format!(
        "SELECT COUNT(*) FROM (SELECT 1 FROM target_tables_search s CROSS JOIN target_tables t ON t.id = s.rowid\
         {departments}{clause} AND s.target_tables_search MATCH $1 LIMIT {limit}) l"
    );
    bind_scalar(sql, args).fetch_one(&p.read).await.map_err(StoreError::db("统计表数"))
}

/// Chooses how a list's search finds its tables. The trigram index (SQLite) gives the ids of
/// the tables holding a text's trigrams without reading the tables, but each id then costs a
/// lookup and a search of the table's text, and all of them are gathered before the list is
/// sorted: for a text that thousands of tables hold (满意度, 农田) that is slower than looking
/// through the tables in the list's order until a page is full. So the index's matches are
/// counted first (up to `search::MOST_GATHERED`), with the tables the rest of the filter takes,
/// and `search::cheaper_plan` takes the cheaper way. Every way finds the same tables (each
/// table's text is searched either way); only the count of a text many tables hold stops at
/// [`SEARCH_COUNTED`]. Counting stops where the answer is known, so deciding takes a
/// millisecond or two. Beside the plan, the count when deciding has made it.
async fn search_plan(
    p: &P,
    f: &Filter,
    wanted: i64,
) -> Result<(crate::search::SearchPlan, Option<i64>), StoreError> {
    use crate::search::{MOST_GATHERED, SearchPlan, Sizes, cheaper_plan};
    let Some(searched) = search_of(f) else {
        return Ok((SearchPlan::NoSearch, None));
    };
    let q: &str = &searched;
    let trigrams = if POSTGRES { None } else { crate::search::match_query(q) };
    let Some(trigrams) = trigrams else {
        // PostgreSQL's trigram index answers the LIKE itself; a single character has no words
        // in SQLite's index. Either way the tables are looked through and counted as they match.
        return Ok((SearchPlan::LookThrough { counted_by_index: false }, None));
    };
    let all: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM target_tables")
        .fetch_one(&p.read)
        .await
        .map_err(StoreError::db("统计表数"))?;
    let rest = Filter { search: None, ..f.clone() };
    let indexed = f.year.is_some()
        || f.department_id.is_some()
        || f.department.is_some()
        || f.status.is_some()
        || f.published;
    let taken = if indexed {
        // Counted from an index alone: a millisecond at most for this many.
        const MOST_TAKEN: i64 = 25_000;
        let taken = count(p, &rest, false, Some(MOST_TAKEN)).await?;
        if taken >= MOST_TAKEN { all } else { taken }
    } else {
        all
    };
    let holding = if crate::search::is_prefix(&trigrams) {
        // The words that begin with two characters are gathered whole, however few are asked
        // for (7 ms for 农田 in 100,000 tables): how many tables hold the text is estimated
        // from the filter's first tables instead, which also answers a text most tables hold.
        let sampled = taken.min(SAMPLED);
        let mut args = Vec::new();
        let rest_clause = filter_clause(&rest, &mut args, false);
        args.push(Arg::Text(like_pattern(q)));
        let from = if f.department.is_some() { WITH_DEPARTMENTS } else { TABLES_ONLY };
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1 FROM (SELECT t.search_text {from}{rest_clause} LIMIT {SAMPLED}) s \
             WHERE s.search_text LIKE ${} ESCAPE '\\' LIMIT {}) l",
            args.len(),
            SEARCH_COUNTED + 1
        );
        let matched = bind_scalar(sql, args).fetch_one(&p.read).await.map_err(StoreError::db("统计表数"))?;
        if matched > SEARCH_COUNTED || taken <= SAMPLED {
            // Counted already: more than are counted, or every table the filter takes.
            return Ok((SearchPlan::LookThrough { counted_by_index: false }, Some(matched)));
        }
        (matched.saturating_mul(all) / sampled.max(1)).min(MOST_GATHERED)
    } else {
        sqlx::query_scalar(
            "SELECT COUNT(*) FROM (SELECT 1 FROM target_tables_search WHERE target_tables_search MATCH $1 LIMIT $2)",
        )
        .bind(trigrams)
        .bind(MOST_GATHERED)
        .fetch_one(&p.read)
        .await
        .map_err(StoreError::db("统计表数"))?
    };
    Ok((cheaper_plan(Sizes { all, taken, holding, wanted }), None))
}

/// The tables a search of two characters looks through first, to learn how many hold the text.
const SAMPLED: i64 = 4_000;

/// A LIKE pattern for a text anywhere in a table's search text, with `\` as its escape.
fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

fn bind_scalar(sql: String, args: Vec<Arg>) -> sqlx::query::QueryScalar<'static, Db, i64, <Db as sqlx::Database>::Arguments> {
    let mut q = sqlx::query_scalar(AssertSqlSafe(sql));
    for a in args {
        q = match a {
            Arg::Int(i) => q.bind(i),
            Arg::Text(s) => q.bind(without_nul(s)),
        };
    }
    q
}

pub(super) async fn counts(p: &P, f: &Filter) -> Result<Vec<(String, String, i64)>, StoreError> {
    let mut args = Vec::new();
    let clause = filter_clause(f, &mut args, true);
    let sql = format!(
        "SELECT t.status, t.grade, COUNT(*) FROM target_tables t JOIN departments d ON d.id = t.department_id{clause} \
         GROUP BY t.status, t.grade"
    );
    let rows = bind_all(sqlx::query(AssertSqlSafe(sql)), args).fetch_all(&p.read).await.map_err(StoreError::db("统计"))?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1), r.get(2))).collect())
}

pub(super) async fn get(p: &P, id: i64, version: Option<i64>) -> Result<StoredTable, StoreError> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, v.version, v.document, v.report, v.source_name, v.source_hash, v.created_at, \
         v.created_by, v.elements, v.reading FROM target_tables t JOIN departments d ON d.id = t.department_id \
         JOIN table_versions v ON v.table_id = t.id AND v.version = COALESCE($1, t.version) WHERE t.id = $2"
    );
    let row = sqlx::query(AssertSqlSafe(sql))
        .bind(version)
        .bind(id)
        .fetch_optional(&p.read)
        .await
        .map_err(StoreError::db("读取表"))?
        .ok_or_else(|| match version {
            Some(v) => StoreError::NotFound(format!("没有编号为 {id} 的表的第 {v} 版")),
            None => StoreError::NotFound(format!("没有编号为 {id} 的表")),
        })?;
    let document: Document = from_json(&row.get::<String, _>(19), "文档")?;
    let unreadable = |e: crate::findings::FindingsError| StoreError::Other {
        context: format!("数据库中表 {id} 的审核结果无法读取: {e}"),
        cause: Box::new(e),
    };
    let stored = crate::findings::parse(&row.get::<String, _>(20)).map_err(unreadable)?;
    let texts = templates(p, stored.templates()).await?;
    let mut report = stored.resolve(&document, &|id| texts.get(&id).map(String::as_str)).map_err(unreadable)?;
    let version: i64 = row.get(18);
    // A connection is taken only for a version older than the identities it needs carried.
    let elements = match known_elements(version, &document, row.get(25))? {
        Some(known) => known,
        None => {
            let mut conn = p.read.acquire().await.map_err(StoreError::db("读取表"))?;
            carried_elements(&mut conn, id, version, &document).await?
        }
    };
    report.identify(&elements);
    Ok(StoredTable {
        summary: summary(&row),
        version,
        elements,
        document,
        report,
        source_name: row.get(21),
        source_hash: row.get(22),
        created_at: row.get(23),
        created_by: row.get(24),
        reading: row.get::<Option<String>, _>(26).map(|r| from_json(&r, "读取说明")).transpose()?,
    })
}

pub(super) async fn history(p: &P, table: Option<i64>, limit: i64) -> Result<Vec<HistoryEntry>, StoreError> {
    let columns = "SELECT id, at, actor, action, table_id, version, reason, changes FROM change_log";
    let rows = match table {
        Some(id) => {
            sqlx::query(AssertSqlSafe(format!("{columns} WHERE table_id = $1 ORDER BY id ASC"))).bind(id).fetch_all(&p.read).await
        }
        None => {
            sqlx::query(AssertSqlSafe(format!("{columns} ORDER BY id DESC LIMIT $1"))).bind(limit).fetch_all(&p.read).await
        }
    }
    .map_err(StoreError::db("读取变更记录"))?;
    rows.iter()
        .map(|r| {
            let changes: Option<String> = r.get(7);
            Ok(HistoryEntry {
                id: r.get(0),
                at: r.get(1),
                actor: r.get(2),
                action: r.get(3),
                table_id: r.get(4),
                version: r.get(5),
                reason: r.get(6),
                changes: match changes {
                    Some(c) => from_json(&c, "变更记录")?,
                    None => Vec::new(),
                },
            })
        })
        .collect()
}

pub(super) fn documents<'a>(
    p: &'a P,
    f: &'a Filter,
) -> futures_util::stream::BoxStream<'a, Result<StoredDocument, StoreError>> {
    let mut args = Vec::new();
    let clause = filter_clause(f, &mut args, true);
    let version = if f.published { "t.published_version" } else { "t.version" };
    let sql = format!(
        "SELECT t.id, t.status, v.document FROM target_tables t JOIN departments d ON d.id = t.department_id \
         JOIN table_versions v ON v.table_id = t.id AND v.version = {version}{clause} ORDER BY t.id"
    );
    bind_all(sqlx::query(AssertSqlSafe(sql)), args)
        .fetch(&p.read)
        .map(|row| {
            let row = row.map_err(StoreError::db("读取表"))?;
            Ok(StoredDocument {
                id: row.get(0),
                status: row.get::<String, _>(1).parse().unwrap_or(Status::Draft),
                document: from_json(&row.get::<String, _>(2), "文档")?,
            })
        })
        .boxed()
}

pub(super) async fn departments(p: &P) -> Result<Vec<Department>, StoreError> {
    let rows = sqlx::query("SELECT id, name FROM departments ORDER BY name")
        .fetch_all(&p.read)
        .await
        .map_err(StoreError::db("列出部门"))?;
    Ok(rows.iter().map(|r| Department { id: r.get(0), name: r.get(1) }).collect())
}

pub(super) async fn department(p: &P, name: &str) -> Result<Department, StoreError> {
    let mut tx = write_tx(p).await?;
    let id = department_id(&mut tx, name).await?;
    tx.commit().await.map_err(StoreError::db("提交"))?;
    Ok(Department { id, name: name.trim().to_owned() })
}

const USER_COLUMNS: &str = "SELECT u.id, u.username, u.password_hash, u.role, u.department_id, d.name, u.disabled \
    FROM users u LEFT JOIN departments d ON d.id = u.department_id";

fn user(r: &<Db as sqlx::Database>::Row) -> User {
    User {
        id: r.get(0),
        username: r.get(1),
        password_hash: r.get(2),
        role: r.get::<String, _>(3).parse().unwrap_or(jixiao_core::workflow::Role::Officer),
        department_id: r.get(4),
        department: r.get(5),
        disabled: r.get::<i64, _>(6) != 0,
    }
}

pub(super) async fn add_user(
    p: &P,
    username: &str,
    password_hash: &str,
    role: Role,
    department: Option<i64>,
    actor: &str,
) -> Result<User, StoreError> {
    let mut tx = write_tx(p).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (username, password_hash, role, department_id, created_at) VALUES ($1, $2, $3, $4, $5) \
         RETURNING id",
    )
    .bind(username)
    .bind(password_hash)
    .bind(role.code())
    .bind(department)
    .bind(time::now())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| match StoreError::db("新建用户")(e) {
        StoreError::Conflict(_) => StoreError::Conflict(format!("用户名 “{username}” 已存在")),
        other => other,
    })?;
    log(&mut tx, actor, "add_user", None, None, Some(username), None).await?;
    tx.commit().await.map_err(StoreError::db("提交"))?;
    user_by(p, None, Some(id)).await
}

pub(super) async fn users(p: &P) -> Result<Vec<User>, StoreError> {
    let rows = sqlx::query(AssertSqlSafe(format!("{USER_COLUMNS} ORDER BY u.username")))
        .fetch_all(&p.read)
        .await
        .map_err(StoreError::db("列出用户"))?;
    Ok(rows.iter().map(user).collect())
}

pub(super) async fn user_by(p: &P, name: Option<&str>, id: Option<i64>) -> Result<User, StoreError> {
    if name.is_some_and(|n| n.contains('\0')) {
        // No user's name holds a NUL; PostgreSQL would refuse the query for it.
        return Err(StoreError::NotFound("没有这个用户".into()));
    }
    let row = sqlx::query(AssertSqlSafe(format!("{USER_COLUMNS} WHERE u.username = $1 OR u.id = $2")))
        .bind(name)
        .bind(id)
        .fetch_optional(&p.read)
        .await
        .map_err(StoreError::db("读取用户"))?;
    row.map(|r| user(&r)).ok_or_else(|| StoreError::NotFound("没有这个用户".into()))
}

pub(super) async fn update_user(p: &P, u: &User, actor: &str) -> Result<(), StoreError> {
    let mut tx = write_tx(p).await?;
    sqlx::query("UPDATE users SET password_hash = $1, role = $2, department_id = $3, disabled = $4 WHERE id = $5")
        .bind(&u.password_hash)
        .bind(u.role.code())
        .bind(u.department_id)
        .bind(i64::from(u.disabled))
        .bind(u.id)
        .execute(&mut *tx)
        .await
        .map_err(StoreError::db("修改用户"))?;
    if u.disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(u.id)
            .execute(&mut *tx)
            .await
            .map_err(StoreError::db("结束会话"))?;
    }
    log(&mut tx, actor, "update_user", None, None, Some(&u.username), None).await?;
    tx.commit().await.map_err(StoreError::db("提交"))
}

pub(super) async fn add_session(p: &P, s: &Session) -> Result<(), StoreError> {
    sqlx::query("INSERT INTO sessions (id, user_id, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&s.id)
        .bind(s.user_id)
        .bind(&s.csrf)
        .bind(time::now())
        .bind(&s.expires_at)
        .execute(&p.read)
        .await
        .map_err(StoreError::db("保存会话"))?;
    Ok(())
}

pub(super) async fn session(p: &P, id: &str) -> Result<Option<Session>, StoreError> {
    let row = sqlx::query("SELECT id, user_id, csrf, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
        .bind(id)
        .bind(time::now())
        .fetch_optional(&p.read)
        .await
        .map_err(StoreError::db("读取会话"))?;
    Ok(row.map(|r| Session { id: r.get(0), user_id: r.get(1), csrf: r.get(2), expires_at: r.get(3) }))
}

/// A live session with its user, in one query: every request asks this, so one round trip
/// to the pool instead of two.
pub(super) async fn session_user(p: &P, id: &str) -> Result<Option<(Session, User)>, StoreError> {
    let row = sqlx::query(
        "SELECT u.id, u.username, u.password_hash, u.role, u.department_id, d.name, u.disabled, \
         s.id, s.user_id, s.csrf, s.expires_at \
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN departments d ON d.id = u.department_id \
         WHERE s.id = $1 AND s.expires_at > $2",
    )
    .bind(id)
    .bind(time::now())
    .fetch_optional(&p.read)
    .await
    .map_err(StoreError::db("读取会话"))?;
    Ok(row.map(|r| {
        let session = Session { id: r.get(7), user_id: r.get(8), csrf: r.get(9), expires_at: r.get(10) };
        (session, user(&r))
    }))
}

pub(super) async fn remove_session(p: &P, id: &str) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(id)
        .execute(&p.read)
        .await
        .map_err(StoreError::db("结束会话"))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::identity_hash;

    #[test]
    fn an_identity_key_starts_with_its_year_and_department() {
        let key = |year: &str, department: &str, project: &str| {
            identity_hash(&format!("{year}\u{1F}{department}\u{1F}project\u{1F}target\u{1F}name:{project}"))
        };
        let a = key("2020", "外事办", "外事出访经费");
        let b = key("2020", "外事办", "外事业务经费");
        assert_eq!(a.len(), 16);
        assert_eq!(a[..6], b[..6], "one department's tables of one year side by side");
        assert_ne!(a[6..], b[6..]);
        assert_eq!(a[..2], 2020u16.to_be_bytes());
        assert_ne!(a[2..6], key("2020", "教育厅", "外事出访经费")[2..6]);
        assert!(key("2019", "外事办", "外事出访经费") < a, "years in order");
        assert_eq!(key("", "外事办", "外事出访经费")[..2], [0, 0], "no year stated");
        assert_eq!(a, key("2020", "外事办", "外事出访经费"), "the same identity, the same key");
    }
}
