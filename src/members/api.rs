//! Profile server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

use super::model::{MemberPage, Profile, ProfileForm};
use crate::error::AppError;

pub const DIRECTORY_PAGE: i64 = 24;

#[server(endpoint = "members/profile", input = GetUrl)]
pub async fn get_profile(username: String) -> Result<Profile, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        let viewer = viewer.map(|m| m.member_id);
        let username = username.trim().to_lowercase();
        if username.len() > 30 {
            return Err(AppError::NotFound);
        }
        let mut profile = super::repo::profile(&state.pool, &username, viewer).await?.ok_or(AppError::NotFound)?;
        // A member may keep their profile to signed-in members.
        if viewer.is_none() && super::repo::members_only(&state.pool, profile.member_id).await? {
            return Err(AppError::Unauthorized);
        }
        let (followers, following, follows) =
            crate::feed::repo::follow_stats(&state.pool, profile.member_id, viewer).await?;
        profile.followers = followers;
        profile.following = following;
        profile.viewer_follows = follows;
        if let Some(j) = crate::places::repo::journey(&state.pool, profile.member_id).await? {
            let tz: chrono_tz::Tz = profile.time_zone.parse().unwrap_or(chrono_tz::Tz::UTC);
            let today = chrono::Utc::now().with_timezone(&tz).date_naive();
            let current = crate::places::journey::streak_now(j.last_day, j.current_streak, today);
            profile.journey = Some((j.level, current, j.longest_streak));
        }
        if let Some(viewer) = viewer {
            profile.viewer_blocked = crate::people::repo::has_blocked(&state.pool, viewer, profile.member_id).await?;
            if viewer != profile.member_id {
                let mut conn = state.pool.acquire().await?;
                profile.connection = crate::people::repo::state(&mut conn, viewer, profile.member_id).await?;
            }
        }
        Ok(profile)
    })
    .await
}

/// The signed-in member's own profile, for the edit form.
#[server(endpoint = "members/me", input = GetUrl)]
pub async fn get_my_profile() -> Result<Profile, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::repo::profile(&state.pool, &me.username, Some(me.member_id)).await?.ok_or(AppError::NotFound)
    })
    .await
}

/// Saves the signed-in member's profile. There is no member id argument: a member can only
/// ever change their own row.
#[server(endpoint = "members/update")]
pub async fn update_profile(#[server(default)] profile: ProfileForm) -> Result<String, AppError> {
    use super::model::ProfileUpdate;
    crate::auth::guard::as_member(|state, me| async move {
        let update = ProfileUpdate::parse(&profile, chrono::Utc::now().date_naive())?;
        if update.time_zone.parse::<chrono_tz::Tz>().is_err() {
            return Err(AppError::invalid("time_zone", "Choose a time zone from the list, like Europe/Berlin."));
        }
        let username = super::repo::update_profile(&state.pool, me.member_id, &update).await?;
        Ok(username)
    })
    .await
}

/// Uploads a new avatar (field `image`), or removes it when `remove` is set. Multipart, so the
/// settings form works without JavaScript too.
#[server(endpoint = "members/avatar", input = MultipartFormData)]
pub async fn set_avatar(data: MultipartData) -> Result<Option<String>, AppError> {
    use crate::media::{upload::UploadForm, Purpose};
    crate::auth::guard::as_member(|state, me| async move {
        let form = UploadForm::read(data, "image").await?;
        crate::server::rate_limit::hit(
            &state.pool,
            &format!("avatar:member:{}", me.member_id),
            20,
            std::time::Duration::from_secs(3600),
        )
        .await?;
        let remove = form.text("remove") == "true";
        let stored = match (form.file, remove) {
            (_, true) => None,
            (Some(bytes), _) => Some(crate::media::upload::store(&state, Purpose::Avatar, bytes).await?),
            (None, false) => return Err(AppError::invalid("image", "Choose an image to upload.")),
        };
        let mut tx = state.pool.begin().await?;
        let media_id = match stored {
            Some(s) => Some(s.record(&mut tx, me.member_id).await?),
            None => None,
        };
        // The old image is left for the housekeeping job, which deletes unused images.
        super::repo::set_avatar(&mut *tx, me.member_id, media_id).await?;
        tx.commit().await?;
        Ok(media_id.map(crate::media::display_url))
    })
    .await
}

#[server(endpoint = "members/directory", input = GetUrl)]
pub async fn list_members(after: Option<String>) -> Result<MemberPage, AppError> {
    use crate::paging::{decode_cursor, encode_cursor};
    crate::auth::guard::as_viewer(|state, viewer| async move {
        let cursor = match after.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?),
            None => None,
        };
        // Visitors see only the members whose profiles are public.
        let mut rows = super::repo::directory(&state.pool, cursor, DIRECTORY_PAGE + 1, viewer.is_some()).await?;
        let next = if rows.len() as i64 > DIRECTORY_PAGE {
            rows.truncate(DIRECTORY_PAGE as usize);
            rows.last().map(|(_, at, id)| encode_cursor(*at, *id))
        } else {
            None
        };
        Ok(MemberPage { members: rows.into_iter().map(|(card, _, _)| card).collect(), next })
    })
    .await
}
