//! `jixiao import`: read tables from files, review each and store them, one transaction per file;
//! a summary at the end, a progress bar on a terminal.

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

#[derive(Default)]
struct Summary {
    files: usize,
    created: usize,
    updated: usize,
    unchanged: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    failed: Vec<(String, String)>,
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
        match rt.block_on(store.import(ACTOR, &tables, args.dry_run)) {
            Ok(outcomes) => {
                progress.suspend(|| list_tables(&name, &tables, &outcomes, args.dry_run));
                for (t, o) in tables.iter().zip(&outcomes) {
                    match o {
                        ImportOutcome::Created { .. } => summary.created += 1,
                        ImportOutcome::Updated { .. } => summary.updated += 1,
                        ImportOutcome::Unchanged { .. } => summary.unchanged += 1,
                    }
                    summary.errors += t.report.summary.errors;
                    summary.warnings += t.report.summary.warnings;
                    summary.infos += t.report.summary.infos;
                }
            }
            Err(e) => {
                let e = format!("{name}: 未导入 (此文件的表均未写入): {e}");
                progress.suspend(|| report!("jixiao: 错误: {e}"));
                summary.failed.push((name, e));
            }
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    rt.block_on(store.close());
    print_summary(&summary, args.dry_run, &store.location().to_string());
    Ok(if !summary.failed.is_empty() {
        Outcome::Failed
    } else if summary.errors > 0 {
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
    Ok(docs.into_iter().map(|d| ImportTable::new(d.document, d.report, name, &hash)).collect())
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

/// One line per table; in a dry run, its findings below it. A closed standard output (`| head`)
/// stops the listing, not the import.
fn list_tables(name: &str, tables: &[ImportTable], outcomes: &[ImportOutcome], dry_run: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
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
}

fn print_summary(s: &Summary, dry_run: bool, location: &str) {
    let head = if dry_run { "试运行, 未写入" } else { "已导入" };
    report!(
        "{head} {location}: {} 个文件, 新建 {} 张表, 更新 {} 张, 未变 {} 张; 审核发现 {} 个错误, {} 个警告, {} 个提示",
        s.files,
        s.created,
        s.updated,
        s.unchanged,
        s.errors,
        s.warnings,
        s.infos
    );
    if !s.failed.is_empty() {
        report!("{} 个文件未导入:", s.failed.len());
        for (file, why) in &s.failed {
            report!("  {file}: {why}");
        }
    }
}
