//! Comments and their threads.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::feed::model::{AuthorRef, CommentView};

pub async fn insert_comment(
    conn: &mut PgConnection,
    post_id: Uuid,
    author_id: Uuid,
    parent_id: Option<Uuid>,
    body: &str,
    body_html: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    // The parent must belong to the same post; depth follows from it.
    let id = sqlx::query_scalar!(
        "insert into comments (post_id, author_id, parent_id, depth, body, body_html)
         select $1, $2, $3, coalesce((select c.depth + 1 from comments c where c.comment_id = $3 and c.post_id = $1), 0), $4, $5
         where $3::uuid is null
            or exists (select 1 from comments c
                       where c.comment_id = $3 and c.post_id = $1 and (c.hidden_at is null or c.author_id = $2))
         returning comment_id",
        post_id,
        author_id,
        parent_id,
        body,
        body_html
    )
    .fetch_optional(&mut *conn)
    .await?;
    if id.is_some() {
        sqlx::query!("update posts set comment_count = comment_count + 1 where post_id = $1", post_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

pub async fn comment_owner(db: impl PgExecutor<'_>, comment_id: Uuid) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    let r = sqlx::query!("select author_id, post_id from comments where comment_id = $1", comment_id)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| (r.author_id, r.post_id)))
}

pub async fn update_comment(
    db: impl PgExecutor<'_>,
    comment_id: Uuid,
    body: &str,
    body_html: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update comments set body = $2, body_html = $3, edited_at = now() where comment_id = $1",
        comment_id,
        body,
        body_html
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes a comment and its replies, and takes them all off the post's count.
pub async fn delete_comment(conn: &mut PgConnection, comment_id: Uuid, post_id: Uuid) -> Result<i64, sqlx::Error> {
    let removed = sqlx::query_scalar!(
        r#"with recursive thread as (
               select comment_id, hidden_at from comments where comment_id = $1
               union all
               select c.comment_id, c.hidden_at from comments c join thread t on c.parent_id = t.comment_id
           )
           -- Hidden comments were taken off the count when they were hidden.
           select count(*) filter (where hidden_at is null) as "n!" from thread"#,
        comment_id
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!("delete from comments where comment_id = $1", comment_id).execute(&mut *conn).await?;
    sqlx::query!(
        "update posts set comment_count = greatest(comment_count - $2, 0) where post_id = $1",
        post_id,
        removed as i32
    )
    .execute(&mut *conn)
    .await?;
    Ok(removed)
}

/// A post's comments the viewer may see; hidden ones only for their author or a `moderator`.
pub async fn comments(
    db: impl PgExecutor<'_>,
    post_id: Uuid,
    viewer: Option<Uuid>,
    moderator: bool,
) -> Result<Vec<CommentView>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select c.comment_id, c.parent_id, c.author_id, a.username, a.display_name, a.avatar_id, c.body_html, c.depth,
                  c.hidden_at is not null as "hidden!", c.edited_at, c.created_at
           from comments c join members a on a.member_id = c.author_id
           where c.post_id = $1
             and (c.hidden_at is null or c.author_id = $2 or $3)
             and not exists (select 1 from blocks k where (k.blocker_id = $2 and k.blocked_id = c.author_id)
                                                     or (k.blocker_id = c.author_id and k.blocked_id = $2))
           order by c.created_at, c.comment_id
           limit 1000"#,
        post_id,
        viewer,
        moderator
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CommentView {
            comment_id: r.comment_id,
            parent_id: r.parent_id,
            is_author: viewer == Some(r.author_id),
            author: AuthorRef {
                member_id: r.author_id,
                username: r.username,
                display_name: r.display_name,
                avatar: r.avatar_id.map(crate::media::thumb_url),
            },
            body_html: r.body_html,
            depth: r.depth,
            hidden: r.hidden,
            edited_at: r.edited_at,
            created_at: r.created_at,
        })
        .collect())
}
