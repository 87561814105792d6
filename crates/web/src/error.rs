//! One error type for pages and API, with two renderings: an HTML page or JSON
//! `{code, message, fields}`. Causes from the store are logged, never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use jixiao_store::StoreError;

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

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if self.json {
            let fields: serde_json::Map<String, serde_json::Value> =
                self.fields.into_iter().map(|(k, v)| (k, serde_json::Value::String(v))).collect();
            let body = serde_json::json!({ "code": self.code, "message": self.message, "fields": fields });
            return (self.status, axum::Json(body)).into_response();
        }
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p><p><a href=\"/\">返回首页</a></p>",
            self.status.as_u16(),
            crate::html::esc(&self.message)
        );
        (self.status, crate::html::page("出错了", None, &body)).into_response()
    }
}

/// Results of handlers.
pub type AppResult<T> = Result<T, AppError>;
