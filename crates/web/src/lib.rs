//! The web application of jixiao: departments draft and submit their tables, the finance
//! bureau's reviewers return, approve and publish them, the public reads what is published —
//! server-rendered pages in Chinese that work without JavaScript, and the same operations as a
//! JSON API under `/api`.
//!
//! Layers: `auth` (passwords, sessions, tokens, CSRF, rate limits), `access` (who may see and do
//! what), `pages` and `api` (the two renderings of the same use cases), `progress` (a table's
//! lights and scores for both), `figures` (what entered figures may not be, for both), `security` (headers).

mod access;
mod api;
mod auth;
pub mod demo;
mod earlier;
mod error;
mod figures;
mod html;
mod pages;
mod progress;
mod save;
mod security;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use jixiao_core::review::Reviewer;
use jixiao_store::Store;

pub use auth::{PasswordError, hash_password};

/// The largest upload accepted, in bytes.
pub const UPLOAD_LIMIT: usize = 10 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    reviewer: Reviewer,
    /// The scoring profile of lights and scores: the built-in 10号 one.
    profile: jixiao_core::scoring::Profile,
    limiter: auth::Limiter,
    sessions: auth::SessionCache,
    demo: bool,
}

impl AppState {
    /// The state of an application over `store`, reviewing with `reviewer`; `demo` shows the
    /// demo logins on the login page.
    pub fn new(store: Store, reviewer: Reviewer, demo: bool) -> AppState {
        AppState {
            inner: Arc::new(Inner {
                store,
                reviewer,
                profile: jixiao_core::scoring::Profile::default(),
                limiter: auth::Limiter::default(),
                sessions: auth::SessionCache::default(),
                demo,
            }),
        }
    }

    fn store(&self) -> &Store {
        &self.inner.store
    }
}

/// The whole application: pages, API, errors in its own words, security headers, body limit.
pub fn app(state: AppState) -> Router {
    Router::new()
        .merge(pages::router())
        .merge(api::router())
        .layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT))
        .layer(axum::middleware::from_fn_with_state(state.clone(), error::finish))
        .layer(axum::middleware::from_fn(security::headers))
        .with_state(state)
}

/// Serves the application on `addr` until the process is stopped.
pub async fn serve(state: AppState, addr: SocketAddr) -> std::io::Result<()> {
    serve_on(state, tokio::net::TcpListener::bind(addr).await?).await
}

/// Serves the application on a listener already bound (port 0 in tests).
pub async fn serve_on(state: AppState, listener: tokio::net::TcpListener) -> std::io::Result<()> {
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>()).await
}
