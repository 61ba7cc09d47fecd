//! SQL for notifications. Other domains create notifications only through [`notify`].

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::{Notification, NotificationKind};

/// Something for `member_id` to hear about. Dropped silently when the member muted this kind or
/// caused it themselves.
pub struct Note<'a> {
    pub member_id: Uuid,
    pub kind: NotificationKind,
    pub actor_id: Option<Uuid>,
    pub post_id: Option<Uuid>,
    pub message: &'a str,
    pub link: &'a str,
}

pub async fn notify(db: impl PgExecutor<'_>, n: Note<'_>) -> Result<(), sqlx::Error> {
    let message: String = n.message.chars().take(300).collect();
    sqlx::query!(
        "insert into notifications (member_id, kind, actor_id, post_id, message, link)
         select $1, $2, $3, $4, $5, $6
         where ($3::uuid is null or $3 <> $1)
           and not exists (select 1 from notification_mutes m where m.member_id = $1 and m.kind = $2)",
        n.member_id,
        n.kind as NotificationKind,
        n.actor_id,
        n.post_id,
        message,
        n.link,
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn list(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<Notification>, sqlx::Error> {
    let (after_at, after_id) = after.map_or((None, None), |(a, i)| (Some(a), Some(i)));
    sqlx::query_as!(
        Notification,
        r#"select notification_id, kind as "kind: NotificationKind", message, link, read_at is not null as "read!",
                  created_at
           from notifications
           where member_id = $1 and ($2::timestamptz is null or (created_at, notification_id) < ($2, $3))
           order by created_at desc, notification_id desc
           limit $4"#,
        member_id,
        after_at,
        after_id,
        limit
    )
    .fetch_all(db)
    .await
}

pub async fn unread_count(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from notifications where member_id = $1 and read_at is null"#,
        member_id
    )
    .fetch_one(db)
    .await?)
}

/// Marks one notification read (only the member's own) and returns where it points.
pub async fn mark_read(db: impl PgExecutor<'_>, member_id: Uuid, id: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "update notifications set read_at = coalesce(read_at, now())
         where member_id = $1 and notification_id = $2 returning link",
        member_id,
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn mark_all_read(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!("update notifications set read_at = now() where member_id = $1 and read_at is null", member_id)
        .execute(db)
        .await?
        .rows_affected())
}

pub async fn mutes(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Vec<NotificationKind>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select kind as "kind: NotificationKind" from notification_mutes where member_id = $1"#,
        member_id
    )
    .fetch_all(db)
    .await
}

pub async fn set_mutes(
    conn: &mut sqlx::PgConnection,
    member_id: Uuid,
    muted: &[NotificationKind],
) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from notification_mutes where member_id = $1", member_id).execute(&mut *conn).await?;
    for kind in muted {
        sqlx::query!(
            "insert into notification_mutes (member_id, kind) values ($1, $2) on conflict do nothing",
            member_id,
            *kind as NotificationKind
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
