//! SQL for member profiles and the directory.

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::{AstroSign, MemberCard, Profile, ProfileUpdate, TangoRole};
use crate::auth::model::SiteRole;

/// A profile by username; `viewer` decides `is_self` and whether the birth date is included.
pub async fn profile(
    db: impl PgExecutor<'_>,
    username: &str,
    viewer: Option<Uuid>,
) -> Result<Option<Profile>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select member_id, username, display_name, bio, city, country, time_zone, languages,
                  tango_role as "tango_role: TangoRole", astro_sign as "astro_sign: AstroSign",
                  birth_date, site_role as "site_role: SiteRole", created_at, avatar_id,
                  (select count(*) from connections c where c.member_id = members.member_id) as "connections!"
           from members where username = $1"#,
        username
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let is_self = viewer == Some(r.member_id);
        Profile {
            member_id: r.member_id,
            username: r.username,
            display_name: r.display_name,
            bio: r.bio,
            city: r.city,
            country: r.country,
            time_zone: r.time_zone,
            languages: r.languages,
            tango_role: r.tango_role,
            astro_sign: r.astro_sign,
            birth_date: if is_self { r.birth_date } else { None },
            site_role: r.site_role,
            joined_at: r.created_at,
            is_self,
            followers: 0,
            following: 0,
            viewer_follows: false,
            viewer_blocked: false,
            avatar: r.avatar_id.map(crate::media::display_url),
            connection: Default::default(),
            connections: r.connections,
            journey: None,
        }
    }))
}

/// Writes a validated profile change to the member's own row. Returns the username.
pub async fn update_profile(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    p: &ProfileUpdate,
) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!(
        r#"update members set display_name = $2, bio = $3, city = $4, country = $5, time_zone = $6,
               languages = $7, tango_role = $8, birth_date = $9, astro_sign = $10
           where member_id = $1 returning username"#,
        member_id,
        p.display_name.as_str(),
        p.bio,
        p.city,
        p.country,
        p.time_zone,
        &p.languages,
        p.tango_role as Option<TangoRole>,
        p.birth_date,
        p.astro_sign as Option<AstroSign>,
    )
    .fetch_one(db)
    .await
}

/// Newest members first, keyset-paginated on (created_at, member_id).
pub async fn directory(
    db: impl PgExecutor<'_>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
    signed_in: bool,
) -> Result<Vec<(MemberCard, DateTime<Utc>, Uuid)>, sqlx::Error> {
    let (after_at, after_id) = match after {
        Some((at, id)) => (Some(at), Some(id)),
        None => (None, None),
    };
    let rows = sqlx::query!(
        r#"select member_id, username, display_name, avatar_id, city, country,
                  tango_role as "tango_role: TangoRole", created_at
           from members
           where ($1::timestamptz is null or (created_at, member_id) < ($1, $2))
             and ($4 or profile_audience = 'public')
           order by created_at desc, member_id desc
           limit $3"#,
        after_at,
        after_id,
        limit,
        signed_in
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                MemberCard {
                    username: r.username,
                    display_name: r.display_name,
                    avatar: r.avatar_id.map(crate::media::thumb_url),
                    city: r.city,
                    country: r.country,
                    tango_role: r.tango_role,
                },
                r.created_at,
                r.member_id,
            )
        })
        .collect())
}

/// Points the member's avatar at a new image (or none). Returns the image it replaces.
pub async fn set_avatar(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    media_id: Option<Uuid>,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "update members m set avatar_id = $2 from members old
         where m.member_id = $1 and old.member_id = $1
         returning old.avatar_id",
        member_id,
        media_id
    )
    .fetch_one(db)
    .await
}

/// Whether the member keeps their profile to signed-in members (their privacy choice).
pub async fn members_only(db: impl PgExecutor<'_>, member: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select profile_audience = 'members' as "members_only!" from members where member_id = $1"#,
        member
    )
    .fetch_optional(db)
    .await?
    .unwrap_or(false))
}
