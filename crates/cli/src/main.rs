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
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage_error(&e),
    };
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

/// A command line clap could not take: help and version as clap prints them; a mistake said in
/// Chinese first, then clap's own words (English) with the usage, and exit 2.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = e.print();
        return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let (arg, value) = (context(ContextKind::InvalidArg), context(ContextKind::InvalidValue));
    let said = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let valid = context(ContextKind::ValidValue);
            let valid = if valid.is_empty() { String::new() } else { format!("; 可用的值: {valid}") };
            format!("参数 {arg} 的值“{value}”无效{valid}")
        }
        ErrorKind::UnknownArgument => format!("不认识的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => format!("没有“{}”这个子命令", context(ContextKind::InvalidSubcommand)),
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数: {arg}"),
        ErrorKind::MissingSubcommand => "缺少子命令".to_owned(),
        ErrorKind::ArgumentConflict => format!("参数 {arg} 不能与 {} 同时使用", context(ContextKind::PriorArg)),
        ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues | ErrorKind::TooFewValues => {
            format!("参数 {arg} 的值的个数不对")
        }
        _ => "命令行参数有误".to_owned(),
    };
    report!("jixiao: 参数错误: {said} (用 --help 查看用法)");
    report!("{}", e.render().to_string().trim_end());
    ExitCode::from(commands::Outcome::Failed as u8)
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    // serde_json's writers wrap the pipe's error without exposing it as a source.
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<serde_json::Error>().and_then(serde_json::Error::io_error_kind)
                == Some(io::ErrorKind::BrokenPipe)
    })
}
