//! SQL for the spirit guide and readings. Nothing else writes these tables.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{types::Json, PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{level_for, Questionnaire, XpEvent};
use crate::oracle::astro::{AstroSign, Element};

/// How a card lies in a reading, as stored in `oracle_readings.cards`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredCard {
    pub card: u8,
    pub reversed: bool,
    pub position: String,
}

pub struct GuideRow {
    pub name: String,
    pub description: String,
    pub element: Element,
    pub element_reason: String,
    pub xp: i32,
}

pub struct ReadingRow {
    pub reading_id: Uuid,
    pub kind: String,
    pub reading_date: Option<NaiveDate>,
    pub question: Option<String>,
    pub cards: Json<Vec<StoredCard>>,
    pub title: String,
    pub guidance: String,
    pub symbols: Vec<String>,
    pub created_at: DateTime<Utc>,
}

pub struct NewReading<'a> {
    pub member_id: Uuid,
    pub cards: &'a [StoredCard],
    pub title: &'a str,
    pub guidance: &'a str,
    pub symbols: &'a [String],
}

pub async fn member_zone_and_sign(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
) -> Result<(String, Option<AstroSign>), sqlx::Error> {
    let r = sqlx::query!(
        r#"select time_zone, astro_sign as "astro_sign: AstroSign" from members where member_id = $1"#,
        member_id
    )
    .fetch_one(db)
    .await?;
    Ok((r.time_zone, r.astro_sign))
}

pub async fn save_questionnaire(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    q: &Questionnaire,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into spirit_questionnaires (member_id, religious, spiritual, path, beliefs, offerings, astro_sign)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (member_id) do update set religious = excluded.religious, spiritual = excluded.spiritual,
             path = excluded.path, beliefs = excluded.beliefs, offerings = excluded.offerings,
             astro_sign = excluded.astro_sign, answered_at = now()",
        member_id,
        q.religious,
        q.spiritual,
        q.path,
        q.beliefs,
        q.offerings,
        q.astro_sign as Option<AstroSign>,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn questionnaire(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Option<Questionnaire>, sqlx::Error> {
    sqlx::query_as!(
        Questionnaire,
        r#"select religious, spiritual, path, beliefs, offerings, astro_sign as "astro_sign: AstroSign"
           from spirit_questionnaires where member_id = $1"#,
        member_id
    )
    .fetch_optional(db)
    .await
}

/// Creates the guide, or renews its name and nature on a retake while keeping its XP.
pub async fn save_guide(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    name: &str,
    description: &str,
    element: Element,
    element_reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into spirit_guides (member_id, name, description, element, element_reason)
         values ($1, $2, $3, $4, $5)
         on conflict (member_id) do update set name = excluded.name, description = excluded.description,
             element = excluded.element, element_reason = excluded.element_reason",
        member_id,
        name,
        description,
        element as Element,
        element_reason,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn guide(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Option<GuideRow>, sqlx::Error> {
    sqlx::query_as!(
        GuideRow,
        r#"select name, description, element as "element: Element", element_reason, xp
           from spirit_guides where member_id = $1"#,
        member_id
    )
    .fetch_optional(db)
    .await
}

pub async fn timeline(db: impl PgExecutor<'_>, member_id: Uuid, limit: i64) -> Result<Vec<XpEvent>, sqlx::Error> {
    sqlx::query_as!(
        XpEvent,
        "select created_at as at, action, gain, xp_after, level_after, levelled_up
         from guide_xp_events where member_id = $1 order by event_id desc limit $2",
        member_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// Grants `gain` XP for `source_key` once ever. Returns the event, or None when this source
/// already counted or the member has no guide yet. Locks the guide row, so concurrent gains
/// add up exactly. Run it inside the transaction that records the action itself.
pub async fn award_xp(
    conn: &mut PgConnection,
    member_id: Uuid,
    action: &str,
    source_key: &str,
    gain: i32,
) -> Result<Option<XpEvent>, sqlx::Error> {
    let Some(xp) = sqlx::query_scalar!("select xp from spirit_guides where member_id = $1 for update", member_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let xp_after = xp + gain;
    let level_after = level_for(xp_after);
    let levelled_up = level_after > level_for(xp);
    let event = sqlx::query_as!(
        XpEvent,
        "insert into guide_xp_events (member_id, action, source_key, gain, xp_after, level_after, levelled_up)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (member_id, source_key) do nothing
         returning created_at as at, action, gain, xp_after, level_after, levelled_up",
        member_id,
        action,
        source_key,
        gain,
        xp_after,
        level_after,
        levelled_up,
    )
    .fetch_optional(&mut *conn)
    .await?;
    if event.is_some() {
        sqlx::query!("update spirit_guides set xp = $2 where member_id = $1", member_id, xp_after)
            .execute(&mut *conn)
            .await?;
        if levelled_up {
            use crate::notifications::{model::NotificationKind, repo::Note};
            let message = format!("Your spirit guide reached level {level_after}!");
            let note = Note {
                member_id,
                kind: NotificationKind::Milestone,
                actor_id: None,
                post_id: None,
                message: &message,
                link: "/oracle/guide",
            };
            crate::notifications::repo::notify(&mut *conn, note).await?;
        }
    }
    Ok(event)
}

/// Stores today's reading unless one exists; either way returns the day's reading.
pub async fn daily_reading(
    conn: &mut PgConnection,
    date: NaiveDate,
    new: NewReading<'_>,
) -> Result<ReadingRow, sqlx::Error> {
    sqlx::query!(
        "insert into oracle_readings (member_id, kind, reading_date, cards, title, guidance, symbols)
         values ($1, 'daily', $2, $3, $4, $5, $6)
         on conflict (member_id, reading_date) where kind = 'daily' do nothing",
        new.member_id,
        date,
        Json(new.cards) as _,
        new.title,
        new.guidance,
        new.symbols,
    )
    .execute(&mut *conn)
    .await?;
    find_daily(&mut *conn, new.member_id, date).await?.ok_or(sqlx::Error::RowNotFound)
}

pub async fn find_daily(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    date: NaiveDate,
) -> Result<Option<ReadingRow>, sqlx::Error> {
    sqlx::query_as!(
        ReadingRow,
        r#"select reading_id, kind, reading_date, question, cards as "cards: Json<Vec<StoredCard>>",
                  title, guidance, symbols, created_at
           from oracle_readings where member_id = $1 and kind = 'daily' and reading_date = $2"#,
        member_id,
        date
    )
    .fetch_optional(db)
    .await
}

pub async fn insert_spread(db: impl PgExecutor<'_>, question: &str, new: NewReading<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into oracle_readings (member_id, kind, question, cards, title, guidance, symbols)
         values ($1, 'spread', $2, $3, $4, $5, $6) returning reading_id",
        new.member_id,
        question,
        Json(new.cards) as _,
        new.title,
        new.guidance,
        new.symbols,
    )
    .fetch_one(db)
    .await
}

/// A reading of this member (another member's reading is simply not found).
pub async fn reading(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    reading_id: Uuid,
) -> Result<Option<ReadingRow>, sqlx::Error> {
    sqlx::query_as!(
        ReadingRow,
        r#"select reading_id, kind, reading_date, question, cards as "cards: Json<Vec<StoredCard>>",
                  title, guidance, symbols, created_at
           from oracle_readings where member_id = $1 and reading_id = $2"#,
        member_id,
        reading_id
    )
    .fetch_optional(db)
    .await
}

pub async fn delete_reading(db: impl PgExecutor<'_>, member_id: Uuid, reading_id: Uuid) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query!("delete from oracle_readings where member_id = $1 and reading_id = $2", member_id, reading_id)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Newest first, keyset-paginated on (created_at, reading_id).
pub async fn history(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<ReadingRow>, sqlx::Error> {
    let (after_at, after_id) = after.map_or((None, None), |(a, i)| (Some(a), Some(i)));
    sqlx::query_as!(
        ReadingRow,
        r#"select reading_id, kind, reading_date, question, cards as "cards: Json<Vec<StoredCard>>",
                  title, guidance, symbols, created_at
           from oracle_readings
           where member_id = $1 and ($2::timestamptz is null or (created_at, reading_id) < ($2, $3))
           order by created_at desc, reading_id desc
           limit $4"#,
        member_id,
        after_at,
        after_id,
        limit
    )
    .fetch_all(db)
    .await
}

/// How many readings since `since`, and how often each card was drawn in them.
pub async fn card_counts(
    conn: &mut PgConnection,
    member_id: Uuid,
    since: DateTime<Utc>,
) -> Result<(i64, Vec<(i32, i64)>), sqlx::Error> {
    let readings = sqlx::query_scalar!(
        r#"select count(*) as "n!" from oracle_readings where member_id = $1 and created_at >= $2"#,
        member_id,
        since
    )
    .fetch_one(&mut *conn)
    .await?;
    let rows = sqlx::query!(
        r#"select (c->>'card')::int as "card!", count(*) as "n!"
           from oracle_readings r cross join lateral jsonb_array_elements(r.cards) c
           where r.member_id = $1 and r.created_at >= $2
           group by 1 order by 2 desc, 1"#,
        member_id,
        since
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok((readings, rows.into_iter().map(|r| (r.card, r.n)).collect()))
}
