//! `jixiao schema`: print the JSON Schema generated from the model's types.

use std::io::{self, Write};

use anyhow::Result;
use jixiao_core::model::{interchange_schema, target_schema};
use jixiao_core::report::report_schema;

use super::Outcome;
use crate::cli::{SchemaArgs, SchemaOf};

pub fn run(args: SchemaArgs) -> Result<Outcome> {
    let schema = match args.of {
        SchemaOf::Document => interchange_schema(),
        SchemaOf::Target => target_schema(),
        SchemaOf::Report => report_schema(),
    };
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    Ok(Outcome::Success)
}
