//! An event's discussion: reading it, commenting, and removing comments.

use uuid::Uuid;

use super::manage::manages;
use super::notices::notify_event;
use super::read::visible;
use super::{Viewer, HOUR};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::events::model::{EventComment, MemberRef, COMMENT_MAX};
use crate::events::{repo, when};
use crate::server::{rate_limit, state::AppState};

const COMMENTS_PER_HOUR: u32 = 60;

pub async fn comments(state: &AppState, viewer: &Viewer, event_id: Uuid) -> Result<Vec<EventComment>, AppError> {
    let (row, organiser) = visible(state, viewer, event_id).await?;
    let tz = viewer.zone_for(&row.time_zone);
    let moderator = viewer.member.as_ref().is_some_and(|m| m.site_role.can_moderate());
    Ok(repo::comments(&state.pool, event_id, viewer.id())
        .await?
        .into_iter()
        .map(|c| EventComment {
            can_delete: viewer.id() == Some(c.author_id) || organiser || moderator,
            comment_id: c.comment_id,
            author: MemberRef {
                member_id: c.author_id,
                username: c.username,
                display_name: c.display_name,
                avatar_id: c.avatar_id,
            },
            body: c.body,
            when: when::short(c.created_at, tz),
        })
        .collect())
}

pub async fn add_comment(state: &AppState, viewer: &Viewer, event_id: Uuid, body: &str) -> Result<Uuid, AppError> {
    let me = viewer.member.as_ref().ok_or(AppError::Unauthorized)?;
    let (row, _) = visible(state, viewer, event_id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", "Write something first."));
    }
    if body.chars().count() > COMMENT_MAX {
        return Err(AppError::invalid("body", format!("A comment can be up to {COMMENT_MAX} characters.")));
    }
    if crate::people::repo::blocked_between(&state.pool, me.member_id, row.organizer_id).await? {
        return Err(AppError::Forbidden);
    }
    if let Some(community) = row.community_id {
        crate::communities::service::may_take_part(state, me.member_id, community).await?;
    }
    rate_limit::hit(&state.pool, &format!("event-comment:member:{}", me.member_id), COMMENTS_PER_HOUR, HOUR).await?;
    let mut tx = state.pool.begin().await?;
    let id = repo::insert_comment(&mut tx, event_id, me.member_id, body).await?;
    let message = format!("{} commented on {}", me.display_name, row.title);
    let link = format!("/events/{event_id}#discussion");
    notify_event(&mut tx, row.organizer_id, Some(me.member_id), &message, &link).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_comment(state: &AppState, me: &CurrentMember, comment_id: Uuid) -> Result<Uuid, AppError> {
    let (author, event_id) = repo::comment_owner(&state.pool, comment_id).await?.ok_or(AppError::NotFound)?;
    let row = repo::event(&state.pool, event_id).await?.ok_or(AppError::NotFound)?;
    let allowed = author == me.member_id || me.site_role.can_moderate() || manages(state, me.member_id, &row).await?;
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.pool.begin().await?;
    repo::delete_comment(&mut tx, comment_id).await?;
    tx.commit().await?;
    Ok(event_id)
}
