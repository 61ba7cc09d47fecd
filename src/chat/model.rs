//! Chat types shared by the server and the browser. The same `MessageView` JSON is rendered in
//! pages and sent over the WebSocket, so it carries nothing specific to one viewer: the browser
//! works out "mine" and "mentions me" from the ids.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::communities::model::MemberRef;

pub const BODY_MAX: usize = 4000;
pub const HISTORY_PAGE: i64 = 50;
pub const DM_GROUP_MAX: usize = 10;
pub const SEARCH_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReplyQuote {
    pub message_id: Uuid,
    pub author_name: String,
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReactionView {
    pub emoji: String,
    pub count: i64,
    pub reactors: Vec<Uuid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: Uuid,
    pub channel_id: Uuid,
    pub seq: i64,
    pub author: MemberRef,
    /// The text as written (empty once deleted); the author edits this.
    pub body: String,
    /// Sanitised HTML of the markdown-lite body.
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    pub edited: bool,
    pub deleted: bool,
    pub reply: Option<ReplyQuote>,
    pub image_id: Option<Uuid>,
    pub image_alt: String,
    pub reactions: Vec<ReactionView>,
    pub mentions: Vec<Uuid>,
    pub mentions_everyone: bool,
}

impl MessageView {
    pub fn mentions_member(&self, member: Uuid) -> bool {
        self.mentions_everyone || self.mentions.contains(&member)
    }
}

/// A slice of history, oldest first, with the cursor for the slice before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MessagePage {
    pub messages: Vec<MessageView>,
    /// Pass as `before` to load older messages; `None` at the beginning of the channel.
    pub before: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommunityLink {
    pub slug: String,
    pub name: String,
}

/// A channel or conversation as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelView {
    pub channel_id: Uuid,
    pub community: Option<CommunityLink>,
    pub is_dm: bool,
    /// "general", or for a conversation the other members' names.
    pub title: String,
    pub topic: String,
    pub slow_mode_secs: i32,
    /// The viewer's permission bits in this channel.
    pub perms: i64,
    pub dm_members: Vec<MemberRef>,
    pub last_read_seq: i64,
    pub last_seq: i64,
    pub history: MessagePage,
    pub me: Uuid,
    /// Set while the viewer is in a timeout in this community.
    pub timeout_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    pub channel_id: Uuid,
    pub title: String,
    pub members: Vec<MemberRef>,
    pub last_message_at: Option<DateTime<Utc>>,
    pub preview: String,
    pub unread: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnreadChannel {
    pub channel_id: Uuid,
    pub label: String,
    pub link: String,
    pub unread: i64,
}

/// Unread chat across the member's channels and conversations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatOverview {
    pub conversations: Vec<Conversation>,
    pub unread_channels: Vec<UnreadChannel>,
    pub total_unread: i64,
}

/// Reactions offered by the picker; any single emoji (≤ 16 bytes of text) is accepted.
pub const QUICK_REACTIONS: [&str; 6] = ["👍", "❤️", "🙏", "😂", "✨", "💃"];

/// Whether `s` is one emoji (one grapheme-ish cluster, no letters, digits or spaces).
pub fn valid_emoji(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 16
        && s.chars().count() <= 8
        && s.chars().all(|c| !c.is_alphanumeric() && !c.is_whitespace() && !c.is_ascii() || c == '\u{200d}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emoji_check() {
        for e in QUICK_REACTIONS {
            assert!(valid_emoji(e), "{e}");
        }
        assert!(valid_emoji("👩‍💻"));
        assert!(!valid_emoji("a"));
        assert!(!valid_emoji(":)"));
        assert!(!valid_emoji(""));
        assert!(!valid_emoji("<script>"));
        assert!(!valid_emoji("🙂 "));
    }
}
