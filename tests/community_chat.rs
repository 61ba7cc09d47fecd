//! Communities and chat through their server functions (the public surface): joining by
//! visibility, invites with limits, bans, removals, roles and channel overrides, and chat —
//! access (403 for outsiders by every function), history, edits, deletes, reactions, mentions,
//! slow mode, the rate limit, the language filter, unread counts and direct conversations.

mod common;

use common::{Reply, TestApp};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

async fn get(app: &TestApp, path: &str, cookie: &str) -> Reply {
    app.get_accepting(path, Some(cookie), "application/json").await
}

fn ok(r: &Reply) -> serde_json::Value {
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null)
}

async fn create(app: &TestApp, owner: &str, slug: &str, visibility: &str) -> Reply {
    app.post(
        "/api/communities/create",
        &[("name", "Milonga Circle"), ("slug", slug), ("description", "Tango"), ("visibility", visibility)],
        Some(owner),
    )
    .await
}

async fn general(pool: &PgPool, slug: &str) -> String {
    let id: uuid::Uuid = sqlx::query_scalar(
        "select ch.channel_id from chat_channels ch join communities c using (community_id)
         where c.slug = $1 and ch.name = 'general'",
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap();
    id.to_string()
}

async fn send(app: &TestApp, who: &str, channel: &str, body: &str) -> Reply {
    app.post("/api/chat/send", &[("channel", channel), ("body", body)], Some(who)).await
}

#[sqlx::test]
async fn creating_a_community_sets_up_roles_and_a_channel(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    ok(&create(&app, &ana, "milonga-circle", "public").await);
    let kinds: Vec<String> = sqlx::query_scalar(
        "select r.kind from community_roles r join communities c using (community_id) where c.slug = 'milonga-circle' order by position",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(kinds, ["everyone", "moderator", "owner"]);
    let view = ok(&get(&app, "/api/communities/get?slug=milonga-circle", &ana).await);
    assert_eq!(view["is_owner"], true);
    assert_eq!(view["member_count"], 1);
    assert_eq!(view["channels"][0]["name"], "general");

    // The address is unique, and checked.
    let taken = create(&app, &ana, "milonga-circle", "public").await;
    assert_eq!(taken.status, 422);
    assert!(taken.error().for_field("slug").is_some());
    let bad = create(&app, &ana, "-Bad Slug", "public").await;
    assert!(bad.error().for_field("slug").is_some());
}

#[sqlx::test]
async fn joining_depends_on_visibility_and_invites_have_limits(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    ok(&create(&app, &ana, "open-floor", "public").await);
    ok(&create(&app, &ana, "quiet-circle", "private").await);
    ok(&create(&app, &ana, "inner-circle", "invite").await);

    // Public: join at once, and leave.
    assert_eq!(ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&ben)).await), "member");
    ok(&app.post("/api/communities/leave", &[("slug", "open-floor")], Some(&ben)).await);
    // The owner cannot leave without handing over.
    assert_eq!(app.post("/api/communities/leave", &[("slug", "open-floor")], Some(&ana)).await.status, 409);

    // Private: a request, approved by the owner (who has the invite permission); Ben is told.
    assert_eq!(
        ok(&app
            .post("/api/communities/join", &[("slug", "quiet-circle"), ("note", "I practise daily")], Some(&ben))
            .await),
        "requested"
    );
    let channel = general(&pool, "quiet-circle").await;
    assert_eq!(get(&app, &format!("/api/chat/channel?id={channel}"), &ben).await.status, 403);
    // Only someone with the invite permission decides.
    let r = app
        .post(
            "/api/communities/requests/decide",
            &[("slug", "quiet-circle"), ("username", "ben"), ("decision", "approve")],
            Some(&cleo),
        )
        .await;
    assert_eq!(r.status, 403);
    ok(&app
        .post(
            "/api/communities/requests/decide",
            &[("slug", "quiet-circle"), ("username", "ben"), ("decision", "approve")],
            Some(&ana),
        )
        .await);
    ok(&get(&app, &format!("/api/chat/channel?id={channel}"), &ben).await);
    let told: i64 = sqlx::query_scalar(
        "select count(*) from notifications n join members m using (member_id) where m.username = 'ben' and n.kind = 'chat'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(told, 1);

    // Invite only: no joining without a code; a one-use code works once.
    assert_eq!(app.post("/api/communities/join", &[("slug", "inner-circle")], Some(&ben)).await.status, 409);
    let code: String = serde_json::from_value(ok(&app
        .post(
            "/api/communities/invites/create",
            &[("slug", "inner-circle"), ("expires_hours", "24"), ("max_uses", "1")],
            Some(&ana),
        )
        .await))
    .unwrap();
    // A member without the invite permission cannot make one.
    assert_eq!(
        app.post(
            "/api/communities/invites/create",
            &[("slug", "quiet-circle"), ("expires_hours", "24"), ("max_uses", "")],
            Some(&ben)
        )
        .await
        .status,
        403
    );
    assert_eq!(ok(&app.post("/api/communities/invites/accept", &[("code", &code)], Some(&ben)).await), "inner-circle");
    assert_eq!(app.post("/api/communities/invites/accept", &[("code", &code)], Some(&cleo)).await.status, 409);
    // A revoked code is refused too.
    let code2: String = serde_json::from_value(ok(&app
        .post(
            "/api/communities/invites/create",
            &[("slug", "inner-circle"), ("expires_hours", "0"), ("max_uses", "")],
            Some(&ana),
        )
        .await))
    .unwrap();
    ok(&app.post("/api/communities/invites/revoke", &[("code", &code2)], Some(&ana)).await);
    assert_eq!(app.post("/api/communities/invites/accept", &[("code", &code2)], Some(&cleo)).await.status, 409);
}

#[sqlx::test]
async fn outsiders_get_403_from_every_chat_function(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let eve = app.sign_up("eve").await;
    ok(&create(&app, &ana, "quiet-circle", "private").await);
    let channel = general(&pool, "quiet-circle").await;
    let m = ok(&send(&app, &ana, &channel, "members only").await);
    let id = m["id"].as_str().unwrap().to_string();

    assert_eq!(get(&app, &format!("/api/chat/channel?id={channel}"), &eve).await.status, 403);
    assert_eq!(get(&app, &format!("/api/chat/history?id={channel}&before=10"), &eve).await.status, 403);
    assert_eq!(get(&app, &format!("/api/chat/search?channel={channel}&q=members"), &eve).await.status, 403);
    assert_eq!(send(&app, &eve, &channel, "let me in").await.status, 403);
    assert_eq!(
        app.post("/api/chat/react", &[("id", &id), ("emoji", "👍"), ("on", "true")], Some(&eve)).await.status,
        403
    );
    assert_eq!(app.post("/api/chat/edit", &[("id", &id), ("body", "mine now")], Some(&eve)).await.status, 403);
    assert_eq!(app.post("/api/chat/delete", &[("id", &id)], Some(&eve)).await.status, 403);
    assert_eq!(app.post("/api/chat/read", &[("channel", &channel), ("seq", "1")], Some(&eve)).await.status, 403);
    // And nobody signed out.
    assert_eq!(
        app.get_accepting(&format!("/api/chat/channel?id={channel}"), None, "application/json").await.status,
        401
    );
    // The socket uses the same check when a channel is subscribed.
    let eve_id = common::member(&pool, "eve").await.member_id;
    assert!(matches!(
        kindred::chat::service::access(&pool, eve_id, channel.parse().unwrap()).await,
        Err(kindred::error::AppError::Forbidden)
    ));
}

async fn outsider_is_refused(app: &TestApp, cookie: &str, channel: &str) {
    assert_eq!(get(app, &format!("/api/chat/channel?id={channel}"), cookie).await.status, 403);
    assert_eq!(get(app, &format!("/api/chat/history?id={channel}&before=10"), cookie).await.status, 403);
    assert_eq!(get(app, &format!("/api/chat/search?channel={channel}&q=members"), cookie).await.status, 403);
    assert_eq!(send(app, cookie, channel, "let me in").await.status, 403);
}

/// Overrides are for members: an @everyone allow on a private community's channel, or a member
/// override left from before a removal or a ban, never opens the channel to someone outside.
#[sqlx::test]
async fn channel_overrides_never_reach_outsiders(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let eve = app.sign_up("eve").await;
    ok(&create(&app, &ana, "quiet-circle", "private").await);
    let channel = general(&pool, "quiet-circle").await;
    ok(&send(&app, &ana, &channel, "members only").await);
    let everyone: uuid::Uuid = sqlx::query_scalar("select role_id from community_roles where kind = 'everyone'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let everyone_target = format!("role:{everyone}");
    ok(&app
        .post(
            "/api/communities/channels/override",
            &[
                ("channel_id", &channel),
                ("target", &everyone_target),
                ("perms[view]", "allow"),
                ("perms[send]", "allow"),
                ("perms[attach]", "allow"),
            ],
            Some(&ana),
        )
        .await);
    let eve_id = common::member(&pool, "eve").await.member_id;
    let channel_id: uuid::Uuid = channel.parse().unwrap();
    outsider_is_refused(&app, &eve, &channel).await;
    // The socket's subscribe and catch-up use the same check.
    assert!(kindred::chat::service::access(&pool, eve_id, channel_id).await.is_err());

    // Ben is let in and given his own override; once removed, it is gone and he is out.
    sqlx::query(
        "insert into community_members (community_id, member_id)
         select community_id, (select member_id from members where username = 'ben') from communities where slug = 'quiet-circle'",
    )
    .execute(&pool)
    .await
    .unwrap();
    ok(&app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", "member:ben"), ("perms[view]", "allow"), ("perms[send]", "allow")],
            Some(&ana),
        )
        .await);
    ok(&send(&app, &ben, &channel, "hello from ben").await);
    ok(&app.post("/api/communities/members/kick", &[("slug", "quiet-circle"), ("username", "ben")], Some(&ana)).await);
    let left: i64 = sqlx::query_scalar("select count(*) from channel_overrides where target_kind = 'member'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0, "a removed member's overrides are removed with them");
    outsider_is_refused(&app, &ben, &channel).await;
    let ben_id = common::member(&pool, "ben").await.member_id;
    assert!(kindred::chat::service::access(&pool, ben_id, channel_id).await.is_err());

    // An override can only be set for a member.
    let r = app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", "member:eve"), ("perms[view]", "allow")],
            Some(&ana),
        )
        .await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.error().for_field("target").is_some());
}

#[sqlx::test]
async fn removals_bans_roles_and_channel_overrides(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    ok(&create(&app, &ana, "open-floor", "public").await);
    for who in [&ben, &cleo] {
        ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(who)).await);
    }
    let channel = general(&pool, "open-floor").await;

    // A plain member cannot remove anyone.
    assert_eq!(
        app.post("/api/communities/members/kick", &[("slug", "open-floor"), ("username", "cleo")], Some(&ben))
            .await
            .status,
        403
    );

    // A custom role; the channel hides from @everyone and shows to the role.
    ok(&app
        .post(
            "/api/communities/roles/create",
            &[
                ("slug", "open-floor"),
                ("name", "Teachers"),
                ("colour", "#aa3366"),
                ("perms[view]", "on"),
                ("perms[send]", "on"),
            ],
            Some(&ana),
        )
        .await);
    let (everyone, teachers): (uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "select (select role_id from community_roles where kind = 'everyone'), (select role_id from community_roles where name = 'Teachers')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let role_target = format!("role:{everyone}");
    ok(&app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", &role_target), ("perms[view]", "deny")],
            Some(&ana),
        )
        .await);
    let teacher_target = format!("role:{teachers}");
    ok(&app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", &teacher_target), ("perms[view]", "allow")],
            Some(&ana),
        )
        .await);
    ok(&app
        .post(
            "/api/communities/roles/assign",
            &[("slug", "open-floor"), ("username", "ben"), ("role_id", &teachers.to_string()), ("on", "true")],
            Some(&ana),
        )
        .await);
    ok(&get(&app, &format!("/api/chat/channel?id={channel}"), &ben).await);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={channel}"), &cleo).await.status, 403);
    // A member override beats the role.
    ok(&app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", "member:ben"), ("perms[view]", "deny")],
            Some(&ana),
        )
        .await);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={channel}"), &ben).await.status, 403);
    // Ben holds no "manage roles": he cannot open the channel to Cleo.
    let by_ben = app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", "member:cleo"), ("perms[view]", "allow")],
            Some(&ben),
        )
        .await;
    assert_eq!(by_ben.status, 403);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={channel}"), &cleo).await.status, 403);

    // The moderator role can remove members but not the owner, nor another moderator.
    let moderator: uuid::Uuid = sqlx::query_scalar("select role_id from community_roles where kind = 'moderator'")
        .fetch_one(&pool)
        .await
        .unwrap();
    for who in ["ben", "cleo"] {
        ok(&app
            .post(
                "/api/communities/roles/assign",
                &[("slug", "open-floor"), ("username", who), ("role_id", &moderator.to_string()), ("on", "true")],
                Some(&ana),
            )
            .await);
    }
    // (Ben gives up the Teachers role, which ranks above moderators.)
    ok(&app
        .post(
            "/api/communities/roles/assign",
            &[("slug", "open-floor"), ("username", "ben"), ("role_id", &teachers.to_string()), ("on", "false")],
            Some(&ana),
        )
        .await);
    assert_eq!(
        app.post("/api/communities/members/kick", &[("slug", "open-floor"), ("username", "ana")], Some(&ben))
            .await
            .status,
        403
    );
    assert_eq!(
        app.post("/api/communities/members/kick", &[("slug", "open-floor"), ("username", "cleo")], Some(&ben))
            .await
            .status,
        409
    );

    // The owner removes Cleo: she is no longer a member and cannot write in a channel open to
    // every member (the community being public, she may still read it as any visitor). Then
    // bans her: she cannot come back, nor read it.
    let floor: String = serde_json::from_value(ok(&app
        .post(
            "/api/communities/channels/create",
            &[("slug", "open-floor"), ("name", "floor"), ("topic", ""), ("slow_mode_secs", "0")],
            Some(&ana),
        )
        .await))
    .unwrap();
    ok(&send(&app, &cleo, &floor, "hello floor").await);
    ok(&app.post("/api/communities/members/kick", &[("slug", "open-floor"), ("username", "cleo")], Some(&ana)).await);
    let listed = ok(&get(&app, "/api/communities/members?slug=open-floor", &ana).await);
    assert!(!listed.to_string().contains("\"cleo\""), "{listed}");
    assert_eq!(send(&app, &cleo, &floor, "still here?").await.status, 403);
    ok(&get(&app, &format!("/api/chat/channel?id={floor}"), &cleo).await);
    ok(&app
        .post(
            "/api/communities/members/ban",
            &[("slug", "open-floor"), ("username", "cleo"), ("reason", "spam")],
            Some(&ana),
        )
        .await);
    assert_eq!(app.post("/api/communities/join", &[("slug", "open-floor")], Some(&cleo)).await.status, 409);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={floor}"), &cleo).await.status, 403);

    // A timeout leaves reading but not writing.
    // (Overrides with nothing left are removed: the channel is open to everyone again.)
    ok(&app
        .post(
            "/api/communities/channels/override",
            &[("channel_id", &channel), ("target", "member:ben"), ("perms[view]", "")],
            Some(&ana),
        )
        .await);
    ok(&app
        .post("/api/communities/channels/override", &[("channel_id", &channel), ("target", &role_target)], Some(&ana))
        .await);
    let left: i64 = sqlx::query_scalar("select count(*) from channel_overrides where target_kind = 'member'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
    let said = ok(&send(&app, &ben, &channel, "before the timeout").await);
    let said_id = said["id"].as_str().unwrap().to_string();
    ok(&app
        .post(
            "/api/communities/members/timeout",
            &[("slug", "open-floor"), ("username", "ben"), ("minutes", "10")],
            Some(&ana),
        )
        .await);
    ok(&get(&app, &format!("/api/chat/channel?id={channel}"), &ben).await);
    assert_eq!(send(&app, &ben, &channel, "hello?").await.status, 409);
    // Nor edit what was said before it.
    assert_eq!(app.post("/api/chat/edit", &[("id", &said_id), ("body", "changed")], Some(&ben)).await.status, 403);

    // Handing over ownership: Ben owns it, Ana is a moderator and can no longer edit it.
    ok(&app.post("/api/communities/transfer", &[("slug", "open-floor"), ("username", "ben")], Some(&ana)).await);
    let edit = [
        ("slug", "open-floor"),
        ("name", "Open Floor"),
        ("description", ""),
        ("visibility", "public"),
        ("filter_policy", "flag"),
    ];
    assert_eq!(app.post("/api/communities/update", &edit, Some(&ana)).await.status, 403);
    ok(&app.post("/api/communities/update", &edit, Some(&ben)).await);
}

#[sqlx::test]
async fn messages_history_edits_deletes_replies_reactions_and_mentions(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    ok(&create(&app, &ana, "open-floor", "public").await);
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&ben)).await);
    let channel = general(&pool, "open-floor").await;

    let first = ok(&send(&app, &ana, &channel, "Practica at **nine**, @ben?").await);
    assert!(first["body_html"].as_str().unwrap().contains("<strong>nine</strong>"));
    let first_id = first["id"].as_str().unwrap().to_string();
    let notified: i64 = sqlx::query_scalar(
        "select count(*) from notifications n join members m using (member_id) where m.username = 'ben' and n.kind = 'chat'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(notified, 1, "a mention notifies");
    // @everyone needs the permission: a member's message mentions nobody.
    let all = ok(&send(&app, &ben, &channel, "@everyone hello").await);
    assert_eq!(all["mentions_everyone"], false);

    // A reply carries a quote.
    let reply = app
        .post("/api/chat/send", &[("channel", &channel), ("body", "Yes!"), ("reply_to", &first_id)], Some(&ben))
        .await;
    let reply = ok(&reply);
    assert_eq!(reply["reply"]["author_name"], "ana");
    assert!(reply["reply"]["excerpt"].as_str().unwrap().starts_with("Practica at nine"));

    // Reactions: one of each emoji per member.
    for _ in 0..2 {
        ok(&app.post("/api/chat/react", &[("id", &first_id), ("emoji", "🙏"), ("on", "true")], Some(&ben)).await);
    }
    let m = ok(&app.post("/api/chat/react", &[("id", &first_id), ("emoji", "💃"), ("on", "true")], Some(&ana)).await);
    assert_eq!(m["reactions"][0]["emoji"], "🙏");
    assert_eq!(m["reactions"][0]["count"], 1);
    assert_eq!(m["reactions"][1]["count"], 1);
    let m = ok(&app.post("/api/chat/react", &[("id", &first_id), ("emoji", "🙏"), ("on", "false")], Some(&ben)).await);
    assert_eq!(m["reactions"].as_array().unwrap().len(), 1);
    assert_eq!(
        app.post("/api/chat/react", &[("id", &first_id), ("emoji", "<b>"), ("on", "true")], Some(&ben)).await.status,
        422
    );

    // Edits by the author only, marked; deletes by the author or someone who manages messages.
    assert_eq!(app.post("/api/chat/edit", &[("id", &first_id), ("body", "hijack")], Some(&ben)).await.status, 403);
    let edited = ok(&app.post("/api/chat/edit", &[("id", &first_id), ("body", "Practica at ten")], Some(&ana)).await);
    assert_eq!(edited["edited"], true);
    let ben_msg = all["id"].as_str().unwrap().to_string();
    assert_eq!(app.post("/api/chat/delete", &[("id", &first_id)], Some(&ben)).await.status, 403);
    ok(&app.post("/api/chat/delete", &[("id", &ben_msg)], Some(&ana)).await); // the owner manages messages

    // History: newest page first, oldest first within it, and older pages by number.
    for n in 0..55 {
        sqlx::query(
            "with c as (update chat_channels set last_seq = last_seq + 1 where channel_id = $1 returning last_seq)
             insert into chat_messages (channel_id, seq, author_id, body, body_html)
             select $1, c.last_seq, m.member_id, 'filler ' || $2, '<p>filler</p>' from c, members m where m.username = 'ana'",
        )
        .bind(channel.parse::<uuid::Uuid>().unwrap())
        .bind(n.to_string())
        .execute(&pool)
        .await
        .unwrap();
    }
    let view = ok(&get(&app, &format!("/api/chat/channel?id={channel}"), &ben).await);
    let msgs = view["history"]["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 50);
    assert_eq!(msgs.last().unwrap()["seq"], 58);
    assert_eq!(msgs[0]["seq"], 9);
    let before = view["history"]["before"].as_i64().unwrap();
    let older = ok(&get(&app, &format!("/api/chat/history?id={channel}&before={before}"), &ben).await);
    let seqs: Vec<i64> = older["messages"].as_array().unwrap().iter().map(|m| m["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=8).collect::<Vec<_>>());
    assert!(older["before"].is_null());
    // The deleted message keeps its place, without its text.
    let deleted = older["messages"].as_array().unwrap().iter().find(|m| m["id"] == ben_msg.as_str()).unwrap().clone();
    assert_eq!(deleted["deleted"], true);
    assert_eq!(deleted["body"], "");

    // Search finds words in this channel only.
    let found = ok(&get(&app, &format!("/api/chat/search?channel={channel}&q=ten"), &ben).await);
    assert_eq!(found.as_array().unwrap().len(), 1);
    assert_eq!(found[0]["id"], first_id.as_str());
}

#[sqlx::test]
async fn slow_mode_rate_limit_and_the_filter(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    ok(&create(&app, &ana, "open-floor", "public").await);
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&ben)).await);
    let channel = general(&pool, "open-floor").await;

    // Slow mode: 30 s between one member's messages; the owner is exempt.
    ok(&app
        .post(
            "/api/communities/channels/update",
            &[("channel_id", &channel), ("name", "general"), ("topic", ""), ("slow_mode_secs", "30")],
            Some(&ana),
        )
        .await);
    ok(&send(&app, &ben, &channel, "first").await);
    let slow = send(&app, &ben, &channel, "second").await;
    assert_eq!(slow.status, 422);
    assert!(slow.error().for_field("body").unwrap().contains("Slow mode"));
    ok(&send(&app, &ana, &channel, "one").await);
    ok(&send(&app, &ana, &channel, "two").await);

    // The language filter: "block" refuses, "flag" delivers and queues for moderators.
    let rude = "you are a fucking idiot";
    let refused = send(&app, &ana, &channel, rude).await;
    assert_eq!(refused.status, 422);
    assert!(refused.error().for_field("body").is_some());
    ok(&app
        .post(
            "/api/communities/update",
            &[
                ("slug", "open-floor"),
                ("name", "Open Floor"),
                ("description", ""),
                ("visibility", "public"),
                ("filter_policy", "flag"),
            ],
            Some(&ana),
        )
        .await);
    let flagged = ok(&send(&app, &ana, &channel, rude).await);
    let queue = ok(&get(&app, "/api/chat/flagged?slug=open-floor", &ana).await);
    assert_eq!(queue[0]["message_id"], flagged["id"]);
    assert_eq!(get(&app, "/api/communities/admin?slug=open-floor", &ben).await.status, 403);
    assert_eq!(get(&app, "/api/chat/flagged?slug=open-floor", &ben).await.status, 403);
    ok(&app
        .post(
            "/api/communities/flagged/resolve",
            &[("message_id", flagged["id"].as_str().unwrap()), ("decision", "remove")],
            Some(&ana),
        )
        .await);
    let queue = ok(&get(&app, "/api/chat/flagged?slug=open-floor", &ana).await);
    assert!(queue.as_array().unwrap().is_empty());

    // The per-member rate limit: 20 messages in 30 s across channels.
    ok(&app
        .post(
            "/api/communities/channels/update",
            &[("channel_id", &channel), ("name", "general"), ("topic", ""), ("slow_mode_secs", "0")],
            Some(&ana),
        )
        .await);
    let mut statuses = Vec::new();
    for n in 0..21 {
        statuses.push(send(&app, &ben, &channel, &format!("note {n}")).await.status);
    }
    assert!(statuses.contains(&429), "{statuses:?}");
}

#[sqlx::test]
async fn unread_counts_and_direct_conversations(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    ok(&create(&app, &ana, "open-floor", "public").await);
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&ben)).await);
    let channel = general(&pool, "open-floor").await;
    for body in ["one", "two", "three"] {
        ok(&send(&app, &ben, &channel, body).await);
    }
    let overview = ok(&get(&app, "/api/chat/overview", &ana).await);
    assert_eq!(overview["total_unread"], 3);
    ok(&app.post("/api/chat/read", &[("channel", &channel), ("seq", "3")], Some(&ana)).await);
    assert_eq!(ok(&get(&app, "/api/chat/overview", &ana).await)["total_unread"], 0);

    // One conversation per pair.
    let dm: String =
        serde_json::from_value(ok(&app.post("/api/chat/open", &[("usernames", "ben")], Some(&ana)).await)).unwrap();
    let again: String =
        serde_json::from_value(ok(&app.post("/api/chat/open", &[("usernames", "@ben")], Some(&ana)).await)).unwrap();
    assert_eq!(dm, again);
    ok(&send(&app, &ana, &dm, "just us").await);
    assert_eq!(ok(&get(&app, "/api/chat/overview", &ben).await)["conversations"][0]["unread"], 1);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={dm}"), &cleo).await.status, 403);
    // Groups up to ten.
    let eleven = (0..10).map(|n| format!("m{n:02}x")).collect::<Vec<_>>();
    for name in &eleven {
        sqlx::query(
            "insert into members (username, email, display_name, password_hash)
             select $1, $1 || '@example.org', $1, password_hash from members where username = 'ana'",
        )
        .bind(name)
        .execute(&pool)
        .await
        .unwrap();
    }
    let too_many = app.post("/api/chat/open", &[("usernames", &eleven.join(","))], Some(&ana)).await;
    assert_eq!(too_many.status, 422);
    ok(&app.post("/api/chat/open", &[("usernames", &eleven[..9].join(","))], Some(&ana)).await);
    // Leaving: a group conversation can be left (then it is closed to the leaver, open to the
    // rest); a conversation between two cannot, and outsiders cannot "leave" anything.
    let group: String =
        serde_json::from_value(ok(&app.post("/api/chat/open", &[("usernames", "ben, cleo")], Some(&ana)).await))
            .unwrap();
    ok(&send(&app, &cleo, &group, "hello both").await);
    let dora = app.sign_up("dora").await;
    assert_eq!(app.post("/api/chat/leave", &[("channel", &group)], Some(&dora)).await.status, 403);
    ok(&app.post("/api/chat/leave", &[("channel", &group)], Some(&cleo)).await);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={group}"), &cleo).await.status, 403);
    assert_eq!(send(&app, &cleo, &group, "back?").await.status, 403);
    let members =
        ok(&get(&app, &format!("/api/chat/channel?id={group}"), &ana).await)["dm_members"].as_array().unwrap().len();
    assert_eq!(members, 2);
    ok(&send(&app, &ana, &group, "still here").await);
    assert_eq!(app.post("/api/chat/leave", &[("channel", &dm)], Some(&ana)).await.status, 409);
    // Blocks: no new conversation, and the existing one stops.
    ok(&app.post("/api/people/block", &[("username", "ana"), ("block", "true")], Some(&ben)).await);
    assert_eq!(app.post("/api/chat/open", &[("usernames", "ben")], Some(&ana)).await.status, 422);
    assert_eq!(send(&app, &ana, &dm, "still there?").await.status, 409);
}
