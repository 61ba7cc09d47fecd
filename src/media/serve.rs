//! `GET /media/<id>/<display|thumb>.jpg`: stored images, cached for a year (an image never
//! changes under its id; a new upload gets a new id).

use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use uuid::Uuid;

use super::Variant;
use crate::server::state::AppState;

pub async fn image(State(state): State<AppState>, Path((id, file)): Path<(String, String)>) -> Response {
    let (Ok(media_id), Some(variant)) = (id.parse::<Uuid>(), Variant::parse(&file)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.media.get(&format!("{}/{}", media_id.simple(), variant.file())).await {
        Ok(Some(bytes)) => (
            [(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "public, max-age=31536000, immutable")],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => {
            tracing::error!(error = %e, "could not read a stored image");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
