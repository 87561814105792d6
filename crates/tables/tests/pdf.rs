//! Reading PDFs from their geometry: the sample and the wild fixtures printed three ways
//! (Chromium from jixiao's HTML, Chromium from a narrow restyled page whose tables break across
//! pages, LibreOffice from jixiao's xlsx; see fixtures/pdf/make_fixtures.sh) read to the same
//! documents as the sample's reviewed expectation, or as the workbook each was printed from.

use std::path::{Path, PathBuf};

use jixiao_core::Document;
use jixiao_core::model::documents_from_json;
use jixiao_tables::read::grid::Row;
use jixiao_tables::read::pdf::page_rows;
use jixiao_tables::{Format, Item, ReadError, read_path, read_stream};

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

fn json(docs: &[Document]) -> serde_json::Value {
    serde_json::to_value(docs).expect("json")
}

/// The codes of diagnostics (`警告[no-indicators]` → `no-indicators`), whose places differ
/// between a workbook and its print.
fn codes(notes: &[String]) -> Vec<String> {
    notes
        .iter()
        .filter_map(|n| n.split_once('[').and_then(|(_, rest)| rest.split_once(']')).map(|(code, _)| code.to_owned()))
        .collect()
}

const PRINTS: [&str; 3] = ["chromium", "narrow", "calc"];

#[test]
fn the_sample_reads_exactly_however_it_was_printed() {
    let want: Vec<Document> = documents_from_json(
        &std::fs::read_to_string(repo("samples/ningxia-waishi-2020.expected.json")).expect("expected"),
    )
    .expect("expected JSON");
    assert_eq!(want.iter().map(|d| d.indicators.len()).sum::<usize>(), 60);
    for print in PRINTS {
        let (got, notes) = read(&repo(&format!("fixtures/pdf/ningxia-waishi-2020.{print}.pdf")));
        assert_eq!(json(&got), json(&want), "{print}: documents differ");
        assert!(notes.is_empty(), "{print}: {notes:#?}");
    }
}

#[test]
fn wild_tables_read_as_the_workbook_they_were_printed_from() {
    for name in [
        "02_qingshen-fagai-gongzi-ziping",
        "08_ningxia-changqing-chuzhong-tiyu-mubiao",
        "09_wuhan-qingshan-jiaoyu-jijian-mubiao",
        "13_chongqing-tongnan-wugui-yibanxing-mubiao",
    ] {
        // The workbook may itself draw notes (13's unfilled template rows leave a table without
        // indicators): the PDF printed from it must draw the same ones, and no others.
        let (want, want_notes) = read(&repo(&format!("fixtures/pdf/{name}.xlsx")));
        assert!(!want.is_empty(), "{name}: {want_notes:?}");
        for print in PRINTS {
            let (got, notes) = read(&repo(&format!("fixtures/pdf/{name}.{print}.pdf")));
            assert_eq!(json(&got), json(&want), "{name}.{print}: documents differ");
            assert_eq!(codes(&notes), codes(&want_notes), "{name}.{print}: {notes:#?}");
        }
    }
}

/// The indicators of documents as JSON texts, to compare sets of them.
fn indicators(docs: &[Document]) -> Vec<String> {
    docs.iter().flat_map(|d| &d.indicators).map(|i| serde_json::to_string(i).expect("json")).collect()
}

/// Chromium printing jixiao's HTML with the cell borders removed: tables read from the
/// alignment of their text, with a note that says so; a table whose alignment does not tell
/// its cells apart is refused with a warning, and no indicator is read that the table does not
/// hold.
#[test]
fn tables_without_ruling_lines_read_from_the_alignment_of_their_text() {
    let want: Vec<Document> = documents_from_json(
        &std::fs::read_to_string(repo("samples/ningxia-waishi-2020.expected.json")).expect("expected"),
    )
    .expect("expected JSON");
    let (got, notes) = read(&repo("fixtures/pdf/ningxia-waishi-2020.borderless.pdf"));
    // Pages 2 to 6 read exactly; page 1's indicators read exactly, its duties lose the space of
    // a `, ` where a line wrapped (a space at a line's end is not drawn).
    assert_eq!(json(&got[1..]), json(&want[1..]));
    assert_eq!(indicators(&got[..1]), indicators(&want[..1]));
    assert_ne!(got[0].duties, want[0].duties);
    assert_eq!(
        got[0].duties.iter().map(|d| d.replace(' ', "")).collect::<Vec<_>>(),
        want[0].duties.iter().map(|d| d.replace(' ', "")).collect::<Vec<_>>()
    );
    // Two value columns with empty cells beside the funds' amounts, which stand in a column of
    // their own, are told as such.
    let tables = codes(&notes).iter().filter(|c| *c == "borderless-table").count();
    let spans = codes(&notes).iter().filter(|c| *c == "borderless-span").count();
    assert_eq!((tables, spans, notes.len()), (6, 2, 8), "{notes:#?}");
    assert!(notes[0].contains("第1页!A2: 提示[borderless-table]: 第1页的表格没有框线"), "{}", notes[0]);

    for name in ["08_ningxia-changqing-chuzhong-tiyu-mubiao", "09_wuhan-qingshan-jiaoyu-jijian-mubiao"] {
        let (want, want_notes) = read(&repo(&format!("fixtures/pdf/{name}.xlsx")));
        let (got, notes) = read(&repo(&format!("fixtures/pdf/{name}.borderless.pdf")));
        assert_eq!(json(&got), json(&want), "{name}: documents differ");
        let mut other = codes(&notes);
        other.retain(|c| c != "borderless-table");
        assert_eq!(other, codes(&want_notes), "{name}: {notes:#?}");
        assert!(codes(&notes).contains(&"borderless-table".to_owned()), "{name}");
    }
    // Wild tables whose alignment is not clear: refused, and nothing wrong read from them.
    for name in ["02_qingshen-fagai-gongzi-ziping", "13_chongqing-tongnan-wugui-yibanxing-mubiao"] {
        let (want, _) = read(&repo(&format!("fixtures/pdf/{name}.xlsx")));
        let (got, notes) = read(&repo(&format!("fixtures/pdf/{name}.borderless.pdf")));
        assert!(codes(&notes).contains(&"borderless-unclear".to_owned()), "{name}: {notes:#?}");
        let expected = indicators(&want);
        assert!(indicators(&got).iter().all(|i| expected.contains(i)), "{name}: an indicator the table does not hold");
    }
}

fn rows(name: &str) -> Vec<Vec<Row>> {
    let bytes = std::fs::read(repo(&format!("fixtures/pdf/{name}"))).expect("fixture");
    page_rows(name, &bytes).expect("pdf").into_iter().map(|(rows, _)| rows).collect()
}

/// The row holding a cell with `text`, as `(position, text, continued)` per cell.
fn row_with(rows: &[Row], text: &str) -> Vec<(String, String, bool)> {
    let row = rows.iter().find(|r| r.cells.iter().any(|c| c.text == text && !c.continued)).expect(text);
    row.cells.iter().map(|c| (c.position.to_string(), c.text.clone(), c.continued)).collect()
}

#[test]
fn cells_have_page_positions_merges_and_their_wrapped_lines_joined() {
    let pages = rows("ningxia-waishi-2020.chromium.pdf");
    assert_eq!(pages.len(), 6);
    // 一级 merged down its rows continues, positioned at its top cell; 部⻔ (a CJK radical in
    // Chromium's font) reads as 部门.
    assert_eq!(
        row_with(&pages[0], "2020年执行中不发生预算级次调剂"),
        vec![
            ("第1页!A6".into(), "预算执行绩效目标".into(), true),
            ("第1页!B8".into(), "预算调剂".into(), true),
            ("第1页!C9".into(), "2020年执行中不发生预算级次调剂".into(), false),
            ("第1页!D9".into(), "2020年执行中发生预算级次调剂资金占部门预算的百分率".into(), false),
            ("第1页!E9".into(), "0".into(), false),
        ]
    );
    // A cell of numbered items: each item on its own line, wrapped lines joined.
    let goals = &row_with(&pages[1], "绩效目标")[1].1;
    assert_eq!(goals.lines().count(), 3, "{goals}");
    assert!(goals.starts_with("(一) 保证外事出访任务圆满完成，做好项目对接和业务洽谈，促进项目在宁生根落地。\n"));
}

#[test]
fn a_table_broken_across_pages_continues_with_its_cut_row_joined() {
    let pages = rows("08_ningxia-changqing-chuzhong-tiyu-mubiao.narrow.pdf");
    assert_eq!(pages.len(), 2);
    // The row cut by the page end: its top part on page 1, its rest on page 2, read as one
    // row positioned on page 2, its 一级 continuing from page 1 as an absent (merged) cell.
    let row = row_with(&pages[1], "开放质量");
    let texts: Vec<&str> = row.iter().map(|c| c.1.as_str()).collect();
    assert_eq!(texts, vec!["质量指标", "开放质量", "全面落实学校体育设施向社会开放工作。"]);
    assert!(row[0].0.starts_with("第2页!"));
    // The column numbers of the part on page 2 are those of page 1.
    let col = |pages: &[Row], text: &str| {
        pages.iter().flat_map(|r| &r.cells).find(|c| c.text == text).map(|c| c.col).expect(text)
    };
    assert_eq!(col(&pages[1], "开放质量"), col(&pages[0], "补贴数量"));
}

#[test]
fn pdf_is_told_by_its_bytes_also_on_standard_input() {
    let path = repo("fixtures/pdf/ningxia-waishi-2020.calc.pdf");
    let bytes = std::fs::read(&path).expect("fixture");
    assert_eq!(Format::detect(Path::new("表"), &bytes[..16]), Some(Format::Pdf));
    assert_eq!(Format::detect(Path::new("表.txt"), &bytes[..16]), Some(Format::Pdf));
    let docs = read_stream("-", std::io::Cursor::new(bytes))
        .expect("opens")
        .filter_map(|i| match i.expect("reads") {
            Item::Document(d) => Some(d.document),
            Item::Diagnostic(_) => None,
        })
        .count();
    assert_eq!(docs, 6);
}

#[test]
fn a_scan_is_reported_as_needing_ocr_with_its_page() {
    let path = repo("fixtures/pdf/scanned.pdf");
    let (docs, notes) = read(&path);
    assert!(docs.is_empty());
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].contains("第1页!A1: 警告[needs-ocr]"), "{}", notes[0]);
    assert!(notes[0].contains("OCR"));
}

#[test]
fn encrypted_and_damaged_files_are_errors_that_say_so() {
    let err = |bytes: Vec<u8>| match read_stream("表.pdf", std::io::Cursor::new(bytes)) {
        Err(e) => e,
        Ok(items) => items.filter_map(Result::err).next().expect("an error"),
    };
    let encrypted = err(std::fs::read(repo("fixtures/pdf/encrypted.pdf")).expect("fixture"));
    assert!(matches!(encrypted, ReadError::Workbook { .. }));
    assert!(encrypted.to_string().starts_with("表.pdf: PDF 文件已加密"), "{encrypted}");
    // Cut short, and every byte of the body changed: an error naming the file, never a panic.
    let mut bytes = std::fs::read(repo("fixtures/pdf/ningxia-waishi-2020.chromium.pdf")).expect("fixture");
    bytes.truncate(bytes.len() / 3);
    assert!(err(bytes.clone()).to_string().starts_with("表.pdf: "));
    for b in bytes.iter_mut().skip(9) {
        *b = b.wrapping_add(1);
    }
    assert!(err(bytes).to_string().starts_with("表.pdf: "));
}

/// A deterministic stand-in for the fuzz target (`fuzz/fuzz_targets/read_pdf.rs`) that runs in
/// every test run: damaged variants of a real PDF (bytes changed, cut, a stream's length
/// wrong) read to an error or to documents, never a panic.
#[test]
fn damaged_variants_of_a_real_pdf_never_panic() {
    let original =
        std::fs::read(repo("fixtures/pdf/08_ningxia-changqing-chuzhong-tiyu-mubiao.calc.pdf")).expect("fixture");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..40 {
        let mut bytes = original.clone();
        match round % 3 {
            0 => {
                for _ in 0..1 + next() % 8 {
                    let at = 9 + (next() as usize) % (bytes.len() - 9);
                    bytes[at] = next() as u8;
                }
            }
            1 => bytes.truncate(9 + (next() as usize) % (bytes.len() - 9)),
            _ => {
                if let Some(at) = bytes.windows(8).position(|w| w == b"/Length ") {
                    bytes[at + 8] = b'9';
                }
            }
        }
        if let Ok(items) = read_stream("表.pdf", std::io::Cursor::new(bytes)) {
            for item in items {
                let _ = item;
            }
        }
    }
}

/// A small file whose object stream inflates past the 64 MB ceiling is refused with a message
/// that says so, before lopdf unpacks it (lopdf inflates object streams while it parses).
#[test]
fn a_pdf_whose_object_stream_inflates_past_the_ceiling_is_refused() {
    use std::io::Write;
    let mut e = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..65 {
        e.write_all(&zeros).expect("write");
    }
    let bomb = e.finish().expect("finish");
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let mut file = b"%PDF-1.5\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec();
    file.extend_from_slice(b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n");
    file.extend_from_slice(
        format!("3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length {} >>\nstream\n", bomb.len())
            .as_bytes(),
    );
    file.extend_from_slice(&bomb);
    file.extend_from_slice(b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");
    let err = match read_stream("表.pdf", std::io::Cursor::new(file)) {
        Err(e) => e.to_string(),
        Ok(items) => items.filter_map(Result::err).next().expect("an error").to_string(),
    };
    assert!(err.starts_with("表.pdf: PDF 中的数据流解压后超过 64 MB"), "{err}");
}

/// A PDF whose Chinese font has no ToUnicode map and the predefined CMap UniGB-UCS2-H (as
/// iText and reportlab write STSong-Light, not embedded): its codes are Unicode, and the table
/// reads whole. Made by reportlab from the layout of fixtures/layouts' project table.
#[test]
fn a_font_whose_codes_are_unicode_by_its_cmap_is_read() {
    let (got, notes) = read(&repo("fixtures/pdf/unigb-ucs2-cmap.pdf"));
    assert_eq!(got.len(), 1, "{notes:?}");
    let doc = &got[0];
    assert_eq!(doc.department, "宁夏回族自治区教育厅");
    let names: Vec<(&str, &str)> = doc.indicators.iter().map(|i| (i.name.as_str(), i.target.as_str())).collect();
    assert_eq!(names.len(), 7, "{names:?}");
    assert_eq!(names[0], ("培训教师人数", "≥5000人"));
    assert_eq!(names[6], ("参训教师满意度", "≥90%"));
}
