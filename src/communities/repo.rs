//! The reads every community and chat rule starts from: a community, where a member stands in
//! it, its channels and their overrides, and which channels a member may see.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::{ChannelEntry, FilterPolicy, MemberRef, Visibility};
use super::perms::{Override, Standing, Target, VIEW_CHANNEL};

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
            r.joined.is_some(),
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

/// A member's standing from what the database holds: visitors of a public community keep only
/// the @everyone role's view bit; the owner ranks above everyone; timeouts count while running.
fn loaded(
    member_id: Uuid,
    community: &CommunityRow,
    everyone: Everyone,
    is_member: bool,
    timeout_until: Option<DateTime<Utc>>,
    roles: Vec<(Uuid, i64)>,
    highest: i32,
) -> Loaded {
    let is_owner = community.owner_id == member_id && is_member;
    let timeout_until = timeout_until.filter(|t| *t > Utc::now());
    let everyone_bits = if is_member {
        everyone.bits
    } else if community.visibility == Visibility::Public {
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
        },
        is_member,
        timeout_until,
        highest: if is_owner { i32::MAX } else { highest },
    }
}

#[derive(Debug, Clone)]
pub struct ChannelRow {
    pub channel_id: Uuid,
    pub community_id: Option<Uuid>,
    pub kind: String,
    pub parent_id: Option<Uuid>,
    pub name: String,
    pub topic: String,
    pub position: i32,
    pub slow_mode_secs: i32,
    pub last_seq: i64,
}

pub async fn channel(db: impl PgExecutor<'_>, id: Uuid) -> Result<Option<ChannelRow>, sqlx::Error> {
    sqlx::query_as!(
        ChannelRow,
        "select channel_id, community_id, kind, parent_id, name, topic, position, slow_mode_secs, last_seq
         from chat_channels where channel_id = $1",
        id
    )
    .fetch_optional(db)
    .await
}

/// The channels of some communities, in display order.
pub async fn channels_of(db: impl PgExecutor<'_>, communities: &[Uuid]) -> Result<Vec<ChannelRow>, sqlx::Error> {
    sqlx::query_as!(
        ChannelRow,
        "select channel_id, community_id, kind, parent_id, name, topic, position, slow_mode_secs, last_seq
         from chat_channels where community_id = any($1) order by community_id, position, created_at",
        communities
    )
    .fetch_all(db)
    .await
}

/// The overrides of some channels, by channel.
pub async fn overrides_of(
    db: impl PgExecutor<'_>,
    channels: &[Uuid],
) -> Result<HashMap<Uuid, Vec<Override>>, sqlx::Error> {
    let rows = sqlx::query!(
        "select channel_id, target_kind, target_id, allow, deny from channel_overrides where channel_id = any($1)",
        channels
    )
    .fetch_all(db)
    .await?;
    let mut map: HashMap<Uuid, Vec<Override>> = HashMap::new();
    for r in rows {
        let target = if r.target_kind == "role" { Target::Role(r.target_id) } else { Target::Member(r.target_id) };
        map.entry(r.channel_id).or_default().push(Override { target, allow: r.allow, deny: r.deny });
    }
    Ok(map)
}

/// The text channels of one community the member may see, with their bits, in order (the
/// categories they sit in included when any of their channels is visible).
pub async fn visible_channels(
    db: &sqlx::PgPool,
    loaded: &Loaded,
    community_id: Uuid,
) -> Result<Vec<(ChannelRow, i64)>, sqlx::Error> {
    let rows = channels_of(db, &[community_id]).await?;
    let ids: Vec<Uuid> = rows.iter().map(|c| c.channel_id).collect();
    let overrides = overrides_of(db, &ids).await?;
    let mut text: Vec<(ChannelRow, i64)> = Vec::new();
    for c in &rows {
        if c.kind == "text" {
            let bits = loaded.standing.in_channel(overrides.get(&c.channel_id).map(Vec::as_slice).unwrap_or(&[]));
            if bits & VIEW_CHANNEL != 0 {
                text.push((c.clone(), bits));
            }
        }
    }
    Ok(text)
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
            let l = loaded(member_id, &community, everyone, true, r.timeout_until, roles, r.highest);
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

pub fn entry(c: &ChannelRow, unread: i64) -> ChannelEntry {
    ChannelEntry {
        channel_id: c.channel_id,
        is_category: c.kind == "category",
        parent_id: c.parent_id,
        name: c.name.clone(),
        topic: c.topic.clone(),
        position: c.position,
        slow_mode_secs: c.slow_mode_secs,
        unread,
    }
}
