//! The SQL of the infrastructure: sessions, rate-limit windows and real-time announcements.
//! Like a domain's repo, the one place these tables are read and written.

use chrono::{DateTime, Utc};
use sqlx::{PgExecutor, PgPool};
use uuid::Uuid;

/// One stored session: its jsonb data and when it expires.
pub struct SessionRow {
    pub data: serde_json::Value,
    pub expires_at: DateTime<Utc>,
}

/// Inserts a new session; false when the id is taken (never overwrites someone's session).
pub async fn insert_session(
    pool: &PgPool,
    id: &str,
    member: Option<Uuid>,
    data: serde_json::Value,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query!(
        "insert into sessions (session_id, member_id, data, expires_at)
                 values ($1, $2, $3, $4) on conflict (session_id) do nothing",
        id,
        member,
        data,
        expires_at,
    )
    .execute(pool)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Updates an existing session only (one ended elsewhere stays ended).
pub async fn update_session(
    pool: &PgPool,
    id: &str,
    member: Option<Uuid>,
    data: serde_json::Value,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update sessions set member_id = $2, data = $3, expires_at = $4 where session_id = $1",
        id,
        member,
        data,
        expires_at,
    )
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn session(pool: &PgPool, id: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as!(
        SessionRow,
        "select data, expires_at from sessions where session_id = $1 and expires_at > now()",
        id
    )
    .fetch_optional(pool)
    .await
}

pub async fn delete_session(pool: &PgPool, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from sessions where session_id = $1", id).execute(pool).await?;
    Ok(())
}

pub async fn delete_expired_sessions(pool: &PgPool) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from sessions where expires_at <= now()").execute(pool).await?;
    Ok(())
}

/// Ends every session of `member_id` but `keep`; how many ended.
pub async fn delete_other_sessions(pool: &PgPool, member_id: Uuid, keep: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!("delete from sessions where member_id = $1 and session_id <> $2", member_id, keep)
        .execute(pool)
        .await?;
    Ok(done.rows_affected())
}

pub async fn session_is_live(pool: &PgPool, id: &str, member_id: Uuid) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from sessions where session_id = $1 and member_id = $2 and expires_at > now()) as "e!""#,
        id,
        member_id
    )
    .fetch_one(pool)
    .await
}

/// A rate-limit window after counting or reading it: its hits and the seconds until it ends.
pub struct Window {
    pub hits: i32,
    pub retry_after: f64,
}

/// Counts one hit in `bucket`'s current window of `secs` seconds.
pub async fn count_hit(pool: &PgPool, bucket: &str, secs: f64) -> Result<Window, sqlx::Error> {
    sqlx::query_as!(
        Window,
        r#"insert into rate_limit_hits (bucket, window_start, hits)
           values ($1, to_timestamp(floor(extract(epoch from now())::float8 / $2::float8) * $2::float8), 1)
           on conflict (bucket, window_start) do update set hits = rate_limit_hits.hits + 1
           returning hits, extract(epoch from (window_start + make_interval(secs => $2::float8) - now()))::float8 as "retry_after!""#,
        bucket,
        secs,
    )
    .fetch_one(pool)
    .await
}

/// `bucket`'s current window, if it has hits.
pub async fn window(pool: &PgPool, bucket: &str, secs: f64) -> Result<Option<Window>, sqlx::Error> {
    sqlx::query_as!(
        Window,
        r#"select hits, extract(epoch from (window_start + make_interval(secs => $2::float8) - now()))::float8 as "retry_after!"
           from rate_limit_hits
           where bucket = $1 and window_start = to_timestamp(floor(extract(epoch from now())::float8 / $2::float8) * $2::float8)"#,
        bucket,
        secs,
    )
    .fetch_optional(pool)
    .await
}

pub async fn prune_windows(pool: &PgPool) -> Result<u64, sqlx::Error> {
    let done =
        sqlx::query!("delete from rate_limit_hits where window_start < now() - interval '1 day'").execute(pool).await?;
    Ok(done.rows_affected())
}

/// `pg_notify` on `channel`: sent when the surrounding transaction commits.
pub async fn notify(db: impl PgExecutor<'_>, channel: &str, payload: &str) -> Result<(), sqlx::Error> {
    sqlx::query!("select pg_notify($1, $2)", channel, payload).execute(db).await?;
    Ok(())
}

/// Whether the cluster holds database `name` (asked on the maintenance database, before the
/// application's own exists, so not a checked query).
pub async fn database_exists(conn: &mut sqlx::PgConnection, name: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar("select exists(select 1 from pg_database where datname = $1)").bind(name).fetch_one(conn).await
}

/// Creates database `name`: one of Kindred's own names, plain ASCII (identifiers cannot be bound).
pub async fn create_database(conn: &mut sqlx::PgConnection, name: &str) -> Result<(), sqlx::Error> {
    debug_assert!(name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
    sqlx::query(&format!("create database \"{name}\"")).execute(conn).await?;
    Ok(())
}

// Backups -----------------------------------------------------------------------------------

/// Holds the session-level advisory lock `key` on this connection (waits for it).
pub async fn advisory_lock(conn: &mut sqlx::PgConnection, key: i64) -> Result<(), sqlx::Error> {
    sqlx::query("select pg_advisory_lock($1)").bind(key).execute(&mut *conn).await.map(|_| ())
}

pub async fn advisory_unlock(conn: &mut sqlx::PgConnection, key: i64) -> Result<(), sqlx::Error> {
    sqlx::query("select pg_advisory_unlock($1)").bind(key).execute(&mut *conn).await.map(|_| ())
}

/// The newest migration applied.
pub async fn schema_version(db: impl sqlx::PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select coalesce(max(version), 0) from _sqlx_migrations").fetch_one(db).await
}

/// How many tables the database's public schema holds (0: an empty database).
pub async fn public_tables(db: impl sqlx::PgExecutor<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("select count(*) from information_schema.tables where table_schema = 'public'")
        .fetch_one(db)
        .await
}
