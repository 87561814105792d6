//! Benchmark of the PDF reader: pages per second on one core over the PDF fixtures (the sample
//! and the wild tables, each printed by Chromium twice and by LibreOffice), from bytes to
//! documents, and the peak memory of reading them.
//!
//! `cargo bench -p jixiao-bench --bench read_pdf` (JIXIAO_BENCH_ROUNDS sets how many times
//! the set is read per run, default 5; JIXIAO_BENCH_PDFS=calc, or parts of names separated by
//! commas, reads only the files whose names hold one of them, to compare producers).

use std::path::Path;
use std::time::Instant;

use jixiao_bench::{cpu_seconds, peak_rss_kb};
use jixiao_tables::{Item, read_stream};

fn main() {
    let rounds: usize = std::env::var("JIXIAO_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let only = std::env::var("JIXIAO_BENCH_PDFS").unwrap_or_default();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/pdf");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("fixtures/pdf")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".pdf") && name.matches('.').count() == 2 && only.split(',').any(|part| name.contains(part))
        })
        .map(|p| (p.display().to_string(), std::fs::read(&p).expect("read")))
        .collect();
    files.sort();
    let bytes: usize = files.iter().map(|(_, b)| b.len()).sum();
    let pages: usize = files.iter().map(|(_, b)| jixiao_tables::read::pdf::page_count(b).expect("pdf")).sum();
    let rss_before = peak_rss_kb();
    let (docs, indicators) = read_all(&files);
    let rss_after = peak_rss_kb();

    let mut cpu = Vec::new();
    let mut wall = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        for _ in 0..rounds {
            assert_eq!(read_all(&files), (docs, indicators), "every reading is the same");
        }
        wall.push(start.elapsed().as_secs_f64());
        cpu.push(cpu_seconds() - cpu_start);
    }
    cpu.sort_by(f64::total_cmp);
    wall.sort_by(f64::total_cmp);
    let n = (pages * rounds) as f64;
    println!(
        "fixtures: {} PDFs, {pages} pages, {:.1} MB, {docs} documents, {indicators} indicators",
        files.len(),
        bytes as f64 / 1e6
    );
    println!(
        "read_pdf: median CPU time {:.3} s for {} pages = {:.0} pages/s per core (min {:.0}, max {:.0}); wall {:.0} pages/s",
        cpu[2],
        pages * rounds,
        n / cpu[2],
        n / cpu[4],
        n / cpu[0],
        n / wall[2]
    );
    println!("peak RSS: {rss_before} KB before, {rss_after} KB after reading the set once");
}

/// Reads every file to documents: (documents, indicators).
fn read_all(files: &[(String, Vec<u8>)]) -> (usize, usize) {
    let (mut docs, mut indicators) = (0, 0);
    for (name, bytes) in files {
        for item in read_stream(name, std::io::Cursor::new(bytes.clone())).expect("opens") {
            if let Item::Document(d) = item.expect("reads") {
                docs += 1;
                indicators += d.document.indicators.len();
            }
        }
    }
    (docs, indicators)
}
