//! Practising together: after a group practice, class, workshop or mentor session that named a
//! technique, the people who went log it in one click — as a group session, or as teaching for
//! those who ran it. The events themselves belong to the events domain; this only reads them.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use super::sessions::LOG_BACK_DAYS;
use super::zone;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::practice::model::{EventPractice, Saved, SessionForm};
use crate::practice::repo::{self, EventPracticeRow};
use crate::practice::rules::{MAX_SESSION_SECONDS, MIN_SESSION_SECONDS};
use crate::server::state::AppState;

/// How many recent events the page lists.
const LISTED: i64 = 30;

fn seconds_of(r: &EventPracticeRow) -> i32 {
    (r.ends_at - r.starts_at).num_seconds().clamp(MIN_SESSION_SECONDS as i64, MAX_SESSION_SECONDS as i64) as i32
}

fn kind_label(key: &str) -> String {
    crate::events::model::EventType::parse(key).map(|t| t.label().to_string()).unwrap_or_default()
}

/// The member's practising events of the last 30 days, latest first.
pub async fn events_practised(
    state: &AppState,
    me: &CurrentMember,
    now: DateTime<Utc>,
) -> Result<Vec<EventPractice>, AppError> {
    let tz = zone(&repo::member_zone(&state.pool, me.member_id).await?);
    let rows =
        repo::events_practised(&state.pool, me.member_id, now - Duration::days(LOG_BACK_DAYS), now, None, LISTED)
            .await?;
    Ok(rows
        .into_iter()
        .filter(|r| r.starts_at >= now - Duration::days(LOG_BACK_DAYS))
        .map(|r| EventPractice {
            event_id: r.event_id,
            kind: kind_label(&r.event_type),
            when: crate::events::when::range(r.starts_at, r.ends_at, tz),
            minutes: seconds_of(&r) / 60,
            teaching: r.runs,
            logged: r.logged,
            title: r.title,
            technique_slug: r.technique_slug,
            technique_name: r.technique_name,
        })
        .collect())
}

/// Logs the event as the member's session: its technique, its start, its length (at most four
/// hours), group or teaching. Only for someone who went or ran it, once it is over.
pub async fn log_event_session(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Saved, AppError> {
    let since = now - Duration::days(LOG_BACK_DAYS);
    let row = repo::events_practised(&state.pool, me.member_id, since, now, Some(event_id), 1)
        .await?
        .into_iter()
        .next()
        .ok_or(AppError::NotFound)?;
    if row.starts_at < since {
        return Err(AppError::invalid("event", format!("Sessions can be logged up to {LOG_BACK_DAYS} days back.")));
    }
    if row.logged {
        return Err(AppError::invalid("event", "This event is already in your practice."));
    }
    let form = SessionForm {
        technique: row.technique_slug.clone(),
        started_at: row.starts_at.to_rfc3339(),
        seconds: seconds_of(&row).to_string(),
        kind: match (row.runs, row.event_type.as_str()) {
            (true, _) => "teaching",
            (false, "mentor_session") => "guided",
            _ => "group",
        }
        .into(),
        notes: format!("At {}", row.title).chars().take(crate::practice::model::NOTES_MAX).collect(),
        ..Default::default()
    };
    super::save_session(state, me, &form, Some(event_id), now).await
}
