//! `jixiao user add`: create a user of the web application. The password comes from the
//! terminal (not echoed) or from standard input, never from the command line, where other users
//! of the machine could read it.

use std::io::{BufRead, IsTerminal};

use anyhow::{Context, Result, bail};
use jixiao_core::workflow::Role;

use super::Outcome;
use crate::cli::UserAddArgs;

pub fn add(args: UserAddArgs) -> Result<Outcome> {
    let role: Role = args.role.parse()?;
    if role == Role::Officer && args.department.is_none() {
        bail!("部门填报人员必须用 --department 指定部门");
    }
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("密码: ").context("无法读取密码")?;
        let again = rpassword::prompt_password("再输入一次: ").context("无法读取密码")?;
        if first != again {
            bail!("两次输入的密码不一致");
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).context("无法从标准输入读取密码")?;
        line.trim_end_matches(['\r', '\n']).to_owned()
    };
    if password.chars().count() < 8 {
        bail!("密码至少 8 个字符");
    }
    let rt = super::store::runtime()?;
    let store = super::store::open(&rt, &args.db.db, false)?;
    rt.block_on(async {
        let department = match &args.department {
            Some(d) => Some(store.department(d).await?.id),
            None => None,
        };
        let hash = jixiao_web::hash_password(password).await?;
        let user = store.add_user(&args.name, &hash, role, department, "cli").await?;
        println!("已新建用户 {} ({})", user.username, user.role.label());
        store.close().await;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(Outcome::Success)
}
