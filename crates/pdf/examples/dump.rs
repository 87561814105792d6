//! Prints the geometry of each page of a PDF: for looking at what the table reader is given.
fn main() {
    let path = std::env::args().nth(1).expect("usage: dump FILE.pdf");
    let bytes = std::fs::read(&path).expect("read");
    let mut pdf = jixiao_pdf::Pdf::open(&bytes, jixiao_pdf::Limits::default()).expect("open");
    for n in pdf.page_numbers() {
        let page = pdf.page(n).expect("page");
        println!("page {n}: {}x{} glyphs {} rules {}", page.width, page.height, page.glyphs.len(), page.rules.len());
        for g in page.glyphs.iter().take(40) {
            println!("  {:?} x {:.1}-{:.1} y {:.1}-{:.1} size {:.1}", g.text, g.x0, g.x1, g.top, g.bottom, g.size);
        }
        for r in page.rules.iter().take(30) {
            println!("  {r:?}");
        }
    }
}
