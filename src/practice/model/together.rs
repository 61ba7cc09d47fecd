//! A newcomer's path, and practising together at events.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Category, TechniqueCard};

/// A category a newcomer can start in, with its gateway techniques' names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PathChoice {
    pub category: Category,
    pub gateways: Vec<String>,
}

/// The member's chosen path: where to begin in it (gateways first, then the next steps).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PracticePath {
    pub category: Category,
    pub techniques: Vec<TechniqueCard>,
}

/// A practising event the member went to or ran, which they can log in one click.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventPractice {
    pub event_id: Uuid,
    pub title: String,
    pub kind: String,
    /// In the member's zone.
    pub when: String,
    pub technique_slug: String,
    pub technique_name: String,
    pub minutes: i32,
    /// They ran it: their session is teaching, not group.
    pub teaching: bool,
    pub logged: bool,
}
