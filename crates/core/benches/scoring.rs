//! Benchmark of self-evaluation scoring: indicators scored per second on one core, reading not
//! included (`jixiao-bench`'s `score` bench includes it).
//!
//! The corpus is built in memory from the scoring fixtures (a real 自评表 and one with wrong
//! scores), copied with deterministic variations of targets and actuals so that every formula
//! is taken: floors met and missed, ceilings, ranges, compound targets, deadlines, qualitative
//! bands, conversions and unscorable actuals. Each document is scored whole: weights,
//! indicators with their working, execution points, total, grade and the published figures
//! checked.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao_core::Document;
use jixiao_core::Stated;
use jixiao_core::model::documents_from_json;
use jixiao_core::scoring::{Profile, score_document};

const REAL: &str = include_str!("../../../fixtures/scoring/chizhou-tangxi-2022.json");
const WRONG: &str = include_str!("../../../fixtures/scoring/wrong-scores.json");

/// (target, actual) pairs swapped in for variety.
const VARIANTS: &[(&str, &str)] = &[
    ("≥90%", "95%"),
    ("≥90%", "0.85"),
    ("≤28.8万元", "30万元"),
    ("≤28.8万元", "250000元"),
    ("90%-95%", "93%"),
    ("大于10个团组，80人次", "8个团组，85人次"),
    ("2021年12月底前", "2022年1月15日"),
    ("2021年12月底前", "按时完成"),
    ("效果明显", "部分达成年度指标并具有一定效果"),
    ("≥50人", "较好"),
    ("≥50人", ""),
    ("100%", "100%"),
];

pub fn corpus(copies: usize) -> Vec<Document> {
    let mut seed = documents_from_json(REAL).expect("reads");
    seed.extend(documents_from_json(WRONG).expect("reads"));
    let mut docs = Vec::with_capacity(seed.len() * copies);
    let mut state: u64 = 0x5c0e;
    let mut next = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    for _ in 0..copies {
        for doc in &seed {
            let mut doc = doc.clone();
            for ind in &mut doc.indicators {
                if next() % 2 == 0 {
                    let (t, a) = VARIANTS[next() % VARIANTS.len()];
                    ind.target = t.to_owned();
                    ind.actual = Some(a.to_owned());
                    // The table's own score was for the old actual: left blank, as when a
                    // table is scored before publishing, so that only the fixture's
                    // deliberate errors are reported.
                    ind.score = Stated::Blank;
                }
            }
            docs.push(doc);
        }
    }
    docs
}

fn scoring(c: &mut Criterion) {
    let docs = corpus(1000);
    let indicators: usize = docs.iter().map(|d| d.indicators.len()).sum();
    let profile = Profile::default();
    let mut group = c.benchmark_group("scoring");
    group.throughput(Throughput::Elements(indicators as u64));
    group.bench_function(format!("{indicators} indicators"), |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(score_document(black_box(doc), &profile));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, scoring);
criterion_main!(benches);
