//! Direct and group conversations: opening, leaving, and the chat overview with unread counts.

use std::time::Duration;

use uuid::Uuid;

use crate::chat::model::*;
use crate::chat::repo;
use crate::communities::repo as community_repo;
use crate::error::AppError;
use crate::server::rate_limit;
use crate::server::realtime::{publish, Signal};
use crate::server::state::AppState;

/// Opens the 1:1 conversation with one member (the same one every time), or a new group
/// conversation with up to nine others. Blocked members cannot be messaged.
pub async fn open_conversation(state: &AppState, me: Uuid, usernames: &str) -> Result<Uuid, AppError> {
    let mut names: Vec<String> = usernames
        .split([',', ' ', '\n'])
        .map(|n| n.trim().trim_start_matches('@').to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Err(AppError::invalid("usernames", "Name at least one member."));
    }
    if names.len() > DM_GROUP_MAX - 1 {
        return Err(AppError::invalid(
            "usernames",
            format!("A group conversation has at most {DM_GROUP_MAX} members."),
        ));
    }
    let found = repo::members_named(&state.pool, &names).await?;
    if let Some(missing) = names.iter().find(|n| !found.iter().any(|f| &f.username == *n)) {
        return Err(AppError::invalid("usernames", format!("No member is called @{missing}.")));
    }
    let others: Vec<Uuid> = found.iter().map(|f| f.member_id).filter(|id| *id != me).collect();
    if others.is_empty() {
        return Err(AppError::invalid("usernames", "Name someone other than yourself."));
    }
    if repo::blocked_pair(&state.pool, me, &others).await? {
        return Err(AppError::invalid(
            "usernames",
            "You can't start a conversation with someone you blocked or who blocked you.",
        ));
    }
    if others.len() > 1 && repo::blocked_among(&state.pool, &others).await? {
        return Err(AppError::invalid(
            "usernames",
            "Two of the people you named have blocked one another; they can't be in one conversation.",
        ));
    }
    rate_limit::hit(&state.pool, &format!("chat:open:{me}"), 30, Duration::from_secs(3600)).await?;
    let mut tx = state.pool.begin().await?;
    let pair = (others.len() == 1).then(|| {
        let (a, b) = if me < others[0] { (me, others[0]) } else { (others[0], me) };
        format!("{a}:{b}")
    });
    if let Some(pair) = &pair {
        if let Some(id) = repo::dm_by_pair(&mut tx, pair).await? {
            return Ok(id);
        }
    }
    let id = repo::create_dm(&mut tx, pair.as_deref(), me).await?;
    let mut everyone = others.clone();
    everyone.push(me);
    repo::add_dm_members(&mut tx, id, &everyone).await?;
    for m in &everyone {
        publish(
            &mut *tx,
            &Signal { topic: crate::server::realtime::member_topic(*m), kind: "access".into(), ..Default::default() },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Leaves a group conversation: the member stops reading it and is no longer listed; the others
/// carry on (the last one out deletes it). A conversation between two stays — blocking is how
/// one stops it.
pub async fn leave_conversation(state: &AppState, me: Uuid, channel_id: Uuid) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    let row = repo::lock_dm(&mut tx, channel_id, me).await?;
    let Some(row) = row.filter(|r| r.member) else { return Err(AppError::Forbidden) };
    if row.dm_pair.is_some() {
        return Err(AppError::Conflict(
            "A conversation between two of you stays; block the member if you want it to stop.".into(),
        ));
    }
    repo::leave_dm(&mut tx, channel_id, me).await?;
    // The member's open sockets drop the conversation at once.
    publish(
        &mut *tx,
        &Signal { topic: crate::server::realtime::member_topic(me), kind: "access".into(), ..Default::default() },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Conversations, newest first, and community channels with unread messages.
pub async fn overview(state: &AppState, me: Uuid) -> Result<ChatOverview, AppError> {
    let readable = community_repo::readable_channels(&state.pool, me).await?;
    let unread = community_repo::unread_counts(&state.pool, me, &readable.channels).await?;
    let rows = repo::conversations(&state.pool, me).await?;
    let conversations: Vec<Conversation> = rows
        .into_iter()
        .map(|r| {
            let others: Vec<&str> =
                r.members.iter().filter(|m| m.member_id != me).map(|m| m.display_name.as_str()).collect();
            Conversation {
                channel_id: r.channel_id,
                title: others.join(", "),
                last_message_at: r.last_message_at,
                preview: crate::text::markdown::plain_text(&r.preview.unwrap_or_default(), 100),
                unread: unread.get(&r.channel_id).copied().unwrap_or(0),
                members: r.members,
            }
        })
        .collect();
    let dm_ids: Vec<Uuid> = conversations.iter().map(|c| c.channel_id).collect();
    let channel_ids: Vec<Uuid> = unread.keys().copied().filter(|id| !dm_ids.contains(id)).collect();
    let names = repo::channel_labels(&state.pool, &channel_ids).await?;
    let unread_channels = names
        .into_iter()
        .map(|n| UnreadChannel {
            channel_id: n.channel_id,
            label: format!("#{} · {}", n.name, n.community),
            link: format!("/chat/{}", n.channel_id),
            unread: unread.get(&n.channel_id).copied().unwrap_or(0),
        })
        .collect();
    Ok(ChatOverview { conversations, unread_channels, total_unread: unread.values().sum() })
}

/// Unread chat messages across everything the member reads (for the navigation badge).
pub async fn unread_total(db: &sqlx::PgPool, me: Uuid) -> Result<i64, AppError> {
    let readable = community_repo::readable_channels(db, me).await?;
    Ok(community_repo::unread_counts(db, me, &readable.channels).await?.values().sum())
}
