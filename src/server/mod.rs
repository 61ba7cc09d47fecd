//! Server-only infrastructure: configuration, database, sessions, security, routing.

pub mod config;
pub mod database;
pub mod demo;
pub mod embedded_pg;
pub mod errors;
pub mod jobs;
pub mod pwa;
pub mod rate_limit;
pub mod request;
pub mod router;
pub mod security;
pub mod session_store;
pub mod state;
