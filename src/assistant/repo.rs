//! SQL for the assistant: the members' conversations, and the words it learns from the data
//! (cities of upcoming events and of places; read only, those tables belong to their domains).

use chrono::{DateTime, Utc};
use sqlx::{types::Json, PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::Card;

pub struct MessageRow {
    pub message_id: Uuid,
    pub from_member: bool,
    pub body: String,
    pub cards: Json<Vec<Card>>,
    pub created_at: DateTime<Utc>,
}

pub async fn insert_message(
    conn: &mut PgConnection,
    member: Uuid,
    from_member: bool,
    body: &str,
    cards: &[Card],
    intent: Option<&str>,
) -> Result<MessageRow, sqlx::Error> {
    sqlx::query_as!(
        MessageRow,
        // clock_timestamp(): a request and its answer share a transaction, and now() would
        // give them the same time (and an arbitrary order).
        r#"insert into assistant_messages (member_id, from_member, body, cards, intent, created_at)
           values ($1, $2, $3, $4, $5, clock_timestamp())
           returning message_id, from_member, body, cards as "cards: Json<Vec<Card>>", created_at"#,
        member,
        from_member,
        body,
        Json(cards) as _,
        intent
    )
    .fetch_one(&mut *conn)
    .await
}

/// The member's messages before the cursor (newest first), at most `limit`.
pub async fn history(
    db: impl PgExecutor<'_>,
    member: Uuid,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<MessageRow>, sqlx::Error> {
    let (at, id) = before.map(|(a, i)| (Some(a), Some(i))).unwrap_or((None, None));
    sqlx::query_as!(
        MessageRow,
        r#"select message_id, from_member, body, cards as "cards: Json<Vec<Card>>", created_at
           from assistant_messages
           where member_id = $1 and ($2::timestamptz is null or (created_at, message_id) < ($2, $3))
           order by created_at desc, message_id desc
           limit $4"#,
        member,
        at,
        id,
        limit
    )
    .fetch_all(db)
    .await
}

pub async fn delete_all(db: impl PgExecutor<'_>, member: Uuid) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!("delete from assistant_messages where member_id = $1", member).execute(db).await?.rows_affected())
}

/// Cities with upcoming events or with places, as the data spells them.
pub async fn known_cities(db: impl PgExecutor<'_>) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select city as "city!" from (
               select distinct city from events where city <> '' and status = 'published' and ends_at > now()
               union
               select distinct city from places where city <> ''
           ) c
           limit 2000"#
    )
    .fetch_all(db)
    .await
}

/// The city on the member's profile ("near me" without a location).
pub async fn member_city(db: impl PgExecutor<'_>, member: Uuid) -> Result<String, sqlx::Error> {
    Ok(sqlx::query_scalar!("select city from members where member_id = $1", member)
        .fetch_optional(db)
        .await?
        .unwrap_or_default())
}
