//! Connection types shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A new connection starts this close; interactions raise it, inactivity lowers it (0–100).
pub const CLOSENESS_START: f32 = 75.0;
pub const CLOSENESS_MAX: f32 = 100.0;
/// Points per interaction between two connected members.
pub const CLOSENESS_COMMENT: f32 = 2.0;
pub const CLOSENESS_ENGAGEMENT: f32 = 1.0;
pub const CLOSENESS_ENERGY: f32 = 3.0;
pub const CLOSENESS_SHARED_EVENT: f32 = 3.0;
/// Decay: one point per day once a connection has been idle this many days.
pub const CLOSENESS_IDLE_DAYS: i32 = 7;
pub const CLOSENESS_DECAY_PER_DAY: f32 = 1.0;
pub const REQUEST_MESSAGE_MAX: usize = 500;

/// Where the viewer stands with another member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub enum ConnectionState {
    #[default]
    None,
    /// The viewer asked; waiting for the other member.
    Requested,
    /// The other member asked the viewer, with this message.
    Incoming {
        message: String,
    },
    Connected {
        closeness: f32,
    },
}

/// A request's optional note: at most 500 characters.
pub fn parse_request_message(raw: &str) -> Result<String, AppError> {
    let message = raw.trim().replace("\r\n", "\n");
    if message.chars().count() > REQUEST_MESSAGE_MAX {
        return Err(AppError::invalid(
            "message",
            format!("A message can be at most {REQUEST_MESSAGE_MAX} characters."),
        ));
    }
    Ok(message)
}

/// A member as listed on the people pages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonRef {
    pub username: String,
    pub display_name: String,
    pub city: String,
    pub avatar_thumb: Option<String>,
}

impl PersonRef {
    pub fn initial(&self) -> String {
        self.display_name.chars().next().unwrap_or('?').to_uppercase().to_string()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub person: PersonRef,
    /// Rounded to a whole number for display.
    pub closeness: f32,
    pub since: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConnectionRequest {
    pub person: PersonRef,
    pub message: String,
    pub sent_at: DateTime<Utc>,
}

/// Why a member is suggested, strongest reason first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub person: PersonRef,
    pub mutual_connections: i64,
    pub shared_hashtags: Vec<String>,
    pub same_city: bool,
}

impl Suggestion {
    pub fn reason(&self) -> String {
        let mut parts = Vec::new();
        if self.mutual_connections > 0 {
            parts.push(match self.mutual_connections {
                1 => "1 mutual connection".to_string(),
                n => format!("{n} mutual connections"),
            });
        }
        if !self.shared_hashtags.is_empty() {
            let tags: Vec<String> = self.shared_hashtags.iter().take(3).map(|t| format!("#{t}")).collect();
            parts.push(format!("also posts about {}", tags.join(", ")));
        }
        if self.same_city && !self.person.city.is_empty() {
            parts.push(format!("also in {}", self.person.city));
        }
        parts.join(" · ")
    }
}

/// Everything on the people page for the signed-in member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct People {
    pub connections: Vec<Connection>,
    pub incoming: Vec<ConnectionRequest>,
    pub outgoing: Vec<ConnectionRequest>,
    pub suggestions: Vec<Suggestion>,
}

/// Followers or following of one member.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FollowList {
    pub owner: PersonRef,
    pub people: Vec<PersonRef>,
    pub next: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_messages_are_bounded() {
        assert_eq!(parse_request_message("  hi \r\n there ").unwrap(), "hi \n there");
        assert!(parse_request_message(&"x".repeat(REQUEST_MESSAGE_MAX)).is_ok());
        let err = parse_request_message(&"x".repeat(REQUEST_MESSAGE_MAX + 1)).unwrap_err();
        assert!(err.for_field("message").is_some());
    }

    #[test]
    fn suggestion_reasons_read_naturally() {
        let person =
            PersonRef { username: "b".into(), display_name: "B".into(), city: "Berlin".into(), avatar_thumb: None };
        let s = Suggestion {
            person,
            mutual_connections: 2,
            shared_hashtags: vec!["milonga".into(), "vals".into()],
            same_city: true,
        };
        assert_eq!(s.reason(), "2 mutual connections · also posts about #milonga, #vals · also in Berlin");
    }
}
