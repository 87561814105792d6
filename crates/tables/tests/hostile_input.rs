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

#[test]
fn json_lines_read_like_the_array() {
    let expected = expected();
    let lines: String =
        expected.as_array().unwrap().iter().map(|d| format!("{}\n", serde_json::to_string(d).unwrap())).collect();
    let (docs, diags) = read_bytes(lines.into_bytes()).expect("reads");
    assert_eq!(as_json(&docs), expected);
    assert!(diags.is_empty());
    let (docs, _) = read_bytes(serde_json::to_vec_pretty(&expected).unwrap()).expect("reads");
    assert_eq!(as_json(&docs), expected);
}

/// The error of reading `text` as standard input: where and what.
fn json_error(text: &str) -> (usize, usize, String) {
    let mut docs = 0;
    let items = read_stream("<stdin>", std::io::Cursor::new(text.as_bytes().to_vec())).expect("opens");
    for item in items {
        match item {
            Ok(_) => docs += 1,
            Err(ReadError::Malformed { line, column, message, .. }) => return (line, column, message),
            Err(e) => panic!("{e}"),
        }
    }
    panic!("no error in {text:?} ({docs} documents)")
}

#[test]
fn malformed_json_is_placed() {
    let one = serde_json::to_string(&expected()[0]).unwrap();
    let (line, _, message) = json_error(&format!("[\n{one},\n{one},\n]"));
    assert_eq!(line, 4);
    assert!(message.contains("多余的逗号"), "{message}");
    let (line, _, message) = json_error(&format!("[\n{one}\n{one}]"));
    assert_eq!(line, 3);
    assert!(message.contains("缺少逗号"), "{message}");
    let (_, _, message) = json_error(&format!("[\n{one}"));
    assert!(message.contains("没有结束"), "{message}");
    let (line, _, message) = json_error(&format!("[{one}]\n{one}"));
    assert_eq!(line, 2);
    assert!(message.contains("结束后还有内容"), "{message}");
    // serde_json's errors inside a later document are placed in the file, not the document.
    let (line, column, message) = json_error(&format!("{one}\n{one}\n  {{\"kind\": 5}}\n"));
    assert_eq!((line, column), (3, 12), "{message}");
    let (line, _, message) = json_error(&format!("{one}\n[1]"));
    assert_eq!(line, 2);
    assert!(message.contains("JSON 对象"), "{message}");
}

#[test]
fn numbers_beyond_the_exact_range_are_refused_not_rounded() {
    // A project's funds total written with 10,000 decimal places.
    let text = serde_json::to_string(&expected()[1]).unwrap();
    let at = text.find("\"total\":700").expect("a total") + "\"total\":".len();
    let with = |number: &str| format!("{}{number}{}", &text[..at], &text[at + 3..]);
    let (line, column, message) = json_error(&with(&format!("0.{}", "3".repeat(10_000))));
    assert_eq!(line, 1);
    assert_eq!(column, at + 31, "the 29th decimal place");
    assert!(message.contains("精确"), "{message}");
    let (_, _, message) = json_error(&with(&"9".repeat(29)));
    assert!(message.contains("精确"), "{message}");
    // 28 places are exact and read as written.
    let exact = format!("0.{}", "3".repeat(28));
    let (docs, _) = read_bytes(with(&exact).into_bytes()).expect("reads");
    let funds = &docs[0].document.project.as_ref().expect("a project").funds;
    assert_eq!(funds.total.unwrap().to_string(), exact);
}

#[cfg(unix)]
#[test]
fn endless_zeros_behind_a_json_name_stop_at_once() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-input");
    fs::create_dir_all(&dir).unwrap();
    let link = dir.join("zeros.json");
    let _ = fs::remove_file(&link);
    std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
    let start = std::time::Instant::now();
    let mut items = jixiao_tables::read_path(&link).expect("opens");
    assert!(matches!(items.next(), Some(Err(ReadError::Malformed { line: 1, column: 1, .. }))));
    assert!(items.next().is_none());
    assert!(start.elapsed().as_secs() < 5);
}

/// A fixture with a few bytes changed, as found by mutating it.
fn patched(fixture: &str, patches: &[(usize, u8)]) -> Vec<u8> {
    let mut bytes = fs::read(repo().join("fixtures/sheets").join(fixture)).unwrap();
    for &(at, b) in patches {
        bytes[at] = b;
    }
    bytes
}

#[test]
fn damaged_xls_files_are_refused_before_they_take_memory_or_panic() {
    // Each made calamine 0.38 ask for gigabytes (a failed allocation aborts the process) or
    // panic on an overflow; now each is an error naming the limit, at once.
    let cases = [
        patched(
            "project-2020.xls",
            &[
                (2977, 0x6e),
                (5252, 0x96),
                (5258, 0x0e),
                (5403, 0x55),
                (5482, 0x03),
                (5887, 0x21),
                (6643, 0xec),
                (7965, 0xb7),
            ],
        ),
        patched("department-2020.xls", &[(942, 0x95), (1191, 0x01), (1970, 0x62), (2669, 0x65), (3901, 0x79)]),
        patched("department-2020.xls", &[(1487, 0xd1), (2667, 0x62)]),
    ];
    for bytes in cases {
        let start = std::time::Instant::now();
        let err = read_bytes(bytes).expect_err("refused");
        assert!(err.to_string().contains("JIXIAO_MAX_SHEET_CELLS"), "{err}");
        assert!(start.elapsed().as_secs() < 2);
    }
}

#[test]
fn a_zip_whose_directory_says_it_unpacks_past_the_limit_is_refused() {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    // The directory is what is checked, before anything is unpacked: a part that says it
    // unpacks to 4 GiB is refused at once. (A real bomb against a lowered limit: the CLI tests.)
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("xl/worksheets/sheet1.xml", stored).unwrap();
    zip.write_all(b"<worksheet/>").unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    // The uncompressed size: at 22 in the local header, at 24 in the central directory's entry.
    let central = bytes.windows(4).position(|w| w == b"PK\x01\x02").expect("central directory");
    for at in [22, central + 24] {
        assert_eq!(&bytes[at..at + 4], &12u32.to_le_bytes());
        bytes[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    }
    let start = std::time::Instant::now();
    let err = read_bytes(bytes).expect_err("refused");
    assert!(err.to_string().contains("JIXIAO_MAX_UNPACKED_MB"), "{err}");
    assert!(start.elapsed().as_millis() < 500, "{:?}", start.elapsed());
}
