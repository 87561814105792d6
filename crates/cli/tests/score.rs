//! `jixiao score` and `jixiao monitor` as users run them: the reviewed reports of the fixtures,
//! the JSON shape, exit codes, profiles and their errors.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

const REAL: &str = "fixtures/scoring/chizhou-tangxi-2022.json";
const WRONG: &str = "fixtures/scoring/wrong-scores.json";
const MONITORING: &str = "fixtures/scoring/monitoring-2021.json";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(repo())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("jixiao runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn golden(name: &str) -> String {
    std::fs::read_to_string(repo().join("fixtures/scoring").join(name)).expect("golden file")
}

#[test]
fn a_real_table_whose_scores_follow_the_rules_passes() {
    let out = jixiao(&["score", REAL]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), golden("chizhou-tangxi-2022.score.txt"));
}

#[test]
fn wrong_published_scores_are_reported_and_exit_1() {
    let out = jixiao(&["score", WRONG]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), golden("wrong-scores.score.txt"));
}

#[test]
fn json_gives_computed_and_published_figures_and_the_working() {
    let out = jixiao(&["score", WRONG, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    assert_eq!(v["version"], 1);
    let doc = &v["documents"][0];
    assert_eq!(doc["computed"]["total"].to_string(), "97.64");
    assert_eq!(doc["computed"]["grade"], "优");
    assert_eq!(doc["published"]["total"].to_string(), "95");
    assert_eq!(doc["published"]["grade"], "良");
    let second = &doc["indicators"][1];
    assert_eq!(second["computed"].to_string(), "7.24");
    assert_eq!(second["published"].to_string(), "8");
    assert_eq!(second["working"], "B/A×w = 38/42×8 = 7.24");
    assert_eq!(second["method"], "floor");
    let codes: Vec<&str> =
        doc["discrepancies"].as_array().expect("array").iter().map(|d| d["code"].as_str().expect("code")).collect();
    assert_eq!(
        codes,
        ["full-score-missed-target", "score-out-of-band", "execution-score-differs", "total-not-sum", "grade-mismatch"]
    );
    assert_eq!(doc["discrepancies"][0]["place"], serde_json::json!({"at": "indicator", "index": 1}));
    assert_eq!(doc["discrepancies"][0]["difference"].to_string(), "0.76");
    assert_eq!(v["totals"]["discrepancies"], 5);
}

#[test]
fn html_is_one_escaped_page() {
    let out = jixiao(&["score", WRONG, "--format", "html"]);
    assert_eq!(out.status.code(), Some(1));
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(page.contains("B/A×w = 38/42×8 = 7.24"));
    assert!(page.contains("不符[grade-mismatch]"));
    assert!(page.contains("等级填报“良”"));
}

#[test]
fn tables_without_actuals_are_said_and_not_scored() {
    let out = jixiao(&["score", "samples/ningxia-waishi-2020.expected.json"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(text.contains("无实际完成值, 未评分"), "{text}");
    assert!(text.contains("共 6 张表, 评分 0 张"), "{text}");
}

#[test]
fn the_regional_profile_changes_the_score() {
    let out = jixiao(&["score", WRONG, "--profile", "decision-management", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let doc = &v["documents"][0];
    assert!(v["profile"].as_str().expect("name").starts_with("决策10/管理25"));
    // The table's own 分值 of 10 for execution still counts.
    assert_eq!(doc["computed"]["execution"]["score"].to_string(), "10.00");
}

#[test]
fn a_bad_profile_is_an_error_naming_the_file_and_key() {
    let dir = std::env::temp_dir().join(format!("jixiao-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("p.toml");
    std::fs::write(&path, "ceiling = \"square\"\n").expect("write");
    let out = jixiao(&["score", WRONG, "--profile", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("p.toml:1:11: 配置错误: ceiling: 无效的取值"), "{err}");
    std::fs::write(&path, "[qualitative]\npartial = { min = 70, max = 60 }\n").expect("write");
    let out = jixiao(&["score", WRONG, "--profile", path.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("qualitative.partial"), "{}", stderr(&out));
    let out = jixiao(&["score", WRONG, "--profile", "no-such-profile"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("既不是内置评分方案 (default, decision-management)"), "{}", stderr(&out));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn monitoring_lights_and_missing_causes() {
    let out = jixiao(&["monitor", MONITORING]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stdout(&out), golden("monitoring-2021.monitor.txt"));
}

#[test]
fn monitoring_month_and_json() {
    let out = jixiao(&["monitor", MONITORING, "--month", "12", "--format", "json"]);
    let v: Value = serde_json::from_str(&stdout(&out)).expect("json");
    let second = &v["documents"][1];
    assert_eq!(second["month"], 12);
    assert_eq!(v["documents"][0]["execution"]["rate"].to_string(), "26.25");
    assert_eq!(second["execution"]["elapsed"].to_string(), "100.00");
    // By December, 36 of 60 spent is behind: 60% of the year's budget against 100% of the year.
    assert_eq!(second["execution"]["light"], "yellow");
    // 13 of 20 visits by December: 65%.
    assert_eq!(second["indicators"][0]["light"], "yellow");
    let out = jixiao(&["monitor", MONITORING, "--month", "13"]);
    assert_eq!(out.status.code(), Some(2));
    // Said in Chinese first, clap's own words after.
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.starts_with("jixiao: 参数错误: 参数 --month <MONTH> 的值“13”无效"), "{said}");
}
