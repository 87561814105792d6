//! `jixiao target`: parse one target text and print it.

use std::io::{self, Write};

use anyhow::Result;
use jixiao_core::Target;

use super::Outcome;
use crate::cli::TargetArgs;

pub fn run(args: TargetArgs) -> Result<Outcome> {
    let target = Target::parse(&args.text);
    let mut out = io::stdout().lock();
    if args.canonical {
        writeln!(out, "{}", target.canonical())?;
    } else {
        serde_json::to_writer_pretty(&mut out, &target)?;
        writeln!(out)?;
    }
    Ok(Outcome::Success)
}
