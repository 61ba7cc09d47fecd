//! Turning server-side failures into `AppError` without leaking internals.

use crate::error::AppError;

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}

/// The constraint (or unique index) name of a unique violation, if that is what `e` is.
pub fn unique_violation(e: &sqlx::Error) -> Option<String> {
    match e {
        sqlx::Error::Database(db) if db.is_unique_violation() => db.constraint().map(str::to_string),
        _ => None,
    }
}
