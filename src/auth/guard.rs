//! Who is asking: the signed-in member of the request being served, and the preamble every
//! server function shares — state, member, and the HTTP status set from its error.

use std::future::Future;

use tower_sessions::Session;
use uuid::Uuid;

use super::model::CurrentMember;
use crate::error::AppError;
use crate::server::request::{respond, session, state, AUTH_AT_KEY};
use crate::server::session_store::MEMBER_KEY;
use crate::server::state::AppState;

/// The signed-in member, if any. Sessions past the absolute timeout, or whose member is gone,
/// are ended here.
pub async fn current_member(state: &AppState, session: &Session) -> Result<Option<CurrentMember>, AppError> {
    // Sessions live in PostgreSQL: one that cannot be read means the database is out of reach
    // for a moment (a restart), which is worth a retry (503), not an error page.
    let unreadable = |e: tower_sessions::session::Error| {
        tracing::warn!(error = %e, "could not read the session");
        AppError::Unavailable { retry_after_secs: 5 }
    };
    let member_id: Option<Uuid> = session.get(MEMBER_KEY).await.map_err(unreadable)?;
    let Some(member_id) = member_id else {
        return Ok(None);
    };
    let auth_at: i64 = session.get(AUTH_AT_KEY).await.map_err(unreadable)?.unwrap_or(0);
    let age = chrono::Utc::now().timestamp() - auth_at;
    if age < 0 || age as u64 > state.config.session_absolute.as_secs() {
        let _ = session.flush().await;
        return Ok(None);
    }
    let member = super::repo::current_member(&state.pool, member_id).await?;
    if member.is_none() {
        let _ = session.flush().await;
    }
    Ok(member)
}

/// The signed-in member, or `Unauthorized`.
pub async fn require_member() -> Result<(AppState, Session, CurrentMember), AppError> {
    let state = state()?;
    let session = session()?;
    let member = current_member(&state, &session).await?.ok_or(AppError::Unauthorized)?;
    Ok((state, session, member))
}

/// Runs a server function's body for the signed-in member (401 without one) and sets the HTTP
/// status from its error: `as_member(|state, me| async move { … }).await`.
pub async fn as_member<T, Fut>(body: impl FnOnce(AppState, CurrentMember) -> Fut) -> Result<T, AppError>
where
    Fut: Future<Output = Result<T, AppError>>,
{
    respond(
        async {
            let (state, _, me) = require_member().await?;
            body(state, me).await
        }
        .await,
    )
}

/// The same for a function anyone may call: the member when someone is signed in.
pub async fn as_viewer<T, Fut>(body: impl FnOnce(AppState, Option<CurrentMember>) -> Fut) -> Result<T, AppError>
where
    Fut: Future<Output = Result<T, AppError>>,
{
    respond(
        async {
            let state = state()?;
            let me = current_member(&state, &session()?).await?;
            body(state, me).await
        }
        .await,
    )
}
