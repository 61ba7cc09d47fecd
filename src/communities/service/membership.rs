//! Belonging: joining and leaving, requests to join, the member list, and removing, banning,
//! timing out and handing the community to another member.

use std::time::Duration;

use chrono::Utc;
use uuid::Uuid;

use super::super::model::*;
use super::super::perms;
use super::super::repo::{self, CommunityRow, Loaded};
use super::{add_member, announce_access, announce_member, load, remove_member, require};
use crate::error::AppError;
use crate::server::rate_limit;
use crate::server::state::AppState;

/// What joining did.
#[derive(Debug, PartialEq, Eq)]
pub enum Joined {
    Member,
    Requested,
}

pub async fn join(state: &AppState, me: Uuid, slug: &str, note: &str) -> Result<Joined, AppError> {
    let note = note.trim();
    if note.chars().count() > REASON_MAX {
        return Err(AppError::invalid("note", format!("Keep the note under {REASON_MAX} characters.")));
    }
    rate_limit::hit(&state.pool, &format!("community:join:{me}"), 30, Duration::from_secs(3600)).await?;
    let c = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    if repo::moderation::is_banned(&mut *tx, c.community_id, me).await? {
        return Err(AppError::Conflict("You are banned from this community.".into()));
    }
    let result = match c.visibility {
        Visibility::Public => {
            add_member(&mut tx, c.community_id, me).await?;
            Joined::Member
        }
        Visibility::Private => {
            if repo::membership::is_member(&mut *tx, c.community_id, me).await? {
                Joined::Member
            } else {
                repo::membership::request(&mut *tx, c.community_id, me, note).await?;
                Joined::Requested
            }
        }
        Visibility::Invite => {
            return Err(AppError::Conflict("This community is invite only. Ask a member for an invite link.".into()))
        }
    };
    tx.commit().await?;
    Ok(result)
}

pub async fn cancel_request(state: &AppState, me: Uuid, slug: &str) -> Result<(), AppError> {
    let c = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    repo::membership::delete_request(&state.pool, c.community_id, me).await?;
    Ok(())
}

pub async fn leave(state: &AppState, me: Uuid, slug: &str) -> Result<(), AppError> {
    let c = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    if c.owner_id == me {
        return Err(AppError::Conflict("Hand the community to another member before you leave it.".into()));
    }
    let mut tx = state.pool.begin().await?;
    remove_member(&mut tx, c.community_id, me).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn decide_request(
    state: &AppState,
    me: Uuid,
    slug: &str,
    username: &str,
    approve: bool,
) -> Result<(), AppError> {
    let (c, _) = require(state, me, slug, perms::INVITE).await?;
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    let had = repo::membership::delete_request(&mut *tx, c.community_id, who.member_id).await?;
    if !had {
        return Err(AppError::NotFound);
    }
    if approve {
        add_member(&mut tx, c.community_id, who.member_id).await?;
        crate::notifications::repo::notify(
            &mut *tx,
            crate::notifications::repo::Note {
                member_id: who.member_id,
                kind: crate::notifications::model::NotificationKind::Chat,
                actor_id: Some(me),
                post_id: None,
                message: &format!("You're in: your request to join {} was approved.", c.name),
                link: &format!("/c/{}", c.slug),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn members(state: &AppState, me: Uuid, slug: &str, after: Option<&str>) -> Result<MemberPage, AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.is_member && c.visibility != Visibility::Public {
        return Err(AppError::Forbidden);
    }
    let cursor = match after.filter(|a| !a.is_empty()) {
        Some(a) => Some(
            crate::paging::decode_cursor(a).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?,
        ),
        None => None,
    };
    let (after_at, after_id) = match cursor {
        Some((at, id)) => (Some(at), Some(id)),
        None => (None, None),
    };
    let rows = repo::membership::page(&state.pool, c.community_id, after_at, after_id).await?;
    let more = rows.len() > 50;
    let mut members: Vec<MemberRow> = rows
        .into_iter()
        .take(50)
        .map(|r| MemberRow {
            is_owner: r.member_id == c.owner_id,
            member: MemberRef {
                member_id: r.member_id,
                username: r.username,
                display_name: r.display_name,
                avatar_id: r.avatar_id,
            },
            roles: r.roles.0,
            joined_at: r.joined_at,
            timeout_until: r.timeout_until.filter(|t| *t > Utc::now()),
        })
        .collect();
    let next =
        if more { members.last().map(|m| crate::paging::encode_cursor(m.joined_at, m.member.member_id)) } else { None };
    members.iter_mut().for_each(|m| m.roles.retain(|r| !r.name.is_empty()));
    let base = if l.is_member { l.standing.base() } else { 0 };
    let assignable = if perms::has(base, perms::MANAGE_ROLES) {
        repo::roles::assignable(&state.pool, c.community_id, l.highest, l.standing.is_owner, base).await?
    } else {
        Vec::new()
    };
    Ok(MemberPage { members, next, perms: base, is_owner: l.standing.is_owner, assignable, me, community_name: c.name })
}

/// The target member and a check that the actor ranks above them.
async fn outranked(
    state: &AppState,
    c: &CommunityRow,
    actor: &Loaded,
    username: &str,
) -> Result<(MemberRef, Loaded), AppError> {
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let target = repo::standing(&state.pool, c, who.member_id).await?.ok_or(AppError::NotFound)?;
    if who.member_id == actor.standing.member_id || who.member_id == c.owner_id {
        return Err(AppError::Forbidden);
    }
    if target.is_member && target.highest >= actor.highest {
        return Err(AppError::Conflict(format!("{} ranks as high as you or higher.", who.display_name)));
    }
    Ok((who, target))
}

pub async fn kick(state: &AppState, me: Uuid, slug: &str, username: &str) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::KICK_MEMBERS).await?;
    let (who, target) = outranked(state, &c, &l, username).await?;
    if !target.is_member {
        return Err(AppError::NotFound);
    }
    let mut tx = state.pool.begin().await?;
    remove_member(&mut tx, c.community_id, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn ban(state: &AppState, me: Uuid, slug: &str, username: &str, reason: &str) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::BAN_MEMBERS).await?;
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::invalid("reason", format!("Keep the reason under {REASON_MAX} characters.")));
    }
    let (who, _) = outranked(state, &c, &l, username).await?;
    let mut tx = state.pool.begin().await?;
    remove_member(&mut tx, c.community_id, who.member_id).await?;
    repo::membership::delete_request(&mut *tx, c.community_id, who.member_id).await?;
    repo::moderation::ban(&mut tx, c.community_id, who.member_id, reason, me).await?;
    announce_member(&mut tx, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn unban(state: &AppState, me: Uuid, slug: &str, username: &str) -> Result<(), AppError> {
    let (c, _) = require(state, me, slug, perms::BAN_MEMBERS).await?;
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    repo::moderation::unban(&state.pool, c.community_id, who.member_id).await?;
    Ok(())
}

/// Puts a member in a timeout for `minutes` (0 ends it); at most 28 days.
pub async fn timeout(state: &AppState, me: Uuid, slug: &str, username: &str, minutes: i32) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::KICK_MEMBERS).await?;
    if !(0..=28 * 24 * 60).contains(&minutes) {
        return Err(AppError::invalid("minutes", "A timeout lasts at most 28 days."));
    }
    let (who, target) = outranked(state, &c, &l, username).await?;
    if !target.is_member {
        return Err(AppError::NotFound);
    }
    let until = (minutes > 0).then(|| Utc::now() + chrono::Duration::minutes(minutes as i64));
    let mut tx = state.pool.begin().await?;
    repo::moderation::set_timeout(&mut tx, c.community_id, who.member_id, until).await?;
    announce_member(&mut tx, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn transfer(state: &AppState, me: Uuid, slug: &str, username: &str) -> Result<(), AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.standing.is_owner {
        return Err(AppError::Forbidden);
    }
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let target = repo::standing(&state.pool, &c, who.member_id).await?.ok_or(AppError::NotFound)?;
    if !target.is_member || who.member_id == me {
        return Err(AppError::invalid("username", "Choose another member of this community."));
    }
    let mut tx = state.pool.begin().await?;
    let updated = repo::membership::set_owner(&mut tx, c.community_id, me, who.member_id).await?;
    if updated != 1 {
        return Err(AppError::Conflict("Ownership changed meanwhile. Reload and try again.".into()));
    }
    // The owner role moves; the former owner stays on as a moderator.
    repo::membership::hand_over_roles(&mut tx, c.community_id, me, who.member_id).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}
