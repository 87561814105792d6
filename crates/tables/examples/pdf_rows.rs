//! Prints the grid rows the PDF reader gives the table recognition, page by page.
fn main() {
    let path = std::env::args().nth(1).expect("usage: pdf_rows FILE.pdf");
    let bytes = std::fs::read(&path).expect("read");
    for (rows, diagnostics) in jixiao_tables::read::pdf::page_rows(&path, &bytes).expect("pdf") {
        for row in rows {
            let cells: Vec<String> = row
                .cells
                .iter()
                .map(|c| {
                    format!(
                        "{}{}{}:{}",
                        c.position,
                        if c.span > 1 { format!("+{}", c.span) } else { String::new() },
                        if c.continued { "^" } else { "" },
                        c.text.replace('\n', "⏎")
                    )
                })
                .collect();
            println!("{:?} {}", row.layout, cells.join(" | "));
        }
        for d in diagnostics {
            println!("  {}", d.display(&path));
        }
    }
}
