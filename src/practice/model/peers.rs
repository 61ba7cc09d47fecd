//! Practice among peers: privacy, leaderboards, validations and verification.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Category, SessionRow};

pub const VALIDATION_COMMENT_MAX: usize = 500;
pub const REVIEW_COMMENT_MAX: usize = 1000;
pub const ANSWER_MAX: usize = 2000;
pub const LEADERBOARD_SIZE: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "profile_audience", rename_all = "lowercase"))]
pub enum ProfileAudience {
    #[default]
    Public,
    Members,
}

impl ProfileAudience {
    pub const ALL: [ProfileAudience; 2] = [ProfileAudience::Public, ProfileAudience::Members];
    pub fn key(self) -> &'static str {
        match self {
            ProfileAudience::Public => "public",
            ProfileAudience::Members => "members",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ProfileAudience::Public => "Everyone, visitors too",
            ProfileAudience::Members => "Signed-in members only",
        }
    }
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == raw.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "session_audience", rename_all = "snake_case"))]
pub enum SessionAudience {
    Everyone,
    #[default]
    Connections,
    OnlyMe,
}

impl SessionAudience {
    pub const ALL: [SessionAudience; 3] =
        [SessionAudience::Everyone, SessionAudience::Connections, SessionAudience::OnlyMe];
    pub fn key(self) -> &'static str {
        match self {
            SessionAudience::Everyone => "everyone",
            SessionAudience::Connections => "connections",
            SessionAudience::OnlyMe => "only_me",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SessionAudience::Everyone => "Everyone",
            SessionAudience::Connections => "My connections",
            SessionAudience::OnlyMe => "Only me",
        }
    }
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.key() == raw.trim())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacyForm {
    pub profile: String,
    pub sessions: String,
    /// "on" to appear on leaderboards.
    pub leaderboards: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Privacy {
    pub profile: ProfileAudience,
    pub sessions: SessionAudience,
    pub leaderboards: bool,
}

/// Which leaderboard (a GET form's fields).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    /// "week" (minutes this week), "streak", "category" or "community"
    pub board: String,
    pub category: String,
    pub community: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    pub rank: i64,
    pub username: String,
    pub display_name: String,
    /// Minutes, or days for the streak board.
    pub value: i64,
    pub is_me: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Leaderboard {
    pub board: String,
    pub title: String,
    /// "minutes" or "days"
    pub unit: String,
    pub week_start: NaiveDate,
    pub rows: Vec<BoardRow>,
    /// The viewer's own rank and value, when they are listed and have any.
    pub mine: Option<(i64, i64)>,
    pub opted_in: bool,
    pub categories: Vec<Category>,
    /// The viewer's communities: (slug, name)
    pub communities: Vec<(String, String)>,
    pub category: String,
    pub community: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "validation_kind", rename_all = "lowercase"))]
pub enum ValidationKind {
    Authentic,
    Helpful,
    Inspiring,
}

impl ValidationKind {
    pub const ALL: [ValidationKind; 3] =
        [ValidationKind::Authentic, ValidationKind::Helpful, ValidationKind::Inspiring];
    pub fn key(self) -> &'static str {
        match self {
            ValidationKind::Authentic => "authentic",
            ValidationKind::Helpful => "helpful",
            ValidationKind::Inspiring => "inspiring",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            ValidationKind::Authentic => "Authentic",
            ValidationKind::Helpful => "Helpful",
            ValidationKind::Inspiring => "Inspiring",
        }
    }
    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// A session as another member sees it, with its validations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerSession {
    pub session: SessionRow,
    pub validations: i32,
    /// The viewer's own validation, if any.
    pub mine: Option<ValidationKind>,
    pub can_validate: bool,
}

/// A member's practice as others see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PeerPractice {
    pub username: String,
    pub display_name: String,
    pub is_me: bool,
    pub streak: i32,
    pub sessions_total: i32,
    /// False when their sessions are not shown to this viewer (the audience they chose).
    pub sessions_visible: bool,
    pub sessions: Vec<PeerSession>,
    /// Why the viewer cannot validate yet (too little practice of their own), if so.
    pub validate_hint: Option<String>,
    pub verified_in: Vec<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "verification_status", rename_all = "lowercase"))]
pub enum VerificationStatus {
    Pending,
    Verified,
    Declined,
}

/// The member's own verification request for a technique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyVerification {
    pub status: VerificationStatus,
    pub authentic: i32,
    pub not_authentic: i32,
    pub created_at: DateTime<Utc>,
}

/// A request waiting for the viewer's review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewItem {
    pub request_id: Uuid,
    pub technique_slug: String,
    pub technique: String,
    /// None when the member asked to stay anonymous.
    pub member: Option<(String, String)>,
    /// (question, answer)
    pub answers: Vec<(String, String)>,
    pub authentic: i32,
    pub not_authentic: i32,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerificationForm {
    pub technique: String,
    pub answers: Vec<String>,
    /// "on" to stay anonymous to reviewers.
    pub anonymous: String,
}
