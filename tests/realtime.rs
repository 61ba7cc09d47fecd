//! The real-time layer across instances: two hubs (as in two `kindred` processes) listening on
//! one database each hear the other's notifications, only for the member concerned, and only
//! once the change commits.

mod common;

use std::time::Duration;

use common::TestApp;
use kindred::realtime::{hub::Delivery, spawn_listener, Hub};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

async fn next(rx: &mut tokio::sync::mpsc::Receiver<Delivery>) -> Option<Delivery> {
    tokio::time::timeout(Duration::from_secs(5), rx.recv()).await.ok().flatten()
}

#[sqlx::test]
async fn two_instances_deliver_each_others_notifications(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    app.sign_up("ben").await;
    let ben = common::member(&pool, "ben").await;
    let ana_id = common::member(&pool, "ana").await.member_id;

    // Two instances: each with its own hub and LISTEN connection.
    let (first, second) = (Hub::new(), Hub::new());
    let l1 = spawn_listener(pool.clone(), first.clone());
    let l2 = spawn_listener(pool.clone(), second.clone());
    tokio::time::sleep(Duration::from_millis(300)).await;
    let (_, mut bens_tab_on_second) = second.subscribe(ben.member_id);
    let (_, mut anas_tab_on_first) = first.subscribe(ana_id);

    // A transaction that rolls back announces nothing.
    let mut tx = pool.begin().await.unwrap();
    sqlx::query("insert into notifications (member_id, kind, message, link) values ($1, 'follow', 'x', '/')")
        .bind(ben.member_id)
        .execute(&mut *tx)
        .await
        .unwrap();
    tx.rollback().await.unwrap();

    // Ana (served by the first instance) follows Ben: Ben's tab on the second hears it.
    let r = app.post("/api/feed/follow", &[("username", "ben"), ("follow", "true")], Some(&ana)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    match next(&mut bens_tab_on_second).await {
        Some(Delivery::Event(s)) => {
            assert_eq!(s.member, ben.member_id);
            assert_eq!(s.kind, "notification");
        }
        other => panic!("expected Ben's notification, got {other:?}"),
    }
    // Exactly one message (the rolled-back insert sent none), and nothing for Ana.
    assert!(tokio::time::timeout(Duration::from_millis(500), bens_tab_on_second.recv()).await.is_err());
    assert!(anas_tab_on_first.try_recv().is_err());

    l1.abort();
    l2.abort();
}
