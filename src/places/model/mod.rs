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

// After the macro, which the mentor types use too.
mod hours;
mod mentoring;

pub use hours::*;
pub use mentoring::*;

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
