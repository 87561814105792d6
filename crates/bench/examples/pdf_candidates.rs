//! Compares ways of reading the PDF fixtures, on the sample printed three ways: jixiao's
//! geometry reader (pdf-extract's interpreter driving jixiao's device, cells from the ruling
//! lines); pdf-extract's own text extraction handed to jixiao's text reader; and, when
//! installed, `pdftotext -layout` handed to the text reader. Prints indicators read exactly
//! (of 60) and the time each took.
//!
//! `cargo run --release -p jixiao-bench --example pdf_candidates`

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use jixiao_core::Document;
use jixiao_core::model::documents_from_json;
use jixiao_tables::{Item, Items, read_stream, read_text};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let expected: Vec<Document> = documents_from_json(
        &std::fs::read_to_string(root.join("samples/ningxia-waishi-2020.expected.json")).expect("expected"),
    )
    .expect("json");
    for print in ["chromium", "narrow", "calc"] {
        let path = root.join(format!("fixtures/pdf/ningxia-waishi-2020.{print}.pdf"));
        let bytes = std::fs::read(&path).expect("pdf");
        let start = Instant::now();
        let geometry = documents(read_stream("pdf", std::io::Cursor::new(bytes.clone())));
        let t_geometry = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let text = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(&bytes)).ok().and_then(Result::ok);
        let extract = text.map(|t| documents(read_text("text", std::io::Cursor::new(t.into_bytes()))));
        let t_extract = start.elapsed().as_secs_f64();
        let start = Instant::now();
        let poppler = Command::new("pdftotext")
            .args(["-layout", &path.display().to_string(), "-"])
            .output()
            .ok()
            .map(|o| documents(read_text("text", std::io::Cursor::new(o.stdout))));
        let t_poppler = start.elapsed().as_secs_f64();
        let show = |docs: &Option<Vec<Document>>| docs.as_ref().map_or("—".to_owned(), |d| exact(d, &expected));
        println!(
            "{print:>8}: geometry {} ({t_geometry:.3} s) | pdf-extract text {} ({t_extract:.3} s) | pdftotext -layout {} ({t_poppler:.3} s)",
            exact(&geometry, &expected),
            show(&extract),
            show(&poppler)
        );
    }
}

fn documents(items: Result<Items, jixiao_tables::ReadError>) -> Vec<Document> {
    items
        .map(|items| {
            items
                .filter_map(|i| match i {
                    Ok(Item::Document(d)) => Some(d.document),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default()
}

/// "exact/60, wrong N": indicators equal to the expected one at the same place, and those read
/// but different.
fn exact(got: &[Document], want: &[Document]) -> String {
    let mut exact = 0;
    let mut read = 0;
    for (g, w) in got.iter().zip(want) {
        read += g.indicators.len();
        exact += g
            .indicators
            .iter()
            .filter(|i| w.indicators.iter().any(|j| serde_json::to_value(i).ok() == serde_json::to_value(j).ok()))
            .count();
    }
    format!("{exact}/60 exact, {} wrong", read - exact)
}
