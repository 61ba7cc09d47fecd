//! The settings page: everything a member who manages part of a community may change, each
//! part only when they hold its permission.

use uuid::Uuid;

use super::super::model::*;
use super::super::perms;
use super::super::repo;
use super::{load, roles, view};
use crate::error::AppError;
use crate::server::state::AppState;

pub async fn admin(state: &AppState, me: Uuid, slug: &str) -> Result<CommunityAdmin, AppError> {
    let community = view(state, me, slug).await?;
    let (c, l) = load(state, me, slug).await?;
    let base = community.perms;
    let manages = perms::MANAGE_CHANNELS
        | perms::MANAGE_ROLES
        | perms::INVITE
        | perms::BAN_MEMBERS
        | perms::KICK_MEMBERS
        | perms::MANAGE_MESSAGES;
    if !l.is_member || (base & manages == 0 && !l.standing.is_owner) {
        return Err(AppError::Forbidden);
    }
    let roles = roles(state, &c, &l).await?;
    let mut channels = Vec::new();
    if perms::has(base, perms::MANAGE_CHANNELS) || perms::has(base, perms::MANAGE_ROLES) {
        // Only the channels the actor sees: one hidden from them is not theirs to manage.
        let all = repo::channels_of(&state.pool, &[c.community_id]).await?;
        let ids: Vec<Uuid> = all.iter().map(|r| r.channel_id).collect();
        let overrides = repo::overrides_of(&state.pool, &ids).await?;
        let rows: Vec<_> = all
            .into_iter()
            .filter(|ch| {
                let o = overrides.get(&ch.channel_id).map(Vec::as_slice).unwrap_or(&[]);
                perms::has(l.standing.in_channel(o), perms::VIEW_CHANNEL)
            })
            .collect();
        let ids: Vec<Uuid> = rows.iter().map(|r| r.channel_id).collect();
        let names = repo::channels::named_overrides(&state.pool, &ids).await?;
        for ch in &rows {
            channels.push(ChannelAdmin {
                entry: repo::entry(ch, 0),
                overrides: names
                    .iter()
                    .filter(|o| o.channel_id == ch.channel_id)
                    .map(|o| OverrideView {
                        target_kind: o.target_kind.clone(),
                        target_id: o.target_id,
                        target_name: o.name.clone(),
                        allow: o.allow,
                        deny: o.deny,
                    })
                    .collect(),
            });
        }
    }
    let invites = if perms::has(base, perms::INVITE) {
        repo::invites::list(&state.pool, c.community_id).await?
    } else {
        Vec::new()
    };
    let requests = if perms::has(base, perms::INVITE) {
        repo::membership::requests(&state.pool, c.community_id).await?
    } else {
        Vec::new()
    };
    let bans = if perms::has(base, perms::BAN_MEMBERS) {
        repo::moderation::bans(&state.pool, c.community_id).await?
    } else {
        Vec::new()
    };
    Ok(CommunityAdmin { community, roles, channels, invites, requests, bans })
}
