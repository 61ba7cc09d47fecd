//! Accounts over HTTP against a real PostgreSQL: sign-up, login, logout, sessions, limits.

mod common;

use common::TestApp;
use kindred::error::AppError;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

const MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

#[sqlx::test(migrator = "MIGRATOR")]
async fn sign_up_creates_a_member_and_signs_them_in(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool.clone());
    let cookie = app.sign_up("ana_tango").await;
    assert_eq!(app.whoami(&cookie).await.as_deref(), Some("ana_tango"));
    let hash: String = sqlx::query_scalar("select password_hash from members where username = 'ana_tango'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn duplicate_username_and_email_are_reported_on_their_fields(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    app.sign_up("maya").await;
    let same_name = app
        .post(
            "/api/auth/signup",
            &[
                ("email", "other@example.org"),
                ("username", "Maya"),
                ("display_name", "M"),
                ("password", "a different long one"),
            ],
            None,
        )
        .await;
    assert_eq!(same_name.status, 422);
    assert!(same_name.error().for_field("username").unwrap().contains("taken"));
    let same_email = app
        .post(
            "/api/auth/signup",
            &[
                ("email", "MAYA@example.org"),
                ("username", "maya2"),
                ("display_name", "M"),
                ("password", "a different long one"),
            ],
            None,
        )
        .await;
    assert_eq!(same_email.status, 422);
    assert!(same_email.error().for_field("email").is_some());
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn weak_and_common_passwords_are_refused(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    // zxcvbn's estimate: common passwords, patterns, and the member's own name and email.
    for (password, hint) in [
        ("short", "at least 8"),
        ("password123", "common"),
        ("qwertyuiop", "common"),
        ("xavier2026", "too easy to guess"),
        ("XavierExample", "too easy to guess"),
    ] {
        let res = app
            .post(
                "/api/auth/signup",
                &[("email", "x@example.org"), ("username", "xavier"), ("display_name", "X"), ("password", password)],
                None,
            )
            .await;
        assert_eq!(res.status, 422);
        assert!(res.error().for_field("password").unwrap().contains(hint), "{}", res.body);
    }
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn login_and_logout(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let signup_cookie = app.sign_up("tomas").await;
    let out = app.post("/api/auth/logout", &[], Some(&signup_cookie)).await;
    assert!(out.status < 400, "{}", out.body);
    assert_eq!(app.whoami(&signup_cookie).await, None, "logout ends the server-side session");

    let ok = app.log_in("tomas@example.org", "a quiet milonga night").await;
    assert!(ok.status < 400, "{}", ok.body);
    let cookie = ok.session_cookie().expect("login sets a cookie");
    assert_eq!(app.whoami(&cookie).await.as_deref(), Some("tomas"));
    let set_cookie = ok.headers.get("set-cookie").unwrap().to_str().unwrap().to_lowercase();
    assert!(set_cookie.contains("httponly") && set_cookie.contains("samesite=lax"), "{set_cookie}");
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn wrong_password_and_unknown_email_get_the_same_answer(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    app.sign_up("lucia").await;
    let wrong = app.log_in("lucia@example.org", "not the password").await;
    let unknown = app.log_in("nobody@example.org", "not the password").await;
    assert_eq!(wrong.status, 422);
    assert_eq!(wrong.status, unknown.status);
    assert_eq!(wrong.body, unknown.body);
    assert!(matches!(wrong.error(), AppError::Invalid { ref field, .. } if field == "form"));
    assert!(wrong.session_cookie().is_none());
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn login_cycles_the_session_id(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let before = app.sign_up("rosa").await;
    let res = app
        .post("/api/auth/login", &[("email", "rosa@example.org"), ("password", "a quiet milonga night")], Some(&before))
        .await;
    assert!(res.status < 400, "{}", res.body);
    let after = res.session_cookie().expect("a new session cookie");
    assert_ne!(before, after, "the session id changes at login");
    assert_eq!(app.whoami(&before).await, None, "the old id no longer works");
    assert_eq!(app.whoami(&after).await.as_deref(), Some("rosa"));
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn repeated_failed_logins_are_rate_limited_with_429(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    app.sign_up("carla").await;
    let limit = kindred::server::config::RateLimits::default().login_per_account;
    for _ in 0..limit {
        let res = app.log_in("carla@example.org", "wrong password!").await;
        assert_eq!(res.status, 422, "{}", res.body);
    }
    let limited = app.log_in("carla@example.org", "a quiet milonga night").await;
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(limited.headers.get("retry-after").is_some());
    assert!(limited.error().to_string().contains("try again in"), "{}", limited.body);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn sign_ups_per_address_are_rate_limited(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let mut config = kindred::server::config::Config::for_tests();
    config.limits.signup_per_ip = 2;
    let app = TestApp::with_config(pool, config);
    app.sign_up("one_1").await;
    app.sign_up("two_2").await;
    let res = app
        .post(
            "/api/auth/signup",
            &[
                ("email", "three@example.org"),
                ("username", "three"),
                ("display_name", "T"),
                ("password", "a quiet milonga night"),
            ],
            None,
        )
        .await;
    assert_eq!(res.status, 429, "{}", res.body);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn changing_the_password_ends_other_sessions(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    let phone = app.sign_up("ines").await;
    let laptop = app.log_in("ines@example.org", "a quiet milonga night").await.session_cookie().unwrap();

    let wrong = app
        .post(
            "/api/auth/password",
            &[("current_password", "guess guess"), ("new_password", "a brand new phrase")],
            Some(&laptop),
        )
        .await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.error().for_field("current_password").is_some());

    let res = app
        .post(
            "/api/auth/password",
            &[("current_password", "a quiet milonga night"), ("new_password", "a brand new phrase")],
            Some(&laptop),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let laptop_now = res.session_cookie().expect("the changing session gets a fresh id");
    assert_eq!(app.whoami(&phone).await, None, "the other session is over");
    assert_eq!(app.whoami(&laptop_now).await.as_deref(), Some("ines"));
    assert!(app.log_in("ines@example.org", "a brand new phrase").await.status < 400);
    assert_eq!(app.log_in("ines@example.org", "a quiet milonga night").await.status, 422);
}

#[sqlx::test(migrator = "MIGRATOR")]
async fn sessions_past_the_absolute_timeout_are_ended(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let mut config = kindred::server::config::Config::for_tests();
    config.session_absolute = std::time::Duration::from_secs(0);
    let app = TestApp::with_config(pool, config);
    let cookie = app.sign_up("olga").await;
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    assert_eq!(app.whoami(&cookie).await, None);
}

/// After logging in, `next` leads only to a path on this site: other sites, and paths that a
/// browser would turn into another site by dropping a tab or a newline, lead home instead —
/// and none of them makes the server fail.
#[sqlx::test(migrator = "MIGRATOR")]
async fn login_next_never_leads_off_the_site(_: PgPoolOptions, opts: PgConnectOptions) {
    let pool = common::connect(opts).await;
    let app = TestApp::new(pool);
    app.sign_up("nora").await;
    for (next, to) in [
        ("/events", "/events"),
        ("//evil.example", "/"),
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("/\n/evil.example", "/"),
        ("/\r\n/evil.example", "/"),
        ("https://evil.example", "/"),
    ] {
        let r = app
            .post(
                "/api/auth/login",
                &[("email", "nora@example.org"), ("password", "a quiet milonga night"), ("next", next)],
                None,
            )
            .await;
        assert!(r.status < 500, "{next:?}: {} {}", r.status, r.body);
        let location = r.headers.get("location").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert_eq!(location, to, "{next:?}");
    }
}
