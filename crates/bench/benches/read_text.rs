//! Benchmark of the text reader: throughput in MB/s on a generated corpus of at least 100 MB in
//! the seed's layout, read from a file as a stream, and peak memory at two corpus sizes to show
//! that it stays flat as the input grows; then on a corpus of a fifth of the size in the forms
//! web pages give (cells separated by single spaces or by nothing).
//!
//! `cargo bench -p jixiao-bench --bench read_text` (set JIXIAO_BENCH_MB to change the size).

use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

use jixiao_bench::{cpu_seconds, peak_rss_kb};
use jixiao_tables::{Item, read_path};

fn main() {
    let megabytes: usize = std::env::var("JIXIAO_BENCH_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(100);
    let dir = std::env::temp_dir().join(format!("jixiao-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");

    // Memory first, on a small corpus, before the large one raises the high-water mark.
    let small = dir.join("small.txt");
    generate(&small, megabytes / 10);
    let rss_before = peak_rss_kb();
    read_all(&small);
    let rss_small = peak_rss_kb();

    let large = dir.join("large.txt");
    let (bytes, tables, indicators) = generate(&large, megabytes);
    read_all(&large);
    let rss_large = peak_rss_kb();

    let mut times = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let (docs, read_indicators) = read_all(&large);
        times.push(start.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - cpu_start);
        assert_eq!((docs, read_indicators), (tables, indicators), "the corpus reads back whole");
    }
    times.sort_by(f64::total_cmp);
    cpu.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    let cpu_median = cpu[cpu.len() / 2];
    let mb = bytes as f64 / 1e6;
    println!("corpus: {mb:.1} MB, {tables} tables, {indicators} indicators");
    println!(
        "read_text: median {median:.3} s over {} runs (min {:.3} s, max {:.3} s) = {:.0} MB/s, {:.2} M indicators/s",
        times.len(),
        times[0],
        times[times.len() - 1],
        mb / median,
        indicators as f64 / median / 1e6
    );
    // On a busy machine wall time overstates the cost; CPU time is the single-core figure.
    println!("read_text: median CPU time {cpu_median:.3} s = {:.0} MB/s per core", mb / cpu_median);
    println!(
        "peak RSS: {} KB before, {} KB after {:.0} MB, {} KB after {:.0} MB",
        rss_before,
        rss_small,
        mb / 10.0,
        rss_large,
        mb
    );

    let web = dir.join("web.txt");
    let mut out = BufWriter::new(File::create(&web).expect("corpus file"));
    let (bytes, tables, indicators) =
        jixiao_bench::write_web_corpus(&mut out, megabytes.max(5) / 5 * 1_000_000, 2020).expect("writes");
    drop(out);
    let mut cpu = Vec::new();
    for _ in 0..5 {
        let cpu_start = cpu_seconds();
        let read = read_all(&web);
        cpu.push(cpu_seconds() - cpu_start);
        assert_eq!(read, (tables, indicators), "the web corpus reads back whole");
    }
    cpu.sort_by(f64::total_cmp);
    let mb = bytes as f64 / 1e6;
    println!(
        "read_text (web: single spaces, no separators): {mb:.1} MB, {tables} tables, {indicators} indicators; \
         median CPU time {:.3} s = {:.0} MB/s per core",
        cpu[cpu.len() / 2],
        mb / cpu[cpu.len() / 2]
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn generate(path: &Path, megabytes: usize) -> (usize, usize, usize) {
    let mut out = BufWriter::new(File::create(path).expect("corpus file"));
    jixiao_bench::write_corpus(&mut out, megabytes.max(1) * 1_000_000, 2020).expect("writes")
}

fn read_all(path: &Path) -> (usize, usize) {
    let mut docs = 0;
    let mut indicators = 0;
    for item in read_path(path).expect("opens") {
        if let Item::Document(d) = item.expect("reads") {
            docs += 1;
            indicators += d.document.indicators.len();
        }
    }
    (docs, indicators)
}
