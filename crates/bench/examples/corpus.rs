//! Writes a corpus of target tables in the seed's text layout to standard output.
//! Usage: `cargo run --release -p jixiao-bench --example corpus -- MEGABYTES [SEED] > corpus.txt`

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1);
    let megabytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2020);
    let mut out = BufWriter::new(io::stdout().lock());
    let (bytes, tables, indicators) = jixiao_bench::write_corpus(&mut out, megabytes * 1_000_000, seed)?;
    out.flush()?;
    eprintln!("{bytes} bytes, {tables} tables, {indicators} indicators");
    Ok(())
}
