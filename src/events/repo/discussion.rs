//! SQL for an event's discussion: its comments and the count kept on the event.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub struct CommentRow {
    pub comment_id: Uuid,
    pub author_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub avatar_id: Option<Uuid>,
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
        "select c.comment_id, c.author_id, m.username, m.display_name, m.avatar_id, c.body, c.created_at
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
