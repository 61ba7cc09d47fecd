//! Assistant server functions: the member's own conversation only.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::{Message, Thread};
use crate::error::AppError;

/// The member's conversation with the assistant (a page of it, oldest first).
#[server(endpoint = "assistant/thread", input = GetUrl)]
pub async fn get_thread(#[server(default)] earlier: String) -> Result<Thread, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::thread(&state, &me, &earlier).await }).await
}

/// Asks the assistant; the request and its answer are kept in the conversation.
#[server(endpoint = "assistant/ask")]
pub async fn ask_assistant(#[server(default)] text: String) -> Result<Message, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::ask(&state, &me, &text, chrono::Utc::now()).await
    })
    .await
}

/// Deletes the member's whole conversation with the assistant.
#[server(endpoint = "assistant/clear")]
pub async fn clear_assistant() -> Result<u64, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::clear(&state, &me).await }).await
}
