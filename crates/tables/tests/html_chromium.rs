//! The HTML page as a browser lays it out: headless Chromium renders the seed, a script
//! measures where the cells landed, and printing to PDF gives one A4 page per table. Fails
//! where Chromium is not installed (`apt-get install chromium fonts-noto-cjk`; .ci/run does).

use std::path::{Path, PathBuf};
use std::process::Command;

use jixiao_core::model::documents_from_json;
use jixiao_tables::write::html::HtmlWriter;

const CHROMIUM: &str = "/usr/bin/chromium";

/// Measures every cell: [table, row index of its <tr>, text, left, top, right, bottom].
const MEASURE: &str = r#"<script>
window.addEventListener('load', () => {
  const out = [];
  document.querySelectorAll('table').forEach((t, ti) => {
    t.querySelectorAll('tr').forEach((tr, ri) => {
      tr.querySelectorAll('td, th').forEach(c => {
        const r = c.getBoundingClientRect();
        out.push([ti, ri, c.textContent, r.left, r.top, r.right, r.bottom]);
      });
    });
  });
  const pre = document.createElement('pre');
  pre.id = 'jx-measure';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script>"#;

fn chromium(args: &[&str], profile: &Path) -> std::process::Output {
    Command::new(CHROMIUM)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            &format!("--user-data-dir={}", profile.display()),
        ])
        .args(args)
        .output()
        .expect("chromium runs")
}

#[test]
fn chromium_lays_out_the_official_table() {
    // A missing browser fails the test rather than skipping it: .ci/run installs Chromium.
    assert!(Path::new(CHROMIUM).exists(), "{CHROMIUM} is not installed: apt-get install chromium fonts-noto-cjk");
    let seed = documents_from_json(include_str!("../../../samples/ningxia-waishi-2020.expected.json")).expect("seed");
    let mut w = HtmlWriter::new(Vec::new(), "绩效目标表");
    for d in &seed {
        w.write(d).expect("write");
    }
    let html = String::from_utf8(w.finish().expect("finish")).expect("utf-8");
    let dir: PathBuf = std::env::temp_dir().join(format!("jixiao-chromium-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("seed.html");
    std::fs::write(&page, html.replace("</body>", &format!("{MEASURE}</body>"))).expect("write");
    let url = format!("file://{}", page.display());

    let out = chromium(&["--window-size=1000,4000", "--dump-dom", &url], &dir.join("profile"));
    let dom = String::from_utf8_lossy(&out.stdout);
    let json = dom
        .split("<pre id=\"jx-measure\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("measurements in the DOM: {}", String::from_utf8_lossy(&out.stderr)))
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    let cells: Vec<(usize, usize, String, f64, f64, f64, f64)> = serde_json::from_str(&json).expect("json");
    let find = |table: usize, text: &str| {
        cells.iter().find(|c| c.0 == table && c.2 == text).unwrap_or_else(|| panic!("{text} in table {table}"))
    };
    // Table 2 (外事电子护照运营及签证经费): 产出指标 spans the rows of 护照 … 委托业务费, and sits
    // left of them; 数量指标 spans 护照 and 签证 only.
    let level1 = find(2, "产出指标");
    let level2 = find(2, "数量指标");
    let (first, visa, last) = (find(2, "护照"), find(2, "签证"), find(2, "委托业务费"));
    assert!((level1.4 - first.4).abs() < 1.0 && (level1.6 - last.6).abs() < 1.0, "一级 spans its rows");
    assert!(level1.5 <= level2.3 + 1.0 && level2.5 <= first.3 + 1.0, "一级, 二级, 三级 left to right");
    assert!((level2.6 - visa.6).abs() < 1.0 && level2.6 < find(2, "护照正确率、签证送签率").6, "二级 spans two rows");
    // Every table is a full rectangle: each row band is covered edge to edge.
    for table in 0..seed.len() {
        let mine: Vec<_> = cells.iter().filter(|c| c.0 == table).collect();
        let (left, right) = mine.iter().fold((f64::MAX, f64::MIN), |(l, r), c| (l.min(c.3), r.max(c.5)));
        for row in mine.iter().map(|c| c.1).collect::<std::collections::BTreeSet<_>>() {
            // The middle of the row's own band: its shortest cell spans only this row.
            let own = mine.iter().filter(|c| c.1 == row).min_by(|a, b| (a.6 - a.4).total_cmp(&(b.6 - b.4)));
            let band = own.map(|c| (c.4 + c.6) / 2.0).unwrap_or(0.0);
            let covered: f64 = mine.iter().filter(|c| c.4 < band && band < c.6).map(|c| c.5 - c.3).sum();
            assert!((covered - (right - left)).abs() < 2.0, "table {table} row {row}: {covered} of {}", right - left);
        }
    }

    // Printed: A4 pages, each table starting a page of its own.
    let pdf = dir.join("seed.pdf");
    let out =
        chromium(&["--no-pdf-header-footer", &format!("--print-to-pdf={}", pdf.display()), &url], &dir.join("profile"));
    let bytes = std::fs::read(&pdf).unwrap_or_else(|_| panic!("PDF printed: {}", String::from_utf8_lossy(&out.stderr)));
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page\n").count()
        + text.matches("/Type /Page ").count()
        + text.matches("/Type /Page/").count();
    assert!(pages >= seed.len() && pages <= 2 * seed.len(), "a page (or two) per table, found {pages}");
    assert!(text.contains("/MediaBox [0 0 594.95996 841.91998]") || text.contains("/MediaBox [0 0 595"), "A4 pages");
    std::fs::remove_dir_all(&dir).ok();
}
