//! The seed — the 2020 tables of the Ningxia Foreign Affairs Office as copied out of the
//! published PDF — reads exactly as its expected JSON, with every indicator in place.

mod common;

use common::{assert_reads_as, read, repo};
use jixiao_core::source::Position;
use jixiao_tables::Severity;

#[test]
fn seed_text_reads_exactly_as_expected() {
    let diags = assert_reads_as(
        &repo().join("samples/ningxia-waishi-2020.txt"),
        &repo().join("samples/ningxia-waishi-2020.expected.json"),
    );
    let warnings: Vec<_> = diags.iter().filter(|d| d.severity == Severity::Warning).collect();
    assert!(warnings.is_empty(), "every cell of the seed is placed: {warnings:?}");
}

#[test]
fn seed_positions_point_at_the_source_lines() {
    let (docs, _) = read(&repo().join("samples/ningxia-waishi-2020.txt"));
    assert_eq!(docs.len(), 6);
    assert_eq!(docs.iter().map(|d| d.source.indicators.len()).sum::<usize>(), 60);
    // 出访团组及人次 is on line 26, the 4th field; the title of the first project table on line 16.
    let first_project = &docs[1];
    assert_eq!(first_project.source.document, Some(Position::text(16, 1)));
    assert_eq!(first_project.source.indicator(0), Some(&Position::text(26, 4)));
    assert_eq!(first_project.source.period, Some(Position::text(20, 5)));
    assert_eq!(first_project.source.funds, Some(Position::text(21, 4)));
    // 差旅 of 外事友城业务费 is the second name on line 96; its target is on the next line.
    let youcheng = &docs[4];
    let i = youcheng.document.indicators.iter().position(|i| i.name == "差旅").expect("差旅");
    assert_eq!(youcheng.source.indicator(i), Some(&Position::text(96, 4)));
}
