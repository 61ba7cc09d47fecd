//! RSVPs and the waitlist: going never exceeds capacity, and freed seats go to whoever has
//! waited longest.

use chrono::Utc;
use uuid::Uuid;

use super::manage::organised;
use super::notices::notify_event;
use super::HOUR;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::events::model::{EventStatus, RsvpOutcome, RsvpStatus};
use crate::events::repo;
use crate::server::{rate_limit, state::AppState};

const RSVPS_PER_HOUR: u32 = 120;

/// Fills free seats from the waitlist, first come first served, telling each promoted member.
pub(super) async fn promote_waiting(
    tx: &mut sqlx::PgConnection,
    event_id: Uuid,
    title: &str,
    capacity: Option<i32>,
) -> Result<u32, AppError> {
    let mut promoted = 0;
    loop {
        if let Some(cap) = capacity {
            if repo::going_count(&mut *tx, event_id).await? >= cap as i64 {
                break;
            }
        }
        let Some(member_id) = repo::first_waitlisted(&mut *tx, event_id).await? else { break };
        repo::set_rsvp(&mut *tx, event_id, member_id, RsvpStatus::Going).await?;
        let message = format!("A place opened up: you're going to {title}");
        let link = format!("/events/{event_id}");
        notify_event(&mut *tx, member_id, None, &message, &link).await?;
        promoted += 1;
    }
    Ok(promoted)
}

/// Sets (or with `None` withdraws) the member's answer. "Going" on a full event joins the
/// waitlist. The event row is locked for the whole change, so concurrent answers are applied
/// one after another and going never exceeds capacity.
pub async fn rsvp(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    choice: Option<RsvpStatus>,
) -> Result<RsvpOutcome, AppError> {
    rate_limit::hit(&state.pool, &format!("rsvp:member:{}", me.member_id), RSVPS_PER_HOUR, HOUR).await?;
    let mut tx = state.pool.begin().await?;
    let ev = repo::lock_event(&mut tx, event_id, me.member_id).await?.ok_or(AppError::NotFound)?;
    match ev.status {
        _ if !ev.readable => return Err(AppError::NotFound),
        EventStatus::Draft => return Err(AppError::NotFound),
        EventStatus::Cancelled => return Err(AppError::Conflict("This event was cancelled.".into())),
        EventStatus::Published => {}
    }
    if ev.starts_at <= Utc::now() {
        return Err(AppError::Conflict("This event has already started; answers are closed.".into()));
    }
    let current = repo::rsvp_of(&mut *tx, event_id, me.member_id).await?;
    let was_going = current == Some(RsvpStatus::Going);
    let next = match choice {
        None => {
            repo::delete_rsvp(&mut tx, event_id, me.member_id).await?;
            None
        }
        Some(RsvpStatus::Going) | Some(RsvpStatus::Waitlisted) => {
            if matches!(current, Some(RsvpStatus::Going) | Some(RsvpStatus::Waitlisted)) {
                current
            } else {
                let full = match ev.capacity {
                    Some(cap) => repo::going_count(&mut tx, event_id).await? >= cap as i64,
                    None => false,
                };
                let status = if full { RsvpStatus::Waitlisted } else { RsvpStatus::Going };
                repo::set_rsvp(&mut tx, event_id, me.member_id, status).await?;
                Some(status)
            }
        }
        Some(other) => {
            repo::set_rsvp(&mut tx, event_id, me.member_id, other).await?;
            Some(other)
        }
    };
    if was_going && next != Some(RsvpStatus::Going) {
        promote_waiting(&mut tx, event_id, &ev.title, ev.capacity).await?;
    }
    repo::recount(&mut tx, event_id).await?;
    if next == Some(RsvpStatus::Going) && current != next {
        // Going to the same event brings connections closer.
        let points = crate::people::model::CLOSENESS_SHARED_EVENT;
        crate::people::repo::bump_shared_event(&mut *tx, me.member_id, event_id, points).await?;
    }
    if next != current {
        if let Some(status) = next.filter(|s| *s != RsvpStatus::NotGoing) {
            let verb = match status {
                RsvpStatus::Going => "is going to",
                RsvpStatus::Waitlisted => "joined the waitlist for",
                _ => "is interested in",
            };
            let message = format!("{} {verb} {}", me.display_name, ev.title);
            repo::notify_rsvp_batched(&mut tx, ev.organizer_id, me.member_id, event_id, &message, &ev.title).await?;
        }
    }
    let position = match next {
        Some(RsvpStatus::Waitlisted) => repo::waitlist_position(&mut *tx, event_id, me.member_id).await?,
        _ => None,
    };
    tx.commit().await?;
    Ok(RsvpOutcome { status: next, waitlist_position: position })
}

/// The organiser moves a waitlisted member to going. If the event is full, this adds a seat
/// (the capacity grows by one), so going never exceeds capacity.
pub async fn promote(state: &AppState, me: &CurrentMember, event_id: Uuid, username: &str) -> Result<(), AppError> {
    organised(state, me, event_id).await?;
    let member_id = repo::member_by_username(&state.pool, username.trim()).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    let ev = repo::lock_event(&mut tx, event_id, me.member_id).await?.ok_or(AppError::NotFound)?;
    if repo::rsvp_of(&mut *tx, event_id, member_id).await? != Some(RsvpStatus::Waitlisted) {
        return Err(AppError::Conflict("That member is not on the waitlist.".into()));
    }
    if let Some(cap) = ev.capacity {
        if repo::going_count(&mut tx, event_id).await? >= cap as i64 {
            repo::set_capacity(&mut tx, event_id, Some(cap + 1)).await?;
        }
    }
    repo::set_rsvp(&mut tx, event_id, member_id, RsvpStatus::Going).await?;
    repo::recount(&mut tx, event_id).await?;
    let message = format!("The organiser gave you a place: you're going to {}", ev.title);
    let link = format!("/events/{event_id}");
    notify_event(&mut tx, member_id, Some(me.member_id), &message, &link).await?;
    tx.commit().await?;
    Ok(())
}

/// Shares (or stops sharing) the member's email with the event's organisers, on their answer.
pub async fn share_email(state: &AppState, me: &CurrentMember, event_id: Uuid, share: bool) -> Result<(), AppError> {
    rate_limit::hit(&state.pool, &format!("rsvp:member:{}", me.member_id), RSVPS_PER_HOUR, HOUR).await?;
    // An event the member may no longer read (banned from its community) is not found.
    super::read::visible(state, &super::Viewer { member: Some(me.clone()), zone: None }, event_id).await?;
    if !repo::set_shares_email(&state.pool, event_id, me.member_id, share).await? {
        return Err(AppError::Conflict("Answer first: your email is shared along with your answer.".into()));
    }
    Ok(())
}
