//! `jixiao review` and `jixiao rules` as users run them: the seed's findings, exit codes,
//! formats and configuration errors.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::{Value, json};

const SEED: &str = "samples/ningxia-waishi-2020.expected.json";

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn jixiao_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("jixiao runs")
}

fn jixiao(args: &[&str]) -> Output {
    jixiao_in(&repo(), args)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A scratch directory of this test process, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("jixiao-review-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        Scratch(dir)
    }

    fn file(&self, name: &str, content: &str) -> String {
        let path = self.0.join(name);
        std::fs::write(&path, content).expect("write");
        path.to_str().expect("utf-8 path").to_owned()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn seed_path() -> String {
    repo().join(SEED).to_str().expect("utf-8 path").to_owned()
}

/// A project table a reviewer has nothing to say about.
fn clean_project(name: &str) -> Value {
    json!({
        "kind": "project", "year": 2020, "title": "2020年项目支出绩效目标表", "department": "某局",
        "project": {"name": name, "implementer": "某局", "attribute": "新增项目", "period": "2020年",
                    "funds": {"unit": "万元", "total": 50, "fiscal": 50, "other": 0}},
        "goals": ["完成培训。"],
        "indicators": [
            {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "target": "≥200人次"},
            {"level1": "产出指标", "level2": "成本指标", "name": "培训费", "target": "≤40万元"},
            {"level1": "效益指标", "level2": "社会效益指标", "name": "培训合格率", "target": "≥95%"},
            {"level1": "满意度指标", "level2": "服务对象满意度指标", "name": "学员满意度", "target": "≥90%"}
        ]
    })
}

fn json_report(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stderr(out)))
}

/// (document label, indicator name, rule) of every finding of `severity` (any when `None`).
fn triples(report: &Value, severity: Option<&str>) -> BTreeSet<(String, String, String)> {
    let mut set = BTreeSet::new();
    for d in report["documents"].as_array().expect("documents") {
        for f in d["findings"].as_array().expect("findings") {
            if severity.is_some_and(|s| f["severity"] != s) {
                continue;
            }
            let name = f["indicator"]["name"].as_str().unwrap_or("").to_owned();
            let label = d["label"].as_str().expect("label").to_owned();
            set.insert((label, name, f["rule"].as_str().expect("rule").to_owned()));
        }
    }
    set
}

fn seed_expected() -> BTreeSet<(String, String, String)> {
    let v: Value =
        serde_json::from_str(include_str!("../../../samples/ningxia-waishi-2020.findings.json")).expect("valid JSON");
    v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let s = |k: &str| f[k].as_str().expect("string").to_owned();
            (s("document"), s("indicator"), s("rule"))
        })
        .collect()
}

#[test]
fn review_reports_the_seed_findings_and_no_other_error() {
    let out = jixiao(&["review", SEED, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "the seed has errors: {}", stderr(&out));
    let report = json_report(&out);
    let expected = seed_expected();
    assert_eq!(expected.len(), 30);
    let all = triples(&report, None);
    let missing: Vec<_> = expected.difference(&all).collect();
    assert!(missing.is_empty(), "findings not reported: {missing:#?}");
    let errors = triples(&report, Some("error"));
    let extra: Vec<_> = errors.difference(&expected).collect();
    assert!(extra.is_empty(), "errors beyond the reviewer's list: {extra:#?}");
    assert_eq!(report["summary"]["documents"], 6);
    assert_eq!(report["summary"]["indicators"], 60);
    // 2 missing targets, and 2 department targets contradicting their statements.
    assert_eq!(report["summary"]["errors"], 4);
}

#[test]
fn review_of_the_seed_as_published_text_agrees_and_gives_positions() {
    const TEXT: &str = "samples/ningxia-waishi-2020.txt";
    let out = jixiao(&["review", TEXT, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json_report(&out);
    let expected = seed_expected();
    let missing: Vec<_> = expected.difference(&triples(&report, None)).cloned().collect();
    assert!(missing.is_empty(), "findings not reported: {missing:#?}");
    let extra: Vec<_> = triples(&report, Some("error")).difference(&expected).cloned().collect();
    assert!(extra.is_empty(), "errors beyond the reviewer's list: {extra:#?}");
    // Each indicator finding points at the line the indicator was read from.
    let lines: Vec<&str> = include_str!("../../../samples/ningxia-waishi-2020.txt").lines().collect();
    for d in report["documents"].as_array().expect("documents") {
        for f in d["findings"].as_array().expect("findings") {
            let line = f["position"]["line"].as_u64().unwrap_or_else(|| panic!("a position: {f}"));
            assert!(f["position"]["column"].as_u64().is_some_and(|c| c >= 1), "{f}");
            if let Some(name) = f["indicator"]["name"].as_str() {
                let text = lines[usize::try_from(line).expect("small") - 1];
                assert!(text.contains(name), "line {line} {text:?} should hold {name:?}");
            }
        }
    }
    // Text output names the place like a compiler.
    let text = stdout(&jixiao(&["review", TEXT]));
    assert!(
        text.lines()
            .any(|l| l.starts_with(&format!("{TEXT}:")) && l.contains(":72:5: 错误[missing-target]: 外事业务经费:")),
        "{text}"
    );
}

#[test]
fn json_report_has_the_documented_shape() {
    let out = jixiao(&["review", SEED, "--format", "json"]);
    // It streams: the header, one document per line as each is reviewed, the summary last.
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 8, "{text}");
    assert_eq!(lines[0], r#"{"version":1,"documents":["#);
    assert!(lines[1..7].iter().all(|l| l.starts_with(r#"{"file":"#)), "{text}");
    assert!(lines[7].starts_with(r#"],"summary":{"documents":6,"#), "{text}");
    let report = json_report(&out);
    assert_eq!(report["version"], 1);
    let doc = &report["documents"][5];
    assert_eq!(doc["file"], SEED);
    assert_eq!(doc["index"], 5);
    assert_eq!(doc["kind"], "project");
    assert_eq!(doc["label"], "外事翻译业务及培训费");
    assert_eq!(doc["year"], 2020);
    assert_eq!(doc["summary"], json!({"errors": 1, "warnings": 5, "infos": 0, "grade": "中"}));
    let missing = doc["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule"] == "missing-target")
        .expect("a missing target");
    assert_eq!(missing["severity"], "error");
    assert_eq!(missing["dimension"], "completeness");
    assert_eq!(missing["dimension_label"], "完整性");
    assert_eq!(missing["subject"], "indicator");
    assert_eq!(
        missing["indicator"],
        json!({"index": 9, "level1": "效益指标", "level2": "社会效益指标", "name": "服务国际活动", "target": ""})
    );
    assert_eq!(missing["position"], Value::Null, "interchange JSON has no positions");
    assert!(missing["message"].as_str().expect("message").contains("服务国际活动"));
    assert!(!missing["hint"].as_str().expect("hint").is_empty());
}

#[test]
fn text_report_is_compiler_style_with_hints_and_summaries() {
    let out = jixiao(&["review", SEED]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{SEED}: 错误[missing-target]: 外事业务经费: ")))
        .unwrap_or_else(|| panic!("an error line: {text}"));
    assert!(lines[at].contains("重大国际事件对外口径表态"), "{}", lines[at]);
    assert!(lines[at + 1].starts_with("  = 建议: "), "hint below: {}", lines[at + 1]);
    assert!(
        text.contains("外事翻译业务及培训费 (项目支出绩效目标表): 1 个错误, 5 个警告, 0 个提示; 建议评级: 中"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("共审核 6 张表 (60 个指标): 4 个错误, 26 个警告, 2 个提示"), "{text}");
}

#[test]
fn exit_code_0_when_no_errors_and_2_when_unreadable() {
    let dir = Scratch::new("exit");
    let clean = dir.file("clean.json", &clean_project("培训项目").to_string());
    let out = jixiao(&["review", &clean]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("培训项目 (项目支出绩效目标表): 0 个错误, 0 个警告, 0 个提示; 建议评级: 优"));

    // Warnings alone do not fail the review.
    let mut warned = clean_project("培训项目");
    warned["indicators"][0]["target"] = json!("大大提升");
    let warned = dir.file("warned.json", &warned.to_string());
    assert_eq!(jixiao(&["review", &warned]).status.code(), Some(0));

    // An unreadable input is exit 2, even beside a readable one, whose review is still printed.
    let out = jixiao(&["review", &clean, "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/file.json") && stderr(&out).contains("文件不存在"), "{}", stderr(&out));
    assert!(stdout(&out).contains("培训项目"), "{}", stdout(&out));
    let broken = dir.file("broken.json", "[{\"kind\": \"project\",");
    assert_eq!(jixiao(&["review", &broken]).status.code(), Some(2));
}

#[test]
fn html_report_is_one_escaped_page_grouped_by_document() {
    let dir = Scratch::new("html");
    let mut doc = clean_project("<script>alert(1)</script>");
    doc["indicators"][0]["target"] = json!("<b>大大提升</b>");
    let input = dir.file("x.json", &Value::Array(vec![doc, clean_project("第二个项目")]).to_string());
    let out = jixiao(&["review", &input, "--format", "html"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = stdout(&out);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert_eq!(html.matches("<html").count(), 1, "one page");
    assert_eq!(html.matches("<section>").count(), 2, "one section per document");
    assert!(!html.contains("<script>") && !html.contains("<b>大大提升"), "text is escaped: {html}");
    // Escaped as entities, named or numeric.
    let escaped = |s: &str| s.replace('<', "&#60;").replace('>', "&#62;");
    let named = |s: &str| s.replace('<', "&lt;").replace('>', "&gt;");
    for text in ["<script>alert(1)</script>", "<b>大大提升</b>"] {
        assert!(html.contains(&escaped(text)) || html.contains(&named(text)), "{text}: {html}");
    }
    assert!(html.contains("qualitative-target"), "{html}");
    assert_eq!(html.matches("建议评级: 优").count(), 2, "one warning is still 优: {html}");
    assert!(html.contains("未发现问题"), "a clean document says so");
}

#[test]
fn seed_html_lists_every_document_and_finding() {
    let dir = Scratch::new("seed-html");
    let dest = dir.0.join("review.html");
    let out = jixiao(&["review", SEED, "--format", "html", "-o", dest.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(1));
    let html = std::fs::read_to_string(&dest).expect("written");
    assert_eq!(html.matches("<section>").count(), 6);
    assert_eq!(html.matches("<tr class=").count(), 32, "4 errors, 26 warnings, 2 infos");
    for label in ["部门整体", "外事出访经费", "外事翻译业务及培训费"] {
        assert!(html.contains(&format!("<h2>{label}</h2>")), "{label}");
    }
}

#[test]
fn configuration_turns_rules_off_and_changes_severities() {
    let dir = Scratch::new("config");
    let seed = seed_path();
    // jixiao.toml in the current directory is found without --config.
    dir.file(
        "jixiao.toml",
        "[rules.missing-target]\nenabled = false\n[rules.statement-value-conflict]\nenabled = false\n",
    );
    let out = jixiao_in(&dir.0, &["review", &seed, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "no errors left: {}", stderr(&out));
    assert!(triples(&json_report(&out), None).iter().all(|(_, _, r)| r != "missing-target"));

    let config = dir.file("strict.toml", "frame = \"2015\"\n[rules.compound-target]\nseverity = \"error\"\n");
    let out = jixiao(&["review", &seed, "--config", &config, "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json_report(&out)["summary"]["errors"], 4 + 6, "six compound targets become errors");

    let config = dir.file("grades.toml", "[grades]\nexcellent_max_warnings = 0\ngood_max_warnings = 2\n");
    let report = json_report(&jixiao(&["review", &seed, "--config", &config, "--format", "json"]));
    assert_eq!(report["documents"][1]["summary"]["grade"], "中", "3 warnings is past 良 now");
}

#[test]
fn bad_configuration_names_the_file_and_the_key() {
    let dir = Scratch::new("bad-config");
    let seed = seed_path();
    let cases = [
        ("unknown.toml", "frame = \"2015\"\n[thresholds]\nsatisfaction = 90\n", "thresholds.satisfaction"),
        ("type.toml", "[thresholds]\nsatisfaction_min = \"high\"\n", "thresholds.satisfaction_min"),
        ("frame.toml", "frame = \"2018\"\n", "frame"),
        ("rule.toml", "[rules.no-such-rule]\nenabled = false\n", "rules.no-such-rule"),
        ("range.toml", "[thresholds]\nsatisfaction_min = 120\n", "thresholds.satisfaction_min"),
        ("syntax.toml", "[rules\n", "rules"),
    ];
    for (name, content, key) in cases {
        let config = dir.file(name, content);
        let out = jixiao(&["review", &seed, "--config", &config]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = stderr(&out);
        assert!(err.contains(name) && err.contains("配置错误") && err.contains(key), "{name}: {err}");
        assert!(out.stdout.is_empty(), "{name}: nothing reviewed with a bad configuration");
    }
    let out = jixiao(&["review", &seed, "--config", "no/such.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such.toml"), "{}", stderr(&out));
}

#[test]
fn rules_lists_every_rule() {
    let out = jixiao(&["rules"]);
    assert!(out.status.success());
    let text = stdout(&out);
    for code in ["missing-target", "funds-sum", "cost-exceeds-funds", "level-mismatch", "period-mismatch"] {
        assert!(text.contains(&format!("{code} [错误, ")), "{code}: {text}");
    }
    assert!(text.contains("missing-unit [提示, 细化量化]"), "{text}");
    assert!(text.contains("评级 (每张表): 优: 错误 ≤ 0, 警告 ≤ 2"), "{text}");

    let out = jixiao(&["rules", "--format", "json"]);
    let rules: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let rules = rules.as_array().expect("an array");
    assert_eq!(rules.len(), jixiao_core::review::RULES.len());
    assert!(rules.iter().any(|r| r["code"] == "total-mismatch"), "the rule of stated totals is listed");
    for r in rules {
        for key in ["code", "severity", "default_severity", "enabled", "dimension", "dimension_label", "explanation"] {
            assert!(!r[key].is_null(), "{key} in {r}");
        }
    }

    let dir = Scratch::new("rules");
    let config = dir.file("c.toml", "[rules.missing-unit]\nenabled = false\nseverity = \"warning\"\n");
    let text = stdout(&jixiao(&["rules", "--config", &config]));
    assert!(text.contains("missing-unit [警告, 细化量化, 已关闭]"), "{text}");
}

#[test]
fn review_and_rules_have_help_with_examples() {
    for sub in ["review", "rules"] {
        let out = jixiao(&[sub, "--help"]);
        assert!(out.status.success());
        let help = stdout(&out);
        assert!(help.contains("示例") && help.contains(&format!("jixiao {sub}")), "{sub}: {help}");
    }
}

#[test]
fn the_json_report_holds_the_readers_diagnostics_beside_the_findings() {
    // The budget-execution block of this self-evaluation lost its empty cells on the web and is
    // reported unplaced: the table's report must say so, not only stderr.
    let file = "fixtures/wild/20_chizhou-guichi-tangxi-weituo-ziping.txt";
    let out = jixiao(&["review", "--format", "json", file]);
    let report: Value = serde_json::from_str(&stdout(&out)).expect("report is JSON");
    let doc = &report["documents"][0];
    let findings = doc["findings"].as_array().expect("findings");
    let reading: Vec<&Value> = findings.iter().filter(|f| f["origin"] == "reading").collect();
    assert!(reading.iter().any(|f| f["rule"] == "unplaced-cell" && f["severity"] == "warning"), "{reading:?}");
    assert!(reading.iter().all(|f| f["position"].is_object() && f["dimension"] == "reading"), "{reading:?}");
    // Reader first, then review, and the counts are of what is listed.
    let first_review = findings.iter().position(|f| f["origin"] == "review").unwrap_or(findings.len());
    assert!(findings[..first_review].iter().all(|f| f["origin"] == "reading"));
    assert!(findings[first_review..].iter().all(|f| f["origin"] == "review"));
    for severity in ["error", "warning", "info"] {
        let listed = findings.iter().filter(|f| f["severity"] == severity).count();
        assert_eq!(doc["summary"][format!("{severity}s")], json!(listed), "{severity}");
    }
    assert!(stderr(&out).contains("警告[unplaced-cell]"), "stderr still shows it: {}", stderr(&out));

    let schema: Value = serde_json::from_str(&stdout(&jixiao(&["schema", "--of", "report"]))).expect("schema");
    assert_eq!(schema["title"], "jixiao review report, version 1");
    let finding = &schema["$defs"]["ReportFinding"]["properties"];
    for field in ["origin", "rule", "severity", "position", "message", "hint"] {
        assert!(finding.get(field).is_some(), "the schema describes {field}: {finding}");
    }
    assert_eq!(schema["$defs"]["Origin"]["oneOf"].as_array().map(Vec::len), Some(2), "{}", schema["$defs"]["Origin"]);
}
