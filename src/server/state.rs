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
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, pool: PgPool, config: Config) -> Self {
        let build_version = super::pwa::build_version(&leptos_options).into();
        let media = Arc::new(super::storage::DiskStore::new(config.data_dir.join("media")));
        let realtime = super::realtime::Hub::new();
        AppState { leptos_options, pool, config: Arc::new(config), build_version, media, realtime }
    }
}
