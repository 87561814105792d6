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

#[test]

fn seed_round_trips_through_xlsx() {
    let seed = expected("samples/ningxia-waishi-2020.expected.json");
    let mut w = XlsxWriter::new(1);
    for d in &seed {
        w.write(d).expect("write");
    }
    let dir = std::env::temp_dir().join(format!("jixiao-roundtrip-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("seed.xlsx");
    std::fs::write(&path, w.finish(Vec::new()).expect("finish")).expect("write file");
    let (docs, notes) = read(&path);
    std::fs::remove_dir_all(&dir).ok();
    assert!(notes.is_empty(), "{notes:#?}");
    assert_same(&docs, &seed, "seed → xlsx → reader");
}

#[test]

fn workbooks_from_other_programs_read_as_expected() {
    for (file, want) in [
        ("fixtures/sheets/project-2020.xlsx", "fixtures/sheets/project-2020.expected.json"),
        ("fixtures/sheets/project-2020.ods", "fixtures/sheets/project-2020.expected.json"),
        ("fixtures/sheets/project-2020.xls", "fixtures/sheets/project-2020.expected.json"),
        ("fixtures/sheets/project-2023.xlsx", "fixtures/sheets/project-2023.expected.json"),
        ("fixtures/sheets/department-2020.xls", "fixtures/sheets/department-2020.expected.json"),
    ] {
        let (docs, notes) = read(&repo(file));
        assert!(notes.is_empty(), "{file}: {notes:#?}");
        assert_same(&docs, &expected(want), file);
    }
}
