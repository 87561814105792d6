//! The pages: login, dashboard, list, a table with its findings and actions, its history, the
//! editor, upload with preview, downloads, the public catalogue, user administration, the
//! monitoring and year-end forms and the reviewers' overview of lights and scores — one module
//! each; what they share is here.

// Handlers answer with a whole response on the error path too (a redirect to the login page, an
// error page); the size of `Response` there is the price of readable handlers.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use base64::Engine;
use jixiao_core::Document;
use jixiao_core::report::DocumentReport;
use jixiao_core::workflow::{Action, Role, Status};
use jixiao_store::{Filter, ImportTable, Sort, StoredTable};
use serde::Deserialize;

use crate::access;
use crate::auth::{self, ClientAddr, CurrentUser, Viewer};
use crate::error::{AppError, AppResult};
use crate::html::{csrf_field, esc, page, status_badge};
use crate::{AppState, UPLOAD_LIMIT};

mod actuals;
mod admin;
mod compare;
mod dashboard;
mod download;
mod editor;
mod entry;
mod extract;
mod list;
mod login;
mod monitoring;
mod overview;
mod progress;
mod public;
mod table;
mod upload;

pub(crate) use actuals::*;
pub(crate) use admin::*;
pub(crate) use compare::*;
pub(crate) use dashboard::*;
pub(crate) use download::*;
pub(crate) use editor::*;
pub(crate) use extract::{Form, Multipart, Path, Query, too_large};
pub(crate) use list::*;
pub(crate) use login::*;
pub(crate) use monitoring::*;
pub(crate) use overview::*;
pub(crate) use public::*;
pub(crate) use table::*;
pub(crate) use upload::*;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(dashboard))
        .route("/login", get(login_form).post(login))
        .route("/logout", post(logout))
        .route("/tables", get(list))
        .route("/tables/{id}", get(show))
        .route("/tables/{id}/history", get(history))
        .route("/tables/{id}/compare", get(compare_page))
        .route("/tables/{id}/edit", get(edit_form).post(edit))
        .route("/tables/{id}/act/{action}", post(act))
        .route("/tables/{id}/monitoring", get(monitoring_form).post(monitoring_save))
        .route("/tables/{id}/actuals", get(actuals_form).post(actuals_save))
        .route("/tables/{id}/self-evaluation", post(start_self_evaluation))
        .route("/overview", get(overview))
        .route("/tables/{id}/download/{format}", get(download))
        .route("/export/{format}", get(export))
        // The preview's confirm form carries the files back as base64 (a third larger than the
        // files): the route takes that, and the handler holds the files themselves to the limit.
        .route("/upload", get(upload_form).post(upload).layer(axum::extract::DefaultBodyLimit::max(CONFIRM_LIMIT)))
        .route("/public", get(public_list))
        .route("/public/{id}", get(public_show))
        .route("/public/{id}/compare", get(public_compare))
        .route("/public/{id}/download/{format}", get(public_download))
        .route("/admin/users", get(users).post(add_user))
        .route("/admin/users/{id}/{to}", post(set_user_enabled))
        .route("/check/target", get(check_target))
        .route("/static/editor.js", get(editor_js))
}

/// The logged-in user, or a redirect to the login page.
fn require(viewer: Viewer) -> Result<CurrentUser, Response> {
    viewer.0.ok_or_else(|| Redirect::to("/login").into_response())
}

/// Checks a form's CSRF token against the session's.
fn check_csrf(user: &CurrentUser, form: &HashMap<String, String>) -> AppResult<()> {
    match form.get("_csrf") {
        Some(t) if auth::constant_time_eq(t.as_bytes(), user.csrf.as_bytes()) => Ok(()),
        _ => Err(AppError::new(StatusCode::FORBIDDEN, "csrf", "表单已过期或来源不明, 请刷新页面后重试")),
    }
}
