//! Files: the attendee list as CSV, one event as .ics, and the member's private calendar feed
//! with its secret link.

use chrono::Utc;
use rand::RngCore;
use uuid::Uuid;

use super::manage::organised;
use super::read::visible;
use super::Viewer;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::events::ics;
use crate::events::model::{CalendarFeed, EventStatus};
use crate::events::repo::{self, EventRow};
use crate::server::state::AppState;

/// One CSV cell: quoted, and never read as a formula by spreadsheet apps.
fn csv_cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_string() };
    format!("\"{}\"", value.replace('"', "\"\""))
}

/// The attendee list as CSV, for the event's organisers only. Emails appear only for attendees
/// who chose to share theirs with the organisers (anyone may organise an event).
pub async fn attendees_csv(state: &AppState, me: &CurrentMember, event_id: Uuid) -> Result<(String, String), AppError> {
    let row = organised(state, me, event_id).await?;
    let mut out = String::from("username,display_name,email,status,waitlist_position,responded_at_utc\r\n");
    for a in repo::attendees(&state.pool, event_id).await? {
        let cells = [
            csv_cell(&a.username),
            csv_cell(&a.display_name),
            csv_cell(a.email.as_deref().unwrap_or("")),
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
        description: crate::text::markdown::plain_text(&row.description, 2000),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_never_become_formulas() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("Ana"), "\"Ana\"");
    }
}
