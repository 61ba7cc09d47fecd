//! Cross-origin protection, headers, status codes and authorization over HTTP.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{TestApp, HOST};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[sqlx::test(migrator = "MIGRATOR")]
async fn cross_origin_posts_are_rejected_with_403(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let cookie = app.sign_up("vera").await;
    for (header, value) in [("origin", "http://evil.example"), ("sec-fetch-site", "cross-site")] {
        let req = Request::post("/api/auth/logout")
            .header("host", HOST)
            .header(header, value)
            .header("cookie", &cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::empty())
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, 403, "{header}: {value}");
    }
    assert_eq!(app.whoami(&cookie).await.as_deref(), Some("vera"), "the forged logout did nothing");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn a_member_cannot_edit_another_members_profile(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let a = app.sign_up("alba").await;
    app.sign_up("bruno").await;
    let bruno_id: uuid::Uuid =
        sqlx::query_scalar("select member_id from members where username = 'bruno'").fetch_one(&pool).await.unwrap();
    let bruno_id = bruno_id.to_string();
    // Alba tries to aim the update at Bruno by every name the request could carry.
    let res = app
        .post(
            "/api/members/update",
            &[
                ("profile[display_name]", "Hacked"),
                ("profile[bio]", ""),
                ("profile[city]", ""),
                ("profile[country]", ""),
                ("profile[time_zone]", "UTC"),
                ("profile[languages]", ""),
                ("profile[tango_role]", ""),
                ("profile[birth_date]", ""),
                ("profile[astro_sign]", ""),
                ("username", "bruno"),
                ("member_id", &bruno_id),
            ],
            Some(&a),
        )
        .await;
    let bruno: String =
        sqlx::query_scalar("select display_name from members where username = 'bruno'").fetch_one(&pool).await.unwrap();
    assert_eq!(bruno, "bruno", "Bruno's profile is untouched (response {} {})", res.status, res.body);

    let anonymous = app
        .post("/api/members/update", &[("profile[display_name]", "Nobody"), ("profile[time_zone]", "UTC")], None)
        .await;
    assert!(anonymous.status == 401 || anonymous.status == 400, "{} {}", anonymous.status, anonymous.body);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn profile_updates_are_validated_and_saved(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let cookie = app.sign_up("dario").await;
    let form = |tz: &'static str| {
        vec![
            ("profile[display_name]", "Darío"),
            ("profile[bio]", "Leader from Rosario."),
            ("profile[city]", "Rosario"),
            ("profile[country]", "Argentina"),
            ("profile[time_zone]", tz),
            ("profile[languages]", "Spanish, Italian"),
            ("profile[tango_role]", "leader"),
            ("profile[birth_date]", "1990-03-25"),
            ("profile[astro_sign]", ""),
        ]
    };
    let bad = app.post("/api/members/update", &form("Mars/Olympus"), Some(&cookie)).await;
    assert_eq!(bad.status, 422);
    assert!(bad.error().for_field("time_zone").is_some());

    let ok = app.post("/api/members/update", &form("America/Argentina/Cordoba"), Some(&cookie)).await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    let page = app.get("/members/dario", None).await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Darío") && page.body.contains("Rosario"));
    assert!(page.body.contains("Aries"), "sign derived from the birth date");
    assert!(!page.body.contains("1990-03-25"), "others never see the birth date");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn pages_carry_security_headers_and_a_nonce_csp(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let res = app.get("/", None).await;
    assert_eq!(res.status, 200);
    let csp = res.headers.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("'nonce-"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"));
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    for script in res.body.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap();
        assert!(tag.contains("src=") || tag.contains(nonce), "inline script without the nonce: <script{tag}>");
    }
    assert_eq!(res.headers.get("x-content-type-options").unwrap(), "nosniff");
    assert!(res.headers.get("referrer-policy").is_some());
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn unknown_pages_are_404_and_unknown_members_too(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let res = app.get("/no/such/page", None).await;
    assert_eq!(res.status, 404);
    assert!(res.body.contains("couldn"));
    let res = app.get("/members/nobody_here", None).await;
    assert_eq!(res.status, 404);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn oversized_bodies_are_refused(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let huge = "x".repeat(kindred::startup::router::BODY_LIMIT + 1);
    let res = app.post("/api/auth/login", &[("email", &huge), ("password", "x")], None).await;
    assert_eq!(res.status, 413);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn the_service_worker_is_versioned_and_the_manifest_linked(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let sw = app.get("/sw.js", None).await;
    assert_eq!(sw.status, 200);
    assert!(sw.body.contains("const CACHE = \"kindred-") && !sw.body.contains("__VERSION__"));
    let home = app.get("/", None).await;
    assert!(home.body.contains("rel=\"manifest\""));
}
