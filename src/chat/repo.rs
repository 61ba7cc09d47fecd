//! SQL for chat: messages and their reactions, read markers, conversations and their members,
//! and the reads chat rules need from neighbouring tables (blocks, community members, the
//! bulk "@everyone" notification).
//!
//! Functions that must run inside a caller's transaction take `&mut PgConnection`; the rest take
//! any executor.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{MessageView, ReactionView, ReplyQuote};
use crate::communities::model::{FlaggedMessage, MemberRef};

// ---------------------------------------------------------------------------------------------
// Conversation members.

/// The members of a conversation, by display name.
pub async fn dm_members(db: impl PgExecutor<'_>, channel_id: Uuid) -> Result<Vec<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select m.member_id, m.username, m.display_name, m.avatar_id
                 from dm_members d join members m using (member_id) where d.channel_id = $1 order by m.display_name",
        channel_id
    )
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------------------------------------
// Reading messages.

/// Messages by id and/or by a range of numbers in one channel, oldest first.
pub async fn load_messages(
    db: impl PgExecutor<'_>,
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
                        crate::text::markdown::plain_text(&r.reply_body.unwrap_or_default(), 140)
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

/// The ids of the newest 50 undeleted messages of a channel matching a web-style search.
pub async fn search_ids(db: impl PgExecutor<'_>, channel_id: Uuid, q: &str) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "select message_id from chat_messages
         where channel_id = $1 and deleted_at is null and search @@ websearch_to_tsquery('simple', $2)
         order by seq desc limit 50",
        channel_id,
        q
    )
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------------------------------------
// Read markers.

/// The member's read marker in a channel (0 before they first read it).
pub async fn last_read_seq(db: impl PgExecutor<'_>, channel_id: Uuid, member: Uuid) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "select last_read_seq from chat_reads where channel_id = $1 and member_id = $2",
        channel_id,
        member
    )
    .fetch_optional(db)
    .await?
    .unwrap_or(0))
}

/// Moves the read marker forward to `seq` (never back).
pub async fn mark_read(db: impl PgExecutor<'_>, channel_id: Uuid, member: Uuid, seq: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into chat_reads (channel_id, member_id, last_read_seq) values ($1, $2, $3)
         on conflict (channel_id, member_id) do update set last_read_seq = greatest(chat_reads.last_read_seq, excluded.last_read_seq)",
        channel_id,
        member,
        seq
    )
    .execute(db)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Sending.

/// The channel's numbering and slow mode, read under its row lock.
pub struct SendSlot {
    pub last_seq: i64,
    pub slow_mode_secs: i32,
}

/// Locks the channel's row until the transaction ends: the next message number is taken under it.
pub async fn lock_for_send(conn: &mut PgConnection, channel_id: Uuid) -> Result<Option<SendSlot>, sqlx::Error> {
    Ok(sqlx::query!("select last_seq, slow_mode_secs from chat_channels where channel_id = $1 for update", channel_id)
        .fetch_optional(&mut *conn)
        .await?
        .map(|r| SendSlot { last_seq: r.last_seq, slow_mode_secs: r.slow_mode_secs }))
}

/// Seconds the member still has to wait under slow mode of `secs` (0 or less: may send now).
pub async fn slow_mode_wait(
    conn: &mut PgConnection,
    channel_id: Uuid,
    member: Uuid,
    secs: i32,
) -> Result<i32, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select ceil(extract(epoch from (last_sent_at + make_interval(secs => $3::int) - now())))::int as "wait"
               from chat_reads where channel_id = $1 and member_id = $2"#,
        channel_id,
        member,
        secs
    )
    .fetch_optional(&mut *conn)
    .await?
    .flatten()
    .unwrap_or(0))
}

/// Whether `reply` is an undeleted message of this channel.
pub async fn reply_target_exists(conn: &mut PgConnection, reply: Uuid, channel_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from chat_messages where message_id = $1 and channel_id = $2 and deleted_at is null) as "e!""#,
        reply,
        channel_id
    )
    .fetch_one(&mut *conn)
    .await
}

/// Records `seq` as the channel's last message number.
pub async fn advance_seq(conn: &mut PgConnection, channel_id: Uuid, seq: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update chat_channels set last_seq = $2, last_message_at = now() where channel_id = $1",
        channel_id,
        seq
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A message as stored by [`insert_message`].
pub struct NewMessage<'a> {
    pub channel_id: Uuid,
    pub seq: i64,
    pub author_id: Uuid,
    pub body: &'a str,
    pub body_html: &'a str,
    pub reply_to: Option<Uuid>,
    pub mentions: &'a [Uuid],
    pub mentions_everyone: bool,
    pub image_id: Option<Uuid>,
    pub image_alt: &'a str,
    pub flagged_reason: Option<&'a str>,
}

pub async fn insert_message(conn: &mut PgConnection, m: &NewMessage<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into chat_messages (channel_id, seq, author_id, body, body_html, reply_to, mentions, mentions_everyone,
                                    image_id, image_alt, flagged_reason)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning message_id",
        m.channel_id,
        m.seq,
        m.author_id,
        m.body,
        m.body_html,
        m.reply_to,
        m.mentions,
        m.mentions_everyone,
        m.image_id,
        m.image_alt,
        m.flagged_reason
    )
    .fetch_one(&mut *conn)
    .await
}

/// The sender has read up to their own message, and slow mode counts from now.
pub async fn record_sent(conn: &mut PgConnection, channel_id: Uuid, member: Uuid, seq: i64) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into chat_reads (channel_id, member_id, last_read_seq, last_sent_at) values ($1, $2, $3, now())
         on conflict (channel_id, member_id) do update set last_read_seq = greatest(chat_reads.last_read_seq, excluded.last_read_seq),
                                                          last_sent_at = now()",
        channel_id,
        member,
        seq
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Mentions and blocks.

/// The community's members among these usernames (lowercase).
pub async fn community_members_named(
    db: impl PgExecutor<'_>,
    names: &[String],
    community_id: Uuid,
) -> Result<Vec<MemberRef>, sqlx::Error> {
    sqlx::query_as!(
        MemberRef,
        "select m.member_id, m.username, m.display_name, m.avatar_id
                 from members m join community_members cm on cm.member_id = m.member_id and cm.community_id = $2
                 where m.username = any($1)",
        names,
        community_id
    )
    .fetch_all(db)
    .await
}

/// One "mentioned @everyone" notification for each of `viewers` but the author and those in
/// `already_told`, skipping members who muted chat notifications.
pub async fn notify_everyone(
    conn: &mut PgConnection,
    viewers: &[Uuid],
    author: Uuid,
    text: &str,
    link: &str,
    already_told: &[Uuid],
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into notifications (member_id, kind, actor_id, message, link)
             select v, 'chat', $2, $3, $4 from unnest($1::uuid[]) v
             where v <> $2 and v <> all($5)
               and not exists (select 1 from notification_mutes nm where nm.member_id = v and nm.kind = 'chat')
               and not exists (select 1 from blocks k where (k.blocker_id = v and k.blocked_id = $2)
                                                        or (k.blocker_id = $2 and k.blocked_id = v))",
        viewers,
        author,
        text,
        link,
        already_told
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Those of `others` who blocked `a` or were blocked by them.
pub async fn blocked_with(db: impl PgExecutor<'_>, a: Uuid, others: &[Uuid]) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select case when blocker_id = $1 then blocked_id else blocker_id end as "id!" from blocks
           where (blocker_id = $1 and blocked_id = any($2)) or (blocked_id = $1 and blocker_id = any($2))"#,
        a,
        others
    )
    .fetch_all(db)
    .await
}

/// Whether `a` blocked, or was blocked by, any of `others`.
pub async fn blocked_pair(db: impl PgExecutor<'_>, a: Uuid, others: &[Uuid]) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from blocks
                          where (blocker_id = $1 and blocked_id = any($2)) or (blocked_id = $1 and blocker_id = any($2))) as "e!""#,
        a,
        others
    )
    .fetch_one(db)
    .await
}

/// Whether any two of these members blocked one another.
pub async fn blocked_among(db: impl PgExecutor<'_>, members: &[Uuid]) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from blocks where blocker_id = any($1) and blocked_id = any($1)) as "e!""#,
        members
    )
    .fetch_one(db)
    .await
}

// ---------------------------------------------------------------------------------------------
// Editing, deleting, reacting.

/// Replaces an undeleted message's text; a new filter verdict flags it again, none clears the
/// flag. The number of rows changed (0 when it was deleted meanwhile).
pub async fn update_body(
    conn: &mut PgConnection,
    id: Uuid,
    body: &str,
    body_html: &str,
    mentions: &[Uuid],
    flagged_reason: Option<&str>,
) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query!(
        "update chat_messages set body = $2, body_html = $3, mentions = $4, edited_at = now(),
                flagged_reason = coalesce($5, flagged_reason),
                flag_resolved_at = case when $5::text is null then flag_resolved_at end,
                flag_resolved_by = case when $5::text is null then flag_resolved_by end
         where message_id = $1 and deleted_at is null",
        id,
        body,
        body_html,
        mentions,
        flagged_reason
    )
    .execute(&mut *conn)
    .await?
    .rows_affected())
}

/// Empties a message (its number stays) and drops its reactions; a flag on it counts as resolved.
pub async fn soft_delete(conn: &mut PgConnection, id: Uuid, by: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update chat_messages set deleted_at = now(), body = '', body_html = '', image_id = null, mentions = '{}',
                mentions_everyone = false,
                flag_resolved_at = case when flagged_reason is not null then coalesce(flag_resolved_at, now()) end,
                flag_resolved_by = case when flagged_reason is not null then coalesce(flag_resolved_by, $2) end
         where message_id = $1",
        id,
        by
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("delete from chat_reactions where message_id = $1", id).execute(&mut *conn).await?;
    Ok(())
}

/// One row per (message, emoji, member): reacting twice is a no-op. A new emoji only while the
/// message has fewer than `max_emoji` different ones.
pub async fn add_reaction(
    conn: &mut PgConnection,
    id: Uuid,
    member: Uuid,
    emoji: &str,
    max_emoji: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into chat_reactions (message_id, member_id, emoji)
             select $1, $2, $3
             where exists (select 1 from chat_reactions where message_id = $1 and emoji = $3)
                or (select count(distinct emoji) from chat_reactions where message_id = $1) < $4
             on conflict do nothing",
        id,
        member,
        emoji,
        max_emoji
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn remove_reaction(conn: &mut PgConnection, id: Uuid, member: Uuid, emoji: &str) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "delete from chat_reactions where message_id = $1 and member_id = $2 and emoji = $3",
        id,
        member,
        emoji
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Conversations.

pub struct NamedMember {
    pub member_id: Uuid,
    pub username: String,
}

/// The members with these usernames (lowercase); names no one has are simply missing.
pub async fn members_named(db: impl PgExecutor<'_>, names: &[String]) -> Result<Vec<NamedMember>, sqlx::Error> {
    Ok(sqlx::query!("select member_id, username from members where username = any($1)", names)
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| NamedMember { member_id: r.member_id, username: r.username })
        .collect())
}

/// The 1:1 conversation of a pair (`"{a}:{b}"`, smaller id first).
pub async fn dm_by_pair(conn: &mut PgConnection, pair: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select channel_id from chat_channels where dm_pair = $1", pair)
        .fetch_optional(&mut *conn)
        .await
}

/// A new conversation (a group when `pair` is `None`); for a pair created meanwhile, that one.
pub async fn create_dm(conn: &mut PgConnection, pair: Option<&str>, created_by: Uuid) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into chat_channels (kind, dm_pair, created_by) values ('dm', $1, $2)
         on conflict (dm_pair) do update set dm_pair = excluded.dm_pair returning channel_id",
        pair,
        created_by
    )
    .fetch_one(&mut *conn)
    .await
}

pub async fn add_dm_members(conn: &mut PgConnection, channel_id: Uuid, members: &[Uuid]) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into dm_members (channel_id, member_id) select $1, unnest($2::uuid[]) on conflict do nothing",
        channel_id,
        members
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A conversation locked for a member leaving it: whether it is a pair, and whether they are in it.
pub struct DmLock {
    pub dm_pair: Option<String>,
    pub member: bool,
}

pub async fn lock_dm(conn: &mut PgConnection, channel_id: Uuid, member: Uuid) -> Result<Option<DmLock>, sqlx::Error> {
    Ok(sqlx::query!(
        r#"select c.dm_pair, exists (select 1 from dm_members d where d.channel_id = c.channel_id and d.member_id = $2) as "member!"
           from chat_channels c where c.channel_id = $1 and c.kind = 'dm' for update"#,
        channel_id,
        member
    )
    .fetch_optional(&mut *conn)
    .await?
    .map(|r| DmLock { dm_pair: r.dm_pair, member: r.member }))
}

/// Takes the member out of the conversation with their read marker; the last one out deletes it.
pub async fn leave_dm(conn: &mut PgConnection, channel_id: Uuid, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from dm_members where channel_id = $1 and member_id = $2", channel_id, member)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("delete from chat_reads where channel_id = $1 and member_id = $2", channel_id, member)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "delete from chat_channels c where c.channel_id = $1 and not exists (select 1 from dm_members d where d.channel_id = $1)",
        channel_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A conversation of the member's list, with the text of its last message.
pub struct ConversationRow {
    pub channel_id: Uuid,
    pub last_message_at: Option<DateTime<Utc>>,
    pub members: Vec<MemberRef>,
    pub preview: Option<String>,
}

/// The member's conversations, newest first (at most 100).
pub async fn conversations(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<ConversationRow>, sqlx::Error> {
    Ok(sqlx::query!(
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
        member
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| ConversationRow {
        channel_id: r.channel_id,
        last_message_at: r.last_message_at,
        members: r.members.0,
        preview: r.preview,
    })
    .collect())
}

/// A community channel's name with its community's.
pub struct ChannelLabel {
    pub channel_id: Uuid,
    pub name: String,
    pub community: String,
}

/// Names of these community channels, by community and position.
pub async fn channel_labels(db: impl PgExecutor<'_>, channel_ids: &[Uuid]) -> Result<Vec<ChannelLabel>, sqlx::Error> {
    Ok(sqlx::query!(
        "select ch.channel_id, ch.name, c.name as community from chat_channels ch join communities c using (community_id)
         where ch.channel_id = any($1) order by c.name, ch.position",
        channel_ids
    )
    .fetch_all(db)
    .await?
    .into_iter()
    .map(|r| ChannelLabel { channel_id: r.channel_id, name: r.name, community: r.community })
    .collect())
}

// ---------------------------------------------------------------------------------------------
// Flagged messages.

/// Unresolved flagged messages of these channels, oldest first (at most 100).
pub async fn flagged(db: impl PgExecutor<'_>, channels: &[Uuid]) -> Result<Vec<FlaggedMessage>, sqlx::Error> {
    let rows = sqlx::query!(
        "select m.message_id, m.channel_id, ch.name as channel_name, m.body, m.flagged_reason, m.created_at,
                a.member_id, a.username, a.display_name, a.avatar_id
         from chat_messages m join chat_channels ch using (channel_id) join members a on a.member_id = m.author_id
         where m.channel_id = any($1) and m.flagged_reason is not null and m.flag_resolved_at is null
         order by m.created_at limit 100",
        channels
    )
    .fetch_all(db)
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

/// Keeps a flagged message: the flag counts as resolved by `by`.
pub async fn keep_flagged(conn: &mut PgConnection, id: Uuid, by: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update chat_messages set flag_resolved_at = now(), flag_resolved_by = $2 where message_id = $1",
        id,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
