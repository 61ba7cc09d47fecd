//! Account server functions. Each is a public HTTP endpoint: it authenticates, validates and
//! rate-limits before touching anything.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::CurrentMember;
use crate::error::AppError;

/// Where to go after logging in: a local path only, never another site. Browsers drop tabs
/// and newlines from a URL (so `/<tab>/evil.example` would become `//evil.example`), and a
/// control character cannot go in a `Location` header: any of them sends the member home.
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(char::is_control)
                && p.len() <= 512 =>
        {
            p.to_string()
        }
        _ => "/".to_string(),
    }
}

#[server(endpoint = "auth/me", input = GetUrl)]
pub async fn get_current_member() -> Result<Option<CurrentMember>, AppError> {
    crate::auth::guard::as_viewer(|_, me| async move { Ok(me) }).await
}

#[server(endpoint = "auth/signup")]
pub async fn sign_up(
    email: String,
    username: String,
    display_name: String,
    password: String,
    #[server(default)] invite: String,
) -> Result<(), AppError> {
    use crate::server::request::{client_ip, respond, session, state};
    respond(
        async {
            let state = state()?;
            let ip = client_ip(&state);
            let form = super::service::SignUpForm { email, username, display_name, password, invite };
            super::service::sign_up(&state, &session()?, &ip, form).await?;
            leptos_axum::redirect("/settings/profile?welcome=1");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "auth/login")]
pub async fn log_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::server::request::{client_ip, respond, session, state};
    respond(
        async {
            let state = state()?;
            let ip = client_ip(&state);
            super::service::log_in(&state, &session()?, &ip, &email, password).await?;
            leptos_axum::redirect(&safe_next(next.as_deref()));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "auth/logout")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::server::request::{respond, session};
    respond(
        async {
            super::service::log_out(&session()?).await?;
            // The browser drops what it cached for this site (the service worker also empties
            // its page cache when it sees this request).
            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                res.insert_header(
                    http::HeaderName::from_static("clear-site-data"),
                    http::HeaderValue::from_static("\"cache\""),
                );
            }
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "auth/password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<String, AppError> {
    use crate::auth::guard::require_member;
    use crate::server::request::respond;
    respond(
        async {
            let (state, session, member) = require_member().await?;
            let ended =
                super::service::change_password(&state, &session, &member, current_password, new_password).await?;
            Ok(match ended {
                0 => "Password changed.".to_string(),
                1 => "Password changed. Your one other session was signed out.".to_string(),
                n => format!("Password changed. Your {n} other sessions were signed out."),
            })
        }
        .await,
    )
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/settings/profile")), "/settings/profile");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
        for sneaky in ["/\t/evil.example", "/\n/evil.example", "/\r\n//evil.example", "/%09/ok", "/a\u{0}b", "/\u{7f}x"]
        {
            let to = safe_next(Some(sneaky));
            assert!(to == "/" || to == sneaky && !sneaky.chars().any(char::is_control), "{sneaky:?} -> {to:?}");
            assert!(!to.chars().any(char::is_control));
        }
    }
}
