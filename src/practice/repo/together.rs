//! The path a member chose on a first visit, and the practising events they went to (read from
//! the events tables, which the events domain owns and writes).

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

/// A category newcomers can start in: one with active gateway techniques (their names, easiest
/// first).
pub struct PathRow {
    pub slug: String,
    pub name: String,
    pub colour: String,
    pub gateways: Vec<String>,
}

pub async fn path_choices(db: impl PgExecutor<'_>) -> Result<Vec<PathRow>, sqlx::Error> {
    sqlx::query_as!(
        PathRow,
        r#"select c.slug, c.name, c.colour,
                  array_agg(t.name order by t.difficulty, t.name) as "gateways!"
           from practice_categories c join techniques t on t.category_id = c.category_id
           where t.active and t.gateway
           group by c.category_id
           order by c.position, c.name"#
    )
    .fetch_all(db)
    .await
}

/// The slug of the member's chosen path, if any.
pub async fn member_path(db: impl PgExecutor<'_>, member: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select c.slug from practice_members pm join practice_categories c on c.category_id = pm.path_category_id
         where pm.member_id = $1",
        member
    )
    .fetch_optional(db)
    .await
}

/// Sets (or, with an empty slug, clears) the member's path. False when the slug names no
/// category.
pub async fn set_path(db: impl PgExecutor<'_>, member: Uuid, slug: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into practice_members (member_id, path_category_id)
         select $1, (select category_id from practice_categories where slug = $2)
         where $2 = '' or exists (select 1 from practice_categories where slug = $2)
         on conflict (member_id) do update set path_category_id = excluded.path_category_id, updated_at = now()",
        member,
        slug
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A practising event the member went to (or ran), that named a technique.
pub struct EventPracticeRow {
    pub event_id: Uuid,
    pub title: String,
    pub event_type: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub technique_slug: String,
    pub technique_name: String,
    /// The member organises it (their session is teaching).
    pub runs: bool,
    /// Already in the member's practice.
    pub logged: bool,
}

/// The member's published events that named a technique and ended between `since` and `until`,
/// latest first: those they answered "going" to, organise or co-organise. With `only`, that
/// event alone.
pub async fn events_practised(
    db: impl PgExecutor<'_>,
    member: Uuid,
    since: DateTime<Utc>,
    until: DateTime<Utc>,
    only: Option<Uuid>,
    limit: i64,
) -> Result<Vec<EventPracticeRow>, sqlx::Error> {
    sqlx::query_as!(
        EventPracticeRow,
        r#"select e.event_id, e.title, e.event_type::text as "event_type!", e.starts_at, e.ends_at,
                  t.slug as technique_slug, t.name as technique_name,
                  (e.organizer_id = $1 or exists (select 1 from event_organizers o
                                                  where o.event_id = e.event_id and o.member_id = $1)) as "runs!",
                  exists (select 1 from practice_sessions s where s.member_id = $1 and s.event_id = e.event_id) as "logged!"
           from events e join techniques t on t.technique_id = e.technique_id
           where e.technique_id is not null and e.status = 'published'
             and e.ends_at > $2 and e.ends_at <= $3
             and ($4::uuid is null or e.event_id = $4)
             and (e.organizer_id = $1
                  or exists (select 1 from event_organizers o where o.event_id = e.event_id and o.member_id = $1)
                  or exists (select 1 from event_rsvps r
                             where r.event_id = e.event_id and r.member_id = $1 and r.status = 'going'))
           order by e.ends_at desc, e.event_id desc
           limit $5"#,
        member,
        since,
        until,
        only,
        limit
    )
    .fetch_all(db)
    .await
}
