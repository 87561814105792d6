//! `jixiao convert`: read documents from any supported input and write them in one format.
//! Documents stream through: each is written as soon as it is read (an xlsx workbook is
//! assembled in memory and written at the end, as the format requires).

use std::io::Write;

use anyhow::{Result, bail};
use jixiao_tables::Item;
use jixiao_tables::write::csv::CsvWriter;
use jixiao_tables::write::html::HtmlWriter;
use jixiao_tables::write::json::{JsonArrayWriter, write_line};
use jixiao_tables::write::xlsx::XlsxWriter;

use super::{Outcome, input_name, open};
use crate::cli::{ConvertArgs, OutputFormat};
use crate::output::Output;
use crate::report;

pub fn run(args: ConvertArgs) -> Result<Outcome> {
    if args.to == OutputFormat::Xlsx && args.output.is_none() {
        bail!("xlsx 是二进制格式, 不能写到终端或标准输出: 请用 -o 指定输出文件, 例如 -o 绩效目标表.xlsx");
    }
    let out = Output::open(args.output.as_deref(), &args.files)?;
    let mut sink = Sink::new(args.to, out, args.excel, args.tables_per_sheet as usize)?;
    let mut lost = 0usize;
    for path in &args.files {
        let name = input_name(path);
        for item in open(path)? {
            match item? {
                Item::Document(doc) => sink.write(&doc.document)?,
                Item::Diagnostic(d) => {
                    lost += usize::from(d.loses_input());
                    report!("{}", d.display(&name));
                }
            }
        }
    }
    let out = sink.finish()?;
    if args.strict && lost > 0 {
        // A failing run leaves an existing output file as it was.
        let kept = if out.replaces_file() { "; 未写入输出文件" } else { "" };
        report!("jixiao: 有 {lost} 处内容未能读入文档 (见上面的警告), --strict 下视为错误{kept}");
        return Ok(Outcome::Findings);
    }
    out.commit()?;
    Ok(Outcome::Success)
}

/// Where documents go, by output format (shared with `export`).
pub enum Sink {
    Array(JsonArrayWriter<Output>),
    Lines(Output),
    Csv(Box<CsvWriter<Output>>),
    Html(HtmlWriter<Output>),
    Xlsx(Box<XlsxWriter>, Output),
}

impl Sink {
    /// A sink writing `format` to `out`.
    pub fn new(format: OutputFormat, out: Output, excel: bool, per_sheet: usize) -> std::io::Result<Sink> {
        Ok(match format {
            OutputFormat::Json => Sink::Array(JsonArrayWriter::new(out)),
            OutputFormat::Jsonl => Sink::Lines(out),
            OutputFormat::Csv => Sink::Csv(Box::new(CsvWriter::new(out, excel)?)),
            OutputFormat::Html => Sink::Html(HtmlWriter::new(out, "绩效目标表")),
            OutputFormat::Xlsx => Sink::Xlsx(Box::new(XlsxWriter::new(per_sheet)), out),
        })
    }

    pub fn write(&mut self, doc: &jixiao_core::Document) -> std::io::Result<()> {
        match self {
            Sink::Array(w) => w.write(doc),
            Sink::Lines(out) => write_line(out, doc),
            Sink::Csv(w) => w.write(doc),
            Sink::Html(w) => w.write(doc),
            Sink::Xlsx(w, _) => w.write(doc),
        }
    }

    pub fn finish(self) -> std::io::Result<Output> {
        match self {
            Sink::Array(w) => w.finish(),
            Sink::Lines(mut out) => {
                out.flush()?;
                Ok(out)
            }
            Sink::Csv(w) => w.finish(),
            Sink::Html(w) => w.finish(),
            Sink::Xlsx(w, out) => w.finish(out),
        }
    }
}
