//! Places server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};
use uuid::Uuid;

use super::journey::{CheckInOutcome, JourneyView, Redeemed};
use super::model::{PlaceDetail, PlaceFilter, PlaceForm, PlaceList};
use crate::error::AppError;

#[server(endpoint = "places/list", input = GetUrl)]
pub async fn list_places(#[server(default)] filter: PlaceFilter) -> Result<PlaceList, AppError> {
    use crate::server::request::{respond, state};
    respond(async { super::service::list(&state()?, &filter).await }.await)
}

#[server(endpoint = "places/map", input = GetUrl)]
pub async fn get_map_config() -> Result<super::model::MapConfig, AppError> {
    let state = crate::server::request::state()?;
    Ok(super::model::MapConfig {
        tile_url: state.config.map_tile_url.clone(),
        attribution: state.config.map_attribution.clone(),
    })
}

#[server(endpoint = "places/place", input = GetUrl)]
pub async fn get_place(id: String) -> Result<PlaceDetail, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::service::detail(&state, viewer.as_ref(), crate::error::parse_id(&id)?).await
    })
    .await
}

/// Proposes a place (`id` empty) or saves an edit; then shows the place.
#[server(endpoint = "places/save")]
pub async fn save_place(id: Option<String>, #[server(default)] place: PlaceForm) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let place_id = match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            Some(raw) => {
                let place_id = crate::error::parse_id(raw)?;
                super::service::edit(&state, &me, place_id, &place).await?;
                place_id
            }
            None => super::service::propose(&state, &me, &place).await?,
        };
        leptos_axum::redirect(&format!("/places/{place_id}"));
        Ok(place_id)
    })
    .await
}

/// Moderators: `verify`, `unverify` or `remove`; proposers may `remove` their unverified place.
#[server(endpoint = "places/moderate")]
pub async fn moderate_place(id: String, action: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let place_id = crate::error::parse_id(&id)?;
        match action.as_str() {
            "verify" => super::service::set_verified(&state, &me, place_id, true).await,
            "unverify" => super::service::set_verified(&state, &me, place_id, false).await,
            "remove" => {
                super::service::remove(&state, &me, place_id).await?;
                leptos_axum::redirect("/places");
                Ok(())
            }
            _ => Err(AppError::invalid("action", "Unknown action.")),
        }
    })
    .await
}

/// Adds a photo to a place (field `image`) or removes one (`remove` = its media id). Multipart;
/// a plain form post that comes back to the place.
#[server(endpoint = "places/photo", input = MultipartFormData)]
pub async fn place_photo(data: MultipartData) -> Result<(), AppError> {
    use crate::media::upload::UploadForm;
    crate::auth::guard::as_member(|state, me| async move {
        let form = UploadForm::read(data, "image").await?;
        let place_id = crate::error::parse_id(form.text("id"))?;
        let remove = match form.text("remove") {
            "" => None,
            raw => Some(raw.parse().map_err(|_| AppError::NotFound)?),
        };
        let bytes = form.file.clone();
        super::service::photo(&state, &me, place_id, bytes, remove).await?;
        leptos_axum::redirect(&format!("/places/{place_id}"));
        Ok(())
    })
    .await
}

#[server(endpoint = "places/check-in")]
pub async fn check_in(id: String, mood: String, note: Option<String>) -> Result<CheckInOutcome, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let tz = super::service::member_tz(&state, &me).await?;
        let place_id = crate::error::parse_id(&id)?;
        let note = note.unwrap_or_default();
        super::service::check_in(&state, &me, place_id, &mood, &note, tz, chrono::Utc::now()).await
    })
    .await
}

#[server(endpoint = "places/journey", input = GetUrl)]
pub async fn get_journey() -> Result<JourneyView, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let tz = super::service::member_tz(&state, &me).await?;
        super::service::journey(&state, &me, tz).await
    })
    .await
}

/// The places where the signed-in member can redeem rewards: (id, name).
#[server(endpoint = "places/staff", input = GetUrl)]
pub async fn get_staff_places() -> Result<Vec<(Uuid, String)>, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let places = super::repo::staff_places(&state.pool, me.member_id).await?;
        Ok(places.into_iter().map(|(id, name, _)| (id, name)).collect())
    })
    .await
}

#[server(endpoint = "places/redeem")]
pub async fn redeem(code: String, place_id: String) -> Result<Redeemed, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let place = place_id.trim().parse().map_err(|_| AppError::invalid("place_id", "Choose your place."))?;
        super::service::redeem(&state, &me, &code, place).await
    })
    .await
}

// Mentors, sessions and reviews ------------------------------------------------------------------

use super::model::{FlaggedReview, MentorForm, MentorPage, MentorView, SessionView};

#[server(endpoint = "mentors/list", input = GetUrl)]
pub async fn list_mentors() -> Result<Vec<MentorView>, AppError> {
    use crate::server::request::{respond, state};
    respond(async { super::mentoring::list(&state()?, false).await }.await)
}

#[server(endpoint = "mentors/page", input = GetUrl)]
pub async fn get_mentor(username: String) -> Result<MentorPage, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::mentoring::page(&state, viewer.as_ref(), username.trim().to_lowercase().as_str()).await
    })
    .await
}

/// The signed-in member's mentor profile (empty when they don't mentor yet) and the places to pick.
#[server(endpoint = "mentors/mine", input = GetUrl)]
pub async fn get_my_mentoring() -> Result<(Option<MentorForm>, Vec<(Uuid, String)>), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let profile = super::mentoring::my_profile(&state, &me).await?;
        let filter = super::repo::ListFilter {
            bbox: None,
            around: None,
            place_type: None,
            anxiety: None,
            beginner: false,
            verified: true,
            city: None,
        };
        let places = super::repo::list(&state.pool, &filter, 500).await?;
        Ok((profile, places.into_iter().map(|p| (p.place_id, p.name)).collect()))
    })
    .await
}

#[server(endpoint = "mentors/save")]
pub async fn save_mentoring(mentor: MentorForm) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::mentoring::save_profile(&state, &me, &mentor).await?;
        leptos_axum::redirect(&format!("/mentors/{}", me.username));
        Ok(())
    })
    .await
}

#[server(endpoint = "mentors/verify")]
pub async fn verify_mentor(username: String, verified: bool) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::mentoring::set_verified(&state, &me, username.trim(), verified).await
    })
    .await
}

/// Books a session; `starts_at` is a local date-time (`2026-12-01T18:00`) in the member's zone.
#[server(endpoint = "mentors/book")]
pub async fn book_session(
    username: String,
    starts_at: String,
    duration_minutes: String,
    mode: String,
) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let tz = super::service::member_tz(&state, &me).await?;
        let local = crate::events::when::parse_local_input(&starts_at)
            .ok_or_else(|| AppError::invalid("starts_at", "Choose a date and time."))?;
        let at = local
            .and_local_timezone(tz)
            .earliest()
            .ok_or_else(|| AppError::invalid("starts_at", "That time doesn't exist here (a clock change)."))?
            .with_timezone(&chrono::Utc);
        let minutes = duration_minutes
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("duration_minutes", "Sessions last 15 minutes to 4 hours."))?;
        let id = super::mentoring::book(&state, &me, username.trim(), at, minutes, &mode).await?;
        leptos_axum::redirect("/sessions");
        Ok(id)
    })
    .await
}

#[server(endpoint = "mentors/sessions", input = GetUrl)]
pub async fn get_sessions() -> Result<Vec<SessionView>, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::mentoring::sessions(&state, &me).await }).await
}

#[server(endpoint = "mentors/session")]
pub async fn update_session(id: String, action: String, notes: Option<String>) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let session = crate::error::parse_id(&id)?;
        super::mentoring::update_session(&state, &me, session, &action, notes.as_deref().unwrap_or("")).await
    })
    .await
}

/// Reviews a place (`place:<id>`) or a mentor (`mentor:<username>`).
#[server(endpoint = "reviews/save")]
pub async fn save_review(target: String, rating: String, body: Option<String>) -> Result<(), AppError> {
    use super::mentoring::Target;
    crate::auth::guard::as_member(|state, me| async move {
        let target = match target.split_once(':') {
            Some(("place", id)) => Target::Place(crate::error::parse_id(id)?),
            Some(("mentor", username)) => {
                let (id, _) =
                    crate::people::repo::person_named(&state.pool, username.trim()).await?.ok_or(AppError::NotFound)?;
                Target::Mentor(id)
            }
            _ => return Err(AppError::NotFound),
        };
        super::mentoring::review(&state, &me, target, &rating, body.as_deref().unwrap_or("")).await
    })
    .await
}

#[server(endpoint = "reviews/flag")]
pub async fn flag_review(id: String, reason: Option<String>) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::mentoring::flag(&state, &me, crate::error::parse_id(&id)?, reason.as_deref().unwrap_or("")).await
    })
    .await
}

/// `keep` or `remove` (moderators; authors may remove their own).
#[server(endpoint = "reviews/decide")]
pub async fn decide_review(id: String, decision: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::mentoring::decide_review(&state, &me, crate::error::parse_id(&id)?, &decision).await
    })
    .await
}

#[server(endpoint = "reviews/flagged", input = GetUrl)]
pub async fn get_flagged_reviews() -> Result<Vec<FlaggedReview>, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::mentoring::flagged(&state, &me).await }).await
}
