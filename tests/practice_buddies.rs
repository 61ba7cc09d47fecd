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

/// A sign-up through an invite link records who invited; the referral becomes active on the new
/// member's third day of practice and both earn a freeze, once; a stale code changes nothing.
#[sqlx::test]
async fn referrals_activate_on_the_third_practice_day_once(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["host"]).await;
    let pool = &app.pool;
    let host = common::member(pool, "host").await;
    let mine = kindred::practice::service::referrals::referrals(&state, &host).await.unwrap();
    assert!(mine.link.ends_with(&format!("/signup?invite={}", mine.code)));
    let again = kindred::practice::service::referrals::referrals(&state, &host).await.unwrap();
    assert_eq!(again.code, mine.code, "one code per member");

    let form = |name: &str, invite: &str| {
        vec![
            ("email".to_string(), format!("{name}@example.org")),
            ("username".to_string(), name.to_string()),
            ("display_name".to_string(), name.to_string()),
            ("password".to_string(), "a quiet milonga night".to_string()),
            ("invite".to_string(), invite.to_string()),
        ]
    };
    for (name, invite) in [("newcomer", mine.code.as_str()), ("stray", "NOT A CODE!")] {
        let f = form(name, invite);
        let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let res = app.post("/api/auth/signup", &pairs, None).await;
        assert!(res.status < 400, "{}", res.body);
    }
    let pending = kindred::practice::service::referrals::referrals(&state, &host).await.unwrap();
    assert_eq!(pending.pending.iter().map(|r| r.username.as_str()).collect::<Vec<_>>(), vec!["newcomer"]);

    // Practice on three days (sessions can be logged back).
    let newcomer = common::member(pool, "newcomer").await;
    let now = Utc::now();
    for days_ago in [2, 1, 0] {
        let end = now - Duration::days(days_ago) - Duration::minutes(5);
        let f = SessionForm {
            technique: "grounding-breath".into(),
            started_at: (end - Duration::minutes(10)).to_rfc3339(),
            seconds: "600".into(),
            ..Default::default()
        };
        service::save_session(&state, &newcomer, &f, None, now).await.unwrap();
    }
    // A fourth session on a day already counted changes nothing.
    let f = SessionForm {
        technique: "rooted-standing".into(),
        started_at: (now - Duration::minutes(40)).to_rfc3339(),
        seconds: "600".into(),
        ..Default::default()
    };
    service::save_session(&state, &newcomer, &f, None, now).await.unwrap();
    let done = kindred::practice::service::referrals::referrals(&state, &host).await.unwrap();
    assert_eq!(done.active.len(), 1);
    assert!(done.pending.is_empty());
    let freezes: Vec<i16> =
        sqlx::query_scalar("select freezes from practice_members where member_id = any($1) order by member_id = $2")
            .bind(vec![host.member_id, newcomer.member_id])
            .bind(newcomer.member_id)
            .fetch_all(pool)
            .await
            .unwrap();
    assert_eq!(freezes, vec![1, 1], "both earned a freeze");
    let notes: i64 =
        sqlx::query_scalar("select count(*) from notifications where member_id = $1 and link = '/practice/referrals'")
            .bind(host.member_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!(notes, 1);
}
