//! `jixiao tables`: a quick look at what the store holds, without the web application.

use std::io::Write;

use anyhow::Result;

use super::Outcome;
use crate::cli::TablesArgs;

pub fn run(args: TablesArgs) -> Result<Outcome> {
    let rt = super::store::runtime()?;
    let store = super::store::open_existing(&rt, &args.db.db)?;
    let mut filter = super::store::filter(&args.filter);
    filter.per_page = args.limit.clamp(1, 500);
    filter.descending = true;
    let page = rt.block_on(store.list(&filter))?;
    rt.block_on(store.close());
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &page)?;
        writeln!(out)?;
        return Ok(Outcome::Success);
    }
    writeln!(out, "编号\t年度\t部门\t项目\t状态\t版本\t等级\t错误\t警告\t提示")?;
    for t in &page.items {
        writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            t.id,
            t.year.map(|y| y.to_string()).unwrap_or_else(|| "-".into()),
            t.department,
            t.project_name,
            t.status.label(),
            t.version,
            t.grade,
            t.errors,
            t.warnings,
            t.infos
        )?;
    }
    if !page.total_exact {
        writeln!(out, "(超过 {} 张, 显示 {} 张; 用筛选条件缩小范围)", page.total, page.items.len())?;
    } else if page.total > page.items.len() as i64 {
        writeln!(out, "(共 {} 张, 显示 {} 张; 用 --limit 或筛选条件查看更多)", page.total, page.items.len())?;
    } else {
        writeln!(out, "(共 {} 张)", page.total)?;
    }
    Ok(Outcome::Success)
}
