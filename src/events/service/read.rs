//! Reading events: the lists with their filters, the month grid, one event's page, the
//! member's own events and the attendee list.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use super::form::coordinate;
use super::manage::{community_tag, manages, organised};
use super::Viewer;
use crate::error::AppError;
use crate::events::model::{
    Attendee, AttendeeList, EventCard, EventDetail, EventFilters, EventPage, EventStatus, EventType, MemberRef,
    MonthDay, MonthView, MyEvents, Occurrence, RsvpStatus, TechniqueChoice, PAGE_SIZE,
};
use crate::events::repo::{self, CardRow, EventRow, ListQuery};
use crate::events::when;
use crate::server::state::AppState;

const MAX_RADIUS_KM: f64 = 500.0;
const DEFAULT_RADIUS_KM: f64 = 25.0;

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
pub(super) async fn visible(state: &AppState, viewer: &Viewer, event_id: Uuid) -> Result<(EventRow, bool), AppError> {
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
    let shares_email = match (viewer.id(), my_rsvp) {
        (Some(id), Some(_)) => repo::shares_email(&state.pool, event_id, id).await?.unwrap_or(false),
        _ => false,
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
        organizer: MemberRef {
            member_id: row.organizer_id,
            username: row.organizer_username,
            display_name: row.organizer_name,
            avatar_id: row.organizer_avatar_id,
        },
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
        shares_email,
        waitlist_position,
        attendees,
        series_id: row.series_id,
        technique: match (row.technique_slug, row.technique_name) {
            (Some(slug), Some(name)) => {
                Some(TechniqueChoice { slug, name, category: row.technique_category.unwrap_or_default() })
            }
            _ => None,
        },
        ended: row.ends_at <= Utc::now(),
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
            email: a.email,
            status: a.status,
            waitlist_position: a.position,
            responded: when::short(a.updated_at, tz),
        })
        .collect();
    Ok(AttendeeList { event_id, title: row.title, capacity: row.capacity, attendees })
}
