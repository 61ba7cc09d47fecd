//! Practice against a real database: unlock rules, session rules, streaks across midnight and
//! DST with freezes, the daily XP cap, achievements earned once (also from a definition added as
//! data, and under concurrency), and the server functions over HTTP.

mod common;

use chrono::{DateTime, Duration, Utc};
use common::TestApp;
use kindred::error::AppError;
use kindred::practice::model::{CheckInForm, LibraryFilter, SessionForm};
use kindred::practice::service;
use kindred::server::state::AppState;
use kindred::startup::demo_practice::seed_library_if_empty;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// A timer session of `minutes` on `technique` that ended at `end`.
fn timed(technique: &str, end: DateTime<Utc>, minutes: i64) -> SessionForm {
    SessionForm {
        technique: technique.into(),
        started_at: (end - Duration::minutes(minutes)).to_rfc3339(),
        seconds: (minutes * 60).to_string(),
        ..Default::default()
    }
}

fn checked_in(mut f: SessionForm, before: i16, after: i16) -> SessionForm {
    f.check_in = "on".into();
    f.mood_before = before.to_string();
    f.mood_after = after.to_string();
    f
}

fn field_of(e: AppError) -> String {
    match e {
        AppError::Invalid { field, .. } => field,
        other => panic!("expected a field error, got {other:?}"),
    }
}

async fn setup(opts: PgConnectOptions, names: &[&str]) -> (TestApp, AppState) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    for n in names {
        app.sign_up(n).await;
    }
    let state = common::state(&pool);
    assert!(seed_library_if_empty(&state).await.unwrap());
    assert!(!seed_library_if_empty(&state).await.unwrap(), "seeding happens once");
    (app, state)
}

async fn set_zone(pool: &PgPool, username: &str, zone: &str) {
    sqlx::query("update members set time_zone = $2 where username = $1")
        .bind(username)
        .bind(zone)
        .execute(pool)
        .await
        .unwrap();
}

async fn count(pool: &PgPool, sql: &str, username: &str) -> i64 {
    sqlx::query_scalar::<_, i64>(sql).bind(username).fetch_one(pool).await.unwrap()
}

#[sqlx::test]
async fn a_locked_technique_says_what_is_missing_and_opens_in_the_session_that_meets_it(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let (app, state) = setup(opts, &["lena"]).await;
    let lena = common::member(&app.pool, "lena").await;
    let now = Utc::now();

    let lib = service::library(&state, Some(&lena), &LibraryFilter::default()).await.unwrap();
    assert!(lib.techniques.len() >= 20 && lib.categories.len() >= 4);
    let card = |slug: &str| lib.techniques.iter().find(|t| t.slug == slug).unwrap().clone();
    assert!(card("grounding-breath").unlocked && card("grounding-breath").gateway);
    assert!(!card("box-breathing").unlocked);
    assert!(lib.new_here);

    let locked =
        service::library(&state, Some(&lena), &LibraryFilter { status: "locked".into(), ..Default::default() })
            .await
            .unwrap();
    assert!(
        locked.techniques.iter().all(|t| !t.unlocked) && locked.techniques.iter().any(|t| t.slug == "box-breathing")
    );
    let found = service::library(&state, None, &LibraryFilter { q: "box".into(), ..Default::default() }).await.unwrap();
    assert_eq!(found.techniques.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), vec!["box-breathing"]);
    let bad = service::library(&state, None, &LibraryFilter { difficulty: "9".into(), ..Default::default() }).await;
    assert_eq!(field_of(bad.unwrap_err()), "difficulty");

    let detail = service::detail(&state, Some(&lena), "box-breathing").await.unwrap();
    let mine = detail.mine.unwrap();
    assert!(!mine.unlocked);
    assert_eq!(mine.missing, vec!["practise Grounding breath 3 more times"]);

    // Practising a locked technique is refused, and nothing is written.
    let refused = service::save_session(&state, &lena, &timed("box-breathing", now, 5), None, now).await.unwrap_err();
    assert_eq!(field_of(refused), "technique");
    assert_eq!(
        count(
            &app.pool,
            "select count(*) from practice_sessions s join members m using (member_id) where m.username = $1",
            "lena"
        )
        .await,
        0
    );

    for i in 0..2 {
        let saved = service::save_session(
            &state,
            &lena,
            &timed("grounding-breath", now - Duration::hours(3 - i), 5),
            None,
            now,
        )
        .await
        .unwrap();
        assert!(saved.unlocked.iter().all(|n| n != "Box breathing"));
    }
    let mine = service::detail(&state, Some(&lena), "box-breathing").await.unwrap().mine.unwrap();
    assert_eq!(mine.missing, vec!["practise Grounding breath 1 more time"]);
    let third =
        service::save_session(&state, &lena, &timed("grounding-breath", now - Duration::minutes(30), 5), None, now)
            .await
            .unwrap();
    assert!(third.unlocked.iter().any(|n| n == "Box breathing"), "unlocked in the third session: {:?}", third.unlocked);
    assert!(service::detail(&state, Some(&lena), "box-breathing").await.unwrap().mine.unwrap().unlocked);
    service::save_session(&state, &lena, &timed("box-breathing", now - Duration::minutes(10), 4), None, now)
        .await
        .unwrap();

    let gb = service::detail(&state, Some(&lena), "grounding-breath").await.unwrap().mine.unwrap();
    assert_eq!((gb.sessions, gb.minutes, gb.mastery), (3, 15, 1));
}

#[sqlx::test]
async fn sessions_are_checked_and_nothing_is_half_written(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["omar", "ines"]).await;
    let omar = common::member(&app.pool, "omar").await;
    let now = Utc::now();
    let first = checked_in(timed("grounding-breath", now - Duration::hours(1), 20), 4, 7);
    service::save_session(&state, &omar, &first, None, now).await.unwrap();

    let overlap = timed("rooted-standing", now - Duration::minutes(70), 20);
    assert_eq!(field_of(service::save_session(&state, &omar, &overlap, None, now).await.unwrap_err()), "start");
    let future = timed("rooted-standing", now + Duration::minutes(30), 10);
    assert_eq!(field_of(service::save_session(&state, &omar, &future, None, now).await.unwrap_err()), "start");
    let long = timed("rooted-standing", now - Duration::minutes(5), 4 * 60 + 1);
    assert_eq!(field_of(service::save_session(&state, &omar, &long, None, now).await.unwrap_err()), "duration");
    let mood = checked_in(timed("rooted-standing", now - Duration::minutes(5), 10), 0, 7);
    assert_eq!(field_of(service::save_session(&state, &omar, &mood, None, now).await.unwrap_err()), "mood_before");
    // A second check-in the same day: the whole session is refused, not saved without it.
    let twice = checked_in(timed("rooted-standing", now - Duration::minutes(5), 10), 5, 6);
    assert_eq!(field_of(service::save_session(&state, &omar, &twice, None, now).await.unwrap_err()), "check_in");
    let again = CheckInForm { mood_before: "5".into(), mood_after: "6".into(), ..Default::default() };
    assert_eq!(field_of(service::check_in(&state, &omar, &again, now).await.unwrap_err()), "check_in");
    let q = "select count(*) from practice_sessions s join members m using (member_id) where m.username = $1";
    assert_eq!(count(&app.pool, q, "omar").await, 1);
    let row: (i32, i32, i64) = sqlx::query_as(
        "select p.sessions, p.check_ins, p.seconds from practice_members p join members m using (member_id) where m.username = 'omar'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(row, (1, 1, 1200));

    // Overlap is per member: someone else may practise at the same time.
    let ines = common::member(&app.pool, "ines").await;
    service::save_session(&state, &ines, &timed("grounding-breath", now - Duration::hours(1), 20), None, now)
        .await
        .unwrap();
    // Logged by hand in the member's own zone.
    let by_hand = SessionForm {
        technique: "rooted-standing".into(),
        start_local: (now - Duration::hours(5)).format("%Y-%m-%dT%H:%M").to_string(),
        minutes: "15".into(),
        feedback: "good".into(),
        kind: "group".into(),
        ..Default::default()
    };
    service::save_session(&state, &ines, &by_hand, None, now).await.unwrap();
    let page = service::my_practice(&state, &ines, None, now).await.unwrap();
    assert_eq!(page.sessions, 2);
    assert_eq!(page.recent.len(), 2);
    assert_eq!(page.minutes, 35);
}

/// Check-ins count the member's local days: across midnight, across the spring DST change, and
/// with a freeze earned at 7 days that covers one missed day without lengthening the streak.
#[sqlx::test]
async fn streaks_follow_local_days_across_midnight_and_dst_with_freezes(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["rosa"]).await;
    set_zone(&app.pool, "rosa", "Europe/Berlin").await;
    let rosa = common::member(&app.pool, "rosa").await;
    let form = CheckInForm { mood_before: "5".into(), mood_after: "8".into(), ..Default::default() };
    // 23:30 on Friday 27 March (CET), then 00:30 on Saturday 28 March: two local days, one hour apart.
    let s = service::check_in(&state, &rosa, &form, at("2026-03-27T22:30:00Z")).await.unwrap();
    assert_eq!(s.streak, 1);
    let s = service::check_in(&state, &rosa, &form, at("2026-03-27T23:30:00Z")).await.unwrap();
    assert_eq!(s.streak, 2, "after local midnight it is a new day");
    // Sunday 29 March has 23 hours; 23:30 CEST is 21:30 UTC.
    let s = service::check_in(&state, &rosa, &form, at("2026-03-29T21:30:00Z")).await.unwrap();
    assert_eq!(s.streak, 3);
    let mut last = at("2026-03-29T21:30:00Z");
    for day in 30..=31 {
        last = at(&format!("2026-03-{day}T07:00:00Z"));
        service::check_in(&state, &rosa, &form, last).await.unwrap();
    }
    for day in 1..=2 {
        last = at(&format!("2026-04-0{day}T07:00:00Z"));
        let s = service::check_in(&state, &rosa, &form, last).await.unwrap();
        if day == 2 {
            assert_eq!(s.streak, 7);
            assert!(s.freeze_earned, "a 7-day streak earns a freeze");
        }
    }
    // 3 April missed; on 4 April the freeze covers it: kept, not lengthened.
    let page = service::my_practice(&state, &rosa, None, at("2026-04-04T07:00:00Z")).await.unwrap();
    assert_eq!((page.streak.current, page.streak.freezes), (7, 0), "the freeze is spent on the missed day");
    let frozen: Vec<_> = page.days.iter().filter(|(_, m)| *m == kindred::practice::model::DayMark::Frozen).collect();
    assert_eq!(frozen.len(), 1);
    assert_eq!(frozen[0].0.to_string(), "2026-04-03");
    let s = service::check_in(&state, &rosa, &form, at("2026-04-04T07:00:00Z")).await.unwrap();
    assert_eq!(s.streak, 8);
    // Two missed days and no freeze left: the streak ends.
    let s = service::check_in(&state, &rosa, &form, at("2026-04-07T07:00:00Z")).await.unwrap();
    assert_eq!(s.streak, 1);
    let longest: i32 = sqlx::query_scalar(
        "select longest_streak from practice_members p join members m using (member_id) where m.username = 'rosa'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(longest, 8);
    let _ = last;
}

#[sqlx::test]
async fn category_xp_is_capped_per_day_and_the_guide_gains_once_per_session(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["kai"]).await;
    let kai = common::member(&app.pool, "kai").await;
    let answers = kindred::oracle::model::QuestionnaireForm { spiritual: "yes".into(), ..Default::default() };
    kindred::oracle::service::take_questionnaire(&state, &kai, answers).await.unwrap();
    let now = Utc::now();
    let a = service::save_session(&state, &kai, &timed("grounding-breath", now - Duration::hours(5), 180), None, now)
        .await
        .unwrap();
    assert_eq!((a.xp, a.capped), (60, true), "a 3-hour timer earns the day's cap, not 185");
    let b = service::save_session(&state, &kai, &timed("grounding-breath", now - Duration::minutes(10), 30), None, now)
        .await
        .unwrap();
    assert_eq!(b.xp, 0);
    // Another category has its own cap.
    let c = service::save_session(&state, &kai, &timed("rooted-standing", now - Duration::minutes(50), 20), None, now)
        .await
        .unwrap();
    assert_eq!(c.xp, 25);
    let guide: Vec<i32> = sqlx::query_scalar(
        "select e.gain from guide_xp_events e join members m using (member_id)
         where m.username = 'kai' and e.action = 'practice' order by e.created_at",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(guide, vec![10, 10], "the guide gains once per session that earned XP");
}

#[sqlx::test]
async fn achievements_are_data_and_earned_once_even_when_actions_race(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["noor"]).await;
    let noor = common::member(&app.pool, "noor").await;
    // A definition added as a row, no code.
    sqlx::query(
        "insert into achievements (slug, name, description, points, criteria)
         values ('two-sessions', 'Twice is a habit', 'Two sessions', 5, '{\"type\":\"sessions\",\"value\":2}')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let now = Utc::now();
    let first =
        service::save_session(&state, &noor, &timed("grounding-breath", now - Duration::hours(4), 5), None, now)
            .await
            .unwrap();
    assert!(
        first.achievements.iter().any(|a| a == "First step"),
        "the first session earns one: {:?}",
        first.achievements
    );
    let progress = service::achievements(&state, &noor).await.unwrap();
    let two = progress.in_progress.iter().find(|a| a.slug == "two-sessions").expect("listed with progress");
    assert_eq!((two.progress, two.target), (1, 2));
    assert!(progress.in_progress.iter().all(|a| a.slug != "streak-100"), "hidden ones only once earned");
    assert!(progress.hidden_left >= 2);

    // Two sessions saved at once: the second session earns it once.
    let (f1, f2) =
        (timed("grounding-breath", now - Duration::hours(2), 5), timed("rooted-standing", now - Duration::hours(1), 5));
    let (s1, s2) = tokio::join!(
        service::save_session(&state, &noor, &f1, None, now),
        service::save_session(&state, &noor, &f2, None, now),
    );
    let earned: Vec<String> = [s1.unwrap(), s2.unwrap()].into_iter().flat_map(|s| s.achievements).collect();
    assert_eq!(earned.iter().filter(|a| *a == "Twice is a habit").count(), 1, "{earned:?}");
    let rows = count(
        &app.pool,
        "select count(*) from member_achievements ma join achievements a using (achievement_id)
         join members m on m.member_id = ma.member_id where a.slug = 'two-sessions' and m.username = $1",
        "noor",
    )
    .await;
    assert_eq!(rows, 1);
    let notes = count(
        &app.pool,
        "select count(*) from notifications n join members m using (member_id)
         where m.username = $1 and n.kind = 'achievement' and n.message like '%Twice is a habit%'",
        "noor",
    )
    .await;
    assert_eq!(notes, 1);
    // Muted kinds are not sent.
    sqlx::query("insert into notification_mutes (member_id, kind) select member_id, 'achievement' from members where username = 'noor'")
        .execute(&app.pool)
        .await
        .unwrap();
    sqlx::query(
        "insert into achievements (slug, name, points, criteria) values ('three', 'Three', 5, '{\"type\":\"sessions\",\"value\":3}')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let s = service::save_session(&state, &noor, &timed("grounding-breath", now - Duration::minutes(20), 5), None, now)
        .await
        .unwrap();
    assert!(s.achievements.contains(&"Three".to_string()));
    let muted = count(
        &app.pool,
        "select count(*) from notifications n join members m using (member_id) where m.username = $1 and n.message like '%: Three'",
        "noor",
    )
    .await;
    assert_eq!(muted, 0);
}

/// The server functions: struct arguments with every field empty decode, the write needs a
/// session, and a field error comes back as 422 naming the field.
#[sqlx::test]
async fn the_practice_endpoints_answer_over_http(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, _state) = setup(opts, &["tara"]).await;
    let cookie = app.sign_up("tomas_p").await;
    let res = app.get_accepting("/api/practice/library", None, "application/json").await;
    assert_eq!(res.status, 200, "{}", res.body);
    let res = app.get("/practice", None).await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("Grounding breath"));
    let res = app.get("/practice/t/box-breathing", Some(&cookie)).await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("practise Grounding breath 3 more times"), "the locked page says what is missing");
    assert_eq!(app.get("/practice/t/no-such-thing", None).await.status, 404);

    let end = Utc::now() - Duration::minutes(1);
    let start = (end - Duration::minutes(10)).to_rfc3339();
    let form = [
        ("session[technique]", "grounding-breath"),
        ("session[started_at]", start.as_str()),
        ("session[seconds]", "600"),
        ("session[feedback]", "good"),
    ];
    assert_eq!(app.post("/api/practice/session", &form, None).await.status, 401);
    let res = app.post("/api/practice/session", &form, Some(&cookie)).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let bad =
        [("session[technique]", "grounding-breath"), ("session[start_local]", "yesterday"), ("session[minutes]", "5")];
    let res = app.post("/api/practice/session", &bad, Some(&cookie)).await;
    assert_eq!(res.status, 422, "{}", res.body);
    assert!(res.body.contains("\"field\":\"start\""), "{}", res.body);
    let res = app.get("/practice/me", Some(&cookie)).await;
    assert_eq!(res.status, 200);
    assert!(res.body.contains("Grounding breath"));
    assert_eq!(app.get_accepting("/api/practice/mine", None, "application/json").await.status, 401);
}

/// The evening reminder goes once per local day, only to streaks at risk, whatever races.
#[sqlx::test]
async fn the_streak_reminder_comes_once_in_the_evening(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["eve", "dawn"]).await;
    set_zone(&app.pool, "eve", "America/New_York").await;
    let eve = common::member(&app.pool, "eve").await;
    let dawn = common::member(&app.pool, "dawn").await;
    let form = CheckInForm { mood_before: "5".into(), mood_after: "7".into(), ..Default::default() };
    // Eve checked in on Monday 9 March (New York); Dawn (UTC) checks in on Tuesday too.
    service::check_in(&state, &eve, &form, at("2026-03-09T15:00:00Z")).await.unwrap();
    service::check_in(&state, &dawn, &form, at("2026-03-09T15:00:00Z")).await.unwrap();
    service::check_in(&state, &dawn, &form, at("2026-03-10T09:00:00Z")).await.unwrap();
    // Tuesday 14:00 in New York: not evening yet.
    assert_eq!(service::send_streak_reminders(&app.pool, at("2026-03-10T18:00:00Z")).await.unwrap(), 0);
    // Tuesday 20:00 in New York (00:00 Wednesday UTC): two instances at once send one reminder.
    let t = at("2026-03-11T00:00:00Z");
    let (a, b) =
        tokio::join!(service::send_streak_reminders(&app.pool, t), service::send_streak_reminders(&app.pool, t));
    assert_eq!(a.unwrap() + b.unwrap(), 1, "Eve only: Dawn's streak is not at risk on her Wednesday morning");
    assert_eq!(service::send_streak_reminders(&app.pool, at("2026-03-11T02:00:00Z")).await.unwrap(), 0, "once a day");
    let notes = count(
        &app.pool,
        "select count(*) from notifications n join members m using (member_id)
         where m.username = $1 and n.kind = 'achievement' and n.message like '%streak is waiting%'",
        "eve",
    )
    .await;
    assert_eq!(notes, 1);
    // Thursday evening: Wednesday was missed and she holds no freeze, so nothing is at risk any more.
    assert_eq!(service::send_streak_reminders(&app.pool, at("2026-03-13T00:30:00Z")).await.unwrap(), 0);
}
