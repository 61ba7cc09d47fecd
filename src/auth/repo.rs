//! SQL for accounts. Nothing else writes `members.password_hash` or `members.site_role`.

use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::{CurrentMember, DisplayName, Email, SiteRole, Username};
use super::password::PasswordHash;

pub async fn insert_member(
    db: impl PgExecutor<'_>,
    username: &Username,
    email: &Email,
    display_name: &DisplayName,
    hash: &PasswordHash,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into members (username, email, display_name, password_hash)
         values ($1, $2, $3, $4) returning member_id",
        username.as_str(),
        email.as_str(),
        display_name.as_str(),
        hash.as_phc(),
    )
    .fetch_one(db)
    .await
}

/// Remembers the invite code a new account signed up with (practice reads it for referrals).
pub async fn set_invited_with(db: impl PgExecutor<'_>, member: Uuid, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("update members set invited_with = $2 where member_id = $1", member, code).execute(db).await?;
    Ok(())
}

/// The member id and stored hash for a login attempt.
pub async fn login_by_email(
    db: impl PgExecutor<'_>,
    email: &Email,
) -> Result<Option<(Uuid, PasswordHash)>, sqlx::Error> {
    let row = sqlx::query!("select member_id, password_hash from members where email = $1", email.as_str())
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| (r.member_id, PasswordHash::from_stored(r.password_hash))))
}

pub async fn password_hash(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Option<PasswordHash>, sqlx::Error> {
    let hash = sqlx::query_scalar!("select password_hash from members where member_id = $1", member_id)
        .fetch_optional(db)
        .await?;
    Ok(hash.map(PasswordHash::from_stored))
}

pub async fn set_password(db: impl PgExecutor<'_>, member_id: Uuid, hash: &PasswordHash) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update members set password_hash = $2, password_changed_at = now() where member_id = $1",
        member_id,
        hash.as_phc()
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn current_member(db: impl PgExecutor<'_>, member_id: Uuid) -> Result<Option<CurrentMember>, sqlx::Error> {
    sqlx::query_as!(
        CurrentMember,
        r#"select member_id, username, display_name, site_role as "site_role: SiteRole"
           from members where member_id = $1"#,
        member_id
    )
    .fetch_optional(db)
    .await
}

/// Gives `username` a site role; returns false when no such member exists.
pub async fn set_role(db: impl PgExecutor<'_>, username: &Username, role: SiteRole) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query!("update members set site_role = $2 where username = $1", username.as_str(), role as SiteRole)
            .execute(db)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn member_count(db: impl PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar!(r#"select count(*) as "n!" from members"#).fetch_one(db).await?)
}
