//! Invite links: creating and revoking them, what one shows before it is accepted, and counting
//! their uses.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::InviteView;

/// An invite about to be created: no expiry or no use limit when `None`.
pub struct NewInvite<'a> {
    pub code: &'a str,
    pub community: Uuid,
    pub created_by: Uuid,
    pub expires_at: Option<DateTime<Utc>>,
    pub max_uses: Option<i32>,
}

pub async fn insert(db: impl PgExecutor<'_>, new: NewInvite<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into community_invites (code, community_id, created_by, expires_at, max_uses) values ($1, $2, $3, $4, $5)",
        new.code,
        new.community,
        new.created_by,
        new.expires_at,
        new.max_uses
    )
    .execute(db)
    .await?;
    Ok(())
}

/// The slug of the community an invite is for.
pub async fn community_slug(db: impl PgExecutor<'_>, code: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar!(
        "select c.slug from community_invites i join communities c using (community_id) where i.code = $1",
        code
    )
    .fetch_optional(db)
    .await
}

pub async fn revoke(db: impl PgExecutor<'_>, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("update community_invites set revoked_at = now() where code = $1 and revoked_at is null", code)
        .execute(db)
        .await?;
    Ok(())
}

/// An invite's community, whether the invite can still be used, and whether the viewer belongs.
pub struct Previewed {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub member_count: i32,
    pub usable: bool,
    pub member: bool,
}

pub async fn preview(db: impl PgExecutor<'_>, code: &str, viewer: Uuid) -> Result<Option<Previewed>, sqlx::Error> {
    sqlx::query_as!(
        Previewed,
        r#"select c.slug, c.name, c.description, c.member_count,
                  (i.revoked_at is null and (i.expires_at is null or i.expires_at > now())
                     and (i.max_uses is null or i.uses < i.max_uses)) as "usable!",
                  exists (select 1 from community_members m where m.community_id = c.community_id and m.member_id = $2) as "member!"
           from community_invites i join communities c using (community_id) where i.code = $1"#,
        code,
        viewer
    )
    .fetch_optional(db)
    .await
}

/// An invite as stored, with its community's slug.
pub struct Locked {
    pub community_id: Uuid,
    pub slug: String,
    pub revoked_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub max_uses: Option<i32>,
    pub uses: i32,
}

/// The invite, its row locked until the transaction ends (so its last use cannot be taken
/// twice).
pub async fn lock(db: &mut PgConnection, code: &str) -> Result<Option<Locked>, sqlx::Error> {
    sqlx::query_as!(
        Locked,
        r#"select i.community_id, c.slug, i.revoked_at, i.expires_at, i.max_uses, i.uses
           from community_invites i join communities c using (community_id) where i.code = $1 for update of i"#,
        code
    )
    .fetch_optional(&mut *db)
    .await
}

pub async fn count_use(db: &mut PgConnection, code: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("update community_invites set uses = uses + 1 where code = $1", code).execute(&mut *db).await?;
    Ok(())
}

/// The newest 50 invites, newest first, with who made them.
pub async fn list(db: impl PgExecutor<'_>, community: Uuid) -> Result<Vec<InviteView>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select i.code, i.expires_at, i.max_uses, i.uses, m.username as "by?",
                      (i.revoked_at is null and (i.expires_at is null or i.expires_at > now())
                         and (i.max_uses is null or i.uses < i.max_uses)) as "usable!"
               from community_invites i left join members m on m.member_id = i.created_by
               where i.community_id = $1 order by i.created_at desc limit 50"#,
        community
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| InviteView {
        code: r.code,
        expires_at: r.expires_at,
        max_uses: r.max_uses,
        uses: r.uses,
        usable: r.usable,
        created_by: r.by,
    })
    .collect())
}
