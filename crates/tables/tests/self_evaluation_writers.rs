//! The 自评表 in its official layout: the budget-execution block and the 总分 row drawn by the
//! xlsx and HTML writers, and the workbook read back to the same document.

use std::io::Cursor;

use jixiao_core::Document;
use jixiao_core::model::documents_from_json;
use jixiao_tables::write::html::HtmlWriter;
use jixiao_tables::write::xlsx::XlsxWriter;
use jixiao_tables::{Item, read_stream};

fn fixture() -> Document {
    documents_from_json(include_str!("../../../fixtures/scoring/wrong-scores.json")).expect("fixture").remove(0)
}

#[test]
fn the_workbook_reads_back_to_the_same_self_evaluation() {
    let doc = fixture();
    let mut w = XlsxWriter::new(1);
    w.write(&doc).expect("write");
    let bytes = w.finish(Vec::new()).expect("finish");
    let mut back = Vec::new();
    for item in read_stream("自评表.xlsx", Cursor::new(bytes)).expect("opens") {
        match item.expect("reads") {
            Item::Document(d) => back.push(d.document),
            Item::Diagnostic(d) => {
                // Only the 评价等级 row is left over.
                let said = d.display("自评表.xlsx").to_string();
                assert!(said.contains("“评价等级”") || said.contains("“良”"), "{said}");
            }
        }
    }
    assert_eq!(back.len(), 1);
    let mut expected = doc.clone();
    // The readers do not know the 评价等级 row yet (issue 12, item 4): everything else returns.
    expected.self_evaluation.as_mut().expect("se").grade = None;
    assert_eq!(back[0], expected);
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
