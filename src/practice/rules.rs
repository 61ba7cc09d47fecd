//! Practice rules, pure and unit-tested here; the service applies them inside each action's
//! transaction: the check-in streak with freezes, XP per category with its daily cap, mastery,
//! unlock criteria and achievement criteria.

use std::collections::BTreeMap;

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

/// Longest session the server accepts (a forgotten timer is not a practice).
pub const MAX_SESSION_SECONDS: i32 = 4 * 3600;
/// Shortest session worth saving.
pub const MIN_SESSION_SECONDS: i32 = 60;
/// Freezes a member can hold at once; one is earned per 7 days of streak.
pub const MAX_FREEZES: i16 = 2;
pub const FREEZE_EVERY: i32 = 7;
/// XP a category can gain in one local day, however long the sessions.
pub const DAILY_XP_CAP: i32 = 60;
/// Spirit-guide XP for a session (once per session, and never more than the category gained).
pub const GUIDE_XP: i32 = 10;

/// The check-in streak of one member.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    pub current: i32,
    pub longest: i32,
    /// The last local day that counts: a check-in, or a day a freeze covered.
    pub last_day: Option<NaiveDate>,
    pub freezes: i16,
    /// Days a freeze covered (shown on the streak page).
    pub frozen_days: Vec<NaiveDate>,
}

impl Streak {
    /// Settles the days before `today` that passed without a check-in: each is covered by a
    /// freeze while freezes last (the streak is kept, not lengthened); when there are more missed
    /// days than freezes, the streak ends and no freeze is spent.
    pub fn settle(mut self, today: NaiveDate) -> Streak {
        let Some(last) = self.last_day else { return self };
        let yesterday = today - Duration::days(1);
        if last >= yesterday || self.current == 0 {
            return self;
        }
        let missed = (yesterday - last).num_days();
        if missed <= self.freezes as i64 {
            let mut day = last + Duration::days(1);
            while day <= yesterday {
                self.frozen_days.push(day);
                day += Duration::days(1);
            }
            self.freezes -= missed as i16;
            self.last_day = Some(yesterday);
        } else {
            self.current = 0;
        }
        self
    }

    /// The streak after a check-in on `today`. Returns it and whether a freeze was earned.
    pub fn check_in(self, today: NaiveDate) -> (Streak, bool) {
        let mut s = self.settle(today);
        if s.last_day == Some(today) {
            return (s, false);
        }
        s.current = if s.current > 0 && s.last_day == Some(today - Duration::days(1)) { s.current + 1 } else { 1 };
        s.last_day = Some(today);
        s.longest = s.longest.max(s.current);
        let earned = s.current % FREEZE_EVERY == 0 && s.freezes < MAX_FREEZES;
        if earned {
            s.freezes += 1;
        }
        (s, earned)
    }

    /// The streak as of `today` (settled, so lapsed streaks read 0).
    pub fn now(&self, today: NaiveDate) -> Streak {
        self.clone().settle(today)
    }

    /// Whether today still needs a check-in to keep a live streak.
    pub fn at_risk(&self, today: NaiveDate) -> bool {
        let s = self.now(today);
        s.current > 0 && s.last_day != Some(today)
    }
}

/// XP a session earns in its category before the daily cap: a minute is a point, plus 5 for
/// showing up.
pub fn session_xp(seconds: i32) -> i32 {
    5 + seconds.clamp(0, MAX_SESSION_SECONDS) / 60
}

/// What the cap lets through, given what the category already gained that day.
pub fn capped(gain: i32, gained_today: i32) -> i32 {
    gain.min((DAILY_XP_CAP - gained_today).max(0))
}

/// Category level from XP: level n needs 50·n·(n−1) XP (100 for 2, 300 for 3, 600 for 4…).
pub fn level_for(xp: i32) -> i32 {
    let mut level = 1;
    while xp >= xp_for_level(level + 1) {
        level += 1;
    }
    level
}

pub fn xp_for_level(level: i32) -> i32 {
    50 * level * (level - 1)
}

/// Mastery 0–5 of one technique, from the member's sessions and minutes in it. Level 5 needs
/// verification when the technique requires it.
pub fn mastery(sessions: i32, minutes: i64, requires_verification: bool, verified: bool) -> i16 {
    let by_practice = match (sessions, minutes) {
        (s, m) if s >= 100 && m >= 1500 => 5,
        (s, m) if s >= 40 && m >= 600 => 4,
        (s, m) if s >= 15 && m >= 150 => 3,
        (s, _) if s >= 5 => 2,
        (s, _) if s >= 1 => 1,
        _ => 0,
    };
    match (requires_verification, verified) {
        (true, true) => 5,
        (true, false) => by_practice.min(4),
        (false, _) => by_practice,
    }
}

/// Unlock criteria of a technique (all present keys must be met).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unlock {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practice_count: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_active: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub streak: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category_level: Option<CategoryLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLevel {
    pub category: String,
    pub level: i32,
}

impl Unlock {
    pub fn parse(json: &serde_json::Value) -> Result<Unlock, String> {
        let u: Unlock = serde_json::from_value(json.clone()).map_err(|e| format!("Unlock criteria: {e}"))?;
        for n in [u.practice_count, u.days_active, u.streak].into_iter().flatten() {
            if !(1..=1000).contains(&n) {
                return Err("Unlock numbers are between 1 and 1000.".into());
            }
        }
        if let Some(cl) = &u.category_level {
            if !(2..=100).contains(&cl.level) {
                return Err("A category level to reach is between 2 and 100.".into());
            }
        }
        Ok(u)
    }
}

/// What unlocking is measured on, for one member and one technique.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnlockProgress {
    /// Sessions of the technique's prerequisite.
    pub prerequisite_sessions: i32,
    pub days_active: i32,
    pub streak: i32,
    /// Category slug → level.
    pub levels: BTreeMap<String, i32>,
}

/// What is still missing, one phrase each ("practise Grounding Breath 3 more times"); empty
/// when the technique is unlocked. `prerequisite` is the prerequisite's name, if any.
pub fn missing(
    unlock: &Unlock,
    prerequisite: Option<&str>,
    category_names: &BTreeMap<String, String>,
    p: &UnlockProgress,
) -> Vec<String> {
    let mut out = Vec::new();
    let times = |n: i32| if n == 1 { "1 more time".to_string() } else { format!("{n} more times") };
    if let Some(pre) = prerequisite {
        let need = unlock.practice_count.unwrap_or(1);
        if p.prerequisite_sessions < need {
            out.push(format!("practise {pre} {}", times(need - p.prerequisite_sessions)));
        }
    }
    if let Some(need) = unlock.days_active {
        if p.days_active < need {
            let n = need - p.days_active;
            out.push(format!("practise on {n} more day{}", if n == 1 { "" } else { "s" }));
        }
    }
    if let Some(need) = unlock.streak {
        if p.streak < need {
            out.push(format!("reach a {need}-day check-in streak (now {})", p.streak));
        }
    }
    if let Some(cl) = &unlock.category_level {
        let have = p.levels.get(&cl.category).copied().unwrap_or(1);
        if have < cl.level {
            let name = category_names.get(&cl.category).cloned().unwrap_or_else(|| cl.category.clone());
            out.push(format!("reach level {} in {name} (now {have})", cl.level));
        }
    }
    out
}

/// An achievement's criteria.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Criteria {
    Streak { value: i64 },
    Sessions { value: i64 },
    Minutes { value: i64 },
    TechniquesUnlocked { value: i64 },
    CategoryLevel { category: String, value: i64 },
    ValidationsGiven { value: i64 },
    Verified { value: i64 },
    ChallengeCompleted { value: i64 },
    CheckIns { value: i64 },
    DaysActive { value: i64 },
}

/// What achievements are measured on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    pub longest_streak: i64,
    pub sessions: i64,
    pub minutes: i64,
    pub techniques_unlocked: i64,
    pub levels: BTreeMap<String, i64>,
    pub validations_given: i64,
    pub verified: i64,
    pub challenges_completed: i64,
    pub check_ins: i64,
    pub days_active: i64,
}

impl Criteria {
    pub fn parse(json: &serde_json::Value) -> Result<Criteria, String> {
        let c: Criteria = serde_json::from_value(json.clone()).map_err(|e| format!("Achievement criteria: {e}"))?;
        if !(1..=1_000_000).contains(&c.target()) {
            return Err("An achievement's value is between 1 and 1,000,000.".into());
        }
        Ok(c)
    }

    pub fn target(&self) -> i64 {
        match self {
            Criteria::Streak { value }
            | Criteria::Sessions { value }
            | Criteria::Minutes { value }
            | Criteria::TechniquesUnlocked { value }
            | Criteria::CategoryLevel { value, .. }
            | Criteria::ValidationsGiven { value }
            | Criteria::Verified { value }
            | Criteria::ChallengeCompleted { value }
            | Criteria::CheckIns { value }
            | Criteria::DaysActive { value } => *value,
        }
    }

    /// How far the member is, out of `target()`.
    pub fn progress(&self, s: &Stats) -> i64 {
        let have = match self {
            Criteria::Streak { .. } => s.longest_streak,
            Criteria::Sessions { .. } => s.sessions,
            Criteria::Minutes { .. } => s.minutes,
            Criteria::TechniquesUnlocked { .. } => s.techniques_unlocked,
            Criteria::CategoryLevel { category, .. } => s.levels.get(category).copied().unwrap_or(1),
            Criteria::ValidationsGiven { .. } => s.validations_given,
            Criteria::Verified { .. } => s.verified,
            Criteria::ChallengeCompleted { .. } => s.challenges_completed,
            Criteria::CheckIns { .. } => s.check_ins,
            Criteria::DaysActive { .. } => s.days_active,
        };
        have.min(self.target())
    }

    pub fn met(&self, s: &Stats) -> bool {
        self.progress(s) >= self.target()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn run(days: &[&str]) -> Streak {
        days.iter().fold(Streak::default(), |s, day| s.check_in(d(day)).0)
    }

    #[test]
    fn streaks_count_consecutive_days_once_each() {
        let s = run(&["2026-03-27", "2026-03-28", "2026-03-28", "2026-03-29"]);
        assert_eq!((s.current, s.longest), (3, 3));
        let s = s.check_in(d("2026-04-02")).0;
        assert_eq!((s.current, s.longest), (1, 3), "three missed days and no freeze restart it");
        assert_eq!(s.now(d("2026-04-03")).current, 1, "alive the next day");
        assert_eq!(s.now(d("2026-04-04")).current, 0, "lapsed after a whole missed day");
    }

    #[test]
    fn a_seven_day_streak_earns_a_freeze_that_covers_a_missed_day() {
        let days: Vec<String> = (1..=7).map(|n| format!("2026-05-0{n}")).collect();
        let refs: Vec<&str> = days.iter().map(String::as_str).collect();
        let s = run(&refs);
        assert_eq!((s.current, s.freezes), (7, 1));
        // 8 May missed; on 9 May the freeze covers it: the streak is kept, not lengthened.
        assert_eq!(s.now(d("2026-05-09")).current, 7);
        assert!(s.at_risk(d("2026-05-09")));
        let s = s.check_in(d("2026-05-09")).0;
        assert_eq!((s.current, s.freezes), (8, 0));
        assert_eq!(s.frozen_days, vec![d("2026-05-08")]);
        // Two missed days with no freeze left: over.
        assert_eq!(s.now(d("2026-05-12")).current, 0);
    }

    #[test]
    fn freezes_are_capped_at_two_and_not_spent_on_a_lost_streak() {
        let mut s = Streak::default();
        let start = d("2026-01-01");
        for i in 0..21 {
            s = s.check_in(start + Duration::days(i)).0;
        }
        assert_eq!((s.current, s.freezes), (21, MAX_FREEZES), "7, 14, 21 days earn three; two are held");
        let later = s.clone().settle(d("2026-01-26"));
        assert_eq!((later.current, later.freezes), (0, 2), "four missed days are more than two freezes");
        let kept = s.check_in(d("2026-01-24")).0;
        assert_eq!((kept.current, kept.freezes, kept.frozen_days.len()), (22, 0, 2));
    }

    #[test]
    fn xp_is_capped_per_day_and_levels_grow() {
        assert_eq!(session_xp(20 * 60), 25);
        assert_eq!(session_xp(100 * 3600), 5 + 240, "never more than four hours count");
        assert_eq!(capped(session_xp(4 * 3600), 0), DAILY_XP_CAP);
        assert_eq!(capped(25, 50), 10);
        assert_eq!(capped(25, 70), 0);
        assert_eq!((level_for(0), level_for(99), level_for(100), level_for(300), level_for(599)), (1, 1, 2, 3, 3));
    }

    #[test]
    fn mastery_follows_practice_and_verification() {
        assert_eq!(mastery(0, 0, false, false), 0);
        assert_eq!(mastery(1, 5, false, false), 1);
        assert_eq!(mastery(5, 20, false, false), 2);
        assert_eq!(mastery(15, 150, false, false), 3);
        assert_eq!(mastery(200, 5000, true, false), 4, "verification is needed for 5");
        assert_eq!(mastery(3, 30, true, true), 5);
    }

    #[test]
    fn missing_says_exactly_what_is_left() {
        let u = Unlock::parse(&serde_json::json!({"practice_count": 3, "streak": 2,
            "category_level": {"category": "breath", "level": 2}}))
        .unwrap();
        let names = BTreeMap::from([("breath".to_string(), "Breath".to_string())]);
        let p = UnlockProgress { prerequisite_sessions: 0, days_active: 0, streak: 1, levels: BTreeMap::new() };
        assert_eq!(
            missing(&u, Some("Grounding Breath"), &names, &p),
            vec![
                "practise Grounding Breath 3 more times",
                "reach a 2-day check-in streak (now 1)",
                "reach level 2 in Breath (now 1)"
            ]
        );
        let p = UnlockProgress {
            prerequisite_sessions: 3,
            days_active: 0,
            streak: 2,
            levels: BTreeMap::from([("breath".to_string(), 2)]),
        };
        assert!(missing(&u, Some("Grounding Breath"), &names, &p).is_empty());
        assert!(Unlock::parse(&serde_json::json!({"streak": 0})).is_err());
        assert!(Unlock::parse(&serde_json::json!({"sparkle": 1})).is_err(), "a typo is an error, not a free unlock");
    }

    #[test]
    fn criteria_parse_and_measure() {
        let c = Criteria::parse(&serde_json::json!({"type": "streak", "value": 7})).unwrap();
        let s = Stats { longest_streak: 4, ..Default::default() };
        assert_eq!((c.progress(&s), c.target(), c.met(&s)), (4, 7, false));
        let c =
            Criteria::parse(&serde_json::json!({"type": "category_level", "category": "flow", "value": 3})).unwrap();
        let s = Stats { levels: BTreeMap::from([("flow".into(), 3)]), ..Default::default() };
        assert!(c.met(&s));
        assert!(Criteria::parse(&serde_json::json!({"type": "karma", "value": 1})).is_err());
        assert!(Criteria::parse(&serde_json::json!({"type": "sessions", "value": 0})).is_err());
    }
}
