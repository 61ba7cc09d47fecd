//! The places' resources: a reward (7) and a mentor's session notes (8).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Actor::*;
use super::{assert_none, cast, common, days_ahead, get, id_of, post, Row, E401, E403, E404, E409, HID, OK, SEE};

// ------------------------------------------------------------------------------------------------
// 7. A reward the owner earned, redeemable at partner places; the member is the partner's
//    staff (the only other party a reward has). Only staff redeem, once.

#[rustfmt::skip]
pub(super) fn reward() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/places/journey",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("code"),
        get("/api/places/staff",
            [E401,     HID,      SEE,      HID,      HID,      HID,      HID,      HID]).marker("place"),
        post("/api/places/redeem", &[("code", "{code}"), ("place_id", "{place}")],
            [E401,     E403,     OK,       E403,     E403,     E403,     E403,     E403]),
        post("/api/places/redeem", &[("code", "{code}"), ("place_id", "{place}")],
            [E401,     E403,     E409,     E403,     E403,     E403,     E403,     E403]),
        get("/api/places/journey",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("code"),
    ]
}

#[sqlx::test]
async fn reward_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    use kindred::places::{model::PlaceForm, repo, service};
    let mut s = cast(opts).await;
    let pool = s.pool().clone();
    let state = common::state(&pool);
    let owner = common::member(&pool, "owner").await;
    let staff = common::member(&pool, "member").await;
    let partner = repo::insert_partner(&pool, "Partner Cafe Co", "", "gold").await.unwrap();
    let form = PlaceForm {
        name: "Partner Cafe".into(),
        place_type: "coffee".into(),
        latitude: "51.5".into(),
        longitude: "-0.12".into(),
        ..Default::default()
    };
    let place = service::propose(&state, &owner, &form).await.unwrap();
    repo::set_partner(&pool, place, Some(partner)).await.unwrap();
    repo::add_staff(&pool, partner, staff.member_id).await.unwrap();
    let code = "AUTHZREWARDCODE12345";
    sqlx::query(
        "insert into rewards (member_id, milestone, kind, title, code, partner_id, expires_at)
         values ($1, 'streak_3', 'coffee', 'A free coffee', $2, $3, now() + interval '30 days')",
    )
    .bind(owner.member_id)
    .bind(code)
    .bind(partner)
    .execute(&pool)
    .await
    .unwrap();
    s.set("code", code);
    s.set("place", place.to_string());
    s.block_and_ban().await;
    assert_none(s.verify("reward", &reward()).await);
}

// ------------------------------------------------------------------------------------------------
// 8. A mentor's notes: the owner mentors, the member booked a session; each side keeps private
//    notes on it. Only the two of them act on the session, only the mentor runs it.

#[rustfmt::skip]
pub(super) fn mentor_notes() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/mentors/sessions",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("mentor_note"),
        get("/api/mentors/sessions",
            [E401,     HID,      SEE,      HID,      HID,      HID,      HID,      HID]).marker("mentee_note"),
        get("/api/mentors/page?username=owner",
            [HID,      HID,      HID,      HID,      HID,      HID,      HID,      HID]).marker("mentor_note"),
        get("/api/mentors/mine",
            [E401,     HID,      HID,      HID,      HID,      HID,      HID,      HID]).marker("mentor_note"),
        get("/api/mentors/list",
            [HID,      HID,      HID,      HID,      HID,      HID,      HID,      HID]).marker("mentor_note"),
        // Each side writes only their own notes.
        post("/api/mentors/session", &[("id", "{session}"), ("action", "notes"), ("notes", "{notes}")],
            [E401,     E404,     OK,       E404,     E404,     E404,     OK,       E404]),
        get("/api/mentors/sessions",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("mentor_note"),
        get("/api/mentors/sessions",
            [E401,     HID,      SEE,      HID,      HID,      HID,      HID,      HID]).marker("mentee_note"),
        post("/api/mentors/session", &[("id", "{session}"), ("action", "confirm")],
            [E401,     E404,     E403,     E404,     E404,     E404,     OK,       E404]),
        post("/api/mentors/session", &[("id", "{session}"), ("action", "complete")],
            [E401,     E404,     E403,     E404,     E404,     E404,     OK,       E404]),
        post("/api/mentors/session", &[("id", "{session}"), ("action", "no_show")],
            [E401,     E404,     E403,     E404,     E404,     E404,     E409,     E404]),
        post("/api/mentors/session", &[("id", "{session}"), ("action", "cancel")],
            [E401,     E404,     E409,     E404,     E404,     E404,     E409,     E404]),
        // A new session: anyone but the mentor and those the mentor blocked.
        post("/api/mentors/book",
             &[("username", "owner"), ("starts_at", "{later}"), ("duration_minutes", "60"), ("mode", "virtual")],
            [E401,     OK,       OK,       E409,     OK,       OK,       E409,     OK]),
    ]
}

#[sqlx::test]
async fn mentor_notes_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    use kindred::places::{mentoring, model::MentorForm};
    let mut s = cast(opts).await;
    let pool = s.pool().clone();
    let form = MentorForm {
        title: "Breathwork guide".into(),
        specializations: "breathwork, calm".into(),
        mode: "virtual".into(),
        available: Some("on".into()),
        ..Default::default()
    };
    mentoring::save_profile(&common::state(&pool), &common::member(&pool, "owner").await, &form).await.unwrap();
    let when = days_ahead(3, 18);
    let session = id_of(
        &s.ok(
            Member,
            "/api/mentors/book",
            &[("username", "owner"), ("starts_at", &when), ("duration_minutes", "60"), ("mode", "virtual")],
        )
        .await,
    );
    let (mentor_note, mentee_note) = ("shallowbreathmentornote", "boxbreathingmenteenote");
    s.ok(Owner, "/api/mentors/session", &[("id", &session), ("action", "notes"), ("notes", mentor_note)]).await;
    s.ok(Member, "/api/mentors/session", &[("id", &session), ("action", "notes"), ("notes", mentee_note)]).await;
    s.set("session", session);
    s.set("mentor_note", mentor_note);
    s.set("mentee_note", mentee_note);
    // Each writes their notes again (unchanged); anyone else would write "somebody else's words".
    s.set("notes", "somebody else's words");
    s.set_for("notes", Owner, mentor_note);
    s.set_for("notes", Member, mentee_note);
    s.set("later", days_ahead(4, 18));
    s.block_and_ban().await;
    assert_none(s.verify("mentor notes", &mentor_notes()).await);
}
