//! The pages' extractors: axum's, refusing a request they cannot read with the application's own
//! error page in Chinese instead of axum's English text.

use axum::extract::multipart::MultipartRejection;
use axum::extract::rejection::{FormRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use crate::UPLOAD_LIMIT;
use crate::error::AppError;

/// The message of a body over the limit, whichever extractor met it.
pub(crate) fn too_large() -> AppError {
    AppError::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_large",
        format!("提交的内容太大: 每次最多 {} MB", UPLOAD_LIMIT / 1024 / 1024),
    )
}

/// A rejection as the application's error, with axum's status and `message` (or the limit's).
fn refused(status: StatusCode, message: &str) -> AppError {
    match status {
        StatusCode::PAYLOAD_TOO_LARGE => too_large(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => {
            AppError::new(status, "unsupported_media_type", "提交的内容类型不正确, 请使用页面上的表单提交")
        }
        _ => AppError::new(status, if status.is_server_error() { "internal" } else { "bad_request" }, message),
    }
}

/// The parameters in the path (`/tables/{id}`).
pub(crate) struct Path<T>(pub(crate) T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Path<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Path(v)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => {
                Err(refused(e.status(), "网址不正确: 其中的编号应为数字"))
            }
            Err(e) => Err(refused(e.status(), "网址不正确")),
        }
    }
}

/// The query string (`/tables?page=2`).
pub(crate) struct Query<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Query<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        axum::extract::Query::<T>::from_request_parts(parts, state).await.map(|q| Query(q.0)).map_err(
            |e: QueryRejection| refused(e.status(), "网址中的查询参数不正确 (缺少参数, 或页码、年度等不是数字)"),
        )
    }
}

/// A submitted form.
pub(crate) struct Form<T>(pub(crate) T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for Form<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::extract::Form::<T>::from_request(req, state).await.map(|f| Form(f.0)).map_err(|e| match e {
            FormRejection::InvalidFormContentType(e) => refused(e.status(), ""),
            FormRejection::FailedToDeserializeForm(_) | FormRejection::FailedToDeserializeFormBody(_) => {
                refused(e.status(), "表单内容不完整或格式不正确, 请刷新页面后重新填写")
            }
            e => refused(e.status(), "无法读取提交的表单, 请重试"),
        })
    }
}

/// An upload (`multipart/form-data`).
pub(crate) struct Multipart(pub(crate) axum::extract::Multipart);

impl<S: Send + Sync> FromRequest<S> for Multipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        axum::extract::Multipart::from_request(req, state).await.map(Multipart).map_err(|e: MultipartRejection| {
            refused(e.status(), "上传请求的格式不正确 (不是带分隔符的 multipart/form-data), 请使用页面上的上传表单")
        })
    }
}

impl std::ops::Deref for Multipart {
    type Target = axum::extract::Multipart;
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl std::ops::DerefMut for Multipart {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}
