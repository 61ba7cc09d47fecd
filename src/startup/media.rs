//! `GET /media/<id>/<file>`: an image, for the people who may see what it belongs to. A post's
//! image follows the post (its audience, its community, blocks, moderation); a chat image follows
//! its channel or conversation; avatars, community, place and event pictures are public. What a
//! visitor may see is cached publicly for a year; the rest privately, for minutes. Someone who
//! may not see it gets 404, as if it did not exist.

use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use tower_sessions::Session;
use uuid::Uuid;

use crate::media::serve::{send, Reach};
use crate::media::Variant;
use crate::server::state::AppState;

pub async fn image(
    State(state): State<AppState>,
    session: Session,
    Path((id, file)): Path<(String, String)>,
) -> Response {
    let (Ok(media_id), Some(variant)) = (id.parse::<Uuid>(), Variant::parse(&file)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match reach(&state, &session, media_id).await {
        Ok(Some(reach)) => send(&state, media_id, variant, reach).await,
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// How far the image may travel, or None when this visitor may not see it.
async fn reach(state: &AppState, session: &Session, media_id: Uuid) -> Result<Option<Reach>, crate::error::AppError> {
    let Some(belongs) = crate::media::repo::belongs(&state.pool, media_id).await? else { return Ok(None) };
    if belongs.post_id.is_none() && belongs.channel_id.is_none() {
        return Ok(Some(Reach::Everyone));
    }
    if let Some(post) = belongs.post_id {
        if crate::feed::service::readable(state, None, post).await? {
            return Ok(Some(Reach::Everyone));
        }
    }
    // A channel a visitor may read (a public community's, with no override hiding it) is
    // public; the nil id belongs to nobody, so it stands for a visitor.
    if let (None, Some(channel)) = (belongs.post_id, belongs.channel_id) {
        if crate::chat::service::access(&state.pool, Uuid::nil(), channel).await.is_ok() {
            return Ok(Some(Reach::Everyone));
        }
    }
    let Some(me) = crate::auth::guard::current_member(state, session).await? else { return Ok(None) };
    let allowed = match (belongs.post_id, belongs.channel_id) {
        (Some(post), _) => crate::feed::service::readable(state, Some(&me), post).await?,
        (None, Some(channel)) => crate::chat::service::access(&state.pool, me.member_id, channel).await.is_ok(),
        (None, None) => true,
    };
    Ok(allowed.then_some(Reach::Private))
}
