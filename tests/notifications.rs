//! Notifications: who hears about what, mutes, unread counts, and privacy.

mod common;

use common::TestApp;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

async fn unread(app: &TestApp, cookie: &str) -> i64 {
    let res = app.get_accepting("/api/notifications/unread", Some(cookie), "application/json").await;
    serde_json::from_str(&res.body).unwrap()
}

async fn messages(app: &TestApp, cookie: &str) -> Vec<String> {
    let res = app.get_accepting("/api/notifications/list", Some(cookie), "application/json").await;
    let page: kindred::notifications::model::NotificationPage = serde_json::from_str(&res.body).unwrap();
    page.notifications.into_iter().map(|n| n.message).collect()
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn mentions_comments_engagements_and_follows_notify(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let a = app.sign_up("nadia").await;
    let b = app.sign_up("bruna").await;
    let created = app
        .post(
            "/api/feed/post/create",
            &[("body", "Hello @bruna, see you at the #milonga"), ("visibility", "public"), ("chakra", "auto")],
            Some(&a),
        )
        .await;
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    assert_eq!(messages(&app, &b).await, vec!["nadia mentioned you in a post"]);

    app.post("/api/feed/engage", &[("id", &post_id), ("kind", "like")], Some(&b)).await;
    let comment = app.post("/api/feed/comment", &[("id", &post_id), ("body", "Yes!")], Some(&b)).await;
    let comment_id: String = serde_json::from_str(&comment.body).unwrap();
    app.post("/api/feed/comment", &[("id", &post_id), ("parent_id", &comment_id), ("body", "Great")], Some(&a)).await;
    app.post("/api/feed/follow", &[("username", "nadia"), ("follow", "true")], Some(&b)).await;

    let for_a = messages(&app, &a).await;
    assert_eq!(for_a, vec!["bruna started following you", "bruna commented on your post", "bruna liked your post"]);
    assert_eq!(messages(&app, &b).await[0], "nadia replied to your comment");
    assert_eq!(unread(&app, &a).await, 3);
    let read = app.post("/api/notifications/read-all", &[], Some(&a)).await;
    assert_eq!(read.status, 200);
    assert_eq!(unread(&app, &a).await, 0);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn muted_kinds_stay_quiet(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let a = app.sign_up("quiet_q").await;
    let b = app.sign_up("loud_l").await;
    // Keep everything but follows.
    let saved = app
        .post(
            "/api/notifications/mutes/save",
            &[("engagement", "on"), ("comment", "on"), ("mention", "on"), ("milestone", "on")],
            Some(&a),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    app.post("/api/feed/follow", &[("username", "quiet_q"), ("follow", "true")], Some(&b)).await;
    assert!(messages(&app, &a).await.is_empty());
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn a_level_up_is_a_milestone(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("climber").await;
    app.post("/api/oracle/questionnaire/answer", &[("answers[spiritual]", "yes")], Some(&a)).await;
    let id: uuid::Uuid =
        sqlx::query_scalar("select member_id from members where username = 'climber'").fetch_one(&pool).await.unwrap();
    let mut conn = pool.acquire().await.unwrap();
    kindred::oracle::repo::award_xp(&mut conn, id, "Sent energy", "test:1", 60).await.unwrap();
    assert!(messages(&app, &a).await.is_empty());
    kindred::oracle::repo::award_xp(&mut conn, id, "Sent energy", "test:2", 60).await.unwrap();
    assert_eq!(messages(&app, &a).await, vec!["Your spirit guide reached level 2!"]);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn another_members_notification_cannot_be_opened(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("owner_o").await;
    let b = app.sign_up("other_x").await;
    app.post("/api/feed/follow", &[("username", "owner_o"), ("follow", "true")], Some(&b)).await;
    let id: uuid::Uuid =
        sqlx::query_scalar("select notification_id from notifications").fetch_one(&pool).await.unwrap();
    let res = app.post("/api/notifications/open", &[("id", &id.to_string())], Some(&b)).await;
    assert_eq!(res.status, 404);
    assert_eq!(unread(&app, &a).await, 1, "still unread");
    let res = app.post("/api/notifications/open", &[("id", &id.to_string())], Some(&a)).await;
    assert!(res.status < 400, "{}", res.body);
    assert_eq!(unread(&app, &a).await, 0);
}
