//! Reads a text file with the text reader and prints what it found: the target to profile the
//! reader alone, without the corpus generation the `read_text` bench does first.
//!
//! `cargo run --release -p jixiao-bench --example read -- corpus.txt`

use jixiao_tables::{Item, read_path};

fn main() {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: read FILE");
        std::process::exit(2);
    };
    let (mut docs, mut indicators, mut diagnostics) = (0usize, 0usize, 0usize);
    for item in read_path(path.as_ref()).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => {
                docs += 1;
                indicators += d.document.indicators.len();
            }
            _ => diagnostics += 1,
        }
    }
    println!("{docs} documents, {indicators} indicators, {diagnostics} diagnostics");
}
