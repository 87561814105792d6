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
    let name = args.name.trim();
    if name.is_empty() || name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        bail!("用户名不能为空, 也不能含空格或控制字符: “{}”", args.name.escape_debug());
    }
    match (role, args.department.as_deref().map(str::trim)) {
        (Role::Officer, None | Some("")) => bail!("部门填报人员必须用 --department 指定部门"),
        (Role::Reviewer | Role::Admin, Some(_)) => {
            bail!("只有部门填报人员属于某个部门; 财政审核人员和管理员看得到所有部门的表, 不用 --department")
        }
        _ => {}
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
        let department = match args.department.as_deref().map(str::trim) {
            Some(d) => {
                // A department no table names yet may be a new deployment's, or a typo: said.
                if !store.departments().await?.iter().any(|known| known.name == d) {
                    eprintln!(
                        "注意: 数据库中还没有部门“{d}”(还没有导入它的表), 已新建; 名称须与表中的部门名称完全一致"
                    );
                }
                Some(store.department(d).await?.id)
            }
            None => None,
        };
        let hash = jixiao_web::hash_password(password).await?;
        let user = store.add_user(name, &hash, role, department, "cli").await?;
        println!("已新建用户 {} ({})", user.username, user.role.label());
        store.close().await;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(Outcome::Success)
}
