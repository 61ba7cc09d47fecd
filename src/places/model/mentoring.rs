//! Mentor, session and review types shared by the server and the browser, and the validation
//! of the mentor form and of reviews.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{text, DESCRIPTION_MAX};
use crate::error::AppError;

keyed_enum!(
    /// How a mentor meets people.
    MentorMode, "mentor_mode", [
        InPerson => "in_person", "In person",
        Virtual => "virtual", "Online",
        Both => "both", "In person or online",
    ]
);

keyed_enum!(
    SessionMode, "session_mode", [
        InPerson => "in_person", "In person",
        Virtual => "virtual", "Online",
    ]
);

keyed_enum!(
    SessionStatus, "session_status", [
        Scheduled => "scheduled", "Scheduled",
        Completed => "completed", "Completed",
        Cancelled => "cancelled", "Cancelled",
        NoShow => "no_show", "No-show",
    ]
);

impl MentorMode {
    pub fn offers(self, mode: SessionMode) -> bool {
        matches!(
            (self, mode),
            (MentorMode::Both, _)
                | (MentorMode::InPerson, SessionMode::InPerson)
                | (MentorMode::Virtual, SessionMode::Virtual)
        )
    }
}

pub const REVIEW_MAX: usize = 2000;
pub const SESSION_NOTES_MAX: usize = 4000;

/// The "offer mentoring" form as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct MentorForm {
    pub title: String,
    pub specializations: String,
    pub bio: String,
    pub mode: String,
    pub place_id: String,
    pub available: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MentorInput {
    pub title: String,
    pub specializations: Vec<String>,
    pub bio: String,
    pub mode: MentorMode,
    pub place_id: Option<Uuid>,
    pub available: bool,
}

impl MentorInput {
    pub fn parse(f: &MentorForm) -> Result<Self, AppError> {
        let title = text("title", "The title", &f.title, 100)?;
        if title.is_empty() {
            return Err(AppError::invalid("title", "Say what you mentor, e.g. “Breathwork guide”."));
        }
        let specializations: Vec<String> =
            f.specializations.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        if specializations.len() > 12 || specializations.iter().any(|s| s.chars().count() > 40) {
            return Err(AppError::invalid(
                "specializations",
                "Up to 12 specializations of at most 40 characters each.",
            ));
        }
        let mode =
            MentorMode::parse(&f.mode).ok_or_else(|| AppError::invalid("mode", "Choose how you meet people."))?;
        let place_id = match f.place_id.trim() {
            "" => None,
            raw => Some(raw.parse().map_err(|_| AppError::invalid("place_id", "Choose a place from the list."))?),
        };
        Ok(MentorInput {
            title,
            specializations,
            bio: text("bio", "The bio", &f.bio, DESCRIPTION_MAX)?,
            mode,
            place_id,
            available: f.available.as_deref().is_some_and(|v| v == "on" || v == "true"),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentorView {
    pub username: String,
    pub display_name: String,
    pub avatar: Option<String>,
    pub title: String,
    pub specializations: Vec<String>,
    pub bio: String,
    pub mode: MentorMode,
    pub place: Option<(Uuid, String)>,
    pub available: bool,
    pub verified: bool,
    pub rating: f64,
    pub review_count: i32,
    pub session_count: i32,
}

/// One mentor's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MentorPage {
    pub mentor: MentorView,
    pub reviews: Reviews,
    pub is_self: bool,
    pub can_moderate: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub session_id: Uuid,
    /// The other side: the mentor for the member, the member for the mentor.
    pub with_username: String,
    pub with_name: String,
    pub i_am_mentor: bool,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub mode: SessionMode,
    pub place: Option<String>,
    pub status: SessionStatus,
    pub confirmed: bool,
    /// The viewer's own private notes (never the other side's).
    pub my_notes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewView {
    pub review_id: Uuid,
    pub author_username: String,
    pub author_name: String,
    pub rating: i16,
    pub body: String,
    pub flagged: bool,
    pub is_mine: bool,
    pub updated_at: DateTime<Utc>,
}

/// Reviews of a place or mentor, and whether the viewer may write one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Reviews {
    pub average: f64,
    pub count: i32,
    pub reviews: Vec<ReviewView>,
    /// The viewer checked in here (place) or had a completed session (mentor).
    pub can_review: bool,
    pub mine: Option<(i16, String)>,
}

pub fn parse_rating(raw: &str) -> Result<i16, AppError> {
    match raw.trim().parse::<i16>() {
        Ok(r) if (1..=5).contains(&r) => Ok(r),
        _ => Err(AppError::invalid("rating", "Give 1 to 5 stars.")),
    }
}

pub fn parse_review_body(raw: &str) -> Result<String, AppError> {
    text("body", "A review", &raw.replace("\r\n", "\n"), REVIEW_MAX)
}

/// A flagged review, for moderators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FlaggedReview {
    pub review_id: Uuid,
    pub link: String,
    pub about: String,
    pub author: String,
    pub rating: i16,
    pub body: String,
    pub reason: String,
}
