//! Event types shared by server and browser. Times arrive already formatted by the server in
//! the viewer's time zone (and the event's own), so the browser bundle carries no time-zone data.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::communities::model::CommunityTag;

pub use crate::auth::model::MemberRef;

pub const TITLE_MAX: usize = 140;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const COMMENT_MAX: usize = 2_000;
/// Events shown per page of a list.
pub const PAGE_SIZE: i64 = 20;
/// Most occurrences one recurring event may have.
pub const MAX_OCCURRENCES: usize = 104;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "event_type", rename_all = "snake_case"))]
pub enum EventType {
    Milonga,
    Practica,
    Festival,
    Workshop,
    Class,
    GroupPractice,
    MentorSession,
}

impl EventType {
    pub const ALL: [EventType; 7] = [
        EventType::Milonga,
        EventType::Practica,
        EventType::Festival,
        EventType::Workshop,
        EventType::Class,
        EventType::GroupPractice,
        EventType::MentorSession,
    ];

    pub fn key(self) -> &'static str {
        match self {
            EventType::Milonga => "milonga",
            EventType::Practica => "practica",
            EventType::Festival => "festival",
            EventType::Workshop => "workshop",
            EventType::Class => "class",
            EventType::GroupPractice => "group_practice",
            EventType::MentorSession => "mentor_session",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            EventType::Milonga => "Milonga",
            EventType::Practica => "Práctica",
            EventType::Festival => "Festival",
            EventType::Workshop => "Workshop",
            EventType::Class => "Class",
            EventType::GroupPractice => "Group practice",
            EventType::MentorSession => "Mentor session",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.key() == raw.trim())
    }

    /// The kinds of event that practise together and may name a technique from the library.
    pub fn practises(self) -> bool {
        matches!(self, EventType::GroupPractice | EventType::Class | EventType::Workshop | EventType::MentorSession)
    }
}

/// A technique from the practice library that an event practises.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueChoice {
    pub slug: String,
    pub name: String,
    pub category: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "event_status", rename_all = "lowercase"))]
pub enum EventStatus {
    Draft,
    Published,
    Cancelled,
}

impl EventStatus {
    pub fn label(self) -> &'static str {
        match self {
            EventStatus::Draft => "Draft",
            EventStatus::Published => "Published",
            EventStatus::Cancelled => "Cancelled",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "rsvp_status", rename_all = "snake_case"))]
pub enum RsvpStatus {
    Going,
    Interested,
    NotGoing,
    Waitlisted,
}

impl RsvpStatus {
    pub fn key(self) -> &'static str {
        match self {
            RsvpStatus::Going => "going",
            RsvpStatus::Interested => "interested",
            RsvpStatus::NotGoing => "not_going",
            RsvpStatus::Waitlisted => "waitlisted",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RsvpStatus::Going => "Going",
            RsvpStatus::Interested => "Interested",
            RsvpStatus::NotGoing => "Not going",
            RsvpStatus::Waitlisted => "On the waitlist",
        }
    }

    /// What a member may ask for (the waitlist is where "going" lands when the event is full).
    pub fn parse_choice(raw: &str) -> Option<Self> {
        match raw.trim() {
            "going" => Some(RsvpStatus::Going),
            "interested" => Some(RsvpStatus::Interested),
            "not_going" => Some(RsvpStatus::NotGoing),
            _ => None,
        }
    }
}

/// One event in a list or calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventCard {
    pub event_id: Uuid,
    pub title: String,
    pub event_type: EventType,
    pub status: EventStatus,
    /// In the viewer's time zone, e.g. "Sat 5 Dec 2026, 21:00–02:00".
    pub when: String,
    /// Local start time, e.g. "21:00".
    pub start_time: String,
    /// Day of month and short month for the date badge, in the viewer's zone.
    pub day: String,
    pub month: String,
    pub place: String,
    pub is_online: bool,
    pub going_count: i32,
    pub interested_count: i32,
    pub capacity: Option<i32>,
    pub recurring: bool,
    pub my_rsvp: Option<RsvpStatus>,
    pub distance_km: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub events: Vec<EventCard>,
    pub next: Option<String>,
    /// The zone the times are shown in.
    pub zone: String,
}

/// Filters for the lists and the calendar; every field is a raw query-string value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventFilters {
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub event_type: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// "", "online" or "in_person".
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub lat: String,
    #[serde(default)]
    pub lon: String,
    #[serde(default)]
    pub radius_km: String,
    /// "1" for past events (newest first).
    #[serde(default)]
    pub past: String,
    /// Only the events of the community with this slug.
    #[serde(default)]
    pub community: String,
}

impl EventFilters {
    /// The filters as a query string (for links that keep them), without a leading `?`.
    pub fn query(&self) -> String {
        let pairs = [
            ("city", &self.city),
            ("type", &self.event_type),
            ("from", &self.from),
            ("to", &self.to),
            ("mode", &self.mode),
            ("lat", &self.lat),
            ("lon", &self.lon),
            ("radius", &self.radius_km),
            ("past", &self.past),
            ("community", &self.community),
        ];
        pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
            .collect::<Vec<_>>()
            .join("&")
    }
}

fn encode_query_value(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    pub event_id: Uuid,
    pub when: String,
    pub status: EventStatus,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub event_id: Uuid,
    pub title: String,
    pub description_html: String,
    pub event_type: EventType,
    pub status: EventStatus,
    /// In the viewer's zone.
    pub when: String,
    pub viewer_zone: String,
    /// In the event's own zone, when it differs from the viewer's.
    pub when_event_zone: Option<String>,
    pub time_zone: String,
    pub starts_at_iso: String,
    pub started: bool,
    pub is_online: bool,
    pub venue: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// Only for organisers and members going.
    pub meeting_url: Option<String>,
    pub price_text: String,
    pub currency: String,
    pub ticket_url: String,
    pub capacity: Option<i32>,
    pub tags: Vec<String>,
    pub going_count: i32,
    pub interested_count: i32,
    pub waitlist_count: i32,
    pub comment_count: i32,
    pub organizer: MemberRef,
    pub co_organizers: Vec<MemberRef>,
    pub community: Option<CommunityTag>,
    /// The viewer runs the event: an organiser, or a manager of its community's events.
    pub is_organizer: bool,
    pub signed_in: bool,
    pub my_rsvp: Option<RsvpStatus>,
    /// Whether the viewer shares their email with the organisers.
    pub shares_email: bool,
    pub waitlist_position: Option<i64>,
    /// A few of the members going (signed-in viewers only).
    pub attendees: Vec<MemberRef>,
    pub series_id: Option<Uuid>,
    /// The technique a practising event practises.
    pub technique: Option<TechniqueChoice>,
    /// The event is over (those who went can log it in their practice).
    pub ended: bool,
    /// Other dates of the same recurring event, upcoming first.
    pub occurrences: Vec<Occurrence>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attendee {
    pub username: String,
    pub display_name: String,
    /// Only for attendees who share it with the organisers.
    pub email: Option<String>,
    pub status: RsvpStatus,
    pub waitlist_position: Option<i64>,
    pub responded: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AttendeeList {
    pub event_id: Uuid,
    pub title: String,
    pub capacity: Option<i32>,
    pub attendees: Vec<Attendee>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventComment {
    pub comment_id: Uuid,
    pub author: MemberRef,
    pub body: String,
    pub when: String,
    pub can_delete: bool,
}

/// The answer to an RSVP: where the member stands now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RsvpOutcome {
    pub status: Option<RsvpStatus>,
    pub waitlist_position: Option<i64>,
}

/// What the create/edit form sends. Every field is text as typed, so a failed submit can be
/// shown again exactly as it was.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EventForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub event_type: String,
    /// `YYYY-MM-DDTHH:MM` in `time_zone`.
    #[serde(default)]
    pub starts_local: String,
    #[serde(default)]
    pub ends_local: String,
    #[serde(default)]
    pub time_zone: String,
    /// "in_person" or "online".
    #[serde(default)]
    pub mode: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub address: String,
    #[serde(default)]
    pub city: String,
    #[serde(default)]
    pub country: String,
    #[serde(default)]
    pub latitude: String,
    #[serde(default)]
    pub longitude: String,
    #[serde(default)]
    pub meeting_url: String,
    #[serde(default)]
    pub price_text: String,
    #[serde(default)]
    pub currency: String,
    #[serde(default)]
    pub ticket_url: String,
    #[serde(default)]
    pub capacity: String,
    #[serde(default)]
    pub tags: String,
    /// "draft" or "published".
    #[serde(default)]
    pub status: String,
    /// The slug of the community the event belongs to, or empty.
    #[serde(default)]
    pub community: String,
    /// The slug of the technique a practising event practises, or empty.
    #[serde(default)]
    pub technique: String,
    /// "none", "weekly" or "monthly" (create only).
    #[serde(default)]
    pub repeat: String,
    /// Weekdays for weekly recurrence, e.g. "mon,thu" — or one checkbox per day below.
    #[serde(default)]
    pub wd_mon: Option<String>,
    #[serde(default)]
    pub wd_tue: Option<String>,
    #[serde(default)]
    pub wd_wed: Option<String>,
    #[serde(default)]
    pub wd_thu: Option<String>,
    #[serde(default)]
    pub wd_fri: Option<String>,
    #[serde(default)]
    pub wd_sat: Option<String>,
    #[serde(default)]
    pub wd_sun: Option<String>,
    /// "nth_weekday" or "month_day".
    #[serde(default)]
    pub monthly_by: String,
    /// "count" or "until".
    #[serde(default)]
    pub repeat_end: String,
    #[serde(default)]
    pub repeat_count: String,
    #[serde(default)]
    pub repeat_until: String,
    /// For edits of a recurring event: "one" or "following".
    #[serde(default)]
    pub scope: String,
}

impl EventForm {
    pub fn weekday_keys(&self) -> Vec<&'static str> {
        let boxes = [
            ("mon", &self.wd_mon),
            ("tue", &self.wd_tue),
            ("wed", &self.wd_wed),
            ("thu", &self.wd_thu),
            ("fri", &self.wd_fri),
            ("sat", &self.wd_sat),
            ("sun", &self.wd_sun),
        ];
        boxes.iter().filter(|(_, v)| v.is_some()).map(|(k, _)| *k).collect()
    }
}

/// The edit page: the stored event as form values, plus what the page needs to know.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventEditor {
    pub event_id: Uuid,
    pub form: EventForm,
    pub recurring: bool,
    pub status: EventStatus,
    pub co_organizers: Vec<MemberRef>,
    pub is_owner: bool,
    /// Communities the editor may put the event in (plus its current one).
    pub communities: Vec<CommunityTag>,
    pub techniques: Vec<TechniqueChoice>,
}

/// A blank event form and the communities the member may add events to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewEvent {
    pub form: EventForm,
    pub communities: Vec<CommunityTag>,
    pub techniques: Vec<TechniqueChoice>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthDay {
    /// ISO date.
    pub date: String,
    pub day: u32,
    pub in_month: bool,
    pub today: bool,
    pub events: Vec<EventCard>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthView {
    /// e.g. "December 2026".
    pub title: String,
    /// `YYYY-MM` of the previous and next month.
    pub prev: String,
    pub next: String,
    /// Weeks of seven days, Monday first.
    pub weeks: Vec<Vec<MonthDay>>,
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyEvents {
    pub organising: Vec<EventCard>,
    pub attending: Vec<EventCard>,
    pub zone: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarFeed {
    /// Path of the private feed, e.g. `/calendar/<token>.ics`, when the member has one.
    pub path: Option<String>,
}
