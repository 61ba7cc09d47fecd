//! Events, RSVPs with a waitlist, recurrence, permissions, reminders and calendar exports against
//! a real PostgreSQL.

mod common;

use chrono::{DateTime, Duration, Timelike, Utc};
use common::{member, state, TestApp};
use icalendar::{Calendar, Component as _};
use kindred::auth::model::CurrentMember;
use kindred::error::AppError;
use kindred::events::model::{EventFilters, EventForm, RsvpStatus};
use kindred::events::service::{self, Viewer};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Members made straight in the table (no password hashing: these never log in).
async fn quick_members(pool: &PgPool, prefix: &str, n: usize) -> Vec<CurrentMember> {
    let mut out = Vec::new();
    for i in 0..n {
        let name = format!("{prefix}_{i}");
        sqlx::query("insert into members (username, email, display_name, password_hash) values ($1, $1 || '@example.org', $1, 'x')")
            .bind(&name)
            .execute(pool)
            .await
            .unwrap();
        out.push(member(pool, &name).await);
    }
    out
}

fn local_input(t: DateTime<Utc>, zone: &str) -> String {
    let tz: chrono_tz::Tz = zone.parse().unwrap();
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

/// A published milonga in Buenos Aires, `days` from now, two hours long.
fn milonga(days: i64, capacity: Option<i32>) -> EventForm {
    let start = Utc::now() + Duration::days(days);
    EventForm {
        title: "Milonga de prueba".into(),
        event_type: "milonga".into(),
        starts_local: local_input(start, "America/Argentina/Buenos_Aires"),
        ends_local: local_input(start + Duration::hours(2), "America/Argentina/Buenos_Aires"),
        time_zone: "America/Argentina/Buenos_Aires".into(),
        mode: "in_person".into(),
        venue: "Salón Canning".into(),
        city: "Buenos Aires".into(),
        country: "Argentina".into(),
        latitude: "-34.5889".into(),
        longitude: "-58.4306".into(),
        capacity: capacity.map(|c| c.to_string()).unwrap_or_default(),
        status: "published".into(),
        ..Default::default()
    }
}

fn viewer(m: &CurrentMember) -> Viewer {
    Viewer { member: Some(m.clone()), zone: None }
}

async fn counts(pool: &PgPool, event_id: Uuid) -> (i32, i32, i32) {
    sqlx::query_as("select going_count, waitlist_count, interested_count from events where event_id = $1")
        .bind(event_id)
        .fetch_one(pool)
        .await
        .unwrap()
}

async fn notifications_for(pool: &PgPool, member_id: Uuid) -> Vec<String> {
    sqlx::query_scalar("select message from notifications where member_id = $1 order by created_at")
        .bind(member_id)
        .fetch_all(pool)
        .await
        .unwrap()
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn twenty_concurrent_goings_on_capacity_five_make_five_going_and_fifteen_waiting_in_order(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = PgPoolOptions::new().max_connections(22).connect_with(opts).await.unwrap();
    let st = state(&pool);
    let org = quick_members(&pool, "org", 1).await.remove(0);
    let people = quick_members(&pool, "dancer", 20).await;
    let event = service::create_event(&st, &org, &milonga(3, Some(5))).await.unwrap();

    let handles: Vec<_> = people
        .iter()
        .map(|m| {
            let (st, m) = (st.clone(), m.clone());
            tokio::spawn(async move { (m.member_id, service::rsvp(&st, &m, event, Some(RsvpStatus::Going)).await) })
        })
        .collect();
    let mut outcomes = Vec::new();
    for h in handles {
        let (id, r) = h.await.unwrap();
        outcomes.push((id, r.expect("every answer is accepted")));
    }
    let going = outcomes.iter().filter(|(_, o)| o.status == Some(RsvpStatus::Going)).count();
    let waiting: Vec<_> = outcomes.iter().filter(|(_, o)| o.status == Some(RsvpStatus::Waitlisted)).collect();
    assert_eq!(going, 5);
    assert_eq!(waiting.len(), 15);
    assert_eq!(counts(&pool, event).await, (5, 15, 0));

    // Arrival order: the position each member was told when they arrived is still their place,
    // and the positions are exactly 1..=15.
    let mut told: Vec<i64> = waiting.iter().map(|(_, o)| o.waitlist_position.unwrap()).collect();
    told.sort_unstable();
    assert_eq!(told, (1..=15).collect::<Vec<_>>());
    for (id, o) in &waiting {
        let now = kindred::events::repo::waitlist_position(&pool, event, *id).await.unwrap();
        assert_eq!(now, o.waitlist_position);
    }
    // A latecomer queues behind everyone.
    let late = quick_members(&pool, "late", 1).await.remove(0);
    let o = service::rsvp(&st, &late, event, Some(RsvpStatus::Going)).await.unwrap();
    assert_eq!((o.status, o.waitlist_position), (Some(RsvpStatus::Waitlisted), Some(16)));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn withdrawing_promotes_the_first_waiting_member_and_tells_them(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let st = state(&pool);
    let mut m = quick_members(&pool, "m", 4).await;
    let (org, a, b, c) = (m.remove(0), m.remove(0), m.remove(0), m.remove(0));
    let event = service::create_event(&st, &org, &milonga(2, Some(1))).await.unwrap();
    assert_eq!(service::rsvp(&st, &a, event, Some(RsvpStatus::Going)).await.unwrap().status, Some(RsvpStatus::Going));
    let ob = service::rsvp(&st, &b, event, Some(RsvpStatus::Going)).await.unwrap();
    assert_eq!((ob.status, ob.waitlist_position), (Some(RsvpStatus::Waitlisted), Some(1)));
    let oc = service::rsvp(&st, &c, event, Some(RsvpStatus::Going)).await.unwrap();
    assert_eq!(oc.waitlist_position, Some(2));
    // Asking again keeps the place in the queue.
    assert_eq!(service::rsvp(&st, &c, event, Some(RsvpStatus::Going)).await.unwrap().waitlist_position, Some(2));

    service::rsvp(&st, &a, event, None).await.unwrap();
    let detail_b = service::detail(&st, &viewer(&b), event).await.unwrap();
    assert_eq!(detail_b.my_rsvp, Some(RsvpStatus::Going));
    let detail_c = service::detail(&st, &viewer(&c), event).await.unwrap();
    assert_eq!((detail_c.my_rsvp, detail_c.waitlist_position), (Some(RsvpStatus::Waitlisted), Some(1)));
    assert_eq!(counts(&pool, event).await, (1, 1, 0));
    assert!(notifications_for(&pool, b.member_id).await.iter().any(|n| n.contains("place opened up")));

    // Switching from going to interested frees the seat too.
    service::rsvp(&st, &b, event, Some(RsvpStatus::Interested)).await.unwrap();
    assert_eq!(counts(&pool, event).await, (1, 0, 1));
    assert_eq!(service::detail(&st, &viewer(&c), event).await.unwrap().my_rsvp, Some(RsvpStatus::Going));

    // The organiser hears about answers in one batched notification per event.
    let org_notes = notifications_for(&pool, org.member_id).await;
    assert_eq!(org_notes.len(), 1, "{org_notes:?}");
    assert!(org_notes[0].contains("new RSVPs for Milonga de prueba"), "{org_notes:?}");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn organiser_can_promote_by_hand_without_exceeding_capacity(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let st = state(&pool);
    let mut m = quick_members(&pool, "p", 3).await;
    let (org, a, b) = (m.remove(0), m.remove(0), m.remove(0));
    let event = service::create_event(&st, &org, &milonga(2, Some(1))).await.unwrap();
    service::rsvp(&st, &a, event, Some(RsvpStatus::Going)).await.unwrap();
    service::rsvp(&st, &b, event, Some(RsvpStatus::Going)).await.unwrap();
    assert!(matches!(service::promote(&st, &a, event, &b.username).await, Err(AppError::Forbidden)));
    service::promote(&st, &org, event, &b.username).await.unwrap();
    let (going, waiting, _) = counts(&pool, event).await;
    let capacity: i32 = sqlx::query_scalar("select capacity from events where event_id = $1")
        .bind(event)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!((going, waiting, capacity), (2, 0, 2));
    // Lowering capacity under the number going is refused, next to the field.
    let mut form = milonga(2, Some(1));
    let row = service::editor(&st, &org, event).await.unwrap().form;
    form.starts_local = row.starts_local;
    form.ends_local = row.ends_local;
    match service::update_event(&st, &org, event, &form).await {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "capacity"),
        other => panic!("expected a capacity error, got {other:?}"),
    }
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn weekly_recurrence_keeps_local_time_across_the_dst_change(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let st = state(&pool);
    let org = quick_members(&pool, "weekly", 1).await.remove(0);
    // Berlin moves to summer time on Sunday 28 March 2027.
    let form = EventForm {
        title: "Práctica de los martes".into(),
        event_type: "practica".into(),
        starts_local: "2027-03-16T20:00".into(),
        ends_local: "2027-03-16T22:30".into(),
        time_zone: "Europe/Berlin".into(),
        mode: "in_person".into(),
        city: "Berlin".into(),
        status: "published".into(),
        repeat: "weekly".into(),
        repeat_end: "count".into(),
        repeat_count: "4".into(),
        ..Default::default()
    };
    let first = service::create_event(&st, &org, &form).await.unwrap();
    let rows: Vec<(DateTime<Utc>, DateTime<Utc>)> = sqlx::query_as(
        "select starts_at, ends_at from events where series_id = (select series_id from events where event_id = $1)
         order by starts_at",
    )
    .bind(first)
    .fetch_all(&pool)
    .await
    .unwrap();
    assert_eq!(rows.len(), 4);
    let berlin = chrono_tz::Europe::Berlin;
    for (s, e) in &rows {
        let local = s.with_timezone(&berlin);
        assert_eq!((local.hour(), local.minute()), (20, 0), "local start stays 20:00");
        assert_eq!(*e - *s, Duration::minutes(150));
    }
    let utc_hours: Vec<u32> = rows.iter().map(|(s, _)| s.hour()).collect();
    assert_eq!(utc_hours, vec![19, 19, 18, 18]);

    // "This and following": moving the second date to 20:30 moves the later ones too.
    let second = sqlx::query_scalar::<_, Uuid>(
        "select event_id from events where series_id = (select series_id from events where event_id = $1)
         order by starts_at offset 1 limit 1",
    )
    .bind(first)
    .fetch_one(&pool)
    .await
    .unwrap();
    let mut edit = service::editor(&st, &org, second).await.unwrap().form;
    edit.starts_local = "2027-03-23T20:30".into();
    edit.ends_local = "2027-03-23T23:00".into();
    edit.scope = "following".into();
    service::update_event(&st, &org, second, &edit).await.unwrap();
    let rows: Vec<(DateTime<Utc>,)> = sqlx::query_as(
        "select starts_at from events where series_id = (select series_id from events where event_id = $1) order by starts_at",
    )
    .bind(first)
    .fetch_all(&pool)
    .await
    .unwrap();
    let local: Vec<String> =
        rows.iter().map(|(s,)| s.with_timezone(&berlin).format("%m-%d %H:%M").to_string()).collect();
    assert_eq!(local, ["03-16 20:00", "03-23 20:30", "03-30 20:30", "04-06 20:30"]);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn only_organisers_edit_and_see_attendees(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let org_cookie = app.sign_up("organiser").await;
    let other_cookie = app.sign_up("stranger").await;
    let co_cookie = app.sign_up("helper").await;
    let org = member(&pool, "organiser").await;
    let event = service::create_event(&state(&pool), &org, &milonga(5, Some(10))).await.unwrap();
    let id = event.to_string();

    let res =
        app.get_accepting(&format!("/api/events/attendees?id={id}"), Some(&other_cookie), "application/json").await;
    assert_eq!(res.status, 403, "{}", res.body);
    let res = app.get(&format!("/events/{id}/attendees.csv"), Some(&other_cookie)).await;
    assert_eq!(res.status, 403);
    let res = app.get(&format!("/events/{id}/attendees.csv"), None).await;
    assert_eq!(res.status, 401);
    let res = app.get(&format!("/events/{id}/attendees"), Some(&other_cookie)).await;
    assert_eq!(res.status, 403, "the attendees page answers 403 too");
    let update = |title: &'static str| {
        let f = milonga(5, Some(10));
        vec![
            ("id", id.clone()),
            ("event[title]", title.to_string()),
            ("event[event_type]", f.event_type),
            ("event[starts_local]", f.starts_local),
            ("event[ends_local]", f.ends_local),
            ("event[time_zone]", f.time_zone),
            ("event[mode]", f.mode),
            ("event[city]", f.city),
            ("event[capacity]", "10".into()),
            ("event[status]", "published".into()),
        ]
    };
    let form = update("Hijacked");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post("/api/events/update", &pairs, Some(&other_cookie)).await;
    assert_eq!(res.status, 403, "{}", res.body);
    let res = app.post("/api/events/cancel", &[("id", &id), ("scope", "one")], Some(&other_cookie)).await;
    assert_eq!(res.status, 403);

    // The organiser adds a co-organiser, who may then edit and export.
    let res = app.post("/api/events/organizers/add", &[("id", &id), ("username", "helper")], Some(&org_cookie)).await;
    assert!(res.status < 400, "{}", res.body);
    let form = update("Milonga renovada");
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = app.post("/api/events/update", &pairs, Some(&co_cookie)).await;
    assert!(res.status < 400, "{}", res.body);
    let title: String =
        sqlx::query_scalar("select title from events where event_id = $1").bind(event).fetch_one(&pool).await.unwrap();
    assert_eq!(title, "Milonga renovada");

    // Someone answers; the CSV lists them and is safe to open in a spreadsheet.
    sqlx::query("update members set display_name = '=cmd|calc' where username = 'stranger'")
        .execute(&pool)
        .await
        .unwrap();
    let res = app.post("/api/events/rsvp", &[("id", &id), ("status", "going")], Some(&other_cookie)).await;
    assert!(res.status < 400, "{}", res.body);
    let res = app.get(&format!("/events/{id}/attendees.csv"), Some(&co_cookie)).await;
    assert_eq!(res.status, 200);
    assert!(res.headers["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(res.body.starts_with("username,display_name,email,status"));
    assert!(res.body.contains("\"stranger\",\"'=cmd|calc\""), "{}", res.body);
    let res = app.get_accepting(&format!("/api/events/attendees?id={id}"), Some(&org_cookie), "application/json").await;
    assert_eq!(res.status, 200, "{}", res.body);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn cancelled_events_reject_answers_and_tell_attendees(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let st = state(&pool);
    let mut m = quick_members(&pool, "c", 3).await;
    let (org, a, b) = (m.remove(0), m.remove(0), m.remove(0));
    let event = service::create_event(&st, &org, &milonga(4, None)).await.unwrap();
    service::rsvp(&st, &a, event, Some(RsvpStatus::Going)).await.unwrap();
    assert_eq!(service::cancel_event(&st, &org, event, "one").await.unwrap(), 1);
    assert!(matches!(service::rsvp(&st, &b, event, Some(RsvpStatus::Going)).await, Err(AppError::Conflict(_))));
    assert!(notifications_for(&pool, a.member_id).await.iter().any(|n| n.starts_with("Cancelled: Milonga de prueba")));
    // Still visible, marked cancelled, and exported as CANCELLED.
    let res = app.get(&format!("/events/{event}/event.ics"), None).await;
    assert_eq!(res.status, 200);
    let cal: Calendar = res.body.parse().unwrap();
    let ev = cal.components[0].as_event().unwrap();
    assert_eq!(ev.property_value("STATUS"), Some("CANCELLED"));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn ics_reads_back_to_the_same_instants_and_the_private_feed_is_revocable(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let cookie = app.sign_up("subscriber").await;
    let me = member(&pool, "subscriber").await;
    let st = state(&pool);
    let org = quick_members(&pool, "ics", 1).await.remove(0);
    let mut form = milonga(10, None);
    form.title = "Milonga, with; odd \\ characters".into();
    let event = service::create_event(&st, &org, &form).await.unwrap();
    let (starts_at, ends_at): (DateTime<Utc>, DateTime<Utc>) =
        sqlx::query_as("select starts_at, ends_at from events where event_id = $1")
            .bind(event)
            .fetch_one(&pool)
            .await
            .unwrap();

    let res = app.get(&format!("/events/{event}/event.ics"), None).await;
    assert_eq!(res.status, 200);
    assert!(res.headers["content-type"].to_str().unwrap().starts_with("text/calendar"));
    let cal: Calendar = res.body.parse().expect("valid iCalendar");
    let ev = cal.components[0].as_event().expect("a VEVENT");
    assert_eq!(ev.get_summary(), Some("Milonga, with; odd \\ characters"));
    assert_eq!(ev.get_uid(), Some(format!("{event}@kindred").as_str()));
    let start = match ev.get_start().unwrap() {
        icalendar::DatePerhapsTime::DateTime(dt) => dt.try_into_utc().unwrap(),
        other => panic!("not a date-time: {other:?}"),
    };
    let end = match ev.get_end().unwrap() {
        icalendar::DatePerhapsTime::DateTime(dt) => dt.try_into_utc().unwrap(),
        other => panic!("not a date-time: {other:?}"),
    };
    assert_eq!(start, starts_at.with_nanosecond(0).unwrap());
    assert_eq!(end, ends_at.with_nanosecond(0).unwrap());

    // The private feed: going → listed; the link works without a cookie; resetting kills it.
    service::rsvp(&st, &me, event, Some(RsvpStatus::Going)).await.unwrap();
    let res = app.post("/api/events/calendar-feed/change", &[("action", "reset")], Some(&cookie)).await;
    assert!(res.status < 400, "{}", res.body);
    let feed: serde_json::Value = serde_json::from_str(&res.body).unwrap();
    let path = feed["path"].as_str().unwrap().to_string();
    let res = app.get(&path, None).await;
    assert_eq!(res.status, 200);
    let cal: Calendar = res.body.parse().unwrap();
    assert_eq!(cal.components.iter().filter_map(|c| c.as_event()).count(), 1);
    app.post("/api/events/calendar-feed/change", &[("action", "reset")], Some(&cookie)).await;
    assert_eq!(app.get(&path, None).await.status, 404, "the old link stops working");
    app.post("/api/events/calendar-feed/change", &[("action", "revoke")], Some(&cookie)).await;
    let n: i64 = sqlx::query_scalar("select count(*) from calendar_feeds").fetch_one(&pool).await.unwrap();
    assert_eq!(n, 0);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn reminders_go_out_once_even_with_several_instances(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = PgPoolOptions::new().max_connections(6).connect_with(opts).await.unwrap();
    let st = state(&pool);
    let mut m = quick_members(&pool, "r", 3).await;
    let (org, a, b) = (m.remove(0), m.remove(0), m.remove(0));
    let soon = service::create_event(&st, &org, &milonga(1, None)).await.unwrap();
    let later = service::create_event(&st, &org, &milonga(5, None)).await.unwrap();
    sqlx::query("update events set starts_at = now() + interval '3 hours', ends_at = now() + interval '5 hours' where event_id = $1")
        .bind(soon)
        .execute(&pool)
        .await
        .unwrap();
    for e in [soon, later] {
        service::rsvp(&st, &a, e, Some(RsvpStatus::Going)).await.unwrap();
        service::rsvp(&st, &b, e, Some(RsvpStatus::Interested)).await.unwrap();
    }
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move { service::send_due_reminders(&pool).await.unwrap() })
        })
        .collect();
    let mut sent = 0;
    for r in runs {
        sent += r.await.unwrap();
    }
    assert_eq!(sent, 1, "one reminder, to the one member going to the event tomorrow");
    assert_eq!(service::send_due_reminders(&pool).await.unwrap(), 0);
    let notes = notifications_for(&pool, a.member_id).await;
    assert_eq!(notes.iter().filter(|n| n.starts_with("Reminder:")).count(), 1);
    assert!(notifications_for(&pool, b.member_id).await.iter().all(|n| !n.starts_with("Reminder:")));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn changing_the_time_tells_attendees_and_drafts_stay_hidden(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let st = state(&pool);
    let mut m = quick_members(&pool, "t", 2).await;
    let (org, a) = (m.remove(0), m.remove(0));
    let event = service::create_event(&st, &org, &milonga(6, None)).await.unwrap();
    service::rsvp(&st, &a, event, Some(RsvpStatus::Interested)).await.unwrap();
    let mut form = service::editor(&st, &org, event).await.unwrap().form;
    let start = Utc::now() + Duration::days(7);
    form.starts_local = local_input(start, &form.time_zone);
    form.ends_local = local_input(start + Duration::hours(3), &form.time_zone);
    service::update_event(&st, &org, event, &form).await.unwrap();
    assert!(notifications_for(&pool, a.member_id).await.iter().any(|n| n.starts_with("Milonga de prueba has changed")));
    let seq: i32 = sqlx::query_scalar("select sequence from events where event_id = $1")
        .bind(event)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(seq, 1, "calendar apps see a new SEQUENCE");

    let mut draft = milonga(8, None);
    draft.status = "draft".into();
    let hidden = service::create_event(&st, &org, &draft).await.unwrap();
    assert_eq!(app.get(&format!("/events/{hidden}"), None).await.status, 404);
    assert!(matches!(service::detail(&st, &viewer(&a), hidden).await, Err(AppError::NotFound)));
    assert!(service::detail(&st, &viewer(&org), hidden).await.is_ok());
    assert!(matches!(service::rsvp(&st, &a, hidden, Some(RsvpStatus::Going)).await, Err(AppError::NotFound)));
    let page = service::list(&st, &viewer(&a), &EventFilters::default(), None).await.unwrap();
    assert!(page.events.iter().all(|e| e.event_id != hidden));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn filters_narrow_the_list_and_pages_never_repeat(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let st = state(&pool);
    // Two organisers: one member may create 20 events an hour.
    let orgs = quick_members(&pool, "f", 2).await;
    let org = orgs[0].clone();
    for i in 0..25 {
        service::create_event(&st, &orgs[(i % 2) as usize], &milonga(1 + i, None)).await.unwrap();
    }
    let mut online = milonga(2, None);
    online.title = "Online tango class".into();
    online.event_type = "class".into();
    online.mode = "online".into();
    online.meeting_url = "https://meet.example.org/tango".into();
    online.city = String::new();
    online.latitude = String::new();
    online.longitude = String::new();
    service::create_event(&st, &org, &online).await.unwrap();
    let mut berlin = milonga(3, None);
    berlin.city = "Berlin".into();
    berlin.latitude = "52.52".into();
    berlin.longitude = "13.405".into();
    service::create_event(&st, &org, &berlin).await.unwrap();

    let v = Viewer { member: None, zone: None };
    let f = |c: &str, t: &str, mode: &str| EventFilters {
        city: c.into(),
        event_type: t.into(),
        mode: mode.into(),
        ..Default::default()
    };
    // Keyset pages: 27 events, 20 + 7, no repeats, in time order.
    let first = service::list(&st, &v, &EventFilters::default(), None).await.unwrap();
    assert_eq!(first.events.len(), 20);
    let cursor = kindred::paging::decode_cursor(first.next.as_deref().unwrap()).unwrap();
    let second = service::list(&st, &v, &EventFilters::default(), Some(cursor)).await.unwrap();
    assert_eq!(second.events.len(), 7);
    assert!(second.next.is_none());
    let mut ids: Vec<Uuid> = first.events.iter().chain(second.events.iter()).map(|e| e.event_id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 27);

    assert_eq!(service::list(&st, &v, &f("berlin", "", ""), None).await.unwrap().events.len(), 1);
    assert_eq!(service::list(&st, &v, &f("", "class", ""), None).await.unwrap().events.len(), 1);
    assert_eq!(service::list(&st, &v, &f("", "", "online"), None).await.unwrap().events.len(), 1);
    assert_eq!(service::list(&st, &v, &f("", "", "in_person"), None).await.unwrap().events.len(), 20);
    let near = EventFilters { lat: "52.5".into(), lon: "13.4".into(), radius_km: "10".into(), ..Default::default() };
    let found = service::list(&st, &v, &near, None).await.unwrap().events;
    assert_eq!(found.len(), 1);
    assert!(found[0].distance_km.unwrap() < 5.0);
    let range = EventFilters {
        from: (Utc::now() + Duration::days(4)).format("%Y-%m-%d").to_string(),
        to: (Utc::now() + Duration::days(6)).format("%Y-%m-%d").to_string(),
        ..Default::default()
    };
    let in_range = service::list(&st, &v, &range, None).await.unwrap().events;
    assert!((2..=4).contains(&in_range.len()), "{}", in_range.len());
    match service::list(&st, &v, &EventFilters { event_type: "rave".into(), ..Default::default() }, None).await {
        Err(AppError::Invalid { field, .. }) => assert_eq!(field, "type"),
        other => panic!("{other:?}"),
    }
    // Past events: move one into the past and look it up there.
    sqlx::query("update events set starts_at = now() - interval '2 days', ends_at = now() - interval '1 day' where city = 'Berlin'")
        .execute(&pool)
        .await
        .unwrap();
    let past = EventFilters { past: "1".into(), ..Default::default() };
    assert_eq!(service::list(&st, &v, &past, None).await.unwrap().events.len(), 1);
    // The month view puts events on their local days.
    let month = (Utc::now() + Duration::days(1)).format("%Y-%m").to_string();
    let view = service::month(&st, &v, &month, &EventFilters::default()).await.unwrap();
    assert!(view.weeks.iter().flatten().any(|d| !d.events.is_empty()));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn demo_data_has_a_practica_a_milonga_a_festival_an_online_class_and_a_group_practice(
    _: PgPoolOptions,
    opts: PgConnectOptions,
) {
    let pool = common::connect(opts).await;
    assert!(kindred::startup::demo::seed_if_empty(&state(&pool)).await.unwrap());
    let kinds: Vec<(String, bool, bool)> =
        sqlx::query_as("select distinct event_type::text, is_online, series_id is not null from events order by 1")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(
        kinds,
        vec![
            ("class".to_string(), true, false),
            ("festival".to_string(), false, false),
            ("group_practice".to_string(), false, false),
            ("milonga".to_string(), false, true),
            ("practica".to_string(), false, true),
        ]
    );
    // The group practice already took place and names its technique, for "Practised together".
    let past_practice: i64 =
        sqlx::query_scalar("select count(*) from events where technique_id is not null and ends_at < now()")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(past_practice, 1);
}
