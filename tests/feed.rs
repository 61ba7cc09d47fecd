//! Posts, engagements, comments and feeds against a real PostgreSQL.

mod common;

use std::collections::HashSet;

use common::{member, state, TestApp};
use kindred::feed::model::EngagementKind;
use kindred::feed::repo::FeedKind;
use kindred::feed::service;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::PgPool;
use uuid::Uuid;

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// Inserts `n` public posts by `author` straight into the table (no rate limit), oldest first.
async fn seed_posts(pool: &PgPool, author: Uuid, n: i32) -> Vec<Uuid> {
    sqlx::query_scalar(
        "insert into posts (author_id, body, body_html, chakra, chakra_auto, frequency, created_at)
         select $1, 'post ' || i, '<p>post ' || i || '</p>', 'heart', 'heart', 5, now() - make_interval(secs => $2 - i)
         from generate_series(1, $2) as i returning post_id",
    )
    .bind(author)
    .bind(n)
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn fifty_concurrent_energy_sends_with_forty_left_make_exactly_four(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = PgPoolOptions::new().max_connections(20).connect_with(opts).await.unwrap();
    let app = TestApp::new(pool.clone());
    app.sign_up("author_a").await;
    app.sign_up("giver_b").await;
    let a = member(&pool, "author_a").await;
    let b = member(&pool, "giver_b").await;
    let posts = seed_posts(&pool, a.member_id, 50).await;
    sqlx::query(
        "update members set energy_balance = 40, energy_month = date_trunc('month', now())::date where member_id = $1",
    )
    .bind(b.member_id)
    .execute(&pool)
    .await
    .unwrap();
    let st = state(&pool);
    let results = futures_join_all(posts.iter().map(|p| {
        let (st, b, p) = (st.clone(), b.clone(), *p);
        tokio::spawn(async move { service::engage(&st, &b, p, EngagementKind::Energy).await })
    }))
    .await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 4, "exactly four sends fit in 40 energy");
    let balance: i32 = sqlx::query_scalar("select energy_balance from members where member_id = $1")
        .bind(b.member_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(balance, 0);
    let (aura, sent): (i32, i64) = sqlx::query_as(
        "select (select aura from members where member_id = $1), (select sum(energy_count) from posts where author_id = $1)",
    )
    .bind(a.member_id)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((aura, sent), (40, 4));
}

async fn futures_join_all<T>(handles: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for h in handles.collect::<Vec<_>>() {
        out.push(h.await.unwrap());
    }
    out
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn likes_toggle_count_once_and_pay_xp_once(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("poster").await;
    let cookie = app.sign_up("liker").await;
    app.post("/api/oracle/questionnaire/answer", &[("answers[spiritual]", "yes")], Some(&cookie)).await;
    let poster = member(&pool, "poster").await;
    let liker = member(&pool, "liker").await;
    let post = seed_posts(&pool, poster.member_id, 1).await[0];
    let st = state(&pool);

    let first = service::engage(&st, &liker, post, EngagementKind::Like).await.unwrap();
    assert_eq!(first.counts.like, 1);
    assert!(first.mine.contains(&EngagementKind::Like));
    let mut conn = pool.acquire().await.unwrap();
    assert!(
        !kindred::feed::repo::insert_engagement(&mut conn, post, liker.member_id, EngagementKind::Like).await.unwrap(),
        "a duplicate like is a no-op"
    );
    drop(conn);
    let off = service::engage(&st, &liker, post, EngagementKind::Like).await.unwrap();
    assert_eq!(off.counts.like, 0);
    let on = service::engage(&st, &liker, post, EngagementKind::Like).await.unwrap();
    assert_eq!(on.counts.like, 1);
    let guide = kindred::oracle::service::guide(&st, liker.member_id).await.unwrap().unwrap();
    assert_eq!(guide.xp, 5, "liking again after unliking pays no more XP");

    let upvote = service::engage(&st, &liker, post, EngagementKind::Upvote).await.unwrap();
    assert_eq!(upvote.counts.upvote, 1);
    let guide = kindred::oracle::service::guide(&st, liker.member_id).await.unwrap().unwrap();
    assert_eq!(guide.xp, 15);
}

/// The guide grows from engaging with others: liking, voting on or commenting under one's own
/// post earns no XP (it still counts as a like).
#[sqlx::test(migrator = "MIGRATOR")]
async fn no_xp_for_engaging_with_ones_own_posts(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let cookie = app.sign_up("selfie").await;
    app.post("/api/oracle/questionnaire/answer", &[("answers[spiritual]", "yes")], Some(&cookie)).await;
    let me = member(&pool, "selfie").await;
    let post = seed_posts(&pool, me.member_id, 1).await[0];
    let st = state(&pool);
    let liked = service::engage(&st, &me, post, EngagementKind::Like).await.unwrap();
    assert_eq!(liked.counts.like, 1);
    service::engage(&st, &me, post, EngagementKind::Upvote).await.unwrap();
    let r = app.post("/api/feed/comment", &[("id", &post.to_string()), ("body", "Adding a note")], Some(&cookie)).await;
    assert!(r.status < 300, "{} {}", r.status, r.body);
    let guide = kindred::oracle::service::guide(&st, me.member_id).await.unwrap().unwrap();
    assert_eq!(guide.xp, 0, "no XP from one's own post");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn energy_is_once_per_post_and_never_to_oneself(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("sol").await;
    app.sign_up("luna").await;
    let sol = member(&pool, "sol").await;
    let luna = member(&pool, "luna").await;
    let post = seed_posts(&pool, sol.member_id, 1).await[0];
    let st = state(&pool);
    assert!(service::engage(&st, &sol, post, EngagementKind::Energy).await.is_err(), "not to one's own post");
    let sent = service::engage(&st, &luna, post, EngagementKind::Energy).await.unwrap();
    assert_eq!(sent.energy_balance, 990);
    assert_eq!(sent.counts.energy, 1);
    assert!(service::engage(&st, &luna, post, EngagementKind::Energy).await.is_err(), "once per post");
    let status = service::energy_status(&st, &luna).await.unwrap();
    assert_eq!(status.balance, 990);
    let aura: i32 = sqlx::query_scalar("select aura from members where member_id = $1")
        .bind(sol.member_id)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(aura, 10);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn members_cannot_edit_or_delete_others_posts_or_comments(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("owner").await;
    let b = app.sign_up("intruder").await;
    let created = app
        .post(
            "/api/feed/post/create",
            &[("body", "My #milonga night"), ("visibility", "public"), ("chakra", "auto")],
            Some(&a),
        )
        .await;
    assert_eq!(created.status, 200, "{}", created.body);
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    let comment = app.post("/api/feed/comment", &[("id", &post_id), ("body", "Lovely")], Some(&a)).await;
    assert_eq!(comment.status, 200, "{}", comment.body);
    let comment_id: String = serde_json::from_str(&comment.body).unwrap();

    let edit = app
        .post(
            "/api/feed/post/edit",
            &[("id", &post_id), ("body", "hacked"), ("visibility", "public"), ("chakra", "auto")],
            Some(&b),
        )
        .await;
    assert_eq!(edit.status, 403);
    assert_eq!(app.post("/api/feed/post/delete", &[("id", &post_id)], Some(&b)).await.status, 403);
    assert_eq!(app.post("/api/feed/comment/edit", &[("id", &comment_id), ("body", "x")], Some(&b)).await.status, 403);
    assert_eq!(app.post("/api/feed/comment/delete", &[("id", &comment_id)], Some(&b)).await.status, 403);
    let body: String = sqlx::query_scalar("select body from posts").fetch_one(&pool).await.unwrap();
    assert_eq!(body, "My #milonga night");
    let count: i32 = sqlx::query_scalar("select comment_count from posts").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 1);

    // A reply, then deleting the parent takes both off the count.
    let reply = app
        .post("/api/feed/comment", &[("id", &post_id), ("parent_id", &comment_id), ("body", "Thanks!")], Some(&b))
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(app.post("/api/feed/comment/delete", &[("id", &comment_id)], Some(&a)).await.status, 200);
    let count: i32 = sqlx::query_scalar("select comment_count from posts").fetch_one(&pool).await.unwrap();
    assert_eq!(count, 0);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn followers_only_posts_are_hidden_from_others_everywhere(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("private_p").await;
    let f = app.sign_up("friend_f").await;
    let s = app.sign_up("stranger_s").await;
    let created = app
        .post(
            "/api/feed/post/create",
            &[("body", "Only for my #circle"), ("visibility", "followers"), ("chakra", "auto")],
            Some(&a),
        )
        .await;
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    app.post("/api/feed/follow", &[("username", "private_p"), ("follow", "true")], Some(&f)).await;

    let url = format!("/api/feed/post?id={post_id}");
    assert_eq!(app.get_accepting(&url, Some(&f), "application/json").await.status, 200);
    assert_eq!(app.get_accepting(&url, Some(&s), "application/json").await.status, 404);
    assert_eq!(app.get_accepting(&url, None, "application/json").await.status, 404);
    assert_eq!(app.get(&format!("/posts/{post_id}"), Some(&s)).await.status, 404);
    for feed in ["everyone", "tag:circle", "member:private_p", "chakra:heart"] {
        let res = app.get_accepting(&format!("/api/feed/page?feed={feed}"), Some(&s), "application/json").await;
        assert!(!res.body.contains(&post_id), "{feed} leaked the post to a stranger");
    }
    let home = app.get_accepting("/api/feed/page?feed=home", Some(&f), "application/json").await;
    assert!(home.body.contains(&post_id), "a follower sees it at home");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn markdown_with_script_renders_inert(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("mallory").await;
    let body = "Hello <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3)) **bold**";
    let created = app
        .post("/api/feed/post/create", &[("body", body), ("visibility", "public"), ("chakra", "auto")], Some(&a))
        .await;
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    let html: String = sqlx::query_scalar("select body_html from posts").fetch_one(&pool).await.unwrap();
    assert!(!html.contains("<script") && !html.contains("<img") && !html.contains("href=\"javascript"), "{html}");
    assert!(html.contains("<strong>bold</strong>"));
    let page = app.get(&format!("/posts/{post_id}"), None).await;
    assert!(!page.body.contains("<script>alert(1)"));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn keyset_pages_never_repeat_or_skip_while_posts_arrive(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("writer").await;
    let w = member(&pool, "writer").await;
    let original: HashSet<Uuid> = seed_posts(&pool, w.member_id, 55).await.into_iter().collect();
    let st = state(&pool);
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = service::feed(&st, None, FeedKind::Everyone, after).await.unwrap();
        // New posts arrive between page loads; they are newer than the cursor and never shift it.
        seed_posts(&pool, w.member_id, 3).await;
        seen.extend(page.posts.iter().map(|p| p.post_id));
        match page.next {
            Some(n) => after = kindred::paging::decode_cursor(&n),
            None => break,
        }
    }
    let unique: HashSet<Uuid> = seen.iter().copied().collect();
    assert_eq!(unique.len(), seen.len(), "no post repeated");
    assert_eq!(unique, original, "every original post seen, none skipped");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn posts_are_classified_with_reasons_and_tags(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("teller").await;
    app.sign_up("listener").await;
    let created = app
        .post(
            "/api/feed/post/create",
            &[
                ("body", "Tonight I finally spoke my truth to @listener and sang out loud. #voice"),
                ("visibility", "public"),
                ("chakra", "auto"),
            ],
            Some(&a),
        )
        .await;
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    let res = app.get_accepting(&format!("/api/feed/post?id={post_id}"), None, "application/json").await;
    let thread: kindred::feed::model::PostThread = serde_json::from_str(&res.body).unwrap();
    assert_eq!(thread.post.chakra, kindred::feed::model::Chakra::Throat);
    assert!(!thread.post.reasons.is_empty());
    assert_eq!(thread.post.hashtags, vec!["voice".to_string()]);
    assert!(thread.post.body_html.contains("href=\"/members/listener\""));
    let mentions: i64 = sqlx::query_scalar("select count(*) from post_mentions").fetch_one(&pool).await.unwrap();
    assert_eq!(mentions, 1);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn bookmarks_toggle_and_list(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("keeper").await;
    let created = app
        .post(
            "/api/feed/post/create",
            &[("body", "Worth keeping"), ("visibility", "public"), ("chakra", "auto")],
            Some(&a),
        )
        .await;
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    let on = app.post("/api/feed/bookmark", &[("id", &post_id)], Some(&a)).await;
    assert_eq!(on.body, "true");
    let list = app.get_accepting("/api/feed/page?feed=bookmarks", Some(&a), "application/json").await;
    let page: kindred::feed::model::FeedPage = serde_json::from_str(&list.body).unwrap();
    assert_eq!(page.posts.len(), 1);
    assert!(page.posts[0].bookmarked);
    let off = app.post("/api/feed/bookmark", &[("id", &post_id)], Some(&a)).await;
    assert_eq!(off.body, "false");
    let list = app.get_accepting("/api/feed/page?feed=bookmarks", Some(&a), "application/json").await;
    let page: kindred::feed::model::FeedPage = serde_json::from_str(&list.body).unwrap();
    assert!(page.posts.is_empty());
    let anonymous = app.get_accepting("/api/feed/page?feed=bookmarks", None, "application/json").await;
    assert_eq!(anonymous.status, 401);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn search_finds_posts_members_and_tags_but_respects_visibility(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("searcher").await;
    let s = app.sign_up("stranger").await;
    app.post(
        "/api/feed/post/create",
        &[("body", "Barefoot practica in the park #outdoors"), ("visibility", "public"), ("chakra", "auto")],
        Some(&a),
    )
    .await;
    app.post(
        "/api/feed/post/create",
        &[("body", "Secret practica plans"), ("visibility", "followers"), ("chakra", "auto")],
        Some(&a),
    )
    .await;
    let res = app.get_accepting("/api/search?q=practica", Some(&s), "application/json").await;
    let found: kindred::feed::model::SearchResults = serde_json::from_str(&res.body).unwrap();
    assert_eq!(found.posts.len(), 1, "the followers-only post stays hidden");
    assert!(found.posts[0].body_html.contains("Barefoot"));
    let own = app.get_accepting("/api/search?q=practica", Some(&a), "application/json").await;
    let found: kindred::feed::model::SearchResults = serde_json::from_str(&own.body).unwrap();
    assert_eq!(found.posts.len(), 2);
    let people = app.get_accepting("/api/search?q=searc", None, "application/json").await;
    let found: kindred::feed::model::SearchResults = serde_json::from_str(&people.body).unwrap();
    assert_eq!(found.members, vec![("searcher".to_string(), "searcher".to_string())]);
    let tags = app.get_accepting("/api/search?q=%23out", None, "application/json").await;
    let found: kindred::feed::model::SearchResults = serde_json::from_str(&tags.body).unwrap();
    assert_eq!(found.hashtags, vec![("outdoors".to_string(), 1)]);
    let page = app.get("/search?q=practica", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Barefoot") && !page.body.contains("Secret"));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn blocked_members_cannot_see_comment_follow_or_mention_each_other(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("annoyer").await;
    let b = app.sign_up("blocker").await;
    app.post("/api/feed/follow", &[("username", "annoyer"), ("follow", "true")], Some(&b)).await;
    let created = app
        .post(
            "/api/feed/post/create",
            &[("body", "Visible until the block"), ("visibility", "public"), ("chakra", "auto")],
            Some(&a),
        )
        .await;
    let post_id: String = serde_json::from_str(&created.body).unwrap();
    let blocked = app.post("/api/people/block", &[("username", "annoyer"), ("block", "true")], Some(&b)).await;
    assert_eq!(blocked.status, 200, "{}", blocked.body);

    // B no longer sees A's posts anywhere, and the follow is gone.
    for feed in ["home", "everyone", "member:annoyer"] {
        let res = app.get_accepting(&format!("/api/feed/page?feed={feed}"), Some(&b), "application/json").await;
        assert!(!res.body.contains(&post_id), "{feed} still shows a blocked member's post");
    }
    assert_eq!(
        app.get_accepting(&format!("/api/feed/post?id={post_id}"), Some(&b), "application/json").await.status,
        404
    );
    let follows: i64 = sqlx::query_scalar("select count(*) from follows").fetch_one(&pool).await.unwrap();
    assert_eq!(follows, 0);

    // A cannot comment on B's posts, follow B, or reach B with a mention.
    let b_post = app
        .post(
            "/api/feed/post/create",
            &[("body", "My own space"), ("visibility", "public"), ("chakra", "auto")],
            Some(&b),
        )
        .await;
    let b_post: String = serde_json::from_str(&b_post.body).unwrap();
    assert_eq!(app.post("/api/feed/comment", &[("id", &b_post), ("body", "hey")], Some(&a)).await.status, 404);
    assert_eq!(
        app.post("/api/feed/follow", &[("username", "blocker"), ("follow", "true")], Some(&a)).await.status,
        409
    );
    app.post(
        "/api/feed/post/create",
        &[("body", "@blocker look"), ("visibility", "public"), ("chakra", "auto")],
        Some(&a),
    )
    .await;
    let notes: i64 = sqlx::query_scalar("select count(*) from notifications n join members m on m.member_id = n.member_id where m.username = 'blocker' and n.kind = 'mention'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(notes, 0, "no mention notification across a block");

    // Unblocking restores visibility.
    app.post("/api/people/block", &[("username", "annoyer"), ("block", "false")], Some(&b)).await;
    assert_eq!(
        app.get_accepting(&format!("/api/feed/post?id={post_id}"), Some(&b), "application/json").await.status,
        200
    );
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn explore_ranks_engaged_recent_posts_first_and_pages_cleanly(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    app.sign_up("ranker").await;
    let r = member(&pool, "ranker").await;
    let posts = seed_posts(&pool, r.member_id, 45).await;
    // An older post with lots of response should outrank newer quiet ones.
    let popular = posts[5];
    sqlx::query("update posts set like_count = 40, upvote_count = 20 where post_id = $1")
        .bind(popular)
        .execute(&pool)
        .await
        .unwrap();
    kindred::feed::repo::refresh_ranks(&pool).await.unwrap();
    let st = state(&pool);
    let first = service::explore(&st, None, None).await.unwrap();
    assert_eq!(first.posts[0].post_id, popular);
    let mut seen: Vec<Uuid> = first.posts.iter().map(|p| p.post_id).collect();
    let mut next = first.next;
    while let Some(cursor) = next {
        let page = service::explore(&st, None, Some(&cursor)).await.unwrap();
        seen.extend(page.posts.iter().map(|p| p.post_id));
        next = page.next;
    }
    let unique: HashSet<Uuid> = seen.iter().copied().collect();
    assert_eq!(unique.len(), 45);
    assert_eq!(seen.len(), 45);
    let res = app.get_accepting("/api/feed/page?feed=explore&after=nonsense", None, "application/json").await;
    assert_eq!(res.status, 422);
}
