//! SQL for RSVPs and the waitlist. Every change locks the event row first, so capacity checks
//! and counters are serialised per event and never race.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::events::model::{EventStatus, MemberRef, RsvpStatus};

pub struct LockedEvent {
    pub status: EventStatus,
    pub starts_at: DateTime<Utc>,
    pub capacity: Option<i32>,
    pub organizer_id: Uuid,
    pub title: String,
    /// Whether the member this lock is for may read the event's community (true outside one).
    pub readable: bool,
}

pub async fn lock_event(
    db: &mut PgConnection,
    event_id: Uuid,
    member_id: Uuid,
) -> Result<Option<LockedEvent>, sqlx::Error> {
    sqlx::query_as!(
        LockedEvent,
        r#"select status as "status: EventStatus", starts_at, capacity, organizer_id, title,
                  (community_id is null or community_readable(community_id, $2)) as "readable!"
           from events where event_id = $1 for update"#,
        event_id,
        member_id
    )
    .fetch_optional(db)
    .await
}

/// Whether the member shares their email with the event's organisers (None: no answer yet).
pub async fn shares_email(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    member_id: Uuid,
) -> Result<Option<bool>, sqlx::Error> {
    sqlx::query_scalar!(
        "select shares_email from event_rsvps where event_id = $1 and member_id = $2",
        event_id,
        member_id
    )
    .fetch_optional(db)
    .await
}

/// Sets the choice on the member's answer; false when they have not answered.
pub async fn set_shares_email(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    member_id: Uuid,
    share: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update event_rsvps r set shares_email = $3 from events e
         where r.event_id = $1 and r.member_id = $2 and e.event_id = r.event_id
           and (e.community_id is null or community_readable(e.community_id, r.member_id))",
        event_id,
        member_id,
        share
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn rsvp_of(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    member_id: Uuid,
) -> Result<Option<RsvpStatus>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select status as "status: RsvpStatus" from event_rsvps where event_id = $1 and member_id = $2"#,
        event_id,
        member_id
    )
    .fetch_optional(db)
    .await
}

/// Sets a member's RSVP. Joining the waitlist stamps the arrival time (kept if already waiting).
pub async fn set_rsvp(
    db: &mut PgConnection,
    event_id: Uuid,
    member_id: Uuid,
    status: RsvpStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into event_rsvps (event_id, member_id, status, waitlisted_at)
         values ($1, $2, $3, case when $3 = 'waitlisted'::rsvp_status then clock_timestamp() end)
         on conflict (event_id, member_id) do update set
             status = excluded.status,
             waitlisted_at = case when excluded.status = 'waitlisted'::rsvp_status
                                  then coalesce(event_rsvps.waitlisted_at, clock_timestamp()) end,
             updated_at = now()",
        event_id,
        member_id,
        status as RsvpStatus
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_rsvp(db: &mut PgConnection, event_id: Uuid, member_id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!("delete from event_rsvps where event_id = $1 and member_id = $2", event_id, member_id)
        .execute(db)
        .await?
        .rows_affected()
        > 0)
}

pub async fn going_count(db: &mut PgConnection, event_id: Uuid) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from event_rsvps where event_id = $1 and status = 'going'"#,
        event_id
    )
    .fetch_one(db)
    .await?)
}

/// The first member waiting (first come, first served).
pub async fn first_waitlisted(db: &mut PgConnection, event_id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select member_id from event_rsvps where event_id = $1 and status = 'waitlisted'
         order by waitlisted_at, member_id limit 1",
        event_id
    )
    .fetch_optional(db)
    .await
}

/// 1-based waitlist position of a member (None when not waiting).
pub async fn waitlist_position(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    member_id: Uuid,
) -> Result<Option<i64>, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from event_rsvps w
           join event_rsvps me on me.event_id = w.event_id and me.member_id = $2 and me.status = 'waitlisted'
           where w.event_id = $1 and w.status = 'waitlisted' and (w.waitlisted_at, w.member_id) <= (me.waitlisted_at, me.member_id)"#,
        event_id,
        member_id
    )
    .fetch_one(db)
    .await
    .map(|n| (n > 0).then_some(n))?)
}

/// Recounts the event's RSVP counters from the RSVP rows (the event row is locked).
pub async fn recount(db: &mut PgConnection, event_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update events e set
             going_count = c.going, interested_count = c.interested, waitlist_count = c.waiting
         from (select count(*) filter (where status = 'going')::int as going,
                      count(*) filter (where status = 'interested')::int as interested,
                      count(*) filter (where status = 'waitlisted')::int as waiting
               from event_rsvps where event_id = $1) c
         where e.event_id = $1",
        event_id
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_capacity(db: &mut PgConnection, event_id: Uuid, capacity: Option<i32>) -> Result<(), sqlx::Error> {
    sqlx::query!("update events set capacity = $2, updated_at = now() where event_id = $1", event_id, capacity)
        .execute(db)
        .await?;
    Ok(())
}

/// The members with one of these answers who may still read the event: after a ban or a kick
/// from its community their answer stays, but nothing reaches them through it.
pub async fn members_with(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    states: &[RsvpStatus],
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select r.member_id from event_rsvps r join events e on e.event_id = r.event_id
         where r.event_id = $1 and r.status = any($2)
           and (e.community_id is null or community_readable(e.community_id, r.member_id))",
        event_id,
        states as &[RsvpStatus]
    )
    .fetch_all(db)
    .await
}

/// A few members going, for the event page.
pub async fn some_going(db: impl PgExecutor<'_>, event_id: Uuid, limit: i64) -> Result<Vec<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select m.member_id, m.username, m.display_name, m.avatar_id
         from event_rsvps r join members m on m.member_id = r.member_id
         where r.event_id = $1 and r.status = 'going' order by r.created_at limit $2",
        event_id,
        limit
    )
    .fetch_all(db)
    .await
}

pub struct AttendeeRow {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    /// Only when the attendee chose to share it with the organisers.
    pub email: Option<String>,
    pub status: RsvpStatus,
    pub position: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// Everyone who answered, going first, then the waitlist in order, then the rest.
pub async fn attendees(db: impl PgExecutor<'_>, event_id: Uuid) -> Result<Vec<AttendeeRow>, sqlx::Error> {
    sqlx::query_as!(
        AttendeeRow,
        r#"select r.member_id, m.username, m.display_name,
                  case when r.shares_email then m.email end as "email?", r.status as "status: RsvpStatus",
                  case when r.status = 'waitlisted'
                       then row_number() over (partition by r.status = 'waitlisted' order by r.waitlisted_at, r.member_id)
                  end as position,
                  r.updated_at as "updated_at!"
           from event_rsvps r join members m on m.member_id = r.member_id
           where r.event_id = $1
           order by case r.status when 'going' then 0 when 'waitlisted' then 1 when 'interested' then 2 else 3 end,
                    r.waitlisted_at nulls last, r.created_at, r.member_id"#,
        event_id
    )
    .fetch_all(db)
    .await
}

/// Tells the organiser about RSVP news, batched: one unread notification per event that counts up.
pub async fn notify_rsvp_batched(
    db: &mut PgConnection,
    organizer_id: Uuid,
    actor_id: Uuid,
    event_id: Uuid,
    first_message: &str,
    title: &str,
) -> Result<(), sqlx::Error> {
    let link = format!("/events/{event_id}/attendees");
    let key = format!("rsvp:{event_id}");
    let title: String = title.chars().take(140).collect();
    sqlx::query!(
        "insert into notifications (member_id, kind, actor_id, message, link, group_key)
         select $1::uuid, 'event', $2::uuid, $3, $4, $5
         where $1::uuid <> $2::uuid and not exists (select 1 from notification_mutes m where m.member_id = $1 and m.kind = 'event')
         on conflict (member_id, group_key) where read_at is null and group_key is not null
         do update set batch_count = notifications.batch_count + 1,
                       message = (notifications.batch_count + 1)::text || ' new RSVPs for ' || $6,
                       actor_id = excluded.actor_id, created_at = now()",
        organizer_id,
        actor_id,
        first_message,
        link,
        key,
        title,
    )
    .execute(db)
    .await?;
    Ok(())
}
