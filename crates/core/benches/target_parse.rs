//! Benchmark of target parsing over a corpus of real-looking targets (the seed's, the wild
//! fixtures', and the forms the grammar supports), reported as targets per second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use jixiao_core::Target;

/// Targets as they appear in published tables, weighted towards the common short forms.
const CORPUS: &[&str] = &[
    "100%",
    "0",
    "10%",
    "大于10个团组，80人次",
    "大于3个项目",
    "大于650万元",
    "大于1500万元",
    "大大提升",
    "大于80%",
    "大于1500本",
    "大于200人",
    "大于90%",
    "小于7个工作日",
    "小于3个工作日",
    "大于10万元",
    "持续增长",
    "持续提升",
    "大于40个团组，500人次",
    "大于网站2个，100人次",
    "",
    "小于3天",
    "有所提升",
    "50人",
    "70%",
    "大于2场",
    "≥90%",
    ">=95",
    "≤28.8万元",
    "95%以上",
    "95%以上。",
    "3天以内",
    "10万元以下",
    "2021年12月底前",
    "2021年12月31日前",
    "12月底前",
    "效果明显",
    "达成预期指标",
    "≥９０％",
    "1,600人次",
    "90%-95%",
    "1至2个",
    "不少于两次",
    "巩固提高",
    "持续改善",
    "学生、家长、社会满意度≥90%",
    "2",
    "按照资金测算控制各项成本。",
    "2021年12月底完成项目规划相关工作。",
    "对学校2400平米体育场馆补贴5万元。",
    "促进人民群众健康水平不断提高。",
    "参照政府采购成本控制",
    "≥95",
    "=1",
    "≥9.31",
    "＞85%",
    "7个工作日内",
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("target");
    group.throughput(Throughput::Elements(CORPUS.len() as u64));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in CORPUS {
                black_box(Target::parse(black_box(text)));
            }
        })
    });
    group.bench_function("parse+canonical", |b| {
        b.iter(|| {
            for text in CORPUS {
                black_box(Target::parse(black_box(text)).canonical());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
