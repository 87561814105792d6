//! Regression tests for the reproducers of issue 15 that concern reading: encodings that lost
//! every table, standard input told apart like files, JSON Lines, and damaged workbooks. The
//! damaged inputs are made here from the committed sample and fixtures.

mod common;

use std::fs;

use common::{as_json, repo};
use encoding_rs::GB18030;
use jixiao_tables::{Diagnostic, Item, ReadDocument, ReadError, read_stream};
use serde_json::Value;

const SAMPLE: &str = "samples/ningxia-waishi-2020.txt";

fn sample() -> String {
    fs::read_to_string(repo().join(SAMPLE)).expect("the sample")
}

fn expected() -> Value {
    let text = fs::read_to_string(repo().join("samples/ningxia-waishi-2020.expected.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Everything read from bytes given as standard input would give them.
fn read_bytes(bytes: Vec<u8>) -> Result<(Vec<ReadDocument>, Vec<Diagnostic>), ReadError> {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for item in read_stream("<stdin>", std::io::Cursor::new(bytes))? {
        match item? {
            Item::Document(d) => docs.push(*d),
            Item::Diagnostic(d) => diags.push(d),
        }
    }
    Ok((docs, diags))
}

fn names(docs: &Value) -> Vec<String> {
    docs.as_array().unwrap().iter().map(|d| d["title"].to_string()).collect()
}

#[test]
fn five_bad_bytes_in_a_utf8_table_lose_one_line_not_the_file() {
    let text = sample();
    // In the middle of the file, between two lines (the damage does not hit a cell).
    let half = text.len() / 2;
    let at = text.as_bytes()[half..].iter().position(|&b| b == b'\n').unwrap() + half + 1;
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend(b"\xff\xfe\x80\x81\x82\n");
    bytes.extend(&text.as_bytes()[at..]);
    let line = text[..at].matches('\n').count() as u32 + 1;
    let (docs, diags) = read_bytes(bytes).expect("reads");
    assert_eq!(as_json(&docs), expected(), "all six tables, exactly");
    let bad: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == "invalid-bytes").collect();
    assert_eq!(bad.len(), 1, "{diags:?}");
    assert_eq!(bad[0].position, Some(jixiao_core::source::Position::text(line, 1)));
    assert!(!diags.iter().any(|d| d.code == "encoding"), "still read as UTF-8: {diags:?}");
}

#[test]
fn utf16_without_a_bom_reads_every_table() {
    let text = sample();
    for big_endian in [false, true] {
        let bytes: Vec<u8> =
            text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect();
        let (docs, _) = read_bytes(bytes).expect("reads");
        assert_eq!(as_json(&docs), expected(), "big endian: {big_endian}");
    }
}

#[test]
fn gb18030_and_utf8_lines_mixed_read_every_name_right() {
    let text = sample();
    // Every third line in GB18030, the rest in UTF-8.
    let mut bytes = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if i % 3 == 1 {
            bytes.extend(GB18030.encode(line).0.iter());
        } else {
            bytes.extend(line.as_bytes());
        }
    }
    let (docs, diags) = read_bytes(bytes).expect("reads");
    let got = as_json(&docs);
    assert_eq!(names(&got), names(&expected()));
    assert_eq!(got, expected());
    assert!(diags.iter().any(|d| d.code == "mixed-encoding"));
    assert!(!diags.iter().any(|d| d.code == "invalid-bytes"), "{diags:?}");
}

#[test]
fn csv_on_standard_input_reads_as_the_file_does() {
    let path = repo().join("fixtures/csv/project-2020.csv");
    let (by_path, _) = common::read(&path);
    assert_eq!(by_path.len(), 1);
    let (by_stdin, _) = read_bytes(fs::read(&path).unwrap()).expect("reads");
    assert_eq!(as_json(&by_stdin), as_json(&by_path));
}
