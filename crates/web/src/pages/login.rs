//! Login and logout: the form, the password check with its limit, the session cookie.

use super::*;

pub(crate) async fn login_form(State(state): State<AppState>, viewer: Viewer) -> Response {
    if viewer.0.is_some() {
        return Redirect::to("/").into_response();
    }
    login_page(&state, None, "", StatusCode::OK)
}

/// The cookie that carries the login form's token: only the form this site served can be
/// posted back with it (SameSite=Strict keeps it off another site's posts, and no other site
/// can read the form to copy the token).
const LOGIN_COOKIE: &str = "jixiao_login";

/// The login page with a fresh form token, set in its cookie too.
pub(crate) fn login_page(state: &AppState, message: Option<&str>, username: &str, status: StatusCode) -> Response {
    let token = auth::secret();
    let mut r = login_html(state, message, username, &token).into_response();
    *r.status_mut() = status;
    let cookie = format!("{LOGIN_COOKIE}={token}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=86400");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

fn login_html(state: &AppState, message: Option<&str>, username: &str, token: &str) -> Html<String> {
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
             <input type=\"hidden\" name=\"_login\" value=\"{token}\">\
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
    /// The form's token, which must match the login cookie.
    #[serde(default, rename = "_login")]
    pub(crate) token: String,
}

pub(crate) async fn login(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    Form(f): Form<LoginForm>,
) -> Response {
    if !posted_from_this_site(&headers, &f.token) {
        // Login CSRF: another site's form would log the victim into the attacker's account, and
        // what they then typed (targets, reasons) would land there. The session cookie is
        // SameSite=Strict, but a login has no session yet to hold a CSRF token: the login page
        // sets one of its own.
        return login_page(
            &state,
            Some("登录页已过期, 或登录请求来自其他网站: 请在本页重新登录"),
            &f.username,
            StatusCode::FORBIDDEN,
        );
    }
    let limiter = &state.inner.limiter;
    if limiter.blocked(&f.username, &addr) {
        return login_page(
            &state,
            Some("登录失败次数过多, 请 15 分钟后再试"),
            &f.username,
            StatusCode::TOO_MANY_REQUESTS,
        );
    }
    let Some(user) = auth::check_password(&state, &f.username, &f.password).await else {
        limiter.failed(&f.username, &addr);
        return login_page(&state, Some("用户名或密码不正确"), &f.username, StatusCode::UNAUTHORIZED);
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

/// Whether a login was posted by the form this site served: the browser does not say it came
/// from elsewhere (`Sec-Fetch-Site` other than `same-origin` or `none`: another site, or a
/// sibling subdomain), and the form's token matches the login cookie the page set. Origin and
/// Host are not compared: behind a reverse proxy that rewrites Host they never agree.
fn posted_from_this_site(headers: &HeaderMap, token: &str) -> bool {
    let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if site.is_some_and(|s| !s.eq_ignore_ascii_case("same-origin") && !s.eq_ignore_ascii_case("none")) {
        return false;
    }
    // Compared in constant time, as secrets are.
    auth::cookie_in(headers, LOGIN_COOKIE)
        .is_some_and(|c| !token.is_empty() && auth::constant_time_eq(c.as_bytes(), token.as_bytes()))
}
