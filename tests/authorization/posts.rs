//! The feed's resources: a connections-only post (3) and a hidden post (4).

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Actor::*;
use super::{assert_none, cast, get, id_of, post, Row, E401, E403, E404, E409, HID, OK, SEE};

// ------------------------------------------------------------------------------------------------
// 3. A connections-only post by the owner. The member is the owner's connection (and comments);
//    the blocked member was one until the block ended it. Site moderators act on reports and
//    remove anything, but read only what the post's audience reads.

#[rustfmt::skip]
pub(super) fn connections_post() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/feed/post?id={post}",
            [E404,     E404,     OK,       E404,     E404,     E404,     OK,       E404]),
        get("/api/feed/page?feed=member:owner",
            [HID,      HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/feed/page?feed=home",
            [HID,      HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/feed/page?feed=everyone",
            [HID,      HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/feed/page?feed=tag:dawnpractice",
            [HID,      HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/search?q=sunrise",
            [HID,      HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        post("/api/feed/engage", &[("id", "{post}"), ("kind", "like")],
            [E401,     E404,     OK,       E404,     E404,     E404,     OK,       E404]),
        post("/api/feed/comment", &[("id", "{post}"), ("body", "Count me in")],
            [E401,     E404,     OK,       E404,     E404,     E404,     OK,       E404]),
        post("/api/feed/bookmark", &[("id", "{post}")],
            [E401,     E404,     OK,       E404,     E404,     E404,     OK,       E404]),
        // The blocked member bookmarked it while still a connection.
        get("/api/feed/page?feed=bookmarks",
            [E401,     HID,      SEE,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        post("/api/moderation/report", &[("target", "post:{post}"), ("reason", "spam")],
            [E401,     E404,     OK,       E404,     E404,     E404,     E409,     E404]),
        get("/api/moderation/queue",
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     SEE]).marker("post"),
        post("/api/feed/post/edit",
             &[("id", "{post}"), ("body", "Sunrise practice notes, revised #dawnpractice"),
               ("visibility", "connections"), ("chakra", "auto")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        post("/api/feed/comment/edit", &[("id", "{comment}"), ("body", "Count me in twice")],
            [E401,     E403,     OK,       E403,     E403,     E403,     E403,     E403]),
        post("/api/moderation/decide", &[("target", "post:{post}"), ("decision", "dismiss")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     OK]),
        post("/api/moderation/decide", &[("target", "post:{post}"), ("decision", "hide")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     OK]),
        post("/api/moderation/decide", &[("target", "post:{post}"), ("decision", "restore")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     OK]),
        post("/api/feed/comment/delete", &[("id", "{comment_gone}")],
            [E401,     E403,     OK,       E403,     E403,     E403,     E403,     OK]),
        post("/api/feed/post/delete", &[("id", "{post_gone}")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       OK]),
    ]
}

#[sqlx::test]
async fn connections_only_post_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let mut s = cast(opts).await;
    for who in [Member, Blocked] {
        s.ok(Owner, "/api/people/connection", &[("username", who.name()), ("action", "request")]).await;
        s.ok(who, "/api/people/connection", &[("username", "owner"), ("action", "accept")]).await;
    }
    let write = |body: &'static str| {
        let s = &s;
        async move {
            id_of(
                &s.ok(
                    Owner,
                    "/api/feed/post/create",
                    &[("body", body), ("visibility", "connections"), ("chakra", "auto")],
                )
                .await,
            )
        }
    };
    let post = write("Sunrise practice notes #dawnpractice").await;
    s.ok(Blocked, "/api/feed/bookmark", &[("id", &post)]).await;
    let spare = write("Another note for connections").await;
    let c1 = id_of(&s.ok(Member, "/api/feed/comment", &[("id", &post), ("body", "Lovely")]).await);
    let c2 = id_of(&s.ok(Member, "/api/feed/comment", &[("id", &post), ("body", "See you there")]).await);
    s.set("post", post.clone());
    s.set("comment", c1.clone());
    s.set("comment_gone", c1);
    s.set_for("comment_gone", SiteMod, c2);
    s.set("post_gone", post);
    s.set_for("post_gone", SiteMod, spare);
    s.block_and_ban().await;
    assert_none(s.verify("connections-only post", &connections_post()).await);
}

// ------------------------------------------------------------------------------------------------
// 4. A hidden post: the owner's public post, reported by the member and hidden (by SQL, as a
//    moderator's decision would). Only its author reads it, and site moderators on its page.

#[rustfmt::skip]
pub(super) fn hidden_post() -> Vec<Row> {
    vec![
        //   visitor   stranger  member    blocked   banned    moderator owner     sitemod
        get("/api/feed/post?id={post}",
            [E404,     E404,     E404,     E404,     E404,     E404,     OK,       OK]),
        get("/api/feed/page?feed=member:owner",
            [HID,      HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/feed/page?feed=everyone",
            [HID,      HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/feed/page?feed=tag:moonsecret",
            [HID,      HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        get("/api/search?q=moonlight",
            [HID,      HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        post("/api/feed/engage", &[("id", "{post}"), ("kind", "like")],
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        post("/api/feed/comment", &[("id", "{post}"), ("body", "Where did it go?")],
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        post("/api/feed/bookmark", &[("id", "{post}")],
            [E401,     E404,     E404,     E404,     E404,     E404,     OK,       E404]),
        // The member bookmarked it before it was hidden.
        get("/api/feed/page?feed=bookmarks",
            [E401,     HID,      HID,      HID,      HID,      HID,      SEE,      HID]).marker("post"),
        post("/api/moderation/report", &[("target", "post:{post}"), ("reason", "spam")],
            [E401,     E404,     E404,     E404,     E404,     E404,     E409,     E404]),
        get("/api/moderation/queue",
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     SEE]).marker("post"),
        post("/api/feed/post/edit",
             &[("id", "{post}"), ("body", "Moonlight milonga, softened #moonsecret"), ("visibility", "public"),
               ("chakra", "auto")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       E403]),
        // Members keep their own comments under a post that was hidden.
        post("/api/feed/comment/edit", &[("id", "{comment}"), ("body", "Edited while hidden")],
            [E401,     E403,     OK,       E403,     E403,     E403,     E403,     E403]),
        post("/api/moderation/decide", &[("target", "post:{post}"), ("decision", "dismiss")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     OK]),
        post("/api/moderation/decide", &[("target", "post:{post}"), ("decision", "restore")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     OK]),
        // Restored, it is the public post it was (blocks still apply) …
        get("/api/feed/post?id={post}",
            [OK,       OK,       OK,       E404,     OK,       OK,       OK,       OK]),
        post("/api/moderation/decide", &[("target", "post:{post}"), ("decision", "hide")],
            [E401,     E403,     E403,     E403,     E403,     E403,     E403,     OK]),
        // … and hidden again, it is gone again.
        get("/api/feed/post?id={post}",
            [E404,     E404,     E404,     E404,     E404,     E404,     OK,       OK]),
        post("/api/feed/comment/delete", &[("id", "{comment_gone}")],
            [E401,     E403,     OK,       E403,     E403,     E403,     E403,     OK]),
        post("/api/feed/post/delete", &[("id", "{post_gone}")],
            [E401,     E403,     E403,     E403,     E403,     E403,     OK,       OK]),
    ]
}

#[sqlx::test]
async fn hidden_post_matrix(_: PgPoolOptions, opts: PgConnectOptions) {
    let mut s = cast(opts).await;
    let write = |body: &'static str| {
        let s = &s;
        async move {
            id_of(
                &s.ok(Owner, "/api/feed/post/create", &[("body", body), ("visibility", "public"), ("chakra", "auto")])
                    .await,
            )
        }
    };
    let post = write("Moonlight milonga tonight #moonsecret").await;
    let spare = write("Moonlight again").await;
    let c1 = id_of(&s.ok(Member, "/api/feed/comment", &[("id", &post), ("body", "Not this again")]).await);
    let c2 = id_of(&s.ok(Member, "/api/feed/comment", &[("id", &post), ("body", "Really not")]).await);
    s.ok(Member, "/api/moderation/report", &[("target", &format!("post:{post}")), ("reason", "spam")]).await;
    s.ok(Member, "/api/feed/bookmark", &[("id", &post)]).await;
    sqlx::query(
        "update posts set hidden_at = now(), hidden_by = (select member_id from members where username = 'sitemod')
         where post_id = any($1)",
    )
    .bind(vec![post.parse::<uuid::Uuid>().unwrap(), spare.parse::<uuid::Uuid>().unwrap()])
    .execute(s.pool())
    .await
    .unwrap();
    s.set("post", post.clone());
    s.set("comment", c1.clone());
    s.set("comment_gone", c1);
    s.set_for("comment_gone", SiteMod, c2);
    s.set("post_gone", post);
    s.set_for("post_gone", SiteMod, spare);
    s.block_and_ban().await;
    assert_none(s.verify("hidden post", &hidden_post()).await);
}
