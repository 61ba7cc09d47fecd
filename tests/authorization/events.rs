//! The events' resources: a private community's event (5) and its attendee list (6).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Actor::*;
use super::{
    assert_none, cast, days_ahead, get, id_of, post, Row, Scene, ACTORS, E401, E403, E404, E409, E422, HID, OK, SEE,
};

// ------------------------------------------------------------------------------------------------
// 5. An event of the private community, organised by the owner; the member is going. The
//    banned member answered "going" before the ban. The moderator role holds "manage events",
//    so the moderator runs the community's events; site moderators remove comments anywhere.
//    Those who cannot see the event get 404 from the reads; from organiser-only functions
//    everyone who does not run it gets 403.

#[rustfmt::skip]
pub(super) fn community_event() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/events/get?id={event}",
            [E404,     E404,     OK,       OK,       E404,     OK,       OK,       E404]),
        get("/events/{event}/event.ics",
            [E404,     E404,     OK,       OK,       E404,     OK,       OK,       E404]),
        get("/api/events/comments?id={event}",
            [E404,     E404,     OK,       OK,       E404,     OK,       OK,       E404]),
        get("/api/events/list?filters[community]={slug}",
            [HID,      HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("event"),
        get("/api/events/list",
            [HID,      HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("event"),
        get("/api/events/month?month={month}",
            [HID,      HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("event"),
        // The banned member's old answer stays, but no longer brings the event into their "my
        // events", their Today page or their private calendar feed (a review found it did).
        get("/api/events/mine",
            [E401,     HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("event"),
        // As above (Today lists the events one is going to).
        get("/api/home",
            [HID,      HID,      SEE,      HID,      HID,      HID,      HID,      HID]).marker("event"),
        // As above (the calendar feed, by its secret link; the visitor's link is made up).
        get("{feed}",
            [E404,     HID,      SEE,      HID,      HID,      HID,      HID,      HID]).marker("event"),
        get("/api/events/editor?id={event}",
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        post("/api/events/rsvp", &[("id", "{event}"), ("status", "going")],
            [E401,     E404,     OK,       OK,       E404,     OK,       OK,       E404]),
        // The blocked member reads the event but cannot talk to its organiser.
        post("/api/events/comment", &[("id", "{event}"), ("body", "See you there")],
            [E401,     E404,     OK,       E403,     E404,     OK,       OK,       E404]),
        post("/api/events/update",
             &[("id", "{event}"), ("event[title]", "Members' practica"), ("event[event_type]", "practica"),
               ("event[starts_local]", "{start}"), ("event[ends_local]", "{end}"),
               ("event[time_zone]", "Europe/London"), ("event[mode]", "in_person"), ("event[venue]", "Studio"),
               ("event[city]", "London"), ("event[status]", "published"), ("event[community]", "{slug}"),
               ("event[repeat]", "none"), ("event[scope]", "one")],
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        // Only the organiser names co-organisers; a co-organiser may step down.
        post("/api/events/organizers/add", &[("id", "{event}"), ("username", "moderator")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/events/organizers/remove", &[("id", "{event}"), ("username", "moderator")],
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        post("/api/events/comment/delete", &[("id", "{comment_gone}")],
            [E401,     E403,     OK,       E403,     E403,     OK,       OK,       OK]),
        // Putting an event in the community needs "manage events" there.
        post("/api/events/create",
             &[("event[title]", "Second practica"), ("event[event_type]", "practica"),
               ("event[starts_local]", "{start}"), ("event[ends_local]", "{end}"),
               ("event[time_zone]", "Europe/London"), ("event[mode]", "in_person"), ("event[venue]", "Studio"),
               ("event[city]", "London"), ("event[status]", "published"), ("event[community]", "{slug}"),
               ("event[repeat]", "none")],
            [E401,     E422,     E422,     E422,     E422,     OK,       OK,       E422]),
        post("/api/events/cancel", &[("id", "{event}"), ("scope", "one")],
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        // The cancellation is announced to everyone who answered and may still read the event:
        // not to the banned member.
        get("/api/notifications/list",
            [E401,     HID,      SEE,      SEE,      HID,      SEE,      SEE,      HID]).marker("event"),
    ]
}

fn event_form<'a>(title: &'a str, start: &'a str, end: &'a str, capacity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("event[title]", title),
        ("event[event_type]", "practica"),
        ("event[starts_local]", start),
        ("event[ends_local]", end),
        ("event[time_zone]", "Europe/London"),
        ("event[mode]", "in_person"),
        ("event[venue]", "Studio"),
        ("event[city]", "London"),
        ("event[status]", "published"),
        ("event[community]", "circle"),
        ("event[repeat]", "none"),
        ("event[capacity]", capacity),
    ]
}

/// The private community's event, organised by the owner, with its start, end and month.
async fn community_event_scene(s: &mut Scene, capacity: &str) -> String {
    let (start, end) = (days_ahead(5, 19), days_ahead(5, 21));
    let event =
        id_of(&s.ok(Owner, "/api/events/create", &event_form("Members' practica", &start, &end, capacity)).await);
    s.set("event", event.clone());
    s.set("month", start[..7].to_string());
    s.set("start", start);
    s.set("end", end);
    event
}

#[sqlx::test]
async fn community_event_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let mut s = cast(opts).await;
    let event = community_event_scene(&mut s, "").await;
    for who in [Member, Banned] {
        s.ok(who, "/api/events/rsvp", &[("id", &event), ("status", "going")]).await;
    }
    let mut comments = Vec::new();
    for _ in 0..4 {
        comments
            .push(id_of(&s.ok(Member, "/api/events/comment", &[("id", &event), ("body", "Bringing snacks")]).await));
    }
    s.set("comment_gone", comments[0].clone());
    for (who, c) in [(Moderator, &comments[1]), (Owner, &comments[2]), (SiteMod, &comments[3])] {
        s.set_for("comment_gone", who, c.clone());
    }
    for who in ACTORS.into_iter().filter(|a| *a != Visitor) {
        let feed = s.ok(who, "/api/events/calendar-feed/change", &[("action", "reset")]).await;
        s.set_for("feed", who, feed["path"].as_str().unwrap());
    }
    s.set("feed", format!("/calendar/{}.ics", "0".repeat(48)));
    s.block_and_ban().await;
    assert_none(s.verify("community event", &community_event()).await);
}

// ------------------------------------------------------------------------------------------------
// 6. The attendee list of that event (capacity 1): the member is going and shares their email;
//    the blocked member and the moderator are on the waitlist; the banned member answered
//    "interested" before the ban. Organisers (and "manage events") see the list.

#[rustfmt::skip]
pub(super) fn attendee_list() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/events/attendees?id={event}",
            [E401,     E403,     E403,     E403,     E403,     SEE,      SEE,      E403]).marker("email"),
        get("/events/{event}/attendees.csv",
            [E401,     E403,     E403,     E403,     E403,     SEE,      SEE,      E403]).marker("email"),
        // The event's page names who is going, never their emails.
        get("/api/events/get?id={event}",
            [E404,     E404,     HID,      HID,      E404,     HID,      HID,      E404]).marker("email"),
        // Sharing needs an answer (409 without one) on an event one may read (404 otherwise, as
        // events/rsvp answers: the banned member's old answer can no longer be changed).
        post("/api/events/share-email", &[("id", "{event}"), ("share", "on")],
            [E401,     E404,     OK,       OK,       E404,     OK,       E409,     E404]),
        // Giving a waitlisted member a place: the moderator promotes the blocked member, the
        // owner the moderator.
        post("/api/events/promote", &[("id", "{event}"), ("username", "{promotee}")],
            [E401,     E403,     E403,     E403,     E403,     OK,       OK,       E403]),
        get("/api/events/attendees?id={event}",
            [E401,     E403,     E403,     E403,     E403,     SEE,      SEE,      E403]).marker("email"),
    ]
}

#[sqlx::test]
async fn attendee_list_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let mut s = cast(opts).await;
    let event = community_event_scene(&mut s, "1").await;
    for (who, status) in [(Member, "going"), (Blocked, "going"), (Moderator, "going"), (Banned, "interested")] {
        s.ok(who, "/api/events/rsvp", &[("id", &event), ("status", status)]).await;
    }
    s.ok(Member, "/api/events/share-email", &[("id", &event), ("share", "on")]).await;
    s.set("email", "member@example.org");
    s.set("promotee", "blocked");
    s.set_for("promotee", Owner, "moderator");
    s.block_and_ban().await;
    assert_none(s.verify("attendee list", &attendee_list()).await);
}
