//! Benchmark of the review: indicators reviewed per second on one core.
//!
//! The corpus is built in memory from the seed table (6 documents, 60 indicators), copied 200
//! times with deterministic variations of targets, names and funds so that every rule's path
//! is taken (12,000 indicators), without a reader in the way; `jixiao-bench`'s review bench
//! measures the same on the generated corpus of the text reader. Two figures: each document on
//! its own, and with parsed targets kept across documents as the CLI does (the corpus repeats
//! the seed's targets, so the cache hits often; real tables repeat theirs too, if less).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao_core::Document;
use jixiao_core::model::documents_from_json;
use jixiao_core::review::{Reviewer, TargetCache};
use rust_decimal::Decimal;

const SEED_JSON: &str = include_str!("../../../samples/ningxia-waishi-2020.expected.json");

/// Targets swapped in for variety: ceilings, floors, dates, ranges, phrases, placeholders.
const VARIANTS: &[&str] = &[
    "≥90%",
    "≤28.8万元",
    "95%以上",
    "3天以内",
    "2020年12月底前",
    "90%-95%",
    "效果明显",
    "(≥**人)",
    "100",
    "不少于两次",
    "≥９０％",
    "1,600人次",
    "对学校2400平米体育场馆补贴5万元。",
    "",
];

fn corpus(copies: usize) -> Vec<Document> {
    let seed = documents_from_json(SEED_JSON).expect("the seed reads");
    let mut docs = Vec::with_capacity(seed.len() * copies);
    // A fixed linear congruential sequence: the same corpus on every run.
    let mut state: u64 = 0x5eed;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    for copy in 0..copies {
        for doc in &seed {
            let mut doc = doc.clone();
            if let Some(p) = doc.project.as_mut() {
                p.name = format!("{}{copy}", p.name);
                if next() % 7 == 0 {
                    p.funds.other = Some(Decimal::from(next() % 50).into());
                }
            }
            for ind in &mut doc.indicators {
                match next() % 4 {
                    0 => ind.target = VARIANTS[next() % VARIANTS.len()].to_owned(),
                    1 => ind.name = format!("{}{}", ind.name, copy % 10),
                    _ => {}
                }
            }
            docs.push(doc);
        }
    }
    docs
}

fn bench(c: &mut Criterion) {
    let docs = corpus(200);
    let indicators: usize = docs.iter().map(|d| d.indicators.len()).sum();
    let reviewer = Reviewer::default();
    let mut group = c.benchmark_group("review");
    group.throughput(Throughput::Elements(indicators as u64));
    group.bench_function("indicators", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(reviewer.review(black_box(doc), None));
            }
        })
    });
    // As `jixiao review` runs: parsed targets kept across the documents of a run.
    group.bench_function("indicators, target cache", |b| {
        let mut cache = TargetCache::new();
        b.iter(|| {
            for doc in &docs {
                black_box(reviewer.review_cached(black_box(doc), None, &mut cache));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
