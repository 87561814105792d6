//! The subcommands, each in its own module; `run` dispatches to them.

mod convert;
mod review;
mod rules;
mod schema;
mod target;

use anyhow::Result;

use crate::cli::{Cli, Command};

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
        Command::Rules(args) => rules::run(args),
        Command::Schema(args) => schema::run(args),
    }
}
