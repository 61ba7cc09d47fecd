//! Who may read and write a channel or conversation, and with which permission bits.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::reading::message;
use crate::chat::model::MessageView;
use crate::chat::repo;
use crate::communities::model::MemberRef;
use crate::communities::perms::{self, ADD_REACTIONS, ATTACH_FILES, SEND_MESSAGES, VIEW_CHANNEL};
use crate::communities::repo::{self as community_repo, ChannelRow, CommunityRow};
use crate::error::AppError;
use crate::server::state::AppState;

/// A member's access to one channel or conversation.
pub struct Access {
    pub channel: ChannelRow,
    pub perms: i64,
    pub community: Option<CommunityRow>,
    pub timeout_until: Option<DateTime<Utc>>,
    pub dm_members: Vec<MemberRef>,
}

impl Access {
    pub fn may(&self, perm: i64) -> bool {
        perms::has(self.perms, perm)
    }
}

/// What `me` may do in `channel_id`. A channel they cannot see is `Forbidden` (403), whether it
/// belongs to a private community, denies them by override, or is someone else's conversation.
pub async fn access(db: &sqlx::PgPool, me: Uuid, channel_id: Uuid) -> Result<Access, AppError> {
    let channel = community_repo::channel(db, channel_id).await?.ok_or(AppError::NotFound)?;
    match channel.community_id {
        None => {
            let members = repo::dm_members(db, channel_id).await?;
            if !members.iter().any(|m| m.member_id == me) {
                return Err(AppError::Forbidden);
            }
            Ok(Access {
                channel,
                perms: VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES | ADD_REACTIONS,
                community: None,
                timeout_until: None,
                dm_members: members,
            })
        }
        Some(community_id) => {
            if channel.kind != "text" {
                return Err(AppError::NotFound);
            }
            let community = community_repo::by_id(db, community_id).await?.ok_or(AppError::NotFound)?;
            let loaded = community_repo::standing(db, &community, me).await?.ok_or(AppError::NotFound)?;
            let overrides = community_repo::overrides_of(db, &[channel_id]).await?;
            let bits = loaded.standing.in_channel(overrides.get(&channel_id).map(Vec::as_slice).unwrap_or(&[]));
            if !perms::has(bits, VIEW_CHANNEL) {
                return Err(AppError::Forbidden);
            }
            Ok(Access {
                channel,
                perms: bits,
                community: Some(community),
                timeout_until: loaded.timeout_until,
                dm_members: Vec::new(),
            })
        }
    }
}

/// The message and the access of `me` to its channel.
pub(super) async fn message_access(state: &AppState, me: Uuid, id: Uuid) -> Result<(MessageView, Access), AppError> {
    let m = message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let access = access(&state.pool, me, m.channel_id).await?;
    Ok((m, access))
}
