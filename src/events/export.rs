//! File downloads that are not pages: an event's .ics, the organisers' attendee CSV and the
//! private per-member calendar feed.

use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

use super::service::{self, Viewer};
use crate::error::AppError;
use crate::server::state::AppState;

fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config.public_url {
        return url.clone();
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("127.0.0.1:3000");
    let host: String = host.chars().filter(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(*c)).collect();
    let scheme = if state.config.https() { "https" } else { "http" };
    format!("{scheme}://{host}")
}

fn failure(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], e.to_string()).into_response()
}

async fn viewer(state: &AppState, session: &Session) -> Result<Viewer, AppError> {
    let member = crate::auth::guard::current_member(state, session).await?;
    Ok(Viewer { member, zone: None })
}

fn calendar_response(body: String, filename: &str, cache: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        body,
    )
        .into_response()
}

/// GET /events/{id}/event.ics
pub async fn event_ics(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let result = async {
        let viewer = viewer(&state, &session).await?;
        let event_id = crate::error::parse_id(&id)?;
        service::event_ics(&state, &viewer, event_id, &base_url(&state, &headers)).await
    }
    .await;
    match result {
        Ok(body) => calendar_response(body, "event.ics", "private, no-cache"),
        Err(e) => failure(e),
    }
}

/// GET /events/{id}/attendees.csv — organisers only.
pub async fn attendees_csv(State(state): State<AppState>, session: Session, Path(id): Path<String>) -> Response {
    let result = async {
        let me = crate::auth::guard::current_member(&state, &session).await?.ok_or(AppError::Unauthorized)?;
        service::attendees_csv(&state, &me, crate::error::parse_id(&id)?).await
    }
    .await;
    match result {
        Ok((filename, body)) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{filename}\"")),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            body,
        )
            .into_response(),
        Err(e) => failure(e),
    }
}

/// GET /calendar/{token}.ics — the secret link is the credential (calendar apps send no cookies).
pub async fn calendar_feed(State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>) -> Response {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    if !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return failure(AppError::NotFound);
    }
    match service::feed_ics(&state, token, &base_url(&state, &headers)).await {
        Ok(body) => calendar_response(body, "kindred.ics", "private, max-age=300"),
        Err(e) => failure(e),
    }
}
