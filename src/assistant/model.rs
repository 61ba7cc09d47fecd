//! What the assistant understood from a request: the intent, the language it was asked in and
//! the entities it found. Shared by both builds (the page can say what was understood).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    En,
    Es,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Intent {
    /// Events: milongas, classes, group practices… with a date range, a city, a type.
    Events,
    /// Places: cafés, studios, gyms… near me, open now, quiet, beginner friendly.
    Places,
    /// A technique to practise (a category, a length).
    Technique,
    /// The member's check-in streak.
    Streak,
    /// The achievement closest to being earned.
    NextAchievement,
    /// Draw an oracle card.
    DrawCard,
    /// What did I miss: unread channels and notifications.
    CatchUp,
    /// How to do something in Kindred (the help corpus).
    Help,
    /// Not understood: the answer says what the assistant can do.
    Unknown,
}

/// Part of the day a request names ("tonight", "por la mañana").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayPart {
    Morning,
    Afternoon,
    Evening,
}

impl DayPart {
    /// Local hours [from, to) the part covers.
    pub fn hours(self) -> (u32, u32) {
        match self {
            DayPart::Morning => (5, 12),
            DayPart::Afternoon => (12, 18),
            DayPart::Evening => (18, 24),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    /// Local dates, first and last inclusive, in the member's time zone.
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    pub day_part: Option<DayPart>,
    /// A city named in the request, spelled as Kindred's data spells it.
    pub city: Option<String>,
    /// An event type key (`milonga`, `class`, `group_practice`…).
    pub event_type: Option<String>,
    /// A place type key (`coffee`, `studio`…).
    pub place_type: Option<String>,
    /// A practice category slug (`grounding`, `breath`…).
    pub category: Option<String>,
    /// A length in minutes ("a 10-minute technique").
    pub minutes: Option<u32>,
    pub near_me: bool,
    pub open_now: bool,
    /// Quiet / low anxiety.
    pub quiet: bool,
    pub beginner: bool,
    pub online: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Understood {
    pub intent: Intent,
    pub lang: Lang,
    pub entities: Entities,
}

/// The longest request the assistant reads.
pub const ASK_MAX: usize = 500;

/// A result the answer links to, with an optional action the member can take from it (the
/// action is a button that calls the ordinary server function; the assistant never acts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    pub title: String,
    pub subtitle: String,
    pub href: String,
    pub action: Option<CardAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CardAction {
    /// "Going?" on an upcoming event.
    RsvpGoing { event_id: uuid::Uuid },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub message_id: uuid::Uuid,
    /// The member's request (true) or the assistant's answer.
    pub from_member: bool,
    pub body: String,
    pub cards: Vec<Card>,
    /// Local time, e.g. "7 Dec, 18:05".
    pub at: String,
}

/// The member's conversation, oldest first, with a cursor for earlier messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Thread {
    pub messages: Vec<Message>,
    pub earlier: Option<String>,
}
