//! `jixiao compare`: each table set against the same department's same table of the nearest
//! earlier year among the files (jixiao_core::compare), as text or JSON.
//!
//! Exit codes: 0 compared; 2 an input could not be read, or no table had another year's
//! counterpart among the files.

use std::io::Write;

use anyhow::Result;
use jixiao_core::Document;
use jixiao_core::compare::{Change, Comparison, compare_with_actuals, in_wan, is_year_before, stage_rank, table_match};
use jixiao_core::identity::Stage;
use rust_decimal::Decimal;
use serde::Serialize;

use super::Outcome;
use crate::cli::{CompareArgs, CompareFormat};
use crate::output::Output;
use crate::report;

/// A table as read, with where it came from.
struct Read {
    file: String,
    index: usize,
    document: Document,
}

/// A later table and the earlier one it was set against.
struct Pair<'a> {
    earlier: &'a Read,
    later: &'a Read,
    comparison: Comparison,
}

#[derive(Serialize)]
struct Place<'a> {
    file: &'a str,
    index: usize,
    year: Option<i32>,
}

#[derive(Serialize)]
struct JsonPair<'a> {
    department: &'a str,
    table: &'a str,
    earlier: Place<'a>,
    later: Place<'a>,
    #[serde(flatten)]
    comparison: &'a Comparison,
}

pub fn run(args: CompareArgs) -> Result<Outcome> {
    let mut out = Output::open(args.output.as_deref(), &args.files)?;
    let mut all = Vec::new();
    let unreadable = super::inputs::each_document(&args.files, |file, index, read, _| {
        all.push(Read { file: file.to_owned(), index, document: read.document });
        Ok(())
    })?;
    for r in all.iter().filter(|r| r.document.year.is_none()) {
        report!("{}: 第 {} 张表 ({}) 没有写明预算年度, 不能与其他年度对比", r.file, r.index + 1, r.document.label());
    }
    let mut alone = 0;
    let pairs: Vec<Pair> = all
        .iter()
        .filter_map(|later| {
            let Some(earlier) = earlier_of(later, &all) else {
                alone += usize::from(later.document.year.is_some());
                return None;
            };
            let actuals = actuals_of(later, &all).map(|r| &r.document);
            let comparison = compare_with_actuals(&earlier.document, &later.document, actuals);
            Some(Pair { earlier, later, comparison })
        })
        .collect();
    match args.format {
        CompareFormat::Text => text(&mut out, &pairs)?,
        CompareFormat::Json => {
            let docs: Vec<JsonPair> = pairs
                .iter()
                .map(|p| JsonPair {
                    department: &p.later.document.department,
                    table: p.later.document.label(),
                    earlier: place(p.earlier),
                    later: place(p.later),
                    comparison: &p.comparison,
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &serde_json::json!({ "version": 1, "comparisons": docs }))?;
            writeln!(out)?;
        }
    }
    out.commit()?;
    if alone > 0 && !pairs.is_empty() {
        report!("{alone} 张表在这些文件中没有较早年度的同一张表, 未对比");
    }
    if pairs.is_empty() && !unreadable {
        report!("jixiao: 错误: 这些文件中没有同一部门、同一项目在不同年度的表, 无可对比");
    }
    Ok(if unreadable || pairs.is_empty() { Outcome::Failed } else { Outcome::Success })
}

/// The table `later` is set against: the same table in the nearest earlier year, matched by
/// code before name, of the same stage where there is one (targets against targets), else a
/// self-evaluation.
fn earlier_of<'a>(later: &Read, all: &'a [Read]) -> Option<&'a Read> {
    let year = later.document.year?;
    all.iter()
        .filter(|e| e.document.year.is_some_and(|y| y < year))
        .filter_map(|e| {
            let matched = table_match(&e.document, &later.document)?;
            let stage = stage_rank(Stage::of(&e.document), Stage::of(&later.document))?;
            // Years as published may be anything: the distance is counted wide.
            let distance = i64::from(year) - i64::from(e.document.year.unwrap_or(i32::MIN));
            Some((distance, matched, stage, e))
        })
        .min_by_key(|&(distance, matched, stage, _)| (distance, matched, stage))
        .map(|(_, _, _, e)| e)
}

/// The same table's 自评表 of the year before `later`, whose actuals a new floor is held to.
fn actuals_of<'a>(later: &Read, all: &'a [Read]) -> Option<&'a Read> {
    let year = later.document.year?;
    all.iter()
        .filter(|e| is_year_before(e.document.year, year))
        .filter(|e| Stage::of(&e.document) == Stage::SelfEvaluation)
        .filter_map(|e| Some((table_match(&e.document, &later.document)?, e)))
        .min_by_key(|&(matched, _)| matched)
        .map(|(_, e)| e)
}

fn place(r: &Read) -> Place<'_> {
    Place { file: &r.file, index: r.index, year: r.document.year }
}

fn text(out: &mut impl Write, pairs: &[Pair]) -> std::io::Result<()> {
    let year = |y: Option<i32>| y.map_or_else(|| "?".to_owned(), |y| y.to_string());
    for p in pairs {
        let c = &p.comparison;
        writeln!(
            out,
            "{} {}: {} 年{} ({}) → {} 年 ({})",
            p.later.document.department,
            p.later.document.label(),
            year(c.year_before),
            if Stage::of(&p.earlier.document) == Stage::of(&p.later.document) { "" } else { "自评表" },
            p.earlier.file,
            year(c.year_after),
            p.later.file
        )?;
        if let Some(f) = &c.funds {
            write!(out, "  年度资金总额: {} 万元 → {} 万元", in_wan(f.before_yuan), in_wan(f.after_yuan))?;
            if let Some(percent) = change_percent(f.before_yuan, f.after_yuan) {
                write!(out, " ({}{}%)", if percent.is_sign_positive() { "+" } else { "" }, percent.normalize())?;
            }
            writeln!(out)?;
        }
        writeln!(out, "  指标: {}", c.summary())?;
        for i in c.indicators.iter().filter(|i| i.change != Change::Same) {
            write!(
                out,
                "  [{}] {} / {} / {}: {} → {}",
                i.change.label(),
                i.level1,
                i.level2,
                i.name,
                shown(i.target_before.as_deref()),
                shown(i.target_after.as_deref())
            )?;
            if let Some(a) = i.ambition {
                write!(out, " ({})", a.label())?;
            }
            if let Some(done) = &i.below_actual {
                write!(out, "; 低于上年实际完成值 {done}")?;
            }
            writeln!(out)?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// A target as the text report shows it: `—` where the table has no such indicator.
fn shown(target: Option<&str>) -> &str {
    match target {
        None => "—",
        Some("") => "(空)",
        Some(t) => t,
    }
}

/// The change from `before` to `after` in percent, to one place; `None` when there is none, or
/// when it cannot be told (from zero, or beyond what a decimal holds).
fn change_percent(before: Decimal, after: Decimal) -> Option<Decimal> {
    if before.is_zero() || before == after {
        return None;
    }
    let ratio = after.checked_sub(before)?.checked_div(before)?;
    Some(ratio.checked_mul(Decimal::from(100))?.round_dp(1))
}
