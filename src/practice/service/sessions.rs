//! Saving a session (with its XP, the technique's record, an optional check-in, unlocks and
//! achievements) and a check-in on its own: each in one transaction, one member's actions one at
//! a time.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::PgConnection;
use uuid::Uuid;

use super::{evaluate_unlocks, streak_of, zone, CHECK_INS_PER_HOUR, SESSIONS_PER_HOUR};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::practice::model::{CheckInForm, Feedback, Saved, SessionForm, SessionKind, CHECK_IN_NOTE_MAX, NOTES_MAX};
use crate::practice::repo::{self, NewSession, PracticeMember};
use crate::practice::rules::{self, MAX_SESSION_SECONDS, MIN_SESSION_SECONDS};
use crate::server::{rate_limit, state::AppState};

/// How far back a session can be logged.
pub const LOG_BACK_DAYS: i64 = 30;
/// Clock slack between a browser and the server.
const SLACK_SECS: i64 = 120;
/// Frozen days kept for the streak page.
const FROZEN_KEPT: usize = 60;

#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSession {
    pub technique: String,
    pub start: DateTime<Utc>,
    pub seconds: i32,
    pub feedback: Option<Feedback>,
    pub kind: SessionKind,
    pub notes: String,
    /// (mood before, mood after) when the session is also today's check-in.
    pub check_in: Option<(i16, i16)>,
}

fn mood(raw: &str, field: &str, label: &str) -> Result<i16, AppError> {
    match raw.trim().parse::<i16>() {
        Ok(n) if (1..=10).contains(&n) => Ok(n),
        _ => Err(AppError::invalid(field, format!("{label}: choose a number from 1 to 10."))),
    }
}

/// Reads a session form: a timer's RFC 3339 start and seconds, or a local start (in `tz`) and
/// minutes typed by hand. Checks the rules that need no database.
pub fn parse_session(f: &SessionForm, tz: Tz, now: DateTime<Utc>) -> Result<ParsedSession, AppError> {
    let technique = f.technique.trim().to_string();
    if technique.is_empty() {
        return Err(AppError::invalid("technique", "Choose a technique."));
    }
    let (start, seconds) = if !f.started_at.trim().is_empty() {
        let start = DateTime::parse_from_rfc3339(f.started_at.trim())
            .map_err(|_| AppError::invalid("start", "The timer's start time could not be read."))?
            .with_timezone(&Utc);
        let seconds = f
            .seconds
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::invalid("duration", "The timer's duration could not be read."))?;
        (start, seconds)
    } else {
        let raw = f.start_local.trim();
        if raw.is_empty() {
            return Err(AppError::invalid("start", "When did you start? Enter a date and time."));
        }
        let naive = NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
            .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
            .map_err(|_| AppError::invalid("start", "Enter the start as a date and time."))?;
        let start = tz.from_local_datetime(&naive).earliest().ok_or_else(|| {
            AppError::invalid("start", "That time does not exist in your time zone (the clocks moved). Pick another.")
        })?;
        let minutes = f
            .minutes
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::invalid("duration", "How many minutes? Enter a whole number."))?;
        (start.with_timezone(&Utc), minutes.saturating_mul(60))
    };
    if seconds < MIN_SESSION_SECONDS as i64 {
        return Err(AppError::invalid("duration", "A session is at least one minute long."));
    }
    if seconds > MAX_SESSION_SECONDS as i64 {
        return Err(AppError::invalid(
            "duration",
            "A session is at most 4 hours. Was the timer left running? Log what you practised.",
        ));
    }
    let seconds = seconds as i32;
    let end = start + chrono::Duration::seconds(seconds as i64);
    if end > now + chrono::Duration::seconds(SLACK_SECS) {
        return Err(AppError::invalid("start", "A session can't end in the future."));
    }
    if start < now - chrono::Duration::days(LOG_BACK_DAYS) {
        return Err(AppError::invalid("start", format!("Sessions can be logged up to {LOG_BACK_DAYS} days back.")));
    }
    let feedback = match f.feedback.trim() {
        "" => None,
        raw => Some(Feedback::parse(raw).ok_or_else(|| AppError::invalid("feedback", "Choose how it went."))?),
    };
    let kind = match f.kind.trim() {
        "" => SessionKind::Solo,
        raw => SessionKind::parse(raw).ok_or_else(|| AppError::invalid("kind", "Choose how you practised."))?,
    };
    let notes = f.notes.trim().to_string();
    if notes.chars().count() > NOTES_MAX {
        return Err(AppError::invalid("notes", format!("Notes are at most {NOTES_MAX} characters.")));
    }
    let check_in = if matches!(f.check_in.trim(), "on" | "true" | "1") {
        Some((mood(&f.mood_before, "mood_before", "Mood before")?, mood(&f.mood_after, "mood_after", "Mood after")?))
    } else {
        None
    };
    Ok(ParsedSession { technique, start, seconds, feedback, kind, notes, check_in })
}

fn local_time(at: DateTime<Utc>, tz: Tz) -> String {
    at.with_timezone(&tz).format("%e %b, %H:%M").to_string().trim().to_string()
}

pub async fn save_session(
    state: &AppState,
    me: &CurrentMember,
    form: &SessionForm,
    event_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let tz = zone(&repo::member_zone(&state.pool, me.member_id).await?);
    let s = parse_session(form, tz, now)?;
    let today = now.with_timezone(&tz).date_naive();
    let local_day = s.start.with_timezone(&tz).date_naive();
    if s.check_in.is_some() && local_day != today {
        return Err(AppError::invalid("check_in", "A check-in is for today; this session was on another day."));
    }
    rate_limit::hit(
        &state.pool,
        &format!("practice:session:{}", me.member_id),
        SESSIONS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let t = repo::technique(&state.pool, &s.technique)
        .await?
        .filter(|t| t.active)
        .ok_or_else(|| AppError::invalid("technique", "Choose a technique from the library."))?;

    let mut tx = state.pool.begin().await?;
    let mut m = repo::lock_member(&mut tx, me.member_id).await?;
    let mut opened_by_event = None;
    if !t.open() {
        let mt = repo::member_technique(&mut *tx, me.member_id, t.technique_id).await?;
        if mt.and_then(|mt| mt.unlocked_at).is_none() {
            if event_id.is_none() {
                return Err(AppError::invalid(
                    "technique",
                    format!("{} is still locked. Its page says what opens it.", t.name),
                ));
            }
            // Practised with a teacher at an event: that opens it.
            repo::unlock(&mut tx, me.member_id, &[t.technique_id], now).await?;
            opened_by_event = Some(t.name.clone());
        }
    }
    let end = s.start + chrono::Duration::seconds(s.seconds as i64);
    if let Some((at, name)) = repo::overlapping(&mut tx, me.member_id, s.start, end).await? {
        return Err(AppError::invalid(
            "start",
            format!("This overlaps your {name} session at {}. Sessions can't overlap.", local_time(at, tz)),
        ));
    }
    let new_day = !repo::practised_on(&mut tx, me.member_id, local_day).await?;
    let session_id = repo::insert_session(
        &mut tx,
        NewSession {
            member: me.member_id,
            technique_id: t.technique_id,
            category_id: t.category_id,
            started_at: s.start,
            seconds: s.seconds,
            local_day,
            feedback: s.feedback,
            kind: s.kind,
            notes: &s.notes,
            event_id,
        },
    )
    .await
    .map_err(|e| match &e {
        sqlx::Error::Database(db) if db.constraint() == Some("practice_sessions_no_overlap") => {
            AppError::invalid("start", "This overlaps another of your sessions. Sessions can't overlap.")
        }
        sqlx::Error::Database(db) if db.constraint() == Some("practice_sessions_event_key") => {
            AppError::invalid("event", "This event is already in your practice.")
        }
        _ => AppError::from(e),
    })?;

    // The technique's record and mastery.
    let (n, secs, verified) =
        repo::add_technique_session(&mut tx, me.member_id, t.technique_id, s.start, s.seconds).await?;
    repo::set_mastery(
        &mut tx,
        me.member_id,
        t.technique_id,
        rules::mastery(n, secs / 60, t.requires_verification, verified),
    )
    .await?;

    // XP in the category, capped per local day; the spirit guide's share once per session.
    let gained_today = repo::xp_today(&mut tx, me.member_id, t.category_id, local_day).await?;
    let raw = rules::session_xp(s.seconds);
    let gain = rules::capped(raw, gained_today);
    let (before, after) = repo::add_xp(&mut tx, me.member_id, t.category_id, local_day, gain).await?;
    let level = rules::level_for(after);
    repo::set_level(&mut tx, me.member_id, t.category_id, level).await?;
    repo::set_session_xp(&mut tx, session_id, gain).await?;
    if gain > 0 {
        crate::oracle::repo::award_xp(
            &mut tx,
            me.member_id,
            "practice",
            &format!("practice:{session_id}"),
            gain.min(rules::GUIDE_XP),
        )
        .await?;
    }

    repo::add_weekly(&mut tx, me.member_id, t.category_id, super::week_of(s.start), s.seconds, m.on_leaderboards)
        .await?;
    m.challenges_completed +=
        super::challenges::on_session(&mut tx, me.member_id, local_day, t.category_id, now).await?;
    m.sessions += 1;
    m.seconds += s.seconds as i64;
    if new_day {
        m.days_active += 1;
        if m.days_active == crate::practice::model::REFERRAL_DAYS {
            if super::referrals::on_third_day(&mut tx, me.member_id, &me.display_name, now).await? {
                m.freezes = (m.freezes + 1).min(crate::practice::rules::MAX_FREEZES);
            }
        }
    }
    let mut freeze_earned = false;
    if let Some((before_mood, after_mood)) = s.check_in {
        freeze_earned = record_check_in(
            &mut tx,
            me.member_id,
            &mut m,
            today,
            (before_mood, after_mood),
            Some(t.technique_id),
            Some(session_id),
            "",
        )
        .await?;
    }
    repo::save_member(&mut tx, me.member_id, &m).await?;
    let mut unlocked = evaluate_unlocks(&mut tx, me.member_id, &m, today, now).await?;
    unlocked.extend(opened_by_event);
    let achievements = super::progress::evaluate_achievements(&mut tx, me.member_id, &m, now).await?;
    tx.commit().await?;
    Ok(Saved {
        session_id: Some(session_id),
        xp: gain,
        capped: gain < raw,
        category: t.category.name,
        level,
        levelled_up: level > rules::level_for(before),
        streak: streak_of(&m).now(today).current,
        checked_in: s.check_in.is_some(),
        freeze_earned,
        unlocked,
        achievements,
    })
}

/// Today's check-in on its own (mood before and after the day's practice).
pub async fn check_in(
    state: &AppState,
    me: &CurrentMember,
    f: &CheckInForm,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let before = mood(&f.mood_before, "mood_before", "Mood before")?;
    let after = mood(&f.mood_after, "mood_after", "Mood after")?;
    let note = f.note.trim();
    if note.chars().count() > CHECK_IN_NOTE_MAX {
        return Err(AppError::invalid("note", format!("A note is at most {CHECK_IN_NOTE_MAX} characters.")));
    }
    let technique = match f.technique.trim() {
        "" => None,
        slug => Some(
            repo::technique_id_by_slug(&state.pool, slug)
                .await?
                .ok_or_else(|| AppError::invalid("technique", "Choose a technique from the list."))?,
        ),
    };
    rate_limit::hit(
        &state.pool,
        &format!("practice:checkin:{}", me.member_id),
        CHECK_INS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let tz = zone(&repo::member_zone(&state.pool, me.member_id).await?);
    let today = now.with_timezone(&tz).date_naive();
    let mut tx = state.pool.begin().await?;
    let mut m = repo::lock_member(&mut tx, me.member_id).await?;
    let freeze_earned =
        record_check_in(&mut tx, me.member_id, &mut m, today, (before, after), technique, None, note).await?;
    repo::save_member(&mut tx, me.member_id, &m).await?;
    let unlocked = evaluate_unlocks(&mut tx, me.member_id, &m, today, now).await?;
    let achievements = super::progress::evaluate_achievements(&mut tx, me.member_id, &m, now).await?;
    tx.commit().await?;
    Ok(Saved {
        streak: streak_of(&m).now(today).current,
        checked_in: true,
        freeze_earned,
        unlocked,
        achievements,
        ..Saved::default()
    })
}

/// Records the day's check-in and moves the streak (spending freezes on missed days, earning
/// one every 7 days). Returns whether a freeze was earned.
#[allow(clippy::too_many_arguments)]
async fn record_check_in(
    conn: &mut PgConnection,
    member: Uuid,
    m: &mut PracticeMember,
    today: NaiveDate,
    moods: (i16, i16),
    technique: Option<Uuid>,
    session: Option<Uuid>,
    note: &str,
) -> Result<bool, AppError> {
    if !repo::insert_check_in(conn, member, today, moods.0, moods.1, technique, session, note).await? {
        return Err(AppError::invalid("check_in", "You already checked in today. Come back tomorrow."));
    }
    let (s, earned) = streak_of(m).check_in(today);
    m.current_streak = s.current;
    m.longest_streak = s.longest;
    m.last_check_in_day = s.last_day;
    m.freezes = s.freezes;
    let skip = s.frozen_days.len().saturating_sub(FROZEN_KEPT);
    m.frozen_days = s.frozen_days[skip..].to_vec();
    m.check_ins += 1;
    Ok(earned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(start_local: &str, minutes: &str) -> SessionForm {
        SessionForm {
            technique: "grounding-breath".into(),
            start_local: start_local.into(),
            minutes: minutes.into(),
            ..Default::default()
        }
    }

    fn now() -> DateTime<Utc> {
        "2026-03-29T12:00:00Z".parse().unwrap()
    }

    fn field(r: Result<ParsedSession, AppError>) -> String {
        match r {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected a field error, got {other:?}"),
        }
    }

    #[test]
    fn hand_logged_sessions_are_local_and_bounded() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let s = parse_session(&form("2026-03-29T09:30", "20"), tz, now()).unwrap();
        assert_eq!(s.start, "2026-03-29T07:30:00Z".parse::<DateTime<Utc>>().unwrap(), "summer time began at 02:00");
        assert_eq!(s.seconds, 1200);
        assert_eq!(
            field(parse_session(&form("2026-03-29T02:30", "20"), tz, now())),
            "start",
            "a time the clocks skipped"
        );
        assert_eq!(field(parse_session(&form("2026-03-29T13:50", "20"), tz, now())), "start", "ends in the future");
        assert_eq!(field(parse_session(&form("2026-03-29T08:00", "241"), tz, now())), "duration");
        assert_eq!(field(parse_session(&form("2026-03-29T08:00", "0"), tz, now())), "duration");
        assert_eq!(field(parse_session(&form("2026-01-01T08:00", "20"), tz, now())), "start", "too long ago");
        assert_eq!(field(parse_session(&form("", "20"), tz, now())), "start");
    }

    #[test]
    fn timer_sessions_and_check_ins_are_read() {
        let f = SessionForm {
            technique: "axis-walk".into(),
            started_at: "2026-03-29T11:00:00Z".into(),
            seconds: "900".into(),
            feedback: "good".into(),
            kind: "group".into(),
            check_in: "on".into(),
            mood_before: "4".into(),
            mood_after: "7".into(),
            ..Default::default()
        };
        let s = parse_session(&f, Tz::UTC, now()).unwrap();
        assert_eq!(
            (s.seconds, s.feedback, s.kind, s.check_in),
            (900, Some(Feedback::Good), SessionKind::Group, Some((4, 7)))
        );
        let bad = SessionForm { mood_after: "11".into(), ..f.clone() };
        assert_eq!(field(parse_session(&bad, Tz::UTC, now())), "mood_after");
        let long = SessionForm { seconds: "14401".into(), ..f };
        assert_eq!(field(parse_session(&long, Tz::UTC, now())), "duration");
    }
}
