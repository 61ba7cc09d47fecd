//! Chat server functions. Each checks the member's access to the exact channel or conversation
//! (see `service::access`): a channel they cannot see answers 403.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

use super::model::*;
use crate::error::AppError;

#[cfg(feature = "ssr")]
fn optional_id(raw: Option<&str>, field: &str) -> Result<Option<uuid::Uuid>, AppError> {
    match raw.map(str::trim).filter(|r| !r.is_empty()) {
        Some(r) => uuid::Uuid::parse_str(r)
            .map(Some)
            .map_err(|_| AppError::invalid(field, "The message you replied to is no longer here.")),
        None => Ok(None),
    }
}

#[server(endpoint = "chat/channel", input = GetUrl)]
pub async fn get_channel(id: String) -> Result<ChannelView, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::channel_view(&state, me.member_id, crate::error::parse_id(&id)?, None).await
    })
    .await
}

#[server(endpoint = "chat/history", input = GetUrl)]
pub async fn get_history(id: String, before: i64) -> Result<MessagePage, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::history(&state, me.member_id, crate::error::parse_id(&id)?, before).await
    })
    .await
}

/// Sends a text message (the composer with JavaScript, and the benchmark).
#[server(endpoint = "chat/send")]
pub async fn send_message(channel: String, body: String, reply_to: Option<String>) -> Result<MessageView, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let draft =
            super::service::Draft { body: &body, reply_to: optional_id(reply_to.as_deref(), "reply_to")?, image: None };
        super::service::send(&state, &me, crate::error::parse_id(&channel)?, draft).await
    })
    .await
}

/// The composer as a multipart form: text plus an optional image (`image`, `image_alt`). Works
/// without JavaScript (it then returns to the channel).
#[server(endpoint = "chat/send-form", input = MultipartFormData)]
pub async fn send_message_form(data: MultipartData) -> Result<MessageView, AppError> {
    use crate::media::upload::UploadForm;
    crate::auth::guard::as_member(|state, me| async move {
        let form = UploadForm::read(data, "image").await?;
        let channel = crate::error::parse_id(form.text("channel"))?;
        let image =
            form.file.clone().map(|bytes| crate::media::ImageInput { bytes, alt: form.text("image_alt").to_string() });
        let draft = super::service::Draft {
            body: form.text("body"),
            reply_to: optional_id(Some(form.text("reply_to")), "reply_to")?,
            image,
        };
        let m = super::service::send(&state, &me, channel, draft).await?;
        if crate::server::request::is_plain_form_post() {
            leptos_axum::redirect(&format!("/chat/{channel}#m{}", m.seq));
        }
        Ok(m)
    })
    .await
}

#[server(endpoint = "chat/edit")]
pub async fn edit_message(id: String, body: String) -> Result<MessageView, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::edit(&state, &me, crate::error::parse_id(&id)?, &body).await
    })
    .await
}

#[server(endpoint = "chat/delete")]
pub async fn delete_message(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::delete(&state, me.member_id, crate::error::parse_id(&id)?).await
    })
    .await
}

/// Adds (`on` = "true") or removes a reaction.
#[server(endpoint = "chat/react")]
pub async fn react(id: String, emoji: String, on: String) -> Result<MessageView, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::react(&state, me.member_id, crate::error::parse_id(&id)?, &emoji, on == "true").await
    })
    .await
}

#[server(endpoint = "chat/read")]
pub async fn mark_read(channel: String, seq: i64) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::mark_read(&state, me.member_id, crate::error::parse_id(&channel)?, seq).await
    })
    .await
}

#[server(endpoint = "chat/search", input = GetUrl)]
pub async fn search_channel(channel: String, q: String) -> Result<Vec<MessageView>, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::search(&state, me.member_id, crate::error::parse_id(&channel)?, &q).await
    })
    .await
}

#[server(endpoint = "chat/overview", input = GetUrl)]
pub async fn get_chat_overview() -> Result<ChatOverview, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::overview(&state, me.member_id).await }).await
}

/// Opens (or finds) a conversation with the named members and goes there.
#[server(endpoint = "chat/open")]
pub async fn open_conversation(usernames: String) -> Result<String, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = super::service::open_conversation(&state, me.member_id, &usernames).await?;
        leptos_axum::redirect(&format!("/chat/{id}"));
        Ok(id.to_string())
    })
    .await
}

/// Leaves a group conversation and goes back to the conversation list.
#[server(endpoint = "chat/leave")]
pub async fn leave_conversation(channel: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&channel)?;
        super::service::leave_conversation(&state, me.member_id, id).await?;
        leptos_axum::redirect("/chat");
        Ok(())
    })
    .await
}

/// The flagged messages of a community its moderators review (see `service::flagged_in`).
#[server(endpoint = "chat/flagged", input = GetUrl)]
pub async fn get_flagged(slug: String) -> Result<Vec<crate::communities::model::FlaggedMessage>, AppError> {
    crate::auth::guard::as_member(
        |state, me| async move { super::service::flagged_in(&state, me.member_id, &slug).await },
    )
    .await
}

/// Keeps or removes a flagged message (needs "manage messages" in its channel).
#[server(endpoint = "communities/flagged/resolve")]
pub async fn resolve_flagged(message_id: String, decision: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::error::parse_id(&message_id)?;
        super::service::resolve_flag(&state, me.member_id, id, decision == "remove").await
    })
    .await
}
