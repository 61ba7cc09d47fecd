//! Mentors, sessions and reviews, against a real database.

mod common;

use chrono::Utc;
use chrono_tz::Tz;
use common::TestApp;
use kindred::places::mentoring::{self, Target};
use kindred::places::model::{MentorForm, PlaceForm};
use kindred::places::service;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

async fn a_place(pool: &PgPool, who: &str) -> Uuid {
    let state = common::state(pool);
    let me = common::member(pool, who).await;
    let form = PlaceForm {
        name: "Quiet Cafe".into(),
        place_type: "coffee".into(),
        latitude: "51.5".into(),
        longitude: "-0.12".into(),
        ..Default::default()
    };
    service::propose(&state, &me, &form).await.unwrap()
}

async fn become_mentor(pool: &PgPool, who: &str, mode: &str) {
    let state = common::state(pool);
    let me = common::member(pool, who).await;
    let form = MentorForm {
        title: "Breathwork guide".into(),
        specializations: "breathwork, calm".into(),
        mode: mode.into(),
        available: Some("on".into()),
        ..Default::default()
    };
    mentoring::save_profile(&state, &me, &form).await.unwrap();
}

async fn rating(pool: &PgPool, sql: &str, id: Uuid) -> (f64, i32) {
    sqlx::query_as(sql).bind(id).fetch_one(pool).await.unwrap()
}

/// A place review needs a check-in there; one review per member, edited in place; the
/// average and count stay right.
#[sqlx::test]
async fn place_reviews_need_a_check_in_and_keep_the_average(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let cafe = a_place(&pool, "ana").await;
    let target = format!("place:{cafe}");
    let refused =
        app.post("/api/reviews/save", &[("target", &target), ("rating", "5"), ("body", "Lovely")], Some(&ben)).await;
    assert_eq!(refused.status, 409, "{}", refused.body);
    assert!(refused.body.contains("Check in here first"));
    let state = common::state(&pool);
    for who in ["ana", "ben"] {
        let m = common::member(&pool, who).await;
        service::check_in(&state, &m, cafe, "calm", "", Tz::UTC, Utc::now()).await.unwrap();
    }
    let bad = app.post("/api/reviews/save", &[("target", &target), ("rating", "6")], Some(&ben)).await;
    assert_eq!(bad.status, 422);
    assert!(bad.error().for_field("rating").is_some());
    assert_eq!(
        app.post("/api/reviews/save", &[("target", &target), ("rating", "5"), ("body", "Lovely")], Some(&ben))
            .await
            .status,
        200
    );
    assert_eq!(app.post("/api/reviews/save", &[("target", &target), ("rating", "2")], Some(&ana)).await.status, 200);
    let sql = "select rating::float8, review_count from places where place_id = $1";
    assert_eq!(rating(&pool, sql, cafe).await, (3.5, 2));
    // Editing replaces Ben's review instead of adding one.
    assert_eq!(app.post("/api/reviews/save", &[("target", &target), ("rating", "4")], Some(&ben)).await.status, 200);
    assert_eq!(rating(&pool, sql, cafe).await, (3.0, 2));
    let count: i64 = sqlx::query_scalar("select count(*) from reviews").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 2);

    // Ana flags Ben's review; a moderator removes it and the average follows.
    let bens: Uuid = sqlx::query_scalar(
        "select review_id from reviews r join members m on m.member_id = r.author_id where m.username = 'ben'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(
        app.post("/api/reviews/flag", &[("id", &bens.to_string()), ("reason", "Not about the place")], Some(&ana))
            .await
            .status,
        200
    );
    assert_eq!(
        app.post("/api/reviews/decide", &[("id", &bens.to_string()), ("decision", "remove")], Some(&ana)).await.status,
        403
    );
    let moda = app.sign_up("moda").await;
    sqlx::query("update members set site_role = 'moderator' where username = 'moda'").execute(&pool).await.unwrap();
    let flagged = app.get_accepting("/api/reviews/flagged", Some(&moda), "application/json").await;
    assert!(flagged.body.contains("Not about the place"), "{}", flagged.body);
    assert_eq!(
        app.post("/api/reviews/decide", &[("id", &bens.to_string()), ("decision", "remove")], Some(&moda)).await.status,
        200
    );
    assert_eq!(rating(&pool, sql, cafe).await, (2.0, 1));
}

/// Booking, confirming and completing a session; each side's notes stay private; a completed
/// session allows a review and counts on the member's journey; strangers can't touch it.
#[sqlx::test]
async fn sessions_flow_and_mentor_reviews(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let mia = app.sign_up("mia").await;
    let ben = app.sign_up("ben").await;
    let eve = app.sign_up("eve").await;
    become_mentor(&pool, "mia", "virtual").await;
    let when = (Utc::now() + chrono::Duration::days(3)).format("%Y-%m-%dT%H:%M").to_string();
    let in_person = app
        .post(
            "/api/mentors/book",
            &[("username", "mia"), ("starts_at", &when), ("duration_minutes", "60"), ("mode", "in_person")],
            Some(&ben),
        )
        .await;
    assert_eq!(in_person.status, 422, "Mia only meets online: {}", in_person.body);
    let past = app
        .post(
            "/api/mentors/book",
            &[("username", "mia"), ("starts_at", "2020-01-01T10:00"), ("duration_minutes", "60"), ("mode", "virtual")],
            Some(&ben),
        )
        .await;
    assert_eq!(past.status, 422);
    let booked = app
        .post(
            "/api/mentors/book",
            &[("username", "mia"), ("starts_at", &when), ("duration_minutes", "45"), ("mode", "virtual")],
            Some(&ben),
        )
        .await;
    assert_eq!(booked.status, 200, "{}", booked.body);
    let session: Uuid = serde_json::from_str(&booked.body).unwrap();
    let id = session.to_string();

    // Before the session, Ben cannot review Mia.
    let early = app.post("/api/reviews/save", &[("target", "mentor:mia"), ("rating", "5")], Some(&ben)).await;
    assert_eq!(early.status, 409);

    // Only the mentor confirms and completes; a stranger can't see the session at all.
    assert_eq!(app.post("/api/mentors/session", &[("id", &id), ("action", "confirm")], Some(&ben)).await.status, 403);
    assert_eq!(app.post("/api/mentors/session", &[("id", &id), ("action", "cancel")], Some(&eve)).await.status, 404);
    assert_eq!(app.post("/api/mentors/session", &[("id", &id), ("action", "confirm")], Some(&mia)).await.status, 200);

    // Private notes.
    assert_eq!(
        app.post(
            "/api/mentors/session",
            &[("id", &id), ("action", "notes"), ("notes", "Ben: shallow breath")],
            Some(&mia)
        )
        .await
        .status,
        200
    );
    assert_eq!(
        app.post(
            "/api/mentors/session",
            &[("id", &id), ("action", "notes"), ("notes", "Ask about box breathing")],
            Some(&ben)
        )
        .await
        .status,
        200
    );
    let bens = app.get_accepting("/api/mentors/sessions", Some(&ben), "application/json").await.body;
    assert!(bens.contains("Ask about box breathing") && !bens.contains("shallow breath"), "{bens}");
    let mias = app.get_accepting("/api/mentors/sessions", Some(&mia), "application/json").await.body;
    assert!(mias.contains("shallow breath") && !mias.contains("box breathing"), "{mias}");

    assert_eq!(app.post("/api/mentors/session", &[("id", &id), ("action", "complete")], Some(&mia)).await.status, 200);
    assert_eq!(
        app.post("/api/mentors/session", &[("id", &id), ("action", "cancel")], Some(&ben)).await.status,
        409,
        "already completed"
    );
    let journey_sessions: i32 = sqlx::query_scalar(
        "select j.mentor_sessions from journeys j join members m using (member_id) where m.username = 'ben'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(journey_sessions, 1);
    assert_eq!(
        app.post(
            "/api/reviews/save",
            &[("target", "mentor:mia"), ("rating", "5"), ("body", "Calm and clear")],
            Some(&ben)
        )
        .await
        .status,
        200
    );
    let (r, n): (f64, i32) =
        sqlx::query_as("select rating::float8, review_count from mentors").fetch_one(&pool).await.unwrap();
    assert_eq!((r, n,), (5.0, 1));
    // Mia can't review herself; Eve (no session) can't review her.
    assert_eq!(
        app.post("/api/reviews/save", &[("target", "mentor:mia"), ("rating", "5")], Some(&mia)).await.status,
        409
    );
    assert_eq!(
        app.post("/api/reviews/save", &[("target", "mentor:mia"), ("rating", "1")], Some(&eve)).await.status,
        409
    );
    let state = common::state(&pool);
    let page = mentoring::page(&state, None, "mia").await.unwrap();
    assert_eq!(page.mentor.session_count, 1);
    assert_eq!(page.reviews.count, 1);
    let _ = Target::Mentor(Uuid::nil());
}

/// Concurrent reviews of one place from many members all count.
#[sqlx::test]
async fn concurrent_reviews_keep_the_count(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("owner").await;
    let cafe = a_place(&pool, "owner").await;
    let state = common::state(&pool);
    let mut members = Vec::new();
    for i in 0..8 {
        let name = format!("rev{i}");
        app.sign_up(&name).await;
        let m = common::member(&pool, &name).await;
        service::check_in(&state, &m, cafe, "calm", "", Tz::UTC, Utc::now()).await.unwrap();
        members.push(m);
    }
    let handles: Vec<_> = members
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let state = state.clone();
            tokio::spawn(async move {
                mentoring::review(&state, &m, Target::Place(cafe), &((i % 5) + 1).to_string(), "").await
            })
        })
        .collect();
    for h in handles {
        h.await.unwrap().unwrap();
    }
    let (avg, n): (f64, i32) = sqlx::query_as("select rating::float8, review_count from places where place_id = $1")
        .bind(cafe)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(n, 8);
    // Ratings 1,2,3,4,5,1,2,3: 21 / 8 = 2.625, stored to two decimals.
    assert!((avg - 2.63).abs() < 0.001, "{avg}");
}
