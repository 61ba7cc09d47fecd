//! Report and queue types shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

pub const DETAILS_MAX_CHARS: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "report_reason", rename_all = "snake_case"))]
pub enum ReportReason {
    Spam,
    Harassment,
    Hate,
    Misinformation,
    SelfHarm,
    Other,
}

impl ReportReason {
    pub const ALL: [ReportReason; 6] = [
        ReportReason::Spam,
        ReportReason::Harassment,
        ReportReason::Hate,
        ReportReason::Misinformation,
        ReportReason::SelfHarm,
        ReportReason::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            ReportReason::Spam => "spam",
            ReportReason::Harassment => "harassment",
            ReportReason::Hate => "hate",
            ReportReason::Misinformation => "misinformation",
            ReportReason::SelfHarm => "self_harm",
            ReportReason::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReportReason::Spam => "Spam or advertising",
            ReportReason::Harassment => "Harassment or bullying",
            ReportReason::Hate => "Hate or discrimination",
            ReportReason::Misinformation => "Harmful health misinformation",
            ReportReason::SelfHarm => "Self-harm or someone at risk",
            ReportReason::Other => "Something else",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|r| r.key() == raw.trim())
            .ok_or_else(|| AppError::invalid("reason", "Choose why you are reporting this."))
    }
}

/// What is reported: a post or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    Post(Uuid),
    Comment(Uuid),
}

impl Target {
    /// `post:<id>` or `comment:<id>`, as the forms send it.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let (kind, id) = raw.trim().split_once(':').ok_or(AppError::NotFound)?;
        let id: Uuid = id.parse().map_err(|_| AppError::NotFound)?;
        match kind {
            "post" => Ok(Target::Post(id)),
            "comment" => Ok(Target::Comment(id)),
            _ => Err(AppError::NotFound),
        }
    }

    pub fn key(self) -> String {
        match self {
            Target::Post(id) => format!("post:{id}"),
            Target::Comment(id) => format!("comment:{id}"),
        }
    }

    pub fn noun(self) -> &'static str {
        match self {
            Target::Post(_) => "post",
            Target::Comment(_) => "comment",
        }
    }
}

pub fn parse_details(raw: &str) -> Result<String, AppError> {
    let details = raw.trim().replace("\r\n", "\n");
    if details.chars().count() > DETAILS_MAX_CHARS {
        return Err(AppError::invalid("details", format!("Keep it to {DETAILS_MAX_CHARS} characters.")));
    }
    Ok(details)
}

/// One reported piece of content in the queue, with every open report about it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    pub target: Target,
    /// The post to link to (the comment's post for a comment).
    pub post_id: Uuid,
    pub author_username: String,
    pub author_name: String,
    /// The content as its readers see it (sanitized HTML).
    pub body_html: String,
    pub hidden: bool,
    pub reports: Vec<ReportLine>,
    pub first_reported_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReportLine {
    pub reporter: String,
    pub reason: ReportReason,
    pub details: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Queue {
    pub items: Vec<QueueItem>,
    /// Recently resolved content, newest first, so a mistaken decision can be undone.
    pub recent: Vec<Resolved>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resolved {
    pub target: Target,
    pub post_id: Uuid,
    pub excerpt: String,
    pub resolution: String,
    pub hidden: bool,
    pub resolved_by: String,
    pub resolved_at: DateTime<Utc>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_and_reasons_parse() {
        let id = Uuid::new_v4();
        assert_eq!(Target::parse(&format!("post:{id}")).unwrap(), Target::Post(id));
        assert_eq!(Target::parse(&Target::Comment(id).key()).unwrap(), Target::Comment(id));
        assert!(Target::parse("member:x").is_err());
        assert_eq!(ReportReason::parse("self_harm").unwrap(), ReportReason::SelfHarm);
        assert!(ReportReason::parse("boring").unwrap_err().for_field("reason").is_some());
        assert!(parse_details(&"x".repeat(DETAILS_MAX_CHARS + 1)).is_err());
    }
}
