//! The regional rule sets in `config/regions/` read as review configurations, and each asks a
//! table for what its province's form has.

use jixiao_core::model::documents_from_json;
use jixiao_core::review::{ReviewConfig, Reviewer, RuleId};

fn reviewer(region: &str) -> Reviewer {
    let path = format!("{}/../../config/regions/{region}.toml", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let config: ReviewConfig = toml::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    Reviewer::new(&config).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fixture(name: &str) -> jixiao_core::model::Document {
    let path = format!("{}/../../fixtures/review/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    documents_from_json(&text).unwrap_or_else(|e| panic!("{path}: {e}")).remove(0)
}

fn codes(r: &Reviewer, doc: &jixiao_core::model::Document, rule: RuleId) -> Vec<String> {
    r.review(doc, None).findings.into_iter().filter(|f| f.rule == rule).map(|f| f.message).collect()
}

#[test]
fn every_region_reads() {
    let dir = format!("{}/../../config/regions", env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("config/regions") {
        let path = entry.expect("an entry").path();
        let name = path.file_stem().and_then(|s| s.to_str()).expect("a name").to_owned();
        reviewer(&name);
        n += 1;
    }
    assert!(n >= 3, "at least three regions, found {n}");
}

#[test]
fn ningxia_asks_for_the_attribute_and_period_others_do_not() {
    // An Anhui table with 项目来源 in place of 项目属性.
    let doc = fixture("18_anhui-jinan-canji-kangfu-2023");
    assert!(codes(&Reviewer::default(), &doc, RuleId::MissingField).is_empty());
    assert_eq!(codes(&reviewer("ningxia"), &doc, RuleId::MissingField), ["项目支出绩效目标表缺少项目属性"]);
    // A Sichuan 申报表 names no 实施单位: Sichuan does not ask for one, Ningxia does.
    let doc = fixture("17_sichuan-zhaohua-tekun-fuzhu-2021");
    assert!(codes(&reviewer("sichuan"), &doc, RuleId::MissingField).is_empty());
    let ningxia = codes(&reviewer("ningxia"), &doc, RuleId::MissingField);
    assert_eq!(ningxia.len(), 1);
    assert!(ningxia[0].contains("实施单位") && ningxia[0].contains("项目属性"), "{ningxia:?}");
}

#[test]
fn chongqing_reviews_in_the_2021_frame() {
    // 成本指标 as a 二级 of 产出指标 is misplaced in the 2021 frame only.
    let doc = fixture("12_hubei-wuhan-qingshan-bruoxiao-2020");
    assert!(codes(&Reviewer::default(), &doc, RuleId::LevelMismatch).is_empty());
    let f = codes(&reviewer("chongqing"), &doc, RuleId::LevelMismatch);
    assert_eq!(f.len(), 1, "{f:?}");
    assert!(f[0].contains("按 2021 年指标体系"), "{}", f[0]);
    // The flat list of a town is asked for no levels.
    let doc = fixture("11_chongqing-tongnan-wugui-yibanxing-2023");
    assert!(codes(&reviewer("chongqing"), &doc, RuleId::MissingLevel).is_empty());
    assert!(codes(&reviewer("chongqing"), &doc, RuleId::MissingField).is_empty());
}
