//! Challenges: a goal over dates, joined by members, with a leaderboard of participants.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const CHALLENGE_TITLE_MAX: usize = 100;
pub const CHALLENGE_DESCRIPTION_MAX: usize = 2000;
pub const CHALLENGE_BOARD: i64 = 50;

/// What a challenge asks, measured from sessions between its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GoalKind {
    Minutes,
    Sessions,
    Days,
}

impl GoalKind {
    pub const ALL: [GoalKind; 3] = [GoalKind::Minutes, GoalKind::Sessions, GoalKind::Days];
    pub fn key(self) -> &'static str {
        match self {
            GoalKind::Minutes => "minutes",
            GoalKind::Sessions => "sessions",
            GoalKind::Days => "days",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            GoalKind::Minutes => "Minutes of practice",
            GoalKind::Sessions => "Sessions",
            GoalKind::Days => "Days with practice",
        }
    }
    pub fn parse(raw: &str) -> Option<GoalKind> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

/// The criteria JSON of a challenge: `{"type": "minutes", "value": 300, "category": "breath"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    #[serde(rename = "type")]
    pub kind: GoalKind,
    pub value: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
}

impl Goal {
    pub fn describe(&self, category_name: Option<&str>) -> String {
        let what = match self.kind {
            GoalKind::Minutes => format!("{} minutes of practice", self.value),
            GoalKind::Sessions => format!("{} sessions", self.value),
            GoalKind::Days => format!("practice on {} days", self.value),
        };
        match category_name {
            Some(c) => format!("{what} in {c}"),
            None => what,
        }
    }
}

/// The new-challenge form (strings, so a bad value comes back beside its field).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChallengeForm {
    pub title: String,
    pub description: String,
    /// A community's slug, or empty for a site-wide challenge.
    pub community: String,
    pub starts_on: String,
    pub ends_on: String,
    pub goal: String,
    pub value: String,
    pub category: String,
    pub max_participants: String,
    pub reward_xp: String,
    /// An achievement's slug, or empty.
    pub reward_achievement: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeCard {
    pub challenge_id: Uuid,
    pub title: String,
    pub goal: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub community: Option<(String, String)>,
    pub participants: i32,
    pub max_participants: Option<i32>,
    pub joined: bool,
    pub completed: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeList {
    pub active: Vec<ChallengeCard>,
    pub upcoming: Vec<ChallengeCard>,
    pub past: Vec<ChallengeCard>,
    /// Whether the viewer may create one (a moderator, or "manage events" somewhere).
    pub can_create: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeRow {
    pub rank: i64,
    pub username: String,
    pub display_name: String,
    pub progress: i64,
    pub completed: bool,
    pub is_me: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeDetail {
    pub card: ChallengeCard,
    pub description: String,
    pub target: i64,
    pub unit: String,
    pub reward: Option<String>,
    pub board: Vec<ChallengeRow>,
    /// (rank, progress, completed at)
    pub mine: Option<(i64, i64, Option<DateTime<Utc>>)>,
    pub can_join: bool,
    /// Why not, when the viewer cannot join.
    pub join_hint: Option<String>,
    pub signed_in: bool,
}

/// What the new-challenge form offers the viewer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChallengeChoices {
    pub site_wide: bool,
    /// Communities where the viewer holds "manage events": (slug, name).
    pub communities: Vec<(String, String)>,
    pub categories: Vec<super::Category>,
    /// (slug, name)
    pub achievements: Vec<(String, String)>,
}
