//! The oracle's resources: a reading (9) and the journal (10).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Actor::*;
use super::{assert_none, cast, get, id_of, post, Row, Scene, E401, E404, HID, OK, SEE};

// ------------------------------------------------------------------------------------------------
// 9 and 10. The owner's oracle readings (a three-card spread and today's card) and the journal
//    built from them. Every query is scoped to the signed-in member: another's reading is 404.

#[rustfmt::skip]
pub(super) fn reading() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/oracle/reading?id={reading}",
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        get("/api/oracle/reading?id={today}",
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        get("/api/oracle/readings",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("reading"),
        get("/api/oracle/today",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("today"),
        post("/api/oracle/reading/share", &[("id", "{reading}")],
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        post("/api/oracle/reading/delete", &[("id", "{reading}")],
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        get("/api/oracle/reading?id={reading}",
            [E401,     E404,     E404,     E404,     E404,     E404,     E404,     E404]),
    ]
}

#[rustfmt::skip]
pub(super) fn journal() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/oracle/journal?days=30",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("mark"),
        get("/api/oracle/journal?days=90",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("mark"),
    ]
}

async fn readings_scene(opts: PgConnectOptions) -> Scene {
    let mut s = cast(opts).await;
    let reading = id_of(&s.ok(Owner, "/api/oracle/spread", &[("question", "Will the studio open again?")]).await);
    let today = id_of(&s.ok(Owner, "/api/oracle/today/draw", &[]).await);
    s.set("reading", reading);
    s.set("today", today);
    // The owner's journal counts two readings; everyone else's none.
    s.set("mark", "\"readings\":2,");
    s.block_and_ban().await;
    s
}

#[sqlx::test]
async fn reading_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let s = readings_scene(opts).await;
    assert_none(s.verify("reading", &reading()).await);
}

#[sqlx::test]
async fn journal_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let s = readings_scene(opts).await;
    assert_none(s.verify("journal", &journal()).await);
}
