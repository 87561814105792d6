//! A long table is reviewed like a short one: the duplicate check indexes names past 64
//! indicators instead of scanning back, and must find the same duplicates.

use jixiao_core::model::{Document, DocumentKind, Indicator};

fn table(n: usize, duplicate_of: usize, at: usize) -> Document {
    let mut d = Document::new(DocumentKind::Department);
    d.department = "某局".into();
    d.indicators = (0..n)
        .map(|i| Indicator {
            level1: "产出指标".into(),
            level2: "数量指标".into(),
            name: if i == at { format!("指标{duplicate_of}") } else { format!("指标{i}") },
            target: "≥10个".into(),
            ..Indicator::default()
        })
        .collect();
    d
}

fn duplicates(d: &Document) -> Vec<String> {
    jixiao_core::review::review(d, None)
        .findings
        .iter()
        .filter(|f| f.code() == "duplicate-indicator")
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn duplicates_are_found_alike_in_short_and_long_tables() {
    let short = duplicates(&table(20, 3, 15));
    assert_eq!(short, ["三级指标“指标3”在数量指标下重复出现 (第 4 个和第 16 个指标)"]);
    let long = duplicates(&table(5_000, 3, 4_000));
    assert_eq!(long, ["三级指标“指标3”在数量指标下重复出现 (第 4 个和第 4001 个指标)"]);
    assert!(duplicates(&table(5_000, 4_999, 4_999)).is_empty(), "an indicator is no duplicate of itself");
}
