//! A community's roles — their names, colours, order and permission bits — and who holds them.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::RoleTag;

/// A role with how many members hold it.
pub struct Listed {
    pub role_id: Uuid,
    pub name: String,
    pub colour: String,
    pub position: i32,
    pub permissions: i64,
    pub kind: String,
    pub members: i64,
}

/// Every role of a community, highest first.
pub async fn list(db: impl PgExecutor<'_>, community: Uuid) -> Result<Vec<Listed>, sqlx::Error> {
    sqlx::query_as!(
        Listed,
        r#"select r.role_id, r.name, r.colour, r.position, r.permissions, r.kind,
                  (select count(*) from community_member_roles mr where mr.role_id = r.role_id) as "members!"
           from community_roles r where r.community_id = $1 order by r.position desc"#,
        community
    )
    .fetch_all(db)
    .await
}

/// The built-in roles of a new community (@everyone, Moderator, Owner, with the bits given);
/// returns the owner role.
pub async fn insert_defaults(
    db: &mut PgConnection,
    community: Uuid,
    everyone: i64,
    moderator: i64,
    owner_position: i32,
    owner: i64,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "with roles as (
             insert into community_roles (community_id, name, colour, position, permissions, kind) values
                 ($1, '@everyone', '#8a8a8a', 0, $2, 'everyone'),
                 ($1, 'Moderator', '#2e8b57', 1, $3, 'moderator'),
                 ($1, 'Owner', '#b8860b', $4, $5, 'owner')
             returning role_id, kind)
         select role_id from roles where kind = 'owner'",
        community,
        everyone,
        moderator,
        owner_position,
        owner
    )
    .fetch_one(&mut *db)
    .await
}

pub async fn count(db: &mut PgConnection, community: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from community_roles where community_id = $1"#, community)
        .fetch_one(&mut *db)
        .await
}

/// The position of the highest role below the owner's (0 when there is only @everyone).
pub async fn top_position(db: &mut PgConnection, community: Uuid) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select coalesce(max(position), 0) as "p!" from community_roles where community_id = $1 and kind <> 'owner'"#,
        community
    )
    .fetch_one(&mut *db)
    .await
}

/// Moves every role at or above `at` (but @everyone) one up, making room at `at`.
pub async fn make_room(db: &mut PgConnection, community: Uuid, at: i32) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update community_roles set position = position + 1 where community_id = $1 and position >= $2 and kind <> 'everyone'",
        community,
        at
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Inserts a custom role (a taken name fails with a unique violation).
pub async fn insert(
    db: &mut PgConnection,
    community: Uuid,
    name: &str,
    colour: &str,
    position: i32,
    bits: i64,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into community_roles (community_id, name, colour, position, permissions) values ($1, $2, $3, $4, $5)
         returning role_id",
        community,
        name,
        colour,
        position,
        bits
    )
    .fetch_one(&mut *db)
    .await
}

/// A role's kind and position, with its community's slug.
pub struct Ranked {
    pub slug: String,
    pub kind: String,
    pub position: i32,
}

pub async fn ranked(db: impl PgExecutor<'_>, role: Uuid) -> Result<Option<Ranked>, sqlx::Error> {
    sqlx::query_as!(
        Ranked,
        "select c.slug, r.kind, r.position from community_roles r join communities c using (community_id) where r.role_id = $1",
        role
    )
    .fetch_optional(db)
    .await
}

/// Renames, recolours and sets the bits of a role (a taken name fails with a unique violation).
pub async fn update(db: &mut PgConnection, role: Uuid, name: &str, colour: &str, bits: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update community_roles set name = $2, colour = $3, permissions = $4 where role_id = $1",
        role,
        name,
        colour,
        bits
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Deletes a role and its channel overrides.
pub async fn delete(db: &mut PgConnection, role: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from community_roles where role_id = $1", role).execute(&mut *db).await?;
    sqlx::query!("delete from channel_overrides where target_kind = 'role' and target_id = $1", role)
        .execute(&mut *db)
        .await?;
    Ok(())
}

/// The moderator or custom role right above (`up`) or below `position`, with its position.
pub async fn neighbour(
    db: &mut PgConnection,
    community: Uuid,
    position: i32,
    up: bool,
) -> Result<Option<(Uuid, i32)>, sqlx::Error> {
    Ok(if up {
        sqlx::query!(
            "select role_id, position from community_roles where community_id = $1 and position > $2
               and kind in ('moderator', 'custom') order by position limit 1",
            community,
            position
        )
        .fetch_optional(&mut *db)
        .await?
        .map(|r| (r.role_id, r.position))
    } else {
        sqlx::query!(
            "select role_id, position from community_roles where community_id = $1 and position < $2
               and kind in ('moderator', 'custom') order by position desc limit 1",
            community,
            position
        )
        .fetch_optional(&mut *db)
        .await?
        .map(|r| (r.role_id, r.position))
    })
}

/// Swaps the positions of `role` (at `position`) and `other` (at `other_position`).
pub async fn swap(
    db: &mut PgConnection,
    role: Uuid,
    position: i32,
    other: Uuid,
    other_position: i32,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update community_roles set position = case when role_id = $1 then $2::int else $3::int end where role_id in ($1, $4)",
        role,
        other_position,
        position,
        other
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// A role's kind, position, community and bits.
pub struct Role {
    pub kind: String,
    pub position: i32,
    pub community_id: Uuid,
    pub permissions: i64,
}

pub async fn get(db: impl PgExecutor<'_>, role: Uuid) -> Result<Option<Role>, sqlx::Error> {
    sqlx::query_as!(
        Role,
        "select kind, position, community_id, permissions from community_roles where role_id = $1",
        role
    )
    .fetch_optional(db)
    .await
}

/// A role's kind and position.
pub struct Rank {
    pub kind: String,
    pub position: i32,
}

/// A role of this community other than the owner role, which no override may target.
pub async fn override_target(
    db: impl PgExecutor<'_>,
    role: Uuid,
    community: Uuid,
) -> Result<Option<Rank>, sqlx::Error> {
    sqlx::query_as!(
        Rank,
        "select kind, position from community_roles where role_id = $1 and community_id = $2 and kind <> 'owner'",
        role,
        community
    )
    .fetch_optional(db)
    .await
}

/// Gives a member a role (nothing when they hold it already).
pub async fn grant(db: &mut PgConnection, community: Uuid, member: Uuid, role: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
            "insert into community_member_roles (community_id, member_id, role_id) values ($1, $2, $3) on conflict do nothing",
            community,
            member,
            role
        )
        .execute(&mut *db)
        .await?;
    Ok(())
}

pub async fn withdraw(db: &mut PgConnection, community: Uuid, member: Uuid, role: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "delete from community_member_roles where community_id = $1 and member_id = $2 and role_id = $3",
        community,
        member,
        role
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// The roles an actor may hand out: moderator and custom roles ranking below `highest` whose
/// bits lie within `held` (any bits for the owner).
pub async fn assignable(
    db: impl PgExecutor<'_>,
    community: Uuid,
    highest: i32,
    is_owner: bool,
    held: i64,
) -> Result<Vec<RoleTag>, sqlx::Error> {
    sqlx::query_as!(
        RoleTag,
        "select role_id, name, colour from community_roles
             where community_id = $1 and kind in ('moderator', 'custom') and position < $2
               and ($3 or permissions & ~$4::bigint = 0)
             order by position desc",
        community,
        highest,
        is_owner,
        held
    )
    .fetch_all(db)
    .await
}
