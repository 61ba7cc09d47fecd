//! Housekeeping that runs inside every server instance. Each step is idempotent, so several
//! instances running it at once do no harm.

use std::time::Duration;

use sqlx::PgPool;
use tower_sessions::session_store::ExpiredDeletion;

use crate::server::{rate_limit, session_store::PgSessionStore};

pub fn spawn_housekeeping(
    pool: PgPool,
    media: std::sync::Arc<dyn crate::server::storage::MediaStore>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        // Every minute: due event reminders and evening practice-streak reminders; every 5 minutes explore ranks; every 15 the cleanups.
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        let mut round: u64 = 0;
        loop {
            tick.tick().await;
            round += 1;
            match crate::events::service::send_due_reminders(&pool).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "sent event reminders"),
                Err(e) => tracing::warn!(error = %e, "could not send event reminders"),
            }
            match crate::practice::service::send_streak_reminders(&pool, chrono::Utc::now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "sent practice streak reminders"),
                Err(e) => tracing::warn!(error = %e, "could not send practice streak reminders"),
            }
            if round % 5 != 1 {
                continue;
            }
            if let Err(e) = crate::feed::repo::refresh_ranks(&pool).await {
                tracing::warn!(error = %e, "could not refresh explore ranks");
            }
            if round % 15 != 1 {
                continue;
            }
            if let Err(e) = PgSessionStore::new(pool.clone()).delete_expired().await {
                tracing::warn!(error = %e, "could not delete expired sessions");
            }
            if let Err(e) = rate_limit::prune(&pool).await {
                tracing::warn!(error = %e, "could not prune rate limit windows");
            }
            use crate::people::model::{CLOSENESS_DECAY_PER_DAY, CLOSENESS_IDLE_DAYS};
            if let Err(e) = crate::people::repo::decay(&pool, CLOSENESS_IDLE_DAYS, CLOSENESS_DECAY_PER_DAY).await {
                tracing::warn!(error = %e, "could not decay connection closeness");
            }
            match crate::media::repo::delete_orphans(&pool, 500).await {
                Ok(ids) => {
                    for id in ids {
                        if let Err(e) = media.delete_prefix(&id.simple().to_string()).await {
                            tracing::warn!(error = %e, "could not delete an unused image's files");
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "could not delete unused images"),
            }
        }
    })
}
