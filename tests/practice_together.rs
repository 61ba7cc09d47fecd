//! Practising together and first-visit paths against a real database: an event that names a
//! technique (only a practising kind may), logged once in one click by those who went (group) and
//! those who ran it (teaching), never by others or before it ends; and a newcomer's chosen path.

mod common;

use chrono::{Duration, Utc};
use common::TestApp;
use kindred::error::AppError;
use kindred::events::model::{EventForm, RsvpStatus};
use kindred::events::service as events;
use kindred::practice::model::{LibraryFilter, SessionForm};
use kindred::practice::service;
use kindred::server::state::AppState;
use kindred::startup::demo_practice::seed_library_if_empty;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

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

fn class(kind: &str, technique: &str) -> EventForm {
    let start = Utc::now() + Duration::days(2);
    let tz = "Europe/Berlin";
    let local =
        |t: chrono::DateTime<Utc>| t.with_timezone(&chrono_tz::Europe::Berlin).format("%Y-%m-%dT%H:%M").to_string();
    EventForm {
        title: "Breath circle in the park".into(),
        event_type: kind.into(),
        technique: technique.into(),
        starts_local: local(start),
        ends_local: local(start + Duration::minutes(90)),
        time_zone: tz.into(),
        mode: "in_person".into(),
        city: "Berlin".into(),
        status: "published".into(),
        ..Default::default()
    }
}

#[sqlx::test]
async fn people_who_went_log_an_event_once_as_group_or_teaching(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["olga", "ana", "ben", "cai"]).await;
    let pool = &app.pool;
    let olga = common::member(pool, "olga").await;
    let ana = common::member(pool, "ana").await;
    let ben = common::member(pool, "ben").await;
    let cai = common::member(pool, "cai").await;

    // Only a practising kind names a technique, and only one from the library.
    assert_eq!(
        field(events::create_event(&state, &olga, &class("milonga", "box-breathing")).await.unwrap_err()),
        "technique"
    );
    assert_eq!(
        field(events::create_event(&state, &olga, &class("class", "no-such-thing")).await.unwrap_err()),
        "technique"
    );
    let event = events::create_event(&state, &olga, &class("group_practice", "box-breathing")).await.unwrap();
    let viewer = events::viewer(&state, Some(ana.clone())).await.unwrap();
    let detail = events::detail(&state, &viewer, event).await.unwrap();
    assert_eq!(detail.technique.as_ref().map(|t| t.slug.as_str()), Some("box-breathing"));
    assert!(!detail.ended);
    // The editor keeps it.
    assert_eq!(events::editor(&state, &olga, event).await.unwrap().form.technique, "box-breathing");

    events::rsvp(&state, &ana, event, Some(RsvpStatus::Going)).await.unwrap();
    events::rsvp(&state, &ben, event, Some(RsvpStatus::Interested)).await.unwrap();
    let now = Utc::now();
    // Not over yet: nothing to log.
    assert!(service::events_practised(&state, &ana, now).await.unwrap().is_empty());
    assert!(matches!(service::log_event_session(&state, &ana, event, now).await, Err(AppError::NotFound)));

    // It took place yesterday evening.
    sqlx::query(
        "update events set starts_at = now() - interval '26 hours', ends_at = now() - interval '24 hours 30 minutes'
         where event_id = $1",
    )
    .bind(event)
    .execute(pool)
    .await
    .unwrap();
    let now = Utc::now();
    let listed = service::events_practised(&state, &ana, now).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!((listed[0].minutes, listed[0].teaching, listed[0].logged), (90, false, false));
    assert_eq!(listed[0].technique_name, "Box breathing");

    // Box breathing is locked for a newcomer; practising it with a teacher opens it.
    let saved = service::log_event_session(&state, &ana, event, now).await.unwrap();
    assert!(saved.session_id.is_some() && saved.xp > 0);
    assert_eq!(saved.unlocked, vec!["Box breathing".to_string()]);
    let (kind, event_of, seconds): (String, Option<uuid::Uuid>, i32) =
        sqlx::query_as("select kind::text, event_id, seconds from practice_sessions where member_id = $1")
            .bind(ana.member_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert_eq!((kind.as_str(), event_of, seconds), ("group", Some(event), 90 * 60));
    assert!(service::events_practised(&state, &ana, now).await.unwrap()[0].logged);
    // Once.
    assert_eq!(field(service::log_event_session(&state, &ana, event, now).await.unwrap_err()), "event");
    // And afterwards the technique is open for solo sessions too.
    let solo = SessionForm {
        technique: "box-breathing".into(),
        started_at: (now - Duration::hours(3)).to_rfc3339(),
        seconds: "600".into(),
        ..Default::default()
    };
    service::save_session(&state, &ana, &solo, None, now).await.unwrap();

    // Interested is not going; a stranger did not go.
    assert!(matches!(service::log_event_session(&state, &ben, event, now).await, Err(AppError::NotFound)));
    assert!(matches!(service::log_event_session(&state, &cai, event, now).await, Err(AppError::NotFound)));
    assert!(service::events_practised(&state, &cai, now).await.unwrap().is_empty());

    // The organiser logs it as teaching.
    let t = service::log_event_session(&state, &olga, event, now).await.unwrap();
    let kind: String = sqlx::query_scalar("select kind::text from practice_sessions where session_id = $1")
        .bind(t.session_id.unwrap())
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(kind, "teaching");

    // A session that overlaps one already logged is refused with nothing half-written.
    let sessions_before: i64 =
        sqlx::query_scalar("select count(*) from practice_sessions").fetch_one(pool).await.unwrap();
    let overlapping = SessionForm {
        technique: "grounding-breath".into(),
        started_at: (now - Duration::hours(25)).to_rfc3339(),
        seconds: "600".into(),
        ..Default::default()
    };
    assert_eq!(field(service::save_session(&state, &ana, &overlapping, None, now).await.unwrap_err()), "start");
    let sessions_after: i64 =
        sqlx::query_scalar("select count(*) from practice_sessions").fetch_one(pool).await.unwrap();
    assert_eq!(sessions_before, sessions_after);

    // Cancelled events and events older than 30 days are not offered.
    sqlx::query("update events set starts_at = now() - interval '40 days', ends_at = now() - interval '40 days' + interval '1 hour'")
        .execute(pool)
        .await
        .unwrap();
    assert!(service::events_practised(&state, &olga, Utc::now()).await.unwrap().is_empty());
}

#[sqlx::test]
async fn logging_runs_once_when_clicked_twice_at_once(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["olga", "ana"]).await;
    let pool = &app.pool;
    let olga = common::member(pool, "olga").await;
    let ana = common::member(pool, "ana").await;
    let event = events::create_event(&state, &olga, &class("class", "grounding-breath")).await.unwrap();
    events::rsvp(&state, &ana, event, Some(RsvpStatus::Going)).await.unwrap();
    sqlx::query("update events set starts_at = now() - interval '3 hours', ends_at = now() - interval '2 hours'")
        .execute(pool)
        .await
        .unwrap();
    let now = Utc::now();
    let (a, b) = tokio::join!(
        service::log_event_session(&state, &ana, event, now),
        service::log_event_session(&state, &ana, event, now)
    );
    assert_eq!([a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(), 1);
    let n: i64 = sqlx::query_scalar("select sessions::bigint from practice_members where member_id = $1")
        .bind(ana.member_id)
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(n, 1);
}

#[sqlx::test]
async fn a_newcomer_chooses_a_path_and_sees_where_to_begin(_: PgPoolOptions, opts: PgConnectOptions) {
    let (app, state) = setup(opts, &["nia"]).await;
    let pool = &app.pool;
    let nia = common::member(pool, "nia").await;
    let lib = service::library(&state, Some(&nia), &LibraryFilter::default()).await.unwrap();
    assert!(lib.new_here && lib.path.is_none());
    let slugs: Vec<&str> = lib.path_choices.iter().map(|c| c.category.slug.as_str()).collect();
    for path in ["energy", "protection", "flow"] {
        assert!(slugs.contains(&path), "{path} is a path: {slugs:?}");
    }
    assert!(lib.path_choices.iter().all(|c| !c.gateways.is_empty()));

    assert_eq!(field(service::choose_path(&state, &nia, "nowhere").await.unwrap_err()), "path");
    service::choose_path(&state, &nia, "protection").await.unwrap();
    let lib = service::library(&state, Some(&nia), &LibraryFilter::default()).await.unwrap();
    let path = lib.path.expect("a path");
    assert_eq!(path.category.slug, "protection");
    assert!(!path.techniques.is_empty() && path.techniques.len() <= 4);
    assert!(path.techniques[0].gateway && path.techniques[0].unlocked, "a gateway comes first");
    assert!(path.techniques.iter().all(|t| t.category.slug == "protection"));

    // Practising every suggestion retires the card; leaving the path clears it.
    let now = Utc::now();
    let mut at = now - Duration::days(3);
    for t in &path.techniques {
        if !t.unlocked {
            sqlx::query(
                "insert into member_techniques (member_id, technique_id, unlocked_at)
                 select $1, technique_id, now() from techniques where slug = $2",
            )
            .bind(nia.member_id)
            .bind(&t.slug)
            .execute(pool)
            .await
            .unwrap();
        }
        let f = SessionForm {
            technique: t.slug.clone(),
            started_at: at.to_rfc3339(),
            seconds: "300".into(),
            ..Default::default()
        };
        service::save_session(&state, &nia, &f, None, now).await.unwrap();
        at += Duration::hours(2);
    }
    let lib = service::library(&state, Some(&nia), &LibraryFilter::default()).await.unwrap();
    assert!(lib.path.is_none());
    service::choose_path(&state, &nia, "").await.unwrap();
    let stored: Option<uuid::Uuid> =
        sqlx::query_scalar("select path_category_id from practice_members where member_id = $1")
            .bind(nia.member_id)
            .fetch_one(pool)
            .await
            .unwrap();
    assert!(stored.is_none());
}
