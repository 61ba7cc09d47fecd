//! SQL for reports and hiding content. Nothing else writes `reports` or the `hidden_*` columns.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{QueueItem, ReportLine, ReportReason, Resolved, Target};

fn split(target: Target) -> (Option<Uuid>, Option<Uuid>) {
    match target {
        Target::Post(id) => (Some(id), None),
        Target::Comment(id) => (None, Some(id)),
    }
}

/// The content's author, its post, and whether it is hidden.
pub struct Owner {
    pub author_id: Uuid,
    pub post_id: Uuid,
    pub hidden: bool,
}

pub async fn owner(db: impl PgExecutor<'_>, target: Target) -> Result<Option<Owner>, sqlx::Error> {
    let (post, comment) = split(target);
    let r = sqlx::query!(
        r#"select author_id as "author_id!", post_id as "post_id!", hidden as "hidden!" from (
               select author_id, post_id, hidden_at is not null as hidden from posts where post_id = $1
               union all
               select author_id, post_id, hidden_at is not null from comments where comment_id = $2
           ) t"#,
        post,
        comment
    )
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| Owner { author_id: r.author_id, post_id: r.post_id, hidden: r.hidden }))
}

/// Files a report; false when this member already has an open report on it.
pub async fn insert(
    db: impl PgExecutor<'_>,
    reporter: Uuid,
    target: Target,
    reason: ReportReason,
    details: &str,
) -> Result<bool, sqlx::Error> {
    let (post, comment) = split(target);
    let done = sqlx::query!(
        "insert into reports (reporter_id, post_id, comment_id, reason, details) values ($1, $2, $3, $4, $5)
         on conflict do nothing",
        reporter,
        post,
        comment,
        reason as ReportReason,
        details
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Hides (`by` = the moderator) or restores (`by` = None) the content. Returns false when it
/// was already in that state. A comment's post keeps its count of visible comments.
pub async fn set_hidden(conn: &mut PgConnection, target: Target, by: Option<Uuid>) -> Result<bool, sqlx::Error> {
    let hide = by.is_some();
    let changed = match target {
        Target::Post(id) => {
            sqlx::query!(
                "update posts set hidden_at = case when $2 then now() end, hidden_by = $3
             where post_id = $1 and (hidden_at is not null) <> $2",
                id,
                hide,
                by
            )
            .execute(&mut *conn)
            .await?
            .rows_affected()
                == 1
        }
        Target::Comment(id) => {
            let post = sqlx::query_scalar!(
                "update comments set hidden_at = case when $2 then now() end, hidden_by = $3
                 where comment_id = $1 and (hidden_at is not null) <> $2
                 returning post_id",
                id,
                hide,
                by
            )
            .fetch_optional(&mut *conn)
            .await?;
            if let Some(post_id) = post {
                sqlx::query!(
                    "update posts set comment_count = greatest(comment_count + case when $2 then -1 else 1 end, 0)
                     where post_id = $1",
                    post_id,
                    hide
                )
                .execute(&mut *conn)
                .await?;
            }
            post.is_some()
        }
    };
    Ok(changed)
}

/// Closes every open report on the content with `resolution` ('hidden' or 'dismissed').
pub async fn resolve(
    db: impl PgExecutor<'_>,
    target: Target,
    resolution: &str,
    moderator: Uuid,
) -> Result<u64, sqlx::Error> {
    let (post, comment) = split(target);
    let done = sqlx::query!(
        "update reports set resolution = $3, resolved_by = $4, resolved_at = now()
         where resolved_at is null
           and (($1::uuid is not null and post_id = $1) or ($2::uuid is not null and comment_id = $2))",
        post,
        comment,
        resolution,
        moderator
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Open reports grouped by the content they are about, oldest first.
pub async fn queue(db: impl PgExecutor<'_>, limit: i64) -> Result<Vec<QueueItem>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select r.post_id as report_post, r.comment_id as report_comment,
                  coalesce(p.post_id, c.post_id) as "post_id!",
                  a.username, a.display_name,
                  coalesce(p.body_html, c.body_html) as "body_html!",
                  coalesce(p.hidden_at, c.hidden_at) is not null as "hidden!",
                  array_agg(rep.username order by r.created_at) as "reporters!",
                  array_agg(r.reason order by r.created_at) as "reasons!: Vec<ReportReason>",
                  array_agg(r.details order by r.created_at) as "details!",
                  array_agg(r.created_at order by r.created_at) as "times!: Vec<DateTime<Utc>>",
                  min(r.created_at) as "first!"
           from reports r
           left join posts p on p.post_id = r.post_id
           left join comments c on c.comment_id = r.comment_id
           join members a on a.member_id = coalesce(p.author_id, c.author_id)
           join members rep on rep.member_id = r.reporter_id
           where r.resolved_at is null
           group by r.post_id, r.comment_id, p.post_id, c.post_id, a.username, a.display_name,
                    p.body_html, c.body_html, p.hidden_at, c.hidden_at
           order by min(r.created_at)
           limit $1"#,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let target = match (r.report_post, r.report_comment) {
                (Some(p), _) => Target::Post(p),
                (None, Some(c)) => Target::Comment(c),
                _ => return None,
            };
            let reports = r
                .reporters
                .into_iter()
                .zip(r.reasons)
                .zip(r.details)
                .zip(r.times)
                .map(|(((reporter, reason), details), created_at)| ReportLine { reporter, reason, details, created_at })
                .collect();
            Some(QueueItem {
                target,
                post_id: r.post_id,
                author_username: r.username,
                author_name: r.display_name,
                body_html: r.body_html,
                hidden: r.hidden,
                reports,
                first_reported_at: r.first,
            })
        })
        .collect())
}

/// The most recently resolved content, one line per piece of content.
pub async fn recent(db: impl PgExecutor<'_>, limit: i64) -> Result<Vec<Resolved>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select * from (
               select distinct on (r.post_id, r.comment_id)
                      r.post_id as report_post, r.comment_id as report_comment,
                      coalesce(p.post_id, c.post_id) as "post_id!",
                      left(coalesce(p.body, c.body), 140) as "excerpt!",
                      r.resolution as "resolution!",
                      coalesce(p.hidden_at, c.hidden_at) is not null as "hidden!",
                      coalesce(m.username, '') as "resolved_by!",
                      r.resolved_at as "resolved_at!"
               from reports r
               left join posts p on p.post_id = r.post_id
               left join comments c on c.comment_id = r.comment_id
               left join members m on m.member_id = r.resolved_by
               where r.resolved_at is not null and (p.post_id is not null or c.comment_id is not null)
               order by r.post_id, r.comment_id, r.resolved_at desc
           ) t
           order by "resolved_at!" desc
           limit $1"#,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let target = match (r.report_post, r.report_comment) {
                (Some(p), _) => Target::Post(p),
                (None, Some(c)) => Target::Comment(c),
                _ => return None,
            };
            Some(Resolved {
                target,
                post_id: r.post_id,
                excerpt: r.excerpt,
                resolution: r.resolution,
                hidden: r.hidden,
                resolved_by: r.resolved_by,
                resolved_at: r.resolved_at,
            })
        })
        .collect())
}

/// Whether `viewer` may see a post (to report it or what is under it): readable to them, not
/// hidden unless theirs, and nobody blocked between them and its author — the rule of
/// `feed::repo::post`.
pub async fn post_in_sight(db: impl PgExecutor<'_>, post_id: Uuid, viewer: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from posts p
               where p.post_id = $1
                 and (p.hidden_at is null or p.author_id = $2)
                 and not exists (select 1 from blocks k where (k.blocker_id = $2 and k.blocked_id = p.author_id)
                                                         or (k.blocker_id = p.author_id and k.blocked_id = $2))
                 and post_readable(p.author_id, p.visibility, p.community_id, $2)
           ) as "e!""#,
        post_id,
        viewer
    )
    .fetch_one(db)
    .await
}
