//! Community types shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const NAME_MAX: usize = 60;
pub const DESCRIPTION_MAX: usize = 1000;
pub const ROLE_NAME_MAX: usize = 40;
pub const CHANNEL_NAME_MAX: usize = 40;
pub const TOPIC_MAX: usize = 300;
pub const REASON_MAX: usize = 500;
pub const SLOW_MODE_MAX: i32 = 21_600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    Public,
    Private,
    Invite,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Private, Visibility::Invite];

    pub fn key(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Private => "private",
            Visibility::Invite => "invite",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.key() == raw.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Public => "Public — anyone can join",
            Visibility::Private => "Private — people ask to join and are approved",
            Visibility::Invite => "Invite only — people join with an invite link",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Visibility::Public => "Public",
            Visibility::Private => "Private",
            Visibility::Invite => "Invite only",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FilterPolicy {
    Block,
    Flag,
}

impl FilterPolicy {
    pub fn key(self) -> &'static str {
        match self {
            FilterPolicy::Block => "block",
            FilterPolicy::Flag => "flag",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "block" => Some(FilterPolicy::Block),
            "flag" => Some(FilterPolicy::Flag),
            _ => None,
        }
    }
}

pub use crate::auth::model::MemberRef;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityCard {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub member_count: i32,
    pub is_member: bool,
    pub icon_id: Option<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityList {
    pub mine: Vec<CommunityCard>,
    pub discover: Vec<CommunityCard>,
}

/// Where the viewer stands with a community.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Membership {
    Visitor,
    Requested,
    Member { timeout_until: Option<DateTime<Utc>> },
    Banned { reason: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelEntry {
    pub channel_id: Uuid,
    pub is_category: bool,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub topic: String,
    pub position: i32,
    pub slow_mode_secs: i32,
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityView {
    pub community_id: Uuid,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub filter_policy: FilterPolicy,
    pub member_count: i32,
    pub icon_id: Option<Uuid>,
    pub owner: MemberRef,
    pub membership: Membership,
    pub is_owner: bool,
    /// The viewer's community-wide permission bits (see `perms`).
    pub perms: i64,
    /// The channels the viewer may see, in order (categories included).
    pub channels: Vec<ChannelEntry>,
    pub pending_requests: i64,
    pub flagged: i64,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleTag {
    pub role_id: Uuid,
    pub name: String,
    pub colour: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    pub member: MemberRef,
    pub roles: Vec<RoleTag>,
    pub is_owner: bool,
    pub joined_at: DateTime<Utc>,
    pub timeout_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberPage {
    pub members: Vec<MemberRow>,
    pub next: Option<String>,
    /// The viewer's community-wide bits, to show the actions they may take.
    pub perms: i64,
    pub is_owner: bool,
    /// Roles the viewer may hand out (below their own highest).
    pub assignable: Vec<RoleTag>,
    pub me: Uuid,
    pub community_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum RoleKind {
    Everyone,
    Moderator,
    Owner,
    Custom,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoleView {
    pub role_id: Uuid,
    pub name: String,
    pub colour: String,
    pub position: i32,
    pub permissions: i64,
    pub kind: RoleKind,
    pub members: i64,
    /// Whether the viewer may edit it (below their own highest role).
    pub editable: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InviteView {
    pub code: String,
    pub expires_at: Option<DateTime<Utc>>,
    pub max_uses: Option<i32>,
    pub uses: i32,
    pub usable: bool,
    pub created_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JoinRequestView {
    pub member: MemberRef,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BanView {
    pub member: MemberRef,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OverrideView {
    pub target_kind: String,
    pub target_id: Uuid,
    pub target_name: String,
    pub allow: i64,
    pub deny: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelAdmin {
    pub entry: ChannelEntry,
    pub overrides: Vec<OverrideView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlaggedMessage {
    pub message_id: Uuid,
    pub channel_id: Uuid,
    pub channel_name: String,
    pub author: MemberRef,
    pub body: String,
    pub reason: String,
    pub created_at: DateTime<Utc>,
}

/// Everything the settings page needs; sections the viewer may not manage come back empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityAdmin {
    pub community: CommunityView,
    pub roles: Vec<RoleView>,
    pub channels: Vec<ChannelAdmin>,
    pub invites: Vec<InviteView>,
    pub requests: Vec<JoinRequestView>,
    pub bans: Vec<BanView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitePreview {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub member_count: i32,
    pub usable: bool,
    pub already_member: bool,
}

/// Lower-case letters, digits and inner hyphens, 3–40 characters.
pub fn valid_slug(slug: &str) -> bool {
    let b = slug.as_bytes();
    (3..=40).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
        && b[0] != b'-'
        && b[b.len() - 1] != b'-'
}

/// A slug suggested from a name: "Tango Berlin!" → "tango-berlin".
pub fn slug_from(name: &str) -> String {
    let mut out = String::new();
    for c in name.trim().to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() >= 40 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Channel names: lower case, spaces become hyphens ("Practice Notes" → "practice-notes").
pub fn channel_name(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.trim().to_lowercase().chars() {
        if c.is_alphanumeric() || c == '_' {
            out.push(c);
        } else if (c == '-' || c.is_whitespace()) && !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').chars().take(CHANNEL_NAME_MAX).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert!(valid_slug("tango-berlin"));
        assert!(!valid_slug("-tango"));
        assert!(!valid_slug("Tango"));
        assert!(!valid_slug("ab"));
        assert_eq!(slug_from("Tango Berlin!"), "tango-berlin");
        assert_eq!(slug_from("  Café  Sōma "), "caf-s-ma");
    }

    #[test]
    fn channel_names() {
        assert_eq!(channel_name("Practice Notes"), "practice-notes");
        assert_eq!(channel_name("  --hello  world-- "), "hello-world");
        assert_eq!(channel_name("milonga_chat"), "milonga_chat");
    }
}

/// A community named by its slug and name: where a post was written or an event belongs, or a
/// choice in a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityTag {
    pub slug: String,
    pub name: String,
}
