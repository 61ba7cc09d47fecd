//! Community rules: who may join, manage roles and channels, invite, remove and ban — each
//! action checks the exact permission bit and, for actions on people or roles, that the actor
//! ranks above the target (the owner ranks above everyone). Changes that alter who may see what
//! are announced on the community's real-time topic, so open sockets re-check at once.
//!
//! Here: the checks every rule starts from; beside it, one file per capability.

mod admin;
mod channels;
mod community;
mod invites;
mod membership;
mod roles;

use sqlx::PgConnection;
use uuid::Uuid;

use super::perms;
use super::repo::{self, CommunityRow, Loaded};
use crate::error::AppError;
use crate::server::realtime::{community_topic, member_topic, publish, Signal};
use crate::server::state::AppState;

pub use admin::admin;
pub use channels::{create_channel, delete_channel, move_channel, set_override, update_channel, ChannelInput};
pub use community::{create, list, set_icon, update, view, NewCommunity};
pub use invites::{accept_invite, create_invite, preview_invite, revoke_invite};
pub use membership::{
    ban, cancel_request, decide_request, join, kick, leave, members, timeout, transfer, unban, Joined,
};
pub use roles::{create_role, delete_role, move_role, roles, set_member_role, update_role};

pub const OWNER_POSITION: i32 = 1_000_000;

/// The community at `slug` and where `me` stands in it.
pub async fn load(state: &AppState, me: Uuid, slug: &str) -> Result<(CommunityRow, Loaded), AppError> {
    let community = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    let loaded = repo::standing(&state.pool, &community, me).await?.ok_or(AppError::NotFound)?;
    Ok((community, loaded))
}

/// Fails unless `me` holds `perm` community-wide.
pub async fn require(state: &AppState, me: Uuid, slug: &str, perm: i64) -> Result<(CommunityRow, Loaded), AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.is_member || !perms::has(l.standing.base(), perm) {
        return Err(AppError::Forbidden);
    }
    Ok((c, l))
}

/// Whether `me` is a member of the community with this id holding `perm` community-wide.
pub async fn holds(state: &AppState, me: Uuid, community: Uuid, perm: i64) -> Result<bool, AppError> {
    let Some(c) = repo::by_id(&state.pool, community).await? else { return Ok(false) };
    Ok(repo::standing(&state.pool, &c, me).await?.is_some_and(|l| l.is_member && perms::has(l.standing.base(), perm)))
}

/// Fails with the reason when `member` may not take part in what is written in `community`
/// (comments and reactions on its posts, comments on its events): they were banned from it, or
/// are in a timeout there. Visitors of a public community who never joined may take part.
pub async fn may_take_part(state: &AppState, member: Uuid, community: Uuid) -> Result<(), AppError> {
    let Some(c) = repo::by_id(&state.pool, community).await? else { return Err(AppError::NotFound) };
    let Some(l) = repo::standing(&state.pool, &c, member).await? else { return Err(AppError::NotFound) };
    if l.banned {
        return Err(AppError::Refused(format!("You were banned from {}.", c.name)));
    }
    if let Some(until) = l.timeout_until.filter(|_| l.standing.timed_out) {
        return Err(AppError::Refused(format!(
            "You are in a timeout in {} until {} UTC: you can read but not take part.",
            c.name,
            until.format("%Y-%m-%d %H:%M")
        )));
    }
    Ok(())
}

async fn announce_access(db: &mut PgConnection, community: Uuid) -> Result<(), sqlx::Error> {
    publish(&mut *db, &Signal { topic: community_topic(community), kind: "access".into(), ..Default::default() }).await
}

async fn announce_member(db: &mut PgConnection, member: Uuid) -> Result<(), sqlx::Error> {
    publish(&mut *db, &Signal { topic: member_topic(member), kind: "access".into(), ..Default::default() }).await
}

/// Adds a member (if not one already) and keeps the count; true when they were added.
async fn add_member(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    let added = repo::membership::add(&mut *db, community, member).await?;
    if added {
        announce_member(db, member).await?;
    }
    Ok(added)
}

/// Removes a member, with their channel overrides (see `repo::membership::remove`); true when
/// they were one.
async fn remove_member(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    let removed = repo::membership::remove(&mut *db, community, member).await?;
    if removed {
        announce_member(db, member).await?;
    }
    Ok(removed)
}

/// The channels (of those a member sees) where they hold "manage messages": whose flagged
/// messages they review.
pub fn moderated(visible: &[(repo::ChannelRow, i64)]) -> Vec<Uuid> {
    visible.iter().filter(|(_, bits)| perms::has(*bits, perms::MANAGE_MESSAGES)).map(|(ch, _)| ch.channel_id).collect()
}
