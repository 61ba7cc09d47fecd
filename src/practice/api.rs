//! Practice server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{
    Achievements, CheckInForm, Library, LibraryFilter, MyPractice, Saved, SessionForm, TechniqueDetail,
};
use crate::error::AppError;

#[server(endpoint = "practice/library", input = GetUrl)]
pub async fn get_library(#[server(default)] filter: LibraryFilter) -> Result<Library, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::service::library(&state, viewer.as_ref(), &filter).await
    })
    .await
}

#[server(endpoint = "practice/technique", input = GetUrl)]
pub async fn get_technique(slug: String) -> Result<TechniqueDetail, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::service::detail(&state, viewer.as_ref(), &slug).await
    })
    .await
}

/// Saves a session from the timer or logged by hand (and, when asked, today's check-in with it).
#[server(endpoint = "practice/session")]
pub async fn save_session(#[server(default)] session: SessionForm) -> Result<Saved, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::save_session(&state, &me, &session, None, chrono::Utc::now()).await
    })
    .await
}

/// Today's check-in on its own.
#[server(endpoint = "practice/check-in")]
pub async fn check_in(#[server(default)] check_in: CheckInForm) -> Result<Saved, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::check_in(&state, &me, &check_in, chrono::Utc::now()).await
    })
    .await
}

/// Marks a technique as a favourite (`favourite` = "on") or not.
#[server(endpoint = "practice/favourite")]
pub async fn set_favourite(slug: String, #[server(default)] favourite: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::set_favourite(&state, &me, &slug, favourite == "on").await
    })
    .await
}

/// The member's private notes on a technique.
#[server(endpoint = "practice/notes")]
pub async fn save_notes(slug: String, #[server(default)] notes: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(
        |state, me| async move { super::service::set_notes(&state, &me, &slug, &notes).await },
    )
    .await
}

#[server(endpoint = "practice/mine", input = GetUrl)]
pub async fn get_my_practice(#[server(default)] older: String) -> Result<MyPractice, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::my_practice(&state, &me, Some(&older), chrono::Utc::now()).await
    })
    .await
}

#[server(endpoint = "practice/achievements", input = GetUrl)]
pub async fn get_achievements() -> Result<Achievements, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::achievements(&state, &me).await }).await
}
