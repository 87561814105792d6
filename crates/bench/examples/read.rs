//! Reads a text file with the text reader and prints what it found and the CPU time it took:
//! the reader alone, without the corpus generation the `read_text` bench does first, for
//! profilers (`valgrind --tool=callgrind`, `perf record`).
//!
//! `cargo run --release -p jixiao-bench --example read -- corpus.txt`

use jixiao_bench::cpu_seconds;
use jixiao_tables::{Item, read_path};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: read FILE");
        std::process::exit(2);
    };
    let start = cpu_seconds();
    let (mut docs, mut indicators, mut diagnostics) = (0usize, 0usize, 0usize);
    for item in read_path(path.as_ref()).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => {
                docs += 1;
                indicators += d.document.indicators.len();
            }
            Item::Diagnostic(_) => diagnostics += 1,
        }
    }
    let cpu = cpu_seconds() - start;
    let mb = std::fs::metadata(&path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0);
    println!("{docs} documents, {indicators} indicators, {diagnostics} diagnostics");
    println!("{mb:.1} MB in {cpu:.3} s of CPU = {:.0} MB/s", mb / cpu.max(1e-9));
}
