//! SQL for event lists and the calendar month: filtered, keyset-paged, nearest by distance.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use crate::events::model::{EventStatus, EventType, RsvpStatus};

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
                       else distance_km($7, $8, e.latitude, e.longitude)
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
                   and distance_km($7, $8, e.latitude, e.longitude) <= $9))
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
                       else distance_km($7, $8, e.latitude, e.longitude)
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
                   and distance_km($7, $8, e.latitude, e.longitude) <= $9))
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
             and (e.community_id is null or community_readable(e.community_id, $1))
           order by e.starts_at, e.event_id
           limit 60"#,
        member_id
    )
    .fetch_all(db)
    .await
}
