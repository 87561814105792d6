//! `jixiao import`: read tables from files, review each and store them, each file whole or not at
//! all (several files a transaction, a savepoint each); a summary at the end, a progress bar on a
//! terminal.

use crate::report;
use std::fs;
use std::io::Read;
use std::path::Path;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};
use jixiao_core::review::TargetCache;
use jixiao_store::hash::{hex, sha256_hex};
use jixiao_store::{ImportOutcome, ImportTable};
use jixiao_tables::{IntakeError, read_path, read_stream, reviewed};
use sha2::{Digest, Sha256};

use super::{Outcome, STDIN, input_name};
use crate::cli::ImportArgs;
use crate::config;

/// Who the change log names for the command line.
const ACTOR: &str = "cli";

/// How many tables were created, updated or left unchanged, and what their review found.
#[derive(Default)]
struct Counts {
    created: usize,
    updated: usize,
    unchanged: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
}

impl Counts {
    fn add(&mut self, c: &Counts) {
        self.created += c.created;
        self.updated += c.updated;
        self.unchanged += c.unchanged;
        self.errors += c.errors;
        self.warnings += c.warnings;
        self.infos += c.infos;
    }
}

#[derive(Default)]
struct Summary {
    files: usize,
    stored: Counts,
    failed: Vec<(String, String)>,
}

impl Summary {
    fn fail(&mut self, progress: &ProgressBar, name: String, why: &str) {
        let e = format!("未导入 (此文件的表均未写入): {why}");
        progress.suspend(|| report!("jixiao: 错误: {name}: {e}"));
        // The summary names the file before the reason.
        self.failed.push((name, e));
    }
}

/// A file's tables as stored, held until its batch commits: what to print and count then.
struct StoredFile {
    name: String,
    listing: String,
    counts: Counts,
}

impl StoredFile {
    fn new(name: String, tables: &[ImportTable], outcomes: &[ImportOutcome], dry_run: bool) -> StoredFile {
        let mut counts = Counts::default();
        for (t, o) in tables.iter().zip(outcomes) {
            match o {
                ImportOutcome::Created { .. } => counts.created += 1,
                ImportOutcome::Updated { .. } => counts.updated += 1,
                ImportOutcome::Unchanged { .. } => counts.unchanged += 1,
            }
            counts.errors += t.report.summary.errors;
            counts.warnings += t.report.summary.warnings;
            counts.infos += t.report.summary.infos;
        }
        StoredFile { listing: listing(&name, tables, outcomes, dry_run), name, counts }
    }

    /// Prints the listing. A closed standard output (`| head`) stops the listing, not the import.
    fn print(&self) {
        use std::io::Write;
        let _ = std::io::stdout().lock().write_all(self.listing.as_bytes());
    }
}

/// Files stored in one transaction ([`jixiao_store::ImportBatch`]) until it is full, and what
/// to say about them once it commits.
#[derive(Default)]
struct Batch<'s> {
    open: Option<jixiao_store::ImportBatch<'s>>,
    files: Vec<StoredFile>,
}

impl<'s> Batch<'s> {
    async fn file(
        &mut self,
        store: &'s jixiao_store::Store,
        commit_every: usize,
        name: String,
        tables: &[ImportTable],
        summary: &mut Summary,
        progress: &ProgressBar,
    ) {
        if self.open.is_none() {
            match store.begin_import(ACTOR).await {
                Ok(b) => self.open = Some(b.full_at(commit_every)),
                Err(e) => return summary.fail(progress, name, &e.to_string()),
            }
        }
        let Some(batch) = &mut self.open else { return };
        match batch.file(tables).await {
            Ok(outcomes) => self.files.push(StoredFile::new(name, tables, &outcomes, false)),
            Err(e) => {
                summary.fail(progress, name, &e.to_string());
                if batch.is_broken() {
                    // Nothing of the batch will be stored: its files fail with it.
                    self.open = None;
                    for f in self.files.drain(..) {
                        summary.fail(progress, f.name, &format!("同批导入的另一文件出错后整批回滚: {e}"));
                    }
                }
            }
        }
    }

    fn full(&self) -> bool {
        self.open.as_ref().is_some_and(jixiao_store::ImportBatch::is_full)
    }

    /// Commits the batch, then lists and counts its files; if the commit fails, none is stored.
    async fn finish(&mut self, summary: &mut Summary, progress: &ProgressBar) {
        let Some(batch) = self.open.take() else { return };
        match batch.finish().await {
            Ok(()) => {
                for f in self.files.drain(..) {
                    progress.suspend(|| f.print());
                    summary.stored.add(&f.counts);
                }
            }
            Err(e) => {
                for f in self.files.drain(..) {
                    summary.fail(progress, f.name, &e.to_string());
                }
            }
        }
    }
}

pub fn run(args: ImportArgs) -> Result<Outcome> {
    let (reviewer, _) = config::load(args.config.as_deref())?;
    let rt = super::store::runtime()?;
    let store = super::store::open(&rt, &args.db.db, args.dry_run)?;
    let progress = ProgressBar::new(args.files.len() as u64);
    progress.set_style(
        ProgressStyle::with_template("{bar:30} {pos}/{len} 个文件 {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if args.files.len() < 2 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let mut summary = Summary::default();
    let mut targets = TargetCache::new();
    let mut batch = Batch::default();
    for path in &args.files {
        let name = input_name(path);
        progress.set_message(name.clone());
        summary.files += 1;
        let tables = match read_file(path, &name, &reviewer, &mut targets, &progress) {
            Ok(tables) => tables,
            Err(e) => {
                progress.suspend(|| report!("jixiao: 错误: {e}"));
                summary.failed.push((name, e.to_string()));
                progress.inc(1);
                continue;
            }
        };
        if args.dry_run {
            match rt.block_on(store.import(ACTOR, &tables, true)) {
                Ok(outcomes) => {
                    let stored = StoredFile::new(name, &tables, &outcomes, true);
                    progress.suspend(|| stored.print());
                    summary.stored.add(&stored.counts);
                }
                Err(e) => summary.fail(&progress, name, &e.to_string()),
            }
        } else {
            rt.block_on(batch.file(&store, args.commit_every, name, &tables, &mut summary, &progress));
            if batch.full() {
                rt.block_on(batch.finish(&mut summary, &progress));
            }
        }
        progress.inc(1);
    }
    rt.block_on(batch.finish(&mut summary, &progress));
    progress.finish_and_clear();
    rt.block_on(store.close());
    // A dry run on a store not made yet reads an empty one in memory: it names the one asked for.
    let location = if args.dry_run {
        jixiao_store::Location::parse(&args.db.db)?.to_string()
    } else {
        store.location().to_string()
    };
    print_summary(&summary, args.dry_run, &location);
    Ok(if !summary.failed.is_empty() {
        Outcome::Failed
    } else if summary.stored.errors > 0 {
        Outcome::Findings
    } else {
        Outcome::Success
    })
}

/// Reads and reviews one file; any read error fails the whole file.
fn read_file(
    path: &Path,
    name: &str,
    reviewer: &jixiao_core::review::Reviewer,
    targets: &mut TargetCache,
    progress: &ProgressBar,
) -> Result<Vec<ImportTable>, IntakeError> {
    let unreadable = |source| IntakeError::Unreadable { name: name.to_owned(), source };
    let (items, hash) = if path.as_os_str() == STDIN {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(unreadable)?;
        let hash = sha256_hex(&bytes);
        (read_stream(name, std::io::Cursor::new(bytes))?, hash)
    } else {
        (read_path(path)?, file_hash(path).map_err(unreadable)?)
    };
    let docs = reviewed(
        name,
        items,
        |document, source| reviewer.review_cached(document, Some(source), targets),
        |diagnostics| progress.suspend(|| diagnostics.iter().for_each(|d| report!("{}", d.display(name)))),
    )?;
    Ok(docs
        .into_iter()
        .map(|d| ImportTable { reading: d.reading, ..ImportTable::new(d.document, d.report, name, &hash) })
        .collect())
}

fn file_hash(path: &Path) -> std::io::Result<String> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buf)? {
            0 => break,
            n => hasher.update(&buf[..n]),
        }
    }
    Ok(hex(&hasher.finalize()))
}

/// One line per table; in a dry run, its findings below it.
fn listing(name: &str, tables: &[ImportTable], outcomes: &[ImportOutcome], dry_run: bool) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    for (t, o) in tables.iter().zip(outcomes) {
        let d = &t.document;
        let s = &t.report.summary;
        let id =
            if dry_run && matches!(o, ImportOutcome::Created { .. }) { "新".to_owned() } else { o.id().to_string() };
        let verb = if dry_run { format!("将{}", o.label()) } else { o.label().to_owned() };
        let _ = writeln!(
            out,
            "{verb}\t#{id}\t{}\t{}\t{}\t{} 错误 {} 警告 {} 提示\t{}",
            d.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
            d.department,
            d.label(),
            s.errors,
            s.warnings,
            s.infos,
            name
        );
        if dry_run {
            for f in &t.report.findings {
                let severity = f.severity.label();
                let place = f.indicator.as_ref().map(|i| format!("指标“{}”: ", i.name)).unwrap_or_default();
                let _ = writeln!(out, "    {severity}[{}]: {place}{}", f.rule, f.message);
            }
        }
    }
    out
}

fn print_summary(s: &Summary, dry_run: bool, location: &str) {
    let head = if dry_run { "试运行, 未写入" } else { "已导入" };
    report!(
        "{head} {location}: {} 个文件, 新建 {} 张表, 更新 {} 张, 未变 {} 张; 审核发现 {} 个错误, {} 个警告, {} 个提示",
        s.files,
        s.stored.created,
        s.stored.updated,
        s.stored.unchanged,
        s.stored.errors,
        s.stored.warnings,
        s.stored.infos
    );
    if !s.failed.is_empty() {
        report!("{} 个文件未导入:", s.failed.len());
        for (file, why) in &s.failed {
            report!("  {file}: {why}");
        }
    }
}
