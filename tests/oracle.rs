//! The spirit guide and oracle against a real PostgreSQL.

mod common;

use chrono::{DateTime, Utc};
use common::{member, state, TestApp};
use kindred::oracle::{repo, service};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[sqlx::test(migrator = "MIGRATOR")]
async fn the_questionnaire_creates_a_guide_at_level_one(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let cookie = app.sign_up("gaia").await;
    let res = app
        .post(
            "/api/oracle/questionnaire/answer",
            &[
                ("answers[religious]", "no"),
                ("answers[spiritual]", "yes"),
                ("answers[path]", "the tango embrace"),
                ("answers[beliefs]", "the ocean, the moon and honest tears"),
                ("answers[offerings]", "river water and songs"),
                ("answers[astro_sign]", "leo"),
            ],
            Some(&cookie),
        )
        .await;
    assert!(res.status < 400, "{} {}", res.status, res.body);
    let guide = service::guide(&state(&pool), member(&pool, "gaia").await.member_id).await.unwrap().unwrap();
    assert_eq!(guide.level(), 1);
    assert_eq!(guide.xp, 0);
    assert!(!guide.name.is_empty() && !guide.description.is_empty());
    let page = app.get("/oracle/guide", Some(&cookie)).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains(&guide.name.replace('\'', "&#39;")) || page.body.contains(&guide.name));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn concurrent_requests_for_todays_reading_make_one_row(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("iris").await;
    let me = member(&pool, "iris").await;
    let st = state(&pool);
    let (a, b) = tokio::join!(service::draw_today(&st, &me), service::draw_today(&st, &me));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.reading_id, b.reading_id);
    assert_eq!(a.cards[0].card_id, b.cards[0].card_id);
    assert_eq!(a.cards[0].reversed, b.cards[0].reversed);
    let again = service::draw_today(&st, &me).await.unwrap();
    assert_eq!(again.reading_id, a.reading_id, "the same reading all day");
    let rows: i64 = sqlx::query_scalar("select count(*) from oracle_readings where member_id = $1")
        .bind(me.member_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(rows, 1);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn a_new_local_day_brings_a_new_reading(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("nina").await;
    sqlx::query("update members set time_zone = 'Pacific/Auckland' where username = 'nina'")
        .execute(&pool)
        .await
        .unwrap();
    let me = member(&pool, "nina").await;
    let st = state(&pool);
    // 23:59 and then 00:01 in Auckland (UTC+12 in June): the same UTC date, two local days.
    let before: DateTime<Utc> = "2026-06-01T11:59:00Z".parse().unwrap();
    let after: DateTime<Utc> = "2026-06-01T12:01:00Z".parse().unwrap();
    let first = service::draw_today_at(&st, &me, before).await.unwrap();
    let same_day = service::draw_today_at(&st, &me, "2026-05-31T12:30:00Z".parse().unwrap()).await.unwrap();
    assert_eq!(first.reading_id, same_day.reading_id, "00:30 and 23:59 of one local day");
    let next = service::draw_today_at(&st, &me, after).await.unwrap();
    assert_ne!(first.reading_id, next.reading_id);
    assert_eq!(first.date.unwrap().to_string(), "2026-06-01");
    assert_eq!(next.date.unwrap().to_string(), "2026-06-02");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn xp_cannot_be_farmed_by_repeating_a_source(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let cookie = app.sign_up("xavi").await;
    app.post("/api/oracle/questionnaire/answer", &[("answers[spiritual]", "yes")], Some(&cookie)).await;
    let me = member(&pool, "xavi").await;
    let mut conn = pool.acquire().await.unwrap();
    let key = "engagement:00000000-0000-0000-0000-000000000001:like";
    let first = repo::award_xp(&mut conn, me.member_id, "Liked a post", key, 5).await.unwrap();
    assert!(first.is_some());
    for _ in 0..5 {
        // Unlike and like again: the same source never pays twice.
        assert!(repo::award_xp(&mut conn, me.member_id, "Liked a post", key, 5).await.unwrap().is_none());
    }
    let big = repo::award_xp(&mut conn, me.member_id, "Sent energy", "engagement:x:energy", 96).await.unwrap().unwrap();
    assert_eq!(big.xp_after, 101);
    assert!(big.levelled_up);
    assert_eq!(big.level_after, 2);
    let guide = service::guide(&state(&pool), me.member_id).await.unwrap().unwrap();
    assert_eq!(guide.xp, 101);
    assert_eq!(guide.timeline.len(), 2);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn another_members_readings_are_not_readable(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("amara").await;
    let b = app.sign_up("bodhi").await;
    let res = app.post("/api/oracle/spread", &[("question", "Will the milonga be kind tonight?")], Some(&a)).await;
    assert!(res.status < 400, "{} {}", res.status, res.body);
    let id: String = serde_json::from_str(&res.body).unwrap();

    let own = app.get_accepting(&format!("/api/oracle/reading?id={id}"), Some(&a), "application/json").await;
    assert_eq!(own.status, 200, "{}", own.body);
    let reading: kindred::oracle::model::Reading = serde_json::from_str(&own.body).unwrap();
    assert_eq!(reading.cards.len(), 3);
    let ids: std::collections::HashSet<u8> = reading.cards.iter().map(|c| c.card_id).collect();
    assert_eq!(ids.len(), 3, "three distinct cards");
    assert_eq!(reading.cards.iter().map(|c| c.position.as_str()).collect::<Vec<_>>(), ["Past", "Present", "Future"]);

    let other = app.get_accepting(&format!("/api/oracle/reading?id={id}"), Some(&b), "application/json").await;
    assert_eq!(other.status, 404);
    let page = app.get(&format!("/oracle/readings/{id}"), Some(&b)).await;
    assert_eq!(page.status, 404);
    let delete = app.post("/api/oracle/reading/delete", &[("id", &id)], Some(&b)).await;
    assert_eq!(delete.status, 404);
    let anonymous = app.get_accepting(&format!("/api/oracle/reading?id={id}"), None, "application/json").await;
    assert_eq!(anonymous.status, 401);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn questions_are_validated(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let a = app.sign_up("quinn").await;
    let long = "a".repeat(281);
    let res = app.post("/api/oracle/spread", &[("question", &long)], Some(&a)).await;
    assert_eq!(res.status, 422);
    assert!(res.error().for_field("question").is_some());
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn a_reading_can_be_shared_to_the_feed(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("sharer").await;
    let b = app.sign_up("reader").await;
    let res = app.post("/api/oracle/spread", &[("question", "What does Sunday hold?")], Some(&a)).await;
    let id: String = serde_json::from_str(&res.body).unwrap();
    assert_eq!(app.post("/api/oracle/reading/share", &[("id", &id)], Some(&b)).await.status, 404, "only one's own");
    let shared = app.post("/api/oracle/reading/share", &[("id", &id)], Some(&a)).await;
    assert_eq!(shared.status, 200, "{}", shared.body);
    let post_id: String = serde_json::from_str(&shared.body).unwrap();
    let post = app.get_accepting(&format!("/api/feed/post?id={post_id}"), Some(&b), "application/json").await;
    let thread: kindred::feed::model::PostThread = serde_json::from_str(&post.body).unwrap();
    assert!(thread.post.body_html.contains("What does Sunday hold?"));
    assert!(thread.post.body_html.contains("Past:") && thread.post.body_html.contains("Future:"));
    assert_eq!(thread.post.hashtags, vec!["oracle".to_string()]);
}
