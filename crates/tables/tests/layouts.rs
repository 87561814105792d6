//! Every text fixture — the real tables under `fixtures/wild`, the layouts modelled on real
//! tables under `fixtures/layouts` and the sheets saved as CSV under `fixtures/csv` — reads as
//! its reviewed `*.expected.json`, with the diagnostics listed in its `*.diagnostics`
//! (position, severity, code).

mod common;

use std::fs;
use std::path::Path;

use common::{assert_reads_as, repo};
use jixiao_tables::Diagnostic;

fn diagnostics_listing(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let mut position = d.position.as_ref().map_or_else(|| "-".to_owned(), ToString::to_string);
        if let Some(until) = &d.until {
            position = format!("{position}-{until}");
        }
        let severity = match d.severity {
            jixiao_tables::Severity::Info => "note",
            jixiao_tables::Severity::Error => "error",
            jixiao_tables::Severity::Warning => "warning",
        };
        out.push_str(&format!("{position} {severity} {}\n", d.code));
    }
    out
}

fn check_folder(folder: &str) -> usize {
    check_files(folder, "txt")
}

fn check_files(folder: &str, extension: &str) -> usize {
    let dir = repo().join(folder);
    let gaps = common::known_gaps(&dir);
    let mut checked = 0;
    let mut inputs: Vec<_> =
        fs::read_dir(&dir).expect("fixture folder").filter_map(Result::ok).map(|e| e.path()).collect();
    inputs.sort();
    for input in inputs.iter().filter(|p| p.extension().is_some_and(|e| e == extension)) {
        let expected = input.with_extension("expected.json");
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        // A fixture the reader does not yet read exactly is held to its diagnostics here, and to
        // its expected indicators by the precision/recall test (tests/wild_precision.rs).
        let diags = if gaps.contains_key(stem) { common::read(input).1 } else { assert_reads_as(input, &expected) };
        let listing = diagnostics_listing(&diags);
        let want_path = input.with_extension("diagnostics");
        let want = fs::read_to_string(&want_path).ok();
        if want.as_deref() != Some(listing.as_str()) && std::env::var_os("JIXIAO_BLESS").is_some() {
            // Blessing writes the new listing and still fails, so that a blessed run never
            // passes by comparing a file with itself: read the diff, then run again without it.
            fs::write(&want_path, &listing).expect("write diagnostics listing");
            panic!("wrote {}: check it by hand, then run again without JIXIAO_BLESS", want_path.display());
        }
        let want = want.unwrap_or_else(|| panic!("missing {} (JIXIAO_BLESS=1 writes it)", want_path.display()));
        assert_eq!(listing, want, "diagnostics of {}", input.display());
        checked += 1;
    }
    checked
}

#[test]
fn wild_tables_read_as_reviewed() {
    assert!(check_folder("fixtures/wild") >= 24);
}

#[test]
fn layouts_read_as_reviewed() {
    assert!(check_folder("fixtures/layouts") >= 15);
}

#[test]
fn sheets_saved_as_csv_read_as_reviewed() {
    // Saved as Excel on Chinese Windows saves them: GB18030, CRLF, a cell's lines quoted.
    assert!(check_files("fixtures/csv", "csv") >= 1);
}

#[test]
fn encodings_are_detected() {
    let dir = repo().join("fixtures/layouts");
    let gb = fs::read(dir.join("gb18030-crlf-fullwidth.txt")).expect("fixture");
    assert!(std::str::from_utf8(&gb).is_err(), "the GB18030 fixture must not be valid UTF-8");
    assert!(gb.windows(2).any(|w| w == b"\r\n"), "and uses CRLF");
    let utf16 = fs::read(dir.join("utf16-bom.txt")).expect("fixture");
    assert_eq!(&utf16[..2], &[0xFF, 0xFE]);
    // The two encodings read to the same kind of document as their UTF-8 siblings.
    let (docs, _) = common::read(Path::new(&dir.join("utf16-bom.txt")));
    assert_eq!(docs[0].document.indicators.len(), 3);
}

#[test]
fn the_sample_as_csv_reads_as_its_tab_rows_do() {
    // CSV fields are tab fields quoted: the same documents and the same diagnostics, placed alike.
    let text = fs::read_to_string(repo().join("samples/ningxia-waishi-2020.txt")).expect("sample");
    let mut w = csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for line in text.lines() {
        w.write_record(line.split('\t')).expect("a record");
    }
    let bytes = w.into_inner().expect("flushed");
    let read = |items: jixiao_tables::Items| {
        let (mut docs, mut diags) = (Vec::new(), Vec::new());
        for item in items {
            match item.expect("reads") {
                jixiao_tables::Item::Document(d) => docs.push(d.document),
                jixiao_tables::Item::Diagnostic(d) => diags.push((d.code, d.position, d.until)),
            }
        }
        (docs, diags)
    };
    let tabs = read(jixiao_tables::read_text("sample.txt", std::io::Cursor::new(text.into_bytes())).expect("opens"));
    let csv = read(jixiao_tables::read_csv("sample.csv", std::io::Cursor::new(bytes)).expect("opens"));
    assert_eq!(csv.0.len(), 6);
    assert_eq!(csv, tabs);
}
