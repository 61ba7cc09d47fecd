//! Invite links: made by members who may invite, previewed and accepted by anyone signed in.

use std::time::Duration;

use chrono::Utc;
use rand::Rng;
use uuid::Uuid;

use super::super::model::*;
use super::super::perms;
use super::super::repo;
use super::{add_member, require};
use crate::error::AppError;
use crate::server::rate_limit;
use crate::server::state::AppState;

fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..10).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

pub async fn create_invite(
    state: &AppState,
    me: Uuid,
    slug: &str,
    expires_hours: i32,
    max_uses: i32,
) -> Result<String, AppError> {
    let (c, _) = require(state, me, slug, perms::INVITE).await?;
    if !(0..=24 * 30).contains(&expires_hours) {
        return Err(AppError::invalid("expires_hours", "Choose an expiry of at most 30 days."));
    }
    if !(0..=1000).contains(&max_uses) {
        return Err(AppError::invalid("max_uses", "Choose at most 1,000 uses (or no limit)."));
    }
    rate_limit::hit(&state.pool, &format!("community:invite:{me}"), 30, Duration::from_secs(3600)).await?;
    let code = new_code();
    let expires = (expires_hours > 0).then(|| Utc::now() + chrono::Duration::hours(expires_hours as i64));
    let invite = repo::invites::NewInvite {
        code: &code,
        community: c.community_id,
        created_by: me,
        expires_at: expires,
        max_uses: (max_uses > 0).then_some(max_uses),
    };
    repo::invites::insert(&state.pool, invite).await?;
    Ok(code)
}

pub async fn revoke_invite(state: &AppState, me: Uuid, code: &str) -> Result<(), AppError> {
    let slug = repo::invites::community_slug(&state.pool, code.trim()).await?.ok_or(AppError::NotFound)?;
    require(state, me, &slug, perms::INVITE).await?;
    repo::invites::revoke(&state.pool, code.trim()).await?;
    Ok(())
}

pub async fn preview_invite(state: &AppState, me: Uuid, code: &str) -> Result<InvitePreview, AppError> {
    let r = repo::invites::preview(&state.pool, code.trim(), me).await?.ok_or(AppError::NotFound)?;
    Ok(InvitePreview {
        code: code.trim().to_string(),
        slug: r.slug,
        name: r.name,
        description: r.description,
        member_count: r.member_count,
        usable: r.usable,
        already_member: r.member,
    })
}

/// Joins with an invite; uses are counted under the invite's row lock, so the last use cannot
/// be taken twice.
pub async fn accept_invite(state: &AppState, me: Uuid, code: &str) -> Result<String, AppError> {
    rate_limit::hit(&state.pool, &format!("community:join:{me}"), 30, Duration::from_secs(3600)).await?;
    let mut tx = state.pool.begin().await?;
    let inv = repo::invites::lock(&mut tx, code.trim()).await?.ok_or(AppError::NotFound)?;
    if repo::membership::is_member(&mut *tx, inv.community_id, me).await? {
        return Ok(inv.slug);
    }
    if inv.revoked_at.is_some()
        || inv.expires_at.is_some_and(|t| t <= Utc::now())
        || inv.max_uses.is_some_and(|m| inv.uses >= m)
    {
        return Err(AppError::Conflict("This invite has expired or been used up. Ask for a new one.".into()));
    }
    if repo::moderation::is_banned(&mut *tx, inv.community_id, me).await? {
        return Err(AppError::Conflict("You are banned from this community.".into()));
    }
    add_member(&mut tx, inv.community_id, me).await?;
    repo::invites::count_use(&mut tx, code.trim()).await?;
    tx.commit().await?;
    Ok(inv.slug)
}
