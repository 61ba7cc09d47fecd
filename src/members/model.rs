//! Member profiles: what others see, and what a member may change about themselves.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::model::{DisplayName, SiteRole};
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "tango_role", rename_all = "lowercase"))]
pub enum TangoRole {
    Leader,
    Follower,
    Both,
}

impl TangoRole {
    pub const ALL: [TangoRole; 3] = [TangoRole::Leader, TangoRole::Follower, TangoRole::Both];

    pub fn key(self) -> &'static str {
        match self {
            TangoRole::Leader => "leader",
            TangoRole::Follower => "follower",
            TangoRole::Both => "both",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TangoRole::Leader => "Leader",
            TangoRole::Follower => "Follower",
            TangoRole::Both => "Leader and follower",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.key() == raw.trim())
    }
}

pub use crate::oracle::astro::{AstroSign, Element};

/// A member's public profile. `birth_date` is filled only for the member themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub city: String,
    pub country: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub tango_role: Option<TangoRole>,
    pub astro_sign: Option<AstroSign>,
    pub birth_date: Option<NaiveDate>,
    pub site_role: SiteRole,
    pub joined_at: DateTime<Utc>,
    pub is_self: bool,
    pub followers: i64,
    pub following: i64,
    /// Whether the viewer follows this member.
    pub viewer_follows: bool,
    /// Whether the viewer has blocked this member.
    pub viewer_blocked: bool,
    /// The avatar's display-size URL, if they uploaded one.
    pub avatar: Option<String>,
    /// Where the viewer stands with this member.
    pub connection: crate::people::model::ConnectionState,
    pub connections: i64,
    /// Their journey at places: (level, current streak, longest streak), once they checked in.
    pub journey: Option<(i16, i32, i32)>,
}

/// One row of the member directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberCard {
    pub username: String,
    pub display_name: String,
    pub avatar: Option<String>,
    pub city: String,
    pub country: String,
    pub tango_role: Option<TangoRole>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberPage {
    pub members: Vec<MemberCard>,
    /// Opaque cursor for the next page, if there is one.
    pub next: Option<String>,
}

/// A validated profile change. The time zone is checked against the IANA database on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct ProfileUpdate {
    pub display_name: DisplayName,
    pub bio: String,
    pub city: String,
    pub country: String,
    pub time_zone: String,
    pub languages: Vec<String>,
    pub tango_role: Option<TangoRole>,
    pub birth_date: Option<NaiveDate>,
    pub astro_sign: Option<AstroSign>,
}

/// The raw form, as typed. Missing fields read as empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub display_name: String,
    pub bio: String,
    pub city: String,
    pub country: String,
    pub time_zone: String,
    pub languages: String,
    pub tango_role: String,
    pub birth_date: String,
    pub astro_sign: String,
}

pub const BIO_MAX: usize = 2000;

fn bounded(field: &str, label: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let value = raw.trim();
    if value.chars().count() > max {
        return Err(AppError::invalid(field, format!("{label} can be at most {max} characters.")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(AppError::invalid(field, format!("{label} contains characters we can't store.")));
    }
    Ok(value.to_string())
}

impl ProfileUpdate {
    pub fn parse(form: &ProfileForm, today: NaiveDate) -> Result<Self, AppError> {
        let display_name = DisplayName::parse(&form.display_name)?;
        let bio = bounded("bio", "Your bio", &form.bio.replace("\r\n", "\n"), BIO_MAX)?;
        let city = bounded("city", "City", &form.city, 80)?;
        let country = bounded("country", "Country", &form.country, 60)?;
        let time_zone = form.time_zone.trim();
        let time_zone =
            if time_zone.is_empty() { "UTC".to_string() } else { bounded("time_zone", "Time zone", time_zone, 64)? };
        let mut languages: Vec<String> = Vec::new();
        for lang in form.languages.split(',').map(str::trim).filter(|l| !l.is_empty()) {
            let lang = bounded("languages", "Each language", lang, 30)?;
            if !languages.iter().any(|l| l.eq_ignore_ascii_case(&lang)) {
                languages.push(lang);
            }
        }
        if languages.len() > 10 {
            return Err(AppError::invalid("languages", "List at most 10 languages."));
        }
        let tango_role = match form.tango_role.trim() {
            "" => None,
            raw => Some(
                TangoRole::parse(raw)
                    .ok_or_else(|| AppError::invalid("tango_role", "Choose leader, follower or both."))?,
            ),
        };
        let birth_date = match form.birth_date.trim() {
            "" => None,
            raw => {
                let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                    .map_err(|_| AppError::invalid("birth_date", "Enter a date like 1990-04-23."))?;
                if date > today {
                    return Err(AppError::invalid("birth_date", "Your birth date can't be in the future."));
                }
                if date < NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date") {
                    return Err(AppError::invalid("birth_date", "Enter a birth date after 1900."));
                }
                Some(date)
            }
        };
        let astro_sign = match form.astro_sign.trim() {
            "" => birth_date.map(AstroSign::from_birth_date),
            raw => Some(
                AstroSign::parse(raw)
                    .ok_or_else(|| AppError::invalid("astro_sign", "Choose one of the twelve signs."))?,
            ),
        };
        Ok(ProfileUpdate { display_name, bio, city, country, time_zone, languages, tango_role, birth_date, astro_sign })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Datelike;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    fn form() -> ProfileForm {
        ProfileForm { display_name: "Ana".into(), ..Default::default() }
    }

    #[test]
    fn sign_from_birth_date_at_the_cusps() {
        let d = |m, d| NaiveDate::from_ymd_opt(1990, m, d).unwrap();
        assert_eq!(AstroSign::from_birth_date(d(3, 21)), AstroSign::Aries);
        assert_eq!(AstroSign::from_birth_date(d(3, 20)), AstroSign::Pisces);
        assert_eq!(AstroSign::from_birth_date(d(12, 22)), AstroSign::Capricorn);
        assert_eq!(AstroSign::from_birth_date(d(1, 19)), AstroSign::Capricorn);
        assert_eq!(AstroSign::from_birth_date(d(1, 20)), AstroSign::Aquarius);
        assert_eq!(AstroSign::from_birth_date(d(2, 29.min(28))), AstroSign::Pisces);
        assert_eq!(AstroSign::from_birth_date(d(8, 1)), AstroSign::Leo);
        assert_eq!(AstroSign::Leo.element(), Element::Fire);
        assert_eq!(AstroSign::Pisces.element(), Element::Water);
    }

    #[test]
    fn every_day_of_a_leap_year_has_a_sign_matching_the_table() {
        let mut day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let mut changes = 0;
        let mut last = AstroSign::from_birth_date(day);
        while day.year() == 2024 {
            let sign = AstroSign::from_birth_date(day);
            if sign != last {
                changes += 1;
                last = sign;
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(changes, 12, "twelve sign changes through the year");
    }

    #[test]
    fn profile_derives_sign_and_dedupes_languages() {
        let f =
            ProfileForm { birth_date: "1988-07-30".into(), languages: "Spanish, english, English ,".into(), ..form() };
        let p = ProfileUpdate::parse(&f, today()).unwrap();
        assert_eq!(p.astro_sign, Some(AstroSign::Leo));
        assert_eq!(p.languages, vec!["Spanish".to_string(), "english".to_string()]);
        assert_eq!(p.time_zone, "UTC");
    }

    #[test]
    fn chosen_sign_wins_over_birth_date() {
        let f = ProfileForm { birth_date: "1988-07-30".into(), astro_sign: "pisces".into(), ..form() };
        assert_eq!(ProfileUpdate::parse(&f, today()).unwrap().astro_sign, Some(AstroSign::Pisces));
    }

    #[test]
    fn bad_fields_are_named() {
        let cases = [
            (ProfileForm { birth_date: "2030-01-01".into(), ..form() }, "birth_date"),
            (ProfileForm { birth_date: "yesterday".into(), ..form() }, "birth_date"),
            (ProfileForm { tango_role: "dj".into(), ..form() }, "tango_role"),
            (ProfileForm { astro_sign: "ophiuchus".into(), ..form() }, "astro_sign"),
            (ProfileForm { bio: "x".repeat(BIO_MAX + 1), ..form() }, "bio"),
            (ProfileForm { city: "c".repeat(81), ..form() }, "city"),
            (ProfileForm { display_name: " ".into(), ..form() }, "display_name"),
            (
                ProfileForm { languages: (0..11).map(|i| format!("l{i}")).collect::<Vec<_>>().join(","), ..form() },
                "languages",
            ),
        ];
        for (f, field) in cases {
            let err = ProfileUpdate::parse(&f, today()).unwrap_err();
            assert!(err.for_field(field).is_some(), "{field}: {err:?}");
        }
    }
}
