//! One error type for pages and API, with two renderings: an HTML page or JSON
//! `{code, message, fields}`. Causes from the store are logged, never shown.

use axum::body::Body;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use jixiao_store::StoreError;

use crate::AppState;
use crate::auth::{CurrentUser, Viewer};

/// What went wrong in a request.
#[derive(Debug)]
pub struct AppError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: Vec<(String, String)>,
    pub json: bool,
}

impl AppError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> AppError {
        AppError { status, code, message: message.into(), fields: Vec::new(), json: false }
    }
    pub fn unauthorized() -> AppError {
        AppError::new(StatusCode::UNAUTHORIZED, "unauthorized", "请先登录")
    }
    pub fn forbidden() -> AppError {
        AppError::new(StatusCode::FORBIDDEN, "forbidden", "您没有权限进行此操作")
    }
    pub fn not_found() -> AppError {
        AppError::new(StatusCode::NOT_FOUND, "not_found", "没有找到这张表")
    }
    pub fn bad_request(message: impl Into<String>) -> AppError {
        AppError::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }
    /// The same error, rendered as JSON.
    pub fn json(mut self) -> AppError {
        self.json = true;
        self
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> AppError {
        match e {
            StoreError::NotFound(m) => AppError::new(StatusCode::NOT_FOUND, "not_found", m),
            StoreError::Conflict(m) => AppError::new(StatusCode::CONFLICT, "conflict", m),
            StoreError::Invalid(m) => AppError::new(StatusCode::UNPROCESSABLE_ENTITY, "invalid", m),
            other => {
                eprintln!("jixiao serve: 数据库错误: {other}");
                AppError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", "服务器内部错误, 请稍后再试")
            }
        }
    }
}

/// The message of an HTML error page, kept on its response: the error does not know who asked,
/// and [`finish`], which does, draws the page again with that user's navigation.
#[derive(Debug, Clone)]
struct ErrorPage(String);

/// The error page: status, message and the way back, in the frame `viewer` sees.
fn error_page(status: StatusCode, message: &str, viewer: Option<&CurrentUser>) -> Response {
    let body = format!(
        "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">返回首页</a></p>",
        status.as_u16(),
        crate::html::esc(message)
    );
    let mut r = (status, crate::html::page("出错了", viewer, &body)).into_response();
    r.extensions_mut().insert(ErrorPage(message.to_owned()));
    r
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.json {
            let fields: serde_json::Map<String, serde_json::Value> =
                self.fields.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
            let body = serde_json::json!({ "code": self.code, "message": self.message, "fields": fields });
            return (self.status, axum::Json(body)).into_response();
        }
        error_page(self.status, &self.message, None)
    }
}

/// Results of handlers.
pub type AppResult<T> = Result<T, AppError>;

/// Whether a path is answered in JSON: the API, and the editor's check of a target.
fn speaks_json(path: &str) -> bool {
    path == "/api" || path.starts_with("/api/") || path.starts_with("/check/")
}

/// The application's error for an answer axum gave by itself (an unknown route, a method the
/// route does not take, a body over the limit, a request an extractor of the API could not read),
/// by its status: axum answers those in English plain text or with nothing at all.
fn framework_error(status: StatusCode) -> AppError {
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("not_found", "没有找到这个网址".to_owned()),
        StatusCode::METHOD_NOT_ALLOWED => ("method_not_allowed", "此网址不接受这种请求方式".to_owned()),
        StatusCode::PAYLOAD_TOO_LARGE => {
            return crate::pages::too_large();
        }
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ("unsupported_media_type", "请求的内容类型不正确".to_owned()),
        StatusCode::UNPROCESSABLE_ENTITY => ("invalid", "请求的内容不完整或格式不正确".to_owned()),
        s if s.is_server_error() => ("internal", "服务器内部错误, 请稍后再试".to_owned()),
        _ => ("bad_request", "请求无法读取: 网址中的编号或查询参数不正确, 或请求内容格式不正确".to_owned()),
    };
    AppError::new(status, code, message)
}

/// Whether an error answer is axum's own: the application's are HTML pages or JSON.
fn from_framework(r: &Response) -> bool {
    let kind = r.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    (r.status().is_client_error() || r.status().is_server_error())
        && (kind.is_empty() || kind.starts_with("text/plain"))
}

/// `fresh` in place of `old`: the old answer's headers stay (`Allow` on a 405, a cookie being
/// cleared), the new one's status, headers and body replace them.
fn replace(old: Response, fresh: Response) -> Response {
    let (mut head, _) = old.into_parts();
    let (fresh, body) = fresh.into_parts();
    head.status = fresh.status;
    head.headers.remove(header::CONTENT_LENGTH);
    for (name, value) in &fresh.headers {
        head.headers.insert(name.clone(), value.clone());
    }
    Response::from_parts(head, body)
}

/// The last layer before the security headers: every error is the application's own — axum's
/// answers become its error page or JSON error, and error pages show the navigation of the user
/// who asked.
pub(crate) async fn finish(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let json = speaks_json(request.uri().path());
    // Who is asking is needed only for an error page: the headers that say it are kept until then.
    let who: Vec<(header::HeaderName, HeaderValue)> = [header::COOKIE, header::AUTHORIZATION]
        .into_iter()
        .flat_map(|name| request.headers().get_all(&name).iter().map(move |v| (name.clone(), v.clone())))
        .collect();
    let response = next.run(request).await;
    let (status, message) = if from_framework(&response) {
        let e = framework_error(response.status());
        if json {
            let fresh = e.json().into_response();
            return replace(response, fresh);
        }
        (e.status, e.message)
    } else if let Some(ErrorPage(message)) = response.extensions().get::<ErrorPage>().cloned() {
        (response.status(), message)
    } else {
        return response;
    };
    if who.is_empty() && response.extensions().get::<ErrorPage>().is_some() {
        return response; // drawn for nobody already
    }
    let mut asking = Request::new(Body::empty());
    for (name, value) in who {
        asking.headers_mut().append(name, value);
    }
    let (mut parts, _) = asking.into_parts();
    // A request the viewer's check refuses is shown its error as to a visitor.
    let viewer = Viewer::from_request_parts(&mut parts, &state).await.ok().and_then(|v| v.0);
    replace(response, error_page(status, &message, viewer.as_ref()))
}
