//! The home page's server function: a visitor gets the welcome (upcoming public events and
//! public communities); a member gets Today — their next events, unread conversations and
//! mentions, their streak and the newest posts of the people they follow, never their own.

mod common;

use chrono::{Duration, Utc};
use common::{member, state, TestApp};
use kindred::events::model::{EventForm, RsvpStatus};
use kindred::events::service;
use serde_json::Value;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

fn ok(r: &common::Reply) -> Value {
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap()
}

fn class(days: i64, title: &str) -> EventForm {
    let start = (Utc::now() + Duration::days(days)).format("%Y-%m-%dT%H:%M").to_string();
    let end = (Utc::now() + Duration::days(days) + Duration::hours(2)).format("%Y-%m-%dT%H:%M").to_string();
    EventForm {
        title: title.into(),
        event_type: "class".into(),
        starts_local: start,
        ends_local: end,
        time_zone: "UTC".into(),
        mode: "online".into(),
        meeting_url: "https://meet.example.org/room".into(),
        status: "published".into(),
        ..Default::default()
    }
}

#[sqlx::test]
async fn visitors_are_welcomed_and_members_see_their_day(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    let st = state(&pool);
    let ana_m = member(&pool, "ana").await;
    let ben_m = member(&pool, "ben").await;

    // Ana runs a class and a public community.
    let event = service::create_event(&st, &ana_m, &class(2, "Breathwork basics")).await.unwrap();
    let r = app
        .post(
            "/api/communities/create",
            &[
                ("name", "Morning Sit"),
                ("slug", "morning-sit"),
                ("description", "Sit together"),
                ("visibility", "public"),
            ],
            Some(&ana),
        )
        .await;
    ok(&r);

    // A visitor sees them both.
    let home = ok(&app.get_accepting("/api/home", None, "application/json").await);
    let welcome = &home["Visitor"];
    assert_eq!(welcome["events"][0]["title"], "Breathwork basics", "{home}");
    assert_eq!(welcome["communities"][0]["slug"], "morning-sit", "{home}");

    // Ben's day, before anything: empty sections, nothing unread.
    let today = ok(&app.get_accepting("/api/home", Some(&ben), "application/json").await);
    let day = &today["Member"];
    assert_eq!(day["display_name"], "ben");
    assert_eq!(day["going"].as_array().unwrap().len(), 0);
    assert_eq!(day["unread"].as_array().unwrap().len(), 0);
    assert_eq!(day["streak"]["check_ins"], 0);
    assert!(day["card"].is_null());

    // Ben goes to the class, follows Ana, Ana posts and mentions him and writes to him.
    service::rsvp(&st, &ben_m, event, Some(RsvpStatus::Going)).await.unwrap();
    ok(&app.post("/api/feed/follow", &[("username", "ana"), ("follow", "true")], Some(&ben)).await);
    ok(&app
        .post(
            "/api/feed/post/create",
            &[("body", "Sunrise sit tomorrow, @ben bring a blanket"), ("visibility", "public"), ("chakra", "auto")],
            Some(&ana),
        )
        .await);
    ok(&app
        .post(
            "/api/feed/post/create",
            &[("body", "My own notes from the sit"), ("visibility", "public"), ("chakra", "auto")],
            Some(&ben),
        )
        .await);
    let dm: String =
        serde_json::from_value(ok(&app.post("/api/chat/open", &[("usernames", "ben")], Some(&ana)).await)).unwrap();
    ok(&app.post("/api/chat/send", &[("channel", &dm), ("body", "See you at the class?")], Some(&ana)).await);

    let today = ok(&app.get_accepting("/api/home", Some(&ben), "application/json").await);
    let day = &today["Member"];
    assert_eq!(day["going"][0]["title"], "Breathwork basics", "{today}");
    assert_eq!(day["unread"][0]["link"], format!("/chat/{dm}"), "{today}");
    assert_eq!(day["unread"][0]["unread"], 1);
    assert!(day["mentions"][0]["message"].as_str().unwrap().contains("mentioned you"), "{today}");
    let posts = day["posts"].as_array().unwrap();
    assert_eq!(posts.len(), 1, "only the people he follows, not his own: {today}");
    assert_eq!(posts[0]["username"], "ana");
    assert!(posts[0]["excerpt"].as_str().unwrap().starts_with("Sunrise sit tomorrow"));
}
