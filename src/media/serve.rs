//! Sending a stored image (`GET /media/<id>/<display|thumb>.jpg`). Who may see it is decided by
//! the route in start-up, which knows the posts and conversations images belong to: images
//! anyone may see are cached for a year (an image never changes under its id; a new upload gets
//! a new id), the others privately and briefly, so a revoked reader stops seeing them soon.

use axum::{
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use uuid::Uuid;

use super::Variant;
use crate::server::state::AppState;

/// Who may see an image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Anyone: cached publicly for a year.
    Everyone,
    /// Only some people, this one among them: cached by their browser only, for a few minutes.
    Private,
}

pub async fn send(state: &AppState, media_id: Uuid, variant: Variant, reach: Reach) -> Response {
    match state.media.get(&format!("{}/{}", media_id.simple(), variant.file())).await {
        Ok(Some(bytes)) => {
            let cache = match reach {
                Reach::Everyone => "public, max-age=31536000, immutable",
                Reach::Private => "private, max-age=300",
            };
            ([(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, cache), (header::VARY, "Cookie")], bytes)
                .into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not read a stored image");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
