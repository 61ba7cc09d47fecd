//! Fixed-window rate limits kept in PostgreSQL, so every app instance counts together.

use std::time::Duration;

use sqlx::PgPool;

use crate::error::AppError;

/// Counts one attempt in `bucket`; fails with `RateLimited` once more than `limit` attempts
/// fall in the current window.
pub async fn hit(pool: &PgPool, bucket: &str, limit: u32, window: Duration) -> Result<(), AppError> {
    let secs = window.as_secs().max(1) as f64;
    let row = super::repo::count_hit(pool, bucket, secs).await?;
    if row.hits as i64 > limit as i64 {
        return Err(AppError::RateLimited { retry_after_secs: row.retry_after.ceil().max(1.0) as u64 });
    }
    Ok(())
}

/// Fails with `RateLimited` if `bucket` already holds `limit` attempts in this window, without
/// counting a new one (used to count only failures, e.g. wrong passwords for one account).
pub async fn check(pool: &PgPool, bucket: &str, limit: u32, window: Duration) -> Result<(), AppError> {
    let secs = window.as_secs().max(1) as f64;
    let row = super::repo::window(pool, bucket, secs).await?;
    match row {
        Some(r) if r.hits as i64 >= limit as i64 => {
            Err(AppError::RateLimited { retry_after_secs: r.retry_after.ceil().max(1.0) as u64 })
        }
        _ => Ok(()),
    }
}

/// Drops windows older than a day.
pub async fn prune(pool: &PgPool) -> Result<u64, sqlx::Error> {
    super::repo::prune_windows(pool).await
}
