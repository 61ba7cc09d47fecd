//! The chat resources: a private channel (1) and a direct conversation (2).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Actor::{self, *};
use super::{assert_none, cast, get, id_of, multipart, post, Row, E401, E403, E409, E422, HID, OK, SEE};

// ------------------------------------------------------------------------------------------------
// 1. A private channel: `#backstage` in `circle`, hidden from @everyone, shown to the moderator
//    role and, by their own overrides, to member, blocked and banned (before the ban). Blocks are
//    between people and do not close a community's channel; a ban ends the membership and its
//    overrides.

#[rustfmt::skip]
pub(super) fn private_channel() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/chat/channel?id={channel}",
            [E401,     E403,     OK,       OK,       E403,     OK,       OK,       E403]),
        get("/api/chat/history?id={channel}&before=100",
            [E401,     E403,     OK,       OK,       E403,     OK,       OK,       E403]),
        get("/api/chat/search?channel={channel}&q=rehearsal",
            [E401,     E403,     SEE,      SEE,      E403,     SEE,      SEE,      E403]).marker("m_owner"),
        // The community page lists the channels its viewer sees.
        get("/api/communities/get?slug={slug}",
            [E401,     HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("channel"),
        // Channels with unread messages (every reader has someone else's message unread).
        get("/api/chat/overview",
            [E401,     HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("channel"),
        get("/api/home",
            [HID,      HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("channel"),
        get("/api/chat/flagged?slug={slug}",
            [E401,     E403,     E403,     E403,     E403,     SEE,      SEE,      E403]).marker("m_flagged"),
        post("/api/chat/send", &[("channel", "{channel}"), ("body", "Hello backstage")],
            [E401,     E403,     OK,       OK,       E403,     OK,       OK,       E403]),
        multipart("/api/chat/send-form", &[("channel", "{channel}"), ("body", "Hello from the form")],
            [E401,     E403,     OK,       OK,       E403,     OK,       OK,       E403]),
        post("/api/chat/edit", &[("id", "{m_owner}"), ("body", "Backstage rehearsal plan, v2")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/chat/react", &[("id", "{m_owner}"), ("emoji", "👍"), ("on", "true")],
            [E401,     E403,     OK,       OK,       E403,     OK,       OK,       E403]),
        post("/api/chat/read", &[("channel", "{channel}"), ("seq", "1")],
            [E401,     E403,     OK,       OK,       E403,     OK,       OK,       E403]),
        // Only conversations can be left.
        post("/api/chat/leave", &[("channel", "{channel}")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     E403]),
        post("/api/communities/flagged/resolve", &[("message_id", "{m_flagged}"), ("decision", "keep")],
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        // Managing the channel needs "manage channels" (overrides: "manage roles"), which the
        // moderator role does not hold.
        post("/api/communities/channels/update",
             &[("channel_id", "{channel}"), ("name", "backstage"), ("topic", "Crew only"), ("slow_mode_secs", "0")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/communities/channels/move", &[("channel_id", "{channel}"), ("direction", "up")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/communities/channels/override",
             &[("channel_id", "{channel}"), ("target", "member:member"), ("perms[view]", "allow")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/chat/delete", &[("id", "{m_del}")],
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        post("/api/communities/channels/delete", &[("channel_id", "{channel}")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
    ]
}

#[sqlx::test]
async fn private_channel_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let mut s = cast(opts).await;
    s.ok(
        Owner,
        "/api/communities/update",
        &[
            ("slug", "circle"),
            ("name", "Circle"),
            ("description", "Practice"),
            ("visibility", "private"),
            ("filter_policy", "flag"),
        ],
    )
    .await;
    let channel = id_of(
        &s.ok(
            Owner,
            "/api/communities/channels/create",
            &[("slug", "circle"), ("name", "backstage"), ("topic", ""), ("slow_mode_secs", "0")],
        )
        .await,
    );
    let everyone: uuid::Uuid = sqlx::query_scalar(
        "select r.role_id from community_roles r join communities c using (community_id)
         where c.slug = 'circle' and r.kind = 'everyone'",
    )
    .fetch_one(s.pool())
    .await
    .unwrap();
    let overrides = [
        (format!("role:{everyone}"), "deny"),
        (format!("role:{}", s.var("moderator_role")), "allow"),
        ("member:member".to_string(), "allow"),
        ("member:blocked".to_string(), "allow"),
        ("member:banned".to_string(), "allow"),
    ];
    for (target, how) in &overrides {
        s.ok(
            Owner,
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", target), ("perms[view]", how)],
        )
        .await;
    }
    let send = |who: Actor, body: &'static str| {
        let channel = channel.clone();
        let s = &s;
        async move { id_of(&s.ok(who, "/api/chat/send", &[("channel", &channel), ("body", body)]).await) }
    };
    let m_owner = send(Owner, "Backstage rehearsal plan").await;
    let m_del = send(Owner, "Old notes to tidy away").await;
    // The community's filter flags this one for its moderators.
    let m_flagged = send(Member, "you are a fucking idiot").await;
    s.mark_unread(&channel).await;
    s.set("channel", channel);
    s.set("m_owner", m_owner);
    s.set("m_del", m_del);
    s.set("m_flagged", m_flagged);
    s.block_and_ban().await;
    assert_none(s.verify("private channel", &private_channel()).await);
}

// ------------------------------------------------------------------------------------------------
// 2. A direct conversation between the owner and the member. Nobody moderates a conversation,
//    not even its members; a conversation between two cannot be left (blocking ends it).

#[rustfmt::skip]
pub(super) fn direct_conversation() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/chat/channel?id={dm}",
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        get("/api/chat/history?id={dm}&before=100",
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        get("/api/chat/search?channel={dm}&q=secret",
            [E401,     E403,     SEE,      E403,     E403,     E403,     SEE,      E403]).marker("m_owner"),
        get("/api/chat/overview",
            [E401,     HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("dm"),
        get("/api/home",
            [HID,      HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("dm"),
        // Opening a conversation with the owner (the owner: with the member) finds this one only
        // for its members; others get a conversation of their own, the blocked member none.
        post("/api/chat/open", &[("usernames", "{dm_peer}")],
            [E401,     HID,      SEE,      E422,     HID,      HID,      SEE,      HID]).marker("dm"),
        post("/api/chat/send", &[("channel", "{dm}"), ("body", "Are you coming?")],
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        multipart("/api/chat/send-form", &[("channel", "{dm}"), ("body", "From the form")],
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        post("/api/chat/edit", &[("id", "{m_owner}"), ("body", "secret plan, revised")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/chat/react", &[("id", "{m_owner}"), ("emoji", "🙏"), ("on", "true")],
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        post("/api/chat/read", &[("channel", "{dm}"), ("seq", "1")],
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        post("/api/communities/flagged/resolve", &[("message_id", "{m_owner}"), ("decision", "remove")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     E403]),
        post("/api/chat/leave", &[("channel", "{dm}")],
            [E401,     E403,     E409,     E403,     E403,     E403,     E409,     E403]),
        post("/api/chat/delete", &[("id", "{m_del}")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
    ]
}

/// After the owner blocks the member: both still read the conversation, neither writes in it,
/// and neither can open it again.
#[rustfmt::skip]
pub(super) fn direct_conversation_after_block() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/chat/channel?id={dm}",
            [E401,     E403,     OK,       E403,     E403,     E403,     OK,       E403]),
        post("/api/chat/send", &[("channel", "{dm}"), ("body", "Still there?")],
            [E401,     E403,     E409,     E403,     E403,     E403,     E409,     E403]),
        post("/api/chat/open", &[("usernames", "{dm_peer}")],
            [E401,     HID,      E422,     E422,     HID,      HID,      E422,     HID]).marker("dm"),
    ]
}

#[sqlx::test]
async fn direct_conversation_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let mut s = cast(opts).await;
    let dm = id_of(&s.ok(Owner, "/api/chat/open", &[("usernames", "member")]).await);
    let m_owner = id_of(&s.ok(Owner, "/api/chat/send", &[("channel", &dm), ("body", "The secret plan")]).await);
    s.ok(Member, "/api/chat/send", &[("channel", &dm), ("body", "Tell me more")]).await;
    let m_del = id_of(&s.ok(Owner, "/api/chat/send", &[("channel", &dm), ("body", "Sent too soon")]).await);
    s.mark_unread(&dm).await;
    s.set("dm", dm);
    s.set("m_owner", m_owner);
    s.set("m_del", m_del);
    s.set("dm_peer", "owner");
    s.set_for("dm_peer", Owner, "member");
    s.block_and_ban().await;
    let mut problems = s.verify("conversation", &direct_conversation()).await;
    s.ok(Owner, "/api/people/block", &[("username", "member"), ("block", "true")]).await;
    problems.extend(s.verify("conversation after a block", &direct_conversation_after_block()).await);
    assert_none(problems);
}
