//! A community's channels and categories, and the per-channel permission overrides of its roles
//! and members.

use std::collections::HashMap;

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::super::model::ChannelEntry;
use super::super::perms::{Override, Target, VIEW_CHANNEL};
use super::Loaded;

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

/// Removes a member's channel overrides in one community (when they leave or are removed).
pub async fn drop_member_overrides(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!(
        "delete from channel_overrides o using chat_channels ch
         where ch.channel_id = o.channel_id and ch.community_id = $1 and o.target_kind = 'member' and o.target_id = $2",
        community,
        member
    )
    .execute(db)
    .await?
    .rows_affected())
}

/// A member's permissions in one channel (or category) of the community they stand in.
pub async fn channel_bits(db: impl PgExecutor<'_>, loaded: &Loaded, channel_id: Uuid) -> Result<i64, sqlx::Error> {
    let overrides = overrides_of(db, &[channel_id]).await?;
    Ok(loaded.standing.in_channel(overrides.get(&channel_id).map(Vec::as_slice).unwrap_or(&[])))
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

/// How many channels and categories a community has.
pub async fn count(db: &mut PgConnection, community: Uuid) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar!(r#"select count(*) as "n!" from chat_channels where community_id = $1"#, community)
        .fetch_one(&mut *db)
        .await
}

/// Whether `channel` is one of the community's categories.
pub async fn is_category(db: &mut PgConnection, community: Uuid, channel: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
            r#"select exists (select 1 from chat_channels where channel_id = $1 and community_id = $2 and kind = 'category') as "e!""#,
            channel,
            community
        )
        .fetch_one(&mut *db)
        .await
}

/// The #general channel every community starts with.
pub async fn insert_general(db: &mut PgConnection, community: Uuid, created_by: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into chat_channels (community_id, kind, name, topic, position, created_by)
         values ($1, 'text', 'general', 'Say hello!', 0, $2)",
        community,
        created_by
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// A channel or category as created: placed after every other.
pub struct NewChannel<'a> {
    pub kind: &'a str,
    pub parent: Option<Uuid>,
    pub name: &'a str,
    pub topic: &'a str,
    pub slow_mode_secs: i32,
    pub created_by: Uuid,
}

pub async fn insert(db: &mut PgConnection, community: Uuid, new: NewChannel<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into chat_channels (community_id, kind, parent_id, name, topic, slow_mode_secs, position, created_by)
         values ($1, $2, $3, $4, $5, $6,
                 (select coalesce(max(position), -1) + 1 from chat_channels where community_id = $1), $7)
         returning channel_id",
        community,
        new.kind,
        new.parent,
        new.name,
        new.topic,
        new.slow_mode_secs,
        new.created_by
    )
    .fetch_one(&mut *db)
    .await
}

pub async fn update(
    db: &mut PgConnection,
    channel: Uuid,
    name: &str,
    topic: &str,
    slow_mode_secs: i32,
    parent: Option<Uuid>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update chat_channels set name = $2, topic = $3, slow_mode_secs = $4, parent_id = $5 where channel_id = $1",
        channel,
        name,
        topic,
        slow_mode_secs,
        parent
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Numbers the community's channels 1, 2, 3… in their current order, so positions are distinct.
pub async fn renumber(db: &mut PgConnection, community: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update chat_channels c set position = o.n
         from (select channel_id, (row_number() over (order by position, created_at))::int as n
               from chat_channels where community_id = $1) o
         where c.channel_id = o.channel_id",
        community
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// A channel's id and position.
pub struct Placed {
    pub channel_id: Uuid,
    pub position: i32,
}

/// The channels of one kind under the same parent, in order.
pub async fn siblings(
    db: &mut PgConnection,
    community: Uuid,
    kind: &str,
    parent: Option<Uuid>,
) -> Result<Vec<Placed>, sqlx::Error> {
    sqlx::query_as!(
        Placed,
        "select channel_id, position from chat_channels
         where community_id = $1 and kind = $2 and parent_id is not distinct from $3 order by position",
        community,
        kind,
        parent
    )
    .fetch_all(&mut *db)
    .await
}

/// Swaps the positions of two channels.
pub async fn swap(db: &mut PgConnection, a: &Placed, b: &Placed) -> Result<(), sqlx::Error> {
    sqlx::query!(
            "update chat_channels set position = case when channel_id = $1 then $2::int else $3::int end where channel_id in ($1, $4)",
            a.channel_id,
            b.position,
            a.position,
            b.channel_id
        )
        .execute(&mut *db)
        .await?;
    Ok(())
}

pub async fn delete(db: &mut PgConnection, channel: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from chat_channels where channel_id = $1", channel).execute(&mut *db).await?;
    Ok(())
}

/// Removes the override of a role or member (`kind` "role" or "member") in a channel.
pub async fn delete_override(
    db: &mut PgConnection,
    channel: Uuid,
    kind: &str,
    target: Uuid,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "delete from channel_overrides where channel_id = $1 and target_kind = $2 and target_id = $3",
        channel,
        kind,
        target
    )
    .execute(&mut *db)
    .await?;
    Ok(())
}

/// Sets the override of a role or member (`kind` "role" or "member") in a channel.
pub async fn upsert_override(
    db: &mut PgConnection,
    channel: Uuid,
    kind: &str,
    target: Uuid,
    allow: i64,
    deny: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
            "insert into channel_overrides (channel_id, target_kind, target_id, allow, deny) values ($1, $2, $3, $4, $5)
             on conflict (channel_id, target_kind, target_id) do update set allow = excluded.allow, deny = excluded.deny",
            channel,
            kind,
            target,
            allow,
            deny
        )
        .execute(&mut *db)
        .await?;
    Ok(())
}

/// An override with the name of its role, or `@username` of its member.
pub struct NamedOverride {
    pub channel_id: Uuid,
    pub target_kind: String,
    pub target_id: Uuid,
    pub allow: i64,
    pub deny: i64,
    pub name: String,
}

/// The overrides of some channels with their targets' names, roles first.
pub async fn named_overrides(db: impl PgExecutor<'_>, channels: &[Uuid]) -> Result<Vec<NamedOverride>, sqlx::Error> {
    sqlx::query_as!(
        NamedOverride,
        "select o.channel_id, o.target_kind, o.target_id, o.allow, o.deny,
                    coalesce(r.name, '@' || m.username, '?') as \"name!\"
             from channel_overrides o
             left join community_roles r on o.target_kind = 'role' and r.role_id = o.target_id
             left join members m on o.target_kind = 'member' and m.member_id = o.target_id
             where o.channel_id = any($1) order by o.target_kind, 6",
        channels
    )
    .fetch_all(db)
    .await
}
