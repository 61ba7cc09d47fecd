//! Reading a channel: its page, history before a number, catch-up after one, search and the
//! read marker.

use uuid::Uuid;

use super::access::{access, Access};
use crate::chat::model::*;
use crate::chat::repo;
use crate::communities::repo::ChannelRow;
use crate::error::AppError;
use crate::server::state::AppState;

pub async fn message(db: &sqlx::PgPool, id: Uuid) -> Result<Option<MessageView>, sqlx::Error> {
    Ok(repo::load_messages(db, &[id], None, 0, -1).await?.pop())
}

/// The page of history before message number `before` (or the newest page).
pub async fn history_page(
    db: &sqlx::PgPool,
    channel: &ChannelRow,
    before: Option<i64>,
) -> Result<MessagePage, AppError> {
    let end = before.map(|b| b - 1).unwrap_or(channel.last_seq).min(channel.last_seq);
    if end < 1 {
        return Ok(MessagePage { messages: Vec::new(), before: None });
    }
    let start = (end - HISTORY_PAGE + 1).max(1);
    let messages = repo::load_messages(db, &[], Some(channel.channel_id), start, end).await?;
    Ok(MessagePage { messages, before: (start > 1).then_some(start) })
}

/// Messages after number `after`, at most `limit` (for catching up after a reconnect).
pub async fn after(
    db: &sqlx::PgPool,
    channel_id: Uuid,
    after: i64,
    limit: i64,
) -> Result<Vec<MessageView>, sqlx::Error> {
    repo::load_messages(db, &[], Some(channel_id), after + 1, after + limit).await
}

fn title_for(access: &Access, me: Uuid) -> String {
    if access.community.is_some() {
        return access.channel.name.clone();
    }
    let others: Vec<&str> =
        access.dm_members.iter().filter(|m| m.member_id != me).map(|m| m.display_name.as_str()).collect();
    if others.is_empty() {
        "Just you".into()
    } else {
        others.join(", ")
    }
}

pub async fn channel_view(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    before: Option<i64>,
) -> Result<ChannelView, AppError> {
    let access = access(&state.pool, me, channel_id).await?;
    let history = history_page(&state.pool, &access.channel, before).await?;
    let last_read_seq = repo::last_read_seq(&state.pool, channel_id, me).await?;
    Ok(ChannelView {
        channel_id,
        title: title_for(&access, me),
        community: access.community.as_ref().map(|c| CommunityLink { slug: c.slug.clone(), name: c.name.clone() }),
        is_dm: access.community.is_none(),
        topic: access.channel.topic.clone(),
        slow_mode_secs: access.channel.slow_mode_secs,
        perms: access.perms,
        last_read_seq,
        last_seq: access.channel.last_seq,
        history,
        me,
        timeout_until: access.timeout_until,
        dm_members: access.dm_members,
    })
}

pub async fn history(state: &AppState, me: Uuid, channel_id: Uuid, before: i64) -> Result<MessagePage, AppError> {
    let access = access(&state.pool, me, channel_id).await?;
    history_page(&state.pool, &access.channel, Some(before)).await
}

pub async fn search(state: &AppState, me: Uuid, channel_id: Uuid, query: &str) -> Result<Vec<MessageView>, AppError> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    if q.chars().count() > SEARCH_MAX {
        return Err(AppError::invalid("q", format!("Search for at most {SEARCH_MAX} characters.")));
    }
    access(&state.pool, me, channel_id).await?;
    let ids = repo::search_ids(&state.pool, channel_id, q).await?;
    let mut found = repo::load_messages(&state.pool, &ids, None, 0, -1).await?;
    found.reverse();
    Ok(found)
}

/// Moves the read marker forward to `seq` (never back, never past the last message).
pub async fn mark_read(state: &AppState, me: Uuid, channel_id: Uuid, seq: i64) -> Result<(), AppError> {
    let access = access(&state.pool, me, channel_id).await?;
    let seq = seq.clamp(0, access.channel.last_seq);
    repo::mark_read(&state.pool, channel_id, me, seq).await?;
    Ok(())
}
