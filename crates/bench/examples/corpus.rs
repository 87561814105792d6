//! Writes a corpus of target tables in the seed's text layout to standard output; with `--web`,
//! in the forms web pages give (cells one per line, or separated by single spaces or nothing),
//! the `read_text` bench's second corpus.
//! Usage: `cargo run --release -p jixiao-bench --example corpus -- [--web] MEGABYTES [SEED] > corpus.txt`

use std::io::{self, BufWriter, Write};

fn main() -> io::Result<()> {
    let mut args = std::env::args().skip(1).peekable();
    let web = args.next_if(|a| a == "--web").is_some();
    let megabytes: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(2020);
    let mut out = BufWriter::new(io::stdout().lock());
    let write = if web { jixiao_bench::write_web_corpus } else { jixiao_bench::write_corpus };
    let (bytes, tables, indicators) = write(&mut out, megabytes * 1_000_000, seed)?;
    out.flush()?;
    eprintln!("{bytes} bytes, {tables} tables, {indicators} indicators");
    Ok(())
}
