//! Faults and load: the private PostgreSQL stopped under a write load (the watchdog starts it
//! again; requests meanwhile get 503 with Retry-After, never 500; every write answered with
//! success is there afterwards), and load shedding past the in-flight limit.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::TestApp;
use kindred::server::{config::Config, database};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

/// A fresh folder other users may enter (the private cluster runs as an unprivileged user).
fn folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kindred-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_restart_under_load_loses_no_answered_write_and_answers_503_meanwhile() {
    let data = folder("outage");
    let mut config = Config::for_tests();
    config.data_dir = data.clone();
    config.db_acquire_timeout = Duration::from_secs(1);
    config.limits.signup_per_ip = 1000;
    let db = database::open(&config).await.expect("a private cluster");
    let pg = db.embedded.clone().expect("embedded");
    let watchdog = database::spawn_watchdog(pg.clone(), Duration::from_millis(300));
    let app = Arc::new(TestApp::with_config(db.pool.clone(), config));
    let mut cookies = Vec::new();
    for i in 0..8 {
        cookies.push(app.sign_up(&format!("writer{i}")).await);
    }

    // Eight writers post as fast as they can (then read, once at the hourly post limit) for a few
    // seconds; the cluster is stopped early on.
    let started = Instant::now();
    let stop_at = Duration::from_millis(400);
    let run_for = Duration::from_secs(8);
    let mut writers = Vec::new();
    for (w, cookie) in cookies.into_iter().enumerate() {
        let app = app.clone();
        writers.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            let mut n = 0;
            while started.elapsed() < run_for {
                let body = format!("write {w}-{n}");
                let r = if n < 29 {
                    app.post(
                        "/api/feed/post/create",
                        &[("body", &body), ("visibility", "public"), ("chakra", "auto")],
                        Some(&cookie),
                    )
                    .await
                } else {
                    app.get_accepting("/api/feed/page?feed=everyone", Some(&cookie), "application/json").await
                };
                let body = if n < 29 { body } else { String::from("(read)") };
                let retry = r.headers.get("retry-after").is_some();
                answers.push((body.clone(), r.status, retry, started.elapsed()));
                if r.status == 200 && body != "(read)" {
                    n += 1;
                } else {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            }
            answers
        }));
    }
    tokio::time::sleep(stop_at).await;
    let stopped_at = started.elapsed();
    pg.stop().await.expect("the cluster stops");
    let mut answers = Vec::new();
    for w in writers {
        answers.extend(w.await.unwrap());
    }

    // Only successes and 503s with Retry-After: no 500s, no panics.
    let odd: Vec<_> = answers.iter().filter(|(_, s, retry, _)| !(*s == 200 || (*s == 503 && *retry))).collect();
    assert!(odd.is_empty(), "unexpected answers: {odd:?}");
    let first_refusal = answers
        .iter()
        .filter(|(_, s, _, _)| *s == 503)
        .map(|(_, _, _, at)| *at)
        .min()
        .expect("the outage was seen (some requests got 503)");
    assert!(first_refusal >= stopped_at, "refused before the stop: {first_refusal:?} < {stopped_at:?}");
    // Kindred answered again within 5 s of the first refusal.
    let back = answers
        .iter()
        .filter(|(_, s, _, at)| *s == 200 && *at > first_refusal)
        .map(|(_, _, _, at)| *at)
        .min()
        .expect("requests succeeded again after the restart");
    assert!(back - first_refusal < Duration::from_secs(5), "recovered after {:?}", back - first_refusal);

    // Every write answered with success is in the database.
    let stored: Vec<String> = sqlx::query_scalar("select body from posts").fetch_all(&db.pool).await.unwrap();
    let lost: Vec<&String> = answers
        .iter()
        .filter(|(b, s, _, _)| *s == 200 && b != "(read)")
        .map(|(b, _, _, _)| b)
        .filter(|b| !stored.contains(b))
        .collect();
    assert!(lost.is_empty(), "answered but lost: {lost:?}");

    watchdog.abort();
    db.pool.close().await;
    pg.stop().await.unwrap();
    let _ = std::fs::remove_dir_all(data);
}

#[sqlx::test]
async fn past_the_in_flight_limit_requests_are_shed_with_503_and_the_health_check_is_not(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    let mut config = Config::for_tests();
    config.max_in_flight = 3;
    let app = TestApp::with_config(pool, config);
    assert_eq!(app.get("/", None).await.status, 200);
    // Three requests at work hold every slot.
    let held = app.state.in_flight.clone().acquire_many_owned(3).await.unwrap();
    let shed = app.get("/", None).await;
    assert_eq!(shed.status, 503);
    assert_eq!(shed.headers["retry-after"], "1");
    let shed = app.get_accepting("/api/feed/page?feed=everyone", None, "application/json").await;
    assert_eq!(shed.status, 503);
    assert_eq!(app.get("/healthz", None).await.status, 200, "the health check is never shed");
    drop(held);
    assert_eq!(app.get("/", None).await.status, 200, "served again once work finishes");
}
