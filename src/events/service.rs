//! Event rules: validation, recurrence, who may do what, RSVPs with a waitlist that never lets
//! "going" exceed capacity, notifications, lists and calendar exports.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use rand::RngCore;
use uuid::Uuid;

use super::model::*;
use super::recurrence::{self, End, Recurrence, Rule};
use super::repo::{self, CardRow, EventFields, EventRow, ListQuery};
use super::{ics, when};
use crate::auth::model::CurrentMember;
use crate::communities::model::CommunityTag;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{notify, Note};
use crate::server::{rate_limit, state::AppState};

const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);
const EVENTS_PER_HOUR: u32 = 20;
const RSVPS_PER_HOUR: u32 = 120;
const COMMENTS_PER_HOUR: u32 = 60;
const MAX_RADIUS_KM: f64 = 500.0;
const DEFAULT_RADIUS_KM: f64 = 25.0;

/// Who is looking, and in which zone they read times (`None`: each event in its own zone).
pub struct Viewer {
    pub member: Option<CurrentMember>,
    pub zone: Option<Tz>,
}

impl Viewer {
    pub fn id(&self) -> Option<Uuid> {
        self.member.as_ref().map(|m| m.member_id)
    }

    fn zone_for(&self, event_zone: &str) -> Tz {
        self.zone.or_else(|| when::parse_zone(event_zone)).unwrap_or(Tz::UTC)
    }

    fn zone_name(&self) -> String {
        self.zone.map(|z| z.name().to_string()).unwrap_or_else(|| "each event's own time zone".into())
    }
}

/// The viewer of the current request: the signed-in member (if any) and their zone, from the
/// profile or, while that is the default UTC, from the browser's `kindred_tz` cookie.
pub async fn viewer(state: &AppState) -> Result<Viewer, AppError> {
    use crate::server::request::{cookie, current_member, session};
    let member = current_member(state, &session()?).await?;
    let browser = cookie(when::ZONE_COOKIE).map(|c| c.replace("%2F", "/").replace("%2f", "/"));
    let profile = match &member {
        Some(m) => repo::member_zones(&state.pool, &[m.member_id]).await?.pop().map(|(_, z)| z),
        None => None,
    };
    Ok(Viewer { member, zone: when::viewer_zone(profile.as_deref(), browser.as_deref()) })
}

pub fn parse_id(raw: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(raw.trim()).map_err(|_| AppError::NotFound)
}

// ---------------------------------------------------------------------------------------------
// Validation.

pub struct Validated {
    pub fields: EventFields,
    pub tz: Tz,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub recurrence: Option<Recurrence>,
}

fn web_url(field: &str, raw: &str, what: &str) -> Result<String, AppError> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 500
        && url.len() > "https://x".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if !ok {
        return Err(AppError::invalid(field, format!("Enter the full {what} link, starting with https://.")));
    }
    Ok(url.to_string())
}

fn coordinate(field: &str, raw: &str, max: f64) -> Result<Option<f64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= max => Ok(Some(v)),
        _ => Err(AppError::invalid(field, format!("Enter a number between -{max} and {max}."))),
    }
}

pub fn parse_tags(raw: &str) -> Result<Vec<String>, AppError> {
    let mut tags: Vec<String> = Vec::new();
    for t in raw.split([',', ' ']).map(|t| t.trim().trim_start_matches('#').to_lowercase()) {
        if t.is_empty() || tags.contains(&t) {
            continue;
        }
        if t.chars().count() > 30 || !t.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return Err(AppError::invalid(
                "tags",
                format!("“{t}” is not a tag: use letters, digits, - and _ (up to 30)."),
            ));
        }
        tags.push(t);
    }
    if tags.len() > 10 {
        return Err(AppError::invalid("tags", "Up to 10 tags."));
    }
    Ok(tags)
}

fn text_field(field: &str, raw: &str, max: usize, label: &str) -> Result<String, AppError> {
    let v = raw.trim();
    if v.chars().count() > max {
        return Err(AppError::invalid(field, format!("{label} can be up to {max} characters.")));
    }
    Ok(v.to_string())
}

/// Checks the whole form; the first problem is reported next to its field.
pub fn validate(form: &EventForm, creating: bool, now: DateTime<Utc>) -> Result<Validated, AppError> {
    let title = form.title.trim();
    let title_len = title.chars().count();
    if title_len < 3 {
        return Err(AppError::invalid("title", "Give the event a title (at least 3 characters)."));
    }
    if title_len > TITLE_MAX {
        return Err(AppError::invalid("title", format!("The title can be up to {TITLE_MAX} characters.")));
    }
    let description = form.description.trim();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("The description can be up to {DESCRIPTION_MAX} characters."),
        ));
    }
    let event_type =
        EventType::parse(&form.event_type).ok_or_else(|| AppError::invalid("event_type", "Choose a type."))?;
    let tz = when::parse_zone(&form.time_zone)
        .ok_or_else(|| AppError::invalid("time_zone", "Choose a time zone such as Europe/Berlin."))?;
    let start = when::parse_local_input(&form.starts_local)
        .ok_or_else(|| AppError::invalid("starts_local", "Enter the date and time it starts."))?;
    let end = when::parse_local_input(&form.ends_local)
        .ok_or_else(|| AppError::invalid("ends_local", "Enter the date and time it ends."))?;
    let start_at = recurrence::local_to_utc(tz, start);
    let end_at = recurrence::local_to_utc(tz, end);
    if end_at <= start_at {
        return Err(AppError::invalid("ends_local", "The end must be after the start."));
    }
    if end_at - start_at > Duration::days(31) {
        return Err(AppError::invalid("ends_local", "An event can last up to 31 days."));
    }
    if creating && start_at < now {
        return Err(AppError::invalid("starts_local", "That time has already passed."));
    }
    if start_at > now + Duration::days(3 * 366) {
        return Err(AppError::invalid("starts_local", "Events can be planned up to three years ahead."));
    }
    let is_online = match form.mode.trim() {
        "online" => true,
        "in_person" | "" => false,
        _ => return Err(AppError::invalid("mode", "Choose in person or online.")),
    };
    let venue = text_field("venue", &form.venue, 120, "The venue")?;
    let address = text_field("address", &form.address, 200, "The address")?;
    let city = text_field("city", &form.city, 80, "The city")?;
    let country = text_field("country", &form.country, 60, "The country")?;
    let meeting_url = web_url("meeting_url", &form.meeting_url, "meeting")?;
    if is_online && meeting_url.is_empty() {
        return Err(AppError::invalid("meeting_url", "Add the meeting link for an online event."));
    }
    if !is_online && city.is_empty() {
        return Err(AppError::invalid("city", "Add the city, so people nearby find the event."));
    }
    let latitude = coordinate("latitude", &form.latitude, 90.0)?;
    let longitude = coordinate("longitude", &form.longitude, 180.0)?;
    if latitude.is_some() != longitude.is_some() {
        let field = if latitude.is_none() { "latitude" } else { "longitude" };
        return Err(AppError::invalid(field, "Enter both latitude and longitude, or neither."));
    }
    let ticket_url = web_url("ticket_url", &form.ticket_url, "ticket")?;
    let price_text = text_field("price_text", &form.price_text, 60, "The price")?;
    let currency = form.currency.trim().to_ascii_uppercase();
    if !currency.is_empty() && !(currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase())) {
        return Err(AppError::invalid("currency", "Use a three-letter currency code such as EUR or ARS."));
    }
    let capacity = match form.capacity.trim() {
        "" => None,
        raw => match raw.parse::<i32>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => return Err(AppError::invalid("capacity", "Enter a number from 1 to 100000, or leave it empty.")),
        },
    };
    let tags = parse_tags(&form.tags)?;
    let status = match form.status.trim() {
        "draft" => EventStatus::Draft,
        "published" | "" => EventStatus::Published,
        _ => return Err(AppError::invalid("status", "Choose draft or published.")),
    };
    let recurrence = if creating { parse_recurrence(form, start)? } else { None };
    let known = |_: &str| false;
    let description_html = crate::feed::markdown::render(description, &known);
    Ok(Validated {
        fields: EventFields {
            title: title.to_string(),
            description: description.to_string(),
            description_html,
            event_type,
            status,
            time_zone: tz.name().to_string(),
            is_online,
            venue,
            address,
            city,
            country,
            latitude,
            longitude,
            meeting_url,
            price_text,
            currency,
            ticket_url,
            capacity,
            tags,
            community_id: None,
        },
        tz,
        start,
        end,
        recurrence,
    })
}

fn parse_recurrence(form: &EventForm, start: NaiveDateTime) -> Result<Option<Recurrence>, AppError> {
    let rule = match form.repeat.trim() {
        "" | "none" => return Ok(None),
        "weekly" => {
            let mut days: Vec<u8> = form.weekday_keys().into_iter().filter_map(recurrence::weekday_key_index).collect();
            let own = start.date().weekday().num_days_from_monday() as u8;
            if !days.contains(&own) {
                days.push(own);
            }
            days.sort_unstable();
            Rule::Weekly { weekdays: days }
        }
        "monthly" => match form.monthly_by.trim() {
            "month_day" => Rule::MonthlyDay { day: start.date().day() },
            "nth_weekday" | "" => Rule::MonthlyNthWeekday {
                nth: recurrence::nth_weekday_of(start.date()),
                weekday: start.date().weekday().num_days_from_monday() as u8,
            },
            _ => return Err(AppError::invalid("monthly_by", "Choose how the event repeats each month.")),
        },
        _ => return Err(AppError::invalid("repeat", "Choose how often it repeats.")),
    };
    let end = match form.repeat_end.trim() {
        "until" => {
            let until = NaiveDate::parse_from_str(form.repeat_until.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid("repeat_until", "Enter the date of the last time."))?;
            if until <= start.date() {
                return Err(AppError::invalid("repeat_until", "The last date must be after the first."));
            }
            if until > start.date() + Duration::days(2 * 366) {
                return Err(AppError::invalid("repeat_until", "Repeat for up to two years."));
            }
            End::Until { until }
        }
        "count" | "" => match form.repeat_count.trim().parse::<u32>() {
            Ok(n) if (2..=MAX_OCCURRENCES as u32).contains(&n) => End::Count { count: n },
            _ => {
                return Err(AppError::invalid(
                    "repeat_count",
                    format!("Enter how many times, from 2 to {MAX_OCCURRENCES}."),
                ))
            }
        },
        _ => return Err(AppError::invalid("repeat_end", "Choose when the repetition ends.")),
    };
    Ok(Some(Recurrence { rule, end }))
}

// ---------------------------------------------------------------------------------------------
// Creating, editing, cancelling.

pub async fn create_event(state: &AppState, me: &CurrentMember, form: &EventForm) -> Result<Uuid, AppError> {
    let mut v = validate(form, true, Utc::now())?;
    v.fields.community_id = event_community(state, me, &form.community, None).await?;
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
async fn organised(state: &AppState, me: &CurrentMember, event_id: Uuid) -> Result<EventRow, AppError> {
    let row = repo::event(&state.pool, event_id).await?.ok_or(AppError::NotFound)?;
    if !manages(state, me.member_id, &row).await? {
        return Err(if row.status == EventStatus::Draft { AppError::NotFound } else { AppError::Forbidden });
    }
    Ok(row)
}

/// "This one" or "this and following" occurrences, earliest first.
async fn scope_targets(
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
    })
}

fn community_tag(slug: &Option<String>, name: &Option<String>) -> Option<CommunityTag> {
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
    rate_limit::hit(&state.pool, &format!("event:member:{}", me.member_id), EVENTS_PER_HOUR * 3, HOUR).await?;
    let old_tz = when::parse_zone(&row.time_zone).unwrap_or(Tz::UTC);
    let old_local = row.starts_at.with_timezone(&old_tz).naive_local();
    let shift = v.start - old_local;
    let length = v.end - v.start;
    let targets = scope_targets(state, &row, &form.scope).await?;
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
async fn manages(state: &AppState, me: Uuid, row: &EventRow) -> Result<bool, AppError> {
    if repo::is_organizer(&state.pool, row.event_id, me).await? {
        return Ok(true);
    }
    Ok(match row.community_id {
        Some(c) => crate::communities::service::holds(state, me, c, crate::communities::perms::MANAGE_EVENTS).await?,
        None => false,
    })
}

/// One event notification (inside the caller's transaction).
async fn notify_event(
    tx: &mut sqlx::PgConnection,
    member_id: Uuid,
    actor_id: Option<Uuid>,
    message: &str,
    link: &str,
) -> Result<(), AppError> {
    let note = Note { member_id, kind: NotificationKind::Event, actor_id, post_id: None, message, link };
    notify(&mut *tx, note).await?;
    Ok(())
}

/// Notifies everyone who answered going, waiting or interested (inside the caller's transaction).
async fn tell_attendees(tx: &mut sqlx::PgConnection, event_id: Uuid, message: &str) -> Result<(), AppError> {
    let link = format!("/events/{event_id}");
    let members =
        repo::members_with(&mut *tx, event_id, &[RsvpStatus::Going, RsvpStatus::Waitlisted, RsvpStatus::Interested])
            .await?;
    for member_id in members {
        notify_event(&mut *tx, member_id, None, message, &link).await?;
    }
    Ok(())
}

pub async fn cancel_event(
    state: &AppState,
    me: &CurrentMember,
    event_id: Uuid,
    scope: &str,
) -> Result<usize, AppError> {
    let row = organised(state, me, event_id).await?;
    let targets = scope_targets(state, &row, scope).await?;
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
// RSVPs.

/// Fills free seats from the waitlist, first come first served, telling each promoted member.
async fn promote_waiting(
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
    if repo::blocked_between(&state.pool, me.member_id, member_id).await? {
        return Err(AppError::invalid("username", "You can't add this member."));
    }
    let ids: Vec<Uuid> = scope_targets(state, &row, "following").await?.into_iter().map(|t| t.0).collect();
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
    let ids: Vec<Uuid> = scope_targets(state, &row, "following").await?.into_iter().map(|t| t.0).collect();
    repo::remove_co_organizer(&state.pool, &ids, member_id).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reading.

fn place_line(venue: &str, city: &str, country: &str, online: bool) -> String {
    if online {
        return "Online".into();
    }
    [venue, city, country].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ")
}

fn card(row: CardRow, viewer: &Viewer) -> EventCard {
    let tz = viewer.zone_for(&row.time_zone);
    let (day, month) = when::badge(row.starts_at, tz);
    EventCard {
        event_id: row.event_id,
        when: when::range(row.starts_at, row.ends_at, tz),
        start_time: row.starts_at.with_timezone(&tz).format("%H:%M").to_string(),
        day,
        month,
        place: place_line(&row.venue, &row.city, &row.country, row.is_online),
        title: row.title,
        event_type: row.event_type,
        status: row.status,
        is_online: row.is_online,
        going_count: row.going_count,
        interested_count: row.interested_count,
        capacity: row.capacity,
        recurring: row.recurring,
        my_rsvp: row.my_rsvp,
        distance_km: row.distance_km.map(|d| (d * 10.0).round() / 10.0),
    }
}

/// Can this viewer see the event at all? Drafts are for the people who run them only; events
/// of a private or invite-only community for its members.
async fn visible(state: &AppState, viewer: &Viewer, event_id: Uuid) -> Result<(EventRow, bool), AppError> {
    let row = repo::event(&state.pool, event_id).await?.ok_or(AppError::NotFound)?;
    let organiser = match viewer.id() {
        Some(id) => manages(state, id, &row).await?,
        None => false,
    };
    if row.status == EventStatus::Draft && !organiser {
        return Err(AppError::NotFound);
    }
    if let Some(community) = row.community_id {
        if !organiser && !crate::communities::repo::readable(&state.pool, community, viewer.id()).await? {
            return Err(AppError::NotFound);
        }
    }
    Ok((row, organiser))
}

pub async fn detail(state: &AppState, viewer: &Viewer, event_id: Uuid) -> Result<EventDetail, AppError> {
    let (row, is_organizer) = visible(state, viewer, event_id).await?;
    let event_tz = when::parse_zone(&row.time_zone).unwrap_or(Tz::UTC);
    let tz = viewer.zone.unwrap_or(event_tz);
    let my_rsvp = match viewer.id() {
        Some(id) => repo::rsvp_of(&state.pool, event_id, id).await?,
        None => None,
    };
    let waitlist_position = match (viewer.id(), my_rsvp) {
        (Some(id), Some(RsvpStatus::Waitlisted)) => repo::waitlist_position(&state.pool, event_id, id).await?,
        _ => None,
    };
    let attendees =
        if viewer.member.is_some() { repo::some_going(&state.pool, event_id, 12).await? } else { Vec::new() };
    let occurrences = match row.series_id {
        Some(series) => repo::series_from(&state.pool, series, Utc::now() - Duration::hours(12))
            .await?
            .into_iter()
            .filter(|o| o.0 != event_id)
            .take(8)
            .map(|(id, s, e, status)| Occurrence { event_id: id, when: when::range(s, e, tz), status })
            .collect(),
        None => Vec::new(),
    };
    let show_meeting = is_organizer || my_rsvp == Some(RsvpStatus::Going);
    Ok(EventDetail {
        event_id,
        when: when::range(row.starts_at, row.ends_at, tz),
        viewer_zone: when::zone_label(tz, row.starts_at),
        when_event_zone: (tz != event_tz).then(|| when::range(row.starts_at, row.ends_at, event_tz)),
        time_zone: when::zone_label(event_tz, row.starts_at),
        starts_at_iso: row.starts_at.to_rfc3339(),
        started: row.starts_at <= Utc::now(),
        meeting_url: (row.is_online && show_meeting && !row.meeting_url.is_empty()).then(|| row.meeting_url.clone()),
        co_organizers: repo::co_organizers(&state.pool, event_id).await?,
        organizer: MemberRef { username: row.organizer_username, display_name: row.organizer_name },
        community: community_tag(&row.community_slug, &row.community_name),
        title: row.title,
        description_html: row.description_html,
        event_type: row.event_type,
        status: row.status,
        is_online: row.is_online,
        venue: row.venue,
        address: row.address,
        city: row.city,
        country: row.country,
        latitude: row.latitude,
        longitude: row.longitude,
        price_text: row.price_text,
        currency: row.currency,
        ticket_url: row.ticket_url,
        capacity: row.capacity,
        tags: row.tags,
        going_count: row.going_count,
        interested_count: row.interested_count,
        waitlist_count: row.waitlist_count,
        comment_count: row.comment_count,
        is_organizer,
        signed_in: viewer.member.is_some(),
        my_rsvp,
        waitlist_position,
        attendees,
        series_id: row.series_id,
        occurrences,
    })
}

/// Parsed filters: (query without paging, past?).
pub fn parse_filters(
    f: &EventFilters,
    viewer: &Viewer,
    limit: i64,
    now: DateTime<Utc>,
) -> Result<(ListQuery, bool), AppError> {
    let zone = viewer.zone.unwrap_or(Tz::UTC);
    let city = f.city.trim();
    if city.chars().count() > 80 {
        return Err(AppError::invalid("city", "A city name is at most 80 characters."));
    }
    let event_type = match f.event_type.trim() {
        "" => None,
        raw => Some(EventType::parse(raw).ok_or_else(|| AppError::invalid("type", "Choose a type from the list."))?),
    };
    let date = |field: &str, raw: &str| -> Result<Option<NaiveDate>, AppError> {
        match raw.trim() {
            "" => Ok(None),
            s => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| AppError::invalid(field, "Enter a date like 2026-12-31.")),
        }
    };
    let from = date("from", &f.from)?;
    let to = date("to", &f.to)?;
    if let (Some(a), Some(b)) = (from, to) {
        if b < a {
            return Err(AppError::invalid("to", "The end date is before the start date."));
        }
    }
    let online = match f.mode.trim() {
        "" | "any" => None,
        "online" => Some(true),
        "in_person" => Some(false),
        _ => return Err(AppError::invalid("mode", "Choose online or in person.")),
    };
    let lat = coordinate("lat", &f.lat, 90.0)?;
    let lon = coordinate("lon", &f.lon, 180.0)?;
    let near = match (lat, lon) {
        (Some(lat), Some(lon)) => {
            let radius = match f.radius_km.trim() {
                "" => DEFAULT_RADIUS_KM,
                raw => match raw.parse::<f64>() {
                    Ok(r) if r > 0.0 && r <= MAX_RADIUS_KM => r,
                    _ => {
                        return Err(AppError::invalid("radius", format!("Choose a distance up to {MAX_RADIUS_KM} km.")))
                    }
                },
            };
            let dlat = radius / 111.0;
            let dlon = (radius / (111.0 * lat.to_radians().cos().abs().max(0.01))).min(180.0);
            Some((lat, lon, radius, dlat, dlon))
        }
        (None, None) => None,
        _ => return Err(AppError::invalid("lat", "Give both latitude and longitude to search nearby.")),
    };
    let past = f.past.trim() == "1";
    Ok((
        ListQuery {
            viewer: viewer.id(),
            city: (!city.is_empty()).then(|| city.to_string()),
            event_type,
            from: from.map(|d| when::day_start(zone, d)),
            to: to.map(|d| when::day_start(zone, d + Duration::days(1))),
            online,
            near,
            not_ended_by: (!past).then_some(now),
            ended_by: past.then_some(now),
            community: None,
            after: None,
            limit,
        },
        past,
    ))
}

/// The community filter of an event list: the id behind a slug (none when empty).
async fn community_filter(state: &AppState, slug: &str) -> Result<Option<Uuid>, AppError> {
    match slug.trim() {
        "" => Ok(None),
        slug => Ok(Some(
            crate::communities::repo::by_slug(&state.pool, slug)
                .await?
                .ok_or_else(|| AppError::invalid("community", "There is no community at that address."))?
                .community_id,
        )),
    }
}

pub async fn list(
    state: &AppState,
    viewer: &Viewer,
    filters: &EventFilters,
    after: Option<(DateTime<Utc>, Uuid)>,
) -> Result<EventPage, AppError> {
    let (mut q, past) = parse_filters(filters, viewer, PAGE_SIZE + 1, Utc::now())?;
    q.community = community_filter(state, &filters.community).await?;
    q.after = after;
    let mut rows = if past {
        repo::list_descending(&state.pool, &q).await?
    } else {
        repo::list_ascending(&state.pool, &q).await?
    };
    let next = if rows.len() as i64 > PAGE_SIZE {
        rows.truncate(PAGE_SIZE as usize);
        rows.last().map(|r| crate::paging::encode_cursor(r.starts_at, r.event_id))
    } else {
        None
    };
    Ok(EventPage { events: rows.into_iter().map(|r| card(r, viewer)).collect(), next, zone: viewer.zone_name() })
}

/// A month grid (Monday first) in the viewer's zone, with the events that start on each day.
pub async fn month(
    state: &AppState,
    viewer: &Viewer,
    month: &str,
    filters: &EventFilters,
) -> Result<MonthView, AppError> {
    let zone = viewer.zone.unwrap_or(Tz::UTC);
    let today = when::now_in(zone).date_naive();
    let first = match month.trim() {
        "" => NaiveDate::from_ymd_opt(today.year(), today.month(), 1),
        raw => NaiveDate::parse_from_str(&format!("{raw}-01"), "%Y-%m-%d").ok(),
    }
    .ok_or_else(|| AppError::invalid("month", "Choose a month like 2026-12."))?;
    let next_month = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    }
    .ok_or(AppError::NotFound)?;
    let prev_month = (first - Duration::days(1)).with_day(1).ok_or(AppError::NotFound)?;
    let grid_start = first - Duration::days(first.weekday().num_days_from_monday() as i64);
    let grid_end = {
        let last = next_month - Duration::days(1);
        last + Duration::days(6 - last.weekday().num_days_from_monday() as i64)
    };
    let mut unfiltered = filters.clone();
    unfiltered.from.clear();
    unfiltered.to.clear();
    unfiltered.past.clear();
    let (mut q, _) = parse_filters(&unfiltered, viewer, 600, Utc::now())?;
    q.community = community_filter(state, &filters.community).await?;
    q.not_ended_by = None;
    q.from = Some(when::day_start(zone, grid_start));
    q.to = Some(when::day_start(zone, grid_end + Duration::days(1)));
    let rows = repo::list_ascending(&state.pool, &q).await?;
    let mut by_day: std::collections::BTreeMap<NaiveDate, Vec<EventCard>> = Default::default();
    for row in rows {
        let day = row.starts_at.with_timezone(&zone).date_naive();
        let mut c = card(row, &Viewer { member: None, zone: Some(zone) });
        c.my_rsvp = None;
        by_day.entry(day).or_default().push(c);
    }
    let mut weeks = Vec::new();
    let mut d = grid_start;
    while d <= grid_end {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            week.push(MonthDay {
                date: d.to_string(),
                day: d.day(),
                in_month: d.month() == first.month(),
                today: d == today,
                events: by_day.remove(&d).unwrap_or_default(),
            });
            d += Duration::days(1);
        }
        weeks.push(week);
    }
    Ok(MonthView {
        title: first.format("%B %Y").to_string(),
        prev: prev_month.format("%Y-%m").to_string(),
        next: next_month.format("%Y-%m").to_string(),
        weeks,
        zone: zone.name().to_string(),
    })
}

pub async fn mine(state: &AppState, viewer: &Viewer) -> Result<MyEvents, AppError> {
    let me = viewer.member.as_ref().ok_or(AppError::Unauthorized)?;
    let organising = repo::organising(&state.pool, me.member_id).await?;
    let attending = repo::attending(&state.pool, me.member_id).await?;
    Ok(MyEvents {
        organising: organising.into_iter().map(|r| card(r, viewer)).collect(),
        attending: attending.into_iter().map(|r| card(r, viewer)).collect(),
        zone: viewer.zone_name(),
    })
}

pub async fn attendees(state: &AppState, viewer: &Viewer, event_id: Uuid) -> Result<AttendeeList, AppError> {
    let me = viewer.member.as_ref().ok_or(AppError::Unauthorized)?;
    let row = organised(state, me, event_id).await?;
    let tz = viewer.zone_for(&row.time_zone);
    let attendees = repo::attendees(&state.pool, event_id)
        .await?
        .into_iter()
        .map(|a| Attendee {
            username: a.username,
            display_name: a.display_name,
            status: a.status,
            waitlist_position: a.position,
            responded: when::short(a.updated_at, tz),
        })
        .collect();
    Ok(AttendeeList { event_id, title: row.title, capacity: row.capacity, attendees })
}

/// One CSV cell: quoted, and never read as a formula by spreadsheet apps.
fn csv_cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// The attendee list as CSV, for the event's organisers only.
pub async fn attendees_csv(state: &AppState, me: &CurrentMember, event_id: Uuid) -> Result<(String, String), AppError> {
    let row = organised(state, me, event_id).await?;
    let mut out = String::from("username,display_name,email,status,waitlist_position,responded_at_utc\r\n");
    for a in repo::attendees(&state.pool, event_id).await? {
        let cells = [
            csv_cell(&a.username),
            csv_cell(&a.display_name),
            csv_cell(&a.email),
            csv_cell(a.status.key()),
            a.position.map(|p| p.to_string()).unwrap_or_default(),
            a.updated_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        ];
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    let slug: String = row
        .title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    Ok((format!("{}-attendees.csv", if slug.is_empty() { "event" } else { &slug }), out))
}

// ---------------------------------------------------------------------------------------------
// Comments.

pub async fn comments(state: &AppState, viewer: &Viewer, event_id: Uuid) -> Result<Vec<EventComment>, AppError> {
    let (row, organiser) = visible(state, viewer, event_id).await?;
    let tz = viewer.zone_for(&row.time_zone);
    let moderator = viewer.member.as_ref().is_some_and(|m| m.site_role.can_moderate());
    Ok(repo::comments(&state.pool, event_id, viewer.id())
        .await?
        .into_iter()
        .map(|c| EventComment {
            can_delete: viewer.id() == Some(c.author_id) || organiser || moderator,
            comment_id: c.comment_id,
            author: MemberRef { username: c.username, display_name: c.display_name },
            body: c.body,
            when: when::short(c.created_at, tz),
        })
        .collect())
}

pub async fn add_comment(state: &AppState, viewer: &Viewer, event_id: Uuid, body: &str) -> Result<Uuid, AppError> {
    let me = viewer.member.as_ref().ok_or(AppError::Unauthorized)?;
    let (row, _) = visible(state, viewer, event_id).await?;
    let body = body.trim();
    if body.is_empty() {
        return Err(AppError::invalid("body", "Write something first."));
    }
    if body.chars().count() > COMMENT_MAX {
        return Err(AppError::invalid("body", format!("A comment can be up to {COMMENT_MAX} characters.")));
    }
    if repo::blocked_between(&state.pool, me.member_id, row.organizer_id).await? {
        return Err(AppError::Forbidden);
    }
    rate_limit::hit(&state.pool, &format!("event-comment:member:{}", me.member_id), COMMENTS_PER_HOUR, HOUR).await?;
    let mut tx = state.pool.begin().await?;
    let id = repo::insert_comment(&mut tx, event_id, me.member_id, body).await?;
    let message = format!("{} commented on {}", me.display_name, row.title);
    let link = format!("/events/{event_id}#discussion");
    notify_event(&mut tx, row.organizer_id, Some(me.member_id), &message, &link).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn delete_comment(state: &AppState, me: &CurrentMember, comment_id: Uuid) -> Result<Uuid, AppError> {
    let (author, event_id) = repo::comment_owner(&state.pool, comment_id).await?.ok_or(AppError::NotFound)?;
    let row = repo::event(&state.pool, event_id).await?.ok_or(AppError::NotFound)?;
    let allowed = author == me.member_id || me.site_role.can_moderate() || manages(state, me.member_id, &row).await?;
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.pool.begin().await?;
    repo::delete_comment(&mut tx, comment_id).await?;
    tx.commit().await?;
    Ok(event_id)
}

// ---------------------------------------------------------------------------------------------
// Calendar exports.

fn ics_event(row: &EventRow, base_url: &str) -> ics::IcsEvent {
    let location = if row.is_online {
        "Online".to_string()
    } else {
        [row.venue.as_str(), row.address.as_str(), row.city.as_str(), row.country.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ")
    };
    ics::IcsEvent {
        event_id: row.event_id,
        title: row.title.clone(),
        description: crate::feed::markdown::plain_text(&row.description, 2000),
        starts_at: row.starts_at,
        ends_at: row.ends_at,
        location,
        url: format!("{base_url}/events/{}", row.event_id),
        cancelled: row.status == EventStatus::Cancelled,
        sequence: row.sequence,
        updated_at: row.updated_at,
        organizer_name: row.organizer_name.clone(),
    }
}

/// One event (one occurrence) as an .ics file.
pub async fn event_ics(state: &AppState, viewer: &Viewer, event_id: Uuid, base_url: &str) -> Result<String, AppError> {
    let (row, _) = visible(state, viewer, event_id).await?;
    Ok(ics::calendar(&row.title, &[ics_event(&row, base_url)], Utc::now()))
}

/// The member's private feed, found by its secret token.
pub async fn feed_ics(state: &AppState, token: &str, base_url: &str) -> Result<String, AppError> {
    if token.len() < 32 || token.len() > 100 {
        return Err(AppError::NotFound);
    }
    let (member_id, name) = repo::feed_owner(&state.pool, token).await?.ok_or(AppError::NotFound)?;
    let rows = repo::feed_events(&state.pool, member_id).await?;
    let events: Vec<ics::IcsEvent> = rows.iter().map(|r| ics_event(r, base_url)).collect();
    Ok(ics::calendar(&format!("Kindred — {name}"), &events, Utc::now()))
}

pub async fn calendar_feed(state: &AppState, me: &CurrentMember) -> Result<CalendarFeed, AppError> {
    let token = repo::feed_token(&state.pool, me.member_id).await?;
    Ok(CalendarFeed { path: token.map(|t| format!("/calendar/{t}.ics")) })
}

/// Creates the feed, or replaces its secret (the old URL stops working).
pub async fn reset_calendar_feed(state: &AppState, me: &CurrentMember) -> Result<CalendarFeed, AppError> {
    let mut bytes = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    repo::set_feed_token(&state.pool, me.member_id, &token).await?;
    Ok(CalendarFeed { path: Some(format!("/calendar/{token}.ics")) })
}

pub async fn revoke_calendar_feed(state: &AppState, me: &CurrentMember) -> Result<(), AppError> {
    repo::revoke_feed(&state.pool, me.member_id).await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Reminders (the background job).

/// Sends the 24-hour reminders that are due. Each event is claimed atomically, so several
/// server instances running this at once send every reminder exactly once.
pub async fn send_due_reminders(pool: &sqlx::PgPool) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let due = repo::claim_due_reminders(&mut tx).await?;
    let mut sent = 0;
    for (event_id, title, starts_at, zone) in &due {
        let going = repo::members_with(&mut *tx, *event_id, &[RsvpStatus::Going]).await?;
        let zones = repo::member_zones(&mut *tx, &going).await?;
        let link = format!("/events/{event_id}");
        for (member_id, member_zone) in zones {
            let tz = when::viewer_zone(Some(&member_zone), None)
                .filter(|z| *z != Tz::UTC)
                .or_else(|| when::parse_zone(zone))
                .unwrap_or(Tz::UTC);
            let message = format!("Reminder: {title} starts {} ({})", when::short(*starts_at, tz), tz.name());
            notify_event(&mut tx, member_id, None, &message, &link).await?;
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        EventForm {
            title: "Milonga del Sur".into(),
            event_type: "milonga".into(),
            starts_local: "2028-05-06T21:00".into(),
            ends_local: "2028-05-07T02:00".into(),
            time_zone: "America/Argentina/Buenos_Aires".into(),
            mode: "in_person".into(),
            city: "Buenos Aires".into(),
            status: "published".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_passes_and_bad_fields_are_named() {
        let now = Utc::now();
        assert!(validate(&form(), true, now).is_ok());
        let field = |f: EventForm| match validate(&f, true, now) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected invalid, got {:?}", other.err()),
        };
        assert_eq!(field(EventForm { title: "x".into(), ..form() }), "title");
        assert_eq!(field(EventForm { ends_local: "2028-05-06T20:00".into(), ..form() }), "ends_local");
        assert_eq!(
            field(EventForm {
                starts_local: "2001-01-01T10:00".into(),
                ends_local: "2001-01-01T12:00".into(),
                ..form()
            }),
            "starts_local"
        );
        assert_eq!(field(EventForm { time_zone: "Mars/Olympus".into(), ..form() }), "time_zone");
        assert_eq!(field(EventForm { capacity: "0".into(), ..form() }), "capacity");
        assert_eq!(field(EventForm { mode: "online".into(), ..form() }), "meeting_url");
        assert_eq!(field(EventForm { ticket_url: "javascript:alert(1)".into(), ..form() }), "ticket_url");
        assert_eq!(field(EventForm { latitude: "-34.6".into(), ..form() }), "longitude");
        assert_eq!(field(EventForm { currency: "euro".into(), ..form() }), "currency");
        assert_eq!(field(EventForm { repeat: "weekly".into(), repeat_count: "500".into(), ..form() }), "repeat_count");
    }

    #[test]
    fn weekly_recurrence_always_includes_the_first_day() {
        let f = EventForm { repeat: "weekly".into(), wd_tue: Some("on".into()), repeat_count: "4".into(), ..form() };
        let v = validate(&f, true, Utc::now()).unwrap();
        // 2028-05-06 is a Saturday (index 5); Tuesday is 1.
        assert_eq!(v.recurrence.unwrap().rule, Rule::Weekly { weekdays: vec![1, 5] });
    }

    #[test]
    fn csv_cells_never_become_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("Ana"), "\"Ana\"");
    }
}
