//! Monitoring data in the interchange format: it round-trips, Chinese category names are read,
//! and the schema describes it.

use jixiao_core::model::{documents_from_json, interchange_schema};
use jixiao_core::{DeviationCause, Likelihood};
use serde_json::Value;

const MONITORING: &str = include_str!("../../../fixtures/scoring/monitoring-2021.json");
const SELF_EVALUATION: &str = include_str!("../../../fixtures/scoring/wrong-scores.json");

#[test]
fn monitoring_and_self_evaluation_round_trip() {
    for text in [MONITORING, SELF_EVALUATION] {
        let docs = documents_from_json(text).expect("reads");
        let original: Value = serde_json::from_str(text).expect("json");
        let original = if original.is_array() { original } else { Value::Array(vec![original]) };
        assert_eq!(serde_json::to_value(&docs).expect("writes"), original);
    }
}

#[test]
fn monitoring_fields_read_into_the_model() {
    let docs = documents_from_json(MONITORING).expect("reads");
    let m = docs[0].monitoring.as_ref().expect("monitoring");
    assert_eq!((m.month, m.spent_to_date.map(|d| d.to_string())), (Some(7), Some("31.5".to_owned())));
    let first = docs[0].indicators[0].monitoring.as_ref().expect("indicator monitoring");
    assert_eq!(first.cause, Some(DeviationCause::Other));
    assert_eq!(first.likelihood, Some(Likelihood::Impossible));
    assert_eq!(first.forecast.as_deref(), Some("4个团组"));
}

#[test]
fn chinese_category_names_are_read_and_english_written() {
    let json = r#"{"kind":"project","indicators":[{"level1":"产出指标","level2":"数量指标","name":"x","target":"≥1个",
        "monitoring":{"cause":"经费保障","likelihood":"确定能"}}]}"#;
    let docs = documents_from_json(json).expect("reads");
    let m = docs[0].indicators[0].monitoring.as_ref().expect("monitoring");
    assert_eq!((m.cause, m.likelihood), (Some(DeviationCause::Funding), Some(Likelihood::Certain)));
    let written = serde_json::to_value(&docs[0].indicators[0]).expect("writes");
    assert_eq!(written["monitoring"], serde_json::json!({"cause": "funding", "likelihood": "certain"}));
    let bad = r#"{"kind":"project","indicators":[{"monitoring":{"cause":"天气"}}]}"#;
    let e = documents_from_json(bad).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("天气"), "{}", e.message);
}

#[test]
fn the_schema_describes_monitoring() {
    let schema = serde_json::to_value(interchange_schema()).expect("schema");
    let defs = &schema["$defs"];
    assert!(defs["Document"]["properties"]["monitoring"].is_object());
    assert!(defs["Indicator"]["properties"]["monitoring"].is_object());
    for field in ["month", "budget_initial", "budget_full_year", "spent_to_date", "forecast_spent"] {
        assert!(defs["Monitoring"]["properties"][field].is_object(), "{field}");
    }
    for block in ["SelfEvaluation", "Monitoring"] {
        assert!(defs[block]["properties"]["budget_parts"].is_object(), "{block}");
    }
    for field in ["source", "budget_initial", "budget_full_year", "spent", "execution_rate", "forecast_spent"] {
        assert!(defs["BudgetPart"]["properties"][field].is_object(), "{field}");
    }
    assert!(defs["SelfEvaluation"]["properties"]["deviation_cause"].is_object());
    let causes = defs["DeviationCause"].to_string();
    assert!(causes.contains("funding") && causes.contains("hardware"), "{causes}");
}

#[test]
fn budget_parts_round_trip_and_stay_absent_when_there_are_none() {
    let json = r#"{"kind":"project","year":null,"title":"","department":"","indicators":[],"self_evaluation":{"budget_initial":100,"budget_full_year":90,"spent":89.974,"execution_rate":99.97,"execution_weight":10,"execution_score":9.99,"total_score":null,"grade":null,"budget_parts":[{"source":"本年财政拨款","budget_initial":90,"budget_full_year":90,"spent":89.974,"execution_rate":99.97},{"source":"上年结转资金","budget_initial":10,"budget_full_year":null,"spent":null,"execution_rate":null}],"deviation_cause":"部分资金结转"}}"#;
    let docs = documents_from_json(json).expect("reads");
    let se = docs[0].self_evaluation.as_ref().expect("self-evaluation");
    assert_eq!(se.budget_parts.len(), 2);
    assert_eq!(se.budget_parts[1].source, "上年结转资金");
    assert_eq!(se.budget_parts[1].budget_initial.map(|d| d.to_string()), Some("10".to_owned()));
    assert_eq!(serde_json::to_string(&docs[0]).expect("writes"), json);
    // A table without 其中 rows writes no `budget_parts` and no `deviation_cause`.
    let written = serde_json::to_string(&documents_from_json(SELF_EVALUATION).expect("reads")).expect("writes");
    assert!(!written.contains("budget_parts") && !written.contains("\"deviation_cause\":null"), "{written}");
}
