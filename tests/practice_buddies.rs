//! Practice buddies against a real database: requests and answers, who may act on a pair, the
//! days both practised, a rate-limited nudge, and suggestions by shared techniques and time zone.

mod common;

use chrono::{Duration, Utc};
use common::TestApp;
use kindred::error::AppError;
use kindred::practice::model::SessionForm;
use kindred::practice::service::{self, buddies};
use kindred::server::state::AppState;
use kindred::startup::demo_practice::seed_library_if_empty;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

async fn setup(opts: PgConnectOptions, names: &[&str]) -> (TestApp, AppState) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    for n in names {
        app.sign_up(n).await;
    }
    let state = common::state(&pool);
    seed_library_if_empty(&state).await.unwrap();
    (app, state)
}

fn field(e: AppError) -> String {
    match e {
        AppError::Invalid { field, .. } => field,
        other => format!("{other:?}"),
    }
}

async fn session(state: &AppState, pool: &PgPool, who: &str, technique: &str, hours_ago: i64) {
    let me = common::member(pool, who).await;
    let now = Utc::now();
    let end = now - Duration::hours(hours_ago);
    let f = SessionForm {
        technique: technique.into(),
        started_at: (end - Duration::minutes(10)).to_rfc3339(),
        seconds: "600".into(),
        ..Default::default()
    };
    service::save_session(state, &me, &f, None, now).await.unwrap();
}

#[sqlx::test]
async fn buddies_ask_answer_nudge_and_count_days_together(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["ava", "ben", "cai", "dee", "eve"]).await;
    let pool = &app.pool;
    let now = Utc::now();
    let ava = common::member(pool, "ava").await;
    let ben = common::member(pool, "ben").await;
    let cai = common::member(pool, "cai").await;

    assert_eq!(field(buddies::request(&state, &ava, "ava", "").await.unwrap_err()), "username");
    assert_eq!(field(buddies::request(&state, &ava, "nobody_here", "").await.unwrap_err()), "username");
    buddies::request(&state, &ava, "@Ben", "Evening breath together?").await.unwrap();
    assert_eq!(field(buddies::request(&state, &ben, "ava", "").await.unwrap_err()), "username", "one open pair");
    let incoming = buddies::list(&state, &ben, now).await.unwrap().incoming;
    assert_eq!(incoming.len(), 1);
    assert_eq!(incoming[0].message, "Evening breath together?");
    let id = incoming[0].buddy_id;
    assert_eq!(
        field(buddies::act(&state, &ava, id, "accept", now).await.unwrap_err()),
        "buddy",
        "only the asked one answers"
    );
    assert!(matches!(buddies::act(&state, &cai, id, "end", now).await, Err(AppError::NotFound)));
    assert_eq!(field(buddies::act(&state, &ava, id, "nudge", now).await.unwrap_err()), "buddy", "not active yet");
    buddies::act(&state, &ben, id, "accept", now).await.unwrap();
    // They became buddies yesterday (so today's sessions count, whatever the hour).
    sqlx::query("update practice_buddies set since = now() - interval '1 day'").execute(pool).await.unwrap();

    // Both practise today; Ava yesterday too.
    session(&state, pool, "ava", "grounding-breath", 1).await;
    session(&state, pool, "ben", "rooted-standing", 2).await;
    let list = buddies::list(&state, &ava, now).await.unwrap();
    assert_eq!(list.buddies.len(), 1);
    let b = &list.buddies[0];
    assert_eq!((b.username.as_str(), b.days_together), ("ben", 1));
    assert!(b.last_practice.is_some());

    buddies::act(&state, &ava, id, "nudge", now).await.unwrap();
    assert_eq!(field(buddies::act(&state, &ava, id, "nudge", now).await.unwrap_err()), "buddy", "once in 12 hours");
    let nudges: i64 =
        sqlx::query_scalar("select count(*) from notifications where member_id = $1 and message like '%nudges you%'")
            .bind(ben.member_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(nudges, 1);

    // Blocks stop requests.
    sqlx::query("insert into blocks (blocker_id, blocked_id) values ($1, $2)")
        .bind(cai.member_id)
        .bind(ava.member_id)
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(field(buddies::request(&state, &ava, "cai", "").await.unwrap_err()), "username");

    // Suggestions: the same techniques, a nearby time zone, not already paired, not blocked.
    sqlx::query("update members set time_zone = 'Pacific/Auckland' where username = 'eve'")
        .execute(pool)
        .await
        .unwrap();
    session(&state, pool, "dee", "grounding-breath", 3).await;
    session(&state, pool, "eve", "grounding-breath", 3).await;
    session(&state, pool, "cai", "grounding-breath", 3).await;
    let suggested: Vec<_> =
        buddies::list(&state, &ava, now).await.unwrap().suggestions.into_iter().map(|s| s.username).collect();
    assert_eq!(suggested, vec!["dee"]);

    buddies::act(&state, &ben, id, "end", now).await.unwrap();
    assert!(buddies::list(&state, &ava, now).await.unwrap().buddies.is_empty());
    buddies::request(&state, &ben, "ava", "").await.unwrap();
}
