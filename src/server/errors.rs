//! Turning server-side failures into `AppError` without leaking internals.

use crate::error::AppError;

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if unavailable(&e) {
            tracing::warn!(error = %e, "database unavailable");
            return AppError::Unavailable { retry_after_secs: 5 };
        }
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

/// Whether the database is out of reach for a moment (restarting, overloaded, cut off) rather
/// than refusing this statement: worth a 503 with `Retry-After`, not a 500.
pub fn unavailable(e: &sqlx::Error) -> bool {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) | sqlx::Error::WorkerCrashed => true,
        // Class 08: connection exceptions; 57P01–57P03: shutting down or starting up; 53300:
        // too many connections.
        sqlx::Error::Database(db) => {
            db.code().is_some_and(|c| c.starts_with("08") || c.starts_with("57P") || c == "53300")
        }
        _ => false,
    }
}

/// The constraint (or unique index) name of a unique violation, if that is what `e` is.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => db.constraint().map(str::to_string),
        _ => None,
    }
}
