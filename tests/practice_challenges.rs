//! Challenges against a real database: who may create them, progress from sessions (before and
//! after joining), ranks, the participant limit, completion recorded and rewarded once, and
//! private communities' challenges hidden from outsiders.

mod common;

use chrono::{Duration, Utc};
use common::TestApp;
use kindred::communities::service::NewCommunity;
use kindred::error::AppError;
use kindred::practice::model::{ChallengeForm, SessionForm};
use kindred::practice::service::{self, challenges};
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

fn form(title: &str, community: &str, goal: &str, value: &str) -> ChallengeForm {
    let today = Utc::now().date_naive();
    ChallengeForm {
        title: title.into(),
        community: community.into(),
        starts_on: (today - Duration::days(1)).to_string(),
        ends_on: (today + Duration::days(7)).to_string(),
        goal: goal.into(),
        value: value.into(),
        ..Default::default()
    }
}

async fn session(state: &AppState, pool: &PgPool, who: &str, technique: &str, hours_ago: i64, minutes: i64) {
    let me = common::member(pool, who).await;
    let now = Utc::now();
    let end = now - Duration::hours(hours_ago);
    let f = SessionForm {
        technique: technique.into(),
        started_at: (end - Duration::minutes(minutes)).to_rfc3339(),
        seconds: (minutes * 60).to_string(),
        ..Default::default()
    };
    service::save_session(state, &me, &f, None, now).await.unwrap();
}

#[sqlx::test]
async fn progress_ranks_limits_and_one_completion(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["guide", "amy", "bob", "cyd"]).await;
    let pool = &app.pool;
    let now = Utc::now();
    let amy = common::member(pool, "amy").await;
    // Site-wide challenges are for moderators.
    let f = ChallengeForm {
        category: "breath".into(),
        max_participants: "2".into(),
        reward_xp: "20".into(),
        reward_achievement: "sessions-50".into(),
        ..form("Breathe together", "", "minutes", "30")
    };
    assert_eq!(field(challenges::create(&state, &amy, &f, now).await.unwrap_err()), "community");
    sqlx::query("update members set site_role = 'moderator' where username = 'guide'").execute(pool).await.unwrap();
    let guide = common::member(pool, "guide").await;
    let bad = ChallengeForm { ends_on: (now.date_naive() - Duration::days(3)).to_string(), ..f.clone() };
    assert_eq!(field(challenges::create(&state, &guide, &bad, now).await.unwrap_err()), "ends_on");
    let too_many_days = form("Every day", "", "days", "30");
    assert_eq!(field(challenges::create(&state, &guide, &too_many_days, now).await.unwrap_err()), "value");
    let id = challenges::create(&state, &guide, &f, now).await.unwrap();

    // Amy practised before joining: it counts. A grounding session does not (another category).
    session(&state, pool, "amy", "grounding-breath", 3, 20).await;
    session(&state, pool, "amy", "rooted-standing", 2, 40).await;
    challenges::join(&state, &amy, id, now).await.unwrap();
    assert_eq!(field(challenges::join(&state, &amy, id, now).await.unwrap_err()), "challenge", "once");
    let bo = common::member(pool, "bob").await;
    challenges::join(&state, &bo, id, now).await.unwrap();
    let cy = common::member(pool, "cyd").await;
    assert_eq!(field(challenges::join(&state, &cy, id, now).await.unwrap_err()), "challenge", "two places, both taken");

    let d = challenges::detail(&state, Some(&cy), id, now).await.unwrap();
    let board: Vec<_> = d.board.iter().map(|r| (r.username.as_str(), r.rank, r.progress)).collect();
    assert_eq!(board, vec![("amy", 1, 20), ("bob", 2, 0)]);
    assert!(!d.can_join && d.join_hint.as_deref() == Some("This challenge is full."));

    // Bo overtakes; then Amy completes, once.
    session(&state, pool, "bob", "grounding-breath", 1, 25).await;
    let d = challenges::detail(&state, Some(&bo), id, now).await.unwrap();
    assert_eq!(d.mine.map(|(rank, progress, _)| (rank, progress)), Some((1, 25)));
    session(&state, pool, "amy", "grounding-breath", 1, 15).await;
    let d = challenges::detail(&state, Some(&amy), id, now).await.unwrap();
    let (rank, progress, done) = d.mine.unwrap();
    assert_eq!((rank, progress), (1, 35));
    assert!(done.is_some());
    let completed: i32 = sqlx::query_scalar("select challenges_completed from practice_members where member_id = $1")
        .bind(amy.member_id)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(completed, 1);
    let notes: i64 = sqlx::query_scalar(
        "select count(*) from notifications where member_id = $1 and message like 'You completed the challenge%'",
    )
    .bind(amy.member_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(notes, 1);
    let rewards: i64 = sqlx::query_scalar(
        "select count(*) from member_achievements ma join achievements a using (achievement_id)
         where ma.member_id = $1 and a.slug in ('sessions-50', 'challenge-1')",
    )
    .bind(amy.member_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(rewards, 2, "the reward achievement, and the one for completing a challenge");
    assert_eq!(field(challenges::leave(&state, &amy, id).await.unwrap_err()), "challenge", "completed stays");
    challenges::leave(&state, &bo, id).await.unwrap();
    challenges::join(&state, &cy, id, now).await.unwrap();
}

#[sqlx::test]
async fn community_challenges_belong_to_their_community(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["owner", "insider", "outsider"]).await;
    let pool = &app.pool;
    let now = Utc::now();
    let owner = common::member(pool, "owner").await;
    let insider = common::member(pool, "insider").await;
    let outsider = common::member(pool, "outsider").await;
    let open = kindred::communities::service::create(
        &state,
        &owner,
        NewCommunity { name: "Open Circle", slug: "open-circle", description: "", visibility: "public" },
    )
    .await
    .unwrap();
    let closed = kindred::communities::service::create(
        &state,
        &owner,
        NewCommunity { name: "Closed Circle", slug: "closed-circle", description: "", visibility: "private" },
    )
    .await
    .unwrap();
    kindred::communities::service::join(&state, insider.member_id, &open, "").await.unwrap();
    // A plain member does not hold "manage events".
    assert_eq!(
        field(challenges::create(&state, &insider, &form("Ours", &open, "sessions", "3"), now).await.unwrap_err()),
        "community"
    );
    let open_id =
        challenges::create(&state, &owner, &form("Open sessions", &open, "sessions", "3"), now).await.unwrap();
    let closed_id = challenges::create(&state, &owner, &form("Closed days", &closed, "days", "2"), now).await.unwrap();

    let seen = challenges::list(&state, Some(&outsider), now).await.unwrap();
    let titles: Vec<_> = seen.active.iter().map(|c| c.title.as_str()).collect();
    assert_eq!(titles, vec!["Open sessions"], "a private community's challenge is hidden from outsiders");
    assert!(matches!(challenges::detail(&state, Some(&outsider), closed_id, now).await, Err(AppError::NotFound)));
    assert!(matches!(challenges::detail(&state, None, closed_id, now).await, Err(AppError::NotFound)));
    assert!(matches!(challenges::join(&state, &outsider, closed_id, now).await, Err(AppError::NotFound)));
    // Seeing a public community's challenge is not taking part in it.
    assert_eq!(field(challenges::join(&state, &outsider, open_id, now).await.unwrap_err()), "challenge");
    challenges::join(&state, &insider, open_id, now).await.unwrap();
    let mine = challenges::list(&state, Some(&owner), now).await.unwrap();
    assert_eq!(mine.active.len(), 2);
    assert!(mine.can_create);
    assert!(!challenges::list(&state, Some(&insider), now).await.unwrap().can_create);
}
