//! SQL for calendar exports (the private feed and its secret token) and the reminder job.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::EventRow;
use crate::events::model::{EventStatus, EventType};

/// The private calendar feed: events the member is going to, waiting for or interested in,
/// from 90 days ago on.
pub async fn feed_events(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as!(
        EventRow,
        r#"select e.event_id, e.series_id, e.organizer_id, m.username as organizer_username,
                  m.display_name as organizer_name, m.avatar_id as organizer_avatar_id,
                  e.title, e.description, e.description_html,
                  e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.is_online, e.venue, e.address, e.city, e.country,
                  e.latitude, e.longitude, e.meeting_url, e.price_text, e.currency, e.ticket_url, e.capacity,
                  e.tags, e.going_count, e.interested_count, e.waitlist_count, e.comment_count, e.sequence,
                  e.updated_at, e.community_id, co.slug as "community_slug?", co.name as "community_name?",
                  null::text as "technique_slug?", null::text as "technique_name?", null::text as "technique_category?"
           from event_rsvps r
           join events e on e.event_id = r.event_id
           join members m on m.member_id = e.organizer_id
           left join communities co on co.community_id = e.community_id
           where r.member_id = $1 and r.status in ('going', 'interested', 'waitlisted') and e.status <> 'draft'
             and (e.community_id is null or community_readable(e.community_id, $1))
             and e.starts_at > now() - interval '90 days'
           order by e.starts_at
           limit 500"#,
        member_id
    )
    .fetch_all(db)
    .await
}

pub async fn feed_token(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!("select token from calendar_feeds where member_id = $1", member_id).fetch_optional(db).await
}

pub async fn set_feed_token(db: impl PgExecutor<'_>, member_id: Uuid, token: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into calendar_feeds (member_id, token) values ($1, $2)
         on conflict (member_id) do update set token = excluded.token, created_at = now()",
        member_id,
        token
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn revoke_feed(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from calendar_feeds where member_id = $1", member_id).execute(db).await?;
    Ok(())
}

pub async fn feed_owner(db: impl PgExecutor<'_>, token: &str) -> Result<Option<(Uuid, String)>, sqlx::Error> {
    Ok(sqlx::query!(
        "select f.member_id, m.display_name from calendar_feeds f join members m on m.member_id = f.member_id
         where f.token = $1",
        token
    )
    .fetch_optional(db)
    .await?
    .map(|r| (r.member_id, r.display_name)))
}

/// Events starting within the next day whose reminder is due, claimed atomically (so with
/// several server instances each reminder is sent once).
pub async fn claim_due_reminders(
    db: &mut PgConnection,
) -> Result<Vec<(Uuid, String, DateTime<Utc>, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "update events set reminder_sent_at = now()
         where event_id in (
             select event_id from events
             where status = 'published' and reminder_sent_at is null
               and starts_at > now() and starts_at <= now() + interval '24 hours'
             order by starts_at
             limit 500
             for update skip locked)
         returning event_id, title, starts_at, time_zone"
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.event_id, r.title, r.starts_at, r.time_zone)).collect())
}
