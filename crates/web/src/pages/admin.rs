//! User administration, for administrators.

use super::*;

pub(crate) async fn users(State(state): State<AppState>, viewer: Viewer) -> Result<Html<String>, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Admin {
        return Err(AppError::forbidden().into_response());
    }
    let list = state.store().users().await.map_err(|e| AppError::from(e).into_response())?;
    let mut body = String::from(
        "<h1>用户管理</h1><table class=\"list\"><tr><th>用户名</th><th>角色</th><th>部门</th><th>状态</th><th></th></tr>",
    );
    for x in &list {
        // An administrator cannot lock themselves out.
        let toggle = if x.id == u.user.id {
            String::new()
        } else {
            let (to, label) = if x.disabled { ("enable", "启用") } else { ("disable", "停用") };
            format!(
                "<form class=\"inline\" method=\"post\" action=\"/admin/users/{}/{to}\">{}<button type=\"submit\">{label}</button></form>",
                x.id,
                csrf_field(&u)
            )
        };
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{toggle}</td></tr>",
            esc(&x.username),
            x.role.label(),
            esc(x.department.as_deref().unwrap_or("")),
            if x.disabled { "已停用" } else { "正常" }
        ));
    }
    body.push_str(&format!(
        "</table><h2>新建用户</h2><form method=\"post\" action=\"/admin/users\">{}\
         <label>用户名 <input type=\"text\" name=\"username\" required></label>\
         <label>密码 <input type=\"password\" name=\"password\" required minlength=\"8\"></label>\
         <label>角色 <select name=\"role\"><option value=\"officer\">部门填报人员</option><option value=\"reviewer\">财政审核人员</option><option value=\"admin\">系统管理员</option></select></label>\
         <label>部门 <input type=\"text\" name=\"department\"></label><button type=\"submit\">新建</button></form>",
        csrf_field(&u)
    ));
    Ok(page("用户管理", Some(&u), &body))
}

pub(crate) async fn add_user(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Admin {
        return Err(AppError::forbidden().into_response());
    }
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let get = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let (name, password) = (get("username"), form.get("password").cloned().unwrap_or_default());
    let role: Role = get("role")
        .parse()
        .map_err(|e: jixiao_core::workflow::UnknownCode| AppError::bad_request(e.to_string()).into_response())?;
    if name.is_empty() || password.chars().count() < 8 {
        return Err(AppError::bad_request("用户名不能为空, 密码至少 8 个字符").into_response());
    }
    let department = get("department");
    let dept = if department.is_empty() {
        None
    } else {
        Some(state.store().department(&department).await.map_err(|e| AppError::from(e).into_response())?.id)
    };
    if role == Role::Officer && dept.is_none() {
        return Err(AppError::bad_request("部门填报人员必须指定部门").into_response());
    }
    let hash = auth::hash_password(password).await.map_err(|e| AppError::bad_request(e.to_string()).into_response())?;
    state
        .store()
        .add_user(&name, &hash, role, dept, &u.user.username)
        .await
        .map_err(|e| AppError::from(e).into_response())?;
    Ok(Redirect::to("/admin/users").into_response())
}

/// Disables a user (ending their sessions) or enables them again.
pub(crate) async fn set_user_enabled(
    State(state): State<AppState>,
    viewer: Viewer,
    Path((id, to)): Path<(i64, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Result<Response, Response> {
    let u = require(viewer)?;
    if u.user.role != Role::Admin {
        return Err(AppError::forbidden().into_response());
    }
    check_csrf(&u, &form).map_err(IntoResponse::into_response)?;
    let disabled = match to.as_str() {
        "disable" => true,
        "enable" => false,
        _ => return Err(AppError::not_found().into_response()),
    };
    if id == u.user.id {
        return Err(AppError::bad_request("不能停用自己的账号").into_response());
    }
    let mut user = state.store().user(id).await.map_err(|e| AppError::from(e).into_response())?;
    user.disabled = disabled;
    state.store().update_user(&user, &u.user.username).await.map_err(|e| AppError::from(e).into_response())?;
    state.inner.sessions.clear();
    Ok(Redirect::to("/admin/users").into_response())
}
