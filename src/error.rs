//! The one error type shared by the server and the browser.
//!
//! Every server function returns `Result<T, AppError>`. Variants are things a person can act on;
//! database and other internal failures are logged on the server and reach the browser only as
//! `Internal`, never with their details.

use serde::{Deserialize, Serialize};
use server_fn::{codec::JsonEncoding, error::FromServerFnError, ServerFnError};

use leptos::server_fn;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Please log in to continue.")]
    Unauthorized,
    #[error("You don't have permission to do that.")]
    Forbidden,
    #[error("We couldn't find that.")]
    NotFound,
    /// Bad input in one named form field; the message is shown next to that field.
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("{0}")]
    Conflict(String),
    /// Not allowed, with the reason the person should read (a ban, a timeout…).
    #[error("{0}")]
    Refused(String),
    #[error("Too many attempts. Please try again in {}.", wait_text(*retry_after_secs))]
    RateLimited { retry_after_secs: u64 },
    #[error("Something went wrong on our side. Please try again in a moment.")]
    Internal,
    /// Overloaded or briefly cut off from the database: worth retrying soon (503, Retry-After).
    #[error("Kindred is busy right now. Please try again in a few seconds.")]
    Unavailable { retry_after_secs: u64 },
    /// The request never got a proper answer (offline, server unreachable, bad encoding).
    #[error("Kindred could not be reached. Check your connection and try again.")]
    Transport(String),
}

fn wait_text(secs: u64) -> String {
    match secs {
        0..=1 => "a second".to_string(),
        2..=59 => format!("{secs} seconds"),
        60..=119 => "a minute".to_string(),
        _ => format!("{} minutes", secs.div_ceil(60)),
    }
}

impl AppError {
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid { field: field.to_string(), message: message.into() }
    }

    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthorized => 401,
            AppError::Forbidden | AppError::Refused(_) => 403,
            AppError::NotFound => 404,
            AppError::Invalid { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Internal | AppError::Transport(_) => 500,
            AppError::Unavailable { .. } => 503,
        }
    }

    /// The message to show next to `field`, if this error is about that field.
    pub fn for_field(&self, name: &str) -> Option<String> {
        match self {
            AppError::Invalid { field, message } if field == name => Some(message.clone()),
            _ => None,
        }
    }

    /// The message to show above a form: everything that is not about a single field.
    pub fn form_message(&self) -> Option<String> {
        match self {
            AppError::Invalid { .. } => None,
            other => Some(other.to_string()),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

impl From<ServerFnError> for AppError {
    fn from(value: ServerFnError) -> Self {
        AppError::Transport(value.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_belong_to_their_field_only() {
        let e = AppError::invalid("email", "That email is taken.");
        assert_eq!(e.for_field("email").as_deref(), Some("That email is taken."));
        assert_eq!(e.for_field("username"), None);
        assert_eq!(e.form_message(), None);
        assert_eq!(e.status(), 422);
    }

    #[test]
    fn rate_limit_message_says_when_to_retry() {
        let e = AppError::RateLimited { retry_after_secs: 300 };
        assert_eq!(e.to_string(), "Too many attempts. Please try again in 5 minutes.");
        assert_eq!(e.status(), 429);
        let e = AppError::RateLimited { retry_after_secs: 30 };
        assert!(e.to_string().contains("30 seconds"));
    }

    #[test]
    fn internal_errors_reveal_nothing() {
        assert!(!AppError::Internal.to_string().to_lowercase().contains("sql"));
    }
}

/// An id from a path or a form: anything that is not one finds nothing (404), like an id that
/// names no row.
pub fn parse_id(raw: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}
