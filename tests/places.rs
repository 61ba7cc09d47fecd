//! Places, check-ins, streaks, levels and rewards, against a real database.

mod common;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use common::TestApp;
use kindred::places::model::{PlaceFilter, PlaceForm, PlaceList};
use kindred::places::{repo, service};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn form(name: &str, kind: &str, lat: f64, lng: f64) -> PlaceForm {
    PlaceForm {
        name: name.into(),
        place_type: kind.into(),
        latitude: lat.to_string(),
        longitude: lng.to_string(),
        city: if lat < 50.0 { "Paris".into() } else { "London".into() },
        time_zone: "Europe/London".into(),
        anxiety: "low".into(),
        ..Default::default()
    }
}

async fn place(app: &TestApp, who: &str, name: &str, kind: &str, lat: f64, lng: f64) -> Uuid {
    let state = common::state(&app.pool);
    let me = common::member(&app.pool, who).await;
    service::propose(&state, &me, &form(name, kind, lat, lng)).await.unwrap()
}

async fn make_moderator(pool: &PgPool, username: &str) {
    sqlx::query("update members set site_role = 'moderator' where username = $1")
        .bind(username)
        .execute(pool)
        .await
        .unwrap();
}

async fn journey_row(pool: &PgPool, username: &str) -> (i32, i32, i32, i16) {
    sqlx::query_as(
        "select j.total_check_ins, j.current_streak, j.longest_streak, j.level
         from journeys j join members m using (member_id) where m.username = $1",
    )
    .bind(username)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Streaks count the member's local days: across midnight, and across the spring DST change.
#[sqlx::test]
async fn streaks_follow_local_days_across_midnight_and_dst(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("ana").await;
    let state = common::state(&pool);
    let ana = common::member(&pool, "ana").await;
    let cafe = place(&app, "ana", "Cafe", "coffee", 51.5, -0.12).await;
    let gym = place(&app, "ana", "Gym", "gym", 51.51, -0.13).await;
    let london: Tz = "Europe/London".parse().unwrap();
    let check = |p: Uuid, t: &str| {
        let (state, ana) = (state.clone(), ana.clone());
        let t = at(t);
        async move { service::check_in(&state, &ana, p, "calm", "", london, t).await.unwrap() }
    };
    // Saturday 28 March 2026, 23:30 in London (GMT).
    assert_eq!(check(cafe, "2026-03-28T23:30:00Z").await.current_streak, 1);
    // An hour later it is Sunday in London: a new local day, so the streak grows.
    assert_eq!(check(gym, "2026-03-29T00:30:00Z").await.current_streak, 2);
    // Clocks went forward at 01:00 UTC. 23:30 UTC on the 29th is 00:30 BST on Monday 30th.
    assert_eq!(check(cafe, "2026-03-29T23:30:00Z").await.current_streak, 3);
    // Tuesday 31st, 23:59 BST (22:59 UTC).
    assert_eq!(check(gym, "2026-03-31T22:59:00Z").await.current_streak, 4);
    // Twice on one local day counts once.
    assert_eq!(check(cafe, "2026-03-31T18:00:00Z").await.current_streak, 4);
    // Skipping Wednesday restarts it; the longest is kept.
    let o = check(cafe, "2026-04-02T09:00:00Z").await;
    assert_eq!(o.current_streak, 1);
    // 6 check-ins, longest streak 4, 2 kinds of place: level 2 (level 3 needs 10 check-ins).
    assert_eq!(journey_row(&pool, "ana").await, (6, 1, 4, 2));

    // In New York, 03:00 UTC is still the previous evening.
    app.sign_up("ben").await;
    let ben = common::member(&pool, "ben").await;
    let ny: Tz = "America/New_York".parse().unwrap();
    service::check_in(&state, &ben, cafe, "calm", "", ny, at("2026-06-10T03:00:00Z")).await.unwrap();
    let day: chrono::NaiveDate = sqlx::query_scalar("select local_day from check_ins where member_id = $1")
        .bind(ben.member_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(day.to_string(), "2026-06-09");
}

/// One check-in per place per hour; the place's and the member's counters move together.
#[sqlx::test]
async fn one_check_in_per_place_per_hour_and_counters_agree(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let cookie = app.sign_up("ana").await;
    let cafe = place(&app, "ana", "Cafe", "coffee", 51.5, -0.12).await;
    let id = cafe.to_string();
    let first = app
        .post("/api/places/check-in", &[("id", &id), ("mood", "calm"), ("note", "Quiet corner")], Some(&cookie))
        .await;
    assert_eq!(first.status, 200, "{}", first.body);
    let again = app.post("/api/places/check-in", &[("id", &id), ("mood", "calm")], Some(&cookie)).await;
    assert_eq!(again.status, 409, "{}", again.body);
    let bad = app.post("/api/places/check-in", &[("id", &id), ("mood", "ecstatic")], Some(&cookie)).await;
    assert_eq!(bad.status, 422);
    assert!(bad.error().for_field("mood").is_some());
    let anon = app.post("/api/places/check-in", &[("id", &id), ("mood", "calm")], None).await;
    assert_eq!(anon.status, 401);
    let count: i32 = sqlx::query_scalar("select check_in_count from places where place_id = $1")
        .bind(cafe)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(count, 1);
    assert_eq!(journey_row(&pool, "ana").await.0, 1);
}

/// Levels need every threshold; milestones give rewards with unguessable, unique codes.
#[sqlx::test]
async fn levels_and_milestone_rewards(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("ana").await;
    let state = common::state(&pool);
    let ana = common::member(&pool, "ana").await;
    let cafe = place(&app, "ana", "Cafe", "coffee", 51.5, -0.12).await;
    let gym = place(&app, "ana", "Gym", "gym", 51.51, -0.13).await;
    let utc = Tz::UTC;
    let mut t = at("2026-05-01T08:00:00Z");
    // Ten check-ins over three days (every two hours), at two kinds of place.
    for i in 0..10 {
        let p = if i % 2 == 0 { cafe } else { gym };
        service::check_in(&state, &ana, p, "motivated", "", utc, t).await.unwrap();
        t += chrono::Duration::hours(if i % 4 == 3 { 18 } else { 2 });
    }
    let (total, _, longest, level) = journey_row(&pool, "ana").await;
    assert_eq!((total, longest), (10, 3));
    assert_eq!(level, 3, "10 check-ins, a 3-day streak and 2 kinds of place make level 3");
    let j = service::journey(&state, &ana, utc).await.unwrap();
    let titles: Vec<&str> = j.rewards.iter().map(|r| r.title.as_str()).collect();
    assert!(
        titles.contains(&"Welcome badge")
            && titles.contains(&"A free coffee")
            && titles.contains(&"A day pass at a partner gym"),
        "{titles:?}"
    );
    let codes: std::collections::HashSet<&str> = j.rewards.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes.len(), j.rewards.len());
    assert!(j.rewards.iter().all(|r| r.code.len() == 20 && r.qr_svg.starts_with("<?xml") || r.qr_svg.contains("<svg")));
    assert_eq!(j.level, 3);
    assert!(j.percent > 0 && j.percent < 100);
}

async fn reward_code(pool: &PgPool, username: &str, title: &str) -> String {
    sqlx::query_scalar(
        "select r.code from rewards r join members m using (member_id) where m.username = $1 and r.title = $2",
    )
    .bind(username)
    .bind(title)
    .fetch_one(pool)
    .await
    .unwrap()
}

/// Partner staff redeem once, only at their partner's places; the second of two concurrent
/// attempts fails; other partners' staff and members without the role are refused.
#[sqlx::test]
async fn rewards_are_redeemed_once_and_only_by_their_partner(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let member = app.sign_up("ana").await;
    let staff_x = app.sign_up("xavi").await;
    let staff_y = app.sign_up("yoko").await;
    let state = common::state(&pool);
    let ana = common::member(&pool, "ana").await;
    let x = repo::insert_partner(&pool, "Partner X", "", "gold").await.unwrap();
    let y = repo::insert_partner(&pool, "Partner Y", "", "silver").await.unwrap();
    let cafe_x = place(&app, "ana", "X Cafe", "coffee", 51.5, -0.12).await;
    let cafe_y = place(&app, "ana", "Y Cafe", "coffee", 51.52, -0.1).await;
    repo::set_partner(&pool, cafe_x, Some(x)).await.unwrap();
    repo::set_partner(&pool, cafe_y, Some(y)).await.unwrap();
    repo::add_staff(&pool, x, common::member(&pool, "xavi").await.member_id).await.unwrap();
    repo::add_staff(&pool, y, common::member(&pool, "yoko").await.member_id).await.unwrap();
    // Three days at Partner X's café: the coffee reward belongs to Partner X.
    // (Recent days, so the reward has not expired by the time it is redeemed.)
    for days_ago in [2, 1, 0] {
        let t = Utc::now() - chrono::Duration::days(days_ago);
        service::check_in(&state, &ana, cafe_x, "calm", "", Tz::UTC, t).await.unwrap();
    }
    let code = reward_code(&pool, "ana", "A free coffee").await;

    // Yoko (Partner Y) cannot redeem it at her place, nor pretend to be at X's place.
    let wrong =
        app.post("/api/places/redeem", &[("code", &code), ("place_id", &cafe_y.to_string())], Some(&staff_y)).await;
    assert_eq!(wrong.status, 409, "{}", wrong.body);
    assert!(wrong.body.contains("another partner"), "{}", wrong.body);
    let not_hers =
        app.post("/api/places/redeem", &[("code", &code), ("place_id", &cafe_x.to_string())], Some(&staff_y)).await;
    assert_eq!(not_hers.status, 403);
    // A member who is not staff anywhere.
    let member_try =
        app.post("/api/places/redeem", &[("code", &code), ("place_id", &cafe_x.to_string())], Some(&member)).await;
    assert_eq!(member_try.status, 403);

    // Two concurrent redemptions by X's staff: exactly one succeeds.
    let tries = (0..2).map(|_| {
        let (app_router, code, place, cookie) = (app.router.clone(), code.clone(), cafe_x.to_string(), staff_x.clone());
        let (pool, state) = (pool.clone(), app.state.clone());
        tokio::spawn(async move {
            let app = TestApp { router: app_router, pool, state };
            app.post("/api/places/redeem", &[("code", &code), ("place_id", &place)], Some(&cookie)).await.status
        })
    });
    let mut statuses = Vec::new();
    for t in tries {
        statuses.push(t.await.unwrap());
    }
    statuses.sort();
    assert_eq!(statuses, vec![200, 409]);
    let again =
        app.post("/api/places/redeem", &[("code", &code), ("place_id", &cafe_x.to_string())], Some(&staff_x)).await;
    assert_eq!(again.status, 409);
    assert!(again.body.contains("already redeemed, at X Cafe"), "{}", again.body);
    // The member sees where and when.
    let j = service::journey(&state, &ana, Tz::UTC).await.unwrap();
    let coffee = j.rewards.iter().find(|r| r.title == "A free coffee").unwrap();
    assert_eq!(coffee.redeemed.as_ref().map(|(p, _)| p.as_str()), Some("X Cafe"));

    // Badges are kept, unknown codes are a field error, expired rewards are refused.
    let badge = reward_code(&pool, "ana", "Welcome badge").await;
    let b =
        app.post("/api/places/redeem", &[("code", &badge), ("place_id", &cafe_x.to_string())], Some(&staff_x)).await;
    assert_eq!(b.status, 409);
    let unknown = app
        .post(
            "/api/places/redeem",
            &[("code", "NOPE2345NOPE2345NOPE"), ("place_id", &cafe_x.to_string())],
            Some(&staff_x),
        )
        .await;
    assert_eq!(unknown.status, 422);
    sqlx::query("insert into rewards (member_id, milestone, kind, title, code, expires_at) values ($1, 'old', 'coffee', 'Old', 'EXPIREDEXPIREDEXPIRE', now() - interval '1 day')")
        .bind(ana.member_id)
        .execute(&pool)
        .await
        .unwrap();
    let expired = app
        .post(
            "/api/places/redeem",
            &[("code", "EXPIREDEXPIREDEXPIRE"), ("place_id", &cafe_x.to_string())],
            Some(&staff_x),
        )
        .await;
    assert_eq!(expired.status, 409);
    assert!(expired.body.contains("expired"), "{}", expired.body);
}

fn place_form_fields(name: &str) -> Vec<(String, String)> {
    vec![
        ("place[name]".into(), name.into()),
        ("place[place_type]".into(), "coffee".into()),
        ("place[latitude]".into(), "51.5".into()),
        ("place[longitude]".into(), "-0.12".into()),
        ("place[time_zone]".into(), "Europe/London".into()),
        ("place[hours_mon]".into(), "08:00-18:00".into()),
    ]
}

async fn save(app: &TestApp, id: Option<Uuid>, name: &str, cookie: &str) -> common::Reply {
    let mut fields = place_form_fields(name);
    fields.push(("id".into(), id.map(|i| i.to_string()).unwrap_or_default()));
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post("/api/places/save", &pairs, Some(cookie)).await
}

/// The proposer edits until a moderator verifies the place; others never may; moderators may.
#[sqlx::test]
async fn only_the_proposer_edits_before_verification(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let moda = app.sign_up("moda").await;
    make_moderator(&pool, "moda").await;
    let created = save(&app, None, "Ana's Cafe", &ana).await;
    assert_eq!(created.status, 200, "{}", created.body);
    let id: Uuid = serde_json::from_str(&created.body).unwrap();
    assert_eq!(save(&app, Some(id), "Ben was here", &ben).await.status, 403);
    assert_eq!(save(&app, Some(id), "Ana's Calm Cafe", &ana).await.status, 200);
    let verify = app.post("/api/places/moderate", &[("id", &id.to_string()), ("action", "verify")], Some(&ben)).await;
    assert_eq!(verify.status, 403, "members cannot verify");
    let verify = app.post("/api/places/moderate", &[("id", &id.to_string()), ("action", "verify")], Some(&moda)).await;
    assert_eq!(verify.status, 200);
    assert_eq!(
        save(&app, Some(id), "Ana's changed it", &ana).await.status,
        403,
        "verified: the proposer no longer edits"
    );
    assert_eq!(save(&app, Some(id), "Calm Cafe (checked)", &moda).await.status, 200);
    let name: String =
        sqlx::query_scalar("select name from places where place_id = $1").bind(id).fetch_one(&pool).await.unwrap();
    assert_eq!(name, "Calm Cafe (checked)");
    let remove = app.post("/api/places/moderate", &[("id", &id.to_string()), ("action", "remove")], Some(&ana)).await;
    assert_eq!(remove.status, 403);
    // Bad input is reported on its field.
    let mut bad = place_form_fields("x");
    bad[2].1 = "95".into();
    let pairs: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = app.post("/api/places/save", &pairs, Some(&ana)).await;
    assert_eq!(r.status, 422);
    assert!(r.error().for_field("latitude").is_some());
}

/// The map's box and the radius search use the data: in view or not, nearest first, filtered.
#[sqlx::test]
async fn map_views_and_radius_search(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("ana").await;
    let near = place(&app, "ana", "Near Cafe", "coffee", 51.5080, -0.1280).await;
    let mid = place(&app, "ana", "Mid Gym", "gym", 51.5300, -0.1280).await;
    place(&app, "ana", "Paris Cafe", "coffee", 48.8566, 2.3522).await;
    let state = common::state(&pool);
    let list = |f: PlaceFilter| {
        let state = state.clone();
        async move { service::list(&state, &f).await.unwrap() }
    };
    let names = |l: &PlaceList| l.places.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
    let london = list(PlaceFilter { bbox: Some("-0.2,51.45,0.0,51.55".into()), ..Default::default() }).await;
    assert_eq!(names(&london).len(), 2);
    let gyms = list(PlaceFilter {
        bbox: Some("-0.2,51.45,0.0,51.55".into()),
        place_type: Some("gym".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(names(&gyms), vec!["Mid Gym"]);
    // 5 km around Trafalgar Square: both London places, nearest first, with distances.
    let around = list(PlaceFilter {
        lat: Some("51.5074".into()),
        lng: Some("-0.1278".into()),
        radius_km: Some("5".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(around.places.iter().map(|p| p.place_id).collect::<Vec<_>>(), vec![near, mid]);
    let d = around.places[1].distance_km.unwrap();
    assert!((2.4..2.6).contains(&d), "Mid Gym is about 2.5 km north: {d}");
    let tight = list(PlaceFilter {
        lat: Some("51.5074".into()),
        lng: Some("-0.1278".into()),
        radius_km: Some("1".into()),
        ..Default::default()
    })
    .await;
    assert_eq!(names(&tight), vec!["Near Cafe"]);
    // A typed city searches around its places.
    let by_city = list(PlaceFilter { near: Some("london".into()), ..Default::default() }).await;
    assert_eq!(by_city.places.len(), 2);
    assert!(by_city.center.is_some());
    // Over HTTP, a broken box is a field error.
    let r = app.get_accepting("/api/places/list?filter[bbox]=1,2,0,3", None, "application/json").await;
    assert_eq!(r.status, 422, "{}", r.body);
    // In-app navigation asks with every filter empty, which encodes as no query string at all
    // (and `?` alone): the whole list, not an error.
    for path in ["/api/places/list", "/api/places/list?"] {
        let r = app.get_accepting(path, None, "application/json").await;
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        let all: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        assert!(all["places"].is_array(), "{}", r.body);
    }
}
