//! The real-time layer across instances: two hubs (as in two `kindred` processes) listening on
//! one database each hear the other's announcements — notifications for the member concerned,
//! chat messages for the channel's subscribers — only once the change commits, and a catch-up
//! from a message number returns exactly the messages after it.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::TestApp;
use kindred::server::realtime::Hub;
use kindred::server::realtime::{channel_topic, member_topic, Delivery, Inbox, Outbound};
use kindred::startup::spawn_realtime as spawn_listener;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

async fn next(rx: &mut Inbox) -> Option<Arc<Outbound>> {
    match tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.ok().flatten() {
        Some(Delivery::Event(out)) => Some(out),
        _ => None,
    }
}

async fn quiet(rx: &mut Inbox) -> bool {
    tokio::time::timeout(Duration::from_millis(400), rx.recv()).await.is_err()
}

#[sqlx::test]
async fn two_instances_deliver_each_others_notifications(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben_cookie = app.sign_up("ben").await;
    let ben = common::member(&pool, "ben").await;
    let ana_id = common::member(&pool, "ana").await.member_id;

    // Two instances: each with its own hub and LISTEN connection.
    let (first, second) = (Hub::new(), Hub::new());
    let l1 = spawn_listener(pool.clone(), first.clone());
    let l2 = spawn_listener(pool.clone(), second.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, mut bens_tab_on_second) = second.connect([member_topic(ben.member_id)]);
    let (_, mut anas_tab_on_first) = first.connect([member_topic(ana_id)]);

    // A transaction that rolls back announces nothing.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("insert into notifications (member_id, kind, message, link) values ($1, 'follow', 'x', '/')")
        .bind(ben.member_id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();

    // Ana follows Ben: Ben's tab on the second instance hears it.
    let r = app.post("/api/feed/follow", &[("username", "ben"), ("follow", "true")], Some(&ana)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let out = next(&mut bens_tab_on_second).await.expect("Ben's notification");
    assert_eq!(out.kind, "notification");
    assert_eq!(out.topic, member_topic(ben.member_id));
    // Exactly one message (the rolled-back insert sent none), and nothing for Ana.
    assert!(quiet(&mut bens_tab_on_second).await);
    assert!(anas_tab_on_first.try_recv().is_err());

    // And the other way: Ben follows back, Ana's tab on the first instance hears it.
    let r = app.post("/api/feed/follow", &[("username", "ana"), ("follow", "true")], Some(&ben_cookie)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let out = next(&mut anas_tab_on_first).await.expect("Ana's notification");
    assert_eq!(out.topic, member_topic(ana_id));
    assert!(quiet(&mut anas_tab_on_first).await);
    assert!(bens_tab_on_second.try_recv().is_err());

    l1.abort();
    l2.abort();
}

/// Creates a public community owned by `owner`; returns the id of its #general channel.
async fn community_with_general(app: &TestApp, owner: &str, slug: &str) -> String {
    let r = app
        .post(
            "/api/communities/create",
            &[("name", "Practica"), ("slug", slug), ("description", ""), ("visibility", "public")],
            Some(owner),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let id: uuid::Uuid = sqlx::query_scalar(
        "select ch.channel_id from chat_channels ch join communities c using (community_id) where c.slug = $1 and ch.name = 'general'",
    )
    .bind(slug)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    id.to_string()
}

#[sqlx::test]
async fn a_message_sent_through_one_instance_reaches_the_channel_on_the_other(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let general = community_with_general(&app, &ana, "practica").await;
    let other = uuid::Uuid::new_v4();

    let (first, second) = (Hub::new(), Hub::new());
    let l1 = spawn_listener(pool.clone(), first.clone());
    let l2 = spawn_listener(pool.clone(), second.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let channel: uuid::Uuid = general.parse().unwrap();
    let (_, mut in_channel) = second.connect([channel_topic(channel)]);
    let (_, mut also_on_first) = first.connect([channel_topic(channel)]);
    let (_, mut elsewhere) = second.connect([channel_topic(other)]);

    let r = app.post("/api/chat/send", &[("channel", &general), ("body", "Tonight at nine?")], Some(&ana)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let out = next(&mut in_channel).await.expect("the message");
    assert_eq!(out.kind, "message");
    assert_eq!(out.channel, Some(channel));
    assert_eq!(out.seq, Some(1));
    let json: serde_json::Value = serde_json::from_str(out.json.as_deref().unwrap()).unwrap();
    assert_eq!(json["type"], "message");
    assert_eq!(json["message"]["body"], "Tonight at nine?");
    assert_eq!(json["message"]["seq"], 1);
    assert!(quiet(&mut in_channel).await, "announced once");
    assert!(elsewhere.try_recv().is_err(), "not to another channel's subscribers");
    // Each instance loads the message for its own sockets: the first one's subscriber has the
    // same message.
    let same = next(&mut also_on_first).await.expect("the message on the first instance");
    assert_eq!(same.json, out.json);
    assert!(quiet(&mut also_on_first).await);

    l1.abort();
    l2.abort();
}

#[sqlx::test]
async fn catching_up_after_a_number_returns_exactly_the_later_messages(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let general = community_with_general(&app, &ana, "practica").await;
    for n in 1..=5 {
        let body = format!("message {n}");
        let r = app.post("/api/chat/send", &[("channel", &general), ("body", &body)], Some(&ana)).await;
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let channel: uuid::Uuid = general.parse().unwrap();
    // What a socket sends a client that reconnects having seen message 2.
    let missed = kindred::chat::service::after(&pool, channel, 2, 200).await.unwrap();
    let seqs: Vec<i64> = missed.iter().map(|m| m.seq).collect();
    assert_eq!(seqs, vec![3, 4, 5]);
    assert_eq!(missed[0].body, "message 3");
    assert!(kindred::chat::service::after(&pool, channel, 5, 200).await.unwrap().is_empty());
    // A limit cuts the catch-up (the socket then tells the client to reload).
    assert_eq!(kindred::chat::service::after(&pool, channel, 0, 2).await.unwrap().len(), 2);
}
