//! Report and moderation server functions.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

use super::model::Queue;
use crate::error::AppError;

/// Reports a post or comment. `target` is `post:<id>` or `comment:<id>`.
#[server(endpoint = "moderation/report")]
pub async fn report(target: String, reason: String, details: Option<String>) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let target = super::model::Target::parse(&target)?;
        super::service::report(&state, &me, target, &reason, details.as_deref().unwrap_or("")).await
    })
    .await
}

/// A moderator's decision on reported content: `hide`, `restore` or `dismiss`.
#[server(endpoint = "moderation/decide")]
pub async fn decide(target: String, decision: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let target = super::model::Target::parse(&target)?;
        match decision.as_str() {
            "hide" => super::service::hide(&state, &me, target).await,
            "restore" => super::service::restore(&state, &me, target).await,
            "dismiss" => super::service::dismiss(&state, &me, target).await,
            _ => Err(AppError::invalid("decision", "Unknown decision.")),
        }
    })
    .await
}

#[server(endpoint = "moderation/queue", input = GetUrl)]
pub async fn get_queue() -> Result<Queue, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::queue(&state, &me).await }).await
}
