//! `jixiao rules`: every review rule with its code, severity, dimension and explanation; with
//! `--config`, as that configuration sets them.

use std::io::{self, Write};

use anyhow::Result;
use jixiao_core::review::RULES;
use serde::Serialize;

use super::Outcome;
use super::review::grade_rule;
use crate::cli::{RulesArgs, RulesFormat};
use crate::config;

#[derive(Serialize)]
struct JsonRule {
    code: &'static str,
    severity: &'static str,
    default_severity: &'static str,
    enabled: bool,
    dimension: &'static str,
    dimension_label: &'static str,
    explanation: &'static str,
}

pub fn run(args: RulesArgs) -> Result<Outcome> {
    let (reviewer, _) = config::load(args.config.as_deref())?;
    let mut out = io::stdout().lock();
    match args.format {
        RulesFormat::Json => {
            let rules: Vec<JsonRule> = RULES
                .iter()
                .map(|r| {
                    let s = reviewer.setting(r.id);
                    JsonRule {
                        code: r.code,
                        severity: s.severity.code(),
                        default_severity: r.severity.code(),
                        enabled: s.enabled,
                        dimension: r.dimension.code(),
                        dimension_label: r.dimension.label(),
                        explanation: r.explanation,
                    }
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rules)?;
            writeln!(out)?;
        }
        RulesFormat::Text => {
            for r in &RULES {
                let s = reviewer.setting(r.id);
                let state = if s.enabled { "" } else { ", 已关闭" };
                writeln!(out, "{} [{}, {}{state}]", r.code, s.severity.label(), r.dimension.label())?;
                writeln!(out, "    {}", r.explanation)?;
            }
            writeln!(out)?;
            writeln!(out, "评级 (每张表): {}", grade_rule(reviewer.grades()))?;
        }
    }
    Ok(Outcome::Success)
}
