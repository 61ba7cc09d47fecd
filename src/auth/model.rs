//! Account types shared by server and browser, with parse-don't-validate newtypes.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

pub const PASSWORD_MIN_CHARS: usize = 8;
pub const PASSWORD_MAX_CHARS: usize = 128;

/// A username: 3–30 characters, lowercase letters, digits and `_`, starting with a letter.
/// Stored lowercase so that `Ana` and `ana` cannot both exist.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim().to_lowercase();
        let len = name.chars().count();
        if len < 3 || len > 30 {
            return Err(AppError::invalid("username", "Usernames are 3 to 30 characters long."));
        }
        if !name.starts_with(|c: char| c.is_ascii_lowercase()) {
            return Err(AppError::invalid("username", "Usernames start with a letter."));
        }
        if !name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
            return Err(AppError::invalid("username", "Use only letters, digits and underscores (a–z, 0–9, _)."));
        }
        Ok(Username(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An email address, trimmed and lowercased. Checked for shape only; ownership is not verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let email = raw.trim().to_lowercase();
        let bad = || AppError::invalid("email", "Enter an email address like name@example.org.");
        if email.is_empty() {
            return Err(AppError::invalid("email", "Enter your email address."));
        }
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(bad());
        }
        let (local, domain) = email.split_once('@').ok_or_else(bad)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || local.len() > 64 || !domain_ok {
            return Err(bad());
        }
        Ok(Email(email))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A display name: 1–60 characters after trimming, no control characters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim();
        let len = name.chars().count();
        if len == 0 {
            return Err(AppError::invalid("display_name", "Enter the name others will see."));
        }
        if len > 60 {
            return Err(AppError::invalid("display_name", "Keep your name to 60 characters."));
        }
        if name.chars().any(char::is_control) {
            return Err(AppError::invalid("display_name", "Names cannot contain control characters."));
        }
        Ok(DisplayName(name.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "site_role", rename_all = "lowercase"))]
pub enum SiteRole {
    Member,
    Moderator,
    Admin,
}

impl SiteRole {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim().to_lowercase().as_str() {
            "member" => Some(SiteRole::Member),
            "moderator" => Some(SiteRole::Moderator),
            "admin" => Some(SiteRole::Admin),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SiteRole::Member => "Member",
            SiteRole::Moderator => "Moderator",
            SiteRole::Admin => "Admin",
        }
    }

    pub fn can_moderate(self) -> bool {
        matches!(self, SiteRole::Moderator | SiteRole::Admin)
    }
}

/// Who is signed in, as every page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentMember {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub site_role: SiteRole,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercased_and_checked() {
        assert_eq!(Username::parse("  Ana_Tango ").unwrap().as_str(), "ana_tango");
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("1abc").is_err());
        assert!(Username::parse("ana-tango").is_err());
        assert!(Username::parse("añá").is_err());
        assert!(Username::parse(&"a".repeat(31)).is_err());
        assert!(Username::parse(&"a".repeat(30)).is_ok());
    }

    #[test]
    fn emails_are_normalised_and_shape_checked() {
        assert_eq!(Email::parse(" Ana@Example.ORG ").unwrap().as_str(), "ana@example.org");
        for bad in ["", "ana", "ana@", "@example.org", "ana@example", "a b@example.org", "ana@.org", "ana@example..org"]
        {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
        let err = Email::parse("nope").unwrap_err();
        assert!(err.for_field("email").is_some());
    }

    #[test]
    fn display_names_are_trimmed_and_bounded() {
        assert_eq!(DisplayName::parse("  Ana María ").unwrap().as_str(), "Ana María");
        assert!(DisplayName::parse("   ").is_err());
        assert!(DisplayName::parse(&"é".repeat(60)).is_ok());
        assert!(DisplayName::parse(&"é".repeat(61)).is_err());
        assert!(DisplayName::parse("a\u{7}b").is_err());
    }

    #[test]
    fn roles_parse_and_moderate() {
        assert_eq!(SiteRole::parse("Admin"), Some(SiteRole::Admin));
        assert_eq!(SiteRole::parse("owner"), None);
        assert!(SiteRole::Moderator.can_moderate());
        assert!(!SiteRole::Member.can_moderate());
    }
}

/// A member as pages show them anywhere: by name, with their picture, linking to their profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberRef {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub avatar_id: Option<Uuid>,
}
