//! Keeping order: bans, timeouts, and the count of flagged messages awaiting review.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::{BanView, MemberRef};

pub async fn is_banned(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from community_bans where community_id = $1 and member_id = $2) as "e!""#,
        community,
        member
    )
    .fetch_one(db)
    .await
}

/// Why a member was banned, when they were.
pub async fn ban_reason(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select reason from community_bans where community_id = $1 and member_id = $2",
        community,
        member
    )
    .fetch_optional(db)
    .await
}

/// Bans a member (again: the new reason and moderator replace the old).
pub async fn ban(
    db: &mut PgConnection,
    community: Uuid,
    member: Uuid,
    reason: &str,
    by: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into community_bans (community_id, member_id, reason, banned_by) values ($1, $2, $3, $4)
         on conflict (community_id, member_id) do update set reason = excluded.reason, banned_by = excluded.banned_by",
        community,
        member,
        reason,
        by
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

pub async fn unban(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from community_bans where community_id = $1 and member_id = $2", community, member)
        .execute(db)
        .await?;
    Ok(())
}

/// The newest 100 bans, newest first.
pub async fn bans(db: impl PgExecutor<'_>, community: Uuid) -> Result<Vec<BanView>, sqlx::Error> {
    Ok(sqlx::query!(
        "select m.member_id, m.username, m.display_name, m.avatar_id, b.reason, b.created_at
             from community_bans b join members m using (member_id)
             where b.community_id = $1 order by b.created_at desc limit 100",
        community
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| BanView {
        member: MemberRef {
            member_id: r.member_id,
            username: r.username,
            display_name: r.display_name,
            avatar_id: r.avatar_id,
        },
        reason: r.reason,
        created_at: r.created_at,
    })
    .collect())
}

/// Sets (or, with `None`, ends) a member's timeout.
pub async fn set_timeout(
    db: &mut PgConnection,
    community: Uuid,
    member: Uuid,
    until: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update community_members set timeout_until = $3 where community_id = $1 and member_id = $2",
        community,
        member,
        until
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Flagged messages not yet reviewed in some channels.
pub async fn flagged_count(db: impl PgExecutor<'_>, channels: &[Uuid]) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select count(*) as "n!" from chat_messages m
               where m.channel_id = any($1) and m.flagged_reason is not null and m.flag_resolved_at is null"#,
        channels
    )
    .fetch_one(db)
    .await
}
