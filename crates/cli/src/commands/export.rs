//! `jixiao export`: write stored tables through the writers, streamed from the store so that
//! memory stays flat however many tables it holds (xlsx, by its nature, is built in memory).

use crate::report;
use anyhow::{Result, bail};
use futures_util::StreamExt;

use super::Outcome;
use super::convert::sink;
use crate::cli::{ExportArgs, OutputFormat};
use crate::output::Output;

pub fn run(args: ExportArgs) -> Result<Outcome> {
    if args.to == OutputFormat::Xlsx && args.output.is_none() {
        bail!("xlsx 是二进制格式, 不能写到终端或标准输出: 请用 -o 指定输出文件, 例如 -o 绩效目标表.xlsx");
    }
    let rt = super::store::runtime()?;
    let store = super::store::open_existing(&rt, &args.db.db)?;
    let mut filter = super::store::filter(&args.filter);
    filter.published = args.published;
    let mut sink = sink(args.to, Output::open(args.output.as_deref(), &[])?, args.excel, 1)?;
    let mut count = 0usize;
    {
        let mut documents = store.documents(&filter);
        while let Some(doc) = rt.block_on(documents.next()) {
            sink.write(&doc?)?;
            count += 1;
        }
    }
    sink.finish()?.commit()?;
    rt.block_on(store.close());
    report!("已导出 {count} 张表");
    Ok(Outcome::Success)
}
