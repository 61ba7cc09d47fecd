//! Who belongs: members joining and leaving (with the kept member count), requests to join,
//! the member list, and handing a community to a new owner.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::{JoinRequestView, MemberRef, RoleTag};

pub async fn is_member(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from community_members where community_id = $1 and member_id = $2) as "e!""#,
        community,
        member
    )
    .fetch_one(db)
    .await
}

/// Adds a member (if not one already), keeps the count and drops their request to join; true
/// when they were added.
pub async fn add(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    let added = sqlx::query!(
        "insert into community_members (community_id, member_id) values ($1, $2) on conflict do nothing",
        community,
        member
    )
    .execute(&mut *db)
    .await?
    .rows_affected()
        == 1;
    if added {
        sqlx::query!("update communities set member_count = member_count + 1 where community_id = $1", community)
            .execute(&mut *db)
            .await?;
        delete_request(&mut *db, community, member).await?;
    }
    Ok(added)
}

/// Removes a member, keeps the count and drops their channel overrides; true when they were
/// a member.
pub async fn remove(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    let removed =
        sqlx::query!("delete from community_members where community_id = $1 and member_id = $2", community, member)
            .execute(&mut *db)
            .await?
            .rows_affected()
            == 1;
    if removed {
        sqlx::query!("update communities set member_count = member_count - 1 where community_id = $1", community)
            .execute(&mut *db)
            .await?;
        // Overrides are for members: none outlives the membership (a returning member starts
        // afresh).
        super::drop_member_overrides(&mut *db, community, member).await?;
    }
    Ok(removed)
}

/// The founder of a new community: its member, holding the owner role.
pub async fn insert_founder(
    db: &mut PgConnection,
    community: Uuid,
    member: Uuid,
    owner_role: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!("insert into community_members (community_id, member_id) values ($1, $2)", community, member)
        .execute(&mut *db)
        .await?;
    sqlx::query!(
        "insert into community_member_roles (community_id, member_id, role_id) values ($1, $2, $3)",
        community,
        member,
        owner_role
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Asks to join (again: a new note replaces the old).
pub async fn request(db: impl PgExecutor<'_>, community: Uuid, member: Uuid, note: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into community_join_requests (community_id, member_id, note) values ($1, $2, $3)
                     on conflict (community_id, member_id) do update set note = excluded.note",
        community,
        member,
        note
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Drops a request to join; true when there was one.
pub async fn delete_request(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!(
        "delete from community_join_requests where community_id = $1 and member_id = $2",
        community,
        member
    )
    .execute(db)
    .await?
    .rows_affected()
        == 1)
}

pub async fn has_requested(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from community_join_requests where community_id = $1 and member_id = $2) as "e!""#,
        community,
        member
    )
    .fetch_one(db)
    .await
}

pub async fn pending_requests(db: impl PgExecutor<'_>, community: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from community_join_requests where community_id = $1"#, community)
        .fetch_one(db)
        .await
}

/// The oldest 100 requests to join, oldest first.
pub async fn requests(db: impl PgExecutor<'_>, community: Uuid) -> Result<Vec<JoinRequestView>, sqlx::Error> {
    Ok(sqlx::query!(
        "select m.member_id, m.username, m.display_name, m.avatar_id, r.note, r.created_at
             from community_join_requests r join members m using (member_id)
             where r.community_id = $1 order by r.created_at limit 100",
        community
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| JoinRequestView {
        member: MemberRef {
            member_id: r.member_id,
            username: r.username,
            display_name: r.display_name,
            avatar_id: r.avatar_id,
        },
        note: r.note,
        created_at: r.created_at,
    })
    .collect())
}

/// A member as listed, with their named roles, highest first.
pub struct Listed {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub avatar_id: Option<Uuid>,
    pub joined_at: DateTime<Utc>,
    pub timeout_until: Option<DateTime<Utc>>,
    pub roles: sqlx::types::Json<Vec<RoleTag>>,
}

/// Up to 51 members in joining order after the cursor (one more than a page tells whether
/// there is a next).
pub async fn page(
    db: impl PgExecutor<'_>,
    community: Uuid,
    after_at: Option<DateTime<Utc>>,
    after_id: Option<Uuid>,
) -> Result<Vec<Listed>, sqlx::Error> {
    sqlx::query_as!(
        Listed,
        r#"select m.member_id, m.username, m.display_name, m.avatar_id, cm.joined_at, cm.timeout_until,
                  coalesce((select json_agg(json_build_object('role_id', r.role_id, 'name', r.name, 'colour', r.colour) order by r.position desc)
                            from community_member_roles mr join community_roles r using (role_id)
                            where mr.community_id = cm.community_id and mr.member_id = cm.member_id), '[]') as "roles!: sqlx::types::Json<Vec<RoleTag>>"
           from community_members cm join members m using (member_id)
           where cm.community_id = $1
             and ($2::timestamptz is null or (cm.joined_at, cm.member_id) > ($2, $3))
           order by cm.joined_at, cm.member_id
           limit 51"#,
        community,
        after_at,
        after_id
    )
    .fetch_all(db)
    .await
}

/// Makes `to` the owner if `from` still is; the number of rows changed (0 when ownership moved
/// meanwhile).
pub async fn set_owner(db: &mut PgConnection, community: Uuid, from: Uuid, to: Uuid) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!(
        "update communities set owner_id = $3 where community_id = $1 and owner_id = $2",
        community,
        from,
        to
    )
    .execute(&mut *db)
    .await?
    .rows_affected())
}

/// Moves the owner role from `from` to `to`; the former owner stays on as a moderator.
pub async fn hand_over_roles(db: &mut PgConnection, community: Uuid, from: Uuid, to: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with owner_role as (select role_id from community_roles where community_id = $1 and kind = 'owner'),
              moderator as (select role_id from community_roles where community_id = $1 and kind = 'moderator'),
              dropped as (delete from community_member_roles where community_id = $1 and member_id = $2
                            and role_id = (select role_id from owner_role)),
              given as (insert into community_member_roles (community_id, member_id, role_id)
                          select $1, $3, role_id from owner_role on conflict do nothing)
         insert into community_member_roles (community_id, member_id, role_id)
         select $1, $2, role_id from moderator on conflict do nothing",
        community,
        from,
        to
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}
