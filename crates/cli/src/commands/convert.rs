//! `jixiao convert`: read documents from any supported input and write them in one format.
//! Documents stream through: each is written as soon as it is read (an xlsx workbook is
//! assembled in memory and written at the end, as the format requires).

use std::path::Path;

use anyhow::{Result, bail};
use jixiao_tables::Item;
use jixiao_tables::write::{DocumentWriter, WriteFormat, writer};

use super::{Outcome, input_name, open};
use crate::cli::{ConvertArgs, OutputFormat};
use crate::output::Output;
use crate::report;

pub fn run(args: ConvertArgs) -> Result<Outcome> {
    // `-o -` is standard output, as `-` is standard input.
    let output = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let to = match (args.to, output) {
        (Some(to), _) => to,
        // A file named `表.xlsx` asks for a workbook: JSON written into it would not open.
        (None, Some(path)) => from_extension(path),
        (None, None) => OutputFormat::Json,
    };
    if to == OutputFormat::Xlsx && output.is_none() {
        bail!("xlsx 是二进制格式, 不能写到终端或标准输出: 请用 -o 指定输出文件, 例如 -o 绩效目标表.xlsx");
    }
    let out = Output::open(output, &args.files)?;
    let mut sink = sink(to, out, args.excel, args.tables_per_sheet as usize)?;
    let mut lost = 0usize;
    for path in &args.files {
        let name = input_name(path);
        for item in open(path)? {
            match item? {
                Item::Document(doc) => {
                    if to == OutputFormat::Xlsx {
                        for (start, chars) in jixiao_tables::write::xlsx::cut_texts(&doc.document) {
                            report!(
                                "{name}: 警告: “{start}…”有 {chars} 个字, 超过 xlsx 单元格 32767 字的上限, 工作簿中只保留前 32767 字"
                            );
                        }
                    }
                    sink.write(&doc.document)?
                }
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

/// The library's writer of `format` into `out` (shared with `export`).
pub fn sink(
    format: OutputFormat,
    out: Output,
    excel: bool,
    per_sheet: usize,
) -> std::io::Result<Box<dyn DocumentWriter<Output>>> {
    let format = match format {
        OutputFormat::Json => WriteFormat::Json,
        OutputFormat::Jsonl => WriteFormat::Jsonl,
        OutputFormat::Csv => WriteFormat::Csv { excel },
        OutputFormat::Html => WriteFormat::Html { title: "绩效目标表".to_owned() },
        OutputFormat::Xlsx => WriteFormat::Xlsx { per_sheet },
    };
    writer(&format, out)
}

/// The output format an output file's extension names, JSON where it names none (`/dev/null`,
/// a file without an extension).
fn from_extension(path: &Path) -> OutputFormat {
    let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("jsonl" | "ndjson") => OutputFormat::Jsonl,
        Some("csv") => OutputFormat::Csv,
        Some("xlsx") => OutputFormat::Xlsx,
        Some("html" | "htm") => OutputFormat::Html,
        _ => OutputFormat::Json,
    }
}
