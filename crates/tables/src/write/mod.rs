//! Writing documents: interchange JSON and JSON Lines, flat CSV, and the publication formats
//! (xlsx, HTML) drawn from one official layout, all behind one interface ([`DocumentWriter`],
//! made by [`writer`]) so that the CLI, exports and web downloads choose a format by value.

pub mod csv;
pub mod html;
pub mod json;
pub mod layout;
pub mod xlsx;

use std::io::{self, Write};

use jixiao_core::Document;

/// An output format, with what it needs to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFormat {
    /// A JSON array of interchange documents.
    Json,
    /// JSON Lines: one interchange document a line.
    Jsonl,
    /// The flat CSV, one row per indicator; `excel` adds the byte-order mark Excel needs.
    Csv {
        /// Whether to start with a UTF-8 byte-order mark.
        excel: bool,
    },
    /// Print-ready HTML in the official layout, under a page title.
    Html {
        /// The page's `<title>`.
        title: String,
    },
    /// An xlsx workbook in the official layout, `per_sheet` tables a sheet.
    Xlsx {
        /// Tables placed one under another on each sheet.
        per_sheet: usize,
    },
}

impl WriteFormat {
    /// The file extension, without the dot.
    pub fn extension(&self) -> &'static str {
        match self {
            WriteFormat::Json => "json",
            WriteFormat::Jsonl => "jsonl",
            WriteFormat::Csv { .. } => "csv",
            WriteFormat::Html { .. } => "html",
            WriteFormat::Xlsx { .. } => "xlsx",
        }
    }

    /// The media type, for downloads.
    pub fn mime(&self) -> &'static str {
        match self {
            WriteFormat::Json => "application/json; charset=utf-8",
            WriteFormat::Jsonl => "application/jsonl; charset=utf-8",
            WriteFormat::Csv { .. } => "text/csv; charset=utf-8",
            WriteFormat::Html { .. } => "text/html; charset=utf-8",
            WriteFormat::Xlsx { .. } => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// Writes documents one at a time in one format; `finish` completes the output and returns it.
/// Writers stream: memory does not grow with the documents, except the xlsx workbook's.
pub trait DocumentWriter<W> {
    /// Adds one document.
    fn write(&mut self, doc: &Document) -> io::Result<()>;

    /// Completes the output (closes the array, the page, the workbook) and returns the writer.
    fn finish(self: Box<Self>) -> io::Result<W>;
}

/// A writer of `format` into `out`.
pub fn writer<'a, W: Write + Send + 'a>(format: &WriteFormat, out: W) -> io::Result<Box<dyn DocumentWriter<W> + 'a>> {
    Ok(match format {
        WriteFormat::Json => Box::new(json::JsonArrayWriter::new(out)),
        WriteFormat::Jsonl => Box::new(json::JsonLinesWriter::new(out)),
        WriteFormat::Csv { excel } => Box::new(csv::CsvWriter::new(out, *excel)?),
        WriteFormat::Html { title } => Box::new(html::HtmlWriter::new(out, title)),
        WriteFormat::Xlsx { per_sheet } => Box::new(xlsx::XlsxFileWriter::new(*per_sheet, out)),
    })
}

/// Writes `docs` in `format` to memory, as a download is.
pub fn to_bytes<'d>(format: &WriteFormat, docs: impl IntoIterator<Item = &'d Document>) -> io::Result<Vec<u8>> {
    let mut w = writer(format, Vec::new())?;
    for doc in docs {
        w.write(doc)?;
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Document> {
        let text = include_str!("../../../../samples/ningxia-waishi-2020.expected.json");
        jixiao_core::model::documents_from_json(text).expect("the sample")
    }

    /// Every format through the one interface gives what its own writer gives.
    #[test]
    fn each_format_through_the_interface_writes_what_its_writer_writes() {
        let docs = sample();
        let direct = |format: &WriteFormat| -> Vec<u8> {
            match format {
                WriteFormat::Json => {
                    let mut w = json::JsonArrayWriter::new(Vec::new());
                    docs.iter().for_each(|d| w.write(d).expect("json"));
                    w.finish().expect("json")
                }
                WriteFormat::Jsonl => {
                    let mut out = Vec::new();
                    docs.iter().for_each(|d| json::write_line(&mut out, d).expect("jsonl"));
                    out
                }
                WriteFormat::Csv { excel } => {
                    let mut w = csv::CsvWriter::new(Vec::new(), *excel).expect("csv");
                    docs.iter().for_each(|d| w.write(d).expect("csv"));
                    w.finish().expect("csv")
                }
                WriteFormat::Html { title } => {
                    let mut w = html::HtmlWriter::new(Vec::new(), title);
                    docs.iter().for_each(|d| w.write(d).expect("html"));
                    w.finish().expect("html")
                }
                WriteFormat::Xlsx { .. } => unreachable!("compared by its cells below"),
            }
        };
        for format in [
            WriteFormat::Json,
            WriteFormat::Jsonl,
            WriteFormat::Csv { excel: true },
            WriteFormat::Html { title: "绩效目标表".to_owned() },
        ] {
            assert_eq!(to_bytes(&format, &docs).expect("written"), direct(&format), "{format:?}");
        }
        let xlsx = to_bytes(&WriteFormat::Xlsx { per_sheet: 1 }, &docs).expect("xlsx");
        assert!(xlsx.starts_with(b"PK"), "an xlsx is a zip");
        let back: Vec<Document> = crate::read_stream("back.xlsx", std::io::Cursor::new(xlsx))
            .expect("readable")
            .filter_map(|i| match i.expect("item") {
                crate::Item::Document(d) => Some(d.document),
                _ => None,
            })
            .collect();
        assert_eq!(back.len(), docs.len(), "one document per table");
    }
}
