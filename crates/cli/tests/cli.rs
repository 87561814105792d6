//! The `jixiao` command as users run it: output, exit codes and error messages.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn jixiao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(repo())
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("jixiao runs")
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stdout_json(out: &Output) -> Value {
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn target_prints_the_parsed_target() {
    let out = jixiao(&["target", "大于10个团组，80人次"]);
    let v = stdout_json(&out);
    assert_eq!(v["kind"], "quantity");
    assert_eq!(v["terms"][1]["op"], ">");
    assert_eq!(v["terms"][1]["unit"], "人次");
    let out = jixiao(&["target", "--canonical", "≥９０％"]);
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), ">=90%");
}

#[test]
fn convert_round_trips_the_interchange_json() {
    let out = jixiao(&["convert", "samples/ningxia-waishi-2020.expected.json"]);
    let expected: Value =
        serde_json::from_str(include_str!("../../../samples/ningxia-waishi-2020.expected.json")).expect("JSON");
    assert_eq!(stdout_json(&out), expected);
}

#[test]
fn convert_reads_the_published_text_exactly() {
    let out = jixiao(&["convert", "samples/ningxia-waishi-2020.txt"]);
    let expected: Value =
        serde_json::from_str(include_str!("../../../samples/ningxia-waishi-2020.expected.json")).expect("JSON");
    assert_eq!(stdout_json(&out), expected);
    assert!(out.stderr.is_empty(), "the seed places every cell: {}", stderr(&out));
}

#[test]
fn strict_fails_on_unplaced_cells_and_says_where() {
    let out = jixiao(&["convert", "--strict", "samples/ningxia-waishi-2020.txt"]);
    assert_eq!(out.status.code(), Some(0));
    let out = jixiao(&["convert", "--strict", "fixtures/wild/33_langfang-shipin-nuantong-gaizao-ziping.txt"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("fixtures/wild/33_langfang-shipin-nuantong-gaizao-ziping.txt:461:1: 警告[unplaced-cell]"),
        "compiler-style position and code: {err}"
    );
    // Without --strict the same input converts, with the same warnings.
    let out = jixiao(&["convert", "fixtures/wild/33_langfang-shipin-nuantong-gaizao-ziping.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("unplaced-cell"));
}

#[test]
fn convert_writes_json_lines_to_a_file_atomically() {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dest = dir.join("seed.jsonl");
    let out = jixiao(&[
        "convert",
        "samples/ningxia-waishi-2020.expected.json",
        "--to",
        "jsonl",
        "-o",
        dest.to_str().expect("utf-8 path"),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(&dest).expect("written");
    assert_eq!(text.lines().count(), 6);
    // A failing run leaves the earlier output alone and no partial file behind.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "[{\"kind\": \"budget\"}]").expect("write");
    let out = jixiao(&["convert", bad.to_str().expect("utf-8"), "-o", dest.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&dest).expect("still there"), text);
    let leftovers: Vec<_> = std::fs::read_dir(&dir).expect("dir").filter_map(Result::ok).collect();
    assert_eq!(leftovers.len(), 2, "only seed.jsonl and bad.json: {leftovers:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn errors_name_the_file_and_exit_2_without_a_backtrace() {
    let out = jixiao(&["convert", "no/such/file.json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("no/such/file.json") && err.contains("文件不存在"), "{err}");
    assert!(!err.contains("panicked") && !err.contains("backtrace"), "{err}");

    let dir = std::env::temp_dir().join(format!("jixiao-cli-err-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("broken.json");
    std::fs::write(&bad, "[\n  {\"kind\": \"project\",\n   \"year\": \"二〇二〇\"}\n]").expect("write");
    let out = jixiao(&["convert", bad.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("broken.json:3:"), "names file and line: {err}");
    assert!(out.stdout.is_empty(), "nothing half-written to stdout");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn schema_is_json_schema_of_the_format() {
    let v = stdout_json(&jixiao(&["schema"]));
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(v["$defs"]["Indicator"]["properties"]["policy_target"].is_object());
    // Amounts, points and rates are exact decimals, and the schema says so rather than "a float".
    for (def, format) in [("Amount", "decimal"), ("Points", "decimal"), ("Rate", "decimal")] {
        assert_eq!(v["$defs"][def]["format"], format, "{def}: {}", v["$defs"][def]);
    }
    let total = v["$defs"]["Funds"]["properties"]["total"].to_string();
    assert!(total.contains("#/$defs/Amount"), "Funds.total: {total}");
    let weight = v["$defs"]["Indicator"]["properties"]["weight"].to_string();
    assert!(weight.contains("#/$defs/Points"), "Indicator.weight: {weight}");
    let v = stdout_json(&jixiao(&["schema", "--of", "target"]));
    assert!(v.to_string().contains("quantity"));
}

#[test]
fn every_subcommand_has_help_with_an_example() {
    for sub in ["target", "convert", "schema"] {
        let out = jixiao(&[sub, "--help"]);
        assert!(out.status.success());
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(help.contains("示例") && help.contains(&format!("jixiao {sub}")), "{sub}: {help}");
    }
}

#[test]
fn convert_publishes_xlsx_csv_and_html_and_reads_the_xlsx_back() {
    let dir = std::env::temp_dir().join(format!("jixiao-cli-sheets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let seed = "samples/ningxia-waishi-2020.expected.json";
    let path = |name: &str| dir.join(name).to_str().expect("utf-8").to_owned();

    // xlsx is binary: refused without -o, with a message in Chinese.
    let out = jixiao(&["convert", seed, "--to", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("请用 -o 指定输出文件"), "{}", stderr(&out));
    assert!(out.stdout.is_empty());

    let out = jixiao(&["convert", seed, "--to", "xlsx", "-o", &path("seed.xlsx")]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(path("seed.xlsx")).expect("written").starts_with(b"PK\x03\x04"));
    // Read back: the same documents.
    let expected: Value =
        serde_json::from_str(include_str!("../../../samples/ningxia-waishi-2020.expected.json")).expect("JSON");
    let out = jixiao(&["convert", &path("seed.xlsx"), "--strict"]);
    assert_eq!(stdout_json(&out), expected);

    let out = jixiao(&["convert", seed, "--to", "csv", "--excel", "-o", &path("seed.csv")]);
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read(path("seed.csv")).expect("written");
    assert!(csv.starts_with("\u{FEFF}year,kind,".as_bytes()), "BOM and header");
    assert_eq!(String::from_utf8_lossy(&csv).lines().count(), 61, "header and 60 indicators");

    let out = jixiao(&["convert", seed, "--to", "html"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let html = String::from_utf8_lossy(&out.stdout);
    assert_eq!(html.matches("<section class=\"jx-table\"").count(), 6);
    assert!(html.contains("rowspan=\"13\""), "绩效指标 over the 13 indicators of a project");
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs jixiao with `input` on its standard input.
fn jixiao_piped(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(args)
        .current_dir(repo())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("jixiao runs");
    child.stdin.take().expect("stdin").write_all(input).expect("writes");
    child.wait_with_output().expect("finishes")
}

#[test]
fn dash_reads_standard_input_in_any_format() {
    // Text piped in (as from `pdftotext -layout 表.pdf -`) reads as the file does.
    let text = std::fs::read(repo().join("samples/ningxia-waishi-2020.txt")).expect("sample");
    let piped = stdout_json(&jixiao_piped(&["convert", "-"], &text));
    assert_eq!(piped, stdout_json(&jixiao(&["convert", "samples/ningxia-waishi-2020.txt"])));
    // A workbook is told by its first bytes; diagnostics name standard input.
    let xlsx = std::fs::read(repo().join("fixtures/sheets/project-2023.xlsx")).expect("workbook");
    assert_eq!(stdout_json(&jixiao_piped(&["convert", "-"], &xlsx))[0]["year"], 2023);
    let out = jixiao_piped(&["convert", "-"], "项目名称\t外事\n表外的说明文字\n".as_bytes());
    assert!(stderr(&out).starts_with("<stdin>:"), "{}", stderr(&out));
}

#[test]
fn the_output_files_extension_says_its_format_and_a_dash_is_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let sample = repo().join("samples/ningxia-waishi-2020.txt");
    let xlsx = dir.path().join("表.xlsx");
    let out = jixiao(&["convert", sample.to_str().unwrap(), "-o", xlsx.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "a workbook (a zip), not JSON");
    let csv = dir.path().join("指标.csv");
    jixiao(&["convert", sample.to_str().unwrap(), "-o", csv.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("year,kind,"));
    // `-o -` writes to standard output, and makes no file named `-`.
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao"))
        .args(["convert", sample.to_str().unwrap(), "-o", "-"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(stdout_json(&out).as_array().map(Vec::len), Some(6));
    assert!(!dir.path().join("-").exists());
}

#[test]
fn a_text_too_long_for_an_xlsx_cell_is_said_to_be_cut() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read_to_string(repo().join("samples/ningxia-waishi-2020.expected.json")).unwrap();
    let mut docs: Value = serde_json::from_str(&json).unwrap();
    docs[1]["goals"][0] = Value::String("长".repeat(40_000));
    let input = dir.path().join("长.json");
    std::fs::write(&input, docs.to_string()).unwrap();
    let out_file = dir.path().join("长.xlsx");
    let out = jixiao(&["convert", input.to_str().unwrap(), "-o", out_file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The goals' cell holds the long goal with the others, numbered.
    assert!(stderr(&out).contains("长长长…”有 400"), "{}", stderr(&out));
    assert!(stderr(&out).contains("个字, 超过 xlsx 单元格 32767 字的上限"), "{}", stderr(&out));
}
