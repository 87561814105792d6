//! The subcommands, each in its own module; `run` dispatches to them.

mod compare;
mod convert;
mod export;
mod import;
mod inputs;
mod monitor;
mod review;
mod rules;
mod schema;
mod score;
mod serve;
mod store;
mod tables;
mod target;
mod user;

use std::path::Path;

use anyhow::Result;
use jixiao_tables::{Item, Items, ReadError, read_path, read_stream};

use crate::cli::{Cli, Command};

/// The input named `-`: standard input, as in `pdftotext -layout 表.pdf - | jixiao convert -`.
pub(crate) const STDIN: &str = "-";

/// Reads an input file, or standard input for `-`. An input that held something (the reader
/// reported on it) but gave no table ends with an error: reporting "0 tables" and success for a
/// file nobody could read would be silent loss.
fn open(path: &Path) -> Result<Items, ReadError> {
    let items =
        if path.as_os_str() == STDIN { read_stream(&input_name(path), std::io::stdin())? } else { read_path(path)? };
    Ok(Box::new(NothingRead { name: input_name(path), items, documents: 0, diagnostics: 0, done: false }))
}

/// Counts what an input gives, and adds an error at its end when it gave diagnostics only.
struct NothingRead {
    name: String,
    items: Items,
    documents: usize,
    diagnostics: usize,
    done: bool,
}

impl Iterator for NothingRead {
    type Item = Result<Item, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.items.next() {
            Some(Ok(item)) => {
                match &item {
                    Item::Document(_) => self.documents += 1,
                    Item::Diagnostic(_) => self.diagnostics += 1,
                }
                Some(Ok(item))
            }
            Some(Err(e)) => {
                self.done = true;
                Some(Err(e))
            }
            None => {
                self.done = true;
                (self.documents == 0 && self.diagnostics > 0).then(|| {
                    // `Workbook` without a sheet prints as `file: message`, with no place to name.
                    Err(ReadError::Workbook {
                        path: self.name.clone(),
                        sheet: None,
                        message: "未能读出任何绩效目标表 (见上面的提示): 文件可能不是目标表, 或编码、版式无法识别"
                            .to_owned(),
                    })
                })
            }
        }
    }
}

/// How diagnostics and errors name an input.
fn input_name(path: &Path) -> String {
    if path.as_os_str() == STDIN { "<stdin>".to_owned() } else { path.display().to_string() }
}

/// How a command ended; the value is the process exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, nothing wrong.
    Success = 0,
    /// Done, but the input was found wanting (`--strict`, review errors).
    Findings = 1,
    /// The input could not be read or the command was wrong.
    Failed = 2,
}

pub fn run(cli: Cli) -> Result<Outcome> {
    match cli.command {
        Command::Target(args) => target::run(args),
        Command::Convert(args) => convert::run(args),
        Command::Review(args) => review::run(args),
        Command::Score(args) => score::run(args),
        Command::Monitor(args) => monitor::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Import(args) => import::run(args),
        Command::Export(args) => export::run(args),
        Command::Tables(args) => tables::run(args),
        Command::Serve(args) => serve::run(args),
        Command::User(crate::cli::UserCommand::Add(args)) => user::add(args),
    }
}
