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
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::channel_view(&state, me.member_id, super::service::parse_id(&id)?, None).await
        }
        .await,
    )
}

#[server(endpoint = "chat/history", input = GetUrl)]
pub async fn get_history(id: String, before: i64) -> Result<MessagePage, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::history(&state, me.member_id, super::service::parse_id(&id)?, before).await
        }
        .await,
    )
}

/// Sends a text message (the composer with JavaScript, and the benchmark).
#[server(endpoint = "chat/send")]
pub async fn send_message(channel: String, body: String, reply_to: Option<String>) -> Result<MessageView, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let draft = super::service::Draft {
                body: &body,
                reply_to: optional_id(reply_to.as_deref(), "reply_to")?,
                image: None,
            };
            super::service::send(&state, &me, super::service::parse_id(&channel)?, draft).await
        }
        .await,
    )
}

/// The composer as a multipart form: text plus an optional image (`image`, `image_alt`). Works
/// without JavaScript (it then returns to the channel).
#[server(endpoint = "chat/send-form", input = MultipartFormData)]
pub async fn send_message_form(data: MultipartData) -> Result<MessageView, AppError> {
    use crate::media::upload::UploadForm;
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let form = UploadForm::read(data, "image").await?;
            let channel = super::service::parse_id(form.text("channel"))?;
            let image = form
                .file
                .clone()
                .map(|bytes| crate::feed::service::ImageInput { bytes, alt: form.text("image_alt").to_string() });
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
        }
        .await,
    )
}

#[server(endpoint = "chat/edit")]
pub async fn edit_message(id: String, body: String) -> Result<MessageView, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::edit(&state, &me, super::service::parse_id(&id)?, &body).await
        }
        .await,
    )
}

#[server(endpoint = "chat/delete")]
pub async fn delete_message(id: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::delete(&state, me.member_id, super::service::parse_id(&id)?).await
        }
        .await,
    )
}

/// Adds (`on` = "true") or removes a reaction.
#[server(endpoint = "chat/react")]
pub async fn react(id: String, emoji: String, on: String) -> Result<MessageView, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::react(&state, me.member_id, super::service::parse_id(&id)?, &emoji, on == "true").await
        }
        .await,
    )
}

#[server(endpoint = "chat/read")]
pub async fn mark_read(channel: String, seq: i64) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::mark_read(&state, me.member_id, super::service::parse_id(&channel)?, seq).await
        }
        .await,
    )
}

#[server(endpoint = "chat/search", input = GetUrl)]
pub async fn search_channel(channel: String, q: String) -> Result<Vec<MessageView>, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::search(&state, me.member_id, super::service::parse_id(&channel)?, &q).await
        }
        .await,
    )
}

#[server(endpoint = "chat/overview", input = GetUrl)]
pub async fn get_chat_overview() -> Result<ChatOverview, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::overview(&state, me.member_id).await
        }
        .await,
    )
}

/// Opens (or finds) a conversation with the named members and goes there.
#[server(endpoint = "chat/open")]
pub async fn open_conversation(usernames: String) -> Result<String, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let id = super::service::open_conversation(&state, me.member_id, &usernames).await?;
            leptos_axum::redirect(&format!("/chat/{id}"));
            Ok(id.to_string())
        }
        .await,
    )
}

/// Leaves a group conversation and goes back to the conversation list.
#[server(endpoint = "chat/leave")]
pub async fn leave_conversation(channel: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let id = super::service::parse_id(&channel)?;
            super::service::leave_conversation(&state, me.member_id, id).await?;
            leptos_axum::redirect("/chat");
            Ok(())
        }
        .await,
    )
}
