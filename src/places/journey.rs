//! The journey: levels 1–5, milestones and the rewards they earn. Pure rules, unit-tested here;
//! the service applies them inside each check-in's transaction.
//!
//! | level | name               | check-ins | longest streak | kinds of place | mentor sessions |
//! |-------|--------------------|-----------|----------------|----------------|-----------------|
//! | 1     | Arriving           | 0         | 0              | 0              | 0               |
//! | 2     | Finding your feet  | 3         | 0              | 1              | 0               |
//! | 3     | Settling in        | 10        | 3 days         | 2              | 0               |
//! | 4     | Steady             | 25        | 7 days         | 3              | 0               |
//! | 5     | At home            | 50        | 14 days        | 4              | 1               |
//!
//! A member is at the highest level whose every threshold they meet. Progress to the next level
//! is the average, over its four thresholds, of how much of each is met (each capped at 100 %).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::model::{PlaceType, RewardKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LevelRule {
    pub level: i16,
    pub name: &'static str,
    pub check_ins: i32,
    pub streak: i32,
    pub kinds: i32,
    pub mentor_sessions: i32,
}

pub const LEVELS: [LevelRule; 5] = [
    LevelRule { level: 1, name: "Arriving", check_ins: 0, streak: 0, kinds: 0, mentor_sessions: 0 },
    LevelRule { level: 2, name: "Finding your feet", check_ins: 3, streak: 0, kinds: 1, mentor_sessions: 0 },
    LevelRule { level: 3, name: "Settling in", check_ins: 10, streak: 3, kinds: 2, mentor_sessions: 0 },
    LevelRule { level: 4, name: "Steady", check_ins: 25, streak: 7, kinds: 3, mentor_sessions: 0 },
    LevelRule { level: 5, name: "At home", check_ins: 50, streak: 14, kinds: 4, mentor_sessions: 1 },
];

/// What the journey is measured on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub check_ins: i32,
    pub longest_streak: i32,
    pub kinds: i32,
    pub mentor_sessions: i32,
}

impl LevelRule {
    fn met_by(&self, p: &Progress) -> bool {
        p.check_ins >= self.check_ins
            && p.longest_streak >= self.streak
            && p.kinds >= self.kinds
            && p.mentor_sessions >= self.mentor_sessions
    }
}

pub fn level_of(p: &Progress) -> LevelRule {
    LEVELS.iter().rev().find(|r| r.met_by(p)).copied().unwrap_or(LEVELS[0])
}

/// Percent of the way to the next level (100 at the top).
pub fn percent_to_next(p: &Progress) -> i32 {
    let current = level_of(p);
    let Some(next) = LEVELS.iter().find(|r| r.level == current.level + 1) else { return 100 };
    let part = |have: i32, need: i32| if need == 0 { 1.0 } else { (have as f64 / need as f64).min(1.0) };
    let parts = [
        part(p.check_ins, next.check_ins),
        part(p.longest_streak, next.streak),
        part(p.kinds, next.kinds),
        part(p.mentor_sessions, next.mentor_sessions),
    ];
    ((parts.iter().sum::<f64>() / 4.0) * 100.0).floor().min(99.0) as i32
}

/// A milestone and the reward it earns.
#[derive(Debug, Clone, Copy)]
pub struct Milestone {
    pub key: &'static str,
    pub label: &'static str,
    pub reward: RewardKind,
    pub reward_title: &'static str,
    /// How long the reward can be redeemed (badges never expire and are not redeemed).
    pub valid_days: Option<i64>,
    reached: fn(&Progress) -> bool,
}

/// The documented milestones, in the order they are usually reached.
pub const MILESTONES: [Milestone; 6] = [
    Milestone {
        key: "first_check_in",
        label: "First check-in",
        reward: RewardKind::Badge,
        reward_title: "Welcome badge",
        valid_days: None,
        reached: |p| p.check_ins >= 1,
    },
    Milestone {
        key: "streak_3",
        label: "A 3-day streak",
        reward: RewardKind::Coffee,
        reward_title: "A free coffee",
        valid_days: Some(60),
        reached: |p| p.longest_streak >= 3,
    },
    Milestone {
        key: "check_ins_10",
        label: "10 check-ins",
        reward: RewardKind::GymPass,
        reward_title: "A day pass at a partner gym",
        valid_days: Some(90),
        reached: |p| p.check_ins >= 10,
    },
    Milestone {
        key: "explorer_3",
        label: "3 kinds of place",
        reward: RewardKind::Badge,
        reward_title: "Explorer badge",
        valid_days: None,
        reached: |p| p.kinds >= 3,
    },
    Milestone {
        key: "streak_7",
        label: "A 7-day streak",
        reward: RewardKind::Discount,
        reward_title: "15 % off at a partner",
        valid_days: Some(90),
        reached: |p| p.longest_streak >= 7,
    },
    Milestone {
        key: "check_ins_25",
        label: "25 check-ins",
        reward: RewardKind::Coffee,
        reward_title: "Coffee for two",
        valid_days: Some(90),
        reached: |p| p.check_ins >= 25,
    },
];

impl Milestone {
    pub fn reached(&self, p: &Progress) -> bool {
        (self.reached)(p)
    }

    pub fn find(key: &str) -> Option<&'static Milestone> {
        MILESTONES.iter().find(|m| m.key == key)
    }
}

/// The streak after a check-in on `today` (the member's local day), given the last day with a
/// check-in and the streak then. Returns (current, longest).
pub fn next_streak(last_day: Option<NaiveDate>, current: i32, longest: i32, today: NaiveDate) -> (i32, i32) {
    let current = match last_day {
        Some(d) if d == today => current.max(1),
        Some(d) if d.succ_opt() == Some(today) => current + 1,
        _ => 1,
    };
    (current, longest.max(current))
}

/// The streak as of `today`: it lapses once a whole local day passes without a check-in.
pub fn streak_now(last_day: Option<NaiveDate>, current: i32, today: NaiveDate) -> i32 {
    match last_day {
        Some(d) if d == today || d.succ_opt() == Some(today) => current,
        _ => 0,
    }
}

/// The journey page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JourneyView {
    pub level: i16,
    pub level_name: String,
    pub next_level_name: Option<String>,
    pub percent: i32,
    pub check_ins: i32,
    pub current_streak: i32,
    pub longest_streak: i32,
    pub kinds: Vec<PlaceType>,
    pub mentor_sessions: i32,
    /// What the next level still needs, one line per threshold not yet met.
    pub still_needed: Vec<String>,
    /// (label, achieved)
    pub milestones: Vec<(String, bool)>,
    pub rewards: Vec<RewardView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RewardView {
    pub reward_id: Uuid,
    pub kind: RewardKind,
    pub title: String,
    pub milestone: String,
    pub code: String,
    /// The code as a QR code (SVG made on the server).
    pub qr_svg: String,
    pub partner: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub expired: bool,
    /// (place name, when)
    pub redeemed: Option<(String, DateTime<Utc>)>,
    pub earned_at: DateTime<Utc>,
}

/// What a check-in changed, for the confirmation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInOutcome {
    pub current_streak: i32,
    pub level: i16,
    pub percent: i32,
    pub new_milestones: Vec<String>,
    pub new_rewards: Vec<String>,
}

/// The result of a redemption attempt at a partner's place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redeemed {
    pub title: String,
    pub member: String,
    pub place: String,
}

pub fn still_needed(p: &Progress) -> Vec<String> {
    let current = level_of(p);
    let Some(next) = LEVELS.iter().find(|r| r.level == current.level + 1) else { return vec![] };
    let mut out = Vec::new();
    if p.check_ins < next.check_ins {
        out.push(format!("{} more check-ins", next.check_ins - p.check_ins));
    }
    if p.longest_streak < next.streak {
        out.push(format!("a {}-day streak", next.streak));
    }
    if p.kinds < next.kinds {
        out.push(format!("{} more kind(s) of place", next.kinds - p.kinds));
    }
    if p.mentor_sessions < next.mentor_sessions {
        out.push("a session with a mentor".to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(check_ins: i32, longest_streak: i32, kinds: i32, mentor_sessions: i32) -> Progress {
        Progress { check_ins, longest_streak, kinds, mentor_sessions }
    }

    #[test]
    fn levels_need_every_threshold() {
        assert_eq!(level_of(&p(0, 0, 0, 0)).level, 1);
        assert_eq!(level_of(&p(3, 1, 1, 0)).level, 2);
        assert_eq!(level_of(&p(100, 2, 5, 0)).level, 2, "a 3-day streak is needed for level 3");
        assert_eq!(level_of(&p(10, 3, 2, 0)).level, 3);
        assert_eq!(level_of(&p(25, 7, 3, 0)).level, 4);
        assert_eq!(level_of(&p(50, 14, 4, 0)).level, 4, "level 5 needs a mentor session");
        assert_eq!(level_of(&p(50, 14, 4, 1)).level, 5);
    }

    #[test]
    fn progress_is_the_average_of_the_next_thresholds() {
        assert_eq!(percent_to_next(&p(0, 0, 0, 0)), 50, "streak and mentor need nothing for level 2");
        assert_eq!(percent_to_next(&p(1, 1, 1, 0)), 83);
        assert_eq!(percent_to_next(&p(5, 1, 1, 0)), 58);
        assert_eq!(percent_to_next(&p(50, 14, 4, 1)), 100);
        assert_eq!(still_needed(&p(5, 1, 1, 0)), vec!["5 more check-ins", "a 3-day streak", "1 more kind(s) of place"]);
    }

    #[test]
    fn streaks_count_consecutive_local_days() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(next_streak(None, 0, 0, d("2026-03-28")), (1, 1));
        assert_eq!(next_streak(Some(d("2026-03-28")), 1, 1, d("2026-03-28")), (1, 1), "twice a day counts once");
        assert_eq!(next_streak(Some(d("2026-03-28")), 1, 1, d("2026-03-29")), (2, 2));
        assert_eq!(next_streak(Some(d("2026-03-29")), 2, 5, d("2026-03-31")), (1, 5), "a missed day restarts it");
        assert_eq!(streak_now(Some(d("2026-03-29")), 2, d("2026-03-30")), 2, "still alive the next day");
        assert_eq!(streak_now(Some(d("2026-03-29")), 2, d("2026-03-31")), 0);
    }

    #[test]
    fn milestones_follow_progress() {
        let reached: Vec<&str> = MILESTONES.iter().filter(|m| m.reached(&p(10, 3, 3, 0))).map(|m| m.key).collect();
        assert_eq!(reached, vec!["first_check_in", "streak_3", "check_ins_10", "explorer_3"]);
        assert_eq!(Milestone::find("streak_3").unwrap().reward, RewardKind::Coffee);
    }
}
