//! A community's posts and events through the server functions: who may write them, who reads
//! them (members, and everyone when the community is public) in every feed, search, the post
//! page and the event lists, and who may run them (manage messages, manage events).

mod common;

use common::{Reply, TestApp};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> Reply {
    app.get_accepting(path, cookie, "application/json").await
}

fn ok(r: &Reply) -> serde_json::Value {
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null)
}

async fn create(app: &TestApp, owner: &str, slug: &str, visibility: &str) {
    ok(&app
        .post(
            "/api/communities/create",
            &[("name", "Circle"), ("slug", slug), ("description", "Practice"), ("visibility", visibility)],
            Some(owner),
        )
        .await);
}

async fn let_in(app: &TestApp, owner: &str, who: &str, username: &str, slug: &str) {
    ok(&app.post("/api/communities/join", &[("slug", slug)], Some(who)).await);
    ok(&app
        .post(
            "/api/communities/requests/decide",
            &[("slug", slug), ("username", username), ("decision", "approve")],
            Some(owner),
        )
        .await);
}

async fn post(app: &TestApp, who: &str, body: &str, visibility: &str) -> Reply {
    app.post("/api/feed/post/create", &[("body", body), ("visibility", visibility), ("chakra", "auto")], Some(who))
        .await
}

/// The bodies of the posts in a feed, as `who` sees it.
async fn feed(app: &TestApp, feed: &str, who: Option<&str>) -> Vec<String> {
    let page = ok(&get(app, &format!("/api/feed/page?feed={feed}"), who).await);
    page["posts"].as_array().unwrap().iter().map(|p| p["body_html"].as_str().unwrap().to_string()).collect()
}

fn has(feed: &[String], text: &str) -> bool {
    feed.iter().any(|b| b.contains(text))
}

async fn make_moderator(app: &TestApp, pool: &PgPool, owner: &str, slug: &str, username: &str) {
    let role: uuid::Uuid = sqlx::query_scalar(
        "select r.role_id from community_roles r join communities c using (community_id) where c.slug = $1 and r.kind = 'moderator'",
    )
    .bind(slug)
    .fetch_one(pool)
    .await
    .unwrap();
    ok(&app
        .post(
            "/api/communities/roles/assign",
            &[("slug", slug), ("username", username), ("role_id", &role.to_string()), ("on", "true")],
            Some(owner),
        )
        .await);
}

#[sqlx::test]
async fn community_posts_are_read_by_members_or_everyone_when_public(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    create(&app, &ana, "quiet-circle", "private").await;
    create(&app, &ana, "open-floor", "public").await;
    let_in(&app, &ana, &ben, "ben", "quiet-circle").await;
    // Cleo follows Ana: following does not open a private community's posts.
    ok(&app.post("/api/feed/follow", &[("username", "ana"), ("follow", "true")], Some(&cleo)).await);

    let secret = ok(&post(&app, &ana, "Sunrise sit tomorrow, hello @ben and @cleo", "community:quiet-circle").await);
    let secret = secret.as_str().unwrap().to_string();
    let open = ok(&post(&app, &ana, "Open practica notes for everyone", "community:open-floor").await);
    let open = open.as_str().unwrap().to_string();

    // Members read it on the community, at home and on its page, with its community named.
    assert!(has(&feed(&app, "community:quiet-circle", Some(&ben)).await, "Sunrise sit"));
    assert!(has(&feed(&app, "home", Some(&ben)).await, "Sunrise sit"));
    let page = ok(&get(&app, &format!("/api/feed/post?id={secret}"), Some(&ben)).await);
    assert_eq!(page["post"]["community"]["slug"], "quiet-circle");
    assert_eq!(page["post"]["visibility"], "Community");
    // Others read nothing of it: not the post, the community feed, home, everyone, the tag or search.
    assert_eq!(get(&app, &format!("/api/feed/post?id={secret}"), Some(&cleo)).await.status, 404);
    assert_eq!(get(&app, &format!("/api/feed/post?id={secret}"), None).await.status, 404);
    assert!(feed(&app, "community:quiet-circle", Some(&cleo)).await.is_empty());
    assert!(!has(&feed(&app, "home", Some(&cleo)).await, "Sunrise sit"));
    assert!(!has(&feed(&app, "everyone", Some(&cleo)).await, "Sunrise sit"));
    let found = ok(&get(&app, "/api/search?q=sunrise", Some(&cleo)).await);
    assert_eq!(found["posts"].as_array().unwrap().len(), 0);
    let found = ok(&get(&app, "/api/search?q=sunrise", Some(&ben)).await);
    assert_eq!(found["posts"].as_array().unwrap().len(), 1);
    // Nor can they comment on it or engage with it.
    let r = app.post("/api/feed/comment", &[("id", &secret), ("body", "Me too")], Some(&cleo)).await;
    assert_eq!(r.status, 404);
    // Only the member who can read it is told about the mention.
    let told: Vec<String> = sqlx::query_scalar(
        "select m.username from notifications n join members m using (member_id) where n.kind = 'mention' order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(told, ["ben"]);

    // A public community's posts are read by anyone, but reach home feeds of members (and followers).
    assert_eq!(get(&app, &format!("/api/feed/post?id={open}"), None).await.status, 200);
    assert!(has(&feed(&app, "community:open-floor", None).await, "Open practica"));
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&ben)).await);
    assert!(has(&feed(&app, "home", Some(&ben)).await, "Open practica"));

    // Leaving closes the private community again.
    ok(&app.post("/api/communities/leave", &[("slug", "quiet-circle")], Some(&ben)).await);
    assert_eq!(get(&app, &format!("/api/feed/post?id={secret}"), Some(&ben)).await.status, 404);
    assert!(!has(&feed(&app, "home", Some(&ben)).await, "Sunrise sit"));
}

#[sqlx::test]
async fn only_members_who_may_send_post_and_community_posts_stay_put(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    create(&app, &ana, "open-floor", "public").await;

    // Outsiders, unknown communities and timed-out members are refused at the visibility field.
    let r = post(&app, &cleo, "Let me in", "community:open-floor").await;
    assert_eq!(r.status, 422);
    assert!(r.error().for_field("visibility").is_some());
    let r = post(&app, &cleo, "Nowhere", "community:no-such-place").await;
    assert!(r.error().for_field("visibility").is_some());
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&ben)).await);
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&cleo)).await);
    ok(&app
        .post(
            "/api/communities/members/timeout",
            &[("slug", "open-floor"), ("username", "cleo"), ("minutes", "10")],
            Some(&ana),
        )
        .await);
    let r = post(&app, &cleo, "Still here", "community:open-floor").await;
    assert!(r.error().for_field("visibility").unwrap().contains("timeout"));
    // The list of communities the composer offers follows the same rule.
    let offered = ok(&get(&app, "/api/feed/composer?in_community=false", Some(&ben)).await);
    assert_eq!(offered["communities"][0]["slug"], "open-floor");
    assert_eq!(offered["energy"]["balance"], 1000);
    let offered = ok(&get(&app, "/api/feed/composer?in_community=false", Some(&cleo)).await);
    assert_eq!(offered["communities"], serde_json::json!([]));

    let id = ok(&post(&app, &ben, "Who has the key to the studio?", "community:open-floor").await);
    let id = id.as_str().unwrap().to_string();
    // A community post stays in its community when edited.
    let r = app
        .post(
            "/api/feed/post/edit",
            &[("id", &id), ("body", "Found the key"), ("visibility", "public"), ("chakra", "auto")],
            Some(&ben),
        )
        .await;
    assert!(r.error().for_field("visibility").is_some());
    ok(&app
        .post(
            "/api/feed/post/edit",
            &[("id", &id), ("body", "Found the key"), ("visibility", "community:open-floor"), ("chakra", "auto")],
            Some(&ben),
        )
        .await);

    // Removing it takes the author, or manage messages in the community.
    let dave = app.sign_up("dave").await;
    ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(&dave)).await);
    assert_eq!(app.post("/api/feed/post/delete", &[("id", &id)], Some(&dave)).await.status, 403);
    let page = ok(&get(&app, &format!("/api/feed/post?id={id}"), Some(&dave)).await);
    assert_eq!(page["community_can_remove"], false);
    make_moderator(&app, &pool, &ana, "open-floor", "dave").await;
    let page = ok(&get(&app, &format!("/api/feed/post?id={id}"), Some(&dave)).await);
    assert_eq!(page["community_can_remove"], true);
    ok(&app.post("/api/feed/post/delete", &[("id", &id)], Some(&dave)).await);
    assert_eq!(get(&app, &format!("/api/feed/post?id={id}"), Some(&ben)).await.status, 404);
}

fn event_fields<'a>(title: &'a str, community: &'a str, start: &'a str, end: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("event[title]", title),
        ("event[event_type]", "practica"),
        ("event[starts_local]", start),
        ("event[ends_local]", end),
        ("event[time_zone]", "Europe/London"),
        ("event[mode]", "in_person"),
        ("event[venue]", "Studio"),
        ("event[city]", "London"),
        ("event[status]", "published"),
        ("event[community]", community),
        ("event[repeat]", "none"),
    ]
}

#[sqlx::test]
async fn community_events_are_run_by_event_managers_and_read_like_its_posts(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    create(&app, &ana, "quiet-circle", "private").await;
    let_in(&app, &ana, &ben, "ben", "quiet-circle").await;
    let day = (chrono::Utc::now() + chrono::Duration::days(5)).format("%Y-%m-%d").to_string();
    let (start, end) = (format!("{day}T19:00"), format!("{day}T21:00"));

    // The owner holds manage events; a plain member does not, and neither does an outsider.
    let r = app
        .post("/api/events/create", &event_fields("Members' practica", "quiet-circle", &start, &end), Some(&ben))
        .await;
    assert_eq!(r.status, 422);
    assert!(r.error().for_field("community").is_some());
    let r = app.post("/api/events/create", &event_fields("Gatecrash", "quiet-circle", &start, &end), Some(&cleo)).await;
    assert!(r.error().for_field("community").is_some());
    let id = ok(&app
        .post("/api/events/create", &event_fields("Members' practica", "quiet-circle", &start, &end), Some(&ana))
        .await);
    let id = id.as_str().unwrap().to_string();
    // A personal event with no community is anyone's to read, as before.
    ok(&app.post("/api/events/create", &event_fields("Open milonga", "", &start, &end), Some(&cleo)).await);

    // Members read it and find it by community; outsiders get nothing, not even by RSVP.
    let e = ok(&get(&app, &format!("/api/events/get?id={id}"), Some(&ben)).await);
    assert_eq!(e["community"]["slug"], "quiet-circle");
    assert_eq!(e["is_organizer"], false);
    assert_eq!(get(&app, &format!("/api/events/get?id={id}"), Some(&cleo)).await.status, 404);
    assert_eq!(get(&app, &format!("/api/events/get?id={id}"), None).await.status, 404);
    let r = app.post("/api/events/rsvp", &[("id", &id), ("status", "going")], Some(&cleo)).await;
    assert_eq!(r.status, 404);
    ok(&app.post("/api/events/rsvp", &[("id", &id), ("status", "going")], Some(&ben)).await);
    let titles = |v: serde_json::Value| -> Vec<String> {
        v["events"].as_array().unwrap().iter().map(|e| e["title"].as_str().unwrap().to_string()).collect()
    };
    let listed = titles(ok(&get(&app, "/api/events/list?filters[community]=quiet-circle", Some(&ben)).await));
    assert_eq!(listed, ["Members' practica"]);
    assert!(titles(ok(&get(&app, "/api/events/list?filters[community]=quiet-circle", Some(&cleo)).await)).is_empty());
    let everything = titles(ok(&get(&app, "/api/events/list?filters[community]=", Some(&cleo)).await));
    assert_eq!(everything, ["Open milonga"]);
    let r = get(&app, "/api/events/list?filters[community]=nowhere", Some(&ben)).await;
    assert!(r.error().for_field("community").is_some());

    // Manage events lets a member run the community's events: edit and cancel.
    let edit = |title: &'static str| {
        let mut f = event_fields(title, "quiet-circle", &start, &end);
        f.push(("id", &id));
        f
    };
    assert_eq!(app.post("/api/events/update", &edit("Renamed"), Some(&ben)).await.status, 403);
    make_moderator(&app, &pool, &ana, "quiet-circle", "ben").await;
    assert_eq!(ok(&get(&app, &format!("/api/events/get?id={id}"), Some(&ben)).await)["is_organizer"], true);
    ok(&app.post("/api/events/update", &edit("Members' practica, longer"), Some(&ben)).await);
    ok(&app.post("/api/events/cancel", &[("id", &id), ("scope", "one")], Some(&ben)).await);
    let status: String = sqlx::query_scalar("select status::text from events where event_id = $1::uuid")
        .bind(&id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");
    // Moving an event into a community needs manage events there too.
    create(&app, &cleo, "cleos-place", "public").await;
    let r = app
        .post(
            "/api/events/update",
            &{
                let mut f = event_fields("Elsewhere", "cleos-place", &start, &end);
                f.push(("id", &id));
                f
            },
            Some(&ana),
        )
        .await;
    assert!(r.error().for_field("community").is_some());
}
