//! The assistant's rules. `intent` understands a request (English or Spanish) with no model;
//! `when` reads the dates in it relative to the member's local today; `answer` answers it from
//! Kindred's data through the other domains' services, as the member; `help` is the corpus of
//! how-to answers. Here: asking (request and answer stored together), the conversation, and
//! deleting it.

pub mod answer;
pub mod help;
pub mod intent;
pub mod when;

#[cfg(test)]
mod intent_table;

use std::time::Duration;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use crate::assistant::model::{Message, Thread, ASK_MAX};
use crate::assistant::repo::{self, MessageRow};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::paging::{decode_cursor, encode_cursor};
use crate::server::{rate_limit, state::AppState};

/// Requests per member per hour.
pub const ASKS_PER_HOUR: u32 = 60;
/// Messages shown per page of the conversation.
const PAGE: i64 = 30;

fn message(r: MessageRow, tz: Tz) -> Message {
    Message {
        message_id: r.message_id,
        from_member: r.from_member,
        body: r.body,
        cards: r.cards.0,
        at: r.created_at.with_timezone(&tz).format("%e %b, %H:%M").to_string().trim().to_string(),
    }
}

async fn zone(state: &AppState, me: &CurrentMember) -> Result<Tz, AppError> {
    Ok(crate::events::service::viewer(state, Some(me.clone())).await?.zone.unwrap_or(Tz::UTC))
}

/// Answers a request and keeps both in the member's conversation; returns the answer.
pub async fn ask(state: &AppState, me: &CurrentMember, text: &str, now: DateTime<Utc>) -> Result<Message, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid("text", "Ask something, for example \"milongas this weekend\"."));
    }
    if text.chars().count() > ASK_MAX {
        return Err(AppError::invalid("text", format!("Keep it to {ASK_MAX} characters.")));
    }
    rate_limit::hit(&state.pool, &format!("assistant:{}", me.member_id), ASKS_PER_HOUR, Duration::from_secs(3600))
        .await?;
    let tz = zone(state, me).await?;
    let vocab = intent::Vocabulary {
        cities: repo::known_cities(&state.pool).await?,
        categories: crate::practice::repo::categories(&state.pool)
            .await?
            .into_iter()
            .map(|c| (c.slug, c.name))
            .collect(),
    };
    let understood = intent::understand(text, now.with_timezone(&tz).date_naive(), &vocab);
    let norm = intent::normalise(text);
    let words: Vec<&str> = norm.split_whitespace().collect();
    let a = answer::answer(state, me, &understood, &words).await?;
    let mut tx = state.pool.begin().await?;
    repo::insert_message(&mut tx, me.member_id, true, text, &[], None).await?;
    let row = repo::insert_message(
        &mut tx,
        me.member_id,
        false,
        &a.body,
        &a.cards,
        Some(&format!("{:?}", understood.intent)),
    )
    .await?;
    tx.commit().await?;
    Ok(message(row, tz))
}

/// The member's conversation: the latest page, or the one before `earlier`, oldest first.
pub async fn thread(state: &AppState, me: &CurrentMember, earlier: &str) -> Result<Thread, AppError> {
    let before = match earlier.trim() {
        "" => None,
        raw => Some(decode_cursor(raw).ok_or_else(|| AppError::invalid("earlier", "That link is not valid."))?),
    };
    let tz = zone(state, me).await?;
    let mut rows = repo::history(&state.pool, me.member_id, before, PAGE + 1).await?;
    let earlier = if rows.len() as i64 > PAGE {
        rows.truncate(PAGE as usize);
        rows.last().map(|r| encode_cursor(r.created_at, r.message_id))
    } else {
        None
    };
    rows.reverse();
    Ok(Thread { messages: rows.into_iter().map(|r| message(r, tz)).collect(), earlier })
}

/// Deletes the member's whole conversation; returns how many messages went.
pub async fn clear(state: &AppState, me: &CurrentMember) -> Result<u64, AppError> {
    Ok(repo::delete_all(&state.pool, me.member_id).await?)
}
