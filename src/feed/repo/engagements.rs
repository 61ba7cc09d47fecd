//! Engagements with their counters, the energy allowance and aura, and bookmarks.

use chrono::NaiveDate;
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::feed::model::{Counts, EngagementKind};

/// A post's counters and the member's own engagements with it, as an engagement leaves them.
pub struct Figures {
    pub counts: Counts,
    pub mine: Vec<EngagementKind>,
}

struct FiguresRow {
    like_count: i32,
    upvote_count: i32,
    downvote_count: i32,
    energy_count: i32,
    comment_count: i32,
    mine: Vec<EngagementKind>,
}

impl From<FiguresRow> for Figures {
    fn from(r: FiguresRow) -> Self {
        Figures {
            counts: Counts {
                like: r.like_count,
                upvote: r.upvote_count,
                downvote: r.downvote_count,
                energy: r.energy_count,
                comments: r.comment_count,
            },
            mine: r.mine,
        }
    }
}

/// Adds or removes one engagement and keeps the post's counter in step. Returns whether the
/// engagement now exists, with the post's figures after the change.
pub async fn toggle_engagement(
    conn: &mut PgConnection,
    post_id: Uuid,
    member_id: Uuid,
    kind: EngagementKind,
) -> Result<(bool, Figures), sqlx::Error> {
    let removed = sqlx::query!(
        "delete from engagements where post_id = $1 and member_id = $2 and kind = $3",
        post_id,
        member_id,
        kind as EngagementKind
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if removed {
        return Ok((false, bump_counter(&mut *conn, post_id, member_id, kind, -1).await?));
    }
    if let Some(figures) = add_engagement(&mut *conn, post_id, member_id, kind).await? {
        return Ok((true, figures));
    }
    // A concurrent request of the same member added it first: nothing changed here.
    Ok((false, figures(&mut *conn, post_id, member_id).await?))
}

/// Records an engagement once (no-op if it exists). Returns true when it was new.
pub async fn insert_engagement(
    conn: &mut PgConnection,
    post_id: Uuid,
    member_id: Uuid,
    kind: EngagementKind,
) -> Result<bool, sqlx::Error> {
    Ok(add_engagement(conn, post_id, member_id, kind).await?.is_some())
}

/// Records an engagement once. When it was new, bumps the counter and returns the post's
/// figures after the change; None when the engagement already existed.
pub async fn add_engagement(
    conn: &mut PgConnection,
    post_id: Uuid,
    member_id: Uuid,
    kind: EngagementKind,
) -> Result<Option<Figures>, sqlx::Error> {
    let added = sqlx::query!(
        "insert into engagements (post_id, member_id, kind) values ($1, $2, $3) on conflict do nothing",
        post_id,
        member_id,
        kind as EngagementKind
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !added {
        return Ok(None);
    }
    Ok(Some(bump_counter(&mut *conn, post_id, member_id, kind, 1).await?))
}

/// Moves the counter of `kind` by `by` and returns the post's figures as `member_id` now sees
/// them (the statement sees the engagement change made earlier in the same transaction).
async fn bump_counter(
    conn: &mut PgConnection,
    post_id: Uuid,
    member_id: Uuid,
    kind: EngagementKind,
    by: i32,
) -> Result<Figures, sqlx::Error> {
    let row = sqlx::query_as!(
        FiguresRow,
        r#"update posts set
             like_count = like_count + case when $2 = 'like'::engagement_kind then $3 else 0 end,
             upvote_count = upvote_count + case when $2 = 'upvote'::engagement_kind then $3 else 0 end,
             downvote_count = downvote_count + case when $2 = 'downvote'::engagement_kind then $3 else 0 end,
             energy_count = energy_count + case when $2 = 'energy'::engagement_kind then $3 else 0 end
         where post_id = $1
         returning like_count, upvote_count, downvote_count, energy_count, comment_count,
                   array(select e.kind from engagements e where e.post_id = $1 and e.member_id = $4)
                       as "mine!: Vec<EngagementKind>""#,
        post_id,
        kind as EngagementKind,
        by,
        member_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.into())
}

/// A post's figures as `member_id` sees them, without changing anything.
async fn figures(conn: &mut PgConnection, post_id: Uuid, member_id: Uuid) -> Result<Figures, sqlx::Error> {
    let row = sqlx::query_as!(
        FiguresRow,
        r#"select like_count, upvote_count, downvote_count, energy_count, comment_count,
                  array(select e.kind from engagements e where e.post_id = $1 and e.member_id = $2)
                      as "mine!: Vec<EngagementKind>"
           from posts where post_id = $1"#,
        post_id,
        member_id
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.into())
}

/// Spends `cost` energy, first refilling the allowance if a new month has begun. Returns the new
/// balance, or None when the balance is too low. The row lock makes concurrent spends add up.
pub async fn spend_energy(
    conn: &mut PgConnection,
    member_id: Uuid,
    cost: i32,
    allowance: i32,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "update members set
             energy_balance = (case when energy_month < date_trunc('month', now())::date then $3 else energy_balance end) - $2,
             energy_month = date_trunc('month', now())::date
         where member_id = $1
           and (case when energy_month < date_trunc('month', now())::date then $3 else energy_balance end) >= $2
         returning energy_balance",
        member_id,
        cost,
        allowance
    )
    .fetch_optional(&mut *conn)
    .await
}

pub async fn add_aura(db: impl PgExecutor<'_>, member_id: Uuid, amount: i32) -> Result<(), sqlx::Error> {
    sqlx::query!("update members set aura = aura + $2 where member_id = $1", member_id, amount).execute(db).await?;
    Ok(())
}

/// Balance (as of this month), aura, and the month the balance belongs to.
pub async fn energy(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    allowance: i32,
) -> Result<(i32, i32, NaiveDate), sqlx::Error> {
    let r = sqlx::query!(
        r#"select (case when energy_month < date_trunc('month', now())::date then $2 else energy_balance end) as "balance!",
                  aura, date_trunc('month', now())::date as "month!"
           from members where member_id = $1"#,
        member_id,
        allowance
    )
    .fetch_one(db)
    .await?;
    Ok((r.balance, r.aura, r.month))
}

/// Adds or removes a bookmark; true when the post is now bookmarked.
pub async fn toggle_bookmark(conn: &mut PgConnection, member_id: Uuid, post_id: Uuid) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query!("delete from bookmarks where member_id = $1 and post_id = $2", member_id, post_id)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1;
    if removed {
        return Ok(false);
    }
    sqlx::query!(
        "insert into bookmarks (member_id, post_id) values ($1, $2) on conflict do nothing",
        member_id,
        post_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(true)
}
