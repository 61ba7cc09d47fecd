//! Spirit guide and oracle types shared by server and browser, and the XP rules.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;
use crate::oracle::astro::{AstroSign, Element};

/// XP a guide gains from its member's engagements (each post and kind counts once, ever).
pub const XP_LIKE: i32 = 5;
pub const XP_UPVOTE: i32 = 10;
pub const XP_DOWNVOTE: i32 = 2;
pub const XP_ENERGY: i32 = 20;
pub const XP_COMMENT: i32 = 3;
pub const XP_PER_LEVEL: i32 = 100;

pub const QUESTION_MAX: usize = 280;

/// Level 1 at 0 XP, level 2 at 100, and so on.
pub fn level_for(xp: i32) -> i32 {
    xp.max(0) / XP_PER_LEVEL + 1
}

/// Percent of the way from the current level to the next.
pub fn progress_pct(xp: i32) -> i32 {
    xp.max(0) % XP_PER_LEVEL * 100 / XP_PER_LEVEL
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct XpEvent {
    pub at: DateTime<Utc>,
    pub action: String,
    pub gain: i32,
    pub xp_after: i32,
    pub level_after: i32,
    pub levelled_up: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guide {
    pub name: String,
    pub description: String,
    pub element: Element,
    pub element_reason: String,
    pub xp: i32,
    pub timeline: Vec<XpEvent>,
}

impl Guide {
    pub fn level(&self) -> i32 {
        level_for(self.xp)
    }

    pub fn xp_to_next(&self) -> i32 {
        XP_PER_LEVEL - self.xp.max(0) % XP_PER_LEVEL
    }
}

/// The questionnaire as typed. Every answer is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct QuestionnaireForm {
    pub religious: String,
    pub spiritual: String,
    pub path: String,
    pub beliefs: String,
    pub offerings: String,
    pub astro_sign: String,
}

/// Validated answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub religious: Option<bool>,
    pub spiritual: Option<bool>,
    pub path: String,
    pub beliefs: String,
    pub offerings: String,
    pub astro_sign: Option<AstroSign>,
}

fn yes_no(field: &str, raw: &str) -> Result<Option<bool>, AppError> {
    match raw.trim() {
        "" => Ok(None),
        "yes" => Ok(Some(true)),
        "no" => Ok(Some(false)),
        _ => Err(AppError::invalid(field, "Choose yes, no, or leave it unanswered.")),
    }
}

fn text(field: &str, label: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let value = raw.trim().replace("\r\n", "\n");
    if value.chars().count() > max {
        return Err(AppError::invalid(field, format!("{label} can be at most {max} characters.")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(AppError::invalid(field, format!("{label} contains characters we can't store.")));
    }
    Ok(value)
}

impl Questionnaire {
    /// `birth_sign` (from the profile) is used when no sign is chosen here.
    pub fn parse(form: &QuestionnaireForm, birth_sign: Option<AstroSign>) -> Result<Self, AppError> {
        Ok(Questionnaire {
            religious: yes_no("religious", &form.religious)?,
            spiritual: yes_no("spiritual", &form.spiritual)?,
            path: text("path", "Your path", &form.path, 200)?,
            beliefs: text("beliefs", "Beliefs", &form.beliefs, 1000)?,
            offerings: text("offerings", "Offerings", &form.offerings, 500)?,
            astro_sign: match form.astro_sign.trim() {
                "" => birth_sign,
                raw => Some(
                    AstroSign::parse(raw)
                        .ok_or_else(|| AppError::invalid("astro_sign", "Choose one of the twelve signs."))?,
                ),
            },
        })
    }
}

/// A validated question for a three-card spread.
pub fn parse_question(raw: &str) -> Result<String, AppError> {
    let q = raw.trim();
    if q.is_empty() {
        return Err(AppError::invalid("question", "Ask a question for the cards."));
    }
    if q.chars().count() > QUESTION_MAX {
        return Err(AppError::invalid("question", format!("Keep your question to {QUESTION_MAX} characters.")));
    }
    if q.chars().any(char::is_control) {
        return Err(AppError::invalid("question", "Your question contains characters we can't store."));
    }
    Ok(q.to_string())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadingKind {
    Daily,
    Spread,
}

/// One card as it lies in a reading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlacedCard {
    pub card_id: u8,
    pub slug: String,
    pub name: String,
    pub reversed: bool,
    /// "Today", "Past", "Present" or "Future".
    pub position: String,
    pub meaning: String,
    pub keywords: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub reading_id: Uuid,
    pub kind: ReadingKind,
    pub date: Option<NaiveDate>,
    pub question: Option<String>,
    pub cards: Vec<PlacedCard>,
    pub title: String,
    pub guidance: String,
    pub symbols: Vec<String>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReadingPage {
    pub readings: Vec<Reading>,
    pub next: Option<String>,
}

/// A card of the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardInfo {
    pub id: u8,
    pub slug: String,
    pub name: String,
    /// "Major arcana" or the suit's name.
    pub group: String,
    pub element: Element,
    pub keywords_upright: Vec<String>,
    pub keywords_reversed: Vec<String>,
    pub upright: String,
    pub reversed: String,
    pub symbols: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardCount {
    pub slug: String,
    pub name: String,
    pub count: i64,
}

/// What the member's readings drew over a window of days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalStats {
    pub days: i32,
    pub readings: i64,
    pub cards_drawn: i64,
    pub top_cards: Vec<CardCount>,
    /// Major arcana, wands, cups, swords, pentacles — in that order.
    pub groups: Vec<(String, i64)>,
    /// Fire, water, earth, air — in that order.
    pub elements: Vec<(Element, i64)>,
}

/// The post text for sharing a reading to the feed (markdown).
pub fn share_text(reading: &Reading) -> String {
    let mut text = format!("**{}**\n\n", reading.title);
    if let Some(q) = &reading.question {
        text.push_str(&format!("> {q}\n\n"));
    }
    let cards: Vec<String> = reading
        .cards
        .iter()
        .map(|c| format!("{}: {}{}", c.position, c.name, if c.reversed { " (reversed)" } else { "" }))
        .collect();
    text.push_str(&cards.join(" · "));
    if let Some(first) = reading.guidance.split("\n\n").next() {
        text.push_str("\n\n");
        text.push_str(first);
    }
    text.push_str("\n\n#oracle");
    text.chars().take(4900).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_come_every_hundred_xp() {
        assert_eq!(level_for(0), 1);
        assert_eq!(level_for(99), 1);
        assert_eq!(level_for(100), 2);
        assert_eq!(level_for(250), 3);
        assert_eq!(level_for(-5), 1);
        assert_eq!(progress_pct(250), 50);
        assert_eq!(progress_pct(99), 99);
    }

    #[test]
    fn questionnaire_answers_are_optional_and_bounded() {
        let q = Questionnaire::parse(&QuestionnaireForm::default(), Some(AstroSign::Leo)).unwrap();
        assert_eq!(q.religious, None);
        assert_eq!(q.astro_sign, Some(AstroSign::Leo), "falls back to the profile's sign");
        let form = QuestionnaireForm { religious: "maybe".into(), ..Default::default() };
        assert!(Questionnaire::parse(&form, None).unwrap_err().for_field("religious").is_some());
        let form = QuestionnaireForm { path: "x".repeat(201), ..Default::default() };
        assert!(Questionnaire::parse(&form, None).unwrap_err().for_field("path").is_some());
        let form = QuestionnaireForm { astro_sign: "pisces".into(), spiritual: "yes".into(), ..Default::default() };
        let q = Questionnaire::parse(&form, Some(AstroSign::Leo)).unwrap();
        assert_eq!(q.astro_sign, Some(AstroSign::Pisces));
        assert_eq!(q.spiritual, Some(true));
    }

    #[test]
    fn questions_are_required_and_capped() {
        assert!(parse_question("   ").is_err());
        assert!(parse_question(&"a".repeat(280)).is_ok());
        assert!(parse_question(&"a".repeat(281)).is_err());
        assert_eq!(parse_question("  Will I dance tonight? ").unwrap(), "Will I dance tonight?");
    }
}
