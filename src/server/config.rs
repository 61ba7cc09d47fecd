//! Configuration from the environment. Every setting has a default that works on a laptop.

use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    /// An existing PostgreSQL server. `None` runs the private embedded cluster.
    pub database_url: Option<String>,
    /// Where Kindred keeps its own data (the embedded cluster, later uploads).
    pub data_dir: PathBuf,
    /// Folder with the PostgreSQL server programs, if not found on its own.
    pub pg_bin_dir: Option<PathBuf>,
    /// Durability off for the embedded cluster (tests and benchmarks only).
    pub pg_fast: bool,
    /// Seed demo members on an empty database.
    pub demo_data: bool,
    /// The address people reach Kindred at (`https://kindred.example`), if configured. An
    /// https address turns on `Secure` `__Host-` session cookies and HSTS.
    pub public_url: Option<String>,
    /// Mark cookies `Secure` (set when served over https).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    pub limits: RateLimits,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    pub max_db_connections: u32,
    /// How long a request waits for a database connection before it is answered 503.
    pub db_acquire_timeout: Duration,
    /// Requests worked on at once per instance; more are refused at once with 503 (load shedding).
    pub max_in_flight: usize,
    /// Map tiles: a `{z}/{x}/{y}` URL template and the attribution the tile provider requires.
    pub map_tile_url: String,
    pub map_attribution: String,
    /// How often a WebSocket is pinged and its session checked (a session ended elsewhere
    /// closes its sockets within this time).
    pub socket_ping: Duration,
}

pub const DEFAULT_TILE_URL: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
pub const DEFAULT_ATTRIBUTION: &str = "© OpenStreetMap contributors";

/// The session cookie's name over plain http (a laptop, tests).
pub const SESSION_COOKIE: &str = "kindred_session";
/// Over https: the `__Host-` prefix makes browsers refuse it unless `Secure`, on `/` and with
/// no `Domain`, so no subdomain or plain-http page can plant or overwrite it.
pub const SECURE_SESSION_COOKIE: &str = "__Host-kindred_session";

impl Config {
    /// Whether people reach Kindred over https (a public https address, or secure cookies set).
    pub fn https(&self) -> bool {
        self.secure_cookies || self.public_url.as_deref().is_some_and(|u| u.starts_with("https://"))
    }

    pub fn session_cookie_name(&self) -> &'static str {
        if self.https() {
            SECURE_SESSION_COOKIE
        } else {
            SESSION_COOKIE
        }
    }

    /// The tile server's origin (`https://host`), for the page's Content-Security-Policy.
    pub fn tile_origin(&self) -> Option<String> {
        let url = &self.map_tile_url;
        let scheme_end = url.find("://")? + 3;
        let host_end = url[scheme_end..].find('/').map_or(url.len(), |i| scheme_end + i);
        let origin = &url[..host_end];
        // Only plain origins go into the policy (no quotes, spaces or semicolons).
        origin.chars().all(|c| c.is_ascii_alphanumeric() || "-.:/{}".contains(c)).then(|| origin.replace("{s}", "*"))
    }
}

/// Attempts allowed per window. Windows are fixed; counters live in PostgreSQL so that every
/// instance behind a load balancer sees the same numbers.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub login_per_ip: u32,
    pub login_per_account: u32,
    pub login_window: Duration,
    pub signup_per_ip: u32,
    pub signup_window: Duration,
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            login_per_ip: 30,
            login_per_account: 10,
            login_window: Duration::from_secs(15 * 60),
            signup_per_ip: 10,
            signup_window: Duration::from_secs(60 * 60),
        }
    }
}

fn env_str(name: &str) -> Option<String> {
    std::env::var(name).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

fn env_bool(name: &str, default: bool) -> bool {
    match env_str(name).map(|v| v.to_lowercase()) {
        Some(v) if ["1", "true", "yes", "on"].contains(&v.as_str()) => true,
        Some(v) if ["0", "false", "no", "off"].contains(&v.as_str()) => false,
        _ => default,
    }
}

fn env_num<T: std::str::FromStr>(name: &str, default: T) -> T {
    env_str(name).and_then(|v| v.parse().ok()).unwrap_or(default)
}

impl Config {
    pub fn from_env() -> Self {
        let defaults = RateLimits::default();
        Config {
            database_url: env_str("DATABASE_URL"),
            data_dir: env_str("KINDRED_DATA_DIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(".kindred")),
            pg_bin_dir: env_str("KINDRED_PG_BIN").map(PathBuf::from),
            pg_fast: env_bool("KINDRED_PG_FAST", false),
            demo_data: env_bool("KINDRED_DEMO_DATA", true),
            public_url: env_str("KINDRED_PUBLIC_URL").map(|u| u.trim_end_matches('/').to_string()),
            secure_cookies: env_bool("KINDRED_SECURE_COOKIES", false),
            trust_proxy: env_bool("KINDRED_TRUST_PROXY", false),
            limits: RateLimits {
                login_per_ip: env_num("KINDRED_LOGIN_LIMIT_PER_IP", defaults.login_per_ip),
                login_per_account: env_num("KINDRED_LOGIN_LIMIT_PER_ACCOUNT", defaults.login_per_account),
                signup_per_ip: env_num("KINDRED_SIGNUP_LIMIT_PER_IP", defaults.signup_per_ip),
                ..defaults
            },
            session_idle: Duration::from_secs(env_num("KINDRED_SESSION_IDLE_HOURS", 14 * 24u64) * 3600),
            session_absolute: Duration::from_secs(env_num("KINDRED_SESSION_MAX_HOURS", 30 * 24u64) * 3600),
            max_db_connections: env_num("KINDRED_DB_CONNECTIONS", 20),
            db_acquire_timeout: Duration::from_millis(env_num("KINDRED_DB_WAIT_MS", 5000u64)),
            max_in_flight: env_num("KINDRED_MAX_IN_FLIGHT", 128usize),
            map_tile_url: env_str("KINDRED_MAP_TILE_URL").unwrap_or_else(|| DEFAULT_TILE_URL.to_string()),
            map_attribution: env_str("KINDRED_MAP_ATTRIBUTION").unwrap_or_else(|| DEFAULT_ATTRIBUTION.to_string()),
            socket_ping: Duration::from_secs(25),
        }
    }

    /// Settings for tests: demo data off, everything else at its default.
    pub fn for_tests() -> Self {
        Config {
            database_url: None,
            data_dir: PathBuf::from("target/test-data"),
            pg_bin_dir: None,
            pg_fast: true,
            demo_data: false,
            public_url: None,
            secure_cookies: false,
            trust_proxy: false,
            limits: RateLimits::default(),
            session_idle: Duration::from_secs(14 * 24 * 3600),
            session_absolute: Duration::from_secs(30 * 24 * 3600),
            max_db_connections: 5,
            db_acquire_timeout: Duration::from_secs(5),
            max_in_flight: 128,
            map_tile_url: DEFAULT_TILE_URL.to_string(),
            map_attribution: DEFAULT_ATTRIBUTION.to_string(),
            socket_ping: Duration::from_secs(1),
        }
    }
}

#[cfg(test)]
mod tile_tests {
    use super::*;

    #[test]
    fn tile_origins_are_plain() {
        let mut c = Config::for_tests();
        assert_eq!(c.tile_origin().as_deref(), Some("https://tile.openstreetmap.org"));
        c.map_tile_url = "https://{s}.tiles.example.org:8443/{z}/{x}/{y}.png".into();
        assert_eq!(c.tile_origin().as_deref(), Some("https://*.tiles.example.org:8443"));
        c.map_tile_url = "https://evil.example; script-src *".into();
        assert_eq!(c.tile_origin(), None);
    }
}
