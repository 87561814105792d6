//! Benchmark of the review on the generated corpus (the text reader's, in the seed's layout):
//! indicators reviewed per second on one core. The corpus is generated and read into documents
//! with their source maps first, untimed; then every document is reviewed, timed, five times.
//!
//! `cargo bench -p jixiao-bench --bench review` (set JIXIAO_BENCH_MB to change the size; the
//! default 30 MB is about 315,000 indicators, enough for CPU time counted in 10 ms ticks).

use std::hint::black_box;
use std::io::Cursor;
use std::time::Instant;

use jixiao_bench::cpu_seconds;
use jixiao_core::review::{Reviewer, Severity, TargetCache};
use jixiao_tables::{Item, ReadDocument, read_text};

fn main() {
    let megabytes: usize = std::env::var("JIXIAO_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(30);
    let mut text = Vec::new();
    let (bytes, tables, indicators) =
        jixiao_bench::write_corpus(&mut text, megabytes.max(1) * 1_000_000, 2020).expect("writes");
    let docs: Vec<ReadDocument> = read_text("corpus.txt", Cursor::new(text))
        .expect("opens")
        .filter_map(|item| match item.expect("reads") {
            Item::Document(d) => Some(*d),
            Item::Diagnostic(_) => None,
        })
        .collect();
    assert_eq!(docs.len(), tables, "the corpus reads back whole");
    println!("corpus: {:.1} MB, {tables} tables, {indicators} indicators", bytes as f64 / 1e6);

    let reviewer = Reviewer::default();
    let (mut errors, mut findings) = (0, 0);
    for d in &docs {
        let r = reviewer.review(&d.document, Some(&d.source));
        findings += r.findings.len();
        errors += r.findings.iter().filter(|f| f.severity == Severity::Error).count();
    }
    println!("findings: {findings} ({:.2} per indicator), {errors} errors", findings as f64 / indicators as f64);

    measure("review", indicators, || {
        for d in &docs {
            black_box(reviewer.review(black_box(&d.document), Some(&d.source)));
        }
    });
    let mut cache = TargetCache::new();
    measure("review, target cache (as the CLI runs)", indicators, || {
        for d in &docs {
            black_box(reviewer.review_cached(black_box(&d.document), Some(&d.source), &mut cache));
        }
    });
}

/// Runs `run` five times and prints the median wall and CPU time as indicators per second.
fn measure(what: &str, indicators: usize, mut run: impl FnMut()) {
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        run();
        times.push(start.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - cpu_start);
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let (median, cpu_median) = (times[2], cpu[2]);
    let n = indicators as f64;
    println!(
        "{what}: median {median:.3} s (min {:.3} s) = {:.2} M indicators/s; median CPU time {cpu_median:.3} s = {:.2} M indicators/s per core",
        times[0],
        n / median / 1e6,
        n / cpu_median / 1e6
    );
}
