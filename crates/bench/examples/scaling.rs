//! Whether the costs that could grow faster than their input do: the xlsx workbook and the
//! HTML page of N tables, the review of one table of N indicators, and `jixiao review --format
//! html` over N tables, each at 1×, 10× and 100×. Prints the CPU time per unit at each scale;
//! linear cost keeps it flat. The same total work is done at every scale (the small ones
//! repeated), so that the clock's 10 ms ticks do not blur the small ones.
//!
//! `cargo build --release && cargo run --release -p jixiao-bench --example scaling`

use std::io;
use std::path::Path;
use std::process::Command;

use jixiao_bench::cpu_seconds;
use jixiao_core::Document;
use jixiao_core::review::Reviewer;
use jixiao_tables::write::html::HtmlWriter;
use jixiao_tables::write::xlsx::XlsxWriter;

const SCALES: [usize; 3] = [1, 10, 100];

fn sample() -> Vec<Document> {
    let text = include_str!("../../../samples/ningxia-waishi-2020.expected.json");
    jixiao_core::model::documents_from_json(text).expect("the sample")
}

/// `n` tables: the sample's, each project renamed so that no two are alike.
fn tables(n: usize) -> Vec<Document> {
    let seed = sample();
    (0..n)
        .map(|i| {
            let mut d = seed[i % seed.len()].clone();
            if let Some(p) = d.project.as_mut() {
                p.name = format!("{}（第{i}号）", p.name);
            }
            d
        })
        .collect()
}

/// One table of `n` indicators: the sample's project indicators, repeated and numbered.
fn huge_table(n: usize) -> Document {
    let seed = sample();
    let mut d = seed[1].clone();
    let pool: Vec<_> = seed.iter().flat_map(|d| d.indicators.clone()).collect();
    d.indicators = (0..n)
        .map(|i| {
            let mut ind = pool[i % pool.len()].clone();
            ind.name = format!("{}{i}", ind.name);
            ind
        })
        .collect();
    d
}

/// CPU seconds of `f` run `reps` times, per unit of `units`.
fn per_unit(reps: usize, units: usize, mut f: impl FnMut()) -> f64 {
    let start = cpu_seconds();
    for _ in 0..reps {
        f();
    }
    (cpu_seconds() - start) / (reps * units) as f64
}

/// CPU seconds of the children this process has waited for (cutime + cstime in /proc).
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let t = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (t(13) + t(14)) / 100.0
}

fn row(what: &str, unit: &str, costs: &[f64]) {
    let us: Vec<String> = costs.iter().map(|c| format!("{:.1} µs", c * 1e6)).collect();
    println!("| {what} | {} | {} | {} | {:.2} |  per {unit}", us[0], us[1], us[2], costs[2] / costs[0].max(1e-12));
}

fn main() {
    println!("| what | 1× | 10× | 100× | 100× / 1× per unit |");
    println!("|---|---|---|---|---|");
    let base_tables = 100;
    let xlsx: Vec<f64> = SCALES
        .iter()
        .map(|&k| {
            let docs = tables(base_tables * k);
            per_unit(100 / k, docs.len(), || {
                let mut w = XlsxWriter::new(100);
                for d in &docs {
                    w.write(d).expect("write");
                }
                w.finish(io::sink()).expect("finish");
            })
        })
        .collect();
    row("xlsx workbook of 100 × k tables (100 per sheet)", "table", &xlsx);
    let html: Vec<f64> = SCALES
        .iter()
        .map(|&k| {
            let docs = tables(base_tables * k);
            per_unit(100 / k, docs.len(), || {
                let mut w = HtmlWriter::new(io::sink(), "绩效目标表");
                for d in &docs {
                    w.write(d).expect("write");
                }
                w.finish().expect("finish");
            })
        })
        .collect();
    row("HTML page of 100 × k tables", "table", &html);
    let reviewer = Reviewer::default();
    let review: Vec<f64> = SCALES
        .iter()
        .map(|&k| {
            let d = huge_table(1_000 * k);
            per_unit(100 / k, d.indicators.len(), || {
                std::hint::black_box(reviewer.review(&d, None));
            })
        })
        .collect();
    row("review of one table of 1,000 × k indicators", "indicator", &review);
    // The review's HTML report is the command's: timed as a whole process when it is built.
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/release/jixiao");
    if !bin.exists() {
        println!("(build the binary with `cargo build --release` to time `jixiao review --format html`)");
        return;
    }
    let dir = std::env::temp_dir().join(format!("jixiao-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let report: Vec<f64> = SCALES
        .iter()
        .map(|&k| {
            let docs = tables(base_tables * k);
            let input = dir.join(format!("tables-{k}.json"));
            std::fs::write(&input, serde_json::to_string(&docs).expect("json")).expect("write input");
            let start = children_cpu();
            let reps = 10 / k.min(10);
            for _ in 0..reps {
                let out = dir.join("report.html");
                let status = Command::new(&bin)
                    .args(["review", "--format", "html", "-o"])
                    .arg(&out)
                    .arg(&input)
                    .status()
                    .expect("jixiao runs");
                assert!(status.code().is_some_and(|c| c <= 1), "review failed");
            }
            (children_cpu() - start) / (reps * docs.len()) as f64
        })
        .collect();
    row("`jixiao review --format html` over 100 × k tables (whole process)", "table", &report);
    let _ = std::fs::remove_dir_all(&dir);
}
