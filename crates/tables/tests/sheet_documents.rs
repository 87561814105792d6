//! Whole documents from spreadsheets: the seed through jixiao's own xlsx writer and back, and
//! workbooks made by other programs against their expected documents. Both go through the
//! shared table recognition (`grid::Assembler`).

use std::path::{Path, PathBuf};

use jixiao_core::Document;
use jixiao_core::model::documents_from_json;
use jixiao_tables::write::xlsx::XlsxWriter;
use jixiao_tables::{Item, read_path};

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// Reads a file's documents; diagnostics are returned as display lines.
fn read(path: &Path) -> (Vec<Document>, Vec<String>) {
    let mut docs = Vec::new();
    let mut notes = Vec::new();
    for item in read_path(path).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) => notes.push(d.display(&path.display().to_string()).to_string()),
        }
    }
    (docs, notes)
}

fn expected(path: &str) -> Vec<Document> {
    documents_from_json(&std::fs::read_to_string(repo(path)).expect("expected file")).expect("expected JSON")
}

fn assert_same(got: &[Document], want: &[Document], what: &str) {
    let got = serde_json::to_value(got).expect("json");
    let want = serde_json::to_value(want).expect("json");
    assert_eq!(got, want, "{what}: documents differ");
}

/// Writes documents with jixiao's xlsx writer and reads them back.
fn round_trip(docs: &[Document], per_sheet: usize, name: &str) -> (Vec<Document>, Vec<String>) {
    let mut w = XlsxWriter::new(per_sheet);
    for d in docs {
        w.write(d).expect("write");
    }
    let dir = std::env::temp_dir().join(format!("jixiao-roundtrip-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(format!("{name}.xlsx"));
    std::fs::write(&path, w.finish(Vec::new()).expect("finish")).expect("write file");
    let read = read(&path);
    std::fs::remove_dir_all(&dir).ok();
    read
}

#[test]
fn seed_round_trips_through_xlsx() {
    let seed = expected("samples/ningxia-waishi-2020.expected.json");
    let (docs, notes) = round_trip(&seed, 1, "seed");
    assert!(notes.is_empty(), "{notes:#?}");
    assert_same(&docs, &seed, "seed → xlsx → reader");
    // Stacked one under another on one sheet, the tables still come apart.
    let (docs, notes) = round_trip(&seed, 6, "stacked");
    assert!(notes.is_empty(), "{notes:#?}");
    assert_same(&docs, &seed, "seed → stacked xlsx → reader");
}

#[test]
fn newer_templates_and_codes_round_trip_through_xlsx() {
    // Split targets with weights and 指标方向, a department code in 部门名称及代码, and a
    // department's 年度主要任务 with the year on a line under a title that lacks it, and a
    // 申报表's funds over its whole period (资金总额, 财政资金, 其他资金) beside the year's.
    for (i, file) in [
        "fixtures/sheets/project-2023.expected.json",
        "fixtures/sheets/department-2020.expected.json",
        "fixtures/sheets/department-2022.expected.json",
        "fixtures/layouts/declaration-form.expected.json",
    ]
    .into_iter()
    .enumerate()
    {
        let docs = expected(file);
        let (back, notes) = round_trip(&docs, 1, &format!("newer{i}"));
        assert!(notes.is_empty(), "{file}: {notes:#?}");
        assert_same(&back, &docs, file);
    }
}

#[test]
fn workbooks_from_other_programs_read_as_expected() {
    for (file, want) in [
        ("fixtures/sheets/project-2020.xlsx", "fixtures/sheets/project-2020.expected.json"),
        ("fixtures/sheets/project-2020.ods", "fixtures/sheets/project-2020.expected.json"),
        ("fixtures/sheets/project-2020.xls", "fixtures/sheets/project-2020.expected.json"),
        ("fixtures/sheets/project-2023.xlsx", "fixtures/sheets/project-2023.expected.json"),
        ("fixtures/sheets/department-2020.xls", "fixtures/sheets/department-2020.expected.json"),
        ("fixtures/sheets/department-2022.xlsx", "fixtures/sheets/department-2022.expected.json"),
    ] {
        let (docs, notes) = read(&repo(file));
        assert!(notes.is_empty(), "{file}: {notes:#?}");
        assert_same(&docs, &expected(want), file);
    }
}

/// Hidden rows (last year's, and one inside the indicators) and a hidden column of codes, as
/// openpyxl and xlwt write them: the documents the sheet shows, a warning naming what was left
/// out inside the table (the hidden indicator may be the table's own), and a note for the rest.
#[test]
fn hidden_rows_and_columns_are_left_out_with_a_warning_inside_the_table() {
    for file in ["fixtures/sheets/hidden.xlsx", "fixtures/sheets/hidden.xls"] {
        let (docs, notes) = read(&repo(file));
        assert_same(&docs, &expected("fixtures/sheets/hidden.expected.json"), file);
        let name = repo(file).display().to_string();
        assert_eq!(
            notes,
            [
                format!(
                    "{name}:绩效目标!C5-绩效目标!E5: 警告[hidden-in-table]: 第 5 行是隐藏的, 却在表格之中 \
                     (打开或打印工作表时都看不见), 其中 3 个单元格的内容未读入: “培训人数(旧口径)” 等; \
                     若它们属于表格, 请取消隐藏后再读取"
                ),
                format!(
                    "{name}:绩效目标!E6-绩效目标!D12: 提示[hidden-cells]: 第 11–12 行和 E 列是隐藏的 \
                     (打开或打印工作表时都看不见), 其中 12 个单元格的内容未读入: “ZB002” 等"
                ),
            ],
            "{file}"
        );
    }
}
