//! Connection rules: who may ask whom, and what accepting, declining, cancelling and removing do.
//! Every change to a pair runs in one transaction holding the pair's lock, so two members asking
//! each other at the same moment end up with one request (the second becomes an acceptance).

use std::time::Duration;

use uuid::Uuid;

use super::model::{parse_request_message, ConnectionState, People};
use super::repo;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{self as notes, Note};
use crate::server::{rate_limit, state::AppState};

pub const REQUESTS_PER_DAY: u32 = 50;
const DAY: Duration = Duration::from_secs(24 * 3600);

async fn notify(
    conn: &mut sqlx::PgConnection,
    to: Uuid,
    me: &CurrentMember,
    message: &str,
    link: &str,
) -> Result<(), AppError> {
    let note = Note {
        member_id: to,
        kind: NotificationKind::Connection,
        actor_id: Some(me.member_id),
        post_id: None,
        message,
        link,
    };
    Ok(notes::notify(&mut *conn, note).await?)
}

/// Asks `other` to connect. If they had already asked the viewer, this accepts instead.
pub async fn request(
    state: &AppState,
    me: &CurrentMember,
    other: Uuid,
    message: &str,
) -> Result<ConnectionState, AppError> {
    let message = parse_request_message(message)?;
    rate_limit::hit(&state.pool, &format!("connect:member:{}", me.member_id), REQUESTS_PER_DAY, DAY).await?;
    let mut tx = state.pool.begin().await?;
    repo::lock_pair(&mut tx, me.member_id, other).await?;
    if repo::blocked_between(&mut *tx, me.member_id, other).await? {
        return Err(AppError::Conflict("You can't connect with this member.".into()));
    }
    let state_now = match repo::state(&mut tx, me.member_id, other).await? {
        ConnectionState::Incoming { .. } => {
            repo::delete_request(&mut tx, other, me.member_id).await?;
            repo::connect(&mut tx, me.member_id, other).await?;
            let text = format!("{} accepted your connection request", me.display_name);
            notify(&mut tx, other, me, &text, &format!("/members/{}", me.username)).await?;
            repo::state(&mut tx, me.member_id, other).await?
        }
        ConnectionState::None => {
            repo::insert_request(&mut tx, me.member_id, other, &message).await?;
            let text = if message.is_empty() {
                format!("{} wants to connect with you", me.display_name)
            } else {
                format!(
                    "{} wants to connect with you: “{}”",
                    me.display_name,
                    message.chars().take(120).collect::<String>()
                )
            };
            notify(&mut tx, other, me, &text, "/people").await?;
            ConnectionState::Requested
        }
        already => already,
    };
    tx.commit().await?;
    Ok(state_now)
}

/// The addressee accepts (`accept`) or declines a request from `requester`.
pub async fn respond(
    state: &AppState,
    me: &CurrentMember,
    requester: Uuid,
    accept: bool,
) -> Result<ConnectionState, AppError> {
    let mut tx = state.pool.begin().await?;
    repo::lock_pair(&mut tx, me.member_id, requester).await?;
    if !repo::delete_request(&mut tx, requester, me.member_id).await? {
        return Err(AppError::Conflict("That request is no longer waiting for an answer.".into()));
    }
    if accept {
        repo::connect(&mut tx, me.member_id, requester).await?;
        let text = format!("{} accepted your connection request", me.display_name);
        notify(&mut tx, requester, me, &text, &format!("/members/{}", me.username)).await?;
    }
    let now = repo::state(&mut tx, me.member_id, requester).await?;
    tx.commit().await?;
    Ok(now)
}

/// The requester withdraws their request.
pub async fn cancel(state: &AppState, me: &CurrentMember, addressee: Uuid) -> Result<ConnectionState, AppError> {
    let mut tx = state.pool.begin().await?;
    repo::lock_pair(&mut tx, me.member_id, addressee).await?;
    repo::delete_request(&mut tx, me.member_id, addressee).await?;
    let now = repo::state(&mut tx, me.member_id, addressee).await?;
    tx.commit().await?;
    Ok(now)
}

/// Ends a connection (both sides). Follows stay as they are.
pub async fn remove(state: &AppState, me: &CurrentMember, other: Uuid) -> Result<ConnectionState, AppError> {
    let mut tx = state.pool.begin().await?;
    repo::lock_pair(&mut tx, me.member_id, other).await?;
    repo::disconnect(&mut tx, me.member_id, other).await?;
    tx.commit().await?;
    Ok(ConnectionState::None)
}

pub async fn people(state: &AppState, me: &CurrentMember) -> Result<People, AppError> {
    Ok(People {
        connections: repo::connections(&state.pool, me.member_id, 500).await?,
        incoming: repo::requests(&state.pool, me.member_id, true, 200).await?,
        outgoing: repo::requests(&state.pool, me.member_id, false, 200).await?,
        suggestions: repo::suggestions(&state.pool, me.member_id, 12).await?,
    })
}

/// The id of another member by username, for following, blocking and connecting (`verb` words
/// the refusal).
pub async fn other_member(state: &AppState, me: &CurrentMember, username: &str, verb: &str) -> Result<Uuid, AppError> {
    let (id, _) = repo::person_named(&state.pool, &username.trim().to_lowercase()).await?.ok_or(AppError::NotFound)?;
    if id == me.member_id {
        return Err(AppError::Conflict(format!("You can't {verb} yourself.")));
    }
    Ok(id)
}

/// Blocks or unblocks a member. Blocking ends follows both ways and any connection or request,
/// in one transaction.
pub async fn set_block(state: &AppState, me: &CurrentMember, username: &str, block: bool) -> Result<bool, AppError> {
    let id = other_member(state, me, username, "block").await?;
    if block {
        let mut tx = state.pool.begin().await?;
        repo::lock_pair(&mut tx, me.member_id, id).await?;
        repo::block(&mut tx, me.member_id, id).await?;
        repo::disconnect(&mut tx, me.member_id, id).await?;
        tx.commit().await?;
    } else {
        repo::unblock(&state.pool, me.member_id, id).await?;
    }
    Ok(block)
}
