//! `jixiao`: read, review and publish budget performance target tables (绩效目标表).
//!
//! Exit codes: 0 success; 1 the input was read but found wanting (`--strict`, review errors);
//! 2 the input could not be read or the command was wrong. A closed standard output ends the
//! output quietly, and the exit code is the one the run would have had.

mod cli;
mod commands;
mod config;
mod output;
mod profile;
mod terminal;

use std::io;
use std::process::ExitCode;

use clap::Parser;

/// Reading a table makes a string per cell and indicator; mimalloc serves those small,
/// short-lived allocations at a fraction of the cost of the system allocator (see the README's
/// reader figures).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit code after SIGINT, SIGTERM or SIGHUP (128 + SIGINT, as shells report Ctrl-C).
const SIGNALLED: i32 = 130;

fn main() -> ExitCode {
    // A run stopped by a signal removes its partial output files first. Without the handler
    // (it cannot be installed twice, e.g.) the default action stands: nothing is replaced, but
    // a partial file may stay.
    let _ = ctrlc::set_handler(|| {
        output::remove_partials();
        std::process::exit(SIGNALLED);
    });
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(outcome) => ExitCode::from(outcome as u8),
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            report!("jixiao: 错误: {err:#}");
            ExitCode::from(commands::Outcome::Failed as u8)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    // serde_json's writers wrap the pipe's error without exposing it as a source.
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}
