//! Benchmark of the store: imports generated tables into SQLite or PostgreSQL (tables per second,
//! memory), exports them again as JSON Lines (tables per second, memory), and times list queries.
//!
//! ```sh
//! cargo run --release -p jixiao-bench --example store -- --tables 100000 --db sqlite:/tmp/bench.db
//! cargo run --release -p jixiao-bench --example store -- --tables 100000 --db postgres://postgres@127.0.0.1:5432/test
//! ```
//!
//! The tables are the corpus generator's, each a different table (numbered projects), written as
//! text, read by the text reader and reviewed as `jixiao import` does — all before the clock
//! starts: the figures are the store's. They are then imported `--per-file` tables per file, as
//! `jixiao import` imports files: several a transaction, each file whole or not at all (a
//! savepoint each), the transaction committed once it is full. With `--batch N` the tables are
//! prepared N at a time, each batch imported before the next is prepared (the clock runs only
//! while importing), so that a million tables need not all be held in memory at once; the
//! import's peak memory then includes the batch prepared. With `--files department` each file
//! holds the tables of one department and year (those of a batch, up to `--per-file`), as a
//! department's published file does; by default (`mixed`) each file takes the tables in the
//! generator's order, of every department and year. Every run starts from an empty store:
//! a new SQLite file, or a new PostgreSQL schema (dropped afterwards). The export streams every
//! table out of the store and writes it as a JSON line into a counting sink (no disk).
//!
//! CPU time is the whole process's (SQLite runs on a worker thread of its own), so it is the
//! figure for one core on a busy machine; PostgreSQL's server work is not in it. Memory is the
//! process's peak resident memory during the phase above what it held before the phase (the
//! prepared tables), measured with Linux's `clear_refs`. A list query's CPU time is counted to the
//! nanosecond over the process's threads.

use std::io::{self, Cursor, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use futures_util::StreamExt;
use jixiao_bench::{
    DistinctTables, cpu_seconds, peak_rss_kb, reset_peak_rss, rss_kb, threads_cpu_seconds, user_and_system_seconds,
};
use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::review::{Reviewer, TargetCache};
use jixiao_core::workflow::Status;
use jixiao_store::{Filter, ImportOutcome, ImportTable, Location, Sort, Store};
use jixiao_tables::{Item, read_text};

const USAGE: &str = "usage: store [--tables N] [--db sqlite:PATH|postgres://URL] [--per-file N] [--files mixed|department] [--batch N] [--commit-every N] [--runs N] [--queries N] \
     [--keep yes]";

/// The corpus generator's seed.
const SEED: u64 = 2020;

struct Args {
    tables: usize,
    db: String,
    /// How the tables are cut into files (`--per-file`, `--files`).
    files: Files,
    /// Tables prepared at a time; all of them when 0.
    batch: usize,
    /// Tables a transaction takes, at most (as `jixiao import --commit-every`); the store's
    /// default when 0.
    commit_every: usize,
    runs: usize,
    queries: usize,
    keep: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        tables: 100_000,
        db: "sqlite:bench-data/store-bench.db".to_owned(),
        files: Files { per_file: 1000, by_department: false },
        batch: 0,
        commit_every: 0,
        runs: 3,
        queries: 21,
        keep: false,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || value.parse::<usize>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--tables" => args.tables = number()?.max(1),
            "--db" => args.db = value.clone(),
            "--per-file" => args.files.per_file = number()?.max(1),
            "--commit-every" => args.commit_every = number()?,
            "--files" => {
                args.files.by_department = match value.as_str() {
                    "department" => true,
                    "mixed" => false,
                    _ => return Err(format!("--files: mixed or department, not {value}\n{USAGE}")),
                }
            }
            "--batch" => args.batch = number()?,
            "--runs" => args.runs = number()?.max(1),
            "--queries" => args.queries = number()?.max(1),
            "--keep" => args.keep = value == "yes",
            _ => return Err(format!("unknown flag {flag}\n{USAGE}")),
        }
    }
    Ok(args)
}

/// What one run measured.
#[derive(Default)]
struct RunFigures {
    import_wall: f64,
    import_cpu: f64,
    /// Of `import_cpu`, the kernel's (writing pages into the file's cache, above all).
    import_system: f64,
    import_peak_kb: u64,
    export_wall: f64,
    export_cpu: f64,
    export_peak_kb: u64,
    /// Resident memory at each quarter of the export, KB.
    export_rss_kb: Vec<u64>,
    /// Median wall and CPU time of each list query, ms, and how many tables it matched.
    queries_ms: Vec<(String, f64, f64, String)>,
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let base = match Location::parse(&args.db) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // All the tables prepared once for every run, or a batch at a time within each run.
    let tables = if args.batch == 0 || args.batch >= args.tables {
        let (start, cpu) = (Instant::now(), cpu_seconds());
        let (files, bytes, indicators) = prepare(&mut DistinctTables::new(SEED), args.tables, args.files, 0);
        eprintln!(
            "prepared {} tables ({indicators} indicators, {:.1} MB of text) in {} files: generated, read and \
             reviewed in {:.2} s ({:.2} s of CPU); resident {} MB",
            args.tables,
            bytes as f64 / 1e6,
            files.len(),
            start.elapsed().as_secs_f64(),
            cpu_seconds() - cpu,
            rss_kb() / 1024,
        );
        Tables::Prepared(files)
    } else {
        Tables::Batches { tables: args.tables, batch: args.batch, files: args.files }
    };
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let mut runs = Vec::new();
    for run in 0..args.runs {
        match rt.block_on(one_run(&base, run, &tables, args.commit_every, args.queries, args.keep)) {
            Ok(figures) => runs.push(figures),
            Err(e) => {
                eprintln!("run {}: {e}", run + 1);
                return ExitCode::FAILURE;
            }
        }
    }
    report(&args, &base, &runs);
    ExitCode::SUCCESS
}

/// The tables a run imports.
enum Tables {
    /// Prepared before the first run, in files.
    Prepared(Vec<Vec<ImportTable>>),
    /// Prepared `batch` at a time within each run.
    Batches { tables: usize, batch: usize, files: Files },
}

impl Tables {
    fn count(&self) -> usize {
        match self {
            Tables::Prepared(files) => files.iter().map(Vec::len).sum(),
            Tables::Batches { tables, .. } => *tables,
        }
    }
}

/// How the tables are cut into files.
#[derive(Clone, Copy)]
struct Files {
    per_file: usize,
    by_department: bool,
}

/// Generates, reads and reviews the next `tables` tables of `generator`, cut into files as
/// `files` says, numbered from `first_file`; returns them with the bytes of text and the
/// indicators.
fn prepare(
    generator: &mut DistinctTables,
    tables: usize,
    files: Files,
    first_file: usize,
) -> (Vec<Vec<ImportTable>>, usize, usize) {
    let mut text = Vec::new();
    let (bytes, indicators) = generator.write(&mut text, tables).expect("in memory");
    let reviewer = Reviewer::default();
    let mut cache = TargetCache::new();
    let mut read = Vec::with_capacity(tables);
    for item in read_text("corpus.txt", Cursor::new(text)).expect("opens") {
        let Item::Document(doc) = item.expect("the corpus reads") else { continue };
        let review = reviewer.review_cached(&doc.document, Some(&doc.source), &mut cache);
        let report = DocumentReport::new(&doc.document, &review);
        read.push((doc.document, report));
    }
    assert_eq!(read.len(), tables, "every generated table reads back");
    if files.by_department {
        // Stable: within a department and year the generator's order stays.
        read.sort_by(|(a, _), (b, _)| year_and_department(a).cmp(&year_and_department(b)));
    }
    let mut out: Vec<Vec<ImportTable>> = Vec::new();
    for (document, report) in read {
        let new_file = out.last().is_none_or(|file| {
            file.len() == files.per_file
                || files.by_department
                    && file
                        .last()
                        .is_some_and(|last| year_and_department(&last.document) != year_and_department(&document))
        });
        if new_file {
            out.push(Vec::with_capacity(files.per_file));
        }
        let n = first_file + out.len();
        out.last_mut().expect("pushed above").push(ImportTable {
            document,
            report,
            source_name: format!("corpus-{n:04}.txt"),
            source_hash: format!("{n:064x}"),
            reading: None,
        });
    }
    (out, bytes, indicators)
}

/// What a department's file holds the tables of: one department, one year.
fn year_and_department(document: &Document) -> (Option<i32>, &str) {
    (document.year, &document.department)
}

/// Imports `files` as `jixiao import` does, several a transaction (each whole or not at all);
/// returns the tables created, and adds the wall and CPU time taken to `f`.
async fn import_files(
    store: &Store,
    files: &[Vec<ImportTable>],
    commit_every: usize,
    f: &mut RunFigures,
) -> Result<usize, String> {
    let (start, (user, system)) = (Instant::now(), user_and_system_seconds());
    let mut created = 0;
    let mut batch = None;
    for file in files {
        let b = match &mut batch {
            Some(b) => b,
            None => {
                let b = store.begin_import("bench").await.map_err(|e| format!("import: {e}"))?;
                batch.insert(if commit_every > 0 { b.full_at(commit_every) } else { b })
            }
        };
        let outcomes = b.file(file).await.map_err(|e| format!("import: {e}"))?;
        created += outcomes.iter().filter(|o| matches!(o, ImportOutcome::Created { .. })).count();
        if b.is_full() {
            if let Some(b) = batch.take() {
                b.finish().await.map_err(|e| format!("import: {e}"))?;
            }
        }
    }
    if let Some(b) = batch {
        b.finish().await.map_err(|e| format!("import: {e}"))?;
    }
    f.import_wall += start.elapsed().as_secs_f64();
    let (user_after, system_after) = user_and_system_seconds();
    f.import_cpu += user_after - user + system_after - system;
    f.import_system += system_after - system;
    Ok(created)
}

/// An empty store for run `run`: a new SQLite file beside the one named, or a new schema.
fn fresh(base: &Location, run: usize) -> Result<Location, String> {
    match base {
        Location::Sqlite { path } => {
            let path = PathBuf::from(format!("{}.run{run}", path.display()));
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            remove_sqlite(&path);
            Ok(Location::Sqlite { path })
        }
        Location::SqliteMemory => Ok(Location::SqliteMemory),
        Location::Postgres { url, .. } => {
            let schema = format!("store_bench_{}_{run}", std::process::id());
            Ok(Location::Postgres { url: url.clone(), schema: Some(schema) })
        }
    }
}

fn remove_sqlite(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

async fn one_run(
    base: &Location,
    run: usize,
    tables: &Tables,
    commit_every: usize,
    queries: usize,
    keep: bool,
) -> Result<RunFigures, String> {
    let location = fresh(base, run)?;
    let store = Store::open(&location).await.map_err(|e| format!("{location}: {e}"))?;
    let result = measure(&store, tables, commit_every, queries).await;
    store.close().await;
    if keep {
        eprintln!("kept the store at {location}");
        return result;
    }
    // Leave nothing behind: the SQLite file (a few hundred MB) or the schema.
    match &location {
        Location::Sqlite { path } => remove_sqlite(path),
        Location::Postgres { url, schema: Some(schema) } => drop_schema(url, schema).await,
        _ => {}
    }
    result
}

async fn drop_schema(url: &str, schema: &str) {
    use sqlx::{AssertSqlSafe, Connection, Executor};
    if let Ok(mut conn) = sqlx::PgConnection::connect(url).await {
        let _ = conn.execute(AssertSqlSafe(format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))).await;
    }
}

async fn measure(store: &Store, to_import: &Tables, commit_every: usize, queries: usize) -> Result<RunFigures, String> {
    let mut f = RunFigures::default();
    let tables = to_import.count();

    let before = rss_kb();
    reset_peak_rss();
    let created = match to_import {
        Tables::Prepared(files) => import_files(store, files, commit_every, &mut f).await?,
        &Tables::Batches { tables, batch, files } => {
            let mut generator = DistinctTables::new(SEED);
            let (mut created, mut prepared, mut files_before) = (0, 0, 0);
            while prepared < tables {
                let n = batch.min(tables - prepared);
                let (files, _, _) = prepare(&mut generator, n, files, files_before);
                prepared += n;
                files_before += files.len();
                created += import_files(store, &files, commit_every, &mut f).await?;
            }
            created
        }
    };
    f.import_peak_kb = peak_rss_kb().saturating_sub(before);
    if created != tables {
        return Err(format!("{created} of {tables} tables created: the generated tables should all be new"));
    }

    let before = rss_kb();
    reset_peak_rss();
    let (start, cpu) = (Instant::now(), cpu_seconds());
    let mut sink = CountingSink(0);
    let mut out = io::BufWriter::with_capacity(1 << 16, &mut sink);
    let mut exported = 0;
    {
        let all = Filter::default();
        let mut documents = store.documents(&all);
        while let Some(doc) = documents.next().await {
            let doc = doc.map_err(|e| format!("export: {e}"))?;
            jixiao_tables::write::json::write_line(&mut out, &doc).map_err(|e| e.to_string())?;
            exported += 1;
            if exported % (tables / 4).max(1) == 0 {
                f.export_rss_kb.push(rss_kb().saturating_sub(before));
            }
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    drop(out);
    f.export_wall = start.elapsed().as_secs_f64();
    f.export_cpu = cpu_seconds() - cpu;
    f.export_peak_kb = peak_rss_kb().saturating_sub(before);
    if exported != tables {
        return Err(format!("{exported} of {tables} tables exported"));
    }

    let list = |year, status, search: Option<&str>, page| Filter {
        year,
        status,
        search: search.map(str::to_owned),
        sort: Sort::Updated,
        descending: true,
        page,
        per_page: 50,
        ..Filter::default()
    };
    // The department the officer of the first table would see, and the lists the web pages ask
    // for: an officer's own tables, a department chosen by name, the public catalogue, each sort.
    let first = store.list(&Filter { sort: Sort::Year, per_page: 1, page: 1, ..Filter::default() }).await;
    let first = first.map_err(|e| format!("list: {e}"))?.items.into_iter().next().ok_or("no table listed")?;
    let sorted = |sort, descending| Filter { sort, descending, ..list(None, None, None, 1) };
    let cases = [
        ("year + status, page 1 of 50", list(Some(2020), Some(Status::Draft), None, 1)),
        ("year + status, page 100 of 50", list(Some(2020), Some(Status::Draft), None, 100)),
        (
            "an officer's department, page 1",
            Filter { department_id: Some(first.department_id), ..list(None, None, None, 1) },
        ),
        (
            "department by name + year, page 1",
            Filter { department: Some(first.department.clone()), ..list(Some(2020), None, None, 1) },
        ),
        ("published (the public catalogue), page 1", Filter { published: true, ..list(None, None, None, 1) }),
        ("all, sorted by project, page 1", sorted(Sort::Project, false)),
        ("all, sorted by errors, page 1", sorted(Sort::Errors, true)),
        ("all, sorted by department, page 1", sorted(Sort::Department, false)),
        ("search 高标准农田, page 1", list(None, None, Some("高标准农田"), 1)),
        ("year + search 满意度 + status, page 1", list(Some(2020), Some(Status::Draft), Some("满意度"), 1)),
        (
            "officer's department + search 满意度, page 1",
            Filter { department_id: Some(first.department_id), ..list(None, None, Some("满意度"), 1) },
        ),
        ("search with no match, page 1", list(None, None, Some("没有这个指标"), 1)),
        ("search of two characters 农田, page 1", list(None, None, Some("农田"), 1)),
        ("search a hundred hold 919号, page 1", list(None, None, Some("919号"), 1)),
        ("search a thousand hold 第79, page 1", list(None, None, Some("第79"), 1)),
        ("search of two characters four thousand hold 79, page 1", list(None, None, Some("79"), 1)),
        ("search of one character 田, page 1", list(None, None, Some("田"), 1)),
    ];
    for (name, filter) in cases {
        let mut times = Vec::with_capacity(queries);
        let mut cpu_times = Vec::with_capacity(queries);
        let mut total = String::new();
        for _ in 0..queries {
            let (start, cpu) = (Instant::now(), threads_cpu_seconds());
            let page = store.list(&filter).await.map_err(|e| format!("list: {e}"))?;
            times.push(start.elapsed().as_secs_f64() * 1e3);
            cpu_times.push((threads_cpu_seconds() - cpu) * 1e3);
            total = if page.total_exact { page.total.to_string() } else { format!("more than {}", page.total) };
        }
        f.queries_ms.push((name.to_owned(), median(&mut times), median(&mut cpu_times), total));
    }
    Ok(f)
}

/// Counts the bytes written to it and keeps none.
struct CountingSink(u64);

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn report(args: &Args, base: &Location, runs: &[RunFigures]) {
    let n = args.tables as f64;
    let med = |get: &dyn Fn(&RunFigures) -> f64| median(&mut runs.iter().map(get).collect::<Vec<_>>());
    let all =
        |get: &dyn Fn(&RunFigures) -> f64| runs.iter().map(|r| format!("{:.0}", get(r))).collect::<Vec<_>>().join(", ");
    println!(
        "store {base}: {} tables, up to {} per file{}, {} runs (medians; each run's figure in brackets)",
        args.tables,
        args.files.per_file,
        if args.files.by_department { ", each file one department's tables of one year" } else { "" },
        runs.len()
    );
    println!(
        "import: {:.0} tables/s wall [{}], {:.0} tables/s of CPU [{}], peak +{:.0} MB; CPU {:.1} s, of it in the kernel {:.1} s",
        med(&|r| n / r.import_wall),
        all(&|r| n / r.import_wall),
        med(&|r| n / r.import_cpu.max(1e-9)),
        all(&|r| n / r.import_cpu.max(1e-9)),
        med(&|r| r.import_peak_kb as f64 / 1024.0),
        med(&|r| r.import_cpu),
        med(&|r| r.import_system),
    );
    println!(
        "export: {:.0} tables/s wall [{}], {:.0} tables/s of CPU [{}], peak +{:.0} MB",
        med(&|r| n / r.export_wall),
        all(&|r| n / r.export_wall),
        med(&|r| n / r.export_cpu.max(1e-9)),
        all(&|r| n / r.export_cpu.max(1e-9)),
        med(&|r| r.export_peak_kb as f64 / 1024.0),
    );
    if let Some(last) = runs.last() {
        let quarters: Vec<String> =
            last.export_rss_kb.iter().map(|kb| format!("+{:.1}", *kb as f64 / 1024.0)).collect();
        println!("export resident memory at each quarter (MB, last run): {}", quarters.join(" "));
        for (i, (name, _, _, total)) in last.queries_ms.iter().enumerate() {
            let ms = med(&|r| r.queries_ms[i].1);
            let cpu = med(&|r| r.queries_ms[i].2);
            println!(
                "list {name}: {ms:.2} ms wall, {cpu:.2} ms of CPU (medians of {} per run; {total} tables match)",
                args.queries
            );
        }
    }
}
