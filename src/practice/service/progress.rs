//! The member's practice page, achievements and their evaluation.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use super::{streak_of, zone};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::{model::NotificationKind, repo::Note};
use crate::paging::{decode_cursor, encode_cursor};
use crate::practice::model::{
    AchievementView, Achievements, CategoryProgress, DayMark, MoodPoint, MyPractice, StreakSummary, WeekMinutes,
};
use crate::practice::repo::{self, achievements as defs, PracticeMember};
use crate::practice::rules::{self, Criteria, Stats};
use crate::server::state::AppState;

pub const RECENT: i64 = 20;
pub const WEEKS: i64 = 12;
pub const STRIP_DAYS: i64 = 28;
pub const MOODS: i64 = 30;

pub async fn my_practice(
    state: &AppState,
    me: &CurrentMember,
    older: Option<&str>,
    now: DateTime<Utc>,
) -> Result<MyPractice, AppError> {
    let before = match older.map(str::trim).filter(|s| !s.is_empty()) {
        Some(raw) => {
            Some(decode_cursor(raw).ok_or_else(|| AppError::invalid("older", "That page link is not valid."))?)
        }
        None => None,
    };
    let mut conn = state.pool.acquire().await?;
    let time_zone = repo::member_zone(&mut *conn, me.member_id).await?;
    let today = now.with_timezone(&zone(&time_zone)).date_naive();
    let m = repo::practice_member(&mut *conn, me.member_id).await?;
    let streak = streak_of(&m).now(today);

    let strip_start = today - Duration::days(STRIP_DAYS - 1);
    let checked: BTreeSet<NaiveDate> =
        repo::check_in_days(&mut *conn, me.member_id, strip_start).await?.into_iter().collect();
    let frozen: BTreeSet<NaiveDate> = streak.frozen_days.iter().copied().collect();
    let days = (0..STRIP_DAYS)
        .map(|i| {
            let day = strip_start + Duration::days(i);
            let mark = if checked.contains(&day) {
                DayMark::CheckedIn
            } else if day == today {
                DayMark::Today
            } else if frozen.contains(&day) {
                DayMark::Frozen
            } else {
                DayMark::Missed
            };
            (day, mark)
        })
        .collect();

    let categories = repo::categories(&mut *conn).await?;
    let xp: BTreeMap<String, (i32, i32)> = repo::levels(&mut *conn, me.member_id)
        .await?
        .into_iter()
        .map(|(slug, xp, level)| (slug, (xp, level)))
        .collect();
    let progress = categories
        .iter()
        .map(|c| {
            let (xp, level) = xp.get(&c.slug).copied().unwrap_or((0, 1));
            CategoryProgress {
                category: c.clone(),
                xp,
                level,
                level_floor: rules::xp_for_level(level),
                next_level_at: rules::xp_for_level(level + 1),
            }
        })
        .collect();

    let monday = today - Duration::days(today.weekday().num_days_from_monday() as i64);
    let first_week = monday - Duration::weeks(WEEKS - 1);
    let rows = repo::weekly_minutes(&mut *conn, me.member_id, first_week).await?;
    let weeks = (0..WEEKS)
        .map(|i| {
            let week_start = first_week + Duration::weeks(i);
            let minutes =
                rows.iter().filter(|(w, _, _)| *w == week_start).map(|(_, slug, min)| (slug.clone(), *min)).collect();
            WeekMinutes { week_start, minutes }
        })
        .collect();

    let moods = repo::moods(&mut *conn, me.member_id, MOODS)
        .await?
        .into_iter()
        .map(|(day, before, after)| MoodPoint { day, before, after })
        .collect();
    let mut recent = repo::sessions(&mut *conn, me.member_id, before, RECENT + 1).await?;
    let older = if recent.len() as i64 > RECENT {
        recent.truncate(RECENT as usize);
        recent.last().map(|s| encode_cursor(s.started_at, s.session_id))
    } else {
        None
    };
    let techniques = repo::practisable(&mut *conn, me.member_id).await?;
    let (earned, total) = defs::counts(&mut *conn, me.member_id).await?;
    let since = now - chrono::Duration::days(super::sessions::LOG_BACK_DAYS);
    let events_to_log = repo::events_practised(&mut *conn, me.member_id, since, now, None, 10)
        .await?
        .iter()
        .filter(|e| !e.logged && e.starts_at >= since)
        .count() as i32;
    Ok(MyPractice {
        streak: StreakSummary {
            current: streak.current,
            longest: streak.longest,
            freezes: streak.freezes,
            checked_in_today: checked.contains(&today),
        },
        days,
        sessions: m.sessions,
        minutes: m.seconds / 60,
        days_active: m.days_active,
        check_ins: m.check_ins,
        categories: progress,
        weeks,
        moods,
        recent,
        older,
        time_zone,
        techniques,
        achievements_earned: earned as i32,
        achievements_total: total as i32,
        events_to_log,
    })
}

/// What achievements measure, from the member's counters (their row is locked by the caller
/// when this runs inside an action).
async fn stats(conn: &mut PgConnection, member: Uuid, m: &PracticeMember) -> Result<Stats, sqlx::Error> {
    let levels =
        repo::levels(&mut *conn, member).await?.into_iter().map(|(slug, _, level)| (slug, level as i64)).collect();
    Ok(Stats {
        longest_streak: m.longest_streak as i64,
        sessions: m.sessions as i64,
        minutes: m.seconds / 60,
        techniques_unlocked: repo::unlocked_count(&mut *conn, member).await?,
        levels,
        validations_given: m.validations_given as i64,
        verified: m.verified as i64,
        challenges_completed: m.challenges_completed as i64,
        check_ins: m.check_ins as i64,
        days_active: m.days_active as i64,
    })
}

/// Grants every achievement whose criteria are now met, in the caller's transaction, and
/// notifies the member of each. Returns their names.
pub(crate) async fn evaluate_achievements(
    conn: &mut PgConnection,
    member: Uuid,
    m: &PracticeMember,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    let unearned = defs::unearned(&mut *conn, member).await?;
    if unearned.is_empty() {
        return Ok(Vec::new());
    }
    let s = stats(&mut *conn, member, m).await?;
    let met: Vec<(Uuid, String)> = unearned
        .into_iter()
        .filter(|(id, _, criteria)| match Criteria::parse(criteria) {
            Ok(c) => c.met(&s),
            Err(e) => {
                tracing::warn!(achievement = %id, error = %e, "achievement with unreadable criteria is skipped");
                false
            }
        })
        .map(|(id, name, _)| (id, name))
        .collect();
    if met.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<Uuid> = met.iter().map(|(id, _)| *id).collect();
    let granted = defs::grant(&mut *conn, member, &ids, now).await?;
    let mut names = Vec::new();
    for (id, name) in met {
        if granted.contains(&id) {
            let message = format!("Achievement earned: {name}");
            crate::notifications::repo::notify(
                &mut *conn,
                Note {
                    member_id: member,
                    kind: NotificationKind::Achievement,
                    actor_id: None,
                    post_id: None,
                    message: &message,
                    link: "/practice/achievements",
                },
            )
            .await?;
            names.push(name);
        }
    }
    Ok(names)
}

pub async fn achievements(state: &AppState, me: &CurrentMember) -> Result<Achievements, AppError> {
    let mut conn = state.pool.acquire().await?;
    let m = repo::practice_member(&mut *conn, me.member_id).await?;
    let s = stats(&mut conn, me.member_id, &m).await?;
    let mut earned = Vec::new();
    let mut in_progress = Vec::new();
    let mut hidden_left = 0;
    let mut points = 0;
    for d in defs::all(&mut *conn, me.member_id).await? {
        let Ok(c) = Criteria::parse(&d.criteria) else { continue };
        if d.earned_at.is_none() && d.hidden {
            hidden_left += 1;
            continue;
        }
        let view = AchievementView {
            slug: d.slug,
            name: d.name,
            description: d.description,
            points: d.points,
            category: d.category,
            earned_at: d.earned_at,
            progress: if d.earned_at.is_some() { c.target() } else { c.progress(&s) },
            target: c.target(),
        };
        if d.earned_at.is_some() {
            points += d.points as i64;
            earned.push(view);
        } else {
            in_progress.push(view);
        }
    }
    earned.sort_by(|a, b| b.earned_at.cmp(&a.earned_at));
    // Nearest first: the largest share done.
    in_progress.sort_by(|a, b| (b.progress * a.target).cmp(&(a.progress * b.target)).then(a.points.cmp(&b.points)));
    Ok(Achievements { earned, in_progress, hidden_left, points })
}

/// The evening "streak at risk" reminder, once per member per local day across any number of
/// instances (the claim marks them reminded in the same transaction). Returns how many were sent.
pub async fn send_streak_reminders(pool: &sqlx::PgPool, now: DateTime<Utc>) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let due = repo::claim_streak_reminders(&mut tx, now, 500).await?;
    for (member, streak) in &due {
        let message = format!("Your {streak}-day practice streak is waiting for today's check-in.");
        crate::notifications::repo::notify(
            &mut *tx,
            Note {
                member_id: *member,
                kind: NotificationKind::Achievement,
                actor_id: None,
                post_id: None,
                message: &message,
                link: "/practice/me#check-in",
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(due.len())
}
