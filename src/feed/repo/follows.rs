//! Follows and blocks between members.

use sqlx::PgExecutor;
use uuid::Uuid;

/// Returns true when this is a new follow.
pub async fn follow(db: impl PgExecutor<'_>, follower: Uuid, followee: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into follows (follower_id, followee_id) values ($1, $2) on conflict do nothing",
        follower,
        followee
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unfollow(db: impl PgExecutor<'_>, follower: Uuid, followee: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from follows where follower_id = $1 and followee_id = $2", follower, followee)
        .execute(db)
        .await?;
    Ok(())
}

/// (followers, following, does the viewer follow them)
pub async fn follow_stats(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    viewer: Option<Uuid>,
) -> Result<(i64, i64, bool), sqlx::Error> {
    let r = sqlx::query!(
        r#"select (select count(*) from follows where followee_id = $1) as "followers!",
                  (select count(*) from follows where follower_id = $1) as "following!",
                  exists (select 1 from follows where follower_id = $2 and followee_id = $1) as "follows!""#,
        member_id,
        viewer
    )
    .fetch_one(db)
    .await?;
    Ok((r.followers, r.following, r.follows))
}
