//! Community rules: who may join, manage roles and channels, invite, remove and ban — each
//! action checks the exact permission bit and, for actions on people or roles, that the actor
//! ranks above the target (the owner ranks above everyone). Changes that alter who may see what
//! are announced on the community's real-time topic, so open sockets re-check at once.

use std::time::Duration;

use chrono::Utc;
use rand::Rng;
use sqlx::PgConnection;
use uuid::Uuid;

use super::model::*;
use super::perms::{self, Target};
use super::repo::{self, CommunityRow, Loaded};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::realtime::hub::{community_topic, member_topic, publish, Signal};
use crate::server::rate_limit;
use crate::server::state::AppState;

pub const OWNER_POSITION: i32 = 1_000_000;

pub fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// The community at `slug` and where `me` stands in it.
pub async fn load(state: &AppState, me: Uuid, slug: &str) -> Result<(CommunityRow, Loaded), AppError> {
    let community = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    let loaded = repo::standing(&state.pool, &community, me).await?.ok_or(AppError::NotFound)?;
    Ok((community, loaded))
}

/// Fails unless `me` holds `perm` community-wide.
pub async fn require(state: &AppState, me: Uuid, slug: &str, perm: i64) -> Result<(CommunityRow, Loaded), AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.is_member || !perms::has(l.standing.base(), perm) {
        return Err(AppError::Forbidden);
    }
    Ok((c, l))
}

/// Whether `me` is a member of the community with this id holding `perm` community-wide.
pub async fn holds(state: &AppState, me: Uuid, community: Uuid, perm: i64) -> Result<bool, AppError> {
    let Some(c) = repo::by_id(&state.pool, community).await? else { return Ok(false) };
    Ok(repo::standing(&state.pool, &c, me).await?.is_some_and(|l| l.is_member && perms::has(l.standing.base(), perm)))
}

async fn announce_access(db: &mut PgConnection, community: Uuid) -> Result<(), sqlx::Error> {
    publish(&mut *db, &Signal { topic: community_topic(community), kind: "access".into(), ..Default::default() }).await
}

async fn announce_member(db: &mut PgConnection, member: Uuid) -> Result<(), sqlx::Error> {
    publish(&mut *db, &Signal { topic: member_topic(member), kind: "access".into(), ..Default::default() }).await
}

// ---------------------------------------------------------------------------------------------
// Listing, creating, viewing.

pub async fn list(state: &AppState, me: Uuid, query: &str) -> Result<CommunityList, AppError> {
    let q = query.trim();
    if q.chars().count() > 100 {
        return Err(AppError::invalid("q", "Search for at most 100 characters."));
    }
    let card = |slug: String,
                name: String,
                description: String,
                visibility: String,
                member_count: i32,
                icon_id: Option<Uuid>,
                is_member: bool| CommunityCard {
        slug,
        name,
        description,
        visibility: Visibility::parse(&visibility).unwrap_or(Visibility::Private),
        member_count,
        is_member,
        icon_id,
    };
    let mine = sqlx::query!(
        "select c.slug, c.name, c.description, c.visibility, c.member_count, c.icon_id
         from community_members cm join communities c using (community_id)
         where cm.member_id = $1 order by c.name limit 200",
        me
    )
    .fetch_all(&state.pool)
    .await?
    .into_iter()
    .map(|r| card(r.slug, r.name, r.description, r.visibility, r.member_count, r.icon_id, true))
    .collect();
    let discover = sqlx::query!(
        "select c.slug, c.name, c.description, c.visibility, c.member_count, c.icon_id
         from communities c
         where c.visibility <> 'invite'
           and not exists (select 1 from community_members cm where cm.community_id = c.community_id and cm.member_id = $1)
           and ($2 = '' or c.search @@ websearch_to_tsquery('simple', $2))
         order by c.member_count desc, c.community_id limit 50",
        me,
        q
    )
    .fetch_all(&state.pool)
    .await?
    .into_iter()
    .map(|r| card(r.slug, r.name, r.description, r.visibility, r.member_count, r.icon_id, false))
    .collect();
    Ok(CommunityList { mine, discover })
}

pub struct NewCommunity<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    pub description: &'a str,
    pub visibility: &'a str,
}

pub async fn create(state: &AppState, me: &CurrentMember, input: NewCommunity<'_>) -> Result<String, AppError> {
    let name = input.name.trim();
    if name.chars().count() < 2 || name.chars().count() > NAME_MAX {
        return Err(AppError::invalid("name", format!("Give the community a name of 2 to {NAME_MAX} characters.")));
    }
    let slug = if input.slug.trim().is_empty() { slug_from(name) } else { input.slug.trim().to_lowercase() };
    if !valid_slug(&slug) {
        return Err(AppError::invalid(
            "slug",
            "Use 3 to 40 lower-case letters, digits and hyphens (not at the start or end).",
        ));
    }
    let description = input.description.trim();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("Keep the description under {DESCRIPTION_MAX} characters."),
        ));
    }
    let visibility =
        Visibility::parse(input.visibility).ok_or_else(|| AppError::invalid("visibility", "Choose who can join."))?;
    rate_limit::hit(&state.pool, &format!("community:create:{}", me.member_id), 5, Duration::from_secs(86_400)).await?;

    let mut tx = state.pool.begin().await?;
    let id = match sqlx::query_scalar!(
        "insert into communities (slug, name, description, visibility, owner_id, member_count)
         values ($1, $2, $3, $4, $5, 1) returning community_id",
        slug,
        name,
        description,
        visibility.key(),
        me.member_id
    )
    .fetch_one(&mut *tx)
    .await
    {
        Ok(id) => id,
        Err(e) if crate::server::errors::unique_violation(&e).is_some() => {
            return Err(AppError::invalid("slug", "That address is taken. Try another."));
        }
        Err(e) => return Err(e.into()),
    };
    let owner_role = sqlx::query_scalar!(
        "with roles as (
             insert into community_roles (community_id, name, colour, position, permissions, kind) values
                 ($1, '@everyone', '#8a8a8a', 0, $2, 'everyone'),
                 ($1, 'Moderator', '#2e8b57', 1, $3, 'moderator'),
                 ($1, 'Owner', '#b8860b', $4, $5, 'owner')
             returning role_id, kind)
         select role_id from roles where kind = 'owner'",
        id,
        perms::EVERYONE_DEFAULT,
        perms::MODERATOR_DEFAULT,
        OWNER_POSITION,
        perms::ALL
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!("insert into community_members (community_id, member_id) values ($1, $2)", id, me.member_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "insert into community_member_roles (community_id, member_id, role_id) values ($1, $2, $3)",
        id,
        me.member_id,
        owner_role
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into chat_channels (community_id, kind, name, topic, position, created_by)
         values ($1, 'text', 'general', 'Say hello!', 0, $2)",
        id,
        me.member_id
    )
    .execute(&mut *tx)
    .await?;
    announce_member(&mut tx, me.member_id).await?;
    tx.commit().await?;
    Ok(slug)
}

pub async fn view(state: &AppState, me: Uuid, slug: &str) -> Result<CommunityView, AppError> {
    let (c, loaded) = load(state, me, slug).await?;
    let banned = sqlx::query_scalar!(
        "select reason from community_bans where community_id = $1 and member_id = $2",
        c.community_id,
        me
    )
    .fetch_optional(&state.pool)
    .await?;
    let requested = sqlx::query_scalar!(
        r#"select exists (select 1 from community_join_requests where community_id = $1 and member_id = $2) as "e!""#,
        c.community_id,
        me
    )
    .fetch_one(&state.pool)
    .await?;
    let membership = if let Some(reason) = banned {
        Membership::Banned { reason }
    } else if loaded.is_member {
        Membership::Member { timeout_until: loaded.timeout_until }
    } else if requested {
        Membership::Requested
    } else {
        Membership::Visitor
    };
    let base = loaded.standing.base();
    let visible = repo::visible_channels(&state.pool, &loaded, c.community_id).await?;
    let ids: Vec<Uuid> = visible.iter().map(|(ch, _)| ch.channel_id).collect();
    let unread = if loaded.is_member { repo::unread_counts(&state.pool, me, &ids).await? } else { Default::default() };
    // Categories that hold at least one visible channel, each followed by its channels.
    let all = repo::channels_of(&state.pool, &[c.community_id]).await?;
    let mut channels = Vec::new();
    for (ch, _) in visible.iter().filter(|(ch, _)| ch.parent_id.is_none()) {
        channels.push(repo::entry(ch, unread.get(&ch.channel_id).copied().unwrap_or(0)));
    }
    for cat in all.iter().filter(|ch| ch.kind == "category") {
        let inside: Vec<_> = visible.iter().filter(|(ch, _)| ch.parent_id == Some(cat.channel_id)).collect();
        if inside.is_empty() && !perms::has(base, perms::MANAGE_CHANNELS) {
            continue;
        }
        channels.push(repo::entry(cat, 0));
        for (ch, _) in inside {
            channels.push(repo::entry(ch, unread.get(&ch.channel_id).copied().unwrap_or(0)));
        }
    }
    let owner = repo::member_ref(&state.pool, c.owner_id).await?.ok_or(AppError::Internal)?;
    let pending_requests = if loaded.is_member && perms::has(base, perms::INVITE) {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from community_join_requests where community_id = $1"#,
            c.community_id
        )
        .fetch_one(&state.pool)
        .await?
    } else {
        0
    };
    let flagged = if loaded.is_member && perms::has(base, perms::MANAGE_MESSAGES) {
        sqlx::query_scalar!(
            r#"select count(*) as "n!" from chat_messages m join chat_channels ch using (channel_id)
               where ch.community_id = $1 and m.flagged_reason is not null and m.flag_resolved_at is null"#,
            c.community_id
        )
        .fetch_one(&state.pool)
        .await?
    } else {
        0
    };
    Ok(CommunityView {
        community_id: c.community_id,
        slug: c.slug,
        name: c.name,
        description: c.description,
        visibility: c.visibility,
        filter_policy: c.filter_policy,
        member_count: c.member_count,
        icon_id: c.icon_id,
        owner,
        membership,
        is_owner: loaded.standing.is_owner,
        perms: if loaded.is_member { base } else { 0 },
        channels,
        pending_requests,
        flagged,
        created_at: c.created_at,
    })
}

pub async fn update(
    state: &AppState,
    me: Uuid,
    slug: &str,
    name: &str,
    description: &str,
    visibility: &str,
    filter_policy: &str,
) -> Result<(), AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.standing.is_owner {
        return Err(AppError::Forbidden);
    }
    let name = name.trim();
    if name.chars().count() < 2 || name.chars().count() > NAME_MAX {
        return Err(AppError::invalid("name", format!("Give the community a name of 2 to {NAME_MAX} characters.")));
    }
    if description.trim().chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("Keep the description under {DESCRIPTION_MAX} characters."),
        ));
    }
    let visibility =
        Visibility::parse(visibility).ok_or_else(|| AppError::invalid("visibility", "Choose who can join."))?;
    let policy = FilterPolicy::parse(filter_policy)
        .ok_or_else(|| AppError::invalid("filter_policy", "Choose what the filter does."))?;
    let mut tx = state.pool.begin().await?;
    sqlx::query!(
        "update communities set name = $2, description = $3, visibility = $4, filter_policy = $5 where community_id = $1",
        c.community_id,
        name,
        description.trim(),
        visibility.key(),
        policy.key()
    )
    .execute(&mut *tx)
    .await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or, with no bytes, removes) the community's picture; the owner only.
pub async fn set_icon(
    state: &AppState,
    me: Uuid,
    slug: &str,
    image: Option<Vec<u8>>,
) -> Result<Option<Uuid>, AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.standing.is_owner {
        return Err(AppError::Forbidden);
    }
    rate_limit::hit(&state.pool, &format!("community:icon:{me}"), 20, Duration::from_secs(3600)).await?;
    let mut tx = state.pool.begin().await?;
    let icon = match image {
        Some(bytes) => {
            Some(crate::media::upload::save(state, &mut tx, me, crate::media::Purpose::Community, bytes).await?)
        }
        None => None,
    };
    // The old picture is left for the housekeeping job, which deletes unused images.
    sqlx::query!("update communities set icon_id = $2 where community_id = $1", c.community_id, icon)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(icon)
}

// ---------------------------------------------------------------------------------------------
// Joining and leaving.

/// What joining did.
#[derive(Debug, PartialEq, Eq)]
pub enum Joined {
    Member,
    Requested,
}

async fn is_banned(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from community_bans where community_id = $1 and member_id = $2) as "e!""#,
        community,
        member
    )
    .fetch_one(&mut *db)
    .await?)
}

/// Adds a member (if not one already) and keeps the count; true when they were added.
async fn add_member(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
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
        sqlx::query!(
            "delete from community_join_requests where community_id = $1 and member_id = $2",
            community,
            member
        )
        .execute(&mut *db)
        .await?;
        announce_member(db, member).await?;
    }
    Ok(added)
}

async fn remove_member(db: &mut PgConnection, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
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
        announce_member(db, member).await?;
    }
    Ok(removed)
}

pub async fn join(state: &AppState, me: Uuid, slug: &str, note: &str) -> Result<Joined, AppError> {
    let note = note.trim();
    if note.chars().count() > REASON_MAX {
        return Err(AppError::invalid("note", format!("Keep the note under {REASON_MAX} characters.")));
    }
    rate_limit::hit(&state.pool, &format!("community:join:{me}"), 30, Duration::from_secs(3600)).await?;
    let c = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    if is_banned(&mut tx, c.community_id, me).await? {
        return Err(AppError::Conflict("You are banned from this community.".into()));
    }
    let result = match c.visibility {
        Visibility::Public => {
            add_member(&mut tx, c.community_id, me).await?;
            Joined::Member
        }
        Visibility::Private => {
            let member = sqlx::query_scalar!(
                r#"select exists (select 1 from community_members where community_id = $1 and member_id = $2) as "e!""#,
                c.community_id,
                me
            )
            .fetch_one(&mut *tx)
            .await?;
            if member {
                Joined::Member
            } else {
                sqlx::query!(
                    "insert into community_join_requests (community_id, member_id, note) values ($1, $2, $3)
                     on conflict (community_id, member_id) do update set note = excluded.note",
                    c.community_id,
                    me,
                    note
                )
                .execute(&mut *tx)
                .await?;
                Joined::Requested
            }
        }
        Visibility::Invite => {
            return Err(AppError::Conflict("This community is invite only. Ask a member for an invite link.".into()))
        }
    };
    tx.commit().await?;
    Ok(result)
}

pub async fn cancel_request(state: &AppState, me: Uuid, slug: &str) -> Result<(), AppError> {
    let c = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    sqlx::query!("delete from community_join_requests where community_id = $1 and member_id = $2", c.community_id, me)
        .execute(&state.pool)
        .await?;
    Ok(())
}

pub async fn leave(state: &AppState, me: Uuid, slug: &str) -> Result<(), AppError> {
    let c = repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
    if c.owner_id == me {
        return Err(AppError::Conflict("Hand the community to another member before you leave it.".into()));
    }
    let mut tx = state.pool.begin().await?;
    remove_member(&mut tx, c.community_id, me).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn decide_request(
    state: &AppState,
    me: Uuid,
    slug: &str,
    username: &str,
    approve: bool,
) -> Result<(), AppError> {
    let (c, _) = require(state, me, slug, perms::INVITE).await?;
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    let had = sqlx::query!(
        "delete from community_join_requests where community_id = $1 and member_id = $2",
        c.community_id,
        who.member_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if !had {
        return Err(AppError::NotFound);
    }
    if approve {
        add_member(&mut tx, c.community_id, who.member_id).await?;
        crate::notifications::repo::notify(
            &mut *tx,
            crate::notifications::repo::Note {
                member_id: who.member_id,
                kind: crate::notifications::model::NotificationKind::Chat,
                actor_id: Some(me),
                post_id: None,
                message: &format!("You're in: your request to join {} was approved.", c.name),
                link: &format!("/c/{}", c.slug),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Invites.

fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::thread_rng();
    (0..10).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

pub async fn create_invite(
    state: &AppState,
    me: Uuid,
    slug: &str,
    expires_hours: i32,
    max_uses: i32,
) -> Result<String, AppError> {
    let (c, _) = require(state, me, slug, perms::INVITE).await?;
    if !(0..=24 * 30).contains(&expires_hours) {
        return Err(AppError::invalid("expires_hours", "Choose an expiry of at most 30 days."));
    }
    if !(0..=1000).contains(&max_uses) {
        return Err(AppError::invalid("max_uses", "Choose at most 1,000 uses (or no limit)."));
    }
    rate_limit::hit(&state.pool, &format!("community:invite:{me}"), 30, Duration::from_secs(3600)).await?;
    let code = new_code();
    let expires = (expires_hours > 0).then(|| Utc::now() + chrono::Duration::hours(expires_hours as i64));
    sqlx::query!(
        "insert into community_invites (code, community_id, created_by, expires_at, max_uses) values ($1, $2, $3, $4, $5)",
        code,
        c.community_id,
        me,
        expires,
        (max_uses > 0).then_some(max_uses)
    )
    .execute(&state.pool)
    .await?;
    Ok(code)
}

pub async fn revoke_invite(state: &AppState, me: Uuid, code: &str) -> Result<(), AppError> {
    let slug = sqlx::query_scalar!(
        "select c.slug from community_invites i join communities c using (community_id) where i.code = $1",
        code.trim()
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    require(state, me, &slug, perms::INVITE).await?;
    sqlx::query!("update community_invites set revoked_at = now() where code = $1 and revoked_at is null", code.trim())
        .execute(&state.pool)
        .await?;
    Ok(())
}

pub async fn preview_invite(state: &AppState, me: Uuid, code: &str) -> Result<InvitePreview, AppError> {
    let r = sqlx::query!(
        r#"select c.slug, c.name, c.description, c.member_count,
                  (i.revoked_at is null and (i.expires_at is null or i.expires_at > now())
                     and (i.max_uses is null or i.uses < i.max_uses)) as "usable!",
                  exists (select 1 from community_members m where m.community_id = c.community_id and m.member_id = $2) as "member!"
           from community_invites i join communities c using (community_id) where i.code = $1"#,
        code.trim(),
        me
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(InvitePreview {
        code: code.trim().to_string(),
        slug: r.slug,
        name: r.name,
        description: r.description,
        member_count: r.member_count,
        usable: r.usable,
        already_member: r.member,
    })
}

/// Joins with an invite; uses are counted under the invite's row lock, so the last use cannot
/// be taken twice.
pub async fn accept_invite(state: &AppState, me: Uuid, code: &str) -> Result<String, AppError> {
    rate_limit::hit(&state.pool, &format!("community:join:{me}"), 30, Duration::from_secs(3600)).await?;
    let mut tx = state.pool.begin().await?;
    let inv = sqlx::query!(
        r#"select i.community_id, c.slug, i.revoked_at, i.expires_at, i.max_uses, i.uses
           from community_invites i join communities c using (community_id) where i.code = $1 for update of i"#,
        code.trim()
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let already = sqlx::query_scalar!(
        r#"select exists (select 1 from community_members where community_id = $1 and member_id = $2) as "e!""#,
        inv.community_id,
        me
    )
    .fetch_one(&mut *tx)
    .await?;
    if already {
        return Ok(inv.slug);
    }
    if inv.revoked_at.is_some()
        || inv.expires_at.is_some_and(|t| t <= Utc::now())
        || inv.max_uses.is_some_and(|m| inv.uses >= m)
    {
        return Err(AppError::Conflict("This invite has expired or been used up. Ask for a new one.".into()));
    }
    if is_banned(&mut tx, inv.community_id, me).await? {
        return Err(AppError::Conflict("You are banned from this community.".into()));
    }
    add_member(&mut tx, inv.community_id, me).await?;
    sqlx::query!("update community_invites set uses = uses + 1 where code = $1", code.trim()).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(inv.slug)
}

// ---------------------------------------------------------------------------------------------
// Members: list, remove, ban, timeout, roles, ownership.

pub async fn members(state: &AppState, me: Uuid, slug: &str, after: Option<&str>) -> Result<MemberPage, AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.is_member && c.visibility != Visibility::Public {
        return Err(AppError::Forbidden);
    }
    let cursor = match after.filter(|a| !a.is_empty()) {
        Some(a) => Some(
            crate::paging::decode_cursor(a).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?,
        ),
        None => None,
    };
    let (after_at, after_id) = match cursor {
        Some((at, id)) => (Some(at), Some(id)),
        None => (None, None),
    };
    let rows = sqlx::query!(
        r#"select m.member_id, m.username, m.display_name, m.avatar_id, cm.joined_at, cm.timeout_until,
                  coalesce((select json_agg(json_build_object('role_id', r.role_id, 'name', r.name, 'colour', r.colour) order by r.position desc)
                            from community_member_roles mr join community_roles r using (role_id)
                            where mr.community_id = cm.community_id and mr.member_id = cm.member_id), '[]') as "roles!: sqlx::types::Json<Vec<RoleTag>>"
           from community_members cm join members m using (member_id)
           where cm.community_id = $1
             and ($2::timestamptz is null or (cm.joined_at, cm.member_id) > ($2, $3))
           order by cm.joined_at, cm.member_id
           limit 51"#,
        c.community_id,
        after_at,
        after_id
    )
    .fetch_all(&state.pool)
    .await?;
    let more = rows.len() > 50;
    let mut members: Vec<MemberRow> = rows
        .into_iter()
        .take(50)
        .map(|r| MemberRow {
            is_owner: r.member_id == c.owner_id,
            member: MemberRef {
                member_id: r.member_id,
                username: r.username,
                display_name: r.display_name,
                avatar_id: r.avatar_id,
            },
            roles: r.roles.0,
            joined_at: r.joined_at,
            timeout_until: r.timeout_until.filter(|t| *t > Utc::now()),
        })
        .collect();
    let next =
        if more { members.last().map(|m| crate::paging::encode_cursor(m.joined_at, m.member.member_id)) } else { None };
    members.iter_mut().for_each(|m| m.roles.retain(|r| !r.name.is_empty()));
    let base = if l.is_member { l.standing.base() } else { 0 };
    let assignable = if perms::has(base, perms::MANAGE_ROLES) {
        sqlx::query_as!(
            RoleTag,
            "select role_id, name, colour from community_roles
             where community_id = $1 and kind in ('moderator', 'custom') and position < $2 order by position desc",
            c.community_id,
            l.highest
        )
        .fetch_all(&state.pool)
        .await?
    } else {
        Vec::new()
    };
    Ok(MemberPage { members, next, perms: base, is_owner: l.standing.is_owner, assignable, me, community_name: c.name })
}

/// The target member and a check that the actor ranks above them.
async fn outranked(
    state: &AppState,
    c: &CommunityRow,
    actor: &Loaded,
    username: &str,
) -> Result<(MemberRef, Loaded), AppError> {
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let target = repo::standing(&state.pool, c, who.member_id).await?.ok_or(AppError::NotFound)?;
    if who.member_id == actor.standing.member_id || who.member_id == c.owner_id {
        return Err(AppError::Forbidden);
    }
    if target.is_member && target.highest >= actor.highest {
        return Err(AppError::Conflict(format!("{} ranks as high as you or higher.", who.display_name)));
    }
    Ok((who, target))
}

pub async fn kick(state: &AppState, me: Uuid, slug: &str, username: &str) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::KICK_MEMBERS).await?;
    let (who, target) = outranked(state, &c, &l, username).await?;
    if !target.is_member {
        return Err(AppError::NotFound);
    }
    let mut tx = state.pool.begin().await?;
    remove_member(&mut tx, c.community_id, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn ban(state: &AppState, me: Uuid, slug: &str, username: &str, reason: &str) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::BAN_MEMBERS).await?;
    let reason = reason.trim();
    if reason.chars().count() > REASON_MAX {
        return Err(AppError::invalid("reason", format!("Keep the reason under {REASON_MAX} characters.")));
    }
    let (who, _) = outranked(state, &c, &l, username).await?;
    let mut tx = state.pool.begin().await?;
    remove_member(&mut tx, c.community_id, who.member_id).await?;
    sqlx::query!(
        "delete from community_join_requests where community_id = $1 and member_id = $2",
        c.community_id,
        who.member_id
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into community_bans (community_id, member_id, reason, banned_by) values ($1, $2, $3, $4)
         on conflict (community_id, member_id) do update set reason = excluded.reason, banned_by = excluded.banned_by",
        c.community_id,
        who.member_id,
        reason,
        me
    )
    .execute(&mut *tx)
    .await?;
    announce_member(&mut tx, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn unban(state: &AppState, me: Uuid, slug: &str, username: &str) -> Result<(), AppError> {
    let (c, _) = require(state, me, slug, perms::BAN_MEMBERS).await?;
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    sqlx::query!(
        "delete from community_bans where community_id = $1 and member_id = $2",
        c.community_id,
        who.member_id
    )
    .execute(&state.pool)
    .await?;
    Ok(())
}

/// Puts a member in a timeout for `minutes` (0 ends it); at most 28 days.
pub async fn timeout(state: &AppState, me: Uuid, slug: &str, username: &str, minutes: i32) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::KICK_MEMBERS).await?;
    if !(0..=28 * 24 * 60).contains(&minutes) {
        return Err(AppError::invalid("minutes", "A timeout lasts at most 28 days."));
    }
    let (who, target) = outranked(state, &c, &l, username).await?;
    if !target.is_member {
        return Err(AppError::NotFound);
    }
    let until = (minutes > 0).then(|| Utc::now() + chrono::Duration::minutes(minutes as i64));
    let mut tx = state.pool.begin().await?;
    sqlx::query!(
        "update community_members set timeout_until = $3 where community_id = $1 and member_id = $2",
        c.community_id,
        who.member_id,
        until
    )
    .execute(&mut *tx)
    .await?;
    announce_member(&mut tx, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn transfer(state: &AppState, me: Uuid, slug: &str, username: &str) -> Result<(), AppError> {
    let (c, l) = load(state, me, slug).await?;
    if !l.standing.is_owner {
        return Err(AppError::Forbidden);
    }
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let target = repo::standing(&state.pool, &c, who.member_id).await?.ok_or(AppError::NotFound)?;
    if !target.is_member || who.member_id == me {
        return Err(AppError::invalid("username", "Choose another member of this community."));
    }
    let mut tx = state.pool.begin().await?;
    let updated = sqlx::query!(
        "update communities set owner_id = $3 where community_id = $1 and owner_id = $2",
        c.community_id,
        me,
        who.member_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated != 1 {
        return Err(AppError::Conflict("Ownership changed meanwhile. Reload and try again.".into()));
    }
    // The owner role moves; the former owner stays on as a moderator.
    sqlx::query!(
        "with owner_role as (select role_id from community_roles where community_id = $1 and kind = 'owner'),
              moderator as (select role_id from community_roles where community_id = $1 and kind = 'moderator'),
              dropped as (delete from community_member_roles where community_id = $1 and member_id = $2
                            and role_id = (select role_id from owner_role)),
              given as (insert into community_member_roles (community_id, member_id, role_id)
                          select $1, $3, role_id from owner_role on conflict do nothing)
         insert into community_member_roles (community_id, member_id, role_id)
         select $1, $2, role_id from moderator on conflict do nothing",
        c.community_id,
        me,
        who.member_id
    )
    .execute(&mut *tx)
    .await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Roles.

fn check_colour(colour: &str) -> Result<String, AppError> {
    let c = colour.trim().to_lowercase();
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|ch| ch.is_ascii_hexdigit());
    if ok {
        Ok(c)
    } else {
        Err(AppError::invalid("colour", "Choose a colour like #3366cc."))
    }
}

fn check_role_name(name: &str) -> Result<String, AppError> {
    let n = name.trim();
    if n.is_empty() || n.chars().count() > ROLE_NAME_MAX || n.starts_with('@') {
        return Err(AppError::invalid(
            "name",
            format!("Name the role in 1 to {ROLE_NAME_MAX} characters, not starting with @."),
        ));
    }
    Ok(n.to_string())
}

/// Bits an actor may hand out: the owner any, others only bits they hold themselves.
fn grantable(l: &Loaded, bits: i64) -> Result<i64, AppError> {
    if l.standing.is_owner || bits & !l.standing.base() == 0 {
        Ok(bits & perms::ALL)
    } else {
        Err(AppError::invalid("permissions", "You can only grant permissions you hold yourself."))
    }
}

pub async fn roles(state: &AppState, c: &CommunityRow, l: &Loaded) -> Result<Vec<RoleView>, AppError> {
    let rows = sqlx::query!(
        r#"select r.role_id, r.name, r.colour, r.position, r.permissions, r.kind,
                  (select count(*) from community_member_roles mr where mr.role_id = r.role_id) as "members!"
           from community_roles r where r.community_id = $1 order by r.position desc"#,
        c.community_id
    )
    .fetch_all(&state.pool)
    .await?;
    let may = perms::has(l.standing.base(), perms::MANAGE_ROLES);
    Ok(rows
        .into_iter()
        .map(|r| {
            let kind = match r.kind.as_str() {
                "everyone" => RoleKind::Everyone,
                "moderator" => RoleKind::Moderator,
                "owner" => RoleKind::Owner,
                _ => RoleKind::Custom,
            };
            RoleView {
                editable: may && kind != RoleKind::Owner && (l.standing.is_owner || r.position < l.highest),
                role_id: r.role_id,
                name: r.name,
                colour: r.colour,
                position: r.position,
                permissions: r.permissions,
                kind,
                members: if r.kind == "everyone" { c.member_count as i64 } else { r.members },
            }
        })
        .collect())
}

pub async fn create_role(
    state: &AppState,
    me: Uuid,
    slug: &str,
    name: &str,
    colour: &str,
    bits: i64,
) -> Result<Uuid, AppError> {
    let (c, l) = require(state, me, slug, perms::MANAGE_ROLES).await?;
    let name = check_role_name(name)?;
    let colour = check_colour(colour)?;
    let bits = grantable(&l, bits)?;
    let mut tx = state.pool.begin().await?;
    // Serialises role changes of this community.
    sqlx::query!("select community_id from communities where community_id = $1 for update", c.community_id)
        .fetch_one(&mut *tx)
        .await?;
    let count =
        sqlx::query_scalar!(r#"select count(*) as "n!" from community_roles where community_id = $1"#, c.community_id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= 50 {
        return Err(AppError::Conflict("A community can have at most 50 roles.".into()));
    }
    // New roles go right below the creator's highest (the top of the list, for the owner).
    let top = sqlx::query_scalar!(
        r#"select coalesce(max(position), 0) as "p!" from community_roles where community_id = $1 and kind <> 'owner'"#,
        c.community_id
    )
    .fetch_one(&mut *tx)
    .await?;
    let at = if l.standing.is_owner { top + 1 } else { l.highest.min(top + 1) };
    sqlx::query!(
        "update community_roles set position = position + 1 where community_id = $1 and position >= $2 and kind <> 'everyone'",
        c.community_id,
        at
    )
    .execute(&mut *tx)
    .await?;
    let id = match sqlx::query_scalar!(
        "insert into community_roles (community_id, name, colour, position, permissions) values ($1, $2, $3, $4, $5)
         returning role_id",
        c.community_id,
        name,
        colour,
        at,
        bits
    )
    .fetch_one(&mut *tx)
    .await
    {
        Ok(id) => id,
        Err(e) if crate::server::errors::unique_violation(&e).is_some() => {
            return Err(AppError::invalid("name", "A role with that name exists already."))
        }
        Err(e) => return Err(e.into()),
    };
    tx.commit().await?;
    Ok(id)
}

/// The role, checked to be one the actor may change.
async fn editable_role(
    state: &AppState,
    me: Uuid,
    role_id: Uuid,
) -> Result<(CommunityRow, Loaded, String, i32), AppError> {
    let r = sqlx::query!(
        "select c.slug, r.kind, r.position from community_roles r join communities c using (community_id) where r.role_id = $1",
        role_id
    )
    .fetch_optional(&state.pool)
    .await?
    .ok_or(AppError::NotFound)?;
    let (c, l) = require(state, me, &r.slug, perms::MANAGE_ROLES).await?;
    if r.kind == "owner" || (!l.standing.is_owner && r.position >= l.highest) {
        return Err(AppError::Forbidden);
    }
    Ok((c, l, r.kind, r.position))
}

pub async fn update_role(
    state: &AppState,
    me: Uuid,
    role_id: Uuid,
    name: &str,
    colour: &str,
    bits: i64,
) -> Result<(), AppError> {
    let (c, l, kind, _) = editable_role(state, me, role_id).await?;
    let name = if kind == "everyone" { "@everyone".to_string() } else { check_role_name(name)? };
    let colour = check_colour(colour)?;
    let bits = grantable(&l, bits)?;
    let mut tx = state.pool.begin().await?;
    let r = sqlx::query!(
        "update community_roles set name = $2, colour = $3, permissions = $4 where role_id = $1",
        role_id,
        name,
        colour,
        bits
    )
    .execute(&mut *tx)
    .await;
    match r {
        Err(e) if crate::server::errors::unique_violation(&e).is_some() => {
            return Err(AppError::invalid("name", "A role with that name exists already."))
        }
        r => r?,
    };
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_role(state: &AppState, me: Uuid, role_id: Uuid) -> Result<(), AppError> {
    let (c, _, kind, _) = editable_role(state, me, role_id).await?;
    if kind != "custom" {
        return Err(AppError::Conflict("The built-in roles cannot be deleted.".into()));
    }
    let mut tx = state.pool.begin().await?;
    sqlx::query!("delete from community_roles where role_id = $1", role_id).execute(&mut *tx).await?;
    sqlx::query!("delete from channel_overrides where target_kind = 'role' and target_id = $1", role_id)
        .execute(&mut *tx)
        .await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Swaps a role with its neighbour above (`up`) or below; both must rank below the actor, and
/// neither may be @everyone or the owner role.
pub async fn move_role(state: &AppState, me: Uuid, role_id: Uuid, up: bool) -> Result<(), AppError> {
    let (c, l, kind, position) = editable_role(state, me, role_id).await?;
    if kind == "everyone" {
        return Err(AppError::Conflict("@everyone always comes last.".into()));
    }
    let mut tx = state.pool.begin().await?;
    sqlx::query!("select community_id from communities where community_id = $1 for update", c.community_id)
        .fetch_one(&mut *tx)
        .await?;
    let neighbour = if up {
        sqlx::query!(
            "select role_id, position from community_roles where community_id = $1 and position > $2
               and kind in ('moderator', 'custom') order by position limit 1",
            c.community_id,
            position
        )
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| (r.role_id, r.position))
    } else {
        sqlx::query!(
            "select role_id, position from community_roles where community_id = $1 and position < $2
               and kind in ('moderator', 'custom') order by position desc limit 1",
            c.community_id,
            position
        )
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| (r.role_id, r.position))
    };
    let Some((other, other_position)) = neighbour else { return Ok(()) };
    if !l.standing.is_owner && other_position >= l.highest {
        return Err(AppError::Forbidden);
    }
    sqlx::query!(
        "update community_roles set position = case when role_id = $1 then $2::int else $3::int end where role_id in ($1, $4)",
        role_id,
        other_position,
        position,
        other
    )
    .execute(&mut *tx)
    .await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn set_member_role(
    state: &AppState,
    me: Uuid,
    slug: &str,
    username: &str,
    role_id: Uuid,
    on: bool,
) -> Result<(), AppError> {
    let (c, l) = require(state, me, slug, perms::MANAGE_ROLES).await?;
    let role = sqlx::query!("select kind, position, community_id from community_roles where role_id = $1", role_id)
        .fetch_optional(&state.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    if role.community_id != c.community_id || !matches!(role.kind.as_str(), "moderator" | "custom") {
        return Err(AppError::NotFound);
    }
    if !l.standing.is_owner && role.position >= l.highest {
        return Err(AppError::Forbidden);
    }
    let who = repo::member_by_username(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let target = repo::standing(&state.pool, &c, who.member_id).await?.ok_or(AppError::NotFound)?;
    if !target.is_member {
        return Err(AppError::NotFound);
    }
    if who.member_id != me && !l.standing.is_owner && target.highest >= l.highest {
        return Err(AppError::Conflict(format!("{} ranks as high as you or higher.", who.display_name)));
    }
    let mut tx = state.pool.begin().await?;
    if on {
        sqlx::query!(
            "insert into community_member_roles (community_id, member_id, role_id) values ($1, $2, $3) on conflict do nothing",
            c.community_id,
            who.member_id,
            role_id
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            "delete from community_member_roles where community_id = $1 and member_id = $2 and role_id = $3",
            c.community_id,
            who.member_id,
            role_id
        )
        .execute(&mut *tx)
        .await?;
    }
    announce_member(&mut tx, who.member_id).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Channels.

pub struct ChannelInput<'a> {
    pub name: &'a str,
    pub topic: &'a str,
    pub slow_mode_secs: i32,
    pub parent: Option<Uuid>,
}

async fn check_parent(db: &mut PgConnection, community: Uuid, parent: Option<Uuid>) -> Result<(), AppError> {
    if let Some(p) = parent {
        let ok = sqlx::query_scalar!(
            r#"select exists (select 1 from chat_channels where channel_id = $1 and community_id = $2 and kind = 'category') as "e!""#,
            p,
            community
        )
        .fetch_one(&mut *db)
        .await?;
        if !ok {
            return Err(AppError::invalid("parent", "Choose one of this community's categories."));
        }
    }
    Ok(())
}

fn check_channel(input: &ChannelInput<'_>) -> Result<(String, String), AppError> {
    let name = channel_name(input.name);
    if name.is_empty() {
        return Err(AppError::invalid(
            "name",
            format!("Name the channel in 1 to {CHANNEL_NAME_MAX} letters or digits."),
        ));
    }
    let topic = input.topic.trim();
    if topic.chars().count() > TOPIC_MAX {
        return Err(AppError::invalid("topic", format!("Keep the topic under {TOPIC_MAX} characters.")));
    }
    if !(0..=SLOW_MODE_MAX).contains(&input.slow_mode_secs) {
        return Err(AppError::invalid("slow_mode_secs", "Slow mode is between 0 seconds (off) and 6 hours."));
    }
    Ok((name, topic.to_string()))
}

pub async fn create_channel(
    state: &AppState,
    me: Uuid,
    slug: &str,
    category: bool,
    input: ChannelInput<'_>,
) -> Result<Uuid, AppError> {
    let (c, _) = require(state, me, slug, perms::MANAGE_CHANNELS).await?;
    let (name, topic) = check_channel(&input)?;
    let mut tx = state.pool.begin().await?;
    sqlx::query!("select community_id from communities where community_id = $1 for update", c.community_id)
        .fetch_one(&mut *tx)
        .await?;
    let count =
        sqlx::query_scalar!(r#"select count(*) as "n!" from chat_channels where community_id = $1"#, c.community_id)
            .fetch_one(&mut *tx)
            .await?;
    if count >= 100 {
        return Err(AppError::Conflict("A community can have at most 100 channels and categories.".into()));
    }
    let parent = if category { None } else { input.parent };
    check_parent(&mut tx, c.community_id, parent).await?;
    let id = sqlx::query_scalar!(
        "insert into chat_channels (community_id, kind, parent_id, name, topic, slow_mode_secs, position, created_by)
         values ($1, $2, $3, $4, $5, $6,
                 (select coalesce(max(position), -1) + 1 from chat_channels where community_id = $1), $7)
         returning channel_id",
        c.community_id,
        if category { "category" } else { "text" },
        parent,
        name,
        topic,
        if category { 0 } else { input.slow_mode_secs },
        me
    )
    .fetch_one(&mut *tx)
    .await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// The channel and its community, checked for "manage channels" (or, with `roles`, "manage roles").
async fn managed_channel(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    perm: i64,
) -> Result<(CommunityRow, Loaded, repo::ChannelRow), AppError> {
    let ch = repo::channel(&state.pool, channel_id).await?.ok_or(AppError::NotFound)?;
    let community = ch.community_id.ok_or(AppError::NotFound)?;
    let c = repo::by_id(&state.pool, community).await?.ok_or(AppError::NotFound)?;
    let (c, l) = require(state, me, &c.slug, perm).await?;
    Ok((c, l, ch))
}

pub async fn update_channel(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    input: ChannelInput<'_>,
) -> Result<(), AppError> {
    let (c, _, ch) = managed_channel(state, me, channel_id, perms::MANAGE_CHANNELS).await?;
    let (name, topic) = check_channel(&input)?;
    let mut tx = state.pool.begin().await?;
    let parent = if ch.kind == "category" { None } else { input.parent };
    check_parent(&mut tx, c.community_id, parent).await?;
    sqlx::query!(
        "update chat_channels set name = $2, topic = $3, slow_mode_secs = $4, parent_id = $5 where channel_id = $1",
        channel_id,
        name,
        topic,
        if ch.kind == "category" { 0 } else { input.slow_mode_secs },
        parent
    )
    .execute(&mut *tx)
    .await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn move_channel(state: &AppState, me: Uuid, channel_id: Uuid, up: bool) -> Result<(), AppError> {
    let (c, _, ch) = managed_channel(state, me, channel_id, perms::MANAGE_CHANNELS).await?;
    let mut tx = state.pool.begin().await?;
    sqlx::query!("select community_id from communities where community_id = $1 for update", c.community_id)
        .fetch_one(&mut *tx)
        .await?;
    // Renumber first, so positions are distinct, then swap with the neighbour among siblings.
    sqlx::query!(
        "update chat_channels c set position = o.n
         from (select channel_id, (row_number() over (order by position, created_at))::int as n
               from chat_channels where community_id = $1) o
         where c.channel_id = o.channel_id",
        c.community_id
    )
    .execute(&mut *tx)
    .await?;
    let siblings = sqlx::query!(
        "select channel_id, position from chat_channels
         where community_id = $1 and kind = $2 and parent_id is not distinct from $3 order by position",
        c.community_id,
        if ch.kind == "category" { "category" } else { "text" },
        ch.parent_id
    )
    .fetch_all(&mut *tx)
    .await?;
    let Some(i) = siblings.iter().position(|s| s.channel_id == channel_id) else { return Err(AppError::NotFound) };
    let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < siblings.len()) };
    if let Some(j) = j {
        let (a, b) = (&siblings[i], &siblings[j]);
        sqlx::query!(
            "update chat_channels set position = case when channel_id = $1 then $2::int else $3::int end where channel_id in ($1, $4)",
            a.channel_id,
            b.position,
            a.position,
            b.channel_id
        )
        .execute(&mut *tx)
        .await?;
    }
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_channel(state: &AppState, me: Uuid, channel_id: Uuid) -> Result<(), AppError> {
    let (c, _, _) = managed_channel(state, me, channel_id, perms::MANAGE_CHANNELS).await?;
    let mut tx = state.pool.begin().await?;
    sqlx::query!("delete from chat_channels where channel_id = $1", channel_id).execute(&mut *tx).await?;
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Sets (or, with both empty, removes) a channel override for a role or a member.
pub async fn set_override(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    target: &str,
    allow: i64,
    deny: i64,
) -> Result<(), AppError> {
    let (c, l, _) = managed_channel(state, me, channel_id, perms::MANAGE_ROLES).await?;
    if allow & deny != 0 {
        return Err(AppError::invalid("permissions", "A permission cannot be both allowed and denied."));
    }
    grantable(&l, allow)?;
    let target = match target.split_once(':') {
        Some(("role", id)) => {
            let id = parse_id(id)?;
            let ok = sqlx::query_scalar!(
                r#"select exists (select 1 from community_roles where role_id = $1 and community_id = $2 and kind <> 'owner') as "e!""#,
                id,
                c.community_id
            )
            .fetch_one(&state.pool)
            .await?;
            if !ok {
                return Err(AppError::invalid("target", "Choose a role of this community."));
            }
            Target::Role(id)
        }
        Some(("member", name)) => {
            let who = repo::member_by_username(&state.pool, name)
                .await?
                .ok_or_else(|| AppError::invalid("target", "No member has that username."))?;
            Target::Member(who.member_id)
        }
        _ => return Err(AppError::invalid("target", "Choose a role or a member.")),
    };
    let (kind, id) = match target {
        Target::Role(id) => ("role", id),
        Target::Member(id) => ("member", id),
    };
    let mut tx = state.pool.begin().await?;
    if allow == 0 && deny == 0 {
        sqlx::query!(
            "delete from channel_overrides where channel_id = $1 and target_kind = $2 and target_id = $3",
            channel_id,
            kind,
            id
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            "insert into channel_overrides (channel_id, target_kind, target_id, allow, deny) values ($1, $2, $3, $4, $5)
             on conflict (channel_id, target_kind, target_id) do update set allow = excluded.allow, deny = excluded.deny",
            channel_id,
            kind,
            id,
            allow,
            deny
        )
        .execute(&mut *tx)
        .await?;
    }
    announce_access(&mut tx, c.community_id).await?;
    tx.commit().await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The settings page.

pub async fn admin(state: &AppState, me: Uuid, slug: &str) -> Result<CommunityAdmin, AppError> {
    let community = view(state, me, slug).await?;
    let (c, l) = load(state, me, slug).await?;
    let base = community.perms;
    let manages = perms::MANAGE_CHANNELS
        | perms::MANAGE_ROLES
        | perms::INVITE
        | perms::BAN_MEMBERS
        | perms::KICK_MEMBERS
        | perms::MANAGE_MESSAGES;
    if !l.is_member || (base & manages == 0 && !l.standing.is_owner) {
        return Err(AppError::Forbidden);
    }
    let roles = roles(state, &c, &l).await?;
    let mut channels = Vec::new();
    if perms::has(base, perms::MANAGE_CHANNELS) || perms::has(base, perms::MANAGE_ROLES) {
        let rows = repo::channels_of(&state.pool, &[c.community_id]).await?;
        let ids: Vec<Uuid> = rows.iter().map(|r| r.channel_id).collect();
        let names = sqlx::query!(
            "select o.channel_id, o.target_kind, o.target_id, o.allow, o.deny,
                    coalesce(r.name, '@' || m.username, '?') as \"name!\"
             from channel_overrides o
             left join community_roles r on o.target_kind = 'role' and r.role_id = o.target_id
             left join members m on o.target_kind = 'member' and m.member_id = o.target_id
             where o.channel_id = any($1) order by o.target_kind, 6",
            &ids
        )
        .fetch_all(&state.pool)
        .await?;
        for ch in &rows {
            channels.push(ChannelAdmin {
                entry: repo::entry(ch, 0),
                overrides: names
                    .iter()
                    .filter(|o| o.channel_id == ch.channel_id)
                    .map(|o| OverrideView {
                        target_kind: o.target_kind.clone(),
                        target_id: o.target_id,
                        target_name: o.name.clone(),
                        allow: o.allow,
                        deny: o.deny,
                    })
                    .collect(),
            });
        }
    }
    let invites = if perms::has(base, perms::INVITE) {
        sqlx::query!(
            r#"select i.code, i.expires_at, i.max_uses, i.uses, m.username as "by?",
                      (i.revoked_at is null and (i.expires_at is null or i.expires_at > now())
                         and (i.max_uses is null or i.uses < i.max_uses)) as "usable!"
               from community_invites i left join members m on m.member_id = i.created_by
               where i.community_id = $1 order by i.created_at desc limit 50"#,
            c.community_id
        )
        .fetch_all(&state.pool)
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
        .collect()
    } else {
        Vec::new()
    };
    let requests = if perms::has(base, perms::INVITE) {
        sqlx::query!(
            "select m.member_id, m.username, m.display_name, m.avatar_id, r.note, r.created_at
             from community_join_requests r join members m using (member_id)
             where r.community_id = $1 order by r.created_at limit 100",
            c.community_id
        )
        .fetch_all(&state.pool)
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
        .collect()
    } else {
        Vec::new()
    };
    let bans = if perms::has(base, perms::BAN_MEMBERS) {
        sqlx::query!(
            "select m.member_id, m.username, m.display_name, m.avatar_id, b.reason, b.created_at
             from community_bans b join members m using (member_id)
             where b.community_id = $1 order by b.created_at desc limit 100",
            c.community_id
        )
        .fetch_all(&state.pool)
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
        .collect()
    } else {
        Vec::new()
    };
    let flagged = if perms::has(base, perms::MANAGE_MESSAGES) {
        crate::chat::service::flagged(state, c.community_id).await?
    } else {
        Vec::new()
    };
    Ok(CommunityAdmin { community, roles, channels, invites, requests, bans, flagged })
}
