//! The assistant through its server functions on a real database: it answers from Kindred's
//! data as the member asking (a private community's event only for its members), in the
//! request's language, keeps each member's conversation to themselves, deletes it on request,
//! and checks what it is given.

mod common;

use common::{Reply, TestApp};
use serde_json::Value;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

fn ok(r: &Reply) -> Value {
    assert!((200..300).contains(&r.status), "{} {}", r.status, r.body);
    serde_json::from_str(&r.body).unwrap_or(Value::Null)
}

async fn ask(app: &TestApp, who: &str, text: &str) -> Value {
    ok(&app.post("/api/assistant/ask", &[("text", text)], Some(who)).await)
}

fn titles(answer: &Value) -> Vec<String> {
    answer["cards"].as_array().unwrap().iter().map(|c| c["title"].as_str().unwrap().to_string()).collect()
}

fn event(title: &str, community: &str, day: &str) -> Vec<(String, String)> {
    [
        ("event[title]", title),
        ("event[event_type]", "practica"),
        ("event[starts_local]", &format!("{day}T19:00")),
        ("event[ends_local]", &format!("{day}T21:00")),
        ("event[time_zone]", "UTC"),
        ("event[mode]", "in_person"),
        ("event[venue]", "Studio"),
        ("event[city]", "London"),
        ("event[status]", "published"),
        ("event[community]", community),
        ("event[repeat]", "none"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn create_event(app: &TestApp, who: &str, fields: Vec<(String, String)>) {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    ok(&app.post("/api/events/create", &pairs, Some(who)).await);
}

#[sqlx::test]
async fn answers_come_from_the_data_the_member_may_open(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    kindred::startup::demo_practice::seed_library_if_empty(&common::state(&pool)).await.unwrap();
    let ana = app.sign_up("ana").await;
    let ben = app.sign_up("ben").await;
    ok(&app
        .post(
            "/api/communities/create",
            &[("name", "Circle"), ("slug", "quiet-circle"), ("description", "Practice"), ("visibility", "private")],
            Some(&ana),
        )
        .await);
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).format("%Y-%m-%d").to_string();
    create_event(&app, &ana, event("Members' practica", "quiet-circle", &tomorrow)).await;
    create_event(&app, &ben, event("Open practica", "", &tomorrow)).await;

    // Ana belongs to the private community: she sees both, with an RSVP offered on Ben's.
    let a = ask(&app, &ana, "practicas in London tomorrow").await;
    let mut got = titles(&a);
    got.retain(|t| t != "All matching events");
    got.sort();
    assert_eq!(got, vec!["Members' practica", "Open practica"], "{a}");
    assert!(a["body"].as_str().unwrap().starts_with("2 prácticas in London on "), "{a}");
    // Ben does not: the private community's event never reaches him, in any language.
    let b = ask(&app, &ben, "¿prácticas en London mañana?").await;
    assert!(titles(&b).contains(&"Open practica".to_string()), "{b}");
    assert!(!b.to_string().contains("Members' practica"), "{b}");
    assert!(b["body"].as_str().unwrap().contains(" en London el "), "answered in Spanish: {b}");

    // Practice, help, and what it does not understand.
    let t = ask(&app, &ana, "a 10-minute technique for grounding").await;
    let first = &t["cards"][0];
    assert!(first["href"].as_str().unwrap().starts_with("/practice/t/"), "{t}");
    assert!(first["subtitle"].as_str().unwrap().starts_with("Grounding"), "{t}");
    let s = ask(&app, &ana, "how is my streak").await;
    assert!(s["body"].as_str().unwrap().starts_with("Your streak is 0 day(s)"), "{s}");
    let n = ask(&app, &ana, "what is my next achievement").await;
    assert!(n["body"].as_str().unwrap().starts_with("Closest: "), "{n}");
    let h = ask(&app, &ana, "how do I create an event").await;
    assert_eq!(h["cards"][0]["href"], "/events/new", "{h}");
    let c = ask(&app, &ana, "what did I miss").await;
    assert!(c["body"].as_str().unwrap().contains("unread"), "{c}");
    let u = ask(&app, &ana, "purple elephants").await;
    assert!(u["body"].as_str().unwrap().starts_with("I didn't understand"), "{u}");
    assert!(ask(&app, &ana, "hola").await["body"].as_str().unwrap().starts_with("No lo he entendido"));

    // Each member's conversation is their own, oldest first; deleting it empties it.
    let thread = ok(&app.get_accepting("/api/assistant/thread", Some(&ana), "application/json").await);
    let messages = thread["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 16);
    assert_eq!(messages[0]["body"], "practicas in London tomorrow");
    assert_eq!(messages[0]["from_member"], true);
    assert_eq!(messages[1]["from_member"], false);
    let theirs = ok(&app.get_accepting("/api/assistant/thread", Some(&ben), "application/json").await);
    assert_eq!(theirs["messages"].as_array().unwrap().len(), 2);
    ok(&app.post("/api/assistant/clear", &[], Some(&ana)).await);
    let thread = ok(&app.get_accepting("/api/assistant/thread", Some(&ana), "application/json").await);
    assert!(thread["messages"].as_array().unwrap().is_empty());
    let theirs = ok(&app.get_accepting("/api/assistant/thread", Some(&ben), "application/json").await);
    assert_eq!(theirs["messages"].as_array().unwrap().len(), 2, "only Ana's went");
}

#[sqlx::test]
async fn requests_are_checked(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let ana = app.sign_up("ana").await;
    let r = app.post("/api/assistant/ask", &[("text", "   ")], Some(&ana)).await;
    assert_eq!(r.status, 422);
    assert!(r.error().for_field("text").is_some());
    let long = "a".repeat(501);
    let r = app.post("/api/assistant/ask", &[("text", long.as_str())], Some(&ana)).await;
    assert_eq!(r.status, 422);
    assert_eq!(app.post("/api/assistant/ask", &[("text", "draw my card")], None).await.status, 401);
    assert_eq!(app.get_accepting("/api/assistant/thread", None, "application/json").await.status, 401);
    let nothing =
        sqlx::query_scalar::<_, i64>("select count(*) from assistant_messages").fetch_one(&pool).await.unwrap();
    assert_eq!(nothing, 0, "nothing stored for a refused request");
}
