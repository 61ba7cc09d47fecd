//! Communities in the database. Here: the reads every community and chat rule starts from — a
//! community, where a member stands in it, and which channels a member may see; beside it, one
//! file per capability (the community row itself, membership, roles, channels, invites,
//! moderation). Functions take `impl PgExecutor` or, for steps of a caller's transaction,
//! `&mut PgConnection`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{FilterPolicy, MemberRef, Visibility};
use super::perms::{Standing, VIEW_CHANNEL};

pub mod channels;
pub mod community;
pub mod invites;
pub mod membership;
pub mod moderation;
pub mod roles;

pub use channels::{
    channel, channel_bits, channels_of, drop_member_overrides, entry, overrides_of, visible_channels, ChannelRow,
};

#[derive(Debug, Clone)]
pub struct CommunityRow {
    pub community_id: Uuid,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub visibility: Visibility,
    pub filter_policy: FilterPolicy,
    pub owner_id: Uuid,
    pub member_count: i32,
    pub icon_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

/// A community row as stored (visibility and policy as text).
struct Stored {
    community_id: Uuid,
    slug: String,
    name: String,
    description: String,
    visibility: String,
    filter_policy: String,
    owner_id: Uuid,
    member_count: i32,
    icon_id: Option<Uuid>,
    created_at: DateTime<Utc>,
}

impl From<Stored> for CommunityRow {
    fn from(r: Stored) -> Self {
        CommunityRow {
            community_id: r.community_id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            visibility: Visibility::parse(&r.visibility).unwrap_or(Visibility::Private),
            filter_policy: FilterPolicy::parse(&r.filter_policy).unwrap_or(FilterPolicy::Block),
            owner_id: r.owner_id,
            member_count: r.member_count,
            icon_id: r.icon_id,
            created_at: r.created_at,
        }
    }
}

/// Whether `viewer` may read the community's posts and events (it is public, or they belong).
pub async fn readable(db: impl PgExecutor<'_>, community: Uuid, viewer: Option<Uuid>) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(r#"select community_readable($1, $2) as "r!""#, community, viewer).fetch_one(db).await?)
}

pub async fn by_slug(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<CommunityRow>, sqlx::Error> {
    let row = sqlx::query_as!(
        Stored,
        "select community_id, slug, name, description, visibility, filter_policy, owner_id, member_count, icon_id, created_at
         from communities where slug = $1",
        slug.trim().to_lowercase()
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(CommunityRow::from))
}

/// A member's standing in a community, plus whether they belong and the seniority of their
/// highest role. Visitors get the @everyone role's view bit in public communities, nothing else.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub standing: Standing,
    pub is_member: bool,
    /// Banned from the community (and so not a member).
    pub banned: bool,
    pub timeout_until: Option<DateTime<Utc>>,
    /// The position of the member's highest role (the owner is above everyone).
    pub highest: i32,
}

pub async fn standing(
    db: impl PgExecutor<'_>,
    community: &CommunityRow,
    member_id: Uuid,
) -> Result<Option<Loaded>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select er.role_id as "everyone_role!", er.permissions as "everyone_bits!",
                  cm.member_id as "joined?", cm.timeout_until,
                  exists (select 1 from community_bans b where b.community_id = er.community_id and b.member_id = $2) as "banned!",
                  coalesce(array_agg(r.role_id) filter (where r.role_id is not null), '{}') as "role_ids!: Vec<Uuid>",
                  coalesce(array_agg(r.permissions) filter (where r.role_id is not null), '{}') as "role_bits!: Vec<i64>",
                  coalesce(max(r.position), 0) as "highest!"
           from community_roles er
           left join community_members cm on cm.community_id = er.community_id and cm.member_id = $2
           left join community_member_roles mr on mr.community_id = er.community_id and mr.member_id = cm.member_id
           left join community_roles r on r.role_id = mr.role_id
           where er.community_id = $1 and er.kind = 'everyone'
           group by er.role_id, er.permissions, cm.member_id, cm.timeout_until"#,
        community.community_id,
        member_id,
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        loaded(
            member_id,
            community,
            Everyone { role: r.everyone_role, bits: r.everyone_bits },
            Belonging { is_member: r.joined.is_some(), banned: r.banned },
            r.timeout_until,
            r.role_ids.into_iter().zip(r.role_bits).collect(),
            r.highest,
        )
    }))
}

struct Everyone {
    role: Uuid,
    bits: i64,
}

/// Whether someone belongs to a community, or was banned from it.
struct Belonging {
    is_member: bool,
    banned: bool,
}

/// A member's standing from what the database holds: visitors of a public community keep only
/// the @everyone role's view bit (someone banned from it keeps nothing); the owner ranks above
/// everyone; timeouts count while running.
fn loaded(
    member_id: Uuid,
    community: &CommunityRow,
    everyone: Everyone,
    belonging: Belonging,
    timeout_until: Option<DateTime<Utc>>,
    roles: Vec<(Uuid, i64)>,
    highest: i32,
) -> Loaded {
    let is_member = belonging.is_member;
    let is_owner = community.owner_id == member_id && is_member;
    let timeout_until = timeout_until.filter(|t| *t > Utc::now());
    let everyone_bits = if is_member {
        everyone.bits
    } else if community.visibility == Visibility::Public && !belonging.banned {
        everyone.bits & VIEW_CHANNEL
    } else {
        0
    };
    Loaded {
        standing: Standing {
            member_id,
            is_owner,
            everyone_role: everyone.role,
            everyone_bits,
            roles: if is_member { roles } else { Vec::new() },
            timed_out: is_member && !is_owner && timeout_until.is_some(),
            is_member,
        },
        is_member,
        banned: belonging.banned,
        timeout_until,
        highest: if is_owner { i32::MAX } else { highest },
    }
}

/// Which of the community's members may view a channel: all of them, or only those among
/// `among`. Three queries whatever the number of members (the @everyone role, the members'
/// roles, the channel's overrides); used to tell mentioned members and @everyone.
pub async fn viewers(
    db: &sqlx::PgPool,
    community: &CommunityRow,
    channel_id: Uuid,
    among: Option<&[Uuid]>,
) -> Result<Vec<Uuid>, sqlx::Error> {
    let everyone = sqlx::query!(
        "select role_id, permissions from community_roles where community_id = $1 and kind = 'everyone'",
        community.community_id
    )
    .fetch_one(db)
    .await?;
    let rows = sqlx::query!(
        r#"select cm.member_id, cm.timeout_until,
                  coalesce(array_agg(r.role_id) filter (where r.role_id is not null), '{}') as "role_ids!: Vec<Uuid>",
                  coalesce(array_agg(r.permissions) filter (where r.role_id is not null), '{}') as "role_bits!: Vec<i64>",
                  coalesce(max(r.position), 0) as "highest!"
           from community_members cm
           left join community_member_roles mr on mr.community_id = cm.community_id and mr.member_id = cm.member_id
           left join community_roles r on r.role_id = mr.role_id
           where cm.community_id = $1 and ($2::uuid[] is null or cm.member_id = any($2))
           group by cm.member_id, cm.timeout_until"#,
        community.community_id,
        among as Option<&[Uuid]>,
    )
    .fetch_all(db)
    .await?;
    let overrides = overrides_of(db, &[channel_id]).await?;
    let overrides = overrides.get(&channel_id).map(Vec::as_slice).unwrap_or(&[]);
    Ok(rows
        .into_iter()
        .filter(|r| {
            let l = loaded(
                r.member_id,
                community,
                Everyone { role: everyone.role_id, bits: everyone.permissions },
                Belonging { is_member: true, banned: false },
                r.timeout_until,
                r.role_ids.iter().copied().zip(r.role_bits.iter().copied()).collect(),
                r.highest,
            );
            l.standing.in_channel(overrides) & VIEW_CHANNEL != 0
        })
        .map(|r| r.member_id)
        .collect())
}

/// A member's standing in every community they belong to, in one query.
pub async fn standings_of(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
) -> Result<Vec<(CommunityRow, Loaded)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select c.community_id, c.slug, c.name, c.owner_id, c.visibility,
                  er.role_id as "everyone_role!", er.permissions as "everyone_bits!", cm.timeout_until,
                  coalesce(array_agg(r.role_id) filter (where r.role_id is not null), '{}') as "role_ids!: Vec<Uuid>",
                  coalesce(array_agg(r.permissions) filter (where r.role_id is not null), '{}') as "role_bits!: Vec<i64>",
                  coalesce(max(r.position), 0) as "highest!"
           from community_members cm
           join communities c on c.community_id = cm.community_id
           join community_roles er on er.community_id = cm.community_id and er.kind = 'everyone'
           left join community_member_roles mr on mr.community_id = cm.community_id and mr.member_id = cm.member_id
           left join community_roles r on r.role_id = mr.role_id
           where cm.member_id = $1
           group by c.community_id, er.role_id, er.permissions, cm.timeout_until
           order by lower(c.name)"#,
        member_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let community = CommunityRow {
                community_id: r.community_id,
                slug: r.slug,
                name: r.name,
                description: String::new(),
                visibility: Visibility::parse(&r.visibility).unwrap_or(Visibility::Private),
                filter_policy: FilterPolicy::Block,
                owner_id: r.owner_id,
                member_count: 0,
                icon_id: None,
                created_at: Utc::now(),
            };
            let everyone = Everyone { role: r.everyone_role, bits: r.everyone_bits };
            let roles = r.role_ids.into_iter().zip(r.role_bits).collect();
            let belonging = Belonging { is_member: true, banned: false };
            let l = loaded(member_id, &community, everyone, belonging, r.timeout_until, roles, r.highest);
            (community, l)
        })
        .collect())
}

/// The communities where a member holds `perm` community-wide (a timeout leaves none), by name.
pub async fn communities_with(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    perm: i64,
) -> Result<Vec<CommunityRow>, sqlx::Error> {
    Ok(standings_of(db, member_id)
        .await?
        .into_iter()
        .filter(|(_, l)| super::perms::has(l.standing.base(), perm))
        .map(|(c, _)| c)
        .collect())
}

/// Every channel and conversation a member may read: their communities' visible text channels
/// and their conversations. Used to subscribe a socket and to count unread messages.
/// Four queries whatever the number of communities: the member's standing in each, their
/// channels, those channels' overrides, and the member's conversations.
pub async fn readable_channels(db: &sqlx::PgPool, member_id: Uuid) -> Result<Readable, sqlx::Error> {
    let standings: HashMap<Uuid, Loaded> =
        standings_of(db, member_id).await?.into_iter().map(|(c, l)| (c.community_id, l)).collect();
    let communities: Vec<Uuid> = standings.keys().copied().collect();
    let all = channels_of(db, &communities).await?;
    let ids: Vec<Uuid> = all.iter().filter(|c| c.kind == "text").map(|c| c.channel_id).collect();
    let overrides = overrides_of(db, &ids).await?;
    let mut channels: Vec<Uuid> = all
        .iter()
        .filter(|c| c.kind == "text")
        .filter(|c| {
            let standing = c.community_id.and_then(|id| standings.get(&id));
            standing.is_some_and(|l| {
                let o = overrides.get(&c.channel_id).map(Vec::as_slice).unwrap_or(&[]);
                l.standing.in_channel(o) & VIEW_CHANNEL != 0
            })
        })
        .map(|c| c.channel_id)
        .collect();
    let dms =
        sqlx::query_scalar!("select channel_id from dm_members where member_id = $1", member_id).fetch_all(db).await?;
    channels.extend(dms);
    Ok(Readable { communities, channels })
}

pub struct Readable {
    pub communities: Vec<Uuid>,
    pub channels: Vec<Uuid>,
}

pub async fn by_id(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<CommunityRow>, sqlx::Error> {
    let row = sqlx::query_as!(
        Stored,
        "select community_id, slug, name, description, visibility, filter_policy, owner_id, member_count, icon_id, created_at
         from communities where community_id = $1",
        id
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(CommunityRow::from))
}

/// Unread messages (not one's own, not deleted) per channel, counting at most 100 each.
pub async fn unread_counts(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    channels: &[Uuid],
) -> Result<HashMap<Uuid, i64>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select c.channel_id as "channel_id!", n.unread as "unread!"
           from unnest($2::uuid[]) as c(channel_id)
           left join chat_reads r on r.channel_id = c.channel_id and r.member_id = $1
           cross join lateral (
               select count(*) as unread from (
                   select 1 from chat_messages m
                   where m.channel_id = c.channel_id and m.seq > coalesce(r.last_read_seq, 0)
                     and m.author_id <> $1 and m.deleted_at is null
                   limit 100) x
           ) n
           where n.unread > 0"#,
        member_id,
        channels,
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.channel_id, r.unread)).collect())
}

pub async fn member_ref(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select member_id, username, display_name, avatar_id from members where member_id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

pub async fn member_by_username(db: impl PgExecutor<'_>, username: &str) -> Result<Option<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select member_id, username, display_name, avatar_id from members where username = $1",
        username.trim().trim_start_matches('@').to_lowercase()
    )
    .fetch_optional(db)
    .await
}

/// Locks the community's row until the transaction ends: serialises changes to its roles or
/// channels.
pub async fn lock(db: &mut PgConnection, community: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("select community_id from communities where community_id = $1 for update", community)
        .fetch_one(&mut *db)
        .await?;
    Ok(())
}
