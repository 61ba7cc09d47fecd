//! SQL for events, RSVPs, co-organisers, event comments and calendar feeds. Nothing else writes
//! these tables.

use chrono::{DateTime, Utc};
use sqlx::{types::Json, PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{EventStatus, EventType, MemberRef, RsvpStatus};
use super::recurrence::Recurrence;

/// An event as stored, before it is shaped for a viewer.
pub struct EventRow {
    pub event_id: Uuid,
    pub series_id: Option<Uuid>,
    pub organizer_id: Uuid,
    pub organizer_username: String,
    pub organizer_name: String,
    pub title: String,
    pub description: String,
    pub description_html: String,
    pub event_type: EventType,
    pub status: EventStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub is_online: bool,
    pub venue: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub meeting_url: String,
    pub price_text: String,
    pub currency: String,
    pub ticket_url: String,
    pub capacity: Option<i32>,
    pub tags: Vec<String>,
    pub going_count: i32,
    pub interested_count: i32,
    pub waitlist_count: i32,
    pub comment_count: i32,
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
    pub community_id: Option<Uuid>,
    pub community_slug: Option<String>,
    pub community_name: Option<String>,
}

/// The fields an organiser sets (everything but the times, which differ per occurrence).
pub struct EventFields {
    pub title: String,
    pub description: String,
    pub description_html: String,
    pub event_type: EventType,
    pub status: EventStatus,
    pub time_zone: String,
    pub is_online: bool,
    pub venue: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub meeting_url: String,
    pub price_text: String,
    pub currency: String,
    pub ticket_url: String,
    pub capacity: Option<i32>,
    pub tags: Vec<String>,
    /// The community the event belongs to, if any.
    pub community_id: Option<Uuid>,
}

pub async fn insert_series(
    db: impl PgExecutor<'_>,
    organizer_id: Uuid,
    rule: &Recurrence,
    time_zone: &str,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into event_series (organizer_id, rule, time_zone) values ($1, $2, $3) returning series_id",
        organizer_id,
        Json(rule) as _,
        time_zone,
    )
    .fetch_one(db)
    .await
}

pub async fn insert_event(
    db: impl PgExecutor<'_>,
    organizer_id: Uuid,
    series_id: Option<Uuid>,
    f: &EventFields,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into events (organizer_id, series_id, title, description, description_html, event_type, status,
             starts_at, ends_at, time_zone, is_online, venue, address, city, country, latitude, longitude,
             meeting_url, price_text, currency, ticket_url, capacity, tags, community_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
         returning event_id",
        organizer_id,
        series_id,
        f.title,
        f.description,
        f.description_html,
        f.event_type as EventType,
        f.status as EventStatus,
        starts_at,
        ends_at,
        f.time_zone,
        f.is_online,
        f.venue,
        f.address,
        f.city,
        f.country,
        f.latitude,
        f.longitude,
        f.meeting_url,
        f.price_text,
        f.currency,
        f.ticket_url,
        f.capacity,
        &f.tags,
        f.community_id,
    )
    .fetch_one(db)
    .await
}

/// Replaces an event's fields and times. Bumps SEQUENCE; a changed start re-arms the reminder.
pub async fn update_event(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    f: &EventFields,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    detach: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update events set title = $2, description = $3, description_html = $4, event_type = $5, status = $6,
             starts_at = $7, ends_at = $8, time_zone = $9, is_online = $10, venue = $11, address = $12, city = $13,
             country = $14, latitude = $15, longitude = $16, meeting_url = $17, price_text = $18, currency = $19,
             ticket_url = $20, capacity = $21, tags = $22, sequence = sequence + 1, updated_at = now(),
             reminder_sent_at = case when starts_at = $7 then reminder_sent_at end,
             series_id = case when $23 then null else series_id end, community_id = $24
         where event_id = $1",
        event_id,
        f.title,
        f.description,
        f.description_html,
        f.event_type as EventType,
        f.status as EventStatus,
        starts_at,
        ends_at,
        f.time_zone,
        f.is_online,
        f.venue,
        f.address,
        f.city,
        f.country,
        f.latitude,
        f.longitude,
        f.meeting_url,
        f.price_text,
        f.currency,
        f.ticket_url,
        f.capacity,
        &f.tags,
        detach,
        f.community_id,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn event(db: impl PgExecutor<'_>, event_id: Uuid) -> Result<Option<EventRow>, sqlx::Error> {
    sqlx::query_as!(
        EventRow,
        r#"select e.event_id, e.series_id, e.organizer_id, m.username as organizer_username,
                  m.display_name as organizer_name, e.title, e.description, e.description_html,
                  e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.is_online, e.venue, e.address, e.city, e.country,
                  e.latitude, e.longitude, e.meeting_url, e.price_text, e.currency, e.ticket_url, e.capacity,
                  e.tags, e.going_count, e.interested_count, e.waitlist_count, e.comment_count, e.sequence,
                  e.updated_at, e.community_id, co.slug as "community_slug?", co.name as "community_name?"
           from events e join members m on m.member_id = e.organizer_id
           left join communities co on co.community_id = e.community_id
           where e.event_id = $1"#,
        event_id
    )
    .fetch_optional(db)
    .await
}

/// True when the member organises the event (as its organiser or a co-organiser).
pub async fn is_organizer(db: impl PgExecutor<'_>, event_id: Uuid, member_id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (
               select 1 from events where event_id = $1 and organizer_id = $2
               union all
               select 1 from event_organizers where event_id = $1 and member_id = $2
           ) as "yes!""#,
        event_id,
        member_id
    )
    .fetch_one(db)
    .await?)
}

pub async fn co_organizers(db: impl PgExecutor<'_>, event_id: Uuid) -> Result<Vec<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select m.username, m.display_name from event_organizers o join members m on m.member_id = o.member_id
         where o.event_id = $1 order by o.added_at",
        event_id
    )
    .fetch_all(db)
    .await
}

/// The occurrences of a series from `from` on (this one included), earliest first.
pub async fn series_from(
    db: impl PgExecutor<'_>,
    series_id: Uuid,
    from: DateTime<Utc>,
) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>, EventStatus)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select event_id, starts_at, ends_at, status as "status: EventStatus" from events
           where series_id = $1 and starts_at >= $2 order by starts_at limit 200"#,
        series_id,
        from
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.event_id, r.starts_at, r.ends_at, r.status)).collect())
}

pub async fn add_co_organizer(db: impl PgExecutor<'_>, event_ids: &[Uuid], member_id: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into event_organizers (event_id, member_id) select unnest($1::uuid[]), $2 on conflict do nothing",
        event_ids,
        member_id
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn remove_co_organizer(
    db: impl PgExecutor<'_>,
    event_ids: &[Uuid],
    member_id: Uuid,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!("delete from event_organizers where event_id = any($1) and member_id = $2", event_ids, member_id)
        .execute(db)
        .await?
        .rows_affected())
}

/// Cancels events (not already cancelled); returns those that changed.
pub async fn cancel(db: impl PgExecutor<'_>, event_ids: &[Uuid]) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "update events set status = 'cancelled', cancelled_at = now(), sequence = sequence + 1, updated_at = now()
         where event_id = any($1) and status <> 'cancelled' returning event_id",
        event_ids
    )
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------------------------------------
// RSVPs. Every change locks the event row first, so capacity checks and counters are serialised
// per event and never race.

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

/// Members with an RSVP in these states (to tell them about a change).
pub async fn members_with(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    states: &[RsvpStatus],
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select member_id from event_rsvps where event_id = $1 and status = any($2)",
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
        "select m.username, m.display_name from event_rsvps r join members m on m.member_id = r.member_id
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
    pub email: String,
    pub status: RsvpStatus,
    pub position: Option<i64>,
    pub updated_at: DateTime<Utc>,
}

/// Everyone who answered, going first, then the waitlist in order, then the rest.
pub async fn attendees(db: impl PgExecutor<'_>, event_id: Uuid) -> Result<Vec<AttendeeRow>, sqlx::Error> {
    sqlx::query_as!(
        AttendeeRow,
        r#"select r.member_id, m.username, m.display_name, m.email, r.status as "status: RsvpStatus",
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

// ---------------------------------------------------------------------------------------------
// Lists.

pub struct CardRow {
    pub event_id: Uuid,
    pub title: String,
    pub event_type: EventType,
    pub status: EventStatus,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub time_zone: String,
    pub venue: String,
    pub city: String,
    pub country: String,
    pub is_online: bool,
    pub going_count: i32,
    pub interested_count: i32,
    pub capacity: Option<i32>,
    pub recurring: bool,
    pub my_rsvp: Option<RsvpStatus>,
    pub distance_km: Option<f64>,
}

/// Published and cancelled events matching the filters (`None` = no filter).
pub struct ListQuery {
    pub viewer: Option<Uuid>,
    pub city: Option<String>,
    pub event_type: Option<EventType>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub online: Option<bool>,
    /// Centre and radius in km; the bounding box half-sizes in degrees.
    pub near: Option<(f64, f64, f64, f64, f64)>,
    /// Only events not yet ended at this instant.
    pub not_ended_by: Option<DateTime<Utc>>,
    /// Only events already ended at this instant.
    pub ended_by: Option<DateTime<Utc>>,
    /// Only this community's events.
    pub community: Option<Uuid>,
    pub after: Option<(DateTime<Utc>, Uuid)>,
    pub limit: i64,
}

impl ListQuery {
    /// The distance filter as separate nullable query parameters.
    #[allow(clippy::type_complexity)]
    fn near_params(&self) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>, Option<f64>) {
        self.near
            .map_or((None, None, None, None, None), |(a, b, r, da, db)| (Some(a), Some(b), Some(r), Some(da), Some(db)))
    }

    fn after_params(&self) -> (Option<DateTime<Utc>>, Option<Uuid>) {
        self.after.map_or((None, None), |(a, i)| (Some(a), Some(i)))
    }
}

/// Earliest first (upcoming lists and the calendar).
pub async fn list_ascending(db: impl PgExecutor<'_>, q: &ListQuery) -> Result<Vec<CardRow>, sqlx::Error> {
    let ((lat, lon, radius, dlat, dlon), (after_at, after_id)) = (q.near_params(), q.after_params());
    sqlx::query_as!(
        CardRow,
        r#"select e.event_id, e.title, e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.venue, e.city, e.country, e.is_online, e.going_count,
                  e.interested_count, e.capacity, e.series_id is not null as "recurring!",
                  r.status as "my_rsvp?: RsvpStatus",
                  case when $7::float8 is null then null
                       else 12742.0 * asin(sqrt(power(sin(radians(e.latitude - $7) / 2), 2)
                            + cos(radians($7)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $8) / 2), 2)))
                  end as "distance_km?: f64"
           from events e
           left join event_rsvps r on r.event_id = e.event_id and r.member_id = $1
           where e.status <> 'draft'
             and ($2::text is null or lower(e.city) = lower($2))
             and ($3::event_type is null or e.event_type = $3)
             and ($4::timestamptz is null or e.starts_at >= $4)
             and ($5::timestamptz is null or e.starts_at < $5)
             and ($6::bool is null or e.is_online = $6)
             and ($7::float8 is null or (
                   e.latitude between $7 - $10 and $7 + $10 and e.longitude between $8 - $11 and $8 + $11
                   and 12742.0 * asin(sqrt(power(sin(radians(e.latitude - $7) / 2), 2)
                       + cos(radians($7)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $8) / 2), 2))) <= $9))
             and ($12::timestamptz is null or (e.ends_at > $12 and e.starts_at > $12 - interval '31 days'))
             and ($13::timestamptz is null or (e.starts_at, e.event_id) > ($13, $14::uuid))
             and ($16::uuid is null or e.community_id = $16)
             and (e.community_id is null or community_readable(e.community_id, $1))
           order by e.starts_at, e.event_id
           limit $15"#,
        q.viewer,
        q.city,
        q.event_type as Option<EventType>,
        q.from,
        q.to,
        q.online,
        lat,
        lon,
        radius,
        dlat,
        dlon,
        q.not_ended_by,
        after_at,
        after_id,
        q.limit,
        q.community,
    )
    .fetch_all(db)
    .await
}

/// Latest first (past events).
pub async fn list_descending(db: impl PgExecutor<'_>, q: &ListQuery) -> Result<Vec<CardRow>, sqlx::Error> {
    let ((lat, lon, radius, dlat, dlon), (after_at, after_id)) = (q.near_params(), q.after_params());
    sqlx::query_as!(
        CardRow,
        r#"select e.event_id, e.title, e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.venue, e.city, e.country, e.is_online, e.going_count,
                  e.interested_count, e.capacity, e.series_id is not null as "recurring!",
                  r.status as "my_rsvp?: RsvpStatus",
                  case when $7::float8 is null then null
                       else 12742.0 * asin(sqrt(power(sin(radians(e.latitude - $7) / 2), 2)
                            + cos(radians($7)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $8) / 2), 2)))
                  end as "distance_km?: f64"
           from events e
           left join event_rsvps r on r.event_id = e.event_id and r.member_id = $1
           where e.status <> 'draft'
             and ($2::text is null or lower(e.city) = lower($2))
             and ($3::event_type is null or e.event_type = $3)
             and ($4::timestamptz is null or e.starts_at >= $4)
             and ($5::timestamptz is null or e.starts_at < $5)
             and ($6::bool is null or e.is_online = $6)
             and ($7::float8 is null or (
                   e.latitude between $7 - $10 and $7 + $10 and e.longitude between $8 - $11 and $8 + $11
                   and 12742.0 * asin(sqrt(power(sin(radians(e.latitude - $7) / 2), 2)
                       + cos(radians($7)) * cos(radians(e.latitude)) * power(sin(radians(e.longitude - $8) / 2), 2))) <= $9))
             and ($12::timestamptz is null or e.ends_at <= $12)
             and ($13::timestamptz is null or (e.starts_at, e.event_id) < ($13, $14::uuid))
             and ($16::uuid is null or e.community_id = $16)
             and (e.community_id is null or community_readable(e.community_id, $1))
           order by e.starts_at desc, e.event_id desc
           limit $15"#,
        q.viewer,
        q.city,
        q.event_type as Option<EventType>,
        q.from,
        q.to,
        q.online,
        lat,
        lon,
        radius,
        dlat,
        dlon,
        q.ended_by,
        after_at,
        after_id,
        q.limit,
        q.community,
    )
    .fetch_all(db)
    .await
}

/// Upcoming events a member organises (drafts included) — soonest first.
pub async fn organising(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Vec<CardRow>, sqlx::Error> {
    sqlx::query_as!(
        CardRow,
        r#"select e.event_id, e.title, e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.venue, e.city, e.country, e.is_online, e.going_count,
                  e.interested_count, e.capacity, e.series_id is not null as "recurring!",
                  null::rsvp_status as "my_rsvp?: RsvpStatus", null::float8 as "distance_km?: f64"
           from events e
           where (e.organizer_id = $1 or e.event_id in (select event_id from event_organizers where member_id = $1))
             and e.ends_at > now()
           order by e.starts_at, e.event_id
           limit 60"#,
        member_id
    )
    .fetch_all(db)
    .await
}

/// Upcoming events a member answered going / interested / waitlisted — soonest first.
pub async fn attending(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Vec<CardRow>, sqlx::Error> {
    sqlx::query_as!(
        CardRow,
        r#"select e.event_id, e.title, e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.venue, e.city, e.country, e.is_online, e.going_count,
                  e.interested_count, e.capacity, e.series_id is not null as "recurring!",
                  r.status as "my_rsvp?: RsvpStatus", null::float8 as "distance_km?: f64"
           from event_rsvps r join events e on e.event_id = r.event_id
           where r.member_id = $1 and r.status <> 'not_going' and e.ends_at > now() and e.status <> 'draft'
           order by e.starts_at, e.event_id
           limit 60"#,
        member_id
    )
    .fetch_all(db)
    .await
}

/// The private calendar feed: events the member is going to, waiting for or interested in,
/// from 90 days ago on.
pub async fn feed_events(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as!(
        EventRow,
        r#"select e.event_id, e.series_id, e.organizer_id, m.username as organizer_username,
                  m.display_name as organizer_name, e.title, e.description, e.description_html,
                  e.event_type as "event_type: EventType", e.status as "status: EventStatus",
                  e.starts_at, e.ends_at, e.time_zone, e.is_online, e.venue, e.address, e.city, e.country,
                  e.latitude, e.longitude, e.meeting_url, e.price_text, e.currency, e.ticket_url, e.capacity,
                  e.tags, e.going_count, e.interested_count, e.waitlist_count, e.comment_count, e.sequence,
                  e.updated_at, e.community_id, co.slug as "community_slug?", co.name as "community_name?"
           from event_rsvps r
           join events e on e.event_id = r.event_id
           join members m on m.member_id = e.organizer_id
           left join communities co on co.community_id = e.community_id
           where r.member_id = $1 and r.status in ('going', 'interested', 'waitlisted') and e.status <> 'draft'
             and e.starts_at > now() - interval '90 days'
           order by e.starts_at
           limit 500"#,
        member_id
    )
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------------------------------------
// Comments.

pub struct CommentRow {
    pub comment_id: Uuid,
    pub author_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The discussion, oldest first, without authors the viewer blocked or who blocked them.
pub async fn comments(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    viewer: Option<Uuid>,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    sqlx::query_as!(
        CommentRow,
        "select c.comment_id, c.author_id, m.username, m.display_name, c.body, c.created_at
         from event_comments c join members m on m.member_id = c.author_id
         where c.event_id = $1
           and ($2::uuid is null or not exists (
                 select 1 from blocks b where (b.blocker_id = $2 and b.blocked_id = c.author_id)
                                           or (b.blocker_id = c.author_id and b.blocked_id = $2)))
         order by c.created_at, c.comment_id
         limit 300",
        event_id,
        viewer
    )
    .fetch_all(db)
    .await
}

pub async fn insert_comment(
    db: &mut PgConnection,
    event_id: Uuid,
    author_id: Uuid,
    body: &str,
) -> Result<Uuid, sqlx::Error> {
    let id = sqlx::query_scalar!(
        "insert into event_comments (event_id, author_id, body) values ($1, $2, $3) returning comment_id",
        event_id,
        author_id,
        body
    )
    .fetch_one(&mut *db)
    .await?;
    sqlx::query!("update events set comment_count = comment_count + 1 where event_id = $1", event_id)
        .execute(&mut *db)
        .await?;
    Ok(id)
}

/// The comment's author and event.
pub async fn comment_owner(db: impl PgExecutor<'_>, comment_id: Uuid) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    Ok(sqlx::query!("select author_id, event_id from event_comments where comment_id = $1", comment_id)
        .fetch_optional(db)
        .await?
        .map(|r| (r.author_id, r.event_id)))
}

pub async fn delete_comment(db: &mut PgConnection, comment_id: Uuid) -> Result<(), sqlx::Error> {
    let event_id =
        sqlx::query_scalar!("delete from event_comments where comment_id = $1 returning event_id", comment_id)
            .fetch_optional(&mut *db)
            .await?;
    if let Some(event_id) = event_id {
        sqlx::query!("update events set comment_count = greatest(comment_count - 1, 0) where event_id = $1", event_id)
            .execute(&mut *db)
            .await?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Calendar feeds.

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

// ---------------------------------------------------------------------------------------------
// Notifications about events.

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

/// Member ids and their time zones.
pub async fn member_zones(db: impl PgExecutor<'_>, member_ids: &[Uuid]) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    Ok(sqlx::query!("select member_id, time_zone from members where member_id = any($1)", member_ids)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| (r.member_id, r.time_zone))
        .collect())
}

pub async fn member_by_username(db: impl PgExecutor<'_>, username: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select member_id from members where username = lower($1)", username).fetch_optional(db).await
}

/// True when either member blocked the other.
pub async fn blocked_between(db: impl PgExecutor<'_>, a: Uuid, b: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from blocks where (blocker_id = $1 and blocked_id = $2)
                                                or (blocker_id = $2 and blocked_id = $1)) as "yes!""#,
        a,
        b
    )
    .fetch_one(db)
    .await?)
}
