//! The 自评表 and the monitoring table in their official layouts: the budget block with its 其中
//! rows, the 总分 and 评价等级 rows and the monitoring columns drawn by the xlsx and HTML writers,
//! and read back to the same document from the workbook and from tab, pipe and space-aligned text.

use std::io::Cursor;

use jixiao_core::model::documents_from_json;
use jixiao_core::{BudgetPart, Document};
use jixiao_tables::write::html::HtmlWriter;
use jixiao_tables::write::layout::layout;
use jixiao_tables::write::xlsx::XlsxWriter;
use jixiao_tables::{Item, Severity, read_stream};
use rust_decimal::Decimal;

fn fixture() -> Document {
    documents_from_json(include_str!("../../../fixtures/scoring/wrong-scores.json")).expect("fixture").remove(0)
}

/// The fixture with the rows the 10号 template has under 年度资金总额 and a 偏差原因.
fn with_parts() -> Document {
    let mut doc = fixture();
    let se = doc.self_evaluation.as_mut().expect("a self-evaluation");
    let part = |source: &str, initial: Option<i64>, full_year: Option<i64>, spent: Option<i64>, rate: Option<i64>| {
        let d = |v: Option<i64>| v.map(|v| Decimal::new(v, 3).normalize().into());
        BudgetPart {
            source: source.to_owned(),
            budget_initial: d(initial),
            budget_full_year: d(full_year),
            spent: d(spent),
            execution_rate: rate.map(|r| Decimal::from(r).into()),
            forecast_spent: None,
        }
    };
    se.budget_parts = vec![
        part("本年财政拨款", Some(180_640), Some(110_912), Some(110_912), Some(100)),
        part("上年结转资金", Some(22_000), Some(22_000), Some(22_000), None),
        part("其他资金", None, None, None, None),
    ];
    se.deviation_cause = Some("部分村干部岗位空缺, 补助按实际人数发放".to_owned());
    doc
}

fn monitoring() -> Document {
    let mut doc =
        documents_from_json(include_str!("../../../fixtures/scoring/monitoring-2021.json")).expect("fixture").remove(0);
    let m = doc.monitoring.as_mut().expect("monitoring");
    m.budget_parts = vec![
        BudgetPart {
            source: "财政拨款".to_owned(),
            budget_initial: Some(Decimal::from(120).into()),
            budget_full_year: Some(Decimal::from(120).into()),
            spent: Some(Decimal::new(315, 1).into()),
            execution_rate: Some(Decimal::new(2625, 2).into()),
            forecast_spent: Some(Decimal::from(50).into()),
        },
        BudgetPart { source: "其他资金".to_owned(), ..BudgetPart::default() },
    ];
    doc
}

/// Reads `bytes` as `name`; the documents, and the diagnostics that are warnings.
fn read(name: &str, bytes: Vec<u8>) -> (Vec<Document>, Vec<String>) {
    let (mut docs, mut warnings) = (Vec::new(), Vec::new());
    for item in read_stream(name, Cursor::new(bytes)).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => docs.push(d.document),
            Item::Diagnostic(d) if d.severity == Severity::Warning => warnings.push(d.display(name).to_string()),
            Item::Diagnostic(_) => {}
        }
    }
    (docs, warnings)
}

fn workbook(doc: &Document) -> Vec<u8> {
    let mut w = XlsxWriter::new(1);
    w.write(doc).expect("write");
    w.finish(Vec::new()).expect("finish")
}

/// The official layout as text: every grid position a field (a merged cell's text in its first
/// position, as a spreadsheet copies), fields joined by `sep`; a pipe-separated line is framed
/// by pipes, as Markdown tables are, so that a line may start with empty fields.
fn as_text(doc: &Document, sep: &str) -> String {
    let l = layout(doc);
    let mut grid = vec![vec![String::new(); l.width as usize]; l.height as usize];
    for c in &l.cells {
        grid[c.row as usize][c.col as usize] = c.text.replace('\n', " ");
    }
    let frame =
        |line: String| if sep.contains('|') { format!("| {line} |\n") } else { line.trim_end().to_owned() + "\n" };
    grid.iter().map(|row| frame(row.join(sep))).collect()
}

/// The layout as text aligned with spaces, as `pdftotext -layout` gives a table: each column as
/// wide as its widest cell, blank where a cell is empty.
fn as_aligned_text(doc: &Document) -> String {
    let l = layout(doc);
    let width = |s: &str| s.chars().map(|c| if (c as u32) < 0x1100 { 1 } else { 2 }).sum::<usize>();
    let mut grid = vec![vec![String::new(); l.width as usize]; l.height as usize];
    for c in &l.cells {
        grid[c.row as usize][c.col as usize] = c.text.replace('\n', " ");
    }
    // The title and the long texts span the row: they do not set a column's width.
    let mut widths = vec![0; l.width as usize];
    for c in l.cells.iter().filter(|c| c.cols == 1) {
        widths[c.col as usize] = widths[c.col as usize].max(width(&c.text));
    }
    let mut out = String::new();
    for row in &grid {
        let mut line = String::new();
        for (k, text) in row.iter().enumerate() {
            line.push_str(text);
            if k + 1 < row.len() {
                line.push_str(&" ".repeat(widths[k].saturating_sub(width(text)) + 3));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn the_workbook_reads_back_to_the_same_self_evaluation() {
    for doc in [fixture(), with_parts()] {
        let (back, warnings) = read("自评表.xlsx", workbook(&doc));
        assert_eq!(warnings, Vec::<String>::new());
        assert_eq!(back, [doc]);
    }
}

#[test]
fn the_workbook_reads_back_to_the_same_monitoring() {
    let plain =
        documents_from_json(include_str!("../../../fixtures/scoring/monitoring-2021.json")).expect("fixture").remove(0);
    for doc in [plain, monitoring()] {
        let (back, warnings) = read("监控表.xlsx", workbook(&doc));
        assert_eq!(warnings, Vec::<String>::new());
        // Its 项目资金, which the monitoring layout has no place for, are drawn above the budget
        // block and come back with the rest.
        assert_eq!(back, [doc]);
    }
}

/// The parts of a document the budget block and the monitoring columns hold, as JSON.
fn blocks(doc: &Document) -> String {
    let indicators: Vec<_> =
        doc.indicators.iter().map(|i| (&i.name, &i.deviation_cause, &i.monitoring, i.score.into_given())).collect();
    let value = serde_json::json!({
        "self_evaluation": doc.self_evaluation,
        "monitoring": doc.monitoring,
        "indicators": serde_json::to_value(indicators).expect("json"),
    });
    serde_json::to_string_pretty(&value).expect("json")
}

#[test]
fn tab_and_pipe_text_read_back_the_same_blocks() {
    for doc in [with_parts(), monitoring()] {
        for sep in ["\t", " | "] {
            let text = as_text(&doc, sep);
            let (back, warnings) = read("表.txt", text.clone().into_bytes());
            assert_eq!(warnings, Vec::<String>::new(), "{text}");
            assert_eq!(back.len(), 1, "{text}");
            assert_eq!(blocks(&back[0]), blocks(&doc), "{text}");
        }
    }
}

#[test]
fn space_aligned_text_reads_back_the_budget_block() {
    for doc in [with_parts(), monitoring()] {
        let text = as_aligned_text(&doc);
        let (back, _) = read("表.txt", text.clone().into_bytes());
        assert_eq!(back.len(), 1, "{text}");
        assert_eq!(blocks(&back[0]), blocks(&doc), "{text}");
    }
}

#[test]
fn the_html_page_has_the_budget_block_and_the_total() {
    let mut w = HtmlWriter::new(Vec::new(), "自评表");
    w.write(&fixture()).expect("write");
    let html = String::from_utf8(w.finish().expect("finish")).expect("utf-8");
    for text in ["预算执行情况", "年初预算数", "全年执行数", "执行率", "202.64", "132.912", "100%", "总分", "评价等级"]
    {
        assert!(html.contains(text), "{text}");
    }
    let budget = html.find("年初预算数").expect("budget block");
    let indicators = html.find("一级指标").expect("indicator block");
    let total = html.find("总分").expect("total");
    assert!(budget < indicators && indicators < total, "the template's order");
}
