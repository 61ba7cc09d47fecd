//! A tower-sessions store in PostgreSQL. Each record's data is jsonb; the signed-in member's id
//! is lifted into its own column so one member's other sessions can be ended at once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use uuid::Uuid;

use super::repo;

pub const MEMBER_KEY: &str = "member_id";

#[derive(Debug, Clone)]
pub struct PgSessionStore {
    pool: PgPool,
}

impl PgSessionStore {
    pub fn new(pool: PgPool) -> Self {
        PgSessionStore { pool }
    }
}

fn backend(e: impl std::fmt::Display) -> session_store::Error {
    session_store::Error::Backend(e.to_string())
}

fn to_chrono(t: OffsetDateTime) -> DateTime<Utc> {
    DateTime::from_timestamp(t.unix_timestamp(), t.nanosecond()).unwrap_or_else(Utc::now)
}

fn member_of(record: &Record) -> Option<Uuid> {
    record.data.get(MEMBER_KEY).and_then(|v| v.as_str()).and_then(|s| s.parse().ok())
}

#[async_trait]
impl SessionStore for PgSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let data = serde_json::to_value(&record.data).map_err(backend)?;
        let expires = to_chrono(record.expiry_date);
        // A 128-bit id can collide: vanishingly rare, but never overwrite someone's session.
        while !repo::insert_session(&self.pool, &record.id.to_string(), member_of(record), data.clone(), expires)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates an existing session only. A session ended elsewhere (logout, password change)
    /// must stay ended even if a request still in flight tries to save it afterwards.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_value(&record.data).map_err(backend)?;
        repo::update_session(&self.pool, &record.id.to_string(), member_of(record), data, to_chrono(record.expiry_date))
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = repo::session(&self.pool, &id.to_string()).await.map_err(backend)? else { return Ok(None) };
        let data = serde_json::from_value(row.data).map_err(backend)?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp()).map_err(backend)?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        repo::delete_session(&self.pool, &id.to_string()).await.map_err(backend)
    }
}

#[async_trait]
impl ExpiredDeletion for PgSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        repo::delete_expired_sessions(&self.pool).await.map_err(backend)
    }
}

/// Ends every session of `member_id` except `keep` (the one making the request).
pub async fn end_other_sessions(pool: &PgPool, member_id: Uuid, keep: Option<&Id>) -> Result<u64, sqlx::Error> {
    let keep = keep.map(|id| id.to_string()).unwrap_or_default();
    repo::delete_other_sessions(pool, member_id, &keep).await
}

/// Whether session `id` still exists, unexpired, for `member_id` (open WebSockets check this).
pub async fn is_live(pool: &PgPool, id: &str, member_id: Uuid) -> Result<bool, sqlx::Error> {
    repo::session_is_live(pool, id, member_id).await
}
