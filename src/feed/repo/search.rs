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

/// `text` as a LIKE pattern that matches it literally.
fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Members whose username or display name matches: whole words, or any part of the name (a
/// trigram index serves the substring match), closest names first.
pub async fn search_members(
    db: impl PgExecutor<'_>,
    query: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let lower = query.to_lowercase();
    let pattern = format!("%{}%", like_literal(&lower));
    let rows = sqlx::query!(
        r#"select username, display_name from members
           where to_tsvector('simple', username || ' ' || display_name) @@ websearch_to_tsquery('simple', $1)
              or lower(username || ' ' || display_name) like $2
           order by similarity(lower(username || ' ' || display_name), $3) desc, username
           limit $4"#,
        query,
        pattern,
        lower,
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
    let pattern = format!("{}%", like_literal(&prefix.to_lowercase()));
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
