//! What a server function knows about the request it serves: state, session, client address,
//! the signed-in member, and how its error becomes an HTTP status.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tower_sessions::Session;
use uuid::Uuid;

use super::session_store::MEMBER_KEY;
use super::state::AppState;
use crate::auth::model::CurrentMember;
use crate::error::AppError;

/// Session key holding the unix time of the login, for the absolute session timeout.
pub const AUTH_AT_KEY: &str = "auth_at";

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from context");
        AppError::Internal
    })
}

fn parts() -> Option<Parts> {
    use_context::<Parts>()
}

/// A cookie of the request being served, if present.
pub fn cookie(name: &str) -> Option<String> {
    let parts = parts()?;
    parts.headers.get_all(http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(|header| {
        header.split(';').find_map(|pair| {
            let (k, v) = pair.trim().split_once('=')?;
            (k == name).then(|| v.trim().to_string())
        })
    })
}

pub fn session() -> Result<Session, AppError> {
    parts().and_then(|p| p.extensions.get::<Session>().cloned()).ok_or_else(|| {
        tracing::error!("session layer missing");
        AppError::Internal
    })
}

/// The client's address: the socket peer, or the last `X-Forwarded-For` hop when Kindred is
/// configured to trust its proxy.
pub fn client_ip(state: &AppState) -> String {
    let Some(parts) = parts() else {
        return "unknown".into();
    };
    if state.config.trust_proxy {
        let forwarded = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok());
        if let Some(ip) = forwarded {
            return ip.to_string();
        }
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ci| ci.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// True for a plain HTML form post (JavaScript off): the answer must stay a redirect.
pub fn is_plain_form_post() -> bool {
    parts()
        .and_then(|p| {
            p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// True when the request is a server function call (not a page whose render calls one
/// in-process: a page's status comes from what it shows, e.g. `ErrorView`).
fn is_server_fn_call() -> bool {
    parts().map(|p| p.uri.path().starts_with("/api/")).unwrap_or(false)
}

/// Sets the HTTP status (and `Retry-After`) from a server function's error.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        if is_server_fn_call() && !is_plain_form_post() {
            if let Some(opts) = use_context::<ResponseOptions>() {
                opts.set_status(
                    http::StatusCode::from_u16(err.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR),
                );
                if let AppError::RateLimited { retry_after_secs } = err {
                    if let Ok(v) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                        opts.insert_header(http::header::RETRY_AFTER, v);
                    }
                }
            }
        }
    }
    result
}

/// The signed-in member, if any. Sessions past the absolute timeout, or whose member is gone,
/// are ended here.
pub async fn current_member(state: &AppState, session: &Session) -> Result<Option<CurrentMember>, AppError> {
    let member_id: Option<Uuid> = session.get(MEMBER_KEY).await.map_err(|_| AppError::Internal)?;
    let Some(member_id) = member_id else {
        return Ok(None);
    };
    let auth_at: i64 = session.get(AUTH_AT_KEY).await.map_err(|_| AppError::Internal)?.unwrap_or(0);
    let age = chrono::Utc::now().timestamp() - auth_at;
    if age < 0 || age as u64 > state.config.session_absolute.as_secs() {
        let _ = session.flush().await;
        return Ok(None);
    }
    let member = crate::auth::repo::current_member(&state.pool, member_id).await?;
    if member.is_none() {
        let _ = session.flush().await;
    }
    Ok(member)
}

/// The signed-in member, or `Unauthorized`.
pub async fn require_member() -> Result<(AppState, Session, CurrentMember), AppError> {
    let state = state()?;
    let session = session()?;
    let member = current_member(&state, &session).await?.ok_or(AppError::Unauthorized)?;
    Ok((state, session, member))
}
