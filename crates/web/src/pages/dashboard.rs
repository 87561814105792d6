//! The dashboard: tables by status and by grade, the reviewer's queue, the latest changes.

use super::*;

pub(crate) async fn dashboard(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    let mut filter = Filter { per_page: 20, page: 1, ..Filter::default() };
    access::scope(&u, &mut filter);
    let counts = state.store().counts(&filter).await.map_err(|e| AppError::from(e).into_response())?;
    let mut by_status: HashMap<String, i64> = HashMap::new();
    let mut by_grade: HashMap<String, i64> = HashMap::new();
    for (s, g, n) in &counts {
        *by_status.entry(s.clone()).or_default() += n;
        *by_grade.entry(g.clone()).or_default() += n;
    }
    let mut body = format!("<h1>{}, 您好</h1><h2>按状态</h2><div class=\"cards\">", esc(&u.user.username));
    for s in Status::ALL {
        body.push_str(&format!(
            "<a class=\"card\" href=\"/tables?status={}\">{}<br><b>{}</b></a>",
            s.code(),
            s.label(),
            by_status.get(s.code()).copied().unwrap_or(0)
        ));
    }
    body.push_str("</div><h2>按审核等级</h2><div class=\"cards\">");
    for g in ["优", "良", "中", "差"] {
        body.push_str(&format!(
            "<a class=\"card\" href=\"/tables?grade={g}\">{g}<br><b>{}</b></a>",
            by_grade.get(g).copied().unwrap_or(0)
        ));
    }
    body.push_str("</div>");
    if u.user.role == Role::Reviewer {
        let queue = Filter { status: Some(Status::Submitted), ..filter.clone() };
        let page_ = state.store().list(&queue).await.map_err(|e| AppError::from(e).into_response())?;
        body.push_str(&format!("<h2>待审核 ({} 张)</h2>", page_.total));
        body.push_str(&summary_table(&page_.items, "/tables"));
    }
    let recent = state.store().recent_changes(50).await.map_err(|e| AppError::from(e).into_response())?;
    body.push_str("<h2>最近的变更</h2><table class=\"list\"><tr><th>时间</th><th>操作人</th><th>操作</th><th>表</th><th>说明</th></tr>");
    let mut shown = 0;
    for h in recent {
        let Some(id) = h.table_id else { continue };
        if u.user.role == Role::Officer {
            match state.store().get(id).await {
                Ok(t) if access::may_see(&u, &t.summary) => {}
                _ => continue,
            }
        }
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><a href=\"/tables/{id}\">#{id}</a> 第 {} 版</td><td>{}</td></tr>",
            esc(&crate::html::china_time(&h.at)),
            esc(&h.actor),
            action_label(&h.action),
            h.version.unwrap_or(0),
            esc(h.reason.as_deref().unwrap_or(""))
        ));
        shown += 1;
        if shown == 10 {
            break;
        }
    }
    body.push_str("</table>");
    Ok(page("首页", Some(&u), &body))
}

pub(crate) fn action_label(code: &str) -> &'static str {
    match code {
        "import" => "导入",
        "update" => "导入新版本",
        "edit" => "编辑",
        "monitor" => "填报监控数据",
        "submit" => "报送审核",
        "return" => "退回修改",
        "approve" => "审核通过",
        "publish" => "公开",
        "add_user" => "新建用户",
        "update_user" => "修改用户",
        _ => "其他",
    }
}
