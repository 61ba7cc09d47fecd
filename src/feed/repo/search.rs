//! Full-text search over posts, members and hashtags.

use sqlx::PgExecutor;
use uuid::Uuid;

/// Ids of posts matching a full-text query that `viewer` may see, best match first.
pub async fn search_posts(
    db: impl PgExecutor<'_>,
    query: &str,
    viewer: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select p.post_id from posts p, websearch_to_tsquery('simple', $1) q
           where p.search @@ q
             and (p.hidden_at is null or p.author_id = $2)
             and not exists (select 1 from blocks k where (k.blocker_id = $2 and k.blocked_id = p.author_id)
                                                     or (k.blocker_id = p.author_id and k.blocked_id = $2))
             and post_readable(p.author_id, p.visibility, p.community_id, $2)
           order by ts_rank(p.search, q) desc, p.created_at desc
           limit $3"#,
        query,
        viewer,
        limit
    )
    .fetch_all(db)
    .await
}

/// Members whose username or display name matches (words or a name prefix).
pub async fn search_members(
    db: impl PgExecutor<'_>,
    query: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let prefix = format!("{}%", query.to_lowercase().replace(['%', '\\'], ""));
    let rows = sqlx::query!(
        r#"select username, display_name from members
           where to_tsvector('simple', username || ' ' || display_name) @@ websearch_to_tsquery('simple', $1)
              or username like $2 or lower(display_name) like $2
           order by username
           limit $3"#,
        query,
        prefix,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.username, r.display_name)).collect())
}

/// Hashtags starting with `prefix`, most used first.
pub async fn search_hashtags(
    db: impl PgExecutor<'_>,
    prefix: &str,
    limit: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let pattern = format!("{}%", prefix.to_lowercase().replace(['%', '\\'], ""));
    let rows = sqlx::query!(
        r#"select tag as "tag!", count(*) as "n!" from posts p cross join lateral unnest(p.hashtags) as tag
           where p.visibility = 'public' and p.hidden_at is null and tag like $1
           group by tag order by count(*) desc, tag limit $2"#,
        pattern,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.tag, r.n)).collect())
}
