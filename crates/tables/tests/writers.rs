//! The writers on the seed sample: the xlsx official layout (read back by the spreadsheet
//! reader and checked in its XML), flat CSV (and read back), and the HTML page's structure.

use std::collections::HashMap;
use std::io::Read;

use jixiao_core::Stated;
use jixiao_core::model::documents_from_json;
use jixiao_core::{Document, Indicator};
use jixiao_tables::read::sheet::{Kind, grids};
use jixiao_tables::write::csv::{COLUMNS, CsvWriter};
use jixiao_tables::write::html::HtmlWriter;
use jixiao_tables::write::xlsx::XlsxWriter;
use quick_xml::events::Event;

fn seed() -> Vec<Document> {
    documents_from_json(include_str!("../../../samples/ningxia-waishi-2020.expected.json")).expect("seed")
}

fn xlsx(docs: &[Document], per_sheet: usize) -> Vec<u8> {
    let mut w = XlsxWriter::new(per_sheet);
    for d in docs {
        w.write(d).expect("write");
    }
    w.finish(Vec::new()).expect("finish")
}

/// A part of the xlsx zip, as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut s = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut s).expect("utf-8");
    s
}

/// A document whose texts a spreadsheet would run as formulas.
fn hostile() -> Document {
    let mut doc = seed().remove(1);
    doc.project.as_mut().expect("project").name = "=HYPERLINK(\"http://example.com\",\"点击\")".into();
    doc.indicators[0] = Indicator {
        level1: "产出指标".into(),
        level2: "数量指标".into(),
        name: "@SUM(A1:A9)".into(),
        target: "-5%".into(),
        ..Default::default()
    };
    doc.indicators[1].name = "+1+cmd|' /C calc'!A0".into();
    doc
}

#[test]
fn xlsx_has_one_sheet_per_table_in_the_official_layout() {
    let bytes = xlsx(&seed(), 1);
    let sheets = grids("seed.xlsx", bytes.clone(), Kind::Xlsx).expect("reads back");
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "部门整体",
            "外事出访经费",
            "外事电子护照运营及签证经费",
            "外事业务经费",
            "外事友城业务费",
            "外事翻译业务及培训费"
        ]
    );
    let s = &sheets[2];
    let row = |text: &str| {
        s.rows
            .iter()
            .find(|r| r.cells.iter().any(|c| c.text == text && !c.continued))
            .map(|r| {
                r.cells
                    .iter()
                    .map(|c| (c.position.to_string(), c.text.clone(), c.span, c.continued))
                    .collect::<Vec<_>>()
            })
            .expect(text)
    };
    let p = |cell: &str| format!("外事电子护照运营及签证经费!{cell}");
    assert_eq!(
        row("签证")[..3],
        [
            (p("A10"), "绩效指标".to_owned(), 1, true),
            (p("B10"), "产出指标".to_owned(), 1, true),
            (p("C10"), "数量指标".to_owned(), 1, true),
        ]
    );
    assert_eq!(
        row("其中：财政拨款"),
        [
            (p("A5"), "项目资金 (万元)".to_owned(), 1, true),
            (p("B6"), "其中：财政拨款".to_owned(), 2, false),
            (p("D6"), "70".to_owned(), 2, false),
        ]
    );
    assert_eq!(row("外事电子护照运营及签证经费")[1].2, 4, "项目名称 spans B:E");
    assert_eq!(s.rows[0].cells[0].span, 5, "the title spans the table");

    let sheet = part(&bytes, "xl/worksheets/sheet3.xml");
    for merge in ["A1:E1", "A5:A7", "A10:A22", "B10:B17", "C15:C17", "B20:B22"] {
        assert!(sheet.contains(&format!("<mergeCell ref=\"{merge}\"/>")), "{merge} merged");
    }
    assert!(sheet.contains("paperSize=\"9\""), "A4");
    assert!(sheet.contains("fitToHeight=\"0\"") && sheet.contains("<pageSetUpPr fitToPage=\"1\"/>"), "fit to width");
    assert!(sheet.contains("<col min=\"1\" max=\"1\" width="), "column widths set");
    assert!(sheet.contains("customHeight=\"1\""), "row heights set for wrapped text");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("<name val=\"宋体\"/>") && styles.contains("<charset val=\"134\"/>"), "CJK font");
    assert!(styles.contains("wrapText=\"1\""), "wrapped text");
    assert!(styles.contains("<left style=\"thin\">"), "borders");
    // Amounts are numbers, not text.
    assert!(sheet.contains("<v>70</v>"), "funds stored as numbers");
}

#[test]
fn xlsx_neutralises_formula_like_text_without_changing_it() {
    let bytes = xlsx(&[hostile()], 1);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no formula anywhere");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("quotePrefix=\"1\""), "quote prefix style present");
    // Every cell holding a formula-like text uses a quote-prefixed style.
    let xfs: Vec<bool> = styles
        .split("<cellXfs")
        .nth(1)
        .expect("cellXfs")
        .split("<xf ")
        .skip(1)
        .map(|xf| xf.split('>').next().unwrap_or("").contains("quotePrefix=\"1\""))
        .collect();
    let strings: Vec<String> = part(&bytes, "xl/sharedStrings.xml")
        .split("<t")
        .skip(1)
        .map(|t| {
            t.split_once('>').map(|(_, rest)| rest.split("</t>").next().unwrap_or("").to_owned()).unwrap_or_default()
        })
        .collect();
    let mut checked = 0;
    for cell in sheet.split("<c ").skip(1) {
        let attrs = cell.split('>').next().unwrap_or("");
        let style: usize =
            attrs.split("s=\"").nth(1).and_then(|s| s.split('"').next()).and_then(|s| s.parse().ok()).unwrap_or(0);
        if attrs.contains("t=\"s\"") {
            let index: usize =
                cell.split("<v>").nth(1).and_then(|v| v.split('<').next()).and_then(|v| v.parse().ok()).expect("index");
            let text = &strings[index];
            let risky = text.starts_with(['=', '+', '-', '@']);
            assert_eq!(xfs[style], risky, "{text}: quote prefix exactly on formula-like text");
            checked += usize::from(risky);
        }
    }
    assert_eq!(checked, 4, "name, 三级 twice, target");
    // Read back, the text is exactly as written.
    let sheets = grids("hostile.xlsx", bytes, Kind::Xlsx).expect("reads");
    let texts: Vec<&str> = sheets[0].rows.iter().flat_map(|r| r.cells.iter().map(|c| c.text.as_str())).collect();
    for t in ["=HYPERLINK(\"http://example.com\",\"点击\")", "@SUM(A1:A9)", "-5%", "+1+cmd|' /C calc'!A0"] {
        assert!(texts.contains(&t), "{t} kept");
    }
}

#[test]
fn xlsx_stacks_tables_when_asked() {
    let bytes = xlsx(&seed(), 4);
    let sheets = grids("stacked.xlsx", bytes, Kind::Xlsx).expect("reads");
    assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["表1", "表2"]);
    let titles = |i: usize| sheets[i].rows.iter().filter(|r| r.cells[0].text.ends_with("绩效目标表")).count();
    assert_eq!((titles(0), titles(1)), (4, 2));
}

#[test]
fn csv_has_one_row_per_indicator_with_documented_columns() {
    let mut w = CsvWriter::new(Vec::new(), true).expect("csv");
    for d in seed() {
        w.write(&d).expect("row");
    }
    let bytes = w.finish().expect("finish");
    assert!(bytes.starts_with("\u{FEFF}".as_bytes()), "BOM with --excel");
    let text = std::str::from_utf8(&bytes[3..]).expect("utf-8");
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().expect("header").iter().map(str::to_owned).collect();
    assert_eq!(header, COLUMNS);
    let records: Vec<HashMap<String, String>> = rows.deserialize().map(|r| r.expect("record")).collect();
    assert_eq!(records.len(), 60);
    let r = &records[6];
    assert_eq!(r["project"], "外事出访经费");
    assert_eq!(r["funds_total"], "700");
    assert_eq!(r["kind"], "project");
    assert_eq!(r["year"], "2020");
    assert_eq!(r["indicator_no"], "1");
    assert_eq!(r["target"], "大于10个团组，80人次");
    assert_eq!((r["target_kind"].as_str(), r["target_op"].as_str(), r["target_value"].as_str()), ("quantity", "", ""));
    assert_eq!(r["target_canonical"], ">10个团组; >80人次");
    let r = &records[9];
    assert_eq!(
        (r["name"].as_str(), r["target_op"].as_str(), r["target_value"].as_str(), r["target_unit"].as_str()),
        ("出访费用", ">", "650", "万元")
    );
    // A bare number's canonical form starts with `=`: neutralised like any formula-like text.
    assert_eq!((records[0]["target_op"].as_str(), records[0]["target_canonical"].as_str()), ("'=", "'=100%"));

    let mut w = CsvWriter::new(Vec::new(), false).expect("csv");
    w.write(&hostile()).expect("row");
    let bytes = w.finish().expect("finish");
    assert!(bytes.starts_with(b"year,"), "no BOM without --excel");
    let text = String::from_utf8(bytes).expect("utf-8");
    assert!(text.contains("\"'=HYPERLINK(\"\"http://example.com\"\",\"\"点击\"\")\""), "{text}");
    assert!(text.contains(",'@SUM(A1:A9),"));
    assert!(text.contains(",'-5%,"));
    assert!(!text.contains(",=") && !text.contains(",@") && !text.contains(",+1"), "no field starts like a formula");
}

/// An HTML cell: tag, text, rowspan, colspan.
type HtmlCell = (String, String, u32, u32);

/// The HTML tables as grids: for each table, its caption and rows of cells, parsed as XML
/// (the page is polyglot markup).
#[test]
fn flat_csv_reads_back_to_what_it_holds() {
    // Everything but what the flat form leaves out, formula-like text included.
    let mut docs = seed();
    docs.push(hostile());
    // The same table twice in a row stays two tables.
    docs.push(docs[2].clone());
    docs.push(docs[2].clone());
    let mut w = CsvWriter::new(Vec::new(), true).expect("header");
    for d in &docs {
        w.write(d).expect("rows");
    }
    let bytes = w.finish().expect("finish");
    let dir = std::env::temp_dir().join(format!("jixiao-flat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("flat.csv");
    std::fs::write(&path, &bytes).expect("write");
    let mut back = Vec::new();
    let mut notes = Vec::new();
    for item in jixiao_tables::read_path(&path).expect("opens") {
        match item.expect("reads") {
            jixiao_tables::Item::Document(d) => back.push(d.document),
            jixiao_tables::Item::Diagnostic(d) => notes.push(d.code),
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    for d in &mut docs {
        d.goals.clear();
        d.duties.clear();
        // An empty code column cannot say whether the table had a place for a code.
        d.department_code = Stated::given_or_absent(std::mem::take(&mut d.department_code).into_given());
        for i in &mut d.indicators {
            i.target_parts = None;
        }
    }
    assert_eq!(notes, ["flat-csv"]);
    assert_eq!(back.len(), docs.len());
    for (got, want) in back.iter().zip(&docs) {
        assert_eq!(
            serde_json::to_value(got).expect("json"),
            serde_json::to_value(want).expect("json"),
            "{}",
            want.label()
        );
    }
}

fn html_tables(html: &str) -> Vec<(String, Vec<Vec<HtmlCell>>)> {
    let mut reader = quick_xml::Reader::from_str(html);
    let mut tables = Vec::new();
    let mut cell: Option<HtmlCell> = None;
    let mut caption: Option<String> = None;
    loop {
        match reader.read_event().expect("well-formed") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_owned();
                let span = |a: &str| -> u32 {
                    e.try_get_attribute(a)
                        .ok()
                        .flatten()
                        .map(|v| {
                            v.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .expect("value")
                                .parse()
                                .expect("span")
                        })
                        .unwrap_or(1)
                };
                match name.as_str() {
                    "table" => tables.push((String::new(), Vec::new())),
                    "caption" => caption = Some(String::new()),
                    "tr" => tables.last_mut().expect("table").1.push(Vec::new()),
                    "td" | "th" => cell = Some((name.clone(), String::new(), span("rowspan"), span("colspan"))),
                    "script" | "iframe" | "img" => panic!("unexpected element {name}"),
                    _ => {}
                }
            }
            Event::Text(t) => {
                let text = t.xml10_content().into_owned();
                if let Some(c) = cell.as_mut() {
                    c.1.push_str(&text);
                } else if let Some(c) = caption.as_mut() {
                    c.push_str(&text);
                }
            }
            Event::GeneralRef(r) => {
                let s = match r.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "#39" => "'",
                    other => panic!("unexpected entity {other}"),
                };
                if let Some(c) = cell.as_mut() {
                    c.1.push_str(s);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                "td" | "th" => {
                    let c = cell.take().expect("cell");
                    tables.last_mut().expect("table").1.last_mut().expect("row").push(c);
                }
                "caption" => tables.last_mut().expect("table").0 = caption.take().unwrap_or_default(),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    tables
}

/// Lays the cells out as a browser does; every row must come out the same width.
fn occupancy(rows: &[Vec<HtmlCell>]) -> Vec<Vec<String>> {
    let mut grid: Vec<Vec<Option<String>>> = Vec::new();
    for (r, row) in rows.iter().enumerate() {
        let mut col = 0;
        for (_, text, rs, cs) in row {
            while grid.get(r).and_then(|g| g.get(col)).is_some_and(Option::is_some) {
                col += 1;
            }
            for rr in r..r + *rs as usize {
                if grid.len() <= rr {
                    grid.resize(rr + 1, Vec::new());
                }
                for cc in col..col + *cs as usize {
                    if grid[rr].len() <= cc {
                        grid[rr].resize(cc + 1, None);
                    }
                    assert!(grid[rr][cc].is_none(), "cells overlap at {rr},{cc}");
                    grid[rr][cc] = Some(text.clone());
                }
            }
            col += *cs as usize;
        }
    }
    grid.into_iter().map(|r| r.into_iter().map(|c| c.expect("no hole in the grid")).collect()).collect()
}

#[test]
fn html_reproduces_the_official_table() {
    let mut w = HtmlWriter::new(Vec::new(), "绩效目标表");
    for d in seed() {
        w.write(&d).expect("write");
    }
    let html = String::from_utf8(w.finish().expect("finish")).expect("utf-8");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("@page { size: A4;"), "A4 print stylesheet");
    assert!(html.contains("break-before: page"), "a page break between tables");
    assert!(html.contains("Noto Serif CJK SC") && html.contains("SimSun"), "CJK font stack");
    assert!(!html.contains("<link") && !html.contains("src="), "self-contained");
    let tables = html_tables(&html);
    assert_eq!(tables.len(), 6);
    assert_eq!(tables[1].0, "2020年宁夏回族自治区人民政府外事办公室项目支出预算绩效目标表");
    for (caption, rows) in &tables {
        let grid = occupancy(rows);
        assert!(grid.iter().all(|r| r.len() == 5), "{caption}: every row 5 columns wide");
    }
    // The project table: header block, then 类别/一级/二级/三级/指标值 with rowspans.
    let grid = occupancy(&tables[2].1);
    assert_eq!(
        grid[0],
        [
            "项目名称",
            "外事电子护照运营及签证经费",
            "外事电子护照运营及签证经费",
            "外事电子护照运营及签证经费",
            "外事电子护照运营及签证经费"
        ]
    );
    assert_eq!(grid[7], ["类别", "一级指标", "二级指标", "三级指标", "指标值"]);
    assert_eq!(grid[9], ["绩效指标", "产出指标", "数量指标", "签证", "大于200人"]);
    assert_eq!(grid[20], ["绩效指标", "满意度指标", "服务对象满意度指标", "APEC卡办理人员满意度", "大于80%"]);
    let rowspan_of = |text: &str| tables[2].1.iter().flatten().find(|c| c.1 == text).map(|c| (c.0.as_str(), c.2));
    assert_eq!(rowspan_of("产出指标"), Some(("td", 8)));
    assert_eq!(rowspan_of("成本指标"), Some(("td", 3)));
    assert_eq!(rowspan_of("绩效指标"), Some(("td", 13)));
    assert_eq!(rowspan_of("项目资金 (万元)"), Some(("th", 3)));
    assert_eq!(rowspan_of("一级指标"), Some(("th", 1)));
    // The department table's heading: 三级指标 over three columns.
    let dept = occupancy(&tables[0].1);
    assert_eq!(dept[2], ["一级指标", "二级指标", "三级指标", "三级指标", "三级指标"]);
    assert_eq!(dept[3], ["一级指标", "二级指标", "财政政策性绩效目标", "部门预算绩效目标", "部门指标值"]);

    // Hostile text is text.
    let mut doc = hostile();
    doc.indicators[2].name = "<script>alert('x')</script>&".into();
    let mut w = HtmlWriter::new(Vec::new(), "t");
    w.write(&doc).expect("write");
    let html = String::from_utf8(w.finish().expect("finish")).expect("utf-8");
    let tables = html_tables(&html);
    assert!(tables[0].1.iter().flatten().any(|c| c.1 == "<script>alert('x')</script>&"));
}
