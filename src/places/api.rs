//! Places server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

use super::journey::{CheckInOutcome, JourneyView, Redeemed};
use super::model::{PlaceDetail, PlaceFilter, PlaceForm, PlaceList};
use crate::error::AppError;

#[server(endpoint = "places/list", input = GetUrl)]
pub async fn list_places(filter: PlaceFilter) -> Result<PlaceList, AppError> {
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
    use crate::server::request::{current_member, respond, session, state};
    respond(
        async {
            let state = state()?;
            let viewer = current_member(&state, &session()?).await?;
            super::service::detail(&state, viewer.as_ref(), super::service::parse_id(&id)?).await
        }
        .await,
    )
}

/// Proposes a place (`id` empty) or saves an edit; then shows the place.
#[server(endpoint = "places/save")]
pub async fn save_place(id: Option<String>, place: PlaceForm) -> Result<Uuid, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let place_id = match id.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                Some(raw) => {
                    let place_id = super::service::parse_id(raw)?;
                    super::service::edit(&state, &me, place_id, &place).await?;
                    place_id
                }
                None => super::service::propose(&state, &me, &place).await?,
            };
            leptos_axum::redirect(&format!("/places/{place_id}"));
            Ok(place_id)
        }
        .await,
    )
}

/// Moderators: `verify`, `unverify` or `remove`; proposers may `remove` their unverified place.
#[server(endpoint = "places/moderate")]
pub async fn moderate_place(id: String, action: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let place_id = super::service::parse_id(&id)?;
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
        }
        .await,
    )
}

#[server(endpoint = "places/check-in")]
pub async fn check_in(id: String, mood: String, note: Option<String>) -> Result<CheckInOutcome, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let tz = super::service::member_tz(&state, &me).await?;
            let place_id = super::service::parse_id(&id)?;
            let note = note.unwrap_or_default();
            super::service::check_in(&state, &me, place_id, &mood, &note, tz, chrono::Utc::now()).await
        }
        .await,
    )
}

#[server(endpoint = "places/journey", input = GetUrl)]
pub async fn get_journey() -> Result<JourneyView, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let tz = super::service::member_tz(&state, &me).await?;
            super::service::journey(&state, &me, tz).await
        }
        .await,
    )
}

/// The places where the signed-in member can redeem rewards: (id, name).
#[server(endpoint = "places/staff", input = GetUrl)]
pub async fn get_staff_places() -> Result<Vec<(Uuid, String)>, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let places = super::repo::staff_places(&state.pool, me.member_id).await?;
            Ok(places.into_iter().map(|(id, name, _)| (id, name)).collect())
        }
        .await,
    )
}

#[server(endpoint = "places/redeem")]
pub async fn redeem(code: String, place_id: String) -> Result<Redeemed, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let place = place_id.trim().parse().map_err(|_| AppError::invalid("place_id", "Choose your place."))?;
            super::service::redeem(&state, &me, &code, place).await
        }
        .await,
    )
}
