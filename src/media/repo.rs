//! SQL for the media table.

use sqlx::PgExecutor;
use uuid::Uuid;

use super::process::Processed;
use super::Purpose;

pub async fn insert(
    db: impl PgExecutor<'_>,
    media_id: Uuid,
    owner: Uuid,
    purpose: Purpose,
    p: &Processed,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into media (media_id, owner_id, purpose, content_type, width, height, thumb_width, thumb_height, bytes)
         values ($1, $2, $3, 'image/jpeg', $4, $5, $6, $7, $8)",
        media_id,
        owner,
        purpose.key(),
        p.display.width as i32,
        p.display.height as i32,
        p.thumb.width as i32,
        p.thumb.height as i32,
        (p.display.bytes.len() + p.thumb.bytes.len()) as i32,
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Images no post, avatar or event points to any more, older than a day (their files go too).
/// Skipped (nothing deleted) while a backup runs: it holds the lock until its images are copied.
pub async fn delete_orphans(db: &sqlx::PgPool, limit: i64) -> Result<Vec<Uuid>, sqlx::Error> {
    let mut tx = db.begin().await?;
    let free: bool =
        sqlx::query_scalar!(r#"select pg_try_advisory_xact_lock($1) as "free!""#, crate::server::backup::MEDIA_LOCK)
            .fetch_one(&mut *tx)
            .await?;
    if !free {
        return Ok(Vec::new());
    }
    let deleted = sqlx::query_scalar!(
        "delete from media m where m.media_id in (
             select media_id from media x
             where x.created_at < now() - interval '1 day'
               and not exists (select 1 from posts p where p.image_id = x.media_id)
               and not exists (select 1 from members a where a.avatar_id = x.media_id)
               and not exists (select 1 from places pl where pl.image_ids @> array[x.media_id])
               and not exists (select 1 from chat_messages cm where cm.image_id = x.media_id)
               and not exists (select 1 from communities co where co.icon_id = x.media_id)
             limit $1)
         returning m.media_id",
        limit
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(deleted)
}

/// What an image belongs to, for deciding who may see it.
pub struct Belongs {
    /// The post it illustrates, if any.
    pub post_id: Option<Uuid>,
    /// The chat channel or conversation of the message it came with, if any.
    pub channel_id: Option<Uuid>,
}

pub async fn belongs(db: impl PgExecutor<'_>, media_id: Uuid) -> Result<Option<Belongs>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select (select p.post_id from posts p where p.image_id = m.media_id limit 1) as post_id,
                  (select cm.channel_id from chat_messages cm where cm.image_id = m.media_id limit 1) as channel_id
           from media m where m.media_id = $1"#,
        media_id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| Belongs { post_id: r.post_id, channel_id: r.channel_id }))
}
