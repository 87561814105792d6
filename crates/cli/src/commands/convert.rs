//! `jixiao convert`: read documents from any supported input and write them in one format.
//! Documents stream through: each is written as soon as it is read.

use std::io::Write;

use anyhow::Result;
use jixiao_tables::write::json::{JsonArrayWriter, write_line};
use jixiao_tables::{Item, read_path};

use super::Outcome;
use crate::cli::{ConvertArgs, OutputFormat};
use crate::output::Output;

pub fn run(args: ConvertArgs) -> Result<Outcome> {
    let out = Output::open(args.output.as_deref())?;
    let mut sink = match args.to {
        OutputFormat::Json => Sink::Array(JsonArrayWriter::new(out)),
        OutputFormat::Jsonl => Sink::Lines(out),
    };
    let mut unplaced = 0usize;
    for path in &args.files {
        let name = path.display().to_string();
        for item in read_path(path)? {
            match item? {
                Item::Document(doc) => sink.write(&doc.document)?,
                Item::Diagnostic(d) => {
                    unplaced += usize::from(d.is_unplaced());
                    eprintln!("{}", d.display(&name));
                }
            }
        }
    }
    sink.finish()?.commit()?;
    if args.strict && unplaced > 0 {
        eprintln!("jixiao: {unplaced} 处内容未能归入表格 (--strict)");
        return Ok(Outcome::Findings);
    }
    Ok(Outcome::Success)
}

enum Sink {
    Array(JsonArrayWriter<Output>),
    Lines(Output),
}

impl Sink {
    fn write(&mut self, doc: &jixiao_core::Document) -> std::io::Result<()> {
        match self {
            Sink::Array(w) => w.write(doc),
            Sink::Lines(out) => write_line(out, doc),
        }
    }

    fn finish(self) -> std::io::Result<Output> {
        match self {
            Sink::Array(w) => w.finish(),
            Sink::Lines(mut out) => {
                out.flush()?;
                Ok(out)
            }
        }
    }
}
