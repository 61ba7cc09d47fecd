//! Who may manage what in a community, through the server functions: outsiders and plain
//! members are refused by every management function; managing a channel takes the permission
//! in that very channel; overrides and roles hand out only what the actor holds, to targets
//! ranking below them; a ban closes even a public community; mentions reach only those who see
//! the channel; edits notify newly mentioned members; blocks apply inside group conversations.

mod common;

use common::{Reply, TestApp};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

async fn get(app: &TestApp, path: &str, cookie: &str) -> Reply {
    app.get_accepting(path, Some(cookie), "application/json").await
}

fn ok(r: &Reply) -> serde_json::Value {
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null)
}

/// Asserts a refusal with a message next to `field`.
fn refused(r: &Reply, field: &str) {
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.error().for_field(field).is_some(), "no message for {field}: {}", r.body);
}

async fn create(app: &TestApp, owner: &str, slug: &str, visibility: &str) {
    ok(&app
        .post(
            "/api/communities/create",
            &[("name", "Circle"), ("slug", slug), ("description", ""), ("visibility", visibility)],
            Some(owner),
        )
        .await);
}

async fn channel_named(pool: &PgPool, slug: &str, name: &str) -> String {
    let id: Uuid = sqlx::query_scalar(
        "select ch.channel_id from chat_channels ch join communities c using (community_id) where c.slug = $1 and ch.name = $2",
    )
    .bind(slug)
    .bind(name)
    .fetch_one(pool)
    .await
    .unwrap();
    id.to_string()
}

async fn role_named(pool: &PgPool, slug: &str, name: &str) -> String {
    let id: Uuid = sqlx::query_scalar(
        "select r.role_id from community_roles r join communities c using (community_id) where c.slug = $1 and r.name = $2",
    )
    .bind(slug)
    .bind(name)
    .fetch_one(pool)
    .await
    .unwrap();
    id.to_string()
}

async fn new_channel(app: &TestApp, owner: &str, slug: &str, name: &str) -> String {
    serde_json::from_value(ok(&app
        .post(
            "/api/communities/channels/create",
            &[("slug", slug), ("name", name), ("topic", ""), ("slow_mode_secs", "0")],
            Some(owner),
        )
        .await))
    .unwrap()
}

async fn new_role(app: &TestApp, owner: &str, slug: &str, name: &str, perms: &[&str]) -> String {
    let keys: Vec<String> = perms.iter().map(|p| format!("perms[{p}]")).collect();
    let mut form = vec![("slug", slug), ("name", name), ("colour", "#336699")];
    form.extend(keys.iter().map(|k| (k.as_str(), "on")));
    ok(&app.post("/api/communities/roles/create", &form, Some(owner)).await);
    role_named(&app.pool, slug, name).await
}

async fn assign(app: &TestApp, by: &str, slug: &str, username: &str, role: &str) -> Reply {
    app.post(
        "/api/communities/roles/assign",
        &[("slug", slug), ("username", username), ("role_id", role), ("on", "true")],
        Some(by),
    )
    .await
}

async fn set_override(app: &TestApp, by: &str, channel: &str, target: &str, perms: &[(&str, &str)]) -> Reply {
    let keys: Vec<(String, &str)> = perms.iter().map(|(p, v)| (format!("perms[{p}]"), *v)).collect();
    let mut form = vec![("channel_id", channel), ("target", target)];
    form.extend(keys.iter().map(|(k, v)| (k.as_str(), *v)));
    app.post("/api/communities/channels/override", &form, Some(by)).await
}

async fn rename(app: &TestApp, by: &str, channel: &str, name: &str) -> Reply {
    let form = [("channel_id", channel), ("name", name), ("topic", ""), ("slow_mode_secs", "0")];
    app.post("/api/communities/channels/update", &form, Some(by)).await
}

async fn send(app: &TestApp, who: &str, channel: &str, body: &str) -> Reply {
    app.post("/api/chat/send", &[("channel", channel), ("body", body)], Some(who)).await
}

async fn notifications(pool: &PgPool, username: &str) -> i64 {
    sqlx::query_scalar(
        "select count(*) from notifications n join members m using (member_id) where m.username = $1 and n.kind = 'chat'",
    )
    .bind(username)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn outsiders_and_plain_members_get_403_from_every_management_function(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let eve = app.sign_up("eve").await;
    app.sign_up("cleo").await;
    create(&app, &ana, "quiet-circle", "private").await;
    // Ben is a plain member (by invite); Cleo asks to join; Eve is nobody here.
    let code: String = serde_json::from_value(ok(&app
        .post(
            "/api/communities/invites/create",
            &[("slug", "quiet-circle"), ("expires_hours", ""), ("max_uses", "")],
            Some(&ana),
        )
        .await))
    .unwrap();
    ok(&app.post("/api/communities/invites/accept", &[("code", &code)], Some(&ben)).await);
    let general = channel_named(&pool, "quiet-circle", "general").await;
    let role = new_role(&app, &ana, "quiet-circle", "Stewards", &["view"]).await;
    let message = ok(&send(&app, &ana, &general, "members only").await)["id"].as_str().unwrap().to_string();
    let dm: String =
        serde_json::from_value(ok(&app.post("/api/chat/open", &[("usernames", "ana, cleo")], Some(&ben)).await))
            .unwrap();

    let s = "quiet-circle";
    let calls: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/api/communities/update",
            vec![
                ("slug", s),
                ("name", "Mine"),
                ("description", ""),
                ("visibility", "public"),
                ("filter_policy", "flag"),
            ],
        ),
        ("/api/communities/requests/decide", vec![("slug", s), ("username", "cleo"), ("decision", "approve")]),
        ("/api/communities/invites/create", vec![("slug", s), ("expires_hours", ""), ("max_uses", "")]),
        ("/api/communities/invites/revoke", vec![("code", &code)]),
        ("/api/communities/members/kick", vec![("slug", s), ("username", "ana")]),
        ("/api/communities/members/ban", vec![("slug", s), ("username", "cleo"), ("reason", "")]),
        ("/api/communities/members/unban", vec![("slug", s), ("username", "cleo")]),
        ("/api/communities/members/timeout", vec![("slug", s), ("username", "cleo"), ("minutes", "10")]),
        ("/api/communities/transfer", vec![("slug", s), ("username", "ben")]),
        ("/api/communities/roles/create", vec![("slug", s), ("name", "Mine"), ("colour", "#112233")]),
        ("/api/communities/roles/update", vec![("role_id", &role), ("name", "Mine"), ("colour", "#112233")]),
        ("/api/communities/roles/delete", vec![("role_id", &role)]),
        ("/api/communities/roles/move", vec![("role_id", &role), ("direction", "up")]),
        ("/api/communities/roles/assign", vec![("slug", s), ("username", "ben"), ("role_id", &role), ("on", "true")]),
        (
            "/api/communities/channels/create",
            vec![("slug", s), ("name", "mine"), ("topic", ""), ("slow_mode_secs", "0")],
        ),
        (
            "/api/communities/channels/update",
            vec![("channel_id", &general), ("name", "mine"), ("topic", ""), ("slow_mode_secs", "0")],
        ),
        ("/api/communities/channels/move", vec![("channel_id", &general), ("direction", "up")]),
        ("/api/communities/channels/delete", vec![("channel_id", &general)]),
        ("/api/communities/channels/override", vec![("channel_id", &general), ("target", "member:ben")]),
        ("/api/communities/flagged/resolve", vec![("message_id", &message), ("decision", "remove")]),
    ];
    for (who, cookie) in [("eve", &eve), ("ben", &ben)] {
        for (path, form) in &calls {
            let r = app.post(path, form, Some(cookie)).await;
            assert_eq!(r.status, 403, "{who} {path}: {}", r.body);
        }
        assert_eq!(get(&app, "/api/communities/admin?slug=quiet-circle", cookie).await.status, 403, "{who} admin");
    }
    // A conversation someone is not in cannot be left, read or written to by them.
    assert_eq!(app.post("/api/chat/leave", &[("channel", &dm)], Some(&eve)).await.status, 403);
    assert_eq!(get(&app, &format!("/api/chat/channel?id={dm}"), &eve).await.status, 403);
    assert_eq!(send(&app, &eve, &dm, "hi").await.status, 403);
    // Nothing changed: still Ana's, still private, the message and channel still there.
    let row: (String, String) = sqlx::query_as(
        "select m.username, c.visibility from communities c join members m on m.member_id = c.owner_id where c.slug = 'quiet-circle'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(row, ("ana".into(), "private".into()));
    ok(&get(&app, &format!("/api/chat/channel?id={general}"), &ana).await);
}

#[sqlx::test]
async fn managing_a_channel_takes_the_permission_in_that_channel(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    app.sign_up("eve").await;
    create(&app, &ana, "studio", "public").await;
    for who in [&ben, &cleo] {
        ok(&app.post("/api/communities/join", &[("slug", "studio")], Some(who)).await);
    }
    let general = channel_named(&pool, "studio", "general").await;
    let teachers = new_channel(&app, &ana, "studio", "teachers").await;
    let stewards =
        new_role(&app, &ana, "studio", "Stewards", &["view", "send", "manage_channels", "manage_roles"]).await;
    ok(&assign(&app, &ana, "studio", "ben", &stewards).await);
    let everyone = format!("role:{}", role_named(&pool, "studio", "@everyone").await);
    // #teachers is hidden from the Stewards.
    ok(&set_override(&app, &ana, &teachers, &format!("role:{stewards}"), &[("view", "deny")]).await);

    // In #general Ben manages; #teachers he cannot see, so he cannot touch it either.
    ok(&rename(&app, &ben, &general, "lobby").await);
    assert_eq!(rename(&app, &ben, &teachers, "mine").await.status, 403);
    assert_eq!(
        app.post("/api/communities/channels/delete", &[("channel_id", &teachers)], Some(&ben)).await.status,
        403
    );
    assert_eq!(set_override(&app, &ben, &teachers, &everyone, &[("view", "allow")]).await.status, 403);
    assert_eq!(set_override(&app, &ben, &teachers, "member:ben", &[("view", "allow")]).await.status, 403);
    // The settings page does not list it for him.
    let admin = ok(&get(&app, "/api/communities/admin?slug=studio", &ben).await);
    let listed: Vec<String> = admin["channels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["entry"]["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(listed, ["lobby"]);

    // Overrides hand out only what he holds in the channel…
    let r = set_override(&app, &ben, &general, &everyone, &[("ban", "allow")]).await;
    refused(&r, "permissions");
    let r = set_override(&app, &ben, &general, "member:cleo", &[("manage_events", "allow")]).await;
    refused(&r, "permissions");
    ok(&set_override(&app, &ben, &general, "member:cleo", &[("send", "deny")]).await);
    assert_eq!(send(&app, &cleo, &general, "hello?").await.status, 403);
    ok(&set_override(&app, &ben, &general, "member:cleo", &[]).await);
    ok(&send(&app, &cleo, &general, "hello again").await);
    // …and an override he could not have made himself he cannot undo.
    ok(&set_override(&app, &ana, &general, &everyone, &[("attach", "deny")]).await);
    let r = set_override(&app, &ben, &general, &everyone, &[]).await;
    refused(&r, "permissions");

    // …to roles below his own (@everyone always is) and members below him, never the owner,
    // nor someone who is not a member.
    let r = set_override(&app, &ben, &general, &format!("role:{stewards}"), &[("send", "deny")]).await;
    refused(&r, "target");
    let r = set_override(&app, &ben, &general, "member:ana", &[("send", "deny")]).await;
    refused(&r, "target");
    let r = set_override(&app, &ben, &general, "member:eve", &[("view", "deny")]).await;
    refused(&r, "target");
    ok(&set_override(&app, &ben, &general, &everyone, &[("attach", "deny"), ("react", "deny")]).await);

    // The owner may do anything.
    ok(&set_override(&app, &ana, &teachers, &everyone, &[("view", "deny")]).await);
    ok(&app.post("/api/communities/channels/delete", &[("channel_id", &teachers)], Some(&ana)).await);
}

#[sqlx::test]
async fn roles_hand_out_only_permissions_the_actor_holds(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    create(&app, &ana, "studio", "public").await;
    for who in [&ben, &cleo] {
        ok(&app.post("/api/communities/join", &[("slug", "studio")], Some(who)).await);
    }
    // Made first, so they rank below the Stewards.
    let wardens = new_role(&app, &ana, "studio", "Wardens", &["view", "send", "ban"]).await;
    let helpers = new_role(&app, &ana, "studio", "Helpers", &["view", "send", "react"]).await;
    let stewards = new_role(&app, &ana, "studio", "Stewards", &["view", "send", "react", "manage_roles"]).await;
    ok(&assign(&app, &ana, "studio", "ben", &stewards).await);

    // A role carrying "ban", which Ben lacks: not to Cleo, not to himself.
    let r = assign(&app, &ben, "studio", "cleo", &wardens).await;
    refused(&r, "role_id");
    let r = assign(&app, &ben, "studio", "ben", &wardens).await;
    refused(&r, "role_id");
    let held: i64 = sqlx::query_scalar("select count(*) from community_member_roles where role_id = $1::uuid")
        .bind(&wardens)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(held, 0);
    // One within what he holds: yes. The members page offers only those.
    ok(&assign(&app, &ben, "studio", "cleo", &helpers).await);
    let page = ok(&get(&app, "/api/communities/members?slug=studio", &ben).await);
    let offered: Vec<&str> =
        page["assignable"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(offered, ["Helpers"]);
    // Nor can he create or widen a role past what he holds.
    let r = app
        .post(
            "/api/communities/roles/create",
            &[("slug", "studio"), ("name", "Mine"), ("colour", "#112233"), ("perms[kick]", "on")],
            Some(&ben),
        )
        .await;
    refused(&r, "permissions");
    let r = app
        .post(
            "/api/communities/roles/update",
            &[
                ("role_id", &helpers),
                ("name", "Helpers"),
                ("colour", "#112233"),
                ("perms[view]", "on"),
                ("perms[ban]", "on"),
            ],
            Some(&ben),
        )
        .await;
    refused(&r, "permissions");
    // The owner gives anything.
    ok(&assign(&app, &ana, "studio", "cleo", &wardens).await);
}

#[sqlx::test]
async fn a_ban_closes_even_a_public_community(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let cleo = app.sign_up("cleo").await;
    let dora = app.sign_up("dora").await;
    create(&app, &ana, "open-floor", "public").await;
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&cleo)).await);
    let general = channel_named(&pool, "open-floor", "general").await;
    ok(&send(&app, &ana, &general, "welcome").await);
    // Visitors read a public community's channels.
    ok(&get(&app, &format!("/api/chat/channel?id={general}"), &dora).await);
    ok(&app
        .post(
            "/api/communities/members/ban",
            &[("slug", "open-floor"), ("username", "cleo"), ("reason", "spam")],
            Some(&ana),
        )
        .await);
    // Someone banned does not, by any function.
    assert_eq!(get(&app, &format!("/api/chat/channel?id={general}"), &cleo).await.status, 403);
    assert_eq!(get(&app, &format!("/api/chat/history?id={general}&before=10"), &cleo).await.status, 403);
    assert_eq!(get(&app, &format!("/api/chat/search?channel={general}&q=welcome"), &cleo).await.status, 403);
    let page = ok(&get(&app, "/api/communities/get?slug=open-floor", &cleo).await);
    assert_eq!(page["channels"].as_array().unwrap().len(), 0, "{page}");
    let (community, cleo_id): (Uuid, Uuid) = sqlx::query_as(
        "select (select community_id from communities where slug = 'open-floor'), (select member_id from members where username = 'cleo')",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!(!kindred::communities::repo::readable(&pool, community, Some(cleo_id)).await.unwrap());
    // Unbanned, she reads it again as any visitor.
    ok(&app.post("/api/communities/members/unban", &[("slug", "open-floor"), ("username", "cleo")], Some(&ana)).await);
    ok(&get(&app, &format!("/api/chat/channel?id={general}"), &cleo).await);
    assert!(kindred::communities::repo::readable(&pool, community, Some(cleo_id)).await.unwrap());
}

#[sqlx::test]
async fn mentions_reach_only_members_who_see_the_channel(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    let dora = app.sign_up("dora").await;
    create(&app, &ana, "studio", "public").await;
    for who in [&ben, &cleo, &dora] {
        ok(&app.post("/api/communities/join", &[("slug", "studio")], Some(who)).await);
    }
    let staff = new_channel(&app, &ana, "studio", "staff").await;
    let everyone = format!("role:{}", role_named(&pool, "studio", "@everyone").await);
    ok(&set_override(&app, &ana, &staff, &everyone, &[("view", "deny")]).await);
    ok(&set_override(&app, &ana, &staff, "member:ben", &[("view", "allow")]).await);
    ok(&set_override(&app, &ana, &staff, "member:dora", &[("view", "allow")]).await);

    // Ben and Cleo by name, everyone else by @everyone: Cleo cannot see #staff, so is not told.
    ok(&send(&app, &ana, &staff, "@ben @cleo the rota is up, @everyone").await);
    assert_eq!(notifications(&pool, "ben").await, 1);
    assert_eq!(notifications(&pool, "dora").await, 1);
    assert_eq!(notifications(&pool, "cleo").await, 0);
    assert_eq!(notifications(&pool, "ana").await, 0);

    // An edit tells only who it mentions for the first time.
    let m = ok(&send(&app, &ben, &staff, "thanks").await)["id"].as_str().unwrap().to_string();
    ok(&app.post("/api/chat/edit", &[("id", &m), ("body", "thanks @dora @cleo")], Some(&ben)).await);
    assert_eq!(notifications(&pool, "dora").await, 2);
    assert_eq!(notifications(&pool, "cleo").await, 0);
    ok(&app.post("/api/chat/edit", &[("id", &m), ("body", "thanks @dora!")], Some(&ben)).await);
    assert_eq!(notifications(&pool, "dora").await, 2);
    // A deleted message cannot be edited back.
    ok(&app.post("/api/chat/delete", &[("id", &m)], Some(&ben)).await);
    assert_eq!(app.post("/api/chat/edit", &[("id", &m), ("body", "back")], Some(&ben)).await.status, 403);
    let body: String = sqlx::query_scalar("select body from chat_messages where message_id = $1::uuid")
        .bind(&m)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(body, "");
}

#[sqlx::test]
async fn blocks_apply_inside_group_conversations(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    app.sign_up("dan").await;
    // A group with all four, then Ben blocks Cleo.
    let group: String =
        serde_json::from_value(ok(&app.post("/api/chat/open", &[("usernames", "ben, cleo, dan")], Some(&ana)).await))
            .unwrap();
    ok(&send(&app, &ben, &group, "hi all").await);
    ok(&app.post("/api/people/block", &[("username", "cleo"), ("block", "true")], Some(&ben)).await);
    // Neither writes where the other reads; the rest carry on.
    let r = send(&app, &ben, &group, "still here").await;
    assert_eq!(r.status, 409, "{}", r.body);
    assert_eq!(send(&app, &cleo, &group, "me too").await.status, 409);
    ok(&send(&app, &ana, &group, "carry on").await);
    // A new group with both is refused, whoever starts it.
    let r = app.post("/api/chat/open", &[("usernames", "ben, cleo")], Some(&ana)).await;
    refused(&r, "usernames");
    ok(&app.post("/api/chat/open", &[("usernames", "ben, dan")], Some(&ana)).await);
    // Once Cleo leaves, Ben writes again.
    ok(&app.post("/api/chat/leave", &[("channel", &group)], Some(&cleo)).await);
    ok(&send(&app, &ben, &group, "back again").await);
}
