//! Notification types shared by server and browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "notification_kind", rename_all = "lowercase"))]
pub enum NotificationKind {
    Engagement,
    Comment,
    Mention,
    Follow,
    Milestone,
    Event,
    Connection,
    Moderation,
    Chat,
    Achievement,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 10] = [
        NotificationKind::Engagement,
        NotificationKind::Comment,
        NotificationKind::Mention,
        NotificationKind::Follow,
        NotificationKind::Milestone,
        NotificationKind::Event,
        NotificationKind::Connection,
        NotificationKind::Moderation,
        NotificationKind::Chat,
        NotificationKind::Achievement,
    ];

    pub fn key(self) -> &'static str {
        match self {
            NotificationKind::Engagement => "engagement",
            NotificationKind::Comment => "comment",
            NotificationKind::Mention => "mention",
            NotificationKind::Follow => "follow",
            NotificationKind::Milestone => "milestone",
            NotificationKind::Event => "event",
            NotificationKind::Connection => "connection",
            NotificationKind::Moderation => "moderation",
            NotificationKind::Chat => "chat",
            NotificationKind::Achievement => "achievement",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }

    /// What the settings page calls it.
    pub fn label(self) -> &'static str {
        match self {
            NotificationKind::Engagement => "Likes, votes and energy on my posts",
            NotificationKind::Comment => "Comments on my posts and replies to my comments",
            NotificationKind::Mention => "Mentions of me",
            NotificationKind::Follow => "New followers",
            NotificationKind::Milestone => "Milestones (my guide levelling up)",
            NotificationKind::Event => "Events: RSVPs to mine, changes, cancellations, waitlist and reminders",
            NotificationKind::Connection => "Connection requests and acceptances",
            NotificationKind::Moderation => "Moderation of my posts and comments",
            NotificationKind::Chat => "Chat: mentions of me and answers to my join requests",
            NotificationKind::Achievement => "Practice: achievements I earn and evening streak reminders",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notification {
    pub notification_id: Uuid,
    pub kind: NotificationKind,
    pub message: String,
    pub link: String,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotificationPage {
    pub notifications: Vec<Notification>,
    pub unread: i64,
    pub next: Option<String>,
}

/// Each kind and whether it is muted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MuteSettings {
    pub muted: Vec<NotificationKind>,
}
