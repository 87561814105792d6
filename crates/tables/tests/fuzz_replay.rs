//! The bounded fuzz run of CI, on the stable toolchain: every reader (text, CSV, JSON, JSON
//! Lines, xlsx, xls, ods) is given its seed files (the committed fixtures) and a fixed number of
//! deterministic mutations of each, and must end every one with documents, diagnostics or an
//! error: no panic, no abort, no hang. `JIXIAO_FUZZ_RUNS=N` sets the mutations per seed (default
//! 24); the cargo-fuzz targets under `fuzz/` run the same readers for as long as one likes.

mod common;

use std::fs;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use common::repo;
use jixiao_tables::{read_csv, read_stream, read_text};

/// A small deterministic generator (xorshift64*), so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Values that reach edge cases in length and count fields.
const INTERESTING: [&[u8]; 8] =
    [b"\x00", b"\xFF", b"\x7F", b"\x80", b"\xFF\xFF", b"\x00\x00\x00\x80", b"\xFF\xFF\xFF\xFF", b"\xFE\xFF\xFF\x7F"];

/// One structured mutation of `seed`: flipped bytes, edge values written over length fields,
/// a cut, a repeated or removed stretch, inserted bytes, text-level damage.
fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = b.len().max(1);
        match rng.below(8) {
            0 => {
                for _ in 0..1 + rng.below(8) {
                    let at = rng.below(b.len());
                    if let Some(x) = b.get_mut(at) {
                        *x = rng.next() as u8;
                    }
                }
            }
            1 => {
                let v = INTERESTING[rng.below(INTERESTING.len())];
                let at = rng.below(len);
                for (i, &x) in v.iter().enumerate() {
                    if let Some(slot) = b.get_mut(at + i) {
                        *slot = x;
                    }
                }
            }
            2 => b.truncate(rng.below(len)),
            3 => {
                let from = rng.below(len);
                let to = (from + rng.below(4096)).min(b.len());
                let piece = b.get(from..to).unwrap_or_default().to_vec();
                let at = rng.below(len).min(b.len());
                b.splice(at..at, piece);
            }
            4 => {
                let from = rng.below(len).min(b.len());
                let to = (from + rng.below(256)).min(b.len());
                b.drain(from..to);
            }
            5 => {
                let at = rng.below(len).min(b.len());
                let noise: Vec<u8> = (0..1 + rng.below(16)).map(|_| rng.next() as u8).collect();
                b.splice(at..at, noise);
            }
            6 => {
                // Text-level damage: a quote, a tab, a line break, a bracket, digits.
                let at = rng.below(len).min(b.len());
                let v: &[u8] =
                    [&b"\""[..], b"\t", b"\n", b"[", b"{", b",", b"99999999999999999999999999999", b"\r"][rng.below(8)];
                b.splice(at..at, v.iter().copied());
            }
            _ => {
                // A stretch repeated many times: long lines and cells.
                let from = rng.below(len).min(b.len());
                let to = (from + 1 + rng.below(64)).min(b.len());
                let piece = b.get(from..to).unwrap_or_default().to_vec();
                let at = to;
                let times = 1 + rng.below(2000);
                b.splice(at..at, piece.iter().copied().cycle().take(piece.len() * times));
            }
        }
    }
    b
}

/// Reads `bytes` to its end through `read`, which may fail but not panic.
fn drain(read: impl FnOnce(std::io::Cursor<Vec<u8>>) -> Option<jixiao_tables::Items>, bytes: Vec<u8>) -> usize {
    let mut n = 0;
    if let Some(items) = read(std::io::Cursor::new(bytes)) {
        for item in items {
            n += 1;
            if item.is_err() {
                break;
            }
        }
    }
    n
}

fn runs() -> usize {
    std::env::var("JIXIAO_FUZZ_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(24)
}

fn seed_paths(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(repo().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(ext))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no {ext} seeds in {dir}");
    out
}

/// Runs every seed and `factor` × [`runs`] mutations of it through `read` (the cheap readers
/// get more); a failure names the seed and mutation, to replay it.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, factor: usize, read: fn(Vec<u8>) -> usize) {
    let start = Instant::now();
    let mut total = 0;
    for (s, seed) in seeds.iter().enumerate() {
        read(seed.clone());
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((s as u64 + 1) * 0x1000_0000_01B3));
        for run in 0..runs() * factor {
            let bytes = mutate(seed, &mut rng);
            let at = Instant::now();
            let outcome = std::panic::catch_unwind(|| read(bytes));
            assert!(outcome.is_ok(), "{name}: seed {s}, mutation {run} panicked");
            assert!(at.elapsed() < Duration::from_secs(20), "{name}: seed {s}, mutation {run} took {:?}", at.elapsed());
            total += 1;
        }
    }
    eprintln!("{name}: {total} mutated inputs in {:?}", start.elapsed());
}

fn files(paths: Vec<PathBuf>) -> Vec<Vec<u8>> {
    paths.into_iter().map(|p| fs::read(p).unwrap()).collect()
}

fn sniffed(bytes: Vec<u8>) -> usize {
    drain(|c| read_stream("fuzz", c).ok(), bytes)
}

#[test]
fn text() {
    let mut seeds = files(seed_paths("samples", ".txt"));
    seeds.extend(files(seed_paths("fixtures/wild", ".txt")));
    seeds.extend(files(seed_paths("fixtures/layouts", ".txt")));
    fuzz("text", seeds, 1, |b| drain(|c| read_text("fuzz.txt", c).ok(), b.clone()) + sniffed(b));
}

#[test]
fn csv() {
    fuzz("csv", files(seed_paths("fixtures/csv", ".csv")), 2, |b| {
        drain(|c| read_csv("fuzz.csv", c).ok(), b.clone()) + sniffed(b)
    });
}

#[test]
fn json() {
    let mut seeds = files(seed_paths("samples", ".expected.json"));
    seeds.extend(files(seed_paths("fixtures/sheets", ".expected.json")));
    fuzz("json", seeds, 2, sniffed);
}

#[test]
fn json_lines() {
    let seeds = files(seed_paths("samples", ".expected.json"))
        .into_iter()
        .map(|b| {
            let docs: Vec<serde_json::Value> = serde_json::from_slice(&b).unwrap();
            docs.iter().map(|d| format!("{d}\n")).collect::<String>().into_bytes()
        })
        .collect();
    fuzz("jsonl", seeds, 8, sniffed);
}

#[test]
fn xlsx() {
    fuzz("xlsx", files(seed_paths("fixtures/sheets", ".xlsx")), 8, sniffed);
}

#[test]
fn xls() {
    fuzz("xls", files(seed_paths("fixtures/sheets", ".xls")), 40, sniffed);
}

#[test]
fn ods() {
    fuzz("ods", files(seed_paths("fixtures/sheets", ".ods")), 20, sniffed);
}
