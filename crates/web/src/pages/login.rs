//! Login and logout: the form, the password check with its limit, the session cookie.

use super::*;

pub(crate) async fn login_form(State(state): State<AppState>, viewer: Viewer) -> Response {
    if viewer.0.is_some() {
        return Redirect::to("/").into_response();
    }
    login_page(&state, None, "").into_response()
}

pub(crate) fn login_page(state: &AppState, message: Option<&str>, username: &str) -> Html<String> {
    let demo = if state.inner.demo {
        "<p class=\"notice\">演示模式: 部门填报人员 <b>waishi</b>, 财政审核人员 <b>caizheng</b>, 系统管理员 <b>admin</b>, 密码均为 <b>demo</b>。</p>"
    } else {
        ""
    };
    let message = message.map(|m| format!("<p class=\"error\" role=\"alert\">{}</p>", esc(m))).unwrap_or_default();
    page(
        "登录",
        None,
        &format!(
            "<h1>登录</h1>{demo}{message}<form method=\"post\" action=\"/login\">\
             <p><label>用户名 <input type=\"text\" name=\"username\" value=\"{}\" required autofocus></label></p>\
             <p><label>密码 <input type=\"password\" name=\"password\" required></label></p>\
             <p><button type=\"submit\">登录</button></p></form>",
            esc(username)
        ),
    )
}

#[derive(Deserialize)]
pub(crate) struct LoginForm {
    pub(crate) username: String,
    pub(crate) password: String,
}

pub(crate) async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    if from_another_site(&headers) {
        // Login CSRF: another site's form would log the victim into the attacker's account, and
        // what they then typed (targets, reasons) would land there. The session cookie is
        // SameSite=Strict, but a login has no session yet to hold a CSRF token.
        let mut r = login_page(&state, Some("登录请求来自其他网站, 已拒绝: 请在本站的登录页登录"), "").into_response();
        *r.status_mut() = StatusCode::FORBIDDEN;
        return r;
    }
    let limiter = &state.inner.limiter;
    if limiter.blocked(&f.username, &addr) {
        let mut r = login_page(&state, Some("登录失败次数过多, 请 15 分钟后再试"), &f.username).into_response();
        *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
        return r;
    }
    let Some(user) = auth::check_password(&state, &f.username, &f.password).await else {
        limiter.failed(&f.username, &addr);
        let mut r = login_page(&state, Some("用户名或密码不正确"), &f.username).into_response();
        *r.status_mut() = StatusCode::UNAUTHORIZED;
        return r;
    };
    limiter.succeeded(&f.username);
    match auth::start_session(&state, &user).await {
        Ok(token) => {
            let mut r = Redirect::to("/").into_response();
            if let Ok(v) = HeaderValue::from_str(&auth::session_cookie(&token)) {
                r.headers_mut().insert(header::SET_COOKIE, v);
            }
            r
        }
        Err(e) => AppError::from(e).into_response(),
    }
}

pub(crate) async fn logout(
    State(state): State<AppState>,
    viewer: Viewer,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    if let Some(u) = viewer.0 {
        if let Err(e) = check_csrf(&u, &form) {
            return e.into_response();
        }
        state.inner.sessions.forget(&u.session_id);
        let _ = state.store().remove_session(&u.session_id).await;
    }
    let mut r = Redirect::to("/login").into_response();
    r.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_str(&auth::clear_cookie()).unwrap_or(HeaderValue::from_static("")),
    );
    r
}

/// Whether the browser says the login form was sent from another site: `Sec-Fetch-Site:
/// cross-site`, or, from a browser too old to send that, an `Origin` whose host is not this
/// request's `Host`. Neither header is sent by programs, which log in through the API.
fn from_another_site(headers: &HeaderMap) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = value("sec-fetch-site") {
        return site.eq_ignore_ascii_case("cross-site");
    }
    match (value("origin"), value("host")) {
        // `Origin: null` comes from sandboxed frames and `data:` pages, never from this site.
        (Some(origin), host) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest);
            origin_host.is_none_or(|o| Some(o) != host)
        }
        (None, _) => false,
    }
}
