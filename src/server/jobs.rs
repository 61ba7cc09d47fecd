//! Housekeeping that runs inside every server instance. Each step is idempotent, so several
//! instances running it at once do no harm.

use std::time::Duration;

use sqlx::PgPool;
use tower_sessions::session_store::ExpiredDeletion;

use super::{rate_limit, session_store::PgSessionStore};

pub fn spawn_housekeeping(pool: PgPool) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(15 * 60));
        loop {
            tick.tick().await;
            if let Err(e) = PgSessionStore::new(pool.clone()).delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
            if let Err(e) = rate_limit::prune(&pool).await {
                tracing::warn!(error = %e, "could not prune rate limit windows");
            }
        }
    })
}
