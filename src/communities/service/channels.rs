//! Channels and categories: creating, editing, ordering and deleting them, and their
//! per-channel permission overrides. An actor manages only channels they see and hold the
//! permission in.

use sqlx::PgConnection;
use uuid::Uuid;

use super::super::model::*;
use super::super::perms::{self, Target};
use super::super::repo::{self, CommunityRow, Loaded};
use super::{announce_access, require};
use crate::error::{parse_id, AppError};
use crate::server::state::AppState;

pub struct ChannelInput<'a> {
    pub name: &'a str,
    pub topic: &'a str,
    pub slow_mode_secs: i32,
    pub parent: Option<Uuid>,
}

async fn check_parent(db: &mut PgConnection, community: Uuid, parent: Option<Uuid>) -> Result<(), AppError> {
    if let Some(p) = parent {
        let ok = repo::channels::is_category(&mut *db, community, p).await?;
        if !ok {
            return Err(AppError::invalid("parent", "Choose one of this community's categories."));
        }
    }
    Ok(())
}

fn check_channel(input: &ChannelInput<'_>) -> Result<(String, String), AppError> {
    let name = channel_name(input.name);
    if name.is_empty() {
        return Err(AppError::invalid(
            "name",
            format!("Name the channel in 1 to {CHANNEL_NAME_MAX} letters or digits."),
        ));
    }
    let topic = input.topic.trim();
    if topic.chars().count() > TOPIC_MAX {
        return Err(AppError::invalid("topic", format!("Keep the topic under {TOPIC_MAX} characters.")));
    }
    if !(0..=SLOW_MODE_MAX).contains(&input.slow_mode_secs) {
        return Err(AppError::invalid("slow_mode_secs", "Slow mode is between 0 seconds (off) and 6 hours."));
    }
    Ok((name, topic.to_string()))
}

pub async fn create_channel(
    state: &AppState,
    me: Uuid,
    slug: &str,
    category: bool,
    input: ChannelInput<'_>,
) -> Result<Uuid, AppError> {
    let (c, _) = require(state, me, slug, perms::MANAGE_CHANNELS).await?;
    let (name, topic) = check_channel(&input)?;
    let mut tx = state.pool.begin().await?;
    repo::lock(&mut tx, c.community_id).await?;
    let count = repo::channels::count(&mut tx, c.community_id).await?;
    if count >= 100 {
        return Err(AppError::Conflict("A community can have at most 100 channels and categories.".into()));
    }
    let parent = if category { None } else { input.parent };
    check_parent(&mut tx, c.community_id, parent).await?;
    let new = repo::channels::NewChannel {
        kind: if category { "category" } else { "text" },
        parent,
        name: &name,
        topic: &topic,
        slow_mode_secs: if category { 0 } else { input.slow_mode_secs },
        created_by: me,
    };
    let id = repo::channels::insert(&mut tx, c.community_id, new).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// The channel and its community, checked for `perm` ("manage channels", or "manage roles"
/// for overrides) both community-wide and in the channel itself, which the actor must see: a
/// channel hidden from a moderator by an override is not theirs to change. Returns the actor's
/// bits in the channel too.
async fn managed_channel(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    perm: i64,
) -> Result<(CommunityRow, Loaded, repo::ChannelRow, i64), AppError> {
    let ch = repo::channel(&state.pool, channel_id).await?.ok_or(AppError::NotFound)?;
    let community = ch.community_id.ok_or(AppError::NotFound)?;
    let c = repo::by_id(&state.pool, community).await?.ok_or(AppError::NotFound)?;
    let (c, l) = require(state, me, &c.slug, perm).await?;
    let bits = repo::channel_bits(&state.pool, &l, channel_id).await?;
    if !perms::has(bits, perms::VIEW_CHANNEL | perm) {
        return Err(AppError::Forbidden);
    }
    Ok((c, l, ch, bits))
}

pub async fn update_channel(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    input: ChannelInput<'_>,
) -> Result<(), AppError> {
    let (c, _, ch, _) = managed_channel(state, me, channel_id, perms::MANAGE_CHANNELS).await?;
    let (name, topic) = check_channel(&input)?;
    let mut tx = state.pool.begin().await?;
    let parent = if ch.kind == "category" { None } else { input.parent };
    check_parent(&mut tx, c.community_id, parent).await?;
    let slow_mode_secs = if ch.kind == "category" { 0 } else { input.slow_mode_secs };
    repo::channels::update(&mut tx, channel_id, &name, &topic, slow_mode_secs, parent).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn move_channel(state: &AppState, me: Uuid, channel_id: Uuid, up: bool) -> Result<(), AppError> {
    let (c, _, ch, _) = managed_channel(state, me, channel_id, perms::MANAGE_CHANNELS).await?;
    let mut tx = state.pool.begin().await?;
    repo::lock(&mut tx, c.community_id).await?;
    // Renumber first, so positions are distinct, then swap with the neighbour among siblings.
    repo::channels::renumber(&mut tx, c.community_id).await?;
    let kind = if ch.kind == "category" { "category" } else { "text" };
    let siblings = repo::channels::siblings(&mut tx, c.community_id, kind, ch.parent_id).await?;
    let Some(i) = siblings.iter().position(|s| s.channel_id == channel_id) else { return Err(AppError::NotFound) };
    let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < siblings.len()) };
    if let Some(j) = j {
        repo::channels::swap(&mut tx, &siblings[i], &siblings[j]).await?;
    }
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_channel(state: &AppState, me: Uuid, channel_id: Uuid) -> Result<(), AppError> {
    let (c, _, _, _) = managed_channel(state, me, channel_id, perms::MANAGE_CHANNELS).await?;
    let mut tx = state.pool.begin().await?;
    repo::channels::delete(&mut tx, channel_id).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or, with both empty, removes) a channel override for a role or a member.
///
/// As in Discord, an actor changes only bits they hold in this channel (so no override can
/// hand out more than they have), and only for roles ranking below their highest (@everyone
/// always does) or for members ranking below them (or themself); the owner may do anything.
pub async fn set_override(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    target: &str,
    allow: i64,
    deny: i64,
) -> Result<(), AppError> {
    let (c, l, _, held) = managed_channel(state, me, channel_id, perms::MANAGE_ROLES).await?;
    let (allow, deny) = (allow & perms::ALL, deny & perms::ALL);
    if allow & deny != 0 {
        return Err(AppError::invalid("permissions", "A permission cannot be both allowed and denied."));
    }
    let owner = l.standing.is_owner;
    let target = match target.split_once(':') {
        Some(("role", id)) => {
            let id = parse_id(id)?;
            let role = repo::roles::override_target(&state.pool, id, c.community_id)
                .await?
                .ok_or_else(|| AppError::invalid("target", "Choose a role of this community."))?;
            if !owner && role.kind != "everyone" && role.position >= l.highest {
                return Err(AppError::invalid("target", "That role ranks as high as yours or higher."));
            }
            Target::Role(id)
        }
        Some(("member", name)) => {
            let who = repo::member_by_username(&state.pool, name)
                .await?
                .ok_or_else(|| AppError::invalid("target", "No member has that username."))?;
            let standing = repo::standing(&state.pool, &c, who.member_id).await?.ok_or(AppError::NotFound)?;
            if !standing.is_member {
                return Err(AppError::invalid(
                    "target",
                    format!("@{} is not a member of this community.", who.username),
                ));
            }
            if who.member_id == c.owner_id && !owner {
                return Err(AppError::invalid("target", "The owner's permissions cannot be changed."));
            }
            if !owner && who.member_id != me && standing.highest >= l.highest {
                return Err(AppError::invalid(
                    "target",
                    format!("{} ranks as high as you or higher.", who.display_name),
                ));
            }
            Target::Member(who.member_id)
        }
        _ => return Err(AppError::invalid("target", "Choose a role or a member.")),
    };
    if !owner {
        let existing = repo::overrides_of(&state.pool, &[channel_id]).await?;
        let old = existing.get(&channel_id).and_then(|list| list.iter().find(|o| o.target == target));
        let (old_allow, old_deny) = old.map(|o| (o.allow, o.deny)).unwrap_or((0, 0));
        let changed = (old_allow ^ allow) | (old_deny ^ deny);
        if changed & !held != 0 {
            return Err(AppError::invalid(
                "permissions",
                "You can only allow or deny permissions you hold in this channel yourself.",
            ));
        }
    }
    let (kind, id) = match target {
        Target::Role(id) => ("role", id),
        Target::Member(id) => ("member", id),
    };
    let mut tx = state.pool.begin().await?;
    if allow == 0 && deny == 0 {
        repo::channels::delete_override(&mut tx, channel_id, kind, id).await?;
    } else {
        repo::channels::upsert_override(&mut tx, channel_id, kind, id, allow, deny).await?;
    }
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}
