//! Place types shared by the server and the browser, and the validation of the place form.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

macro_rules! keyed_enum {
    ($(#[$meta:meta])* $name:ident, $sql:literal, [$($variant:ident => $key:literal, $label:literal),* $(,)?]) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(sqlx::Type))]
        #[cfg_attr(feature = "ssr", sqlx(type_name = $sql, rename_all = "snake_case"))]
        pub enum $name {
            $($variant),*
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key),*
                }
            }

            pub fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label),*
                }
            }

            pub fn parse(raw: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.key() == raw.trim())
            }
        }
    };
}

keyed_enum!(
    /// What kind of place it is.
    PlaceType, "place_type", [
        Coffee => "coffee", "Coffee",
        Gym => "gym", "Gym",
        Mentor => "mentor", "Mentor",
        Nutrition => "nutrition", "Nutrition",
        Partner => "partner", "Partner",
        Studio => "studio", "Studio / venue",
    ]
);

keyed_enum!(
    /// How calm a place tends to be: low anxiety is quiet and predictable.
    Anxiety, "anxiety_level", [
        Low => "low", "Low",
        Medium => "medium", "Medium",
        High => "high", "High",
    ]
);

keyed_enum!(
    Mood, "check_in_mood", [
        Calm => "calm", "Calm",
        Anxious => "anxious", "Anxious",
        Neutral => "neutral", "Neutral",
        Motivated => "motivated", "Motivated",
    ]
);

keyed_enum!(
    RewardKind, "reward_kind", [
        Coffee => "coffee", "Coffee",
        GymPass => "gym_pass", "Gym pass",
        Discount => "discount", "Discount",
        Badge => "badge", "Badge",
    ]
);

pub const WEEKDAYS: [(&str, &str); 7] = [
    ("mon", "Monday"),
    ("tue", "Tuesday"),
    ("wed", "Wednesday"),
    ("thu", "Thursday"),
    ("fri", "Friday"),
    ("sat", "Saturday"),
    ("sun", "Sunday"),
];

/// Opening ranges for one day, minutes after midnight. A range may run past midnight
/// (`20:00-02:00` is (1200, 1560)).
pub type DayHours = Vec<(u16, u16)>;

fn parse_clock(raw: &str) -> Option<u16> {
    let (h, m) = raw.trim().split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h <= 24 && m < 60 && (h < 24 || m == 0)).then_some(h * 60 + m)
}

pub fn clock(minutes: u16) -> String {
    format!("{:02}:{:02}", (minutes / 60) % 24, minutes % 60)
}

/// One day's hours as typed: `09:00-17:00, 18:30-22:00`, `closed` or empty (closed).
pub fn parse_day_hours(raw: &str) -> Result<DayHours, String> {
    let text = raw.trim().to_lowercase();
    if text.is_empty() || text == "closed" {
        return Ok(vec![]);
    }
    let mut out = Vec::new();
    for part in text.split(',') {
        let (from, to) = part
            .split_once(['-', '–'])
            .ok_or_else(|| format!("Write hours like 09:00-17:00 (got “{}”).", part.trim()))?;
        let (from, to) = match (parse_clock(from), parse_clock(to)) {
            (Some(f), Some(t)) => (f, t),
            _ => return Err(format!("Write hours like 09:00-17:00 (got “{}”).", part.trim())),
        };
        if from == to {
            return Err("An opening range needs different start and end times.".into());
        }
        // Past midnight: 20:00-02:00 closes at 26:00 on this day's clock.
        out.push((from, if to < from { to + 24 * 60 } else { to }));
    }
    out.sort();
    Ok(out)
}

pub fn day_hours_text(hours: &DayHours) -> String {
    if hours.is_empty() {
        return "Closed".into();
    }
    hours.iter().map(|(f, t)| format!("{}–{}", clock(*f), clock(*t))).collect::<Vec<_>>().join(", ")
}

/// Whether a place with `week` hours (Monday first) is open at `weekday` (0 = Monday), `minute`
/// of the local day. Ranges that run past midnight count on the next morning too.
pub fn is_open(week: &[DayHours; 7], weekday: usize, minute: u16) -> bool {
    let today = week[weekday % 7].iter().any(|(f, t)| minute >= *f && minute < *t);
    let yesterday = week[(weekday + 6) % 7].iter().any(|(_, t)| *t > 24 * 60 && minute + 24 * 60 < *t);
    today || yesterday
}

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 2000;
pub const NOTE_MAX: usize = 500;
pub const RADIUS_MAX_KM: f64 = 200.0;

/// The place form as typed. Missing fields read as empty.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaceForm {
    pub name: String,
    pub place_type: String,
    pub latitude: String,
    pub longitude: String,
    pub address: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub postal_code: String,
    pub description: String,
    pub amenities: String,
    pub anxiety: String,
    pub beginner_friendly: Option<String>,
    pub time_zone: String,
    pub hours_mon: String,
    pub hours_tue: String,
    pub hours_wed: String,
    pub hours_thu: String,
    pub hours_fri: String,
    pub hours_sat: String,
    pub hours_sun: String,
    pub phone: String,
    pub email: String,
    pub website: String,
}

impl PlaceForm {
    pub fn day(&self, key: &str) -> &str {
        match key {
            "mon" => &self.hours_mon,
            "tue" => &self.hours_tue,
            "wed" => &self.hours_wed,
            "thu" => &self.hours_thu,
            "fri" => &self.hours_fri,
            "sat" => &self.hours_sat,
            _ => &self.hours_sun,
        }
    }
}

/// A validated place. The time zone is checked against the IANA database on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInput {
    pub name: String,
    pub place_type: PlaceType,
    pub latitude: f64,
    pub longitude: f64,
    pub address: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub postal_code: String,
    pub description: String,
    pub amenities: Vec<String>,
    pub anxiety: Anxiety,
    pub beginner_friendly: bool,
    pub time_zone: String,
    /// Monday first.
    pub hours: [DayHours; 7],
    pub phone: String,
    pub email: String,
    pub website: String,
}

fn text(field: &str, label: &str, raw: &str, max: usize) -> Result<String, AppError> {
    let value = raw.trim().to_string();
    if value.chars().count() > max {
        return Err(AppError::invalid(field, format!("{label} can be at most {max} characters.")));
    }
    Ok(value)
}

pub fn parse_coordinate(field: &str, raw: &str, limit: f64) -> Result<f64, AppError> {
    let label = if field == "latitude" { "Latitude" } else { "Longitude" };
    let value: f64 = raw
        .trim()
        .replace(',', ".")
        .parse()
        .map_err(|_| AppError::invalid(field, format!("{label} is a number, like 51.5074.")))?;
    if !value.is_finite() || value.abs() > limit {
        return Err(AppError::invalid(field, format!("{label} must be between -{limit} and {limit}.")));
    }
    Ok(value)
}

impl PlaceInput {
    pub fn parse(form: &PlaceForm) -> Result<Self, AppError> {
        let name = text("name", "The name", &form.name, NAME_MAX)?;
        if name.is_empty() {
            return Err(AppError::invalid("name", "Give the place a name."));
        }
        let place_type = PlaceType::parse(&form.place_type)
            .ok_or_else(|| AppError::invalid("place_type", "Choose a kind of place."))?;
        let latitude = parse_coordinate("latitude", &form.latitude, 90.0)?;
        let longitude = parse_coordinate("longitude", &form.longitude, 180.0)?;
        let anxiety = match form.anxiety.trim() {
            "" => Anxiety::Medium,
            raw => Anxiety::parse(raw).ok_or_else(|| AppError::invalid("anxiety", "Choose low, medium or high."))?,
        };
        let amenities: Vec<String> =
            form.amenities.split(',').map(|a| a.trim().to_string()).filter(|a| !a.is_empty()).collect();
        if amenities.len() > 20 || amenities.iter().any(|a| a.chars().count() > 40) {
            return Err(AppError::invalid("amenities", "Up to 20 amenities of at most 40 characters each."));
        }
        let mut hours: [DayHours; 7] = Default::default();
        for (i, (key, day)) in WEEKDAYS.iter().enumerate() {
            hours[i] = parse_day_hours(form.day(key))
                .map_err(|m| AppError::invalid(&format!("hours_{key}"), format!("{day}: {m}")))?;
        }
        let email = text("email", "The email", &form.email, 200)?;
        if !email.is_empty() && !(email.contains('@') && email.contains('.')) {
            return Err(AppError::invalid("email", "That doesn't look like an email address."));
        }
        let website = text("website", "The website", &form.website, 300)?;
        if !website.is_empty() && !(website.starts_with("https://") || website.starts_with("http://")) {
            return Err(AppError::invalid("website", "Start the website with https://"));
        }
        let time_zone = match form.time_zone.trim() {
            "" => "UTC".to_string(),
            tz => text("time_zone", "The time zone", tz, 64)?,
        };
        Ok(PlaceInput {
            name,
            place_type,
            latitude,
            longitude,
            address: text("address", "The address", &form.address, 200)?,
            city: text("city", "The city", &form.city, 80)?,
            region: text("region", "The region", &form.region, 80)?,
            country: text("country", "The country", &form.country, 80)?,
            postal_code: text("postal_code", "The postal code", &form.postal_code, 20)?,
            description: text("description", "The description", &form.description, DESCRIPTION_MAX)?,
            amenities,
            anxiety,
            beginner_friendly: form.beginner_friendly.as_deref().is_some_and(|v| v == "on" || v == "true"),
            time_zone,
            hours,
            phone: text("phone", "The phone number", &form.phone, 40)?,
            email,
            website,
        })
    }

    /// Hours as stored: `{"mon": [["09:00","17:00"]], ...}` (end times past midnight as 26:00).
    pub fn hours_json(&self) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (i, (key, _)) in WEEKDAYS.iter().enumerate() {
            let ranges: Vec<serde_json::Value> = self.hours[i]
                .iter()
                .map(|(f, t)| {
                    serde_json::json!([format!("{:02}:{:02}", f / 60, f % 60), format!("{:02}:{:02}", t / 60, t % 60)])
                })
                .collect();
            map.insert((*key).to_string(), serde_json::Value::Array(ranges));
        }
        serde_json::Value::Object(map)
    }
}

/// Reads stored hours back (see [`PlaceInput::hours_json`]).
pub fn hours_from_json(value: &serde_json::Value) -> [DayHours; 7] {
    let mut week: [DayHours; 7] = Default::default();
    for (i, (key, _)) in WEEKDAYS.iter().enumerate() {
        if let Some(ranges) = value.get(key).and_then(|v| v.as_array()) {
            for r in ranges {
                let from = r.get(0).and_then(|v| v.as_str()).and_then(parse_clock_any);
                let to = r.get(1).and_then(|v| v.as_str()).and_then(parse_clock_any);
                if let (Some(f), Some(t)) = (from, to) {
                    week[i].push((f, t));
                }
            }
        }
    }
    week
}

/// Like the form's clock, but allows stored end times past midnight (up to 48:00).
fn parse_clock_any(raw: &str) -> Option<u16> {
    let (h, m) = raw.split_once(':')?;
    let (h, m): (u16, u16) = (h.parse().ok()?, m.parse().ok()?);
    (h < 48 && m < 60).then_some(h * 60 + m)
}

/// A place as listed on the map and in the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCard {
    pub place_id: Uuid,
    pub name: String,
    pub place_type: PlaceType,
    pub latitude: f64,
    pub longitude: f64,
    pub address: String,
    pub city: String,
    pub anxiety: Anxiety,
    pub beginner_friendly: bool,
    pub verified: bool,
    pub open_now: Option<bool>,
    pub rating: f64,
    pub review_count: i32,
    pub check_in_count: i32,
    /// Kilometres from the searched point, when searching near one.
    pub distance_km: Option<f64>,
}

/// One place's page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceDetail {
    pub card: PlaceCard,
    pub region: String,
    pub country: String,
    pub postal_code: String,
    pub description: String,
    pub amenities: Vec<String>,
    pub time_zone: String,
    /// (weekday name, hours text), Monday first.
    pub hours: Vec<(String, String)>,
    pub phone: String,
    pub email: String,
    pub website: String,
    /// (media id, thumbnail URL, display URL)
    pub images: Vec<(Uuid, String, String)>,
    pub partner: Option<String>,
    pub proposed_by: Option<String>,
    pub can_edit: bool,
    pub can_moderate: bool,
    /// The raw form values, for the edit page (only for those who may edit).
    pub form: Option<PlaceForm>,
    /// The viewer's check-ins here (newest first, at most 5).
    pub my_check_ins: Vec<CheckInLine>,
    pub reviews: Reviews,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckInLine {
    pub mood: Mood,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// Search and filters for the map and list. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaceFilter {
    /// `west,south,east,north` of the map view.
    pub bbox: Option<String>,
    pub place_type: Option<String>,
    pub anxiety: Option<String>,
    pub beginner: Option<String>,
    pub verified: Option<String>,
    pub open_now: Option<String>,
    /// A city to search in or near.
    pub near: Option<String>,
    pub lat: Option<String>,
    pub lng: Option<String>,
    pub radius_km: Option<String>,
}

/// Map tiles (URL template and attribution), from the server's configuration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MapConfig {
    pub tile_url: String,
    pub attribution: String,
}

/// A map view: west, south, east, north in degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let bad = || AppError::invalid("bbox", "That map view is not valid.");
        let parts: Vec<f64> =
            raw.split(',').map(|p| p.trim().parse::<f64>()).collect::<Result<_, _>>().map_err(|_| bad())?;
        let [west, south, east, north] = parts[..] else { return Err(bad()) };
        let ok = [west, east].iter().all(|v| v.is_finite() && v.abs() <= 180.0)
            && [south, north].iter().all(|v| v.is_finite() && v.abs() <= 90.0)
            && south < north
            && west < east;
        if !ok {
            return Err(bad());
        }
        Ok(BBox { west, south, east, north })
    }

    /// The box around a point that contains every point within `km` of it.
    pub fn around(lat: f64, lng: f64, km: f64) -> Self {
        let dlat = km / 111.2;
        let dlng = km / (111.2 * lat.to_radians().cos().abs().max(0.01));
        BBox {
            west: (lng - dlng).max(-180.0),
            south: (lat - dlat).max(-90.0),
            east: (lng + dlng).min(180.0),
            north: (lat + dlat).min(90.0),
        }
    }
}

/// The validated filter.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaceQuery {
    pub bbox: Option<BBox>,
    pub place_type: Option<PlaceType>,
    pub anxiety: Option<Anxiety>,
    pub beginner: bool,
    pub verified: bool,
    pub open_now: bool,
    pub near_city: Option<String>,
    /// (lat, lng, radius km)
    pub around: Option<(f64, f64, f64)>,
}

fn flag(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|v| matches!(v, "on" | "true" | "1"))
}

impl PlaceQuery {
    pub fn parse(f: &PlaceFilter) -> Result<Self, AppError> {
        let opt = |v: &Option<String>| v.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string);
        let place_type = match opt(&f.place_type) {
            Some(t) => {
                Some(PlaceType::parse(&t).ok_or_else(|| AppError::invalid("place_type", "Choose a kind of place."))?)
            }
            None => None,
        };
        let anxiety = match opt(&f.anxiety) {
            Some(a) => {
                Some(Anxiety::parse(&a).ok_or_else(|| AppError::invalid("anxiety", "Choose low, medium or high."))?)
            }
            None => None,
        };
        let radius = match opt(&f.radius_km) {
            Some(r) => {
                let r: f64 =
                    r.parse().map_err(|_| AppError::invalid("radius_km", "The distance is a number of kilometres."))?;
                if !(0.1..=RADIUS_MAX_KM).contains(&r) {
                    return Err(AppError::invalid("radius_km", format!("Search within 0.1 to {RADIUS_MAX_KM} km.")));
                }
                r
            }
            None => 5.0,
        };
        let around = match (opt(&f.lat), opt(&f.lng)) {
            (Some(lat), Some(lng)) => {
                Some((parse_coordinate("latitude", &lat, 90.0)?, parse_coordinate("longitude", &lng, 180.0)?, radius))
            }
            _ => None,
        };
        let near_city = opt(&f.near).map(|c| c.chars().take(80).collect());
        let bbox = match opt(&f.bbox) {
            Some(b) => Some(BBox::parse(&b)?),
            None => None,
        };
        Ok(PlaceQuery {
            bbox,
            place_type,
            anxiety,
            beginner: flag(&f.beginner),
            verified: flag(&f.verified),
            open_now: flag(&f.open_now),
            near_city,
            around,
        })
    }
}

/// The list for the map page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceList {
    pub places: Vec<PlaceCard>,
    /// More matched than are listed (zoom in or filter).
    pub truncated: bool,
    /// Where the map should start when the search is by city or point: (lat, lng).
    pub center: Option<(f64, f64)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_parse_and_open_now_handles_midnight() {
        assert_eq!(parse_day_hours("09:00-17:00, 18:30-22:00").unwrap(), vec![(540, 1020), (1110, 1320)]);
        assert_eq!(parse_day_hours(" closed ").unwrap(), vec![]);
        assert!(parse_day_hours("9am-5pm").is_err());
        assert!(parse_day_hours("25:00-26:00").is_err());
        let mut week: [DayHours; 7] = Default::default();
        week[4] = parse_day_hours("20:00-02:00").unwrap(); // Friday night
        assert!(is_open(&week, 4, 21 * 60));
        assert!(!is_open(&week, 4, 19 * 60));
        assert!(is_open(&week, 5, 60), "Saturday 01:00 is still Friday's night");
        assert!(!is_open(&week, 5, 3 * 60));
        assert!(is_open(&[vec![(0, 1440)], vec![], vec![], vec![], vec![], vec![], vec![]], 0, 1439));
        assert_eq!(day_hours_text(&week[4]), "20:00–02:00");
    }

    #[test]
    fn the_place_form_is_validated_field_by_field() {
        let good = PlaceForm {
            name: "Peaceful Grounds Café".into(),
            place_type: "coffee".into(),
            latitude: "51.5074".into(),
            longitude: "-0.1278".into(),
            hours_mon: "08:00-18:00".into(),
            amenities: "wifi, quiet corner".into(),
            ..Default::default()
        };
        let p = PlaceInput::parse(&good).unwrap();
        assert_eq!(p.amenities, vec!["wifi", "quiet corner"]);
        assert_eq!(p.anxiety, Anxiety::Medium);
        assert_eq!(hours_from_json(&p.hours_json())[0], vec![(480, 1080)]);
        let field = |f: PlaceForm| match PlaceInput::parse(&f).unwrap_err() {
            AppError::Invalid { field, .. } => Some(field),
            _ => None,
        };
        assert_eq!(field(PlaceForm { name: " ".into(), ..good.clone() }).as_deref(), Some("name"));
        assert_eq!(field(PlaceForm { latitude: "91".into(), ..good.clone() }).as_deref(), Some("latitude"));
        assert_eq!(field(PlaceForm { longitude: "east".into(), ..good.clone() }).as_deref(), Some("longitude"));
        assert_eq!(field(PlaceForm { place_type: "bar".into(), ..good.clone() }).as_deref(), Some("place_type"));
        assert_eq!(field(PlaceForm { hours_tue: "9-5".into(), ..good.clone() }).as_deref(), Some("hours_tue"));
        assert_eq!(
            field(PlaceForm { website: "javascript:alert(1)".into(), ..good.clone() }).as_deref(),
            Some("website")
        );
    }

    #[test]
    fn filters_and_boxes_parse() {
        let q = PlaceQuery::parse(&PlaceFilter {
            bbox: Some("-0.2,51.4,0.1,51.6".into()),
            place_type: Some("gym".into()),
            beginner: Some("on".into()),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(q.place_type, Some(PlaceType::Gym));
        assert!(q.beginner && !q.verified);
        assert!(BBox::parse("1,2,0,3").is_err());
        assert!(BBox::parse("1,2,3").is_err());
        let b = BBox::around(51.5, -0.12, 5.0);
        assert!((b.north - b.south - 10.0 / 111.2).abs() < 1e-9);
        assert!(b.east - b.west > b.north - b.south, "longitude degrees are shorter away from the equator");
        assert!(PlaceQuery::parse(&PlaceFilter { radius_km: Some("500".into()), ..Default::default() }).is_err());
    }
}

// Mentors, sessions and reviews --------------------------------------------------------------

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
