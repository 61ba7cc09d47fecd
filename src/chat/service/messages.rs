//! Writing in a channel: sending (slow mode, rate limit, replies, images), editing, deleting,
//! reactions and typing.

use std::time::Duration;

use uuid::Uuid;

use super::access::{access, message_access};
use super::mentions::{mentions_everyone, notify_mentions, render, resolve_mentions};
use super::moderation::apply_filter;
use super::reading::message;
use crate::auth::model::CurrentMember;
use crate::chat::model::*;
use crate::chat::repo::{self, NewMessage};
use crate::communities::perms::{self, ADD_REACTIONS, ATTACH_FILES, MANAGE_MESSAGES, SEND_MESSAGES};
use crate::error::AppError;
use crate::server::rate_limit;
use crate::server::realtime::{channel_topic, publish, Signal};
use crate::server::state::AppState;

/// Messages one member may send in [`SEND_WINDOW`], across all channels.
pub const SEND_LIMIT: u32 = 20;
pub const SEND_WINDOW: Duration = Duration::from_secs(30);
/// At most this many different emoji on one message.
const EMOJI_PER_MESSAGE: i64 = 20;

pub struct Draft<'a> {
    pub body: &'a str,
    pub reply_to: Option<Uuid>,
    pub image: Option<crate::media::ImageInput>,
}

fn check_body(body: &str, has_image: bool) -> Result<String, AppError> {
    let body = body.trim();
    if body.is_empty() && !has_image {
        return Err(AppError::invalid("body", "Write a message first."));
    }
    let n = body.chars().count();
    if n > BODY_MAX {
        return Err(AppError::invalid(
            "body",
            format!("Messages can be at most {BODY_MAX} characters (this one is {n})."),
        ));
    }
    Ok(body.to_string())
}

pub async fn send(
    state: &AppState,
    me: &CurrentMember,
    channel_id: Uuid,
    draft: Draft<'_>,
) -> Result<MessageView, AppError> {
    let body = check_body(draft.body, draft.image.is_some())?;
    let access = access(&state.pool, me.member_id, channel_id).await?;
    if let Some(until) = access.timeout_until {
        return Err(AppError::Conflict(format!(
            "You are in a timeout in this community until {}.",
            until.format("%e %b %H:%M UTC")
        )));
    }
    if !access.may(SEND_MESSAGES) {
        return Err(AppError::Forbidden);
    }
    if draft.image.is_some() && !access.may(ATTACH_FILES) {
        return Err(AppError::invalid("image", "You can't attach images in this channel."));
    }
    // In a conversation, no one writes to someone they blocked or who blocked them (in a
    // group, that means not while both are in it).
    if access.community.is_none() {
        let others: Vec<Uuid> =
            access.dm_members.iter().map(|m| m.member_id).filter(|id| *id != me.member_id).collect();
        if repo::blocked_pair(&state.pool, me.member_id, &others).await? {
            return Err(AppError::Conflict(if others.len() == 1 {
                "You can't message this member.".into()
            } else {
                "You can't write here: you and someone in this conversation have blocked one another.".into()
            }));
        }
    }
    let flagged = apply_filter(&access, &body)?;
    rate_limit::hit(&state.pool, &format!("chat:send:{}", me.member_id), SEND_LIMIT, SEND_WINDOW).await?;
    let mentioned = resolve_mentions(&state.pool, me.member_id, &access, &body).await?;
    let everyone = access.community.is_some() && access.may(perms::MENTION_EVERYONE) && mentions_everyone(&body);
    let body_html = render(&body, &mentioned);
    let image_alt = match &draft.image {
        Some(i) => {
            let alt = i.alt.trim();
            if alt.chars().count() > crate::media::ALT_MAX_CHARS {
                return Err(AppError::invalid("image_alt", "Keep the description under 300 characters."));
            }
            alt.to_string()
        }
        None => String::new(),
    };

    // The image is decoded and stored before the channel's row is locked.
    let stored = match draft.image {
        Some(i) => Some(crate::media::upload::store(state, crate::media::Purpose::Message, i.bytes).await?),
        None => None,
    };
    let mut tx = state.pool.begin().await?;
    let ch = repo::lock_for_send(&mut tx, channel_id).await?.ok_or(AppError::NotFound)?;
    if ch.slow_mode_secs > 0 && !access.may(MANAGE_MESSAGES) && !access.may(perms::MANAGE_CHANNELS) {
        let wait = repo::slow_mode_wait(&mut tx, channel_id, me.member_id, ch.slow_mode_secs).await?;
        if wait > 0 {
            return Err(AppError::invalid(
                "body",
                format!("Slow mode is on: you can send again in {wait} second{}.", if wait == 1 { "" } else { "s" }),
            ));
        }
    }
    if let Some(reply) = draft.reply_to {
        if !repo::reply_target_exists(&mut tx, reply, channel_id).await? {
            return Err(AppError::invalid("reply_to", "The message you replied to is no longer here."));
        }
    }
    let image_id = match stored {
        Some(s) => Some(s.record(&mut tx, me.member_id).await?),
        None => None,
    };
    let seq = ch.last_seq + 1;
    repo::advance_seq(&mut tx, channel_id, seq).await?;
    let mention_ids: Vec<Uuid> = mentioned.iter().map(|m| m.member_id).collect();
    let id = repo::insert_message(
        &mut tx,
        &NewMessage {
            channel_id,
            seq,
            author_id: me.member_id,
            body: &body,
            body_html: &body_html,
            reply_to: draft.reply_to,
            mentions: &mention_ids,
            mentions_everyone: everyone,
            image_id,
            image_alt: &image_alt,
            flagged_reason: flagged.as_deref(),
        },
    )
    .await?;
    repo::record_sent(&mut tx, channel_id, me.member_id, seq).await?;
    notify_mentions(state, &mut tx, me, &access, &mention_ids, everyone).await?;
    publish(
        &mut *tx,
        &Signal { topic: channel_topic(channel_id), kind: "message".into(), id: Some(id), ..Default::default() },
    )
    .await?;
    tx.commit().await?;
    message(&state.pool, id).await?.ok_or(AppError::Internal)
}

pub(super) async fn announce_update(db: &mut sqlx::PgConnection, m: &MessageView) -> Result<(), sqlx::Error> {
    publish(
        &mut *db,
        &Signal {
            topic: channel_topic(m.channel_id),
            kind: "message_updated".into(),
            id: Some(m.id),
            ..Default::default()
        },
    )
    .await
}

pub async fn edit(state: &AppState, me: &CurrentMember, id: Uuid, body: &str) -> Result<MessageView, AppError> {
    let (m, access) = message_access(state, me.member_id, id).await?;
    if m.author.member_id != me.member_id || m.deleted || !access.may(SEND_MESSAGES) || access.timeout_until.is_some() {
        return Err(AppError::Forbidden);
    }
    let body = check_body(body, m.image_id.is_some())?;
    let flagged = apply_filter(&access, &body)?;
    rate_limit::hit(&state.pool, &format!("chat:send:{}", me.member_id), SEND_LIMIT, SEND_WINDOW).await?;
    let mentioned = resolve_mentions(&state.pool, me.member_id, &access, &body).await?;
    let mention_ids: Vec<Uuid> = mentioned.iter().map(|m| m.member_id).collect();
    let mut tx = state.pool.begin().await?;
    // Deleted meanwhile? Then there is nothing to edit.
    let updated =
        repo::update_body(&mut tx, id, &body, &render(&body, &mentioned), &mention_ids, flagged.as_deref()).await?;
    if updated == 0 {
        return Err(AppError::NotFound);
    }
    // Members mentioned for the first time by this edit are told, as if it had been sent so.
    let newly: Vec<Uuid> = mention_ids.iter().copied().filter(|id| !m.mentions.contains(id)).collect();
    notify_mentions(state, &mut tx, me, &access, &newly, false).await?;
    announce_update(&mut tx, &m).await?;
    tx.commit().await?;
    message(&state.pool, id).await?.ok_or(AppError::Internal)
}

/// Deletes a message: its author may, and so may anyone with "manage messages" there. The
/// number stays (history stays gap-free); the text, image and reactions go.
pub async fn delete(state: &AppState, me: Uuid, id: Uuid) -> Result<(), AppError> {
    let (m, access) = message_access(state, me, id).await?;
    if m.author.member_id != me && !access.may(MANAGE_MESSAGES) {
        return Err(AppError::Forbidden);
    }
    if m.deleted {
        return Ok(());
    }
    let mut tx = state.pool.begin().await?;
    repo::soft_delete(&mut tx, id, me).await?;
    announce_update(&mut tx, &m).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn react(state: &AppState, me: Uuid, id: Uuid, emoji: &str, on: bool) -> Result<MessageView, AppError> {
    let emoji = emoji.trim();
    if !valid_emoji(emoji) {
        return Err(AppError::invalid("emoji", "Pick one emoji."));
    }
    let (m, access) = message_access(state, me, id).await?;
    if m.deleted {
        return Err(AppError::NotFound);
    }
    if on && (!access.may(ADD_REACTIONS) || access.timeout_until.is_some()) {
        return Err(AppError::Forbidden);
    }
    rate_limit::hit(&state.pool, &format!("chat:react:{me}"), 60, Duration::from_secs(60)).await?;
    let mut tx = state.pool.begin().await?;
    if on {
        repo::add_reaction(&mut tx, id, me, emoji, EMOJI_PER_MESSAGE).await?;
    } else {
        repo::remove_reaction(&mut tx, id, me, emoji).await?;
    }
    announce_update(&mut tx, &m).await?;
    tx.commit().await?;
    message(&state.pool, id).await?.ok_or(AppError::Internal)
}

/// Typing: checked and announced, never stored.
pub async fn typing(state: &AppState, me: &CurrentMember, channel_id: Uuid) -> Result<(), AppError> {
    let access = access(&state.pool, me.member_id, channel_id).await?;
    if !access.may(SEND_MESSAGES) || access.timeout_until.is_some() {
        return Err(AppError::Forbidden);
    }
    announce_typing(&state.pool, me, channel_id).await?;
    Ok(())
}

pub async fn announce_typing(db: &sqlx::PgPool, me: &CurrentMember, channel_id: Uuid) -> Result<(), sqlx::Error> {
    publish(
        db,
        &Signal {
            topic: channel_topic(channel_id),
            kind: "typing".into(),
            member: Some(me.member_id),
            name: Some(me.display_name.clone()),
            ..Default::default()
        },
    )
    .await
}
