use std::sync::Arc;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::PgPool;

use super::config::Config;

/// Everything a request needs, shared by every handler and server function (via context).
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: PgPool,
    pub config: Arc<Config>,
    /// Changes with every build of the browser bundle; names the service worker's cache.
    pub build_version: Arc<str>,
    /// Uploaded images (a folder under the data directory by default).
    pub media: Arc<dyn super::storage::MediaStore>,
    /// This instance's open WebSockets (fed by PostgreSQL LISTEN/NOTIFY).
    pub realtime: Arc<super::realtime::Hub>,
    /// Requests this instance works on at once; past it, new ones are shed with 503.
    pub in_flight: Arc<tokio::sync::Semaphore>,
    /// Set to true when the instance begins to shut down (sockets then close with 1012).
    pub shutdown: Arc<tokio::sync::watch::Sender<bool>>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: PgPool, config: Config) -> Self {
        let build_version = super::pwa::build_version(&leptos_options).into();
        let media = Arc::new(super::storage::DiskStore::new(config.data_dir.join("media")));
        let realtime = super::realtime::Hub::new();
        let in_flight = Arc::new(tokio::sync::Semaphore::new(config.max_in_flight.max(1)));
        let shutdown = Arc::new(tokio::sync::watch::channel(false).0);
        AppState { leptos_options, pool, config: Arc::new(config), build_version, media, realtime, in_flight, shutdown }
    }
}
