//! People server functions: connections, suggestions, and follower lists.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{ConnectionState, FollowList, People};
use crate::error::AppError;

pub const FOLLOW_PAGE: i64 = 50;

#[server(endpoint = "people/mine", input = GetUrl)]
pub async fn get_people() -> Result<People, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::people(&state, &me).await }).await
}

/// One form for every connection change with `username`: `action` is `request` (with an
/// optional `message`), `accept`, `decline`, `cancel` or `remove`.
#[server(endpoint = "people/connection")]
pub async fn change_connection(
    username: String,
    action: String,
    message: Option<String>,
) -> Result<ConnectionState, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let other = super::service::other_member(&state, &me, &username, "connect with").await?;
        match action.as_str() {
            "request" => super::service::request(&state, &me, other, message.as_deref().unwrap_or("")).await,
            "accept" => super::service::respond(&state, &me, other, true).await,
            "decline" => super::service::respond(&state, &me, other, false).await,
            "cancel" => super::service::cancel(&state, &me, other).await,
            "remove" => super::service::remove(&state, &me, other).await,
            _ => Err(AppError::invalid("action", "Unknown connection action.")),
        }
    })
    .await
}

/// The viewer's standing with a member (for the profile's connect button).
#[server(endpoint = "people/state", input = GetUrl)]
pub async fn get_connection_state(username: String) -> Result<ConnectionState, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let Some(me) = me else {
            return Ok(ConnectionState::None);
        };
        let (other, _) = super::repo::person_named(&state.pool, username.trim().to_lowercase().as_str())
            .await?
            .ok_or(AppError::NotFound)?;
        let mut conn = state.pool.acquire().await?;
        Ok(super::repo::state(&mut conn, me.member_id, other).await?)
    })
    .await
}

/// A member's followers (`which` = "followers") or the members they follow ("following").
#[server(endpoint = "people/follows", input = GetUrl)]
pub async fn get_follow_list(username: String, which: String, after: Option<String>) -> Result<FollowList, AppError> {
    use crate::paging::{decode_cursor, encode_cursor};
    use crate::server::request::{respond, state};
    respond(
        async {
            let state = state()?;
            let followers = match which.as_str() {
                "followers" => true,
                "following" => false,
                _ => return Err(AppError::NotFound),
            };
            let (member, owner) = super::repo::person_named(&state.pool, username.trim().to_lowercase().as_str())
                .await?
                .ok_or(AppError::NotFound)?;
            let after = match after.as_deref().filter(|c| !c.is_empty()) {
                Some(c) => {
                    Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?)
                }
                None => None,
            };
            let mut rows = super::repo::follow_list(&state.pool, member, followers, after, FOLLOW_PAGE + 1).await?;
            let next = if rows.len() as i64 > FOLLOW_PAGE {
                rows.truncate(FOLLOW_PAGE as usize);
                rows.last().map(|(_, at, id)| encode_cursor(*at, *id))
            } else {
                None
            };
            Ok(FollowList { owner, people: rows.into_iter().map(|(p, _, _)| p).collect(), next })
        }
        .await,
    )
}

/// Blocks or unblocks a member. Blocking ends follows both ways and hides each one's posts and
/// comments from the other.
#[server(endpoint = "people/block")]
pub async fn set_block(username: String, block: bool) -> Result<bool, AppError> {
    crate::auth::guard::as_member(
        |state, me| async move { super::service::set_block(&state, &me, &username, block).await },
    )
    .await
}
