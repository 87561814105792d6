//! Benchmark of self-evaluation scoring: indicators scored per second on one core, and reading
//! the same tables from interchange JSON measured separately.
//!
//! The corpus (`scoring_corpus`: the scoring fixtures varied) is written as interchange JSON,
//! then timed five times each: reading the JSON into documents, and scoring every document
//! whole (weights, each indicator with its working, execution points, total, grade, published
//! figures checked): each table on its own, and with parsed targets and actuals kept across
//! tables as `jixiao score` does (the corpus repeats its texts, as real tables do, if less). Medians of wall and CPU time; CPU time is the single-core figure on a
//! busy machine.
//!
//! `cargo bench -p jixiao-bench --bench score` (JIXIAO_BENCH_COPIES sets the size; the default
//! 12,000 copies are 324,000 indicators, enough for CPU time counted in 10 ms ticks).

use std::hint::black_box;
use std::time::Instant;

use jixiao_bench::{cpu_seconds, scoring_corpus};
use jixiao_core::model::documents_from_json;
use jixiao_core::scoring::{ParseCache, Profile, score_cached, score_document};

fn main() {
    let copies: usize = std::env::var("JIXIAO_BENCH_COPIES").ok().and_then(|v| v.parse().ok()).unwrap_or(12_000);
    let docs = scoring_corpus(copies.max(1));
    let indicators: usize = docs.iter().map(|d| d.indicators.len()).sum();
    let json = serde_json::to_string(&docs).expect("writes");
    println!("corpus: {} tables, {indicators} indicators, {:.1} MB of JSON", docs.len(), json.len() as f64 / 1e6);

    let profile = Profile::default();
    let (mut scored, mut discrepancies) = (0, 0);
    for d in &docs {
        let s = score_document(d, &profile);
        scored += s.indicators.iter().filter(|i| i.score.is_some()).count();
        discrepancies += s.discrepancies.len();
    }
    println!("scored: {scored} of {indicators} indicators; {discrepancies} published figures disagree");

    measure("read interchange JSON", indicators, || {
        black_box(documents_from_json(black_box(&json)).expect("reads"));
    });
    measure("score, each table on its own", indicators, || {
        for d in &docs {
            black_box(score_document(black_box(d), &profile));
        }
    });
    let mut cache = ParseCache::new();
    measure("score, parses kept across tables (as the CLI runs)", indicators, || {
        for d in &docs {
            black_box(score_cached(black_box(d), &profile, &mut cache));
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
        "{what}: median {median:.3} s = {:.2} M indicators/s; median CPU time {cpu_median:.3} s = {:.2} M indicators/s per core",
        n / median / 1e6,
        n / cpu_median / 1e6
    );
}
