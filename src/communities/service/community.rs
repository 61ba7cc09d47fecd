//! The directory, founding a community, its home view, and the settings only the owner changes.

use std::time::Duration;

use uuid::Uuid;

use super::super::model::*;
use super::super::perms;
use super::super::repo;
use super::{announce_access, announce_member, load, moderated, OWNER_POSITION};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::server::rate_limit;
use crate::server::state::AppState;

pub async fn list(state: &AppState, me: Uuid, query: &str) -> Result<CommunityList, AppError> {
    let q = query.trim();
    if q.chars().count() > 100 {
        return Err(AppError::invalid("q", "Search for at most 100 characters."));
    }
    let mine = repo::community::mine(&state.pool, me).await?;
    let discover = repo::community::discover(&state.pool, me, q).await?;
    Ok(CommunityList { mine, discover })
}

pub struct NewCommunity<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
}

pub async fn create(state: &AppState, me: &CurrentMember, input: NewCommunity<'_>) -> Result<String, AppError> {
    let name = input.name.trim();
    if name.chars().count() < 2 || name.chars().count() > NAME_MAX {
        return Err(AppError::invalid("name", format!("Give the community a name of 2 to {NAME_MAX} characters.")));
    }
    let slug = if input.slug.trim().is_empty() { slug_from(name) } else { input.slug.trim().to_lowercase() };
    if !valid_slug(&slug) {
        return Err(AppError::invalid(
            "slug",
            "Use 3 to 40 lower-case letters, digits and hyphens (not at the start or end).",
        ));
    }
    let description = input.description.trim();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("Keep the description under {DESCRIPTION_MAX} characters."),
        ));
    }
    let visibility =
        Visibility::parse(input.visibility).ok_or_else(|| AppError::invalid("visibility", "Choose who can join."))?;
    rate_limit::hit(&state.pool, &format!("community:create:{}", me.member_id), 5, Duration::from_secs(86_400)).await?;

    let mut tx = state.pool.begin().await?;
    let row =
        repo::community::NewRow { slug: &slug, name, description, visibility: visibility.key(), owner: me.member_id };
    let id = match repo::community::insert(&mut tx, row).await {
        Ok(id) => id,
        Err(e) if crate::server::errors::unique_violation(&e).is_some() => {
            return Err(AppError::invalid("slug", "That address is taken. Try another."));
        }
        Err(e) => return Err(e.into()),
    };
    let owner_role = repo::roles::insert_defaults(
        &mut tx,
        id,
        perms::EVERYONE_DEFAULT,
        perms::MODERATOR_DEFAULT,
        OWNER_POSITION,
        perms::ALL,
    )
    .await?;
    repo::membership::insert_founder(&mut tx, id, me.member_id, owner_role).await?;
    repo::channels::insert_general(&mut tx, id, me.member_id).await?;
    announce_member(&mut tx, me.member_id).await?;
    tx.commit().await?;
    Ok(slug)
}

pub async fn view(state: &AppState, me: Uuid, slug: &str) -> Result<CommunityView, AppError> {
    let (c, loaded) = load(state, me, slug).await?;
    let banned = repo::moderation::ban_reason(&state.pool, c.community_id, me).await?;
    let requested = repo::membership::has_requested(&state.pool, c.community_id, me).await?;
    let membership = if let Some(reason) = banned {
        Membership::Banned { reason }
    } else if loaded.is_member {
        Membership::Member { timeout_until: loaded.timeout_until }
    } else if requested {
        Membership::Requested
    } else {
        Membership::Visitor
    };
    let base = loaded.standing.base();
    let visible = repo::visible_channels(&state.pool, &loaded, c.community_id).await?;
    let ids: Vec<Uuid> = visible.iter().map(|(ch, _)| ch.channel_id).collect();
    let unread = if loaded.is_member { repo::unread_counts(&state.pool, me, &ids).await? } else { Default::default() };
    // Categories that hold at least one visible channel, each followed by its channels.
    let all = repo::channels_of(&state.pool, &[c.community_id]).await?;
    let mut channels = Vec::new();
    for (ch, _) in visible.iter().filter(|(ch, _)| ch.parent_id.is_none()) {
        channels.push(repo::entry(ch, unread.get(&ch.channel_id).copied().unwrap_or(0)));
    }
    for cat in all.iter().filter(|ch| ch.kind == "category") {
        let inside: Vec<_> = visible.iter().filter(|(ch, _)| ch.parent_id == Some(cat.channel_id)).collect();
        if inside.is_empty() && !perms::has(base, perms::MANAGE_CHANNELS) {
            continue;
        }
        channels.push(repo::entry(cat, 0));
        for (ch, _) in inside {
            channels.push(repo::entry(ch, unread.get(&ch.channel_id).copied().unwrap_or(0)));
        }
    }
    let owner = repo::member_ref(&state.pool, c.owner_id).await?.ok_or(AppError::Internal)?;
    let pending_requests = if loaded.is_member && perms::has(base, perms::INVITE) {
        repo::membership::pending_requests(&state.pool, c.community_id).await?
    } else {
        0
    };
    let flagged = if loaded.is_member && perms::has(base, perms::MANAGE_MESSAGES) {
        repo::moderation::flagged_count(&state.pool, &moderated(&visible)).await?
    } else {
        0
    };
    Ok(CommunityView {
        community_id: c.community_id,
        slug: c.slug,
        name: c.name,
        description: c.description,
        visibility: c.visibility,
        filter_policy: c.filter_policy,
        member_count: c.member_count,
        icon_id: c.icon_id,
        owner,
        membership,
        is_owner: loaded.standing.is_owner,
        perms: if loaded.is_member { base } else { 0 },
        channels,
        pending_requests,
        flagged,
        created_at: c.created_at,
    })
}

pub async fn update(
    state: &AppState,
    me: Uuid,
    slug: &str,
    name: &str,
    description: &str,
    visibility: &str,
    filter_policy: &str,
) -> Result<(), AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.standing.is_owner {
        return Err(AppError::Forbidden);
    }
    let name = name.trim();
    if name.chars().count() < 2 || name.chars().count() > NAME_MAX {
        return Err(AppError::invalid("name", format!("Give the community a name of 2 to {NAME_MAX} characters.")));
    }
    if description.trim().chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("Keep the description under {DESCRIPTION_MAX} characters."),
        ));
    }
    let visibility =
        Visibility::parse(visibility).ok_or_else(|| AppError::invalid("visibility", "Choose who can join."))?;
    let policy = FilterPolicy::parse(filter_policy)
        .ok_or_else(|| AppError::invalid("filter_policy", "Choose what the filter does."))?;
    let mut tx = state.pool.begin().await?;
    let settings = repo::community::Settings {
        name,
        description: description.trim(),
        visibility: visibility.key(),
        filter_policy: policy.key(),
    };
    repo::community::update(&mut tx, c.community_id, settings).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or, with no bytes, removes) the community's picture; the owner only.
pub async fn set_icon(
    state: &AppState,
    me: Uuid,
    slug: &str,
    image: Option<Vec<u8>>,
) -> Result<Option<Uuid>, AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.standing.is_owner {
        return Err(AppError::Forbidden);
    }
    rate_limit::hit(&state.pool, &format!("community:icon:{me}"), 20, Duration::from_secs(3600)).await?;
    let stored = match image {
        Some(bytes) => Some(crate::media::upload::store(state, crate::media::Purpose::Community, bytes).await?),
        None => None,
    };
    let mut tx = state.pool.begin().await?;
    let icon = match stored {
        Some(s) => Some(s.record(&mut tx, me).await?),
        None => None,
    };
    // The old picture is left for the housekeeping job, which deletes unused images.
    repo::community::set_icon(&mut tx, c.community_id, icon).await?;
    tx.commit().await?;
    Ok(icon)
}
