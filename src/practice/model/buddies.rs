//! Practice buddies.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const BUDDY_MESSAGE_MAX: usize = 300;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "buddy_status", rename_all = "lowercase"))]
pub enum BuddyStatus {
    Pending,
    Active,
    Declined,
    Ended,
}

/// An active buddy, as the other sees them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Buddy {
    pub buddy_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub streak: i32,
    pub last_practice: Option<DateTime<Utc>>,
    /// Days both practised since they became buddies.
    pub days_together: i64,
    pub since: DateTime<Utc>,
}

/// A request waiting for an answer (to me, or from me).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuddyRequest {
    pub buddy_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// Someone who practises the same techniques in a nearby time zone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BuddySuggestion {
    pub username: String,
    pub display_name: String,
    pub shared: Vec<String>,
    pub time_zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Buddies {
    pub buddies: Vec<Buddy>,
    pub incoming: Vec<BuddyRequest>,
    pub outgoing: Vec<BuddyRequest>,
    pub suggestions: Vec<BuddySuggestion>,
}
