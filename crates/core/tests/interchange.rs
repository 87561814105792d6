//! The model reads and writes the interchange format exactly: the seed's expected JSON
//! survives a round trip unchanged, and the generated schema accepts it.

use jixiao_core::Stated;
use jixiao_core::model::{documents_from_json, interchange_schema};
use jixiao_core::{Document, DocumentKind};
use serde_json::Value;

const SEED_JSON: &str = include_str!("../../../samples/ningxia-waishi-2020.expected.json");

#[test]
fn seed_round_trips_to_the_same_json_value() {
    let docs = documents_from_json(SEED_JSON).expect("the seed reads");
    assert_eq!(docs.len(), 6);
    let written = serde_json::to_value(&docs).expect("writes");
    let original: Value = serde_json::from_str(SEED_JSON).expect("valid JSON");
    assert_eq!(written, original);
}

#[test]
fn seed_reads_into_the_model() {
    let docs = documents_from_json(SEED_JSON).expect("the seed reads");
    let dept = &docs[0];
    assert_eq!(dept.kind, DocumentKind::Department);
    assert_eq!(dept.year, Some(2020));
    assert_eq!(dept.department_code, Stated::Blank, "present but blank");
    assert_eq!(dept.duties.len(), 8);
    assert_eq!(dept.indicators[4].policy_target.as_deref(), Some("2020年执行中不发生预算追加"));
    let project = docs[1].project.as_ref().expect("a project table");
    assert_eq!(project.funds.total, Some(rust_decimal::Decimal::from(700).into()));
    assert_eq!(project.code, Stated::Absent, "absent");
    assert_eq!(docs.iter().map(|d| d.indicators.len()).sum::<usize>(), 60);
}

#[test]
fn amounts_stay_exact_decimals() {
    let json = r#"{"kind":"project","project":{"name":"x","funds":{"unit":"万元","total":0.1,"fiscal":12345678901234567.89,"other":null}}}"#;
    let docs = documents_from_json(json).expect("reads");
    let funds = &docs[0].project.as_ref().expect("project").funds;
    assert_eq!(funds.total.map(|d| d.to_string()).as_deref(), Some("0.1"));
    assert_eq!(funds.fiscal.map(|d| d.to_string()).as_deref(), Some("12345678901234567.89"));
    let back = serde_json::to_string(&docs[0]).expect("writes");
    assert!(back.contains(r#""fiscal":12345678901234567.89"#), "{back}");
    assert!(back.contains(r#""other":null"#), "{back}");
}

#[test]
fn errors_say_where() {
    let err = documents_from_json("[\n {\"kind\": \"budget\"}\n]").expect_err("not a kind");
    assert_eq!(err.line, 2);
    assert!(err.message.contains("budget"), "{}", err.message);
}

#[test]
fn absent_and_null_stay_apart() {
    let json = r#"{"kind":"project","department_code":null,"indicators":[{"level1":"产出指标","level2":"数量指标","name":"a","target":"","score":null}]}"#;
    let docs: Vec<Document> = documents_from_json(json).expect("reads");
    let back = serde_json::to_value(&docs[0]).expect("writes");
    assert_eq!(back["department_code"], Value::Null);
    assert!(back.as_object().expect("object").contains_key("department_code"));
    assert!(!back.as_object().expect("object").contains_key("project"));
    let ind = back["indicators"][0].as_object().expect("object");
    assert!(ind.contains_key("score") && ind["score"].is_null());
    assert!(!ind.contains_key("weight") && !ind.contains_key("policy_target"));
}

#[test]
fn schema_describes_the_format() {
    let schema = serde_json::to_value(interchange_schema()).expect("schema serialises");
    let text = schema.to_string();
    for field in ["department_code", "policy_target", "target_parts", "implementer", "funds", "self_evaluation"] {
        assert!(text.contains(field), "schema lacks {field}");
    }
    let kind = schema["$defs"]["DocumentKind"].to_string();
    assert!(kind.contains(r#""project""#) && kind.contains(r#""department""#), "{kind}");
}

/// `null` stands for "not stated" in any field that may be absent: the reader accepts it and
/// the schema says so, for text, lists and the funds alike.
#[test]
fn null_is_read_as_not_stated_and_the_schema_allows_it() {
    let docs = documents_from_json(
        r#"{"kind": "project", "title": null, "department": null, "goals": null, "indicators": null,
            "project": {"name": "测试项目", "implementer": null, "funds": {"unit": null, "total": 10}}}"#,
    )
    .expect("nulls read");
    let d = &docs[0];
    assert_eq!(d.department, "");
    assert!(d.goals.is_empty() && d.indicators.is_empty());
    let p = d.project.as_ref().expect("a project");
    assert_eq!(p.funds.unit.label(), "万元");
    assert_eq!(p.funds.total.map(|t| t.to_string()).as_deref(), Some("10"));
    let docs = documents_from_json(r#"{"kind": "project", "project": {"name": "x", "funds": null}}"#).expect("reads");
    assert!(docs[0].project.as_ref().is_some_and(|p| p.funds.total.is_none()));

    let schema = serde_json::to_value(interchange_schema()).expect("schema serialises");
    let department = schema["$defs"]["Document"]["properties"]["department"].to_string();
    assert!(department.contains("null"), "department allows null: {department}");
    let funds = schema["$defs"]["Project"]["properties"]["funds"].to_string();
    assert!(funds.contains("null") || funds.contains("anyOf"), "funds allows null: {funds}");
}
