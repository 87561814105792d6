//! A self-contained, print-ready HTML page of the tables in the official layout: rowspans for
//! 一级/二级, the header block, A4 pages with a break between tables, a CJK font stack.
//!
//! The page is polyglot markup (HTML5 that is also well-formed XML: void elements closed, all
//! text escaped), so that tests can check its structure with an XML parser.

use std::io::{self, Write};

use jixiao_core::Document;

use super::layout::{Layout, Role, layout};

const STYLE: &str = r#"
:root { --line: #000; }
* { box-sizing: border-box; }
body {
  margin: 0; padding: 12mm; color: #000; background: #fff;
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体", "Songti SC",
    "Noto Sans CJK SC", "Microsoft YaHei", "微软雅黑", "PingFang SC", serif;
  font-size: 10.5pt; line-height: 1.45;
}
section.jx-table { max-width: 190mm; margin: 0 auto 16mm; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
caption { font-size: 16pt; font-weight: bold; padding: 0 0 4mm; }
caption .subtitle { font-size: 11pt; font-weight: normal; }
th, td { border: 1px solid var(--line); padding: 1.5mm 2mm; vertical-align: middle;
  overflow-wrap: anywhere; word-break: break-word; }
th { font-weight: normal; text-align: center; }
thead th, th.heading { font-weight: bold; background: #f2f2f2; }
td.text { text-align: left; }
td.centered { text-align: center; }
td.amount { text-align: right; font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; page-break-inside: avoid; }
@page { size: A4; margin: 15mm 12mm; }
@media print {
  body { padding: 0; }
  section.jx-table { max-width: none; margin: 0; }
  section.jx-table + section.jx-table { break-before: page; page-break-before: always; }
  thead th, th.heading { background: none; }
}
"#;

/// Writes a page of tables, each as it comes.
pub struct HtmlWriter<W: Write> {
    out: W,
    count: usize,
    title: String,
}

impl<W: Write> HtmlWriter<W> {
    /// Starts a page; `title` names it in the browser (the tables keep their own titles).
    pub fn new(out: W, title: &str) -> Self {
        HtmlWriter { out, count: 0, title: title.to_owned() }
    }

    fn head(&mut self) -> io::Result<()> {
        write!(
            self.out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\" xmlns=\"http://www.w3.org/1999/xhtml\">\n<head>\n\
             <meta charset=\"utf-8\"/>\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
             <meta name=\"generator\" content=\"jixiao\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            escape(&self.title)
        )
    }

    /// Adds one table.
    pub fn write(&mut self, doc: &Document) -> io::Result<()> {
        if self.count == 0 {
            self.head()?;
        }
        self.count += 1;
        let mut s = String::with_capacity(8192);
        table(&mut s, &layout(doc), self.count);
        self.out.write_all(s.as_bytes())
    }

    /// Ends the page and returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.count == 0 {
            self.head()?;
            self.out.write_all("<p>没有表格。</p>\n".as_bytes())?;
        }
        self.out.write_all(b"</body>\n</html>\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> super::DocumentWriter<W> for HtmlWriter<W> {
    fn write(&mut self, doc: &Document) -> io::Result<()> {
        HtmlWriter::write(self, doc)
    }

    fn finish(self: Box<Self>) -> io::Result<W> {
        HtmlWriter::finish(*self)
    }
}

/// Draws one layout as a `<section>` holding a `<table>`: the title as its caption, column
/// widths from the layout, the header block and the indicator headings as `<th>`.
fn table(s: &mut String, l: &Layout, n: usize) {
    s.push_str(&format!("<section class=\"jx-table\" id=\"table-{n}\">\n<table>\n<caption>"));
    push_text(s, &l.title);
    if let Some(line) = &l.subtitle {
        s.push_str("<br/><span class=\"subtitle\">");
        push_text(s, line);
        s.push_str("</span>");
    }
    s.push_str("</caption>\n<colgroup>");
    let total: f64 = l.col_widths.iter().sum();
    for w in &l.col_widths {
        s.push_str(&format!("<col style=\"width: {:.1}%\"/>", w / total * 100.0));
    }
    s.push_str("</colgroup>\n<tbody>\n");
    let mut cells = l.cells.iter().filter(|c| !matches!(c.role, Role::Title | Role::Subtitle)).peekable();
    // The title (and the year's line under it) are drawn as the caption.
    let first = if l.subtitle.is_some() { 2 } else { 1 };
    for row in first..l.height {
        s.push_str("<tr>");
        while let Some(c) = cells.next_if(|c| c.row == row) {
            let (tag, class) = match c.role {
                Role::Label => ("th", "label"),
                Role::Heading => ("th", "heading"),
                Role::Text => ("td", "text"),
                Role::Centered => ("td", "centered"),
                Role::Amount => ("td", "amount"),
                Role::Title | Role::Subtitle => ("td", "title"),
            };
            s.push('<');
            s.push_str(tag);
            s.push_str(&format!(" class=\"{class}\""));
            if tag == "th" {
                s.push_str(if c.role == Role::Heading { " scope=\"col\"" } else { " scope=\"row\"" });
            }
            if c.rows > 1 {
                s.push_str(&format!(" rowspan=\"{}\"", c.rows));
            }
            if c.cols > 1 {
                s.push_str(&format!(" colspan=\"{}\"", c.cols));
            }
            s.push('>');
            push_text(s, &c.text);
            s.push_str("</");
            s.push_str(tag);
            s.push('>');
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</tbody>\n</table>\n</section>\n");
}

/// Escaped text, line breaks as `<br/>`.
fn push_text(s: &mut String, text: &str) {
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            s.push_str("<br/>");
        }
        s.push_str(&escape(line));
    }
}

/// Escapes text for HTML element content and attribute values alike; control characters that
/// XML forbids are dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(escape("a\u{0}b\u{1b}c"), "abc");
    }
}
