//! Account rules that need the database and the session (server only). The server functions in
//! `api.rs` are thin wrappers around these.

use tower_sessions::Session;
use uuid::Uuid;

use super::model::{CurrentMember, DisplayName, Email, Username};
use super::{password, repo};
use crate::error::AppError;
use crate::server::errors::unique_violation;
use crate::server::rate_limit;
use crate::server::request::AUTH_AT_KEY;
use crate::server::session_store::{end_other_sessions, MEMBER_KEY};
use crate::server::state::AppState;

pub const LOGIN_FAILED: &str = "That email and password don't match an account. Check both and try again.";

pub struct SignUpForm {
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub password: String,
    /// The invite code of the link the member came through (empty when none).
    pub invite: String,
}

/// Starts a signed-in session under a fresh id (no session fixation).
async fn establish(session: &Session, member_id: Uuid) -> Result<(), AppError> {
    let fail = |e: tower_sessions::session::Error| {
        tracing::error!(error = %e, "session update failed");
        AppError::Internal
    };
    session.cycle_id().await.map_err(fail)?;
    session.insert(MEMBER_KEY, member_id).await.map_err(fail)?;
    session.insert(AUTH_AT_KEY, chrono::Utc::now().timestamp()).await.map_err(fail)?;
    Ok(())
}

pub async fn sign_up(state: &AppState, session: &Session, ip: &str, form: SignUpForm) -> Result<Uuid, AppError> {
    let email = Email::parse(&form.email)?;
    let username = Username::parse(&form.username)?;
    let display_name = DisplayName::parse(&form.display_name)?;
    password::check_policy(&form.password, "password", &[username.as_str(), email.as_str(), display_name.as_str()])?;
    let limits = state.config.limits;
    rate_limit::hit(&state.pool, &format!("signup:ip:{ip}"), limits.signup_per_ip, limits.signup_window).await?;

    let hash = password::hash(form.password).await?;
    let member_id = match repo::insert_member(&state.pool, &username, &email, &display_name, &hash).await {
        Ok(id) => id,
        Err(e) => {
            return Err(match unique_violation(&e).as_deref() {
                Some("members_username_key") => AppError::invalid("username", "That username is taken. Try another."),
                Some("members_email_key") => {
                    AppError::invalid("email", "An account with this email already exists. Log in instead?")
                }
                _ => e.into(),
            })
        }
    };
    // A code that does not look like one is ignored: a stale link never stops a sign-up.
    let invite = form.invite.trim().to_lowercase();
    if (6..=16).contains(&invite.len()) && invite.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) {
        repo::set_invited_with(&state.pool, member_id, &invite).await?;
    }
    establish(session, member_id).await?;
    tracing::info!(%member_id, "member signed up");
    Ok(member_id)
}

pub async fn log_in(
    state: &AppState,
    session: &Session,
    ip: &str,
    email: &str,
    password: String,
) -> Result<Uuid, AppError> {
    let limits = state.config.limits;
    rate_limit::hit(&state.pool, &format!("login:ip:{ip}"), limits.login_per_ip, limits.login_window).await?;
    if password.chars().count() > super::model::PASSWORD_MAX_CHARS {
        return Err(AppError::invalid("form", LOGIN_FAILED));
    }
    let email = Email::parse(email)?;
    let account_bucket = format!("login:account:{}", email.as_str());
    rate_limit::check(&state.pool, &account_bucket, limits.login_per_account, limits.login_window).await?;

    let found = repo::login_by_email(&state.pool, &email).await?;
    let (member_id, hash) = match found {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(password, hash).await;
    match (ok, member_id) {
        (true, Some(member_id)) => {
            establish(session, member_id).await?;
            Ok(member_id)
        }
        _ => {
            // Count the failure against the account; the answer is the same either way.
            let _ = rate_limit::hit(&state.pool, &account_bucket, u32::MAX, limits.login_window).await;
            Err(AppError::invalid("form", LOGIN_FAILED))
        }
    }
}

pub async fn log_out(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(|e| {
        tracing::error!(error = %e, "logout failed");
        AppError::Internal
    })
}

/// Changes the password after checking the current one, and ends the member's other sessions.
pub async fn change_password(
    state: &AppState,
    session: &Session,
    member: &CurrentMember,
    current: String,
    new: String,
) -> Result<u64, AppError> {
    let limits = state.config.limits;
    let bucket = format!("password:member:{}", member.member_id);
    rate_limit::check(&state.pool, &bucket, limits.login_per_account, limits.login_window).await?;
    let stored = repo::password_hash(&state.pool, member.member_id).await?;
    if !password::verify(current, stored).await {
        let _ = rate_limit::hit(&state.pool, &bucket, u32::MAX, limits.login_window).await;
        return Err(AppError::invalid("current_password", "That is not your current password."));
    }
    password::check_policy(&new, "new_password", &[member.username.as_str(), member.display_name.as_str()])?;
    let hash = password::hash(new).await?;
    repo::set_password(&state.pool, member.member_id, &hash).await?;
    establish(session, member.member_id).await?;
    let ended = end_other_sessions(&state.pool, member.member_id, session.id().as_ref()).await?;
    tracing::info!(member_id = %member.member_id, ended, "password changed");
    Ok(ended)
}
