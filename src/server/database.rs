//! The connection pool: to `DATABASE_URL`, or to the private embedded cluster.

use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};

use super::config::Config;
use super::embedded_pg::{EmbeddedOptions, EmbeddedPostgres, DATABASE};

pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A running database: the pool, and the embedded server to stop on exit (if we started one).
pub struct Database {
    pub pool: PgPool,
    pub embedded: Option<Arc<EmbeddedPostgres>>,
}

/// Keeps the private cluster running: every `every`, starts it again if it died.
pub fn spawn_watchdog(pg: Arc<EmbeddedPostgres>, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            if let Err(e) = pg.revive().await {
                tracing::error!("could not start the private PostgreSQL again: {e}");
            }
        }
    })
}

pub async fn start_embedded(config: &Config) -> Result<EmbeddedPostgres, String> {
    let pg = EmbeddedPostgres::start(&EmbeddedOptions {
        root: config.data_dir.clone(),
        bin_dir: config.pg_bin_dir.clone(),
        fast: config.pg_fast,
    })
    .await?;
    pg.ensure_database(DATABASE).await?;
    Ok(pg)
}

pub async fn open(config: &Config) -> Result<Database, String> {
    let (url, embedded) = match &config.database_url {
        Some(url) => (url.clone(), None),
        None => {
            let pg = start_embedded(config).await?;
            (pg.url(), Some(Arc::new(pg)))
        }
    };
    let options: sqlx::postgres::PgConnectOptions =
        url.parse().map_err(|e| format!("DATABASE_URL is not a PostgreSQL URL: {e}"))?;
    // The feed reads every timeline through one statement whose filters drop out when their
    // parameter is null. A generic (cached) plan has to keep every filter; a custom plan prunes
    // them, so each execution is planned for its own parameters. Planning costs ~0.1 ms.
    let options = options.options([("plan_cache_mode", "force_custom_plan")]);
    let pool = PgPoolOptions::new()
        .max_connections(config.max_db_connections)
        .acquire_timeout(config.db_acquire_timeout)
        .connect_with(options)
        .await
        .map_err(|e| format!("Could not connect to PostgreSQL: {e}"))?;
    MIGRATOR.run(&pool).await.map_err(|e| format!("Database migration failed: {e}"))?;
    Ok(Database { pool, embedded })
}
