//! Notification server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{MuteSettings, NotificationPage};
use crate::error::AppError;

pub const PAGE: i64 = 30;

#[server(endpoint = "notifications/list", input = GetUrl)]
pub async fn get_notifications(after: Option<String>) -> Result<NotificationPage, AppError> {
    use crate::paging::{decode_cursor, encode_cursor};
    crate::auth::guard::as_member(|state, me| async move {
        let after = match after.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?),
            None => None,
        };
        let mut notifications = super::repo::list(&state.pool, me.member_id, after, PAGE + 1).await?;
        let next = if notifications.len() as i64 > PAGE {
            notifications.truncate(PAGE as usize);
            notifications.last().map(|n| encode_cursor(n.created_at, n.notification_id))
        } else {
            None
        };
        let unread = super::repo::unread_count(&state.pool, me.member_id).await?;
        Ok(NotificationPage { notifications, unread, next })
    })
    .await
}

/// Unread notifications of the signed-in member (0 for visitors).
#[server(endpoint = "notifications/unread", input = GetUrl)]
pub async fn get_unread_count() -> Result<i64, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        match me {
            Some(me) => Ok(super::repo::unread_count(&state.pool, me.member_id).await?),
            None => Ok(0),
        }
    })
    .await
}

/// Marks a notification read and goes where it points.
#[server(endpoint = "notifications/open")]
pub async fn open_notification(id: String) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = id.trim().parse().map_err(|_| AppError::NotFound)?;
        let link = super::repo::mark_read(&state.pool, me.member_id, id).await?.ok_or(AppError::NotFound)?;
        leptos_axum::redirect(&link);
        Ok(link)
    })
    .await
}

#[server(endpoint = "notifications/read-all")]
pub async fn mark_all_read() -> Result<u64, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        Ok(super::repo::mark_all_read(&state.pool, me.member_id).await?)
    })
    .await
}

#[server(endpoint = "notifications/mutes", input = GetUrl)]
pub async fn get_mutes() -> Result<MuteSettings, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        Ok(MuteSettings { muted: super::repo::mutes(&state.pool, me.member_id).await? })
    })
    .await
}

/// Saves which kinds to hear about: a checked box (any value) keeps a kind, a missing one mutes it.
#[server(endpoint = "notifications/mutes/save")]
pub async fn save_mutes(
    engagement: Option<String>,
    comment: Option<String>,
    mention: Option<String>,
    follow: Option<String>,
    milestone: Option<String>,
    event: Option<String>,
    connection: Option<String>,
    moderation: Option<String>,
    chat: Option<String>,
) -> Result<MuteSettings, AppError> {
    use super::model::NotificationKind as K;
    crate::auth::guard::as_member(|state, me| async move {
        let muted: Vec<K> = [
            (K::Engagement, engagement),
            (K::Comment, comment),
            (K::Mention, mention),
            (K::Follow, follow),
            (K::Milestone, milestone),
            (K::Event, event),
            (K::Connection, connection),
            (K::Moderation, moderation),
            (K::Chat, chat),
        ]
        .into_iter()
        .filter(|(_, on)| on.is_none())
        .map(|(k, _)| k)
        .collect();
        let mut tx = state.pool.begin().await?;
        super::repo::set_mutes(&mut tx, me.member_id, &muted).await?;
        tx.commit().await?;
        Ok(MuteSettings { muted })
    })
    .await
}
