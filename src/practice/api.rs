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

#[server(endpoint = "practice/privacy", input = GetUrl)]
pub async fn get_privacy() -> Result<super::model::Privacy, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::privacy(&state, &me).await }).await
}

/// Who sees the member's profile and sessions, and whether they appear on leaderboards.
#[server(endpoint = "practice/privacy/save")]
pub async fn save_privacy(
    #[server(default)] privacy: super::model::PrivacyForm,
) -> Result<super::model::Privacy, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::save_privacy(&state, &me, &privacy).await })
        .await
}

#[server(endpoint = "practice/leaderboard", input = GetUrl)]
pub async fn get_leaderboard(
    #[server(default)] query: super::model::BoardQuery,
) -> Result<super::model::Leaderboard, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::leaderboard(&state, &me, &query, chrono::Utc::now()).await
    })
    .await
}

/// A member's practice as the caller may see it (their sessions only for the audience they chose).
#[server(endpoint = "practice/member", input = GetUrl)]
pub async fn get_peer_practice(username: String) -> Result<super::model::PeerPractice, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::service::peer_practice(&state, viewer.as_ref(), &username).await
    })
    .await
}

/// Marks another member's session authentic, helpful or inspiring.
#[server(endpoint = "practice/validate")]
pub async fn validate_session(
    session: String,
    kind: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let session = crate::error::parse_id(&session)?;
        super::service::validate(&state, &me, session, &kind, &comment, chrono::Utc::now()).await
    })
    .await
}

/// Asks peers to verify the caller's mastery of a technique.
#[server(endpoint = "practice/verify")]
pub async fn request_verification(
    #[server(default)] verification: super::model::VerificationForm,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::request_verification(&state, &me, &verification).await
    })
    .await
}

#[server(endpoint = "practice/reviews", input = GetUrl)]
pub async fn get_review_queue() -> Result<Vec<super::model::ReviewItem>, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::review_queue(&state, &me).await }).await
}

/// A review of a verification request: `authentic` is "yes" or "no".
#[server(endpoint = "practice/review")]
pub async fn review_verification(
    request: String,
    authentic: String,
    #[server(default)] comment: String,
) -> Result<super::model::VerificationStatus, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let request = crate::error::parse_id(&request)?;
        super::service::review(&state, &me, request, &authentic, &comment, chrono::Utc::now()).await
    })
    .await
}

#[server(endpoint = "practice/challenges", input = GetUrl)]
pub async fn get_challenges() -> Result<super::model::ChallengeList, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::service::challenges::list(&state, viewer.as_ref(), chrono::Utc::now()).await
    })
    .await
}

#[server(endpoint = "practice/challenge", input = GetUrl)]
pub async fn get_challenge(id: String) -> Result<super::model::ChallengeDetail, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        let id = crate::error::parse_id(&id)?;
        super::service::challenges::detail(&state, viewer.as_ref(), id, chrono::Utc::now()).await
    })
    .await
}

/// What the new-challenge form may offer the caller (403 when they may create none).
#[server(endpoint = "practice/challenge/choices", input = GetUrl)]
pub async fn get_challenge_choices() -> Result<super::model::ChallengeChoices, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::challenges::choices(&state, &me).await })
        .await
}

#[server(endpoint = "practice/challenge/create")]
pub async fn create_challenge(
    #[server(default)] challenge: super::model::ChallengeForm,
) -> Result<uuid::Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = super::service::challenges::create(&state, &me, &challenge, chrono::Utc::now()).await?;
        leptos_axum::redirect(&format!("/practice/challenges/{id}"));
        Ok(id)
    })
    .await
}

#[server(endpoint = "practice/challenge/join")]
pub async fn join_challenge(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&id)?;
        super::service::challenges::join(&state, &me, id, chrono::Utc::now()).await
    })
    .await
}

#[server(endpoint = "practice/challenge/leave")]
pub async fn leave_challenge(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&id)?;
        super::service::challenges::leave(&state, &me, id).await
    })
    .await
}

#[server(endpoint = "practice/buddies", input = GetUrl)]
pub async fn get_buddies() -> Result<super::model::Buddies, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::buddies::list(&state, &me, chrono::Utc::now()).await
    })
    .await
}

/// Asks a member (by username) to be practice buddies.
#[server(endpoint = "practice/buddy/request")]
pub async fn request_buddy(username: String, #[server(default)] message: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::buddies::request(&state, &me, &username, &message).await
    })
    .await
}

/// `accept`, `decline`, `end` or `nudge`.
#[server(endpoint = "practice/buddy/act")]
pub async fn buddy_action(id: String, action: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&id)?;
        super::service::buddies::act(&state, &me, id, &action, chrono::Utc::now()).await
    })
    .await
}

#[server(endpoint = "practice/referrals", input = GetUrl)]
pub async fn get_referrals() -> Result<super::model::Referrals, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::referrals::referrals(&state, &me).await })
        .await
}

/// The technique editor's starting values (moderators): `slug` empty for a new technique.
#[server(endpoint = "practice/editor", input = GetUrl)]
pub async fn get_technique_editor(#[server(default)] slug: String) -> Result<super::model::TechniqueEditor, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::editor::editor(&state, &me, &slug).await })
        .await
}

#[server(endpoint = "practice/technique/save")]
pub async fn save_technique(#[server(default)] technique: super::model::TechniqueForm) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let slug = super::service::editor::save_technique(&state, &me, &technique).await?;
        leptos_axum::redirect(&format!("/practice/t/{slug}"));
        Ok(slug)
    })
    .await
}

#[server(endpoint = "practice/category/save")]
pub async fn save_category(#[server(default)] category: super::model::CategoryForm) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::editor::save_category(&state, &me, &category).await
    })
    .await
}

/// Chooses the path a newcomer starts on (a category with gateway techniques), or leaves it.
#[server(endpoint = "practice/path")]
pub async fn choose_path(#[server(default)] path: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::choose_path(&state, &me, &path).await })
        .await
}

/// The member's practising events of the last 30 days (went or ran), to log in one click.
#[server(endpoint = "practice/together", input = GetUrl)]
pub async fn get_events_practised() -> Result<Vec<super::model::EventPractice>, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::events_practised(&state, &me, chrono::Utc::now()).await
    })
    .await
}

/// Logs a practising event the member went to (or ran) as their group (or teaching) session.
#[server(endpoint = "practice/together/log")]
pub async fn log_event_session(event_id: String) -> Result<Saved, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&event_id)?;
        super::service::log_event_session(&state, &me, id, chrono::Utc::now()).await
    })
    .await
}
