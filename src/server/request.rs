//! What a server function knows about the request it serves: state, session, client address,
//! and how its error becomes an HTTP status. (Who the member is: `auth::guard`.)

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use http::request::Parts;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;
use tower_sessions::Session;

use super::state::AppState;
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
                if let AppError::RateLimited { retry_after_secs } | AppError::Unavailable { retry_after_secs } = err {
                    if let Ok(v) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
                        opts.insert_header(http::header::RETRY_AFTER, v);
                    }
                }
            }
        }
    }
    result
}
