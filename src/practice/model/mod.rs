//! Practice types shared by server and browser.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub const NOTES_MAX: usize = 2000;
pub const TECHNIQUE_NOTES_MAX: usize = 4000;
pub const CHECK_IN_NOTE_MAX: usize = 1000;
pub const SEARCH_MAX: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "practice_feedback", rename_all = "lowercase"))]
pub enum Feedback {
    Bad,
    Neutral,
    Good,
}

impl Feedback {
    pub const ALL: [Feedback; 3] = [Feedback::Good, Feedback::Neutral, Feedback::Bad];
    pub fn key(self) -> &'static str {
        match self {
            Feedback::Bad => "bad",
            Feedback::Neutral => "neutral",
            Feedback::Good => "good",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Feedback::Bad => "Hard going",
            Feedback::Neutral => "Neutral",
            Feedback::Good => "Good",
        }
    }
    pub fn parse(raw: &str) -> Option<Feedback> {
        Self::ALL.into_iter().find(|f| f.key() == raw.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "practice_kind", rename_all = "lowercase"))]
pub enum SessionKind {
    Solo,
    Group,
    Teaching,
    Guided,
}

impl SessionKind {
    pub const ALL: [SessionKind; 4] =
        [SessionKind::Solo, SessionKind::Group, SessionKind::Teaching, SessionKind::Guided];
    pub fn key(self) -> &'static str {
        match self {
            SessionKind::Solo => "solo",
            SessionKind::Group => "group",
            SessionKind::Teaching => "teaching",
            SessionKind::Guided => "guided",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            SessionKind::Solo => "On my own",
            SessionKind::Group => "In a group",
            SessionKind::Teaching => "Teaching",
            SessionKind::Guided => "Guided (recording or teacher)",
        }
    }
    pub fn parse(raw: &str) -> Option<SessionKind> {
        Self::ALL.into_iter().find(|k| k.key() == raw.trim())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    pub colour: String,
}

/// The library's filters (a GET form; every field optional).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LibraryFilter {
    pub q: String,
    pub category: String,
    /// "" or 1–5
    pub difficulty: String,
    /// "", "unlocked", "locked" or "favourites"
    pub status: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueCard {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub category: Category,
    pub minutes: i32,
    pub difficulty: i16,
    pub gateway: bool,
    pub requires_verification: bool,
    pub unlocked: bool,
    pub favourite: bool,
    pub sessions: i32,
    pub mastery: i16,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Library {
    pub signed_in: bool,
    pub categories: Vec<Category>,
    pub techniques: Vec<TechniqueCard>,
    /// The signed-in member's streak summary (None for visitors).
    pub streak: Option<StreakSummary>,
    /// True until the member's first session: the page offers paths to start on.
    pub new_here: bool,
    /// The path the member chose, while some of its first techniques are still unpractised.
    pub path: Option<PracticePath>,
    /// The paths to choose from (categories with gateway techniques).
    pub path_choices: Vec<PathChoice>,
    /// Moderators edit the library.
    pub can_edit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StreakSummary {
    pub current: i32,
    pub longest: i32,
    pub freezes: i16,
    pub checked_in_today: bool,
}

/// The member's own relation to a technique.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyTechnique {
    pub unlocked: bool,
    /// What unlocking still needs, one phrase each (empty when unlocked).
    pub missing: Vec<String>,
    pub sessions: i32,
    pub minutes: i64,
    pub mastery: i16,
    pub favourite: bool,
    pub notes: String,
    pub first_practised_at: Option<DateTime<Utc>>,
    pub last_practised_at: Option<DateTime<Utc>>,
    pub verified: bool,
    pub checked_in_today: bool,
    /// The member's time zone (the log form's times are local to it).
    pub time_zone: String,
    /// Their latest verification request, for techniques that require one.
    pub verification: Option<MyVerification>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueDetail {
    pub technique_id: Uuid,
    pub slug: String,
    pub name: String,
    pub summary: String,
    /// The guide as sanitised HTML.
    pub guide_html: String,
    pub media_url: Option<String>,
    pub category: Category,
    pub minutes: i32,
    pub difficulty: i16,
    pub gateway: bool,
    pub requires_verification: bool,
    /// (slug, name)
    pub prerequisite: Option<(String, String)>,
    /// Techniques this one opens the way to: (slug, name)
    pub leads_to: Vec<(String, String)>,
    /// The verification questions (techniques that require verification).
    pub questions: Vec<String>,
    pub active: bool,
    /// None for visitors.
    pub mine: Option<MyTechnique>,
    pub can_edit: bool,
}

/// A session to save: from the timer (`started_at` RFC 3339 and `seconds`) or logged by hand
/// (`start_local` in the member's zone and `minutes`). Strings, so a bad value comes back as a
/// message next to its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    pub technique: String,
    pub started_at: String,
    pub seconds: String,
    pub start_local: String,
    pub minutes: String,
    pub feedback: String,
    pub kind: String,
    pub notes: String,
    /// "on" when the session is also today's check-in.
    pub check_in: String,
    pub mood_before: String,
    pub mood_after: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CheckInForm {
    pub technique: String,
    pub mood_before: String,
    pub mood_after: String,
    pub note: String,
}

/// What saving a session (or a check-in) changed, for the confirmation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    pub session_id: Option<Uuid>,
    pub xp: i32,
    /// XP the daily cap held back.
    pub capped: bool,
    pub category: String,
    pub level: i32,
    pub levelled_up: bool,
    pub streak: i32,
    pub checked_in: bool,
    pub freeze_earned: bool,
    /// Names of techniques this unlocked.
    pub unlocked: Vec<String>,
    /// Names of achievements this earned.
    pub achievements: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRow {
    pub session_id: Uuid,
    pub technique_slug: String,
    pub technique: String,
    pub category: Category,
    pub started_at: DateTime<Utc>,
    pub local_day: NaiveDate,
    pub minutes: i32,
    pub feedback: Option<Feedback>,
    pub kind: SessionKind,
    pub notes: String,
    pub xp: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CategoryProgress {
    pub category: Category,
    pub xp: i32,
    pub level: i32,
    /// XP at the start of this level and at the next.
    pub level_floor: i32,
    pub next_level_at: i32,
}

/// One week's minutes per category (the chart's bars), oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekMinutes {
    pub week_start: NaiveDate,
    /// (category slug, minutes)
    pub minutes: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MoodPoint {
    pub day: NaiveDate,
    pub before: i16,
    pub after: i16,
}

/// A day on the streak strip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum DayMark {
    CheckedIn,
    Frozen,
    Missed,
    Today,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MyPractice {
    pub streak: StreakSummary,
    /// The last 28 local days, oldest first.
    pub days: Vec<(NaiveDate, DayMark)>,
    pub sessions: i32,
    pub minutes: i64,
    pub days_active: i32,
    pub check_ins: i32,
    pub categories: Vec<CategoryProgress>,
    pub weeks: Vec<WeekMinutes>,
    pub moods: Vec<MoodPoint>,
    pub recent: Vec<SessionRow>,
    /// Keyset cursor for older sessions.
    pub older: Option<String>,
    pub time_zone: String,
    /// Techniques the member can check in with (unlocked ones): (slug, name).
    pub techniques: Vec<(String, String)>,
    pub achievements_earned: i32,
    pub achievements_total: i32,
    /// Practising events the member went to and has not logged yet.
    pub events_to_log: i32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AchievementView {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub points: i32,
    pub category: Option<Category>,
    pub earned_at: Option<DateTime<Utc>>,
    pub progress: i64,
    pub target: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Achievements {
    pub earned: Vec<AchievementView>,
    pub in_progress: Vec<AchievementView>,
    /// Hidden achievements not yet earned (only their number is shown).
    pub hidden_left: i64,
    pub points: i64,
}

mod peers;
pub use peers::*;

mod challenges;
pub use challenges::*;

mod buddies;
pub use buddies::*;

mod referrals;
pub use referrals::*;

mod together;
pub use together::*;

/// The technique editor's form (moderators). Strings, so a bad value comes back beside its field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TechniqueForm {
    /// The slug being edited, or empty for a new technique.
    pub original: String,
    pub slug: String,
    pub category: String,
    pub name: String,
    pub summary: String,
    pub guide: String,
    pub media_url: String,
    pub minutes: String,
    pub difficulty: String,
    pub prerequisite: String,
    /// Unlock criteria as JSON, e.g. `{"practice_count": 3}`.
    pub unlock: String,
    pub gateway: String,
    pub requires_verification: String,
    /// One question per line.
    pub questions: String,
    pub active: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CategoryForm {
    pub slug: String,
    pub name: String,
    pub colour: String,
    pub position: String,
}

/// What the editor starts from: the technique's current values (or blanks) and the choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TechniqueEditor {
    pub form: TechniqueForm,
    pub categories: Vec<Category>,
    /// (slug, name) of every technique, for the prerequisite.
    pub techniques: Vec<(String, String)>,
}
