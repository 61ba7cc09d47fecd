//! A tower-sessions store in PostgreSQL. Each record's data is jsonb; the signed-in member's id
//! is lifted into its own column so one member's other sessions can be ended at once.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};
use uuid::Uuid;

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
        loop {
            let inserted = sqlx::query!(
                "insert into sessions (session_id, member_id, data, expires_at)
                 values ($1, $2, $3, $4) on conflict (session_id) do nothing",
                record.id.to_string(),
                member_of(record),
                data,
                to_chrono(record.expiry_date),
            )
            .execute(&self.pool)
            .await
            .map_err(backend)?;
            if inserted.rows_affected() == 1 {
                return Ok(());
            }
            // A 128-bit id collided: vanishingly rare, but never overwrite someone's session.
            record.id = Id::default();
        }
    }

    /// Updates an existing session only. A session ended elsewhere (logout, password change)
    /// must stay ended even if a request still in flight tries to save it afterwards.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let data = serde_json::to_value(&record.data).map_err(backend)?;
        sqlx::query!(
            "update sessions set member_id = $2, data = $3, expires_at = $4 where session_id = $1",
            record.id.to_string(),
            member_of(record),
            data,
            to_chrono(record.expiry_date),
        )
        .execute(&self.pool)
        .await
        .map_err(backend)?;
        Ok(())
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let row = sqlx::query!(
            "select data, expires_at from sessions where session_id = $1 and expires_at > now()",
            id.to_string()
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(backend)?;
        let Some(row) = row else { return Ok(None) };
        let data = serde_json::from_value(row.data).map_err(backend)?;
        let expiry_date = OffsetDateTime::from_unix_timestamp(row.expires_at.timestamp()).map_err(backend)?;
        Ok(Some(Record { id: *id, data, expiry_date }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        sqlx::query!("delete from sessions where session_id = $1", id.to_string())
            .execute(&self.pool)
            .await
            .map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for PgSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        sqlx::query!("delete from sessions where expires_at <= now()").execute(&self.pool).await.map_err(backend)?;
        Ok(())
    }
}

/// Ends every session of `member_id` except `keep` (the one making the request).
pub async fn end_other_sessions(pool: &PgPool, member_id: Uuid, keep: Option<&Id>) -> Result<u64, sqlx::Error> {
    let keep = keep.map(|id| id.to_string()).unwrap_or_default();
    let done = sqlx::query!("delete from sessions where member_id = $1 and session_id <> $2", member_id, keep)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}
