//! Practice buddies: a request (from a member's practice page or a suggestion), accepted or
//! declined; an active pair sees each other's streak and last practice, can nudge (rate-limited)
//! and counts the days both practised. Either may end it.

use std::time::Duration;

use chrono::{DateTime, Offset, TimeZone, Utc};
use uuid::Uuid;

use super::zone;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::{model::NotificationKind, repo::Note};
use crate::practice::model::{Buddies, Buddy, BuddyRequest, BuddyStatus, BuddySuggestion, BUDDY_MESSAGE_MAX};
use crate::practice::repo::{self, buddies as repo_b};
use crate::practice::rules::Streak;
use crate::server::{rate_limit, state::AppState};

pub const REQUESTS_PER_DAY: u32 = 20;
/// One nudge per buddy every 12 hours.
pub const NUDGE_EVERY: Duration = Duration::from_secs(12 * 3600);
/// Suggestions are within this many hours of the member's own time zone.
pub const NEAR_HOURS: i32 = 3;

async fn notify(conn: &mut sqlx::PgConnection, member: Uuid, actor: Uuid, message: &str) -> Result<(), AppError> {
    crate::notifications::repo::notify(
        &mut *conn,
        Note {
            member_id: member,
            kind: NotificationKind::Achievement,
            actor_id: Some(actor),
            post_id: None,
            message,
            link: "/practice/buddies",
        },
    )
    .await?;
    Ok(())
}

fn offset_hours(tz: &str, now: DateTime<Utc>) -> i32 {
    zone(tz).offset_from_utc_datetime(&now.naive_utc()).fix().local_minus_utc() / 3600
}

pub async fn list(state: &AppState, me: &CurrentMember, now: DateTime<Utc>) -> Result<Buddies, AppError> {
    let buddies = repo_b::active(&state.pool, me.member_id)
        .await?
        .into_iter()
        .map(|(buddy_id, username, display_name, current, last_day, freezes, last_practice, days, since, tz)| {
            let today = now.with_timezone(&zone(&tz)).date_naive();
            let streak =
                Streak { current, longest: current, last_day, freezes, frozen_days: Vec::new() }.now(today).current;
            Buddy { buddy_id, username, display_name, streak, last_practice, days_together: days, since }
        })
        .collect();
    let request = |(buddy_id, username, display_name, message, created_at)| BuddyRequest {
        buddy_id,
        username,
        display_name,
        message,
        created_at,
    };
    let incoming = repo_b::pending(&state.pool, me.member_id, true).await?.into_iter().map(request).collect();
    let outgoing = repo_b::pending(&state.pool, me.member_id, false).await?.into_iter().map(request).collect();
    let mine = offset_hours(&repo::member_zone(&state.pool, me.member_id).await?, now);
    let suggestions = repo_b::candidates(&state.pool, me.member_id, 30)
        .await?
        .into_iter()
        .filter(|(_, _, tz, _)| (offset_hours(tz, now) - mine).abs() <= NEAR_HOURS)
        .take(5)
        .map(|(username, display_name, time_zone, shared)| BuddySuggestion {
            username,
            display_name,
            shared,
            time_zone,
        })
        .collect();
    Ok(Buddies { buddies, incoming, outgoing, suggestions })
}

pub async fn request(state: &AppState, me: &CurrentMember, username: &str, message: &str) -> Result<(), AppError> {
    let message = message.trim();
    if message.chars().count() > BUDDY_MESSAGE_MAX {
        return Err(AppError::invalid("message", format!("A message is at most {BUDDY_MESSAGE_MAX} characters.")));
    }
    let username = username.trim().trim_start_matches('@').to_lowercase();
    let (other, _, _) = repo::member_by_username(&state.pool, &username)
        .await?
        .ok_or_else(|| AppError::invalid("username", "There is no member with that username."))?;
    if other == me.member_id {
        return Err(AppError::invalid("username", "You can't be your own practice buddy."));
    }
    if repo_b::blocked_either_way(&state.pool, me.member_id, other).await? {
        return Err(AppError::invalid("username", "You can't ask this member."));
    }
    rate_limit::hit(
        &state.pool,
        &format!("practice:buddy:{}", me.member_id),
        REQUESTS_PER_DAY,
        Duration::from_secs(86_400),
    )
    .await?;
    let mut tx = state.pool.begin().await?;
    if repo_b::insert(&mut tx, me.member_id, other, message).await?.is_none() {
        return Err(AppError::invalid("username", "You are already buddies, or a request is waiting."));
    }
    notify(&mut tx, other, me.member_id, &format!("{} would like to be your practice buddy.", me.display_name)).await?;
    tx.commit().await?;
    Ok(())
}

/// `accept` or `decline` a request made to the member; `end` a pair or withdraw one's request;
/// `nudge` an active buddy.
pub async fn act(
    state: &AppState,
    me: &CurrentMember,
    id: Uuid,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    let pair = repo_b::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let other = if pair.requester_id == me.member_id {
        pair.addressee_id
    } else if pair.addressee_id == me.member_id {
        pair.requester_id
    } else {
        return Err(AppError::NotFound);
    };
    match (action, pair.status) {
        ("accept" | "decline", BuddyStatus::Pending) if pair.addressee_id == me.member_id => {
            let accept = action == "accept";
            repo_b::set_status(&mut tx, id, if accept { BuddyStatus::Active } else { BuddyStatus::Declined }, now)
                .await?;
            if accept {
                notify(&mut tx, other, me.member_id, &format!("{} is now your practice buddy.", me.display_name))
                    .await?;
            }
        }
        ("accept" | "decline", BuddyStatus::Pending) => {
            return Err(AppError::invalid("buddy", "Only the member you asked can answer your request."));
        }
        ("end", BuddyStatus::Pending | BuddyStatus::Active) => {
            repo_b::set_status(&mut tx, id, BuddyStatus::Ended, now).await?;
        }
        ("nudge", BuddyStatus::Active) => {
            // Counted only for a nudge that can be sent.
            rate_limit::hit(&state.pool, &format!("practice:nudge:{}:{id}", me.member_id), 1, NUDGE_EVERY)
                .await
                .map_err(|e| match e {
                    AppError::RateLimited { .. } => AppError::invalid("buddy", "You nudged them already today."),
                    other => other,
                })?;
            notify(
                &mut tx,
                other,
                me.member_id,
                &format!("{} nudges you: time to practise together?", me.display_name),
            )
            .await?;
        }
        ("accept" | "decline" | "end" | "nudge", _) => {
            return Err(AppError::invalid("buddy", "That request has been answered already."));
        }
        _ => return Err(AppError::invalid("action", "Unknown action.")),
    }
    tx.commit().await?;
    Ok(())
}
