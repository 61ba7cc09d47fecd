//! Practice rules applied: the library and a technique's page (`library.rs`), saving sessions and
//! check-ins (`sessions.rs`), the member's practice page and achievements (`progress.rs`).

pub mod buddies;
pub mod challenges;
pub mod editor;
mod library;
mod peers;
mod progress;
pub mod referrals;
mod sessions;
mod together;

pub use library::{choose_path, detail, library, set_favourite, set_notes};
pub use peers::{
    leaderboard, peer_practice, privacy, request_verification, review, review_queue, save_privacy, validate, week_of,
    VALIDATOR_MIN_SESSIONS,
};
pub use progress::{achievements, my_practice, send_streak_reminders};
pub use sessions::{check_in, parse_session, save_session, ParsedSession};
pub use together::{events_practised, log_event_session};

use std::collections::BTreeMap;

use chrono::NaiveDate;
use chrono_tz::Tz;
use sqlx::PgConnection;
use uuid::Uuid;

use super::repo::{self, PracticeMember};
use super::rules::{Streak, Unlock, UnlockProgress};
use crate::error::AppError;

pub const SESSIONS_PER_HOUR: u32 = 30;
pub const CHECK_INS_PER_HOUR: u32 = 20;
pub const NOTES_PER_HOUR: u32 = 120;

pub(crate) fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

pub(crate) fn streak_of(m: &PracticeMember) -> Streak {
    Streak {
        current: m.current_streak,
        longest: m.longest_streak,
        last_day: m.last_check_in_day,
        freezes: m.freezes,
        frozen_days: m.frozen_days.clone(),
    }
}

/// The member's check-in streak as of `today` (lapsed streaks read 0, missed days a freeze
/// covers are shown as frozen).
pub fn streak_now(m: &PracticeMember, today: NaiveDate) -> Streak {
    streak_of(m).now(today)
}

/// What unlocking measures for a member, apart from the prerequisite's sessions.
pub(crate) async fn unlock_progress(
    conn: &mut PgConnection,
    member: Uuid,
    m: &PracticeMember,
    today: NaiveDate,
) -> Result<UnlockProgress, sqlx::Error> {
    let levels: BTreeMap<String, i32> =
        repo::levels(&mut *conn, member).await?.into_iter().map(|(slug, _, level)| (slug, level)).collect();
    Ok(UnlockProgress {
        prerequisite_sessions: 0,
        days_active: m.days_active,
        streak: streak_of(m).now(today).current,
        levels,
    })
}

/// Unlocks every technique whose criteria the member now meets, in the caller's transaction.
/// Returns their names.
pub(crate) async fn evaluate_unlocks(
    conn: &mut PgConnection,
    member: Uuid,
    m: &PracticeMember,
    today: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<String>, AppError> {
    let locked = repo::locked_techniques(&mut *conn, member).await?;
    if locked.is_empty() {
        return Ok(Vec::new());
    }
    let base = unlock_progress(&mut *conn, member, m, today).await?;
    let no_names = BTreeMap::new();
    let mut ids = Vec::new();
    let mut names = Vec::new();
    for (id, name, unlock, pre_name, pre_sessions) in locked {
        let Ok(rule) = Unlock::parse(&unlock) else {
            tracing::warn!(technique = %id, "technique with unreadable unlock criteria stays locked");
            continue;
        };
        let p = UnlockProgress { prerequisite_sessions: pre_sessions, ..base.clone() };
        if super::rules::missing(&rule, pre_name.as_deref(), &no_names, &p).is_empty() {
            ids.push(id);
            names.push(name);
        }
    }
    if !ids.is_empty() {
        repo::unlock(&mut *conn, member, &ids, now).await?;
    }
    Ok(names)
}

/// A plain search phrase for ILIKE: `%`, `_` and `\` match themselves.
pub(crate) fn like_pattern(q: &str) -> String {
    let mut out = String::with_capacity(q.len() + 2);
    out.push('%');
    for c in q.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('%');
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_escape_wildcards() {
        assert_eq!(super::like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }
}
