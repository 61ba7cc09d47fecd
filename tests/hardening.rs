//! Gaps a security review found (issue 19), each with the test that fails without its fix:
//! timeouts reach comments and reactions, community moderators remove comments, organisers see
//! only the emails attendees chose to share, and "this and following" checks every date.

mod common;

use common::{Reply, TestApp};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

fn ok(r: &Reply) -> serde_json::Value {
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or(serde_json::Value::Null)
}

async fn get(app: &TestApp, path: &str, cookie: Option<&str>) -> Reply {
    app.get_accepting(path, cookie, "application/json").await
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

fn days_ahead(days: i64, hour: u32) -> String {
    let day = (chrono::Utc::now() + chrono::Duration::days(days)).format("%Y-%m-%d");
    format!("{day}T{hour:02}:00")
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
async fn a_timeout_stops_comments_reactions_and_event_comments_and_moderators_remove_comments(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    let dora = app.sign_up("dora").await;
    ok(&app
        .post(
            "/api/communities/create",
            &[("name", "Open floor"), ("slug", "open-floor"), ("description", "Practice"), ("visibility", "public")],
            Some(&ana),
        )
        .await);
    for who in [&ben, &cleo, &dora] {
        ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(who)).await);
    }
    let post = ok(&app
        .post(
            "/api/feed/post/create",
            &[("body", "Practica notes"), ("visibility", "community:open-floor"), ("chakra", "auto")],
            Some(&ana),
        )
        .await);
    let post = post.as_str().unwrap().to_string();
    let (start, end) = (days_ahead(4, 19), days_ahead(4, 21));
    let event = ok(&app
        .post("/api/events/create", &event_fields("Open practica", "open-floor", &start, &end), Some(&ana))
        .await);
    let event = event.as_str().unwrap().to_string();

    // Before the timeout cleo takes part like anyone.
    ok(&app.post("/api/feed/comment", &[("id", &post), ("body", "Lovely")], Some(&cleo)).await);
    ok(&app
        .post(
            "/api/communities/members/timeout",
            &[("slug", "open-floor"), ("username", "cleo"), ("minutes", "30")],
            Some(&ana),
        )
        .await);

    // In a timeout she still reads, but neither comments nor reacts, here or under its events.
    ok(&get(&app, &format!("/api/feed/post?id={post}"), Some(&cleo)).await);
    let r = app.post("/api/feed/comment", &[("id", &post), ("body", "Still me")], Some(&cleo)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.body.contains("timeout"), "the reason is given: {}", r.body);
    let r = app.post("/api/feed/engage", &[("id", &post), ("kind", "like")], Some(&cleo)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    let r = app.post("/api/events/comment", &[("id", &event), ("body", "Count me in")], Some(&cleo)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    // Others are not affected.
    ok(&app.post("/api/feed/engage", &[("id", &post), ("kind", "like")], Some(&ben)).await);
    ok(&app.post("/api/events/comment", &[("id", &event), ("body", "See you")], Some(&ben)).await);
    let after: i64 = sqlx::query_scalar(
        "select count(*) from comments c join members m on m.member_id = c.author_id where m.username = 'cleo'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(after, 1, "only the comment from before the timeout");

    // A member holding "manage messages" removes a comment under the community's post; a plain
    // member cannot.
    let comment = ok(&app.post("/api/feed/comment", &[("id", &post), ("body", "Off topic")], Some(&ben)).await);
    let comment = comment.as_str().unwrap().to_string();
    let r = app.post("/api/feed/comment/delete", &[("id", &comment)], Some(&dora)).await;
    assert_eq!(r.status, 403, "{}", r.body);
    make_moderator(&app, &pool, &ana, "open-floor", "dora").await;
    let thread = ok(&get(&app, &format!("/api/feed/post?id={post}"), Some(&dora)).await);
    assert_eq!(thread["community_can_remove"], true);
    ok(&app.post("/api/feed/comment/delete", &[("id", &comment)], Some(&dora)).await);
    let left: i64 = sqlx::query_scalar("select count(*) from comments where comment_id = $1::uuid")
        .bind(&comment)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[sqlx::test]
async fn organisers_see_only_the_emails_attendees_chose_to_share(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let org = app.sign_up("organiser").await;
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let (start, end) = (days_ahead(6, 20), days_ahead(6, 23));
    let event = ok(&app.post("/api/events/create", &event_fields("Milonga", "", &start, &end), Some(&org)).await);
    let event = event.as_str().unwrap().to_string();

    // Sharing needs an answer first.
    let r = app.post("/api/events/share-email", &[("id", &event), ("share", "on")], Some(&ana)).await;
    assert_eq!(r.status, 409, "{}", r.body);
    ok(&app.post("/api/events/rsvp", &[("id", &event), ("status", "going")], Some(&ana)).await);
    ok(&app.post("/api/events/rsvp", &[("id", &event), ("status", "going")], Some(&ben)).await);

    let csv = app.get(&format!("/events/{event}/attendees.csv"), Some(&org)).await;
    assert_eq!(csv.status, 200);
    assert!(csv.body.contains("\"ana\""), "{}", csv.body);
    assert!(!csv.body.contains("@example.org"), "nobody shared an email yet: {}", csv.body);

    ok(&app.post("/api/events/share-email", &[("id", &event), ("share", "on")], Some(&ana)).await);
    let detail = ok(&get(&app, &format!("/api/events/get?id={event}"), Some(&ana)).await);
    assert_eq!(detail["shares_email"], true);
    let csv = app.get(&format!("/events/{event}/attendees.csv"), Some(&org)).await;
    assert!(csv.body.contains("ana@example.org"), "{}", csv.body);
    assert!(!csv.body.contains("ben@example.org"), "{}", csv.body);
    let list = ok(&get(&app, &format!("/api/events/attendees?id={event}"), Some(&org)).await);
    let emails: Vec<serde_json::Value> =
        list["attendees"].as_array().unwrap().iter().map(|a| a["email"].clone()).collect();
    assert!(emails.contains(&serde_json::json!("ana@example.org")));
    assert!(emails.contains(&serde_json::Value::Null));

    // And stops sharing.
    ok(&app.post("/api/events/share-email", &[("id", &event)], Some(&ana)).await);
    let csv = app.get(&format!("/events/{event}/attendees.csv"), Some(&org)).await;
    assert!(!csv.body.contains("@example.org"), "{}", csv.body);
}

#[sqlx::test]
async fn this_and_following_checks_every_date_it_touches(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let org = app.sign_up("organiser").await;
    let helper = app.sign_up("helper").await;
    let (start, end) = (days_ahead(3, 19), days_ahead(3, 21));
    let mut fields = event_fields("Weekly practica", "", &start, &end);
    fields.retain(|(k, _)| *k != "event[repeat]");
    fields.extend([("event[repeat]", "weekly"), ("event[repeat_end]", "count"), ("event[repeat_count]", "4")]);
    let first = ok(&app.post("/api/events/create", &fields, Some(&org)).await);
    let first = first.as_str().unwrap().to_string();
    let dates: Vec<uuid::Uuid> = sqlx::query_scalar(
        "select event_id from events where series_id = (select series_id from events where event_id = $1::uuid) order by starts_at",
    )
    .bind(&first)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(dates.len(), 4);
    let third = dates[2].to_string();

    // The helper co-organises every date, then is taken off the third date onwards.
    ok(&app.post("/api/events/organizers/add", &[("id", &first), ("username", "helper")], Some(&org)).await);
    ok(&app.post("/api/events/organizers/remove", &[("id", &third), ("username", "helper")], Some(&org)).await);

    // From the first date, "this and following" would reach dates they no longer run.
    let r = app.post("/api/events/cancel", &[("id", &first), ("scope", "following")], Some(&helper)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    assert!(r.error().for_field("scope").is_some());
    let mut edit = event_fields("Renamed by the helper", "", &start, &end);
    edit.retain(|(k, _)| *k != "event[repeat]");
    edit.extend([("id", first.as_str()), ("event[scope]", "following")]);
    let r = app.post("/api/events/update", &edit, Some(&helper)).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let titles: Vec<String> =
        sqlx::query_scalar("select title from events where event_id = any($1) order by starts_at")
            .bind(&dates)
            .fetch_all(&pool)
            .await
            .unwrap();
    assert!(titles.iter().all(|t| t == "Weekly practica"), "nothing changed: {titles:?}");
    let cancelled: i64 =
        sqlx::query_scalar("select count(*) from events where event_id = any($1) and status = 'cancelled'")
            .bind(&dates)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(cancelled, 0);

    // The dates they do run stay theirs to change, one at a time; the organiser runs them all.
    ok(&app.post("/api/events/cancel", &[("id", &first), ("scope", "one")], Some(&helper)).await);
    ok(&app.post("/api/events/cancel", &[("id", &dates[1].to_string()), ("scope", "following")], Some(&org)).await);
    let cancelled: i64 =
        sqlx::query_scalar("select count(*) from events where event_id = any($1) and status = 'cancelled'")
            .bind(&dates)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(cancelled, 4);
}

#[sqlx::test]
async fn over_https_the_session_cookie_is_host_prefixed_and_secure_and_hsts_is_sent(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    let mut config = kindred::server::config::Config::for_tests();
    config.public_url = Some("https://kindred.example".into());
    let app = TestApp::with_config(pool.clone(), config);
    let res = app
        .post(
            "/api/auth/signup",
            &[
                ("email", "ana@example.org"),
                ("username", "ana"),
                ("display_name", "Ana"),
                ("password", "a quiet milonga night"),
            ],
            None,
        )
        .await;
    assert!(res.status < 400, "{}", res.body);
    let set_cookie = res.headers.get("set-cookie").unwrap().to_str().unwrap().to_string();
    assert!(set_cookie.starts_with("__Host-kindred_session="), "{set_cookie}");
    let lower = set_cookie.to_lowercase();
    assert!(lower.contains("; secure") && lower.contains("path=/") && !lower.contains("domain="), "{set_cookie}");
    let cookie = res.session_cookie().unwrap();
    assert_eq!(app.whoami(&cookie).await.as_deref(), Some("ana"), "the prefixed cookie carries the session");
    let page = app.get("/", None).await;
    assert_eq!(page.headers["strict-transport-security"], "max-age=31536000; includeSubDomains");
    assert!(page.headers["permissions-policy"].to_str().unwrap().contains("camera=()"));
    assert_eq!(page.headers["cross-origin-opener-policy"], "same-origin");

    // Over plain http (a laptop): the plain name, no Secure flag, no HSTS.
    let plain = TestApp::new(pool);
    let cookie = plain.sign_up("ben").await;
    assert!(cookie.starts_with("kindred_session="));
    let page = plain.get("/", None).await;
    assert!(page.headers.get("strict-transport-security").is_none());
    assert_eq!(page.headers["cross-origin-opener-policy"], "same-origin");
}

#[sqlx::test]
async fn search_refuses_pattern_only_queries_is_rate_limited_and_names_use_a_trigram_index(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("searcher").await;
    app.sign_up("under_score").await;

    for q in ["%23", "@", "%25", "_", "%23%23%23", "a"] {
        let r = get(&app, &format!("/api/search?q={q}"), None).await;
        assert_eq!(r.status, 422, "{q}: {}", r.body);
        assert!(r.error().for_field("q").unwrap().contains("two letters"));
    }
    // Any part of a name finds the member; LIKE's wildcards are taken literally.
    let found = ok(&get(&app, "/api/search?q=earch", None).await);
    assert_eq!(found["members"][0][0], "searcher");
    // "r_s" as a pattern would also match "searcher searcher" (r, space, s).
    let found = ok(&get(&app, "/api/search?q=r_s", None).await);
    let names: Vec<&str> = found["members"].as_array().unwrap().iter().map(|m| m[0].as_str().unwrap()).collect();
    assert_eq!(names, ["under_score"], "_ is not a wildcard");

    // The planner can serve the substring match from the trigram index.
    let mut conn = pool.acquire().await.unwrap();
    sqlx::query("set enable_seqscan = off").execute(&mut *conn).await.unwrap();
    let plan: Vec<String> = sqlx::query_scalar(
        "explain select username from members where lower(username || ' ' || display_name) like '%earch%'",
    )
    .fetch_all(&mut *conn)
    .await
    .unwrap();
    assert!(plan.iter().any(|l| l.contains("members_name_trgm_idx")), "{plan:?}");
    drop(conn);

    // Visitors are limited too (per address), with the time to wait.
    let mut limited = None;
    for i in 0..70 {
        let r = get(&app, &format!("/api/search?q=milonga{i}"), None).await;
        if r.status == 429 {
            limited = Some((i, r));
            break;
        }
    }
    let (i, r) = limited.expect("searching without end is refused");
    assert!(i >= 50, "only after many searches ({i})");
    assert!(r.error().to_string().contains("Too many"), "{}", r.body);
}

async fn messages_for(pool: &PgPool, username: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select n.message from notifications n join members m on m.member_id = n.member_id
         where m.username = $1 order by n.created_at",
    )
    .bind(username)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn blocks_stop_reply_notifications_and_channel_mentions(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cleo = app.sign_up("cleo").await;
    let dora = app.sign_up("dora").await;
    // Ben blocks Cleo.
    ok(&app.post("/api/people/block", &[("username", "cleo"), ("block", "true")], Some(&ben)).await);

    // Under Ana's post, Cleo answers Ben's comment and Dora's: only Dora hears of it.
    let post = ok(&app
        .post(
            "/api/feed/post/create",
            &[("body", "Cabeceo tips?"), ("visibility", "public"), ("chakra", "auto")],
            Some(&ana),
        )
        .await);
    let post = post.as_str().unwrap().to_string();
    let by_ben = ok(&app.post("/api/feed/comment", &[("id", &post), ("body", "Eyes first")], Some(&ben)).await);
    let by_dora = ok(&app.post("/api/feed/comment", &[("id", &post), ("body", "Then a nod")], Some(&dora)).await);
    ok(&app
        .post(
            "/api/feed/comment",
            &[("id", &post), ("parent_id", by_ben.as_str().unwrap()), ("body", "Agreed")],
            Some(&cleo),
        )
        .await);
    ok(&app
        .post(
            "/api/feed/comment",
            &[("id", &post), ("parent_id", by_dora.as_str().unwrap()), ("body", "Yes")],
            Some(&cleo),
        )
        .await);
    assert!(
        !messages_for(&pool, "ben").await.iter().any(|m| m.contains("cleo")),
        "{:?}",
        messages_for(&pool, "ben").await
    );
    assert!(messages_for(&pool, "dora").await.iter().any(|m| m == "cleo replied to your comment"));

    // In a community channel, Cleo's @ben and @everyone reach Dora but not Ben.
    ok(&app
        .post(
            "/api/communities/create",
            &[("name", "Open floor"), ("slug", "open-floor"), ("description", "Practice"), ("visibility", "public")],
            Some(&cleo),
        )
        .await);
    for who in [&ben, &dora] {
        ok(&app.post("/api/communities/join", &[("slug", "open-floor")], Some(who)).await);
    }
    let channel: uuid::Uuid = sqlx::query_scalar(
        "select ch.channel_id from chat_channels ch join communities c using (community_id)
         where c.slug = 'open-floor' and ch.name = 'general'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let channel = channel.to_string();
    ok(&app.post("/api/chat/send", &[("channel", &channel), ("body", "Hello @ben and @dora")], Some(&cleo)).await);
    ok(&app.post("/api/chat/send", &[("channel", &channel), ("body", "Practica at 8, @everyone")], Some(&cleo)).await);
    let ben_hears = messages_for(&pool, "ben").await;
    assert!(!ben_hears.iter().any(|m| m.contains("mentioned")), "{ben_hears:?}");
    let dora_hears = messages_for(&pool, "dora").await;
    assert!(dora_hears.iter().any(|m| m.starts_with("cleo mentioned you")), "{dora_hears:?}");
    assert!(dora_hears.iter().any(|m| m.starts_with("cleo mentioned @everyone")), "{dora_hears:?}");
}

#[sqlx::test]
async fn personal_pages_are_marked_and_logout_clears_the_sites_caches(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let page = app.get("/places", Some(&ana)).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.headers["x-kindred-personal"], "1", "a member's page is theirs");
    let page = app.get("/places", None).await;
    assert!(page.headers.get("x-kindred-personal").is_none(), "a visitor's page is anyone's");
    let asset = app.get("/healthz", Some(&ana)).await;
    assert!(asset.headers.get("x-kindred-personal").is_none());

    let out = app.post("/api/auth/logout", &[], Some(&ana)).await;
    assert!(out.status < 400, "{}", out.body);
    assert_eq!(out.headers["clear-site-data"], "\"cache\"");

    // The service worker keeps only unmarked pages and empties its page cache at logout.
    let sw = app.get("/sw.js", None).await;
    assert!(sw.body.contains("!response.headers.has(\"x-kindred-personal\")"));
    assert!(sw.body.contains("/api/auth/logout") && sw.body.contains("caches.delete(PAGES)"));
}
