//! Spirit guide and oracle server functions. Readings are private: every query is scoped to the
//! signed-in member, so another member's reading id is simply not found.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

use super::model::{CardInfo, Guide, JournalStats, Questionnaire, QuestionnaireForm, Reading, ReadingPage};
use crate::error::AppError;

pub const HISTORY_PAGE: i64 = 12;

#[server(endpoint = "oracle/guide", input = GetUrl)]
pub async fn get_guide() -> Result<Option<Guide>, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::guide(&state, me.member_id).await }).await
}

#[server(endpoint = "oracle/questionnaire", input = GetUrl)]
pub async fn get_questionnaire() -> Result<Option<Questionnaire>, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::questionnaire(&state, me.member_id).await })
        .await
}

#[server(endpoint = "oracle/questionnaire/answer")]
pub async fn answer_questionnaire(answers: QuestionnaireForm) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::take_questionnaire(&state, &me, answers).await?;
        leptos_axum::redirect("/oracle/guide");
        Ok(())
    })
    .await
}

#[server(endpoint = "oracle/today", input = GetUrl)]
pub async fn get_today() -> Result<Option<Reading>, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::todays_reading(&state, me.member_id).await })
        .await
}

#[server(endpoint = "oracle/today/draw")]
pub async fn draw_today() -> Result<Reading, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::draw_today(&state, &me).await }).await
}

#[server(endpoint = "oracle/spread")]
pub async fn draw_spread(question: String) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = super::service::draw_spread(&state, &me, &question).await?;
        leptos_axum::redirect(&format!("/oracle/readings/{id}"));
        Ok(id)
    })
    .await
}

#[server(endpoint = "oracle/reading", input = GetUrl)]
pub async fn get_reading(id: String) -> Result<Reading, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::reading(&state, me.member_id, crate::error::parse_id(&id)?).await
    })
    .await
}

#[server(endpoint = "oracle/reading/delete")]
pub async fn delete_reading(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        if !super::repo::delete_reading(&state.pool, me.member_id, crate::error::parse_id(&id)?).await? {
            return Err(AppError::NotFound);
        }
        leptos_axum::redirect("/oracle/readings");
        Ok(())
    })
    .await
}

#[server(endpoint = "oracle/readings", input = GetUrl)]
pub async fn list_readings(after: Option<String>) -> Result<ReadingPage, AppError> {
    use crate::paging::{decode_cursor, encode_cursor};
    crate::auth::guard::as_member(|state, me| async move {
        let cursor = match after.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?),
            None => None,
        };
        let mut readings = super::service::history(&state, me.member_id, cursor, HISTORY_PAGE + 1).await?;
        let next = if readings.len() as i64 > HISTORY_PAGE {
            readings.truncate(HISTORY_PAGE as usize);
            readings.last().map(|r| encode_cursor(r.created_at, r.reading_id))
        } else {
            None
        };
        Ok(ReadingPage { readings, next })
    })
    .await
}

#[server(endpoint = "oracle/journal", input = GetUrl)]
pub async fn get_journal(days: i32) -> Result<JournalStats, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        if days != 30 && days != 90 {
            return Err(AppError::invalid("days", "Choose 30 or 90 days."));
        }
        super::service::journal(&state, me.member_id, days).await
    })
    .await
}

#[server(endpoint = "oracle/cards", input = GetUrl)]
pub async fn list_cards() -> Result<Vec<CardInfo>, AppError> {
    Ok(super::deck::DECK.iter().map(super::service::card_info).collect())
}

#[server(endpoint = "oracle/card", input = GetUrl)]
pub async fn get_card(slug: String) -> Result<CardInfo, AppError> {
    use crate::server::request::respond;
    respond(super::deck::by_slug(slug.trim()).map(super::service::card_info).ok_or(AppError::NotFound))
}
