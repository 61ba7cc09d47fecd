//! Server-only infrastructure beneath every domain: configuration, the database (embedded or
//! not), sessions, security headers and origin checks, rate limits, the real-time hub and
//! media storage. Nothing here imports a domain; the wiring that does lives in `startup/`.

pub mod backup;
pub mod config;
pub mod database;
pub mod embedded_pg;
pub mod errors;
pub mod overload;
pub mod pwa;
pub mod rate_limit;
pub mod realtime;
pub mod repo;
pub mod request;
pub mod security;
pub mod session_store;
pub mod state;
pub mod storage;
