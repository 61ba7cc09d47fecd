//! Practice among peers against a real database: privacy in every leaderboard and every read of
//! sessions, validation rules, and verification with concurrent reviewers.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::TestApp;
use kindred::error::AppError;
use kindred::practice::model::{BoardQuery, PrivacyForm, SessionForm, VerificationForm, VerificationStatus};
use kindred::practice::repo::catalogue;
use kindred::practice::service;
use kindred::server::state::AppState;
use kindred::startup::demo_practice::seed_library_if_empty;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

fn timed(technique: &str, end: DateTime<Utc>, minutes: i64) -> SessionForm {
    SessionForm {
        technique: technique.into(),
        started_at: (end - Duration::minutes(minutes)).to_rfc3339(),
        seconds: (minutes * 60).to_string(),
        ..Default::default()
    }
}

async fn setup(opts: PgConnectOptions, names: &[&str]) -> (TestApp, AppState) {
    let pool = common::connect(opts).await;
    let mut config = kindred::server::config::Config::for_tests();
    config.limits.signup_per_ip = 100;
    let app = TestApp::with_config(pool.clone(), config);
    for n in names {
        app.sign_up(n).await;
    }
    let state = common::state(&pool);
    seed_library_if_empty(&state).await.unwrap();
    (app, state)
}

/// `n` sessions of `minutes` each, an hour apart, ending before now.
async fn practise(state: &AppState, who: &str, pool: &PgPool, technique: &str, n: i64, minutes: i64) -> Vec<Uuid> {
    let me = common::member(pool, who).await;
    let now = Utc::now();
    let mut ids = Vec::new();
    for i in 0..n {
        let s = service::save_session(state, &me, &timed(technique, now - Duration::hours(i + 1), minutes), None, now)
            .await
            .unwrap();
        ids.push(s.session_id.unwrap());
    }
    ids
}

async fn set_privacy(state: &AppState, pool: &PgPool, who: &str, sessions: &str, leaderboards: bool) {
    let me = common::member(pool, who).await;
    let form = PrivacyForm {
        profile: "public".into(),
        sessions: sessions.into(),
        leaderboards: if leaderboards { "on".into() } else { String::new() },
    };
    service::save_privacy(state, &me, &form).await.unwrap();
}

fn refused(e: AppError) -> String {
    match e {
        AppError::Invalid { field, .. } => format!("invalid:{field}"),
        AppError::Refused(_) => "refused".into(),
        AppError::NotFound => "not found".into(),
        other => format!("{other:?}"),
    }
}

/// Leaderboards list only members who opted in (also after they practised before opting in, and
/// not after they opt out), with ranks; a member's sessions reach only the audience they chose.
#[sqlx::test]
async fn leaderboards_and_session_reads_respect_every_choice(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["ana", "ben", "cleo", "dov"]).await;
    let pool = &app.pool;
    // Ben practised before opting in: his week counts once he does.
    practise(&state, "ben", pool, "grounding-breath", 2, 20).await;
    set_privacy(&state, pool, "ana", "everyone", true).await;
    set_privacy(&state, pool, "ben", "connections", true).await;
    set_privacy(&state, pool, "cleo", "only_me", false).await;
    practise(&state, "ana", pool, "grounding-breath", 1, 30).await;
    practise(&state, "cleo", pool, "grounding-breath", 3, 45).await;
    let dov = common::member(pool, "dov").await;
    let now = Utc::now();

    let week = service::leaderboard(&state, &dov, &BoardQuery::default(), now).await.unwrap();
    let names: Vec<_> = week.rows.iter().map(|r| (r.username.as_str(), r.rank, r.value)).collect();
    assert_eq!(names, vec![("ben", 1, 40), ("ana", 2, 30)], "Cleo practised most but did not opt in");
    assert_eq!(week.mine, None);
    assert!(!week.opted_in);
    let cleo = common::member(pool, "cleo").await;
    let hers = service::leaderboard(&state, &cleo, &BoardQuery::default(), now).await.unwrap();
    assert_eq!(hers.mine, None, "no rank for a member who is not listed");
    let ana = common::member(pool, "ana").await;
    let mine = service::leaderboard(&state, &ana, &BoardQuery::default(), now).await.unwrap();
    assert_eq!(mine.mine, Some((2, 30)));
    let breath = BoardQuery { board: "category".into(), category: "breath".into(), ..Default::default() };
    let cat = service::leaderboard(&state, &dov, &breath, now).await.unwrap();
    assert!(cat.rows.iter().all(|r| r.username != "cleo") && cat.rows.len() == 2);
    let grounding = BoardQuery { board: "category".into(), category: "grounding".into(), ..Default::default() };
    assert!(service::leaderboard(&state, &dov, &grounding, now).await.unwrap().rows.is_empty());

    // Streaks: only listed members.
    let form =
        kindred::practice::model::CheckInForm { mood_before: "5".into(), mood_after: "6".into(), ..Default::default() };
    for who in ["ana", "cleo"] {
        service::check_in(&state, &common::member(pool, who).await, &form, now).await.unwrap();
    }
    let streaks = BoardQuery { board: "streak".into(), ..Default::default() };
    let s = service::leaderboard(&state, &dov, &streaks, now).await.unwrap();
    assert_eq!(s.rows.iter().map(|r| r.username.as_str()).collect::<Vec<_>>(), vec!["ana"]);

    // A community board: its members only, and only to its members.
    let slug = kindred::communities::service::create(
        &state,
        &ana,
        kindred::communities::service::NewCommunity {
            name: "Morning Breath",
            slug: "morning-breath",
            description: "",
            visibility: "public",
        },
    )
    .await
    .unwrap();
    kindred::communities::service::join(&state, cleo.member_id, &slug, "").await.unwrap();
    let community = BoardQuery { board: "community".into(), community: slug.clone(), ..Default::default() };
    let c = service::leaderboard(&state, &cleo, &community, now).await.unwrap();
    assert_eq!(
        c.rows.iter().map(|r| r.username.as_str()).collect::<Vec<_>>(),
        vec!["ana"],
        "Cleo is a member but not listed"
    );
    assert_eq!(refused(service::leaderboard(&state, &dov, &community, now).await.unwrap_err()), "invalid:community");

    // Opting out removes a member from every board at once.
    set_privacy(&state, pool, "ben", "connections", false).await;
    let week = service::leaderboard(&state, &dov, &BoardQuery::default(), now).await.unwrap();
    assert_eq!(week.rows.iter().map(|r| r.username.as_str()).collect::<Vec<_>>(), vec!["ana"]);

    // Sessions: everyone (Ana), connections (Ben), only me (Cleo).
    let seen = |p: &kindred::practice::model::PeerPractice| (p.sessions_visible, p.sessions.len());
    assert_eq!(seen(&service::peer_practice(&state, None, "ana").await.unwrap()), (true, 1));
    assert_eq!(seen(&service::peer_practice(&state, Some(&dov), "ben").await.unwrap()), (false, 0));
    let ben = common::member(pool, "ben").await;
    {
        let mut conn = pool.acquire().await.unwrap();
        kindred::people::repo::connect(&mut conn, ben.member_id, dov.member_id).await.unwrap();
    }
    assert_eq!(seen(&service::peer_practice(&state, Some(&dov), "ben").await.unwrap()), (true, 2));
    assert_eq!(seen(&service::peer_practice(&state, Some(&ana), "ben").await.unwrap()), (false, 0));
    assert_eq!(seen(&service::peer_practice(&state, Some(&dov), "cleo").await.unwrap()), (false, 0));
    assert_eq!(seen(&service::peer_practice(&state, Some(&cleo), "cleo").await.unwrap()), (true, 3));
    // And over HTTP, nothing of Cleo's sessions leaves the server for anyone else.
    let cookie = app.sign_up("eli").await;
    let res = app.get_accepting("/api/practice/member?username=cleo", Some(&cookie), "application/json").await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("\"sessions\":[]"), "{}", res.body);
    let res = app.get_accepting("/api/practice/leaderboard", Some(&cookie), "application/json").await;
    assert_eq!(res.status, 200);
    assert!(!res.body.contains("cleo") && !res.body.contains("\"ben\""), "{}", res.body);
    assert_eq!(app.get_accepting("/api/practice/leaderboard", None, "application/json").await.status, 401);
    // Validating a session one may not see is as if it did not exist.
    let cleos: Uuid = sqlx::query_scalar(
        "select s.session_id from practice_sessions s join members m using (member_id) where m.username = 'cleo' limit 1",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    practise(&state, "dov", pool, "rooted-standing", 5, 5).await;
    let e = service::validate(&state, &dov, cleos, "helpful", "", now).await.unwrap_err();
    assert_eq!(refused(e), "not found");

    // A members-only profile is hidden from visitors, with its practice.
    let form = PrivacyForm { profile: "members".into(), sessions: "everyone".into(), leaderboards: "on".into() };
    service::save_privacy(&state, &ana, &form).await.unwrap();
    assert!(matches!(service::peer_practice(&state, None, "ana").await, Err(AppError::Unauthorized)));
    assert_eq!(app.get_accepting("/api/members/profile?username=ana", None, "application/json").await.status, 401);
    let directory = app.get_accepting("/api/members/directory", None, "application/json").await;
    assert!(!directory.body.contains("\"ana\""), "{}", directory.body);

    // A block, either way, hides a member's practice page from the other.
    assert!(service::peer_practice(&state, Some(&dov), "ana").await.is_ok());
    sqlx::query("insert into blocks (blocker_id, blocked_id) values ($1, $2)")
        .bind(ana.member_id)
        .bind(dov.member_id)
        .execute(pool)
        .await
        .unwrap();
    assert!(matches!(service::peer_practice(&state, Some(&dov), "ana").await, Err(AppError::NotFound)));
    assert!(matches!(service::peer_practice(&state, Some(&ana), "dov").await, Err(AppError::NotFound)));
    assert!(service::peer_practice(&state, Some(&ana), "ana").await.is_ok());
}

#[sqlx::test]
async fn validations_need_practice_and_count_once(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["owner", "newbie", "val1", "val2", "val3"]).await;
    let pool = &app.pool;
    set_privacy(&state, pool, "owner", "everyone", false).await;
    let sessions = practise(&state, "owner", pool, "grounding-breath", 1, 10).await;
    let session = sessions[0];
    let now = Utc::now();
    let owner = common::member(pool, "owner").await;
    let newbie = common::member(pool, "newbie").await;

    assert_eq!(
        refused(service::validate(&state, &newbie, session, "authentic", "", now).await.unwrap_err()),
        "refused"
    );
    assert_eq!(
        refused(service::validate(&state, &owner, session, "authentic", "", now).await.unwrap_err()),
        "invalid:session"
    );
    for v in ["val1", "val2", "val3"] {
        practise(&state, v, pool, "rooted-standing", 5, 5).await;
    }
    let (v1, v2, v3) =
        (common::member(pool, "val1").await, common::member(pool, "val2").await, common::member(pool, "val3").await);
    let bad = service::validate(&state, &v1, session, "wonderful", "", now).await.unwrap_err();
    assert_eq!(refused(bad), "invalid:kind");
    // Three validators at once: three validations, counted exactly.
    let (a, b, c) = tokio::join!(
        service::validate(&state, &v1, session, "authentic", "Steady breath.", now),
        service::validate(&state, &v2, session, "helpful", "", now),
        service::validate(&state, &v3, session, "inspiring", "", now),
    );
    a.unwrap();
    b.unwrap();
    c.unwrap();
    let count: i32 = sqlx::query_scalar("select validations from practice_sessions where session_id = $1")
        .bind(session)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(count, 3);
    assert_eq!(
        refused(service::validate(&state, &v1, session, "helpful", "", now).await.unwrap_err()),
        "invalid:session"
    );
    // XP to both sides: the owner's breath XP grew by 3 × 2.
    let xp: i32 = sqlx::query_scalar(
        "select x.xp from practice_xp x join practice_categories c using (category_id) where x.member_id = $1 and c.slug = 'breath'",
    )
    .bind(owner.member_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(xp, 15 + 6);
    let given: i32 = sqlx::query_scalar("select validations_given from practice_members where member_id = $1")
        .bind(v1.member_id)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(given, 1);
    let p = service::peer_practice(&state, Some(&v1), "owner").await.unwrap();
    assert_eq!(p.sessions[0].validations, 3);
    assert!(!p.sessions[0].can_validate, "already validated by this viewer");
    assert!(p.sessions[0].session.notes.is_empty(), "notes stay private");
}

/// Three authentic reviews verify; ten reviewers at once still count exactly (three reviews, one
/// verification, one notification); no self review, no review by the unverified, one each.
#[sqlx::test]
async fn verification_counts_exactly_with_concurrent_reviewers(_: PgPoolOptions, opts: PgConnectOptions) {
    let names: Vec<String> = (0..10).map(|i| format!("rev{i}")).collect();
    let mut all: Vec<&str> = vec!["learner", "stranger", "mod"];
    all.extend(names.iter().map(String::as_str));
    let (app, state) = setup(opts, &all).await;
    let pool = &app.pool;
    catalogue::upsert_technique(
        pool,
        catalogue::NewTechnique {
            slug: "test-verified",
            category_slug: "energy",
            name: "Verified test technique",
            summary: "",
            guide: "",
            media_url: None,
            minutes: 10,
            difficulty: 4,
            prerequisite_slug: None,
            unlock: serde_json::json!({}),
            gateway: true,
            requires_verification: true,
            questions: vec!["What do you feel?".into(), "What changed?".into()],
            active: true,
            created_by: None,
        },
    )
    .await
    .unwrap()
    .unwrap();
    let learner = common::member(pool, "learner").await;
    let form = VerificationForm {
        technique: "test-verified".into(),
        answers: vec!["Warmth in the hands.".into(), "I sleep better.".into()],
        anonymous: "on".into(),
    };
    // Practice first.
    assert_eq!(refused(service::request_verification(&state, &learner, &form).await.unwrap_err()), "invalid:technique");
    practise(&state, "learner", pool, "test-verified", 3, 10).await;
    let short = VerificationForm { answers: vec!["Only one".into()], ..form.clone() };
    assert_eq!(refused(service::request_verification(&state, &learner, &short).await.unwrap_err()), "invalid:answers");
    service::request_verification(&state, &learner, &form).await.unwrap();
    assert_eq!(refused(service::request_verification(&state, &learner, &form).await.unwrap_err()), "invalid:technique");
    let request: Uuid =
        sqlx::query_scalar("select request_id from verification_requests").fetch_one(pool).await.unwrap();

    let stranger = common::member(pool, "stranger").await;
    assert!(service::review_queue(&state, &stranger).await.unwrap().is_empty());
    assert_eq!(
        refused(service::review(&state, &stranger, request, "yes", "", Utc::now()).await.unwrap_err()),
        "refused"
    );
    assert_eq!(
        refused(service::review(&state, &learner, request, "yes", "", Utc::now()).await.unwrap_err()),
        "invalid:request"
    );
    sqlx::query("update members set site_role = 'moderator' where username = 'mod'").execute(pool).await.unwrap();
    let moderator = common::member(pool, "mod").await;
    let queue = service::review_queue(&state, &moderator).await.unwrap();
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].member, None, "anonymous to reviewers");
    assert_eq!(queue[0].answers[0], ("What do you feel?".to_string(), "Warmth in the hands.".to_string()));

    // Ten members verified in the technique review at once.
    sqlx::query(
        "insert into member_techniques (member_id, technique_id, verified_at)
         select m.member_id, t.technique_id, now() from members m, techniques t
         where m.username like 'rev%' and t.slug = 'test-verified'",
    )
    .execute(pool)
    .await
    .unwrap();
    let mut reviewers = Vec::new();
    for n in &names {
        reviewers.push(common::member(pool, n).await);
    }
    assert_eq!(service::review_queue(&state, &reviewers[0]).await.unwrap().len(), 1);
    let results = futures_util::future::join_all(
        reviewers.iter().map(|r| service::review(&state, r, request, "yes", "Rings true.", Utc::now())),
    )
    .await;
    let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 3, "three reviews decide; the rest find it decided: {results:?}");
    assert_eq!(ok.iter().filter(|s| ***s == VerificationStatus::Verified).count(), 1);
    let (status, yes, reviews): (String, i32, i64) = sqlx::query_as(
        "select r.status::text, r.authentic, (select count(*) from verification_reviews v where v.request_id = r.request_id)
         from verification_requests r",
    )
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!((status.as_str(), yes, reviews), ("verified", 3, 3));
    let (verified, mastery): (i32, i16) = sqlx::query_as(
        "select p.verified, mt.mastery from practice_members p
         join member_techniques mt on mt.member_id = p.member_id
         join techniques t on t.technique_id = mt.technique_id and t.slug = 'test-verified'
         where p.member_id = $1",
    )
    .bind(learner.member_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!((verified, mastery), (1, 5));
    let notes: i64 = sqlx::query_scalar(
        "select count(*) from notifications where member_id = $1 and message like 'Your peers verified%'",
    )
    .bind(learner.member_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(notes, 1);
    let earned: i64 = sqlx::query_scalar(
        "select count(*) from member_achievements ma join achievements a using (achievement_id)
         where ma.member_id = $1 and a.criteria->>'type' = 'verified'",
    )
    .bind(learner.member_id)
    .fetch_one(pool)
    .await
    .unwrap();
    assert_eq!(earned, 1, "the verified achievement");
    let page = service::detail(&state, Some(&learner), "test-verified").await.unwrap().mine.unwrap();
    assert!(page.verified);
}
