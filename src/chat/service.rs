//! Chat rules: who may read and write where, sending (filter, slow mode, rate limit, mentions,
//! images), editing, deleting, reactions, history, read markers, search and conversations.
//!
//! Every message of a channel gets the next number under the channel's row lock, inside the
//! transaction that stores it, and the real-time announcement leaves with the same commit: the
//! numbers a client sees are gap-free and in commit order, which makes "everything after N" an
//! exact catch-up.

use std::time::Duration;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::*;
use crate::auth::model::CurrentMember;
use crate::communities::model::{FilterPolicy, FlaggedMessage, MemberRef};
use crate::communities::perms::{self, ADD_REACTIONS, ATTACH_FILES, MANAGE_MESSAGES, SEND_MESSAGES, VIEW_CHANNEL};
use crate::communities::repo::{self as community_repo, ChannelRow, CommunityRow};
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::realtime::hub::{channel_topic, publish, Signal};
use crate::server::rate_limit;
use crate::server::state::AppState;

/// Messages one member may send in [`SEND_WINDOW`], across all channels.
pub const SEND_LIMIT: u32 = 20;
pub const SEND_WINDOW: Duration = Duration::from_secs(30);
/// At most this many different emoji on one message.
const EMOJI_PER_MESSAGE: i64 = 20;

pub fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

/// A member's access to one channel or conversation.
pub struct Access {
    pub channel: ChannelRow,
    pub perms: i64,
    pub community: Option<CommunityRow>,
    pub timeout_until: Option<DateTime<Utc>>,
    pub dm_members: Vec<MemberRef>,
}

impl Access {
    pub fn may(&self, perm: i64) -> bool {
        perms::has(self.perms, perm)
    }
}

/// What `me` may do in `channel_id`. A channel they cannot see is `Forbidden` (403), whether it
/// belongs to a private community, denies them by override, or is someone else's conversation.
pub async fn access(db: &sqlx::PgPool, me: Uuid, channel_id: Uuid) -> Result<Access, AppError> {
    let channel = community_repo::channel(db, channel_id).await?.ok_or(AppError::NotFound)?;
    match channel.community_id {
        None => {
            let members = sqlx::query_as!(
                MemberRef,
                "select m.member_id, m.username, m.display_name, m.avatar_id
                 from dm_members d join members m using (member_id) where d.channel_id = $1 order by m.display_name",
                channel_id
            )
            .fetch_all(db)
            .await?;
            if !members.iter().any(|m| m.member_id == me) {
                return Err(AppError::Forbidden);
            }
            Ok(Access {
                channel,
                perms: VIEW_CHANNEL | SEND_MESSAGES | ATTACH_FILES | ADD_REACTIONS,
                community: None,
                timeout_until: None,
                dm_members: members,
            })
        }
        Some(community_id) => {
            if channel.kind != "text" {
                return Err(AppError::NotFound);
            }
            let community = community_repo::by_id(db, community_id).await?.ok_or(AppError::NotFound)?;
            let loaded = community_repo::standing(db, &community, me).await?.ok_or(AppError::NotFound)?;
            let overrides = community_repo::overrides_of(db, &[channel_id]).await?;
            let bits = loaded.standing.in_channel(overrides.get(&channel_id).map(Vec::as_slice).unwrap_or(&[]));
            if !perms::has(bits, VIEW_CHANNEL) {
                return Err(AppError::Forbidden);
            }
            Ok(Access {
                channel,
                perms: bits,
                community: Some(community),
                timeout_until: loaded.timeout_until,
                dm_members: Vec::new(),
            })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Reading.

/// Messages by id and/or by a range of numbers in one channel, oldest first.
pub async fn load_messages(
    db: impl sqlx::PgExecutor<'_>,
    ids: &[Uuid],
    channel: Option<Uuid>,
    from_seq: i64,
    to_seq: i64,
) -> Result<Vec<MessageView>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select m.message_id, m.channel_id, m.seq, m.body, m.body_html, m.created_at, m.edited_at, m.deleted_at,
                  m.image_id, m.image_alt, m.mentions, m.mentions_everyone,
                  a.member_id, a.username, a.display_name, a.avatar_id,
                  q.message_id as "reply_id?", qa.display_name as "reply_author?", q.body as "reply_body?",
                  q.deleted_at as "reply_deleted?",
                  coalesce((select json_agg(json_build_object('emoji', x.emoji, 'count', x.n, 'reactors', x.who) order by x.first)
                            from (select r.emoji, count(*) as n, array_agg(r.member_id order by r.created_at) as who,
                                         min(r.created_at) as first
                                  from chat_reactions r where r.message_id = m.message_id group by r.emoji) x),
                           '[]') as "reactions!: sqlx::types::Json<Vec<ReactionView>>"
           from chat_messages m
           join members a on a.member_id = m.author_id
           left join chat_messages q on q.message_id = m.reply_to
           left join members qa on qa.member_id = q.author_id
           where m.message_id = any($1) or (m.channel_id = $2 and m.seq between $3 and $4)
           order by m.channel_id, m.seq"#,
        ids,
        channel,
        from_seq,
        to_seq
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let deleted = r.deleted_at.is_some();
            MessageView {
                id: r.message_id,
                channel_id: r.channel_id,
                seq: r.seq,
                author: MemberRef {
                    member_id: r.member_id,
                    username: r.username,
                    display_name: r.display_name,
                    avatar_id: r.avatar_id,
                },
                body: if deleted { String::new() } else { r.body },
                body_html: if deleted { String::new() } else { r.body_html },
                created_at: r.created_at,
                edited: r.edited_at.is_some(),
                deleted,
                reply: r.reply_id.map(|id| ReplyQuote {
                    message_id: id,
                    author_name: r.reply_author.unwrap_or_default(),
                    excerpt: if r.reply_deleted.is_some() {
                        "(deleted message)".into()
                    } else {
                        crate::feed::markdown::plain_text(&r.reply_body.unwrap_or_default(), 140)
                    },
                }),
                image_id: if deleted { None } else { r.image_id },
                image_alt: r.image_alt,
                reactions: if deleted { Vec::new() } else { r.reactions.0 },
                mentions: r.mentions,
                mentions_everyone: r.mentions_everyone,
            }
        })
        .collect())
}

pub async fn message(db: &sqlx::PgPool, id: Uuid) -> Result<Option<MessageView>, sqlx::Error> {
    Ok(load_messages(db, &[id], None, 0, -1).await?.pop())
}

/// The page of history before message number `before` (or the newest page).
pub async fn history_page(
    db: &sqlx::PgPool,
    channel: &ChannelRow,
    before: Option<i64>,
) -> Result<MessagePage, AppError> {
    let end = before.map(|b| b - 1).unwrap_or(channel.last_seq).min(channel.last_seq);
    if end < 1 {
        return Ok(MessagePage { messages: Vec::new(), before: None });
    }
    let start = (end - HISTORY_PAGE + 1).max(1);
    let messages = load_messages(db, &[], Some(channel.channel_id), start, end).await?;
    Ok(MessagePage { messages, before: (start > 1).then_some(start) })
}

/// Messages after number `after`, at most `limit` (for catching up after a reconnect).
pub async fn after(
    db: &sqlx::PgPool,
    channel_id: Uuid,
    after: i64,
    limit: i64,
) -> Result<Vec<MessageView>, sqlx::Error> {
    load_messages(db, &[], Some(channel_id), after + 1, after + limit).await
}

fn title_for(access: &Access, me: Uuid) -> String {
    if access.community.is_some() {
        return access.channel.name.clone();
    }
    let others: Vec<&str> =
        access.dm_members.iter().filter(|m| m.member_id != me).map(|m| m.display_name.as_str()).collect();
    if others.is_empty() {
        "Just you".into()
    } else {
        others.join(", ")
    }
}

pub async fn channel_view(
    state: &AppState,
    me: Uuid,
    channel_id: Uuid,
    before: Option<i64>,
) -> Result<ChannelView, AppError> {
    let access = access(&state.pool, me, channel_id).await?;
    let history = history_page(&state.pool, &access.channel, before).await?;
    let last_read_seq = sqlx::query_scalar!(
        "select last_read_seq from chat_reads where channel_id = $1 and member_id = $2",
        channel_id,
        me
    )
    .fetch_optional(&state.pool)
    .await?
    .unwrap_or(0);
    Ok(ChannelView {
        channel_id,
        title: title_for(&access, me),
        community: access.community.as_ref().map(|c| CommunityLink { slug: c.slug.clone(), name: c.name.clone() }),
        is_dm: access.community.is_none(),
        topic: access.channel.topic.clone(),
        slow_mode_secs: access.channel.slow_mode_secs,
        perms: access.perms,
        last_read_seq,
        last_seq: access.channel.last_seq,
        history,
        me,
        timeout_until: access.timeout_until,
        dm_members: access.dm_members,
    })
}

pub async fn history(state: &AppState, me: Uuid, channel_id: Uuid, before: i64) -> Result<MessagePage, AppError> {
    let access = access(&state.pool, me, channel_id).await?;
    history_page(&state.pool, &access.channel, Some(before)).await
}

pub async fn search(state: &AppState, me: Uuid, channel_id: Uuid, query: &str) -> Result<Vec<MessageView>, AppError> {
    let q = query.trim();
    if q.is_empty() {
        return Ok(Vec::new());
    }
    if q.chars().count() > SEARCH_MAX {
        return Err(AppError::invalid("q", format!("Search for at most {SEARCH_MAX} characters.")));
    }
    access(&state.pool, me, channel_id).await?;
    let ids = sqlx::query_scalar!(
        "select message_id from chat_messages
         where channel_id = $1 and deleted_at is null and search @@ websearch_to_tsquery('simple', $2)
         order by seq desc limit 50",
        channel_id,
        q
    )
    .fetch_all(&state.pool)
    .await?;
    let mut found = load_messages(&state.pool, &ids, None, 0, -1).await?;
    found.reverse();
    Ok(found)
}

/// Moves the read marker forward to `seq` (never back, never past the last message).
pub async fn mark_read(state: &AppState, me: Uuid, channel_id: Uuid, seq: i64) -> Result<(), AppError> {
    let access = access(&state.pool, me, channel_id).await?;
    let seq = seq.clamp(0, access.channel.last_seq);
    sqlx::query!(
        "insert into chat_reads (channel_id, member_id, last_read_seq) values ($1, $2, $3)
         on conflict (channel_id, member_id) do update set last_read_seq = greatest(chat_reads.last_read_seq, excluded.last_read_seq)",
        channel_id,
        me,
        seq
    )
    .execute(&state.pool)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Writing.

/// What the language filter thinks of a text: `None` when fine, else why not.
///
/// rustrict reads digits as letters (to catch "f4ck"), which also turns codes like "s3 n17" into
/// words. A message is judged inappropriate only when it still is with its digits taken out, so
/// room numbers and times never trip it; letter-only evasions are still caught.
pub fn filter_verdict(text: &str) -> Option<String> {
    use rustrict::{Censor, Type};
    let analysis = Censor::from_str(text).analyze();
    if !analysis.is(Type::INAPPROPRIATE) {
        return None;
    }
    let letters: String = text.chars().map(|c| if c.is_ascii_digit() { ' ' } else { c }).collect();
    if letters != text && !Censor::from_str(&letters).analyze().is(Type::INAPPROPRIATE) {
        return None;
    }
    let mut why = Vec::new();
    for (t, name) in [
        (Type::PROFANE, "profanity"),
        (Type::OFFENSIVE, "offensive language"),
        (Type::SEXUAL, "sexual language"),
        (Type::MEAN, "insults"),
    ] {
        if analysis.is(t & Type::MODERATE_OR_HIGHER) {
            why.push(name);
        }
    }
    Some(if why.is_empty() { "inappropriate language".into() } else { why.join(", ") })
}

pub struct Draft<'a> {
    pub body: &'a str,
    pub reply_to: Option<Uuid>,
    pub image: Option<crate::feed::service::ImageInput>,
}

fn check_body(body: &str, has_image: bool) -> Result<String, AppError> {
    let body = body.trim();
    if body.is_empty() && !has_image {
        return Err(AppError::invalid("body", "Write a message first."));
    }
    let n = body.chars().count();
    if n > BODY_MAX {
        return Err(AppError::invalid(
            "body",
            format!("Messages can be at most {BODY_MAX} characters (this one is {n})."),
        ));
    }
    Ok(body.to_string())
}

/// Mentioned members who can be told: members of the channel's community or conversation.
async fn resolve_mentions(db: &sqlx::PgPool, access: &Access, body: &str) -> Result<Vec<MemberRef>, sqlx::Error> {
    let names: Vec<String> = crate::feed::markdown::mentions(body).into_iter().map(|n| n.to_lowercase()).collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    match &access.community {
        Some(c) => {
            sqlx::query_as!(
                MemberRef,
                "select m.member_id, m.username, m.display_name, m.avatar_id
                 from members m join community_members cm on cm.member_id = m.member_id and cm.community_id = $2
                 where m.username = any($1)",
                &names,
                c.community_id
            )
            .fetch_all(db)
            .await
        }
        None => Ok(access.dm_members.iter().filter(|m| names.contains(&m.username)).cloned().collect()),
    }
}

fn render(body: &str, mentioned: &[MemberRef]) -> String {
    crate::feed::markdown::render(body, &|name: &str| mentioned.iter().any(|m| m.username == name))
}

/// Refuses (or flags, per the community's policy) what the filter objects to. Conversations
/// are private to their members and are not filtered; blocking ends them instead.
fn apply_filter(access: &Access, body: &str) -> Result<Option<String>, AppError> {
    let Some(community) = &access.community else { return Ok(None) };
    match filter_verdict(body) {
        None => Ok(None),
        Some(why) => match community.filter_policy {
            FilterPolicy::Block => Err(AppError::invalid(
                "body",
                format!("This community's filter holds back messages with {why}. Please rephrase it."),
            )),
            FilterPolicy::Flag => Ok(Some(format!("Filter: {why}"))),
        },
    }
}

async fn blocked_pair(db: &sqlx::PgPool, a: Uuid, others: &[Uuid]) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from blocks
                          where (blocker_id = $1 and blocked_id = any($2)) or (blocked_id = $1 and blocker_id = any($2))) as "e!""#,
        a,
        others
    )
    .fetch_one(db)
    .await?)
}

pub async fn send(
    state: &AppState,
    me: &CurrentMember,
    channel_id: Uuid,
    draft: Draft<'_>,
) -> Result<MessageView, AppError> {
    let body = check_body(draft.body, draft.image.is_some())?;
    let access = access(&state.pool, me.member_id, channel_id).await?;
    if let Some(until) = access.timeout_until {
        return Err(AppError::Conflict(format!(
            "You are in a timeout in this community until {}.",
            until.format("%e %b %H:%M UTC")
        )));
    }
    if !access.may(SEND_MESSAGES) {
        return Err(AppError::Forbidden);
    }
    if draft.image.is_some() && !access.may(ATTACH_FILES) {
        return Err(AppError::invalid("image", "You can't attach images in this channel."));
    }
    if access.community.is_none() && access.dm_members.len() == 2 {
        let others: Vec<Uuid> =
            access.dm_members.iter().map(|m| m.member_id).filter(|id| *id != me.member_id).collect();
        if blocked_pair(&state.pool, me.member_id, &others).await? {
            return Err(AppError::Conflict("You can't message this member.".into()));
        }
    }
    let flagged = apply_filter(&access, &body)?;
    rate_limit::hit(&state.pool, &format!("chat:send:{}", me.member_id), SEND_LIMIT, SEND_WINDOW).await?;
    let mentioned = resolve_mentions(&state.pool, &access, &body).await?;
    let everyone = access.community.is_some() && access.may(perms::MENTION_EVERYONE) && mentions_everyone(&body);
    let body_html = render(&body, &mentioned);
    let image_alt = match &draft.image {
        Some(i) => {
            let alt = i.alt.trim();
            if alt.chars().count() > crate::media::ALT_MAX_CHARS {
                return Err(AppError::invalid("image_alt", "Keep the description under 300 characters."));
            }
            alt.to_string()
        }
        None => String::new(),
    };

    let mut tx = state.pool.begin().await?;
    let ch =
        sqlx::query!("select last_seq, slow_mode_secs from chat_channels where channel_id = $1 for update", channel_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(AppError::NotFound)?;
    if ch.slow_mode_secs > 0 && !access.may(MANAGE_MESSAGES) && !access.may(perms::MANAGE_CHANNELS) {
        let wait = sqlx::query_scalar!(
            r#"select ceil(extract(epoch from (last_sent_at + make_interval(secs => $3::int) - now())))::int as "wait"
               from chat_reads where channel_id = $1 and member_id = $2"#,
            channel_id,
            me.member_id,
            ch.slow_mode_secs
        )
        .fetch_optional(&mut *tx)
        .await?
        .flatten()
        .unwrap_or(0);
        if wait > 0 {
            return Err(AppError::invalid(
                "body",
                format!("Slow mode is on: you can send again in {wait} second{}.", if wait == 1 { "" } else { "s" }),
            ));
        }
    }
    if let Some(reply) = draft.reply_to {
        let ok = sqlx::query_scalar!(
            r#"select exists (select 1 from chat_messages where message_id = $1 and channel_id = $2 and deleted_at is null) as "e!""#,
            reply,
            channel_id
        )
        .fetch_one(&mut *tx)
        .await?;
        if !ok {
            return Err(AppError::invalid("reply_to", "The message you replied to is no longer here."));
        }
    }
    let image_id = match draft.image {
        Some(i) => Some(
            crate::media::upload::save(state, &mut tx, me.member_id, crate::media::Purpose::Message, i.bytes).await?,
        ),
        None => None,
    };
    let seq = ch.last_seq + 1;
    sqlx::query!(
        "update chat_channels set last_seq = $2, last_message_at = now() where channel_id = $1",
        channel_id,
        seq
    )
    .execute(&mut *tx)
    .await?;
    let mention_ids: Vec<Uuid> = mentioned.iter().map(|m| m.member_id).collect();
    let id = sqlx::query_scalar!(
        "insert into chat_messages (channel_id, seq, author_id, body, body_html, reply_to, mentions, mentions_everyone,
                                    image_id, image_alt, flagged_reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning message_id",
        channel_id,
        seq,
        me.member_id,
        body,
        body_html,
        draft.reply_to,
        &mention_ids,
        everyone,
        image_id,
        image_alt,
        flagged
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into chat_reads (channel_id, member_id, last_read_seq, last_sent_at) values ($1, $2, $3, now())
         on conflict (channel_id, member_id) do update set last_read_seq = greatest(chat_reads.last_read_seq, excluded.last_read_seq),
                                                          last_sent_at = now()",
        channel_id,
        me.member_id,
        seq
    )
    .execute(&mut *tx)
    .await?;
    let place = match &access.community {
        Some(c) => format!("#{} in {}", access.channel.name, c.name),
        None => "a conversation".into(),
    };
    let link = format!("/chat/{channel_id}");
    let text = format!("{} mentioned you in {place}", me.display_name);
    for m in &mentioned {
        crate::notifications::repo::notify(
            &mut *tx,
            crate::notifications::repo::Note {
                member_id: m.member_id,
                kind: NotificationKind::Chat,
                actor_id: Some(me.member_id),
                post_id: None,
                message: &text,
                link: &link,
            },
        )
        .await?;
    }
    if everyone {
        if let Some(c) = &access.community {
            let text = format!("{} mentioned @everyone in {place}", me.display_name);
            sqlx::query!(
                "insert into notifications (member_id, kind, actor_id, message, link)
                 select cm.member_id, 'chat', $2, $3, $4 from community_members cm
                 where cm.community_id = $1 and cm.member_id <> $2 and cm.member_id <> all($5)
                   and not exists (select 1 from notification_mutes nm where nm.member_id = cm.member_id and nm.kind = 'chat')",
                c.community_id,
                me.member_id,
                text,
                link,
                &mention_ids
            )
            .execute(&mut *tx)
            .await?;
        }
    }
    publish(
        &mut *tx,
        &Signal { topic: channel_topic(channel_id), kind: "message".into(), id: Some(id), ..Default::default() },
    )
    .await?;
    tx.commit().await?;
    message(&state.pool, id).await?.ok_or(AppError::Internal)
}

fn mentions_everyone(body: &str) -> bool {
    body.split(|c: char| c.is_whitespace() || ",.!?;:()".contains(c)).any(|w| w == "@everyone")
}

/// The message and the access of `me` to its channel.
async fn message_access(state: &AppState, me: Uuid, id: Uuid) -> Result<(MessageView, Access), AppError> {
    let m = message(&state.pool, id).await?.ok_or(AppError::NotFound)?;
    let access = access(&state.pool, me, m.channel_id).await?;
    Ok((m, access))
}

async fn announce_update(db: &mut sqlx::PgConnection, m: &MessageView) -> Result<(), sqlx::Error> {
    publish(
        &mut *db,
        &Signal {
            topic: channel_topic(m.channel_id),
            kind: "message_updated".into(),
            id: Some(m.id),
            ..Default::default()
        },
    )
    .await
}

pub async fn edit(state: &AppState, me: &CurrentMember, id: Uuid, body: &str) -> Result<MessageView, AppError> {
    let (m, access) = message_access(state, me.member_id, id).await?;
    if m.author.member_id != me.member_id || m.deleted || !access.may(SEND_MESSAGES) || access.timeout_until.is_some() {
        return Err(AppError::Forbidden);
    }
    let body = check_body(body, m.image_id.is_some())?;
    let flagged = apply_filter(&access, &body)?;
    rate_limit::hit(&state.pool, &format!("chat:send:{}", me.member_id), SEND_LIMIT, SEND_WINDOW).await?;
    let mentioned = resolve_mentions(&state.pool, &access, &body).await?;
    let mention_ids: Vec<Uuid> = mentioned.iter().map(|m| m.member_id).collect();
    let mut tx = state.pool.begin().await?;
    sqlx::query!(
        "update chat_messages set body = $2, body_html = $3, mentions = $4, edited_at = now(),
                flagged_reason = coalesce($5, flagged_reason),
                flag_resolved_at = case when $5::text is null then flag_resolved_at end,
                flag_resolved_by = case when $5::text is null then flag_resolved_by end
         where message_id = $1",
        id,
        body,
        render(&body, &mentioned),
        &mention_ids,
        flagged
    )
    .execute(&mut *tx)
    .await?;
    announce_update(&mut tx, &m).await?;
    tx.commit().await?;
    message(&state.pool, id).await?.ok_or(AppError::Internal)
}

/// Deletes a message: its author may, and so may anyone with "manage messages" there. The
/// number stays (history stays gap-free); the text, image and reactions go.
pub async fn delete(state: &AppState, me: Uuid, id: Uuid) -> Result<(), AppError> {
    let (m, access) = message_access(state, me, id).await?;
    if m.author.member_id != me && !access.may(MANAGE_MESSAGES) {
        return Err(AppError::Forbidden);
    }
    if m.deleted {
        return Ok(());
    }
    let mut tx = state.pool.begin().await?;
    soft_delete(&mut tx, id, me).await?;
    announce_update(&mut tx, &m).await?;
    tx.commit().await?;
    Ok(())
}

async fn soft_delete(db: &mut sqlx::PgConnection, id: Uuid, by: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update chat_messages set deleted_at = now(), body = '', body_html = '', image_id = null, mentions = '{}',
                mentions_everyone = false,
                flag_resolved_at = case when flagged_reason is not null then coalesce(flag_resolved_at, now()) end,
                flag_resolved_by = case when flagged_reason is not null then coalesce(flag_resolved_by, $2) end
         where message_id = $1",
        id,
        by
    )
    .execute(&mut *db)
    .await?;
    sqlx::query!("delete from chat_reactions where message_id = $1", id).execute(&mut *db).await?;
    Ok(())
}

pub async fn react(state: &AppState, me: Uuid, id: Uuid, emoji: &str, on: bool) -> Result<MessageView, AppError> {
    let emoji = emoji.trim();
    if !valid_emoji(emoji) {
        return Err(AppError::invalid("emoji", "Pick one emoji."));
    }
    let (m, access) = message_access(state, me, id).await?;
    if m.deleted {
        return Err(AppError::NotFound);
    }
    if on && (!access.may(ADD_REACTIONS) || access.timeout_until.is_some()) {
        return Err(AppError::Forbidden);
    }
    rate_limit::hit(&state.pool, &format!("chat:react:{me}"), 60, Duration::from_secs(60)).await?;
    let mut tx = state.pool.begin().await?;
    if on {
        // One row per (message, emoji, member): reacting twice is a no-op. A new emoji only
        // while the message has fewer than 20 different ones.
        sqlx::query!(
            "insert into chat_reactions (message_id, member_id, emoji)
             select $1, $2, $3
             where exists (select 1 from chat_reactions where message_id = $1 and emoji = $3)
                or (select count(distinct emoji) from chat_reactions where message_id = $1) < $4
             on conflict do nothing",
            id,
            me,
            emoji,
            EMOJI_PER_MESSAGE
        )
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query!(
            "delete from chat_reactions where message_id = $1 and member_id = $2 and emoji = $3",
            id,
            me,
            emoji
        )
        .execute(&mut *tx)
        .await?;
    }
    announce_update(&mut tx, &m).await?;
    tx.commit().await?;
    message(&state.pool, id).await?.ok_or(AppError::Internal)
}

// ---------------------------------------------------------------------------------------------
// Conversations (direct messages).

/// Opens the 1:1 conversation with one member (the same one every time), or a new group
/// conversation with up to nine others. Blocked members cannot be messaged.
pub async fn open_conversation(state: &AppState, me: Uuid, usernames: &str) -> Result<Uuid, AppError> {
    let mut names: Vec<String> = usernames
        .split([',', ' ', '\n'])
        .map(|n| n.trim().trim_start_matches('@').to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Err(AppError::invalid("usernames", "Name at least one member."));
    }
    if names.len() > DM_GROUP_MAX - 1 {
        return Err(AppError::invalid(
            "usernames",
            format!("A group conversation has at most {DM_GROUP_MAX} members."),
        ));
    }
    let found = sqlx::query!("select member_id, username from members where username = any($1)", &names)
        .fetch_all(&state.pool)
        .await?;
    if let Some(missing) = names.iter().find(|n| !found.iter().any(|f| &f.username == *n)) {
        return Err(AppError::invalid("usernames", format!("No member is called @{missing}.")));
    }
    let others: Vec<Uuid> = found.iter().map(|f| f.member_id).filter(|id| *id != me).collect();
    if others.is_empty() {
        return Err(AppError::invalid("usernames", "Name someone other than yourself."));
    }
    if blocked_pair(&state.pool, me, &others).await? {
        return Err(AppError::invalid(
            "usernames",
            "You can't start a conversation with someone you blocked or who blocked you.",
        ));
    }
    rate_limit::hit(&state.pool, &format!("chat:open:{me}"), 30, Duration::from_secs(3600)).await?;
    let mut tx = state.pool.begin().await?;
    let pair = (others.len() == 1).then(|| {
        let (a, b) = if me < others[0] { (me, others[0]) } else { (others[0], me) };
        format!("{a}:{b}")
    });
    if let Some(pair) = &pair {
        if let Some(id) = sqlx::query_scalar!("select channel_id from chat_channels where dm_pair = $1", pair)
            .fetch_optional(&mut *tx)
            .await?
        {
            return Ok(id);
        }
    }
    let id = sqlx::query_scalar!(
        "insert into chat_channels (kind, dm_pair, created_by) values ('dm', $1, $2)
         on conflict (dm_pair) do update set dm_pair = excluded.dm_pair returning channel_id",
        pair,
        me
    )
    .fetch_one(&mut *tx)
    .await?;
    let mut everyone = others.clone();
    everyone.push(me);
    sqlx::query!(
        "insert into dm_members (channel_id, member_id) select $1, unnest($2::uuid[]) on conflict do nothing",
        id,
        &everyone
    )
    .execute(&mut *tx)
    .await?;
    for m in &everyone {
        publish(
            &mut *tx,
            &Signal { topic: crate::realtime::hub::member_topic(*m), kind: "access".into(), ..Default::default() },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// Leaves a group conversation: the member stops reading it and is no longer listed; the others
/// carry on (the last one out deletes it). A conversation between two stays — blocking is how
/// one stops it.
pub async fn leave_conversation(state: &AppState, me: Uuid, channel_id: Uuid) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    let row = sqlx::query!(
        r#"select c.dm_pair, exists (select 1 from dm_members d where d.channel_id = c.channel_id and d.member_id = $2) as "member!"
           from chat_channels c where c.channel_id = $1 and c.kind = 'dm' for update"#,
        channel_id,
        me
    )
    .fetch_optional(&mut *tx)
    .await?;
    let Some(row) = row.filter(|r| r.member) else { return Err(AppError::Forbidden) };
    if row.dm_pair.is_some() {
        return Err(AppError::Conflict(
            "A conversation between two of you stays; block the member if you want it to stop.".into(),
        ));
    }
    sqlx::query!("delete from dm_members where channel_id = $1 and member_id = $2", channel_id, me)
        .execute(&mut *tx)
        .await?;
    sqlx::query!("delete from chat_reads where channel_id = $1 and member_id = $2", channel_id, me)
        .execute(&mut *tx)
        .await?;
    sqlx::query!(
        "delete from chat_channels c where c.channel_id = $1 and not exists (select 1 from dm_members d where d.channel_id = $1)",
        channel_id
    )
    .execute(&mut *tx)
    .await?;
    // The member's open sockets drop the conversation at once.
    publish(
        &mut *tx,
        &Signal { topic: crate::realtime::hub::member_topic(me), kind: "access".into(), ..Default::default() },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Conversations, newest first, and community channels with unread messages.
pub async fn overview(state: &AppState, me: Uuid) -> Result<ChatOverview, AppError> {
    let readable = community_repo::readable_channels(&state.pool, me).await?;
    let unread = community_repo::unread_counts(&state.pool, me, &readable.channels).await?;
    let rows = sqlx::query!(
        r#"select c.channel_id, c.last_message_at,
                  coalesce((select json_agg(json_build_object('member_id', m.member_id, 'username', m.username,
                                                              'display_name', m.display_name, 'avatar_id', m.avatar_id)
                                            order by m.display_name)
                            from dm_members d2 join members m using (member_id) where d2.channel_id = c.channel_id), '[]')
                      as "members!: sqlx::types::Json<Vec<MemberRef>>",
                  (select case when x.deleted_at is not null then '(deleted message)' else x.body end
                   from chat_messages x where x.channel_id = c.channel_id and x.seq = c.last_seq) as "preview?"
           from dm_members d join chat_channels c using (channel_id)
           where d.member_id = $1
           order by c.last_message_at desc nulls last, c.created_at desc limit 100"#,
        me
    )
    .fetch_all(&state.pool)
    .await?;
    let conversations: Vec<Conversation> = rows
        .into_iter()
        .map(|r| {
            let others: Vec<&str> =
                r.members.0.iter().filter(|m| m.member_id != me).map(|m| m.display_name.as_str()).collect();
            Conversation {
                channel_id: r.channel_id,
                title: others.join(", "),
                last_message_at: r.last_message_at,
                preview: crate::feed::markdown::plain_text(&r.preview.unwrap_or_default(), 100),
                unread: unread.get(&r.channel_id).copied().unwrap_or(0),
                members: r.members.0,
            }
        })
        .collect();
    let dm_ids: Vec<Uuid> = conversations.iter().map(|c| c.channel_id).collect();
    let channel_ids: Vec<Uuid> = unread.keys().copied().filter(|id| !dm_ids.contains(id)).collect();
    let names = sqlx::query!(
        "select ch.channel_id, ch.name, c.name as community from chat_channels ch join communities c using (community_id)
         where ch.channel_id = any($1) order by c.name, ch.position",
        &channel_ids
    )
    .fetch_all(&state.pool)
    .await?;
    let unread_channels = names
        .into_iter()
        .map(|n| UnreadChannel {
            channel_id: n.channel_id,
            label: format!("#{} · {}", n.name, n.community),
            link: format!("/chat/{}", n.channel_id),
            unread: unread.get(&n.channel_id).copied().unwrap_or(0),
        })
        .collect();
    Ok(ChatOverview { conversations, unread_channels, total_unread: unread.values().sum() })
}

/// Unread chat messages across everything the member reads (for the navigation badge).
pub async fn unread_total(db: &sqlx::PgPool, me: Uuid) -> Result<i64, AppError> {
    let readable = community_repo::readable_channels(db, me).await?;
    Ok(community_repo::unread_counts(db, me, &readable.channels).await?.values().sum())
}

// ---------------------------------------------------------------------------------------------
// Moderation of flagged messages.

pub async fn flagged(state: &AppState, community_id: Uuid) -> Result<Vec<FlaggedMessage>, AppError> {
    let rows = sqlx::query!(
        "select m.message_id, m.channel_id, ch.name as channel_name, m.body, m.flagged_reason, m.created_at,
                a.member_id, a.username, a.display_name, a.avatar_id
         from chat_messages m join chat_channels ch using (channel_id) join members a on a.member_id = m.author_id
         where ch.community_id = $1 and m.flagged_reason is not null and m.flag_resolved_at is null
         order by m.created_at limit 100",
        community_id
    )
    .fetch_all(&state.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| FlaggedMessage {
            message_id: r.message_id,
            channel_id: r.channel_id,
            channel_name: r.channel_name,
            author: MemberRef {
                member_id: r.member_id,
                username: r.username,
                display_name: r.display_name,
                avatar_id: r.avatar_id,
            },
            body: r.body,
            reason: r.flagged_reason.unwrap_or_default(),
            created_at: r.created_at,
        })
        .collect())
}

/// Keeps or removes a flagged message (needs "manage messages" in its channel).
pub async fn resolve_flag(state: &AppState, me: Uuid, id: Uuid, remove: bool) -> Result<(), AppError> {
    let (m, access) = message_access(state, me, id).await?;
    if !access.may(MANAGE_MESSAGES) {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.pool.begin().await?;
    if remove {
        soft_delete(&mut tx, id, me).await?;
        announce_update(&mut tx, &m).await?;
    } else {
        sqlx::query!(
            "update chat_messages set flag_resolved_at = now(), flag_resolved_by = $2 where message_id = $1",
            id,
            me
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Typing: checked and announced, never stored.
pub async fn typing(state: &AppState, me: &CurrentMember, channel_id: Uuid) -> Result<(), AppError> {
    let access = access(&state.pool, me.member_id, channel_id).await?;
    if !access.may(SEND_MESSAGES) || access.timeout_until.is_some() {
        return Err(AppError::Forbidden);
    }
    announce_typing(&state.pool, me, channel_id).await?;
    Ok(())
}

pub async fn announce_typing(db: &sqlx::PgPool, me: &CurrentMember, channel_id: Uuid) -> Result<(), sqlx::Error> {
    publish(
        db,
        &Signal {
            topic: channel_topic(channel_id),
            kind: "typing".into(),
            member: Some(me.member_id),
            name: Some(me.display_name.clone()),
            ..Default::default()
        },
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_leaves_everyday_messages_alone() {
        for ok in [
            "Who is coming tonight? 21:00 at Studio Sōma",
            "bench p1 s3 n17 i0 t123456789",
            "Room 305, bring 2 pairs of shoes",
            "Box breathing 4-4-4-4, ten rounds. Then shavasana.",
            "I'll bring the D'Arienzo playlist and some snacks",
            "Sacral chakra work today: hips, water, flow",
        ] {
            assert_eq!(filter_verdict(ok), None, "{ok}");
        }
    }

    #[test]
    fn the_filter_catches_abuse() {
        for bad in ["you are a fucking idiot", "shut up you stupid bitch"] {
            assert!(filter_verdict(bad).is_some(), "{bad}");
        }
    }
}
