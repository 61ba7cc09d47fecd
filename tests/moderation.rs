//! Reports, the moderation queue, and hiding and restoring posts and comments against a real
//! PostgreSQL.

mod common;

use common::TestApp;
use kindred::feed::model::{FeedPage, PostThread, SearchResults};
use kindred::moderation::model::{Queue, Target};
use serde::de::DeserializeOwned;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

async fn get_json<T: DeserializeOwned>(app: &TestApp, path: &str, cookie: Option<&str>) -> T {
    let res = app.get_accepting(path, cookie, "application/json").await;
    assert_eq!(res.status, 200, "{path}: {}", res.body);
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("{path}: {e}: {}", res.body))
}

async fn new_post(app: &TestApp, cookie: &str, body: &str) -> String {
    let res = app
        .post("/api/feed/post/create", &[("body", body), ("visibility", "public"), ("chakra", "auto")], Some(cookie))
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn new_comment(app: &TestApp, cookie: &str, post: &str, body: &str) -> String {
    let res = app.post("/api/feed/comment", &[("id", post), ("body", body)], Some(cookie)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    serde_json::from_str(&res.body).unwrap()
}

async fn report(app: &TestApp, cookie: Option<&str>, target: &str, reason: &str) -> common::Reply {
    app.post("/api/moderation/report", &[("target", target), ("reason", reason), ("details", "Please look")], cookie)
        .await
}

async fn decide(app: &TestApp, cookie: &str, target: &str, decision: &str) -> common::Reply {
    app.post("/api/moderation/decide", &[("target", target), ("decision", decision)], Some(cookie)).await
}

/// Signs up a member and makes them a moderator.
async fn moderator(app: &TestApp, username: &str) -> String {
    let cookie = app.sign_up(username).await;
    sqlx::query("update members set site_role = 'moderator' where username = $1")
        .bind(username)
        .execute(&app.pool)
        .await
        .unwrap();
    cookie
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

async fn moderation_notes(pool: &PgPool, username: &str) -> Vec<String> {
    sqlx::query_scalar(
        "select n.message from notifications n join members m on m.member_id = n.member_id
         where m.username = $1 and n.kind = 'moderation' order by n.created_at",
    )
    .bind(username)
    .fetch_all(pool)
    .await
    .unwrap()
}

async fn comment_count(pool: &PgPool, post: &str) -> i32 {
    sqlx::query_scalar("select comment_count from posts where post_id = $1")
        .bind(post.parse::<Uuid>().unwrap())
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn post_status(app: &TestApp, post: &str, cookie: Option<&str>) -> u16 {
    app.get_accepting(&format!("/api/feed/post?id={post}"), cookie, "application/json").await.status
}

async fn in_feed(app: &TestApp, feed: &str, cookie: Option<&str>, post: &str) -> bool {
    let page: FeedPage = get_json(app, &format!("/api/feed/page?feed={feed}"), cookie).await;
    page.posts.iter().any(|p| p.post_id.to_string() == post)
}

async fn search_finds(app: &TestApp, q: &str, cookie: Option<&str>, post: &str) -> bool {
    let found: SearchResults = get_json(app, &format!("/api/search?q={q}"), cookie).await;
    found.posts.iter().any(|p| p.post_id.to_string() == post)
}

/// One open report per member and content; never on own content, with an unknown reason, or signed out.
#[sqlx::test(migrator = "MIGRATOR")]
async fn reports_are_once_per_member_and_never_on_own_content(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let post = new_post(&app, &ana, "Miracle cure for sore feet, DM me").await;
    let comment = new_comment(&app, &ana, &post, "Only 99 euros").await;
    let on_post = format!("post:{post}");
    let on_comment = format!("comment:{comment}");

    let res = report(&app, Some(&ben), &on_post, "misinformation").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = report(&app, Some(&ben), &on_post, "spam").await;
    assert_eq!(res.status, 409, "a second open report on the same post: {}", res.body);
    let res = report(&app, Some(&ben), &on_comment, "spam").await;
    assert_eq!(res.status, 200, "a comment is reported separately: {}", res.body);
    let res = report(&app, Some(&ana), &on_post, "spam").await;
    assert_eq!(res.status, 409, "one's own post: {}", res.body);
    let res = report(&app, Some(&ana), &on_comment, "spam").await;
    assert_eq!(res.status, 409, "one's own comment: {}", res.body);
    let res = report(&app, Some(&ben), &on_post, "boring").await;
    assert_eq!(res.status, 422);
    assert!(res.error().for_field("reason").is_some(), "{}", res.body);
    let res = report(&app, None, &on_post, "spam").await;
    assert_eq!(res.status, 401);
    let res = report(&app, Some(&ben), &format!("post:{}", Uuid::new_v4()), "spam").await;
    assert_eq!(res.status, 404, "an unknown post");
    let res = report(&app, Some(&ben), &format!("member:{post}"), "spam").await;
    assert_eq!(res.status, 404, "an unknown kind of target");

    let rows: Vec<(Option<Uuid>, Option<Uuid>, String, String)> =
        sqlx::query_as("select post_id, comment_id, reason::text, details from reports order by created_at")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        rows,
        [
            (Some(post.parse().unwrap()), None, "misinformation".into(), "Please look".into()),
            (None, Some(comment.parse().unwrap()), "spam".into(), "Please look".into()),
        ]
    );
}

/// Only moderators may decide on reports or read the queue.
#[sqlx::test(migrator = "MIGRATOR")]
async fn members_cannot_moderate(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let post = new_post(&app, &ana, "An ordinary post").await;
    report(&app, Some(&ben), &format!("post:{post}"), "spam").await;

    for decision in ["hide", "restore", "dismiss"] {
        let res = decide(&app, &ben, &format!("post:{post}"), decision).await;
        assert_eq!(res.status, 403, "{decision}: {}", res.body);
    }
    let res = app.get_accepting("/api/moderation/queue", Some(&ben), "application/json").await;
    assert_eq!(res.status, 403);
    let res = app.get_accepting("/api/moderation/queue", None, "application/json").await;
    assert_eq!(res.status, 401);
    assert_eq!(count(&pool, "select count(*) from posts where hidden_at is not null").await, 0);
    assert_eq!(count(&pool, "select count(*) from reports where resolved_at is null").await, 1);
}

/// A hidden post is gone for all but its author and moderators, reports close, the author is told.
#[sqlx::test(migrator = "MIGRATOR")]
async fn hiding_a_post_removes_it_everywhere_until_restored(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cal = app.sign_up("cal").await;
    let moda = moderator(&app, "moda").await;
    let post = new_post(&app, &ana, "Buy cheapfollowers now #spamalot").await;
    let target = format!("post:{post}");
    report(&app, Some(&ben), &target, "spam").await;
    report(&app, Some(&cal), &target, "other").await;

    let queue: Queue = get_json(&app, "/api/moderation/queue", Some(&moda)).await;
    assert_eq!(queue.items.len(), 1);
    assert_eq!(queue.items[0].target, Target::Post(post.parse().unwrap()));
    assert_eq!(queue.items[0].author_username, "ana");
    let reporters: Vec<&str> = queue.items[0].reports.iter().map(|r| r.reporter.as_str()).collect();
    assert_eq!(reporters, ["ben", "cal"]);

    let res = decide(&app, &moda, &target, "hide").await;
    assert_eq!(res.status, 200, "{}", res.body);
    for (who, cookie) in [("ben", Some(ben.as_str())), ("a stranger", None)] {
        assert_eq!(post_status(&app, &post, cookie).await, 404, "direct link for {who}");
        assert!(!in_feed(&app, "everyone", cookie, &post).await, "everyone feed for {who}");
        assert!(!in_feed(&app, "member:ana", cookie, &post).await, "profile feed for {who}");
        assert!(!search_finds(&app, "cheapfollowers", cookie, &post).await, "search for {who}");
    }
    let tags: SearchResults = get_json(&app, "/api/search?q=%23spamal", Some(&ben)).await;
    assert!(tags.hashtags.is_empty(), "a hidden post's hashtag is not counted: {:?}", tags.hashtags);
    let own: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), Some(&ana)).await;
    assert!(own.post.hidden, "the author still sees it, marked hidden");
    let modview: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), Some(&moda)).await;
    assert!(modview.post.hidden && modview.viewer_can_moderate);
    // Nobody can act on it but its author.
    let res = app.post("/api/feed/comment", &[("id", &post), ("body", "still here?")], Some(&ben)).await;
    assert_eq!(res.status, 404);

    let queue: Queue = get_json(&app, "/api/moderation/queue", Some(&moda)).await;
    assert!(queue.items.is_empty(), "{:?}", queue.items);
    assert_eq!(queue.recent.len(), 1);
    assert_eq!((queue.recent[0].resolution.as_str(), queue.recent[0].hidden), ("hidden", true));
    assert_eq!(queue.recent[0].resolved_by, "moda");
    assert_eq!(
        count(&pool, "select count(*) from reports where resolution = 'hidden' and resolved_at is not null").await,
        2
    );
    assert_eq!(moderation_notes(&pool, "ana").await.len(), 1);
    // Hiding again changes nothing and tells nobody twice.
    assert_eq!(decide(&app, &moda, &target, "hide").await.status, 200);
    assert_eq!(moderation_notes(&pool, "ana").await.len(), 1);
    // Nobody can report what they cannot see.
    assert_eq!(report(&app, Some(&ben), &target, "spam").await.status, 404);

    let res = decide(&app, &moda, &target, "restore").await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(post_status(&app, &post, Some(&ben)).await, 200);
    assert_eq!(post_status(&app, &post, None).await, 200);
    assert!(in_feed(&app, "everyone", Some(&ben), &post).await);
    assert!(search_finds(&app, "cheapfollowers", Some(&ben), &post).await);
    let own: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), Some(&ana)).await;
    assert!(!own.post.hidden);
    let notes = moderation_notes(&pool, "ana").await;
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[1].contains("restored"), "{notes:?}");
    assert_eq!(report(&app, Some(&ben), &target, "spam").await.status, 200, "a fresh report after restoring");
}

/// Hiding a comment takes it off the count and out of view; restoring puts it back; twice counts once.
#[sqlx::test(migrator = "MIGRATOR")]
async fn hiding_a_comment_keeps_the_count_of_visible_comments(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cal = app.sign_up("cal").await;
    let moda = moderator(&app, "moda").await;
    let post = new_post(&app, &ana, "Which shoes for a first milonga?").await;
    let rude = new_comment(&app, &ben, &post, "What a stupid question").await;
    let kind = new_comment(&app, &cal, &post, "Anything with a smooth sole").await;
    assert_eq!(comment_count(&pool, &post).await, 2);
    let target = format!("comment:{rude}");
    assert_eq!(report(&app, Some(&cal), &target, "harassment").await.status, 200);

    assert_eq!(decide(&app, &moda, &target, "hide").await.status, 200);
    assert_eq!(comment_count(&pool, &post).await, 1);
    assert_eq!(decide(&app, &moda, &target, "hide").await.status, 200);
    assert_eq!(comment_count(&pool, &post).await, 1, "hiding twice counts once");

    let ids = |t: &PostThread| t.comments.iter().map(|c| c.comment_id.to_string()).collect::<Vec<_>>();
    for (who, cookie) in [("cal", Some(cal.as_str())), ("ana", Some(ana.as_str())), ("a stranger", None)] {
        let thread: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), cookie).await;
        assert_eq!(ids(&thread), std::slice::from_ref(&kind), "{who} sees only the visible comment");
        assert_eq!(thread.post.counts.comments, 1);
    }
    let bens: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), Some(&ben)).await;
    let own = bens.comments.iter().find(|c| c.comment_id.to_string() == rude).expect("its author still sees it");
    assert!(own.hidden);
    let mods: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), Some(&moda)).await;
    assert_eq!(mods.comments.len(), 2, "moderators see hidden comments");
    let notes = moderation_notes(&pool, "ben").await;
    assert_eq!(notes.len(), 1);
    assert!(notes[0].contains("comment"), "{notes:?}");
    assert!(moderation_notes(&pool, "ana").await.is_empty(), "the post's author is not told about a comment");
    assert_eq!(count(&pool, "select count(*) from reports where resolved_at is null").await, 0);

    assert_eq!(decide(&app, &moda, &target, "restore").await.status, 200);
    assert_eq!(comment_count(&pool, &post).await, 2);
    assert_eq!(decide(&app, &moda, &target, "restore").await.status, 200);
    assert_eq!(comment_count(&pool, &post).await, 2, "restoring twice counts once");
    let thread: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), Some(&cal)).await;
    assert_eq!(ids(&thread), [rude.clone(), kind.clone()]);
    assert_eq!(moderation_notes(&pool, "ben").await.len(), 2);

    // Dismissing closes reports without touching the content.
    assert_eq!(report(&app, Some(&ana), &target, "other").await.status, 200);
    assert_eq!(decide(&app, &moda, &target, "dismiss").await.status, 200);
    assert_eq!(count(&pool, "select count(*) from reports where resolved_at is null").await, 0);
    assert_eq!(count(&pool, "select count(*) from comments where hidden_at is not null").await, 0);
    assert_eq!(comment_count(&pool, &post).await, 2);
}

/// Replies under a hidden comment stay readable, nobody else can reply to or report the hidden
/// comment, and deleting a hidden comment does not take it off the count twice.
#[sqlx::test]
async fn hidden_comments_keep_their_replies_and_counts_right(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cal = app.sign_up("cal").await;
    let moda = moderator(&app, "moda").await;
    let post = new_post(&app, &ana, "Cabeceo or asking at the table?").await;
    let rude = new_comment(&app, &ben, &post, "Only losers use cabeceo").await;
    let reply = app
        .post(
            "/api/feed/comment",
            &[("id", post.as_str()), ("parent_id", rude.as_str()), ("body", "That's unkind.")],
            Some(&cal),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reply: String = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(comment_count(&pool, &post).await, 2);
    let target = format!("comment:{rude}");
    assert_eq!(decide(&app, &moda, &target, "hide").await.status, 200);
    assert_eq!(comment_count(&pool, &post).await, 1);

    // Cal's reply is still there for everyone, as a thread of its own.
    for cookie in [Some(ana.as_str()), Some(cal.as_str()), None] {
        let thread: PostThread = get_json(&app, &format!("/api/feed/post?id={post}"), cookie).await;
        let shown: Vec<(String, i16)> = thread.comments.iter().map(|c| (c.comment_id.to_string(), c.depth)).collect();
        assert_eq!(shown, vec![(reply.clone(), 0)]);
    }
    // Nobody but its author can answer or report the hidden comment.
    let answer = app
        .post(
            "/api/feed/comment",
            &[("id", post.as_str()), ("parent_id", rude.as_str()), ("body", "Agreed")],
            Some(&cal),
        )
        .await;
    assert_eq!(answer.status, 422, "{}", answer.body);
    assert_eq!(report(&app, Some(&ana), &target, "harassment").await.status, 404);
    let own = app
        .post(
            "/api/feed/comment",
            &[("id", post.as_str()), ("parent_id", rude.as_str()), ("body", "Sorry.")],
            Some(&ben),
        )
        .await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(comment_count(&pool, &post).await, 2);

    // Ben deletes his hidden comment (and his own reply under it): only the visible reply is
    // taken off the count, since the hidden one already was.
    let deleted = app.post("/api/feed/comment/delete", &[("id", rude.as_str())], Some(&ben)).await;
    assert_eq!(deleted.status, 200, "{}", deleted.body);
    let visible = count(&pool, "select count(*) from comments where hidden_at is null").await;
    assert_eq!(comment_count(&pool, &post).await as i64, visible);
}
