//! SQL for events, RSVPs, co-organisers, event comments and calendar feeds. Nothing else writes
//! these tables. The events themselves and their organisers are here; each other capability
//! has its file.

use chrono::{DateTime, Utc};
use sqlx::{types::Json, PgExecutor};
use uuid::Uuid;

use super::model::{EventStatus, EventType, MemberRef, TechniqueChoice};
use super::recurrence::Recurrence;

mod calendar;
mod discussion;
mod lists;
mod rsvp;

pub use calendar::*;
pub use discussion::*;
pub use lists::*;
pub use rsvp::*;

/// An event as stored, before it is shaped for a viewer.
pub struct EventRow {
    pub event_id: Uuid,
    pub series_id: Option<Uuid>,
    pub organizer_id: Uuid,
    pub organizer_username: String,
    pub organizer_name: String,
    pub organizer_avatar_id: Option<Uuid>,
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
    pub technique_slug: Option<String>,
    pub technique_name: Option<String>,
    pub technique_category: Option<String>,
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
    /// The technique a practising event practises, if any.
    pub technique_id: Option<Uuid>,
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
             meeting_url, price_text, currency, ticket_url, capacity, tags, community_id, technique_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25)
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
        f.technique_id,
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
             series_id = case when $23 then null else series_id end, community_id = $24, technique_id = $25
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
        f.technique_id,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn event(db: impl PgExecutor<'_>, event_id: Uuid) -> Result<Option<EventRow>, sqlx::Error> {
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
                  t.slug as "technique_slug?", t.name as "technique_name?", pc.name as "technique_category?"
           from events e join members m on m.member_id = e.organizer_id
           left join communities co on co.community_id = e.community_id
           left join techniques t on t.technique_id = e.technique_id
           left join practice_categories pc on pc.category_id = t.category_id
           where e.event_id = $1"#,
        event_id
    )
    .fetch_optional(db)
    .await
}

/// The practice library's active techniques, for an event to name one (read only: the practice
/// domain owns these tables).
pub async fn technique_choices(db: impl PgExecutor<'_>) -> Result<Vec<TechniqueChoice>, sqlx::Error> {
    sqlx::query_as!(
        TechniqueChoice,
        "select t.slug, t.name, c.name as category
         from techniques t join practice_categories c on c.category_id = t.category_id
         where t.active order by c.position, c.name, t.name"
    )
    .fetch_all(db)
    .await
}

pub async fn technique_by_slug(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select technique_id from techniques where slug = $1 and active", slug).fetch_optional(db).await
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

/// Of `event_ids`, those the member does not organise (nor co-organise), with the community
/// each belongs to (so the caller can check a community-wide right on them).
pub async fn not_organised_among(
    db: impl PgExecutor<'_>,
    event_ids: &[Uuid],
    member_id: Uuid,
) -> Result<Vec<(Uuid, Option<Uuid>)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select e.event_id, e.community_id from events e
         where e.event_id = any($1) and e.organizer_id <> $2
           and not exists (select 1 from event_organizers o where o.event_id = e.event_id and o.member_id = $2)",
        event_ids,
        member_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.event_id, r.community_id)).collect())
}

pub async fn co_organizers(db: impl PgExecutor<'_>, event_id: Uuid) -> Result<Vec<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select m.member_id, m.username, m.display_name, m.avatar_id
         from event_organizers o join members m on m.member_id = o.member_id
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

/// Moves an event to other times without telling anyone: only demo data uses it, to give a
/// fresh site events that already took place.
pub async fn move_quietly(
    db: impl PgExecutor<'_>,
    event_id: Uuid,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update events set starts_at = $2, ends_at = $3, reminder_sent_at = now() where event_id = $1",
        event_id,
        starts_at,
        ends_at
    )
    .execute(db)
    .await?;
    Ok(())
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
