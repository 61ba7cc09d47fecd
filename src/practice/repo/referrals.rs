//! Referral codes and referrals.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub async fn code(db: impl PgExecutor<'_>, member: Uuid) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!("select code from referral_codes where member_id = $1", member).fetch_optional(db).await
}

/// Stores the member's code unless they have one; false when the code is taken (try another).
pub async fn insert_code(db: impl PgExecutor<'_>, member: Uuid, code: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into referral_codes (member_id, code) values ($1, $2) on conflict do nothing",
        member,
        code
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Who invited the member, through the code they signed up with (never themselves).
pub async fn inviter(conn: &mut PgConnection, member: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select rc.member_id from members m join referral_codes rc on rc.code = m.invited_with
         where m.member_id = $1 and rc.member_id <> m.member_id",
        member
    )
    .fetch_optional(&mut *conn)
    .await
}

/// Records the referral as active; false when the account already counted for someone.
pub async fn activate(
    conn: &mut PgConnection,
    referred: Uuid,
    referrer: Uuid,
    rewarded: bool,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into referrals (referred_id, referrer_id, activated_at, rewarded) values ($1, $2, $3, $4)
         on conflict do nothing",
        referred,
        referrer,
        at,
        rewarded
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Rewarded referrals of a referrer since `since` (the reward's cap).
pub async fn rewarded_since(conn: &mut PgConnection, referrer: Uuid, since: DateTime<Utc>) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from referrals where referrer_id = $1 and rewarded and activated_at >= $2"#,
        referrer,
        since
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// A freeze for the streak (at most two held), the referral's reward.
pub async fn add_freeze(conn: &mut PgConnection, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("insert into practice_members (member_id) values ($1) on conflict do nothing", member)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("update practice_members set freezes = least(freezes + 1, 2) where member_id = $1", member)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Members who signed up with the code: (username, display name, joined, days practised,
/// activated at).
pub async fn invited(
    db: impl PgExecutor<'_>,
    code: &str,
) -> Result<Vec<(String, String, DateTime<Utc>, i32, Option<DateTime<Utc>>)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select m.username, m.display_name, m.created_at, coalesce(p.days_active, 0) as "days!", r.activated_at as "activated_at?"
           from members m
           left join practice_members p on p.member_id = m.member_id
           left join referrals r on r.referred_id = m.member_id
           where m.invited_with = $1
           order by m.created_at desc limit 200"#,
        code
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.username, r.display_name, r.created_at, r.days, r.activated_at)).collect())
}
