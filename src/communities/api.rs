//! Community server functions: thin — who is asking, then the rules in `service`, which check
//! the exact permission bit for the exact community, role, channel or member.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

use super::model::*;
use super::perms::PermFields;
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn number(raw: &str, field: &str, what: &str) -> Result<i32, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(0);
    }
    raw.parse::<i32>().map_err(|_| AppError::invalid(field, format!("Enter {what} as a whole number.")))
}

#[server(endpoint = "communities/list", input = GetUrl)]
pub async fn list_communities(q: String) -> Result<CommunityList, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::list(&state, me.member_id, &q).await }).await
}

#[server(endpoint = "communities/create")]
pub async fn create_community(
    name: String,
    slug: String,
    description: String,
    visibility: String,
) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let slug = super::service::create(
            &state,
            &me,
            super::service::NewCommunity {
                name: &name,
                slug: &slug,
                description: &description,
                visibility: &visibility,
            },
        )
        .await?;
        leptos_axum::redirect(&format!("/c/{slug}"));
        Ok(slug)
    })
    .await
}

#[server(endpoint = "communities/get", input = GetUrl)]
pub async fn get_community(slug: String) -> Result<CommunityView, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::view(&state, me.member_id, &slug).await })
        .await
}

#[server(endpoint = "communities/update")]
pub async fn update_community(
    slug: String,
    name: String,
    description: String,
    visibility: String,
    filter_policy: String,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::update(&state, me.member_id, &slug, &name, &description, &visibility, &filter_policy).await
    })
    .await
}

/// The community's picture (multipart: `slug`, `image`, or `remove` = "true"); the owner only.
#[server(endpoint = "communities/icon", input = MultipartFormData)]
pub async fn set_community_icon(data: MultipartData) -> Result<Option<String>, AppError> {
    use crate::media::upload::UploadForm;
    crate::auth::guard::as_member(|state, me| async move {
        let form = UploadForm::read(data, "image").await?;
        let slug = form.text("slug").to_string();
        let remove = form.text("remove") == "true";
        let image = match (form.file, remove) {
            (_, true) => None,
            (Some(bytes), false) => Some(bytes),
            (None, false) => return Err(AppError::invalid("image", "Choose an image to upload.")),
        };
        let icon = super::service::set_icon(&state, me.member_id, &slug, image).await?;
        if crate::server::request::is_plain_form_post() {
            leptos_axum::redirect(&format!("/c/{slug}"));
        }
        Ok(icon.map(crate::media::thumb_url))
    })
    .await
}

/// Joins a public community or asks to join a private one; answers "member" or "requested".
#[server(endpoint = "communities/join")]
pub async fn join_community(slug: String, note: Option<String>) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let joined = super::service::join(&state, me.member_id, &slug, note.as_deref().unwrap_or("")).await?;
        Ok(match joined {
            super::service::Joined::Member => "member".into(),
            super::service::Joined::Requested => "requested".into(),
        })
    })
    .await
}

#[server(endpoint = "communities/cancel-request")]
pub async fn cancel_join_request(slug: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::cancel_request(&state, me.member_id, &slug).await
    })
    .await
}

#[server(endpoint = "communities/leave")]
pub async fn leave_community(slug: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::leave(&state, me.member_id, &slug).await })
        .await
}

#[server(endpoint = "communities/requests/decide")]
pub async fn decide_join_request(slug: String, username: String, decision: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::decide_request(&state, me.member_id, &slug, &username, decision == "approve").await
    })
    .await
}

#[server(endpoint = "communities/invites/create")]
pub async fn create_invite(slug: String, expires_hours: String, max_uses: String) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let hours = number(&expires_hours, "expires_hours", "the hours")?;
        let uses = number(&max_uses, "max_uses", "the number of uses")?;
        super::service::create_invite(&state, me.member_id, &slug, hours, uses).await
    })
    .await
}

#[server(endpoint = "communities/invites/revoke")]
pub async fn revoke_invite(code: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::revoke_invite(&state, me.member_id, &code).await
    })
    .await
}

#[server(endpoint = "communities/invites/get", input = GetUrl)]
pub async fn get_invite(code: String) -> Result<InvitePreview, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::preview_invite(&state, me.member_id, &code).await
    })
    .await
}

#[server(endpoint = "communities/invites/accept")]
pub async fn accept_invite(code: String) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let slug = super::service::accept_invite(&state, me.member_id, &code).await?;
        leptos_axum::redirect(&format!("/c/{slug}"));
        Ok(slug)
    })
    .await
}

#[server(endpoint = "communities/members", input = GetUrl)]
pub async fn get_members(slug: String, after: Option<String>) -> Result<MemberPage, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::members(&state, me.member_id, &slug, after.as_deref()).await
    })
    .await
}

#[server(endpoint = "communities/members/kick")]
pub async fn kick_member(slug: String, username: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::kick(&state, me.member_id, &slug, &username).await
    })
    .await
}

#[server(endpoint = "communities/members/ban")]
pub async fn ban_member(slug: String, username: String, reason: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::ban(&state, me.member_id, &slug, &username, &reason).await
    })
    .await
}

#[server(endpoint = "communities/members/unban")]
pub async fn unban_member(slug: String, username: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::unban(&state, me.member_id, &slug, &username).await
    })
    .await
}

#[server(endpoint = "communities/members/timeout")]
pub async fn timeout_member(slug: String, username: String, minutes: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let minutes = number(&minutes, "minutes", "the minutes")?;
        super::service::timeout(&state, me.member_id, &slug, &username, minutes).await
    })
    .await
}

#[server(endpoint = "communities/transfer")]
pub async fn transfer_ownership(slug: String, username: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::transfer(&state, me.member_id, &slug, &username).await
    })
    .await
}

#[server(endpoint = "communities/admin", input = GetUrl)]
pub async fn get_community_admin(slug: String) -> Result<CommunityAdmin, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::admin(&state, me.member_id, &slug).await })
        .await
}

#[server(endpoint = "communities/roles/create")]
pub async fn create_role(
    slug: String,
    name: String,
    colour: String,
    perms: Option<PermFields>,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::create_role(&state, me.member_id, &slug, &name, &colour, perms.unwrap_or_default().checked())
            .await
            .map(|_| ())
    })
    .await
}

#[server(endpoint = "communities/roles/update")]
pub async fn update_role(
    role_id: String,
    name: String,
    colour: String,
    perms: Option<PermFields>,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&role_id)?;
        super::service::update_role(&state, me.member_id, id, &name, &colour, perms.unwrap_or_default().checked()).await
    })
    .await
}

#[server(endpoint = "communities/roles/delete")]
pub async fn delete_role(role_id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::delete_role(&state, me.member_id, crate::error::parse_id(&role_id)?).await
    })
    .await
}

#[server(endpoint = "communities/roles/move")]
pub async fn move_role(role_id: String, direction: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::move_role(&state, me.member_id, crate::error::parse_id(&role_id)?, direction == "up").await
    })
    .await
}

#[server(endpoint = "communities/roles/assign")]
pub async fn set_member_role(slug: String, username: String, role_id: String, on: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&role_id)?;
        super::service::set_member_role(&state, me.member_id, &slug, &username, id, on == "true").await
    })
    .await
}

#[server(endpoint = "communities/channels/create")]
pub async fn create_channel(
    slug: String,
    name: String,
    topic: String,
    slow_mode_secs: String,
    parent: Option<String>,
    category: Option<String>,
) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let slow = number(&slow_mode_secs, "slow_mode_secs", "the seconds")?;
        let parent = match parent.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(crate::error::parse_id(p).map_err(|_| AppError::invalid("parent", "Choose a category."))?),
            None => None,
        };
        let id = super::service::create_channel(
            &state,
            me.member_id,
            &slug,
            category.is_some_and(|c| c == "on" || c == "true"),
            super::service::ChannelInput { name: &name, topic: &topic, slow_mode_secs: slow, parent },
        )
        .await?;
        Ok(id.to_string())
    })
    .await
}

#[server(endpoint = "communities/channels/update")]
pub async fn update_channel(
    channel_id: String,
    name: String,
    topic: String,
    slow_mode_secs: String,
    parent: Option<String>,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let slow = number(&slow_mode_secs, "slow_mode_secs", "the seconds")?;
        let parent = match parent.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => Some(crate::error::parse_id(p).map_err(|_| AppError::invalid("parent", "Choose a category."))?),
            None => None,
        };
        super::service::update_channel(
            &state,
            me.member_id,
            crate::error::parse_id(&channel_id)?,
            super::service::ChannelInput { name: &name, topic: &topic, slow_mode_secs: slow, parent },
        )
        .await
    })
    .await
}

#[server(endpoint = "communities/channels/move")]
pub async fn move_channel(channel_id: String, direction: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::move_channel(&state, me.member_id, crate::error::parse_id(&channel_id)?, direction == "up")
            .await
    })
    .await
}

#[server(endpoint = "communities/channels/delete")]
pub async fn delete_channel(channel_id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::delete_channel(&state, me.member_id, crate::error::parse_id(&channel_id)?).await
    })
    .await
}

/// Sets a channel override: `target` is `role:<id>` or `member:<username>`; each permission
/// field is "allow", "deny" or empty (inherit). All empty removes the override.
#[server(endpoint = "communities/channels/override")]
pub async fn set_channel_override(
    channel_id: String,
    target: String,
    perms: Option<PermFields>,
) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        // A form with every box unticked (or no permission fields) sends no `perms` at all.
        let perms = perms.unwrap_or_default();
        super::service::set_override(
            &state,
            me.member_id,
            crate::error::parse_id(&channel_id)?,
            &target,
            perms.with("allow"),
            perms.with("deny"),
        )
        .await
    })
    .await
}
