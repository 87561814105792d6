//! Writing and reading a workbook of 10,000 target tables, end to end: documents → xlsx in the
//! official layout (100 tables one under another on each of 100 sheets), and xlsx → documents
//! through the spreadsheet reader and the table recognition. Prints the median of several runs,
//! as bench/python_route.py does for the same task, so the two can be compared.
//!
//!     cargo bench -p jixiao-tables --bench workbook            # JIXIAO_BENCH_RUNS=5 by default

use std::path::PathBuf;
use std::time::{Duration, Instant};

use jixiao_core::Document;
use jixiao_core::model::documents_from_json;
use jixiao_tables::write::xlsx::XlsxWriter;
use jixiao_tables::{Item, read_path};
use rust_decimal::Decimal;

const TABLES: usize = 10_000;
const PER_SHEET: usize = 100;

/// 10,000 tables made from the seed's six, each with its own name, funds and targets.
fn documents() -> Vec<Document> {
    let seed = documents_from_json(include_str!("../../../samples/ningxia-waishi-2020.expected.json")).expect("seed");
    (0..TABLES)
        .map(|i| {
            let mut doc = seed[i % seed.len()].clone();
            if let Some(p) = doc.project.as_mut() {
                p.name = format!("{}{}", p.name, i + 1);
                let total = Decimal::from(100 + (i as i64 * 37) % 900);
                p.funds.total = Some(total.into());
                p.funds.fiscal = Some(total.into());
                p.funds.other = Some(Decimal::ZERO.into());
            } else {
                doc.department = format!("{}{}", doc.department, i + 1);
            }
            for (k, ind) in doc.indicators.iter_mut().enumerate() {
                if ind.target.ends_with('%') {
                    ind.target = format!("大于{}%", 50 + (i + k) % 50);
                }
            }
            doc
        })
        .collect()
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    // `cargo test --benches` runs benches once as tests: keep that quick.
    if std::env::args().any(|a| a == "--test") {
        return;
    }
    let runs: usize = std::env::var("JIXIAO_BENCH_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(5).max(1);
    let docs = documents();
    let indicators: usize = docs.iter().map(|d| d.indicators.len()).sum();
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../bench-data");
    std::fs::create_dir_all(&dir).expect("bench-data folder");
    let path = dir.join("tables-10000.xlsx");

    let mut write_times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let mut w = XlsxWriter::new(PER_SHEET);
        for d in &docs {
            w.write(d).expect("write");
        }
        let file = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        w.finish(file).expect("finish");
        write_times.push(start.elapsed());
    }

    let mut read_times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let mut count = 0;
        for item in read_path(&path).expect("opens") {
            if let Item::Document(_) = item.expect("reads") {
                count += 1;
            }
        }
        read_times.push(start.elapsed());
        assert_eq!(count, TABLES, "every table read back");
    }
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    let (w, r) = (median(write_times), median(read_times));
    let sheets = TABLES / PER_SHEET;
    println!("workbook: {TABLES} tables, {indicators} indicators, {sheets} sheets, {:.1} MB", size as f64 / 1e6);
    let rate = |d: Duration| TABLES as f64 / d.as_secs_f64();
    println!("jixiao write xlsx: median {:.2} s of {runs} ({:.0} tables/s)", w.as_secs_f64(), rate(w));
    println!("jixiao read xlsx:  median {:.2} s of {runs} ({:.0} tables/s)", r.as_secs_f64(), rate(r));
}
