//! The spreadsheet reader's rows, on workbooks made by other programs (openpyxl, xlwt,
//! LibreOffice: see fixtures/sheets/make_fixtures.py): merges, values and positions.

use std::path::{Path, PathBuf};

use jixiao_tables::read::grid::Row;
use jixiao_tables::read::sheet::{Kind, SheetGrid, grids};
use jixiao_tables::{Format, Item, ReadError, read_path};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/sheets").join(name)
}

fn grid(name: &str, kind: Kind) -> Vec<SheetGrid> {
    grids(name, std::fs::read(fixture(name)).expect("fixture"), kind).expect("readable")
}

/// The row holding a cell with `text`, as `(position, text, span, continued)` per cell.
fn row_with<'a>(rows: &'a [Row], text: &str) -> Vec<(String, &'a str, u32, bool)> {
    let row = rows.iter().find(|r| r.cells.iter().any(|c| c.text == text && !c.continued)).expect(text);
    row.cells.iter().map(|c| (c.position.to_string(), c.text.as_str(), c.span, c.continued)).collect()
}

fn assert_project_2020(sheets: &[SheetGrid]) {
    assert_eq!(sheets.len(), 1);
    let s = &sheets[0];
    assert_eq!(s.name, "项目支出");
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    // Title merged across A:E.
    assert_eq!(row_with(&s.rows, "2020年宁夏回族自治区教育厅项目支出绩效目标表")[0].2, 5);
    // 项目资金 merged down three rows: continued on the 2nd and 3rd, positioned at A5.
    assert_eq!(
        row_with(&s.rows, "其中：财政拨款"),
        vec![
            ("项目支出!A5".into(), "项目资金\n(万元)", 1, true),
            ("项目支出!B6".into(), "其中：财政拨款", 2, false),
            ("项目支出!D6".into(), "1200", 2, false),
        ]
    );
    // 一级 and 二级 continue from their merges; a number with a unit format keeps the unit.
    assert_eq!(
        row_with(&s.rows, "送教下乡次数"),
        vec![
            ("项目支出!A10".into(), "绩效指标", 1, true),
            ("项目支出!B10".into(), "产出指标", 1, true),
            ("项目支出!C10".into(), "数量指标", 1, true),
            ("项目支出!D11".into(), "送教下乡次数", 1, false),
            ("项目支出!E11".into(), "50次", 1, false),
        ]
    );
    let target = |name: &str| row_with(&s.rows, name).last().map(|c| c.1.to_owned()).expect("target");
    assert_eq!(target("培训合格率"), "95%", "0.95 in a 0% cell");
    assert_eq!(target("参训教师满意度"), "90%");
    assert_eq!(target("资金发放及时率"), "100%", "1 in a 0% cell");
    assert_eq!(target("培训完成时间"), "2021-12-31", "date serial 44561");
    assert_eq!(target("人均培训成本"), "0.3", "0.1 + 0.2 without float noise");
    assert_eq!(row_with(&s.rows, "年度资金总额").last().map(|c| c.1), Some("1500"));
    assert_eq!(row_with(&s.rows, "学生资助补助经费")[1].1, "学生资助补助经费");
    assert_eq!(row_with(&s.rows, "学生资助补助经费")[1].0, "项目支出!B20");
    // Two tables, one under the other: both titles are there.
    let titles = s.rows.iter().filter(|r| r.cells[0].text.ends_with("绩效目标表")).count();
    assert_eq!(titles, 2);
}

#[test]
fn xlsx_from_openpyxl() {
    assert_project_2020(&grid("project-2020.xlsx", Kind::Xlsx));
}

#[test]
fn ods_from_libreoffice() {
    assert_project_2020(&grid("project-2020.ods", Kind::Ods));
}

#[test]
fn xls_from_libreoffice() {
    assert_project_2020(&grid("project-2020.xls", Kind::Xls));
}

#[test]
fn xlsx_newer_template_columns() {
    let sheets = grid("project-2023.xlsx", Kind::Xlsx);
    let rows = &sheets[0].rows;
    let header: Vec<&str> = row_with(rows, "指标性质").iter().map(|c| c.1).collect();
    assert_eq!(header, ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重", "指标方向"]);
    let cells = row_with(rows, "培训完成时间");
    let texts: Vec<&str> = cells.iter().map(|c| c.1).collect();
    // The empty 度量单位 cell is left out; the date serial in a yyyy/m/d cell is ISO.
    assert_eq!(texts, ["产出指标", "时效指标", "培训完成时间", "≤", "2023-12-31", "10", "反向"]);
    assert_eq!(cells[4].0, "绩效目标表!E12");
}

#[test]
fn xls_from_xlwt() {
    let sheets = grid("department-2020.xls", Kind::Xls);
    let rows = &sheets[0].rows;
    assert_eq!(row_with(rows, "[812]宁夏回族自治区教育厅")[1].2, 4);
    // The two-row header: 一级/二级 merged down, 三级 merged across.
    assert_eq!(
        row_with(rows, "财政政策性绩效目标"),
        vec![
            ("部门整体!A4".into(), "一级指标", 1, true),
            ("部门整体!B4".into(), "二级指标", 1, true),
            ("部门整体!C5".into(), "财政政策性绩效目标", 1, false),
            ("部门整体!D5".into(), "部门预算绩效目标", 1, false),
            ("部门整体!E5".into(), "部门指标值", 1, false),
        ]
    );
    // Percentages from the cells' number formats (BIFF8 XF and FORMAT records).
    assert_eq!(row_with(rows, "九年义务教育巩固率").last().map(|c| c.1), Some("98.5%"));
    assert_eq!(
        row_with(rows, "编入2020年部门预算的结转资金占部门实际全部结转资金的百分率").last().map(|c| c.1),
        Some("100%")
    );
    let cells = row_with(rows, "年度重点任务完成时间");
    assert_eq!(cells[0], ("部门整体!A9".into(), "履职效益绩效目标", 1, true));
    assert_eq!(cells.last().map(|c| c.1), Some("2020-12-31"));
    assert_eq!(row_with(rows, "2020年执行中不发生预算追加")[1], ("部门整体!B7".into(), "预算调剂", 1, true));
}

#[test]
fn problems_name_the_sheet_and_cell() {
    let sheets = grid("problems.xlsx", Kind::Xlsx);
    // The hidden sheet of drop-down lists is not read.
    assert_eq!(sheets.len(), 1);
    let d: Vec<(String, &str)> = sheets[0]
        .diagnostics
        .iter()
        .map(|d| (d.position.as_ref().map(ToString::to_string).unwrap_or_default(), d.code))
        .collect();
    assert_eq!(d, [("问题!B2".to_owned(), "cell-error"), ("问题!B3".to_owned(), "covered-cell")]);
    assert!(sheets[0].diagnostics[0].message.contains("#N/A"));
    // Through read_path the hidden sheet is named in a note, and the error is a warning.
    let items: Vec<Item> = read_path(&fixture("problems.xlsx")).expect("opens").map(|i| i.expect("item")).collect();
    let shown: Vec<String> = items
        .iter()
        .filter_map(|i| match i {
            Item::Diagnostic(d) => Some(d.display("problems.xlsx").to_string()),
            Item::Document(_) => None,
        })
        .collect();
    assert!(shown.iter().any(|s| s.starts_with("problems.xlsx:问题!B2: 警告[cell-error]")), "{shown:?}");
    assert!(shown.iter().any(|s| s.contains("下拉选项") && s.contains("隐藏")), "{shown:?}");
}

#[test]
fn formats_are_detected_by_extension_and_content() {
    let head = |name: &str| std::fs::read(fixture(name)).expect("fixture")[..512].to_vec();
    let none = Path::new("upload.bin");
    assert_eq!(Format::detect(none, &head("project-2020.xlsx")), Some(Format::Sheet(Kind::Xlsx)));
    assert_eq!(Format::detect(none, &head("project-2020.ods")), Some(Format::Sheet(Kind::Ods)));
    assert_eq!(Format::detect(none, &head("department-2020.xls")), Some(Format::Sheet(Kind::Xls)));
    assert_eq!(Format::detect(Path::new("a.XLSX"), b""), Some(Format::Sheet(Kind::Xlsx)));
    // Content wins over a wrong extension.
    assert_eq!(Format::detect(Path::new("a.xls"), &head("project-2020.xlsx")), Some(Format::Sheet(Kind::Xlsx)));
    assert_eq!(Format::detect(Path::new("a.xlsx"), &head("project-2020.ods")), Some(Format::Sheet(Kind::Ods)));
    assert_eq!(Format::detect(Path::new("a.ods"), b""), Some(Format::Sheet(Kind::Ods)));
    // Text under a workbook's name: a CSV renamed is read as CSV, and a web page that a system
    // exported as "Excel" is told apart, to be refused with what to do.
    let csv = "项目名称,测试,,\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,人数,≥10人\n".as_bytes();
    assert_eq!(Format::detect(Path::new("a.xlsx"), csv), Some(Format::Csv));
    let html = b"  <html><head><meta charset=\"utf-8\"></head><body><table><tr><td>1</td></tr></table>";
    assert_eq!(Format::detect(Path::new("export.xls"), html), Some(Format::Html));
    let read = jixiao_tables::read_stream("export.xls", std::io::Cursor::new(html.to_vec()));
    let message = read.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("内容却是网页"), "{message}");
}

/// A workbook with an open password (project-2020.xlsx encrypted with msoffcrypto-tool's
/// `OOXMLFile.encrypt`, password `secret`) is said to be encrypted, not to be no workbook.
#[test]
fn an_encrypted_workbook_is_said_to_be_encrypted() {
    let bytes = std::fs::read(fixture("encrypted.xlsx")).expect("fixture");
    let err = jixiao_tables::read_stream("encrypted.xlsx", std::io::Cursor::new(bytes)).err().map(|e| e.to_string());
    assert!(err.as_deref().is_some_and(|e| e.contains("已加密")), "{err:?}");
}

#[test]
fn corrupt_workbooks_are_errors_not_panics() {
    let dir = std::env::temp_dir().join(format!("jixiao-corrupt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut cases: Vec<(String, Vec<u8>)> = Vec::new();
    for name in ["project-2020.xlsx", "project-2020.ods", "department-2020.xls"] {
        let bytes = std::fs::read(fixture(name)).expect("fixture");
        let ext = name.rsplit('.').next().unwrap_or("");
        for cut in [0, 4, 100, bytes.len() / 3, bytes.len() / 2, bytes.len() - 10] {
            cases.push((format!("cut{cut}.{ext}"), bytes[..cut].to_vec()));
        }
        // Flipped bytes in the middle of the file.
        let mut flipped = bytes.clone();
        for b in flipped.iter_mut().skip(bytes.len() / 4).step_by(97).take(64) {
            *b ^= 0x5A;
        }
        cases.push((format!("flipped.{ext}"), flipped));
    }
    cases.push(("garbage.xlsx".into(), b"PK\x03\x04 this is not a zip file at all".to_vec()));
    cases.push(("garbage.xls".into(), b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 no compound file".to_vec()));
    for (name, bytes) in cases {
        let path = dir.join(&name);
        std::fs::write(&path, &bytes).expect("write");
        // Whatever happens, it is a value: documents, diagnostics or an error naming the file.
        let result = std::panic::catch_unwind(|| match read_path(&path) {
            Ok(items) => items.filter_map(Result::err).map(|e| e.to_string()).collect::<Vec<_>>(),
            Err(e) => vec![e.to_string()],
        });
        let errors = result.unwrap_or_else(|_| panic!("{name}: the reader panicked"));
        for e in errors {
            assert!(e.contains(&name), "{name}: the error names the file: {e}");
        }
    }
    let err = match read_path(&dir.join("cut100.xlsx")) {
        Err(e) => e,
        Ok(_) => panic!("a truncated xlsx does not open"),
    };
    assert!(matches!(err, ReadError::Workbook { .. }), "{err}");
    assert!(err.to_string().contains("无法打开 xlsx 文件"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}
