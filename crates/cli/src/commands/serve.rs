//! `jixiao serve`: the web application, on a store of the user's or, with `--demo`, on a fresh
//! temporary one loaded with the sample, the fixtures and one demo user per role.

use anyhow::{Context, Result};
use jixiao_store::{Location, Store};
use jixiao_web::{AppState, demo};

use super::Outcome;
use crate::cli::ServeArgs;
use crate::config;

pub fn run(args: ServeArgs) -> Result<Outcome> {
    let (reviewer, _) = config::load(args.config.as_deref())?;
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().context("无法启动异步运行时")?;
    // Kept until the server stops: the demo store lives in it.
    let mut _demo_dir = None;
    let location = if args.demo {
        let dir = tempfile::tempdir().context("无法创建演示用的临时目录")?;
        let location = Location::Sqlite { path: dir.path().join("jixiao-demo.db") };
        _demo_dir = Some(dir);
        location
    } else {
        Location::parse(&args.db.db)?
    };
    rt.block_on(async {
        // The store's error names the location and the cause already.
        let store = Store::open(&location).await?;
        if args.demo {
            demo::load(&store, &reviewer).await.context("无法载入演示数据")?;
        }
        let state = AppState::new(store, reviewer, args.demo);
        // Bound before the banner, so that an address in use is the only thing said.
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("无法在 {} 上提供服务 (地址已被占用或无权使用)", args.addr))?;
        println!("jixiao 绩效目标管理: http://{}/  (数据库 {location})", args.addr);
        if args.demo {
            println!("演示用户 (密码均为 {}):", demo::PASSWORD);
            println!("  waishi    部门填报人员 (宁夏回族自治区人民政府外事办公室)");
            println!("  caizheng  财政审核人员");
            println!("  admin     系统管理员");
        }
        println!("按 Ctrl-C 停止。");
        tokio::select! {
            r = jixiao_web::serve_on(state, listener) => r.with_context(|| format!("无法在 {} 上提供服务", args.addr)),
            _ = tokio::signal::ctrl_c() => Ok(()),
        }
    })?;
    Ok(Outcome::Success)
}
