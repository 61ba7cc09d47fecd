//! Start-up: the wiring at the top of the tree, which may import every domain and which no
//! domain imports — the axum router, background jobs, demo data, the real-time loaders and
//! socket, and the session resource every page reads.

#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod demo_practice;
#[cfg(feature = "ssr")]
pub mod jobs;
#[cfg(feature = "ssr")]
pub mod media;
#[cfg(feature = "ssr")]
pub mod router;
#[cfg(feature = "ssr")]
pub mod socket;

/// Starts this instance's real-time listener, with the loaders of the domains that publish:
/// chat messages are loaded once here and shared by every socket on their channel.
#[cfg(feature = "ssr")]
pub fn spawn_realtime(
    pool: sqlx::PgPool,
    hub: std::sync::Arc<crate::server::realtime::Hub>,
) -> tokio::task::JoinHandle<()> {
    let loader: crate::server::realtime::Loader =
        std::sync::Arc::new(|pool, signal| Box::pin(crate::chat::live::load(pool, signal)));
    crate::server::realtime::spawn_listener(pool, hub, loader)
}
