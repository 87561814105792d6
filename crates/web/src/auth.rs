//! Who is asking: passwords (argon2, hashed off the async threads, equal timing for unknown
//! users), sessions in an HttpOnly SameSite cookie, bearer tokens for the API, CSRF tokens for
//! forms, and a limit on failed logins per account and per address.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use argon2::Argon2;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::header;
use axum::http::request::Parts;
use base64::Engine;
use jixiao_store::{Session, User};

use crate::AppState;
use crate::error::AppError;
use axum::http::StatusCode;

/// The session cookie's name.
pub const COOKIE: &str = "jx_session";
/// How long a session or token lives.
pub const SESSION_SECONDS: u64 = 8 * 3600;

/// Why a password could not be hashed.
#[derive(Debug, thiserror::Error)]
pub enum PasswordError {
    /// argon2 refused it (a password longer than its limit, say).
    #[error("密码无法保存: {0}")]
    Hash(argon2::password_hash::Error),
    /// The hashing task did not finish (the server is shutting down).
    #[error("密码哈希任务中断")]
    Interrupted,
}

/// Hashes a password with argon2id and a random salt.
pub async fn hash_password(password: String) -> Result<String, PasswordError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(PasswordError::Hash)
    })
    .await
    .map_err(|_| PasswordError::Interrupted)?
}

/// A hash to verify against when the user does not exist, so that the answer takes as long.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(b"not a password", &salt).map(|h| h.to_string()).unwrap_or_default()
    })
}

/// The user, if the name and password match an enabled account.
pub async fn check_password(state: &AppState, username: &str, password: &str) -> Option<User> {
    let user = state.store().user_by_name(username).await.ok();
    let hash = user.as_ref().map(|u| u.password_hash.clone()).unwrap_or_else(|| dummy_hash().to_owned());
    let password = password.to_owned();
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&hash).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
    })
    .await
    .unwrap_or(false);
    user.filter(|u| ok && !u.disabled)
}

/// A random secret, URL-safe.
pub fn secret() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the store keeps of a secret: its hash.
pub fn secret_id(secret: &str) -> String {
    jixiao_store::hash::sha256_hex(secret.as_bytes())
}

/// Starts a session (or API token) for `user`; returns the secret to hand out.
pub async fn start_session(state: &AppState, user: &User) -> Result<String, jixiao_store::StoreError> {
    let token = secret();
    let session = Session {
        id: secret_id(&token),
        user_id: user.id,
        csrf: secret(),
        expires_at: jixiao_store::time::after(SESSION_SECONDS),
    };
    state.store().add_session(&session).await?;
    Ok(token)
}

/// A logged-in user, with the CSRF token of their session.
#[derive(Debug, Clone)]
pub struct CurrentUser {
    pub user: User,
    pub csrf: String,
    pub session_id: String,
}

/// The viewer of a request: a user, or nobody.
pub struct Viewer(pub Option<CurrentUser>);

impl FromRequestParts<AppState> for Viewer {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let by_bearer = bearer(parts);
        let from_cookie = by_bearer.is_none();
        let token = by_bearer.or_else(|| cookie(parts, COOKIE));
        let Some(token) = token else { return Ok(Viewer(None)) };
        let id = secret_id(&token);
        let current = match state.inner.sessions.get(&id) {
            Some(known) => known,
            None => {
                let Ok(Some((session, user))) = state.store().session_user(&id).await else { return Ok(Viewer(None)) };
                if user.disabled {
                    return Ok(Viewer(None));
                }
                let current = CurrentUser { user, csrf: session.csrf, session_id: id };
                state.inner.sessions.put(&current);
                current
            }
        };
        if from_cookie && !api_change_allowed(parts, &current.csrf) {
            return Err(AppError::new(
                StatusCode::FORBIDDEN,
                "csrf",
                "用会话 Cookie 调用 API 修改数据时, 须在 X-CSRF-Token 头中给出本会话的 CSRF 令牌; \
                 程序调用请使用 POST /api/login 得到的 Bearer 令牌",
            )
            .json());
        }
        Ok(Viewer(Some(current)))
    }
}

/// Whether a request that authenticates with the session cookie may go on: pages check their
/// forms' CSRF token themselves; an API request that changes something must carry the token in
/// `X-CSRF-Token`, since a browser sends the cookie with a request another page made (a sibling
/// subdomain or port is the same site to SameSite), and a bearer token it never sends.
fn api_change_allowed(parts: &Parts, csrf: &str) -> bool {
    if !parts.uri.path().starts_with("/api/") || parts.method.is_safe() {
        return true;
    }
    parts
        .headers
        .get("x-csrf-token")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|given| constant_time_eq(given.as_bytes(), csrf.as_bytes()))
}

/// Compares two secrets in time that does not depend on where they differ.
pub(crate) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn bearer(parts: &Parts) -> Option<String> {
    let v = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    v.strip_prefix("Bearer ").map(|t| t.trim().to_owned())
}

/// A cookie's value from the request.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    cookie_in(&parts.headers, name)
}

/// A cookie's value from a request's headers.
pub fn cookie_in(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(';')).find_map(|c| {
        let (k, v) = c.trim().split_once('=')?;
        (k == name).then(|| v.to_owned())
    })
}

/// The Set-Cookie header of a new session.
pub fn session_cookie(token: &str) -> String {
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={SESSION_SECONDS}")
}

/// The Set-Cookie header that ends one.
pub fn clear_cookie() -> String {
    format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The client's address, when the server knows it.
pub struct ClientAddr(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let addr = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(ClientAddr(addr.unwrap_or_else(|| "local".to_owned())))
    }
}

/// Failed logins per account and per address: five in fifteen minutes, then wait.
#[derive(Default)]
pub struct Limiter {
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

const WINDOW: Duration = Duration::from_secs(15 * 60);
const MAX_FAILURES: usize = 5;

impl Limiter {
    /// Whether this account or address has failed too often lately.
    pub fn blocked(&self, username: &str, addr: &str) -> bool {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        [format!("u:{username}"), format!("a:{addr}")].iter().any(|k| {
            let v = map.entry(k.clone()).or_default();
            v.retain(|t| now.duration_since(*t) < WINDOW);
            v.len() >= MAX_FAILURES
        })
    }

    /// Counts a failed login.
    pub fn failed(&self, username: &str, addr: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for k in [format!("u:{username}"), format!("a:{addr}")] {
            map.entry(k).or_default().push(Instant::now());
        }
    }

    /// Forgets the failures of an account that logged in.
    pub fn succeeded(&self, username: &str) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&format!("u:{username}"));
    }
}

/// Sessions this server looked up in the last two seconds: most requests of a busy user come
/// in bursts, and the lookup was a third of a list page's queries. Logging out and changing a
/// user forget them here at once; another server sees such a change within two seconds.
#[derive(Default)]
pub struct SessionCache {
    known: Mutex<HashMap<String, (CurrentUser, Instant)>>,
}

const SESSION_CACHE_TTL: Duration = Duration::from_secs(2);
const SESSION_CACHE_MAX: usize = 10_000;

impl SessionCache {
    /// The session, if looked up less than two seconds ago.
    pub fn get(&self, id: &str) -> Option<CurrentUser> {
        let map = self.known.lock().unwrap_or_else(|p| p.into_inner());
        map.get(id).filter(|(_, at)| at.elapsed() < SESSION_CACHE_TTL).map(|(u, _)| u.clone())
    }

    /// Remembers a session just looked up.
    pub fn put(&self, user: &CurrentUser) {
        let mut map = self.known.lock().unwrap_or_else(|p| p.into_inner());
        if map.len() >= SESSION_CACHE_MAX {
            map.retain(|_, (_, at)| at.elapsed() < SESSION_CACHE_TTL);
            if map.len() >= SESSION_CACHE_MAX {
                map.clear();
            }
        }
        map.insert(user.session_id.clone(), (user.clone(), Instant::now()));
    }

    /// Forgets one session (logout).
    pub fn forget(&self, id: &str) {
        self.known.lock().unwrap_or_else(|p| p.into_inner()).remove(id);
    }

    /// Forgets every session (a user was disabled or changed).
    pub fn clear(&self) {
        self.known.lock().unwrap_or_else(|p| p.into_inner()).clear();
    }
}
