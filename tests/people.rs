//! Connections (requests, acceptance, closeness and decay), connection-aware visibility,
//! suggestions and follower lists against a real PostgreSQL.

mod common;

use std::collections::HashSet;
use std::sync::Arc;

use common::{member, TestApp};
use kindred::feed::model::{FeedPage, PostThread};
use kindred::people::model::{ConnectionState, FollowList, People};
use serde::de::DeserializeOwned;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A GET of a server function, decoded; panics unless it answers 200.
async fn get_json<T: DeserializeOwned>(app: &TestApp, path: &str, cookie: Option<&str>) -> T {
    let res = app.get_accepting(path, cookie, "application/json").await;
    assert_eq!(res.status, 200, "{path}: {}", res.body);
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", res.body))
}

/// `action` on the connection with `username`, as `cookie`'s member.
async fn connection(app: &TestApp, cookie: &str, username: &str, action: &str) -> common::Reply {
    app.post("/api/people/connection", &[("username", username), ("action", action)], Some(cookie)).await
}

fn state_of(res: &common::Reply) -> ConnectionState {
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{e}: {}", res.body))
}

/// `a` asks `b`, `b` accepts.
async fn connect(app: &TestApp, a: (&str, &str), b: (&str, &str)) {
    assert_eq!(state_of(&connection(app, a.0, b.1, "request").await), ConnectionState::Requested);
    assert!(matches!(state_of(&connection(app, b.0, a.1, "accept").await), ConnectionState::Connected { .. }));
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// The closeness stored in each direction between two members.
async fn closeness(pool: &PgPool, a: &str, b: &str) -> (f32, f32) {
    let (a, b) = (member(pool, a).await.member_id, member(pool, b).await.member_id);
    let one = |x: Uuid, y: Uuid| {
        sqlx::query_scalar::<_, f32>("select closeness from connections where member_id = $1 and other_id = $2")
            .bind(x)
            .bind(y)
            .fetch_one(pool)
    };
    (one(a, b).await.unwrap(), one(b, a).await.unwrap())
}

/// (kind, message) of a member's notifications, oldest first.
async fn notes(pool: &PgPool, username: &str) -> Vec<(String, String)> {
    sqlx::query_as(
        "select n.kind::text, n.message from notifications n join members m on m.member_id = n.member_id
         where m.username = $1 order by n.created_at, n.notification_id",
    )
    .bind(username)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn new_post(app: &TestApp, cookie: &str, body: &str, visibility: &str) -> String {
    let res = app
        .post("/api/feed/post/create", &[("body", body), ("visibility", visibility), ("chakra", "auto")], Some(cookie))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn post_status(app: &TestApp, id: &str, cookie: Option<&str>) -> u16 {
    app.get_accepting(&format!("/api/feed/post?id={id}"), cookie, "application/json").await.status
}

/// The ids of the posts on the first page of `feed` for `cookie`'s member.
async fn feed_ids(app: &TestApp, feed: &str, cookie: &str) -> HashSet<String> {
    let page: FeedPage = get_json(app, &format!("/api/feed/page?feed={feed}"), Some(cookie)).await;
    page.posts.into_iter().map(|p| p.post_id.to_string()).collect()
}

/// Members made straight in the table (these never log in).
async fn quick_members(pool: &PgPool, prefix: &str, n: usize) -> Vec<Uuid> {
    sqlx::query_scalar(
        "insert into members (username, email, display_name, password_hash)
         select $1 || '_' || i, $1 || '_' || i || '@example.org', $1 || ' ' || i, 'x' from generate_series(1, $2) i
         returning member_id",
    )
    .bind(prefix)
    .bind(n as i32)
    .fetch_all(pool)
    .await
    .unwrap()
}

/// A request notifies the addressee; accepting connects both at 75, follows both ways and tells the requester.
#[sqlx::test(migrator = "MIGRATOR")]
async fn accepting_a_request_connects_both_ways_and_follows(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;

    let asked = app
        .post(
            "/api/people/connection",
            &[("username", "ben"), ("action", "request"), ("message", "We met at the Tuesday milonga")],
            Some(&ana),
        )
        .await;
    assert_eq!(state_of(&asked), ConnectionState::Requested);
    let ben_notes = notes(&pool, "ben").await;
    assert_eq!(ben_notes.len(), 1, "{ben_notes:?}");
    assert_eq!(ben_notes[0].0, "connection");
    assert!(ben_notes[0].1.contains("wants to connect") && ben_notes[0].1.contains("Tuesday milonga"), "{ben_notes:?}");
    let seen_by_ben: ConnectionState = get_json(&app, "/api/people/state?username=ana", Some(&ben)).await;
    assert_eq!(seen_by_ben, ConnectionState::Incoming { message: "We met at the Tuesday milonga".into() });
    let bens: People = get_json(&app, "/api/people/mine", Some(&ben)).await;
    assert_eq!(bens.incoming.len(), 1);
    assert_eq!(bens.incoming[0].person.username, "ana");
    let anas: People = get_json(&app, "/api/people/mine", Some(&ana)).await;
    assert_eq!(anas.outgoing.iter().map(|r| r.person.username.as_str()).collect::<Vec<_>>(), ["ben"]);
    assert_eq!(count(&pool, "select count(*) from connections").await, 0, "not connected before accepting");

    let accepted = state_of(&connection(&app, &ben, "ana", "accept").await);
    assert_eq!(accepted, ConnectionState::Connected { closeness: 75.0 });
    assert_eq!(closeness(&pool, "ana", "ben").await, (75.0, 75.0));
    assert_eq!(count(&pool, "select count(*) from connections").await, 2);
    assert_eq!(count(&pool, "select count(*) from connection_requests").await, 0);
    let follows: Vec<(String, String)> = sqlx::query_as(
        "select a.username, b.username from follows f join members a on a.member_id = f.follower_id
         join members b on b.member_id = f.followee_id order by 1",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(follows, [("ana".to_string(), "ben".to_string()), ("ben".to_string(), "ana".to_string())]);
    let ana_notes = notes(&pool, "ana").await;
    assert!(
        ana_notes.iter().any(|(kind, m)| kind == "connection" && m.contains("accepted your connection request")),
        "{ana_notes:?}"
    );
    let anas: People = get_json(&app, "/api/people/mine", Some(&ana)).await;
    assert_eq!(anas.connections.len(), 1);
    assert_eq!((anas.connections[0].person.username.as_str(), anas.connections[0].closeness), ("ben", 75.0));
    assert!(anas.outgoing.is_empty() && anas.incoming.is_empty());
    let profile: kindred::members::model::Profile =
        get_json(&app, "/api/members/profile?username=ben", Some(&ana)).await;
    assert_eq!(profile.connection, ConnectionState::Connected { closeness: 75.0 });
    assert_eq!(profile.connections, 1);
}

/// Declining and cancelling remove the request; asking oneself or a 501-character message is refused.
#[sqlx::test(migrator = "MIGRATOR")]
async fn decline_cancel_self_and_long_messages(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let requests = || count(&pool, "select count(*) from connection_requests");

    connection(&app, &ana, "ben", "request").await;
    assert_eq!(requests().await, 1);
    assert_eq!(state_of(&connection(&app, &ben, "ana", "decline").await), ConnectionState::None);
    assert_eq!(requests().await, 0);
    assert_eq!(count(&pool, "select count(*) from connections").await, 0);
    assert_eq!(connection(&app, &ben, "ana", "accept").await.status, 409, "nothing left to accept");

    connection(&app, &ana, "ben", "request").await;
    assert_eq!(state_of(&connection(&app, &ana, "ben", "cancel").await), ConnectionState::None);
    assert_eq!(requests().await, 0);
    let bens: People = get_json(&app, "/api/people/mine", Some(&ben)).await;
    assert!(bens.incoming.is_empty());

    let own = connection(&app, &ana, "ana", "request").await;
    assert_eq!(own.status, 409, "{}", own.body);
    assert_eq!(requests().await, 0);

    let long = "é".repeat(501);
    let res = app
        .post("/api/people/connection", &[("username", "ben"), ("action", "request"), ("message", &long)], Some(&ana))
        .await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.error().for_field("message").is_some(), "{}", res.body);
    assert_eq!(requests().await, 0);
    let just_fits = "é".repeat(500);
    let res = app
        .post(
            "/api/people/connection",
            &[("username", "ben"), ("action", "request"), ("message", &just_fits)],
            Some(&ana),
        )
        .await;
    assert_eq!(state_of(&res), ConnectionState::Requested);

    let bogus = connection(&app, &ana, "ben", "befriend").await;
    assert_eq!(bogus.status, 422);
    assert!(bogus.error().for_field("action").is_some());
}

/// Two members asking each other at the same moment end up connected exactly once.
#[sqlx::test(migrator = "MIGRATOR")]
async fn simultaneous_requests_connect_exactly_once(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = PgPoolOptions::new().max_connections(12).connect_with(opts).await.unwrap();
    let app = Arc::new(TestApp::new(pool.clone()));
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    for round in 0..5 {
        let spawn = |cookie: String, other: &'static str| {
            let app = app.clone();
            tokio::spawn(async move { connection(&app, &cookie, other, "request").await })
        };
        let (a, b) = (spawn(ana.clone(), "ben"), spawn(ben.clone(), "ana"));
        let (a, b) = (a.await.unwrap(), b.await.unwrap());
        let states = [state_of(&a), state_of(&b)];
        assert!(
            states.iter().filter(|s| matches!(s, ConnectionState::Connected { .. })).count() >= 1,
            "round {round}: {states:?}"
        );
        assert_eq!(count(&pool, "select count(*) from connections").await, 2, "round {round}");
        assert_eq!(count(&pool, "select count(*) from connection_requests").await, 0, "round {round}");
        assert_eq!(state_of(&connection(&app, &ana, "ben", "remove").await), ConnectionState::None);
        assert_eq!(count(&pool, "select count(*) from connections").await, 0);
    }
}

/// Connections-only posts reach only connections; followers-only posts reach followers and connections.
#[sqlx::test(migrator = "MIGRATOR")]
async fn connection_and_follower_visibility(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let fay = app.sign_up("fay").await;
    let sam = app.sign_up("sam").await;
    connect(&app, (&ben, "ben"), (&ana, "ana")).await;
    // Ben stays connected but stops following: what he sees now comes from the connection.
    let unfollow = app.post("/api/feed/follow", &[("username", "ana"), ("follow", "false")], Some(&ben)).await;
    assert_eq!(unfollow.status, 200, "{}", unfollow.body);
    let follows_ana = "select count(*) from follows f join members m on m.member_id = f.follower_id
                       where m.username = 'ben'";
    assert_eq!(count(&pool, follows_ana).await, 0);
    app.post("/api/feed/follow", &[("username", "ana"), ("follow", "true")], Some(&fay)).await;

    let inner = new_post(&app, &ana, "Only my connections read this zamba", "connections").await;
    let circle = new_post(&app, &ana, "Followers hear about the chacarera", "followers").await;

    assert_eq!(post_status(&app, &inner, Some(&ana)).await, 200, "the author");
    assert_eq!(post_status(&app, &inner, Some(&ben)).await, 200, "a connection");
    assert_eq!(post_status(&app, &inner, Some(&fay)).await, 404, "a mere follower");
    assert_eq!(post_status(&app, &inner, Some(&sam)).await, 404, "a stranger");
    assert_eq!(post_status(&app, &inner, None).await, 404, "signed out");
    assert_eq!(post_status(&app, &circle, Some(&fay)).await, 200, "a follower");
    assert_eq!(post_status(&app, &circle, Some(&ben)).await, 200, "a connection who does not follow");
    assert_eq!(post_status(&app, &circle, Some(&sam)).await, 404, "a stranger");
    assert_eq!(post_status(&app, &circle, None).await, 404);

    let bens_home = feed_ids(&app, "home", &ben).await;
    assert!(bens_home.contains(&inner) && bens_home.contains(&circle), "a connection's home feed has both");
    let fays_home = feed_ids(&app, "home", &fay).await;
    assert!(!fays_home.contains(&inner) && fays_home.contains(&circle));
    for (who, cookie) in [("fay", &fay), ("sam", &sam)] {
        for feed in ["everyone", "member:ana"] {
            let page = feed_ids(&app, feed, cookie).await;
            assert!(!page.contains(&inner), "{feed} showed a connections-only post to {who}");
        }
        let found: kindred::feed::model::SearchResults = get_json(&app, "/api/search?q=zamba", Some(cookie)).await;
        assert!(found.posts.is_empty(), "search showed a connections-only post to {who}");
    }
    let found: kindred::feed::model::SearchResults = get_json(&app, "/api/search?q=zamba", Some(&ben)).await;
    assert_eq!(found.posts.len(), 1);
    let thread: PostThread = get_json(&app, &format!("/api/feed/post?id={inner}"), Some(&ben)).await;
    assert_eq!(thread.post.visibility, kindred::feed::model::Visibility::Connections);

    // Ending the connection ends access to the connections-only post.
    connection(&app, &ana, "ben", "remove").await;
    assert_eq!(post_status(&app, &inner, Some(&ben)).await, 404);
    assert!(!feed_ids(&app, "home", &ben).await.contains(&inner));
}

/// Blocking ends a connection and pending requests, and no request crosses a block.
#[sqlx::test(migrator = "MIGRATOR")]
async fn blocks_end_connections_and_stop_requests(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cal = app.sign_up("cal").await;
    app.sign_up("dan").await;
    connect(&app, (&ana, "ana"), (&ben, "ben")).await;
    connection(&app, &cal, "ana", "request").await;
    connection(&app, &ana, "dan", "request").await;
    connect(&app, (&ben, "ben"), (&cal, "cal")).await;
    assert_eq!(count(&pool, "select count(*) from connections").await, 4);
    assert_eq!(count(&pool, "select count(*) from connection_requests").await, 2);

    for name in ["ben", "cal", "dan"] {
        let res = app.post("/api/people/block", &[("username", name), ("block", "true")], Some(&ana)).await;
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let ana_id = member(&pool, "ana").await.member_id;
    let anas: i64 = sqlx::query_scalar(
        "select (select count(*) from connections where member_id = $1 or other_id = $1)
              + (select count(*) from connection_requests where requester_id = $1 or addressee_id = $1)",
    )
    .bind(ana_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(anas, 0, "no connection or request of ana survives her blocks");
    assert_eq!(closeness(&pool, "ben", "cal").await, (75.0, 75.0), "other members' connections are untouched");

    for (cookie, other) in [(&ben, "ana"), (&cal, "ana"), (&ana, "ben"), (&ana, "dan")] {
        let res = connection(&app, cookie, other, "request").await;
        assert_eq!(res.status, 409, "a request across a block: {}", res.body);
    }
    assert_eq!(count(&pool, "select count(*) from connection_requests").await, 0);
    let seen: ConnectionState = get_json(&app, "/api/people/state?username=ana", Some(&ben)).await;
    assert_eq!(seen, ConnectionState::None);
}

/// Interactions raise closeness on both rows; idle connections decay once a day past the idle week.
#[sqlx::test(migrator = "MIGRATOR")]
async fn closeness_rises_with_interaction_and_decays_once_a_day(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cal = app.sign_up("cal").await;
    connect(&app, (&ana, "ana"), (&ben, "ben")).await;
    connect(&app, (&ana, "ana"), (&cal, "cal")).await;
    let post = new_post(&app, &ana, "Practica tonight, who is coming?", "public").await;

    let res = app.post("/api/feed/comment", &[("id", &post), ("body", "Count me in!")], Some(&ben)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(closeness(&pool, "ana", "ben").await, (77.0, 77.0), "a comment adds 2");
    let res = app.post("/api/feed/engage", &[("id", &post), ("kind", "energy")], Some(&ben)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(closeness(&pool, "ana", "ben").await, (80.0, 80.0), "energy adds 3");
    let res = app.post("/api/feed/engage", &[("id", &post), ("kind", "like")], Some(&ben)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(closeness(&pool, "ana", "ben").await, (81.0, 81.0), "a like adds 1");
    assert_eq!(closeness(&pool, "ana", "cal").await, (75.0, 75.0), "other connections are untouched");
    let anas: People = get_json(&app, "/api/people/mine", Some(&ana)).await;
    let order: Vec<_> = anas.connections.iter().map(|c| (c.person.username.as_str(), c.closeness)).collect();
    assert_eq!(order, [("ben", 81.0), ("cal", 75.0)], "closest first");

    // Idle for 10 days, last decayed 10 days ago: decay counts the days past the idle week, 3.
    sqlx::query(
        "update connections set last_interaction_at = now() - interval '10 days', decayed_on = current_date - 10
         where closeness > 80",
    )
    .execute(&pool)
    .await
    .unwrap();
    assert_eq!(kindred::people::repo::decay(&pool, 7, 1.0).await.unwrap(), 2);
    assert_eq!(closeness(&pool, "ana", "ben").await, (78.0, 78.0));
    assert_eq!(closeness(&pool, "ana", "cal").await, (75.0, 75.0), "active connections do not decay");
    assert_eq!(kindred::people::repo::decay(&pool, 7, 1.0).await.unwrap(), 0, "at most once a day");
    assert_eq!(closeness(&pool, "ana", "ben").await, (78.0, 78.0));

    // A day later (still idle): one more point.
    sqlx::query("update connections set decayed_on = current_date - 1 where closeness < 80 and closeness > 75")
        .execute(&pool)
        .await
        .unwrap();
    kindred::people::repo::decay(&pool, 7, 1.0).await.unwrap();
    assert_eq!(closeness(&pool, "ana", "ben").await, (77.0, 77.0));

    // Long neglect floors at zero rather than violating the check.
    sqlx::query(
        "update connections set last_interaction_at = now() - interval '400 days', decayed_on = current_date - 400
         where closeness < 78 and closeness > 75",
    )
    .execute(&pool)
    .await
    .unwrap();
    kindred::people::repo::decay(&pool, 7, 1.0).await.unwrap();
    assert_eq!(closeness(&pool, "ana", "ben").await, (0.0, 0.0));
}

/// Friends of connections are suggested with their mutual count; blocked members and connections never.
#[sqlx::test(migrator = "MIGRATOR")]
async fn suggestions_skip_blocks_and_connections(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cal = app.sign_up("cal").await;
    let dan = app.sign_up("dan").await;
    app.sign_up("eve").await;
    connect(&app, (&ana, "ana"), (&ben, "ben")).await;
    connect(&app, (&ben, "ben"), (&cal, "cal")).await;
    connect(&app, (&ben, "ben"), (&dan, "dan")).await;
    // Everyone in one city, so every member is a candidate and only the exclusions keep them out.
    sqlx::query("update members set city = 'Berlin'").execute(&pool).await.unwrap();
    let res = app.post("/api/people/block", &[("username", "dan"), ("block", "true")], Some(&ana)).await;
    assert_eq!(res.status, 200, "{}", res.body);

    let anas: People = get_json(&app, "/api/people/mine", Some(&ana)).await;
    let names: Vec<&str> = anas.suggestions.iter().map(|s| s.person.username.as_str()).collect();
    assert_eq!(names, ["cal", "eve"], "a friend of a friend first, then a neighbour");
    assert_eq!(anas.suggestions[0].mutual_connections, 1);
    assert!(anas.suggestions[0].same_city);
    assert_eq!(anas.suggestions[1].mutual_connections, 0);
    assert_eq!(anas.suggestions[0].reason(), "1 mutual connection · also in Berlin");

    // Dan blocked by ana is not suggested the other way either.
    let dans: People = get_json(&app, "/api/people/mine", Some(&dan)).await;
    assert!(!dans.suggestions.iter().any(|s| s.person.username == "ana"), "{:?}", dans.suggestions);
    // A pending request takes the pair out of suggestions too.
    connection(&app, &ana, "cal", "request").await;
    let anas: People = get_json(&app, "/api/people/mine", Some(&ana)).await;
    let names: Vec<&str> = anas.suggestions.iter().map(|s| s.person.username.as_str()).collect();
    assert_eq!(names, ["eve"]);
}

/// Follower and following lists name the right members, newest first, and page with a cursor.
#[sqlx::test(migrator = "MIGRATOR")]
async fn follow_lists_page_with_a_cursor(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("ana").await;
    let ana = member(&pool, "ana").await.member_id;
    let fans = quick_members(&pool, "fan", 60).await;
    let idols = quick_members(&pool, "idol", 2).await;
    // Pairs of followers share a timestamp, so the cursor's tie-break on the id matters.
    sqlx::query(
        "insert into follows (follower_id, followee_id, created_at)
         select f, $2, now() - make_interval(secs => (ord / 2)::float8)
         from unnest($1::uuid[]) with ordinality as t(f, ord)",
    )
    .bind(&fans)
    .bind(ana)
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("insert into follows (follower_id, followee_id) select $1, unnest($2::uuid[])")
        .bind(ana)
        .bind(&idols)
        .execute(&pool)
        .await
        .unwrap();

    let first: FollowList = get_json(&app, "/api/people/follows?username=ana&which=followers", None).await;
    assert_eq!(first.owner.username, "ana");
    assert_eq!(first.people.len(), 50);
    assert_eq!(first.people[0].username, "fan_1", "newest first");
    let next = first.next.clone().expect("a second page");
    let second: FollowList =
        get_json(&app, &format!("/api/people/follows?username=ana&which=followers&after={}", urlencode(&next)), None)
            .await;
    assert_eq!(second.people.len(), 10);
    assert_eq!(second.next, None);
    let all: Vec<String> = first.people.iter().chain(&second.people).map(|p| p.username.clone()).collect();
    let unique: HashSet<&String> = all.iter().collect();
    assert_eq!(unique.len(), 60, "no follower repeated or skipped");
    assert!(all.iter().all(|n| n.starts_with("fan_")));

    let following: FollowList = get_json(&app, "/api/people/follows?username=ana&which=following", None).await;
    let mut names: Vec<_> = following.people.iter().map(|p| p.username.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["idol_1", "idol_2"]);
    assert_eq!(following.next, None);
    let fans_view: FollowList = get_json(&app, "/api/people/follows?username=fan_3&which=following", None).await;
    assert_eq!(fans_view.people.iter().map(|p| p.username.as_str()).collect::<Vec<_>>(), ["ana"]);

    let res = app.get_accepting("/api/people/follows?username=ana&which=friends", None, "application/json").await;
    assert_eq!(res.status, 404);
    let res = app.get_accepting("/api/people/follows?username=nobody&which=followers", None, "application/json").await;
    assert_eq!(res.status, 404);
    let res = app
        .get_accepting("/api/people/follows?username=ana&which=followers&after=garbage", None, "application/json")
        .await;
    assert_eq!(res.status, 422);
}

fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("x", s)]).unwrap()[2..].to_string()
}
