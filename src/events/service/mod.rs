//! Event rules: validation, recurrence, who may do what, RSVPs with a waitlist that never lets
//! "going" exceed capacity, notifications, lists and calendar exports. One file per
//! capability; this one holds the viewer every read is shaped for.

use chrono_tz::Tz;
use uuid::Uuid;

use super::{repo, when};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::server::state::AppState;

mod discussion;
mod export;
mod form;
mod manage;
mod notices;
mod read;
mod rsvp;

pub use discussion::{add_comment, comments, delete_comment};
pub use export::{attendees_csv, calendar_feed, event_ics, feed_ics, reset_calendar_feed, revoke_calendar_feed};
pub use form::{parse_tags, validate, Validated};
pub use manage::{
    add_co_organizer, cancel_event, create_event, editor, event_communities, remove_co_organizer, technique_choices,
    update_event,
};
pub use notices::send_due_reminders;
pub use read::{attendees, detail, list, mine, month, parse_filters};
pub use rsvp::{promote, rsvp, share_email};

const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);

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
pub async fn viewer(state: &AppState, member: Option<CurrentMember>) -> Result<Viewer, AppError> {
    use crate::server::request::cookie;
    let browser = cookie(when::ZONE_COOKIE).map(|c| c.replace("%2F", "/").replace("%2f", "/"));
    let profile = match &member {
        Some(m) => repo::member_zones(&state.pool, &[m.member_id]).await?.pop().map(|(_, z)| z),
        None => None,
    };
    Ok(Viewer { member, zone: when::viewer_zone(profile.as_deref(), browser.as_deref()) })
}
