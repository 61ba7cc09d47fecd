//! A Kindred router over a per-test database, driven in-process with real HTTP requests.
#![allow(dead_code)]

use std::net::SocketAddr;

use axum::{body::Body, extract::ConnectInfo, http::Request, response::Response, Router};
use http_body_util::BodyExt;
use kindred::server::{config::Config, state::AppState};
use kindred::startup::router::build_router;
use leptos::config::LeptosOptions;
use sqlx::PgPool;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://127.0.0.1:3000";
pub const HOST: &str = "127.0.0.1:3000";

/// A pool on the test's own database. Tests take connect options rather than sqlx::test's
/// pool, whose shared master pool times out at random under many tests (sqlx issue 2567).
pub async fn connect(opts: sqlx::postgres::PgConnectOptions) -> PgPool {
    sqlx::postgres::PgPoolOptions::new()
        .max_connections(5)
        .connect_with(opts)
        .await
        .expect("connect to the test database")
}

pub struct TestApp {
    pub router: Router,
    pub pool: PgPool,
    pub state: AppState,
}

pub struct Reply {
    pub status: u16,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The session cookie this response set (`kindred_session`, or `__Host-kindred_session`
    /// over https), as `name=value`.
    pub fn session_cookie(&self) -> Option<String> {
        self.headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|c| c.starts_with("kindred_session=") || c.starts_with("__Host-kindred_session="))
            .map(|c| c.split(';').next().unwrap().to_string())
    }

    pub fn error(&self) -> kindred::error::AppError {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", self.status, self.body))
    }
}

impl TestApp {
    pub fn new(pool: PgPool) -> Self {
        Self::with_config(pool, Config::for_tests())
    }

    pub fn with_config(pool: PgPool, config: Config) -> Self {
        let options = LeptosOptions::builder().output_name("kindred").site_root("target/site").build();
        let state = AppState::new(options, pool.clone(), config);
        TestApp { router: build_router(state.clone()), pool, state }
    }

    /// Serves the app on a loopback port, as `kindred serve` does (with its real-time listener),
    /// for clients that need a real connection such as WebSockets. Returns the address.
    pub async fn serve(&self) -> SocketAddr {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind a port");
        let addr = listener.local_addr().unwrap();
        kindred::startup::spawn_realtime(self.pool.clone(), self.state.realtime.clone());
        let app = self.router.clone().into_make_service_with_connect_info::<SocketAddr>();
        tokio::spawn(async move { axum::serve(listener, app).await });
        addr
    }

    pub async fn send(&self, mut req: Request<Body>) -> Reply {
        req.extensions_mut().insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 45000))));
        let res: Response = self.router.clone().oneshot(req).await.expect("router never fails");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.expect("body").to_bytes();
        Reply { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// A same-origin form POST, as the app's own JavaScript sends it.
    pub async fn post(&self, path: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Reply {
        let body = serde_urlencoded::to_string(form).unwrap();
        let mut req = Request::post(path)
            .header("host", HOST)
            .header("origin", ORIGIN)
            .header("sec-fetch-site", "same-origin")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("content-length", body.len())
            .header("accept", "application/json");
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req.body(Body::from(body)).unwrap()).await
    }

    /// A page load, as a browser makes it.
    pub async fn get(&self, path: &str, cookie: Option<&str>) -> Reply {
        self.get_accepting(path, cookie, "text/html,*/*").await
    }

    pub async fn get_accepting(&self, path: &str, cookie: Option<&str>, accept: &str) -> Reply {
        let mut req = Request::get(path).header("host", HOST).header("accept", accept);
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    /// Signs up and returns the session cookie.
    pub async fn sign_up(&self, username: &str) -> String {
        let email = format!("{username}@example.org");
        let res = self
            .post(
                "/api/auth/signup",
                &[
                    ("email", &email),
                    ("username", username),
                    ("display_name", username),
                    ("password", "a quiet milonga night"),
                ],
                None,
            )
            .await;
        assert!(res.status < 400, "sign-up failed: {} {}", res.status, res.body);
        res.session_cookie().expect("sign-up sets a session cookie")
    }

    pub async fn log_in(&self, email: &str, password: &str) -> Reply {
        self.post("/api/auth/login", &[("email", email), ("password", password)], None).await
    }

    /// The username of whoever the cookie belongs to (None: signed out).
    pub async fn whoami(&self, cookie: &str) -> Option<String> {
        let res = self.get_accepting("/api/auth/me", Some(cookie), "application/json").await;
        assert_eq!(res.status, 200, "{}", res.body);
        let v: serde_json::Value = serde_json::from_str(&res.body).unwrap();
        v.get("username").and_then(|u| u.as_str()).map(str::to_string)
    }
}

/// The signed-in view of a member created through sign-up.
pub async fn member(pool: &PgPool, username: &str) -> kindred::auth::model::CurrentMember {
    let id = sqlx::query_scalar("select member_id from members where username = $1")
        .bind(username)
        .fetch_one(pool)
        .await
        .unwrap();
    kindred::auth::repo::current_member(pool, id).await.unwrap().unwrap()
}

/// Application state over `pool`, for calling services directly.
pub fn state(pool: &PgPool) -> AppState {
    let options = LeptosOptions::builder().output_name("kindred").site_root("target/site").build();
    AppState::new(options, pool.clone(), Config::for_tests())
}
