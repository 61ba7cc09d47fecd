//! Creating, editing and cancelling events, "this one" or "this and following" dates of a
//! series, who runs an event, and its co-organisers.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::form::validate;
use super::notices::{notify_event, tell_attendees};
use super::rsvp::promote_waiting;
use super::HOUR;
use crate::auth::model::CurrentMember;
use crate::communities::model::CommunityTag;
use crate::error::AppError;
use crate::events::model::{EventEditor, EventForm, EventStatus, EventType, TechniqueChoice};
use crate::events::recurrence;
use crate::events::repo::{self, EventFields, EventRow};
use crate::events::when;
use crate::server::{rate_limit, state::AppState};

const EVENTS_PER_HOUR: u32 = 20;

pub async fn create_event(state: &AppState, me: &CurrentMember, form: &EventForm) -> Result<Uuid, AppError> {
    let mut v = validate(form, true, Utc::now())?;
    v.fields.community_id = event_community(state, me, &form.community, None).await?;
    v.fields.technique_id = event_technique(state, form, v.fields.event_type).await?;
    rate_limit::hit(&state.pool, &format!("event:member:{}", me.member_id), EVENTS_PER_HOUR, HOUR).await?;
    let mut tx = state.pool.begin().await?;
    let first = match &v.recurrence {
        None => {
            let (s, e) = (recurrence::local_to_utc(v.tz, v.start), recurrence::local_to_utc(v.tz, v.end));
            repo::insert_event(&mut *tx, me.member_id, None, &v.fields, s, e).await?
        }
        Some(rec) => {
            let series = repo::insert_series(&mut *tx, me.member_id, rec, v.tz.name()).await?;
            let mut first = None;
            for (s, e) in recurrence::expand(v.tz, v.start, v.end, rec) {
                let id = repo::insert_event(&mut *tx, me.member_id, Some(series), &v.fields, s, e).await?;
                first.get_or_insert(id);
            }
            first.ok_or(AppError::Internal)?
        }
    };
    tx.commit().await?;
    Ok(first)
}

/// The event, if the member runs it (404 if it does not exist, 403 if not theirs).
pub(super) async fn organised(state: &AppState, me: &CurrentMember, event_id: Uuid) -> Result<EventRow, AppError> {
    let row = repo::event(&state.pool, event_id).await?.ok_or(AppError::NotFound)?;
    if !manages(state, me.member_id, &row).await? {
        return Err(if row.status == EventStatus::Draft { AppError::NotFound } else { AppError::Forbidden });
    }
    Ok(row)
}

/// "This one" or "this and following" occurrences, earliest first.
async fn dates_in_scope(
    state: &AppState,
    row: &EventRow,
    scope: &str,
) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>, EventStatus)>, AppError> {
    match (scope.trim(), row.series_id) {
        ("following", Some(series)) => Ok(repo::series_from(&state.pool, series, row.starts_at).await?),
        ("following" | "one" | "", _) => Ok(vec![(row.event_id, row.starts_at, row.ends_at, row.status)]),
        _ => Err(AppError::invalid("scope", "Choose which dates to change.")),
    }
}

/// The dates in scope — each of which `me` must
/// run: a co-organiser of some dates, or someone whose community right covers only some, may
/// not reach the others through "this and following".
async fn scope_targets(
    state: &AppState,
    me: Uuid,
    row: &EventRow,
    scope: &str,
) -> Result<Vec<(Uuid, DateTime<Utc>, DateTime<Utc>, EventStatus)>, AppError> {
    let targets = dates_in_scope(state, row, scope).await?;
    let ids: Vec<Uuid> = targets.iter().map(|t| t.0).collect();
    let mut checked: Vec<(Uuid, bool)> = Vec::new();
    for (_, community) in repo::not_organised_among(&state.pool, &ids, me).await? {
        let allowed = match community {
            Some(c) => match checked.iter().find(|(id, _)| *id == c) {
                Some((_, ok)) => *ok,
                None => {
                    let ok = crate::communities::service::holds(state, me, c, crate::communities::perms::MANAGE_EVENTS)
                        .await?;
                    checked.push((c, ok));
                    ok
                }
            },
            None => false,
        };
        if !allowed {
            return Err(AppError::invalid(
                "scope",
                "You don't run every date from this one on. Change this date only, or ask the organiser.",
            ));
        }
    }
    Ok(targets)
}

pub async fn editor(state: &AppState, me: &CurrentMember, event_id: Uuid) -> Result<EventEditor, AppError> {
    let row = organised(state, me, event_id).await?;
    let tz = when::parse_zone(&row.time_zone).unwrap_or(Tz::UTC);
    let form = EventForm {
        title: row.title.clone(),
        description: row.description.clone(),
        event_type: row.event_type.key().into(),
        starts_local: when::local_input(row.starts_at, tz),
        ends_local: when::local_input(row.ends_at, tz),
        time_zone: row.time_zone.clone(),
        mode: if row.is_online { "online" } else { "in_person" }.into(),
        venue: row.venue.clone(),
        address: row.address.clone(),
        city: row.city.clone(),
        country: row.country.clone(),
        latitude: row.latitude.map(|v| v.to_string()).unwrap_or_default(),
        longitude: row.longitude.map(|v| v.to_string()).unwrap_or_default(),
        meeting_url: row.meeting_url.clone(),
        price_text: row.price_text.clone(),
        currency: row.currency.clone(),
        ticket_url: row.ticket_url.clone(),
        capacity: row.capacity.map(|c| c.to_string()).unwrap_or_default(),
        tags: row.tags.join(", "),
        status: if row.status == EventStatus::Draft { "draft" } else { "published" }.into(),
        community: row.community_slug.clone().unwrap_or_default(),
        technique: row.technique_slug.clone().unwrap_or_default(),
        scope: "one".into(),
        ..Default::default()
    };
    Ok(EventEditor {
        event_id,
        form,
        recurring: row.series_id.is_some(),
        status: row.status,
        co_organizers: repo::co_organizers(&state.pool, event_id).await?,
        is_owner: row.organizer_id == me.member_id,
        communities: with_current(
            event_communities(state, me).await?,
            community_tag(&row.community_slug, &row.community_name),
        ),
        techniques: technique_choices(state).await?,
    })
}

/// The practice library's techniques an event may name.
pub async fn technique_choices(state: &AppState) -> Result<Vec<TechniqueChoice>, AppError> {
    Ok(repo::technique_choices(&state.pool).await?)
}

/// The technique a practising event names: one of the library's active techniques, and only
/// for group practice, classes, workshops and mentor sessions.
async fn event_technique(state: &AppState, form: &EventForm, kind: EventType) -> Result<Option<Uuid>, AppError> {
    let slug = form.technique.trim();
    if slug.is_empty() {
        return Ok(None);
    }
    if !kind.practises() {
        return Err(AppError::invalid(
            "technique",
            "Only group practice, classes, workshops and mentor sessions name a technique.",
        ));
    }
    repo::technique_by_slug(&state.pool, slug)
        .await?
        .map(Some)
        .ok_or_else(|| AppError::invalid("technique", "Choose a technique from the practice library."))
}

pub(super) fn community_tag(slug: &Option<String>, name: &Option<String>) -> Option<CommunityTag> {
    Some(CommunityTag { slug: slug.clone()?, name: name.clone()? })
}

fn with_current(mut list: Vec<CommunityTag>, current: Option<CommunityTag>) -> Vec<CommunityTag> {
    if let Some(c) = current.filter(|c| !list.contains(c)) {
        list.insert(0, c);
    }
    list
}

/// The communities where `me` may add events (manage-events there), by name.
pub async fn event_communities(state: &AppState, me: &CurrentMember) -> Result<Vec<CommunityTag>, AppError> {
    let rows =
        crate::communities::repo::communities_with(&state.pool, me.member_id, crate::communities::perms::MANAGE_EVENTS)
            .await?;
    Ok(rows.into_iter().map(|c| CommunityTag { slug: c.slug, name: c.name }).collect())
}

pub async fn update_event(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    form: &EventForm,
) -> Result<(), AppError> {
    let row = organised(state, me, event_id).await?;
    let mut v = validate(form, false, Utc::now())?;
    v.fields.community_id = event_community(state, me, &form.community, row.community_id).await?;
    v.fields.technique_id = event_technique(state, form, v.fields.event_type).await?;
    rate_limit::hit(&state.pool, &format!("event:member:{}", me.member_id), EVENTS_PER_HOUR * 3, HOUR).await?;
    let old_tz = when::parse_zone(&row.time_zone).unwrap_or(Tz::UTC);
    let old_local = row.starts_at.with_timezone(&old_tz).naive_local();
    let shift = v.start - old_local;
    let length = v.end - v.start;
    let targets = scope_targets(state, me.member_id, &row, &form.scope).await?;
    let place_changed = row.venue != v.fields.venue
        || row.address != v.fields.address
        || row.city != v.fields.city
        || row.is_online != v.fields.is_online
        || row.meeting_url != v.fields.meeting_url;

    let mut tx = state.pool.begin().await?;
    for (id, starts_at, _, status) in targets {
        let locked = repo::lock_event(&mut tx, id, me.member_id).await?.ok_or(AppError::NotFound)?;
        let local = starts_at.with_timezone(&old_tz).naive_local() + shift;
        let (s, e) = (recurrence::local_to_utc(v.tz, local), recurrence::local_to_utc(v.tz, local + length));
        let going = repo::going_count(&mut tx, id).await?;
        if let Some(cap) = v.fields.capacity {
            if (cap as i64) < going {
                return Err(AppError::invalid(
                    "capacity",
                    format!("{going} people are already going; the capacity can't be lower than that."),
                ));
            }
        }
        let mut fields = clone_fields(&v.fields);
        if status == EventStatus::Cancelled {
            fields.status = EventStatus::Cancelled;
        } else if status == EventStatus::Published && fields.status == EventStatus::Draft && going > 0 {
            return Err(AppError::invalid("status", "People have answered already; cancel the event instead."));
        }
        repo::update_event(&mut *tx, id, &fields, s, e, false).await?;
        // More seats (or no limit) now: the waitlist moves up.
        promote_waiting(&mut tx, id, &locked.title, v.fields.capacity).await?;
        repo::recount(&mut tx, id).await?;
        if status == EventStatus::Published && (s != starts_at || place_changed) {
            let tz = v.tz;
            let mut message = format!("{} has changed: now {}", fields.title, when::range(s, e, tz));
            if !fields.is_online && !fields.venue.is_empty() {
                message.push_str(&format!(" at {}", fields.venue));
            } else if fields.is_online {
                message.push_str(" (online)");
            }
            tell_attendees(&mut tx, id, &message).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

fn clone_fields(f: &EventFields) -> EventFields {
    EventFields {
        title: f.title.clone(),
        description: f.description.clone(),
        description_html: f.description_html.clone(),
        event_type: f.event_type,
        status: f.status,
        time_zone: f.time_zone.clone(),
        is_online: f.is_online,
        venue: f.venue.clone(),
        address: f.address.clone(),
        city: f.city.clone(),
        country: f.country.clone(),
        latitude: f.latitude,
        longitude: f.longitude,
        meeting_url: f.meeting_url.clone(),
        price_text: f.price_text.clone(),
        currency: f.currency.clone(),
        ticket_url: f.ticket_url.clone(),
        capacity: f.capacity,
        tags: f.tags.clone(),
        community_id: f.community_id,
        technique_id: f.technique_id,
    }
}

/// The community an event is for, from the form's `community` (a slug, or empty for none).
/// Only members holding manage-events there may put an event in a community; an event that
/// already belongs to `current` keeps it without that check (a co-organiser may edit it).
async fn event_community(
    state: &AppState,
    me: &CurrentMember,
    raw: &str,
    current: Option<Uuid>,
) -> Result<Option<Uuid>, AppError> {
    use crate::communities::{perms, repo as communities};
    let slug = raw.trim();
    if slug.is_empty() {
        return Ok(None);
    }
    let refuse = |m: &str| AppError::invalid("community", m);
    let community =
        communities::by_slug(&state.pool, slug).await?.ok_or_else(|| refuse("That community does not exist."))?;
    if current == Some(community.community_id) {
        return Ok(current);
    }
    let standing = communities::standing(&state.pool, &community, me.member_id).await?.ok_or(AppError::Internal)?;
    if !standing.is_member || !perms::has(standing.standing.base(), perms::MANAGE_EVENTS) {
        return Err(refuse("You need the manage events permission in that community to add events to it."));
    }
    Ok(Some(community.community_id))
}

/// Whether `me` may run this event: its organiser or a co-organiser, or a member of its
/// community holding manage-events there.
pub(super) async fn manages(state: &AppState, me: Uuid, row: &EventRow) -> Result<bool, AppError> {
    if repo::is_organizer(&state.pool, row.event_id, me).await? {
        return Ok(true);
    }
    Ok(match row.community_id {
        Some(c) => crate::communities::service::holds(state, me, c, crate::communities::perms::MANAGE_EVENTS).await?,
        None => false,
    })
}

pub async fn cancel_event(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    scope: &str,
) -> Result<usize, AppError> {
    let row = organised(state, me, event_id).await?;
    let targets = scope_targets(state, me.member_id, &row, scope).await?;
    let ids: Vec<Uuid> = targets.iter().map(|t| t.0).collect();
    let tz = when::parse_zone(&row.time_zone).unwrap_or(Tz::UTC);
    let mut tx = state.pool.begin().await?;
    let changed = repo::cancel(&mut *tx, &ids).await?;
    for (id, starts_at, ends_at, _) in targets.iter().filter(|t| changed.contains(&t.0)) {
        let message = format!("Cancelled: {} on {}", row.title, when::range(*starts_at, *ends_at, tz));
        tell_attendees(&mut tx, *id, &message).await?;
    }
    tx.commit().await?;
    Ok(changed.len())
}

// ---------------------------------------------------------------------------------------------
// Co-organisers (managed by the event's organiser; applied to the following dates of a series).

pub async fn add_co_organizer(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    username: &str,
) -> Result<(), AppError> {
    let row = organised(state, me, event_id).await?;
    if row.organizer_id != me.member_id {
        return Err(AppError::Forbidden);
    }
    let username = username.trim().trim_start_matches('@');
    let member_id = repo::member_by_username(&state.pool, username)
        .await?
        .ok_or_else(|| AppError::invalid("username", "There is no member with that username."))?;
    if member_id == me.member_id {
        return Err(AppError::invalid("username", "You already organise this event."));
    }
    if crate::people::repo::blocked_between(&state.pool, me.member_id, member_id).await? {
        return Err(AppError::invalid("username", "You can't add this member."));
    }
    let ids: Vec<Uuid> =
        scope_targets(state, me.member_id, &row, "following").await?.into_iter().map(|t| t.0).collect();
    let mut tx = state.pool.begin().await?;
    repo::add_co_organizer(&mut *tx, &ids, member_id).await?;
    let message = format!("{} made you a co-organiser of {}", me.display_name, row.title);
    let link = format!("/events/{event_id}");
    notify_event(&mut tx, member_id, Some(me.member_id), &message, &link).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn remove_co_organizer(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    username: &str,
) -> Result<(), AppError> {
    let row = organised(state, me, event_id).await?;
    let member_id = repo::member_by_username(&state.pool, username.trim()).await?.ok_or(AppError::NotFound)?;
    // The organiser removes anyone; a co-organiser may step down themselves.
    if row.organizer_id != me.member_id && member_id != me.member_id {
        return Err(AppError::Forbidden);
    }
    let ids: Vec<Uuid> = dates_in_scope(state, &row, "following").await?.into_iter().map(|t| t.0).collect();
    repo::remove_co_organizer(&state.pool, &ids, member_id).await?;
    Ok(())
}
