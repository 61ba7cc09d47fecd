//! Time zones and how event times are written for people. All formatting happens on the
//! server, so pages arrive with finished text and the browser needs no zone database.

use chrono::{DateTime, Datelike, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The cookie the browser script sets to the device's IANA zone.
pub const ZONE_COOKIE: &str = "kindred_tz";

pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// The zone to show a member times in: their profile's, unless it is still the default UTC and
/// their browser told us its own.
pub fn viewer_zone(profile_zone: Option<&str>, browser_zone: Option<&str>) -> Option<Tz> {
    let profile = profile_zone.and_then(parse_zone);
    let browser = browser_zone.and_then(parse_zone);
    match (profile, browser) {
        (Some(p), Some(b)) if p == Tz::UTC => Some(b),
        (Some(p), _) => Some(p),
        (None, b) => b,
    }
}

/// e.g. "Sat 5 Dec 2026, 21:00–23:30", "Sat 5 Dec 2026, 22:00 – Sun 03:00" or, for multi-day
/// events, "Fri 4 Dec 2026, 18:00 – Sun 6 Dec 2026, 23:00".
pub fn range(start: DateTime<Utc>, end: DateTime<Utc>, tz: Tz) -> String {
    let s = start.with_timezone(&tz);
    let e = end.with_timezone(&tz);
    let head = s.format("%a %-d %b %Y, %H:%M");
    if s.date_naive() == e.date_naive() {
        format!("{head}–{}", e.format("%H:%M"))
    } else if e - s < chrono::Duration::hours(24) {
        format!("{head} – {}", e.format("%a %H:%M"))
    } else {
        format!("{head} – {}", e.format("%a %-d %b %Y, %H:%M"))
    }
}

/// The zone's name with its abbreviation at that instant, e.g. "Europe/Berlin (CET)".
pub fn zone_label(tz: Tz, at: DateTime<Utc>) -> String {
    let abbr = at.with_timezone(&tz).format("%Z").to_string();
    if abbr == tz.name() || abbr.starts_with('+') || abbr.starts_with('-') {
        format!("{} (UTC{})", tz.name(), at.with_timezone(&tz).format("%:z"))
    } else {
        format!("{} ({abbr})", tz.name())
    }
}

/// The value of an `<input type="datetime-local">` for an instant in a zone.
pub fn local_input(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%Y-%m-%dT%H:%M").to_string()
}

pub fn parse_local_input(raw: &str) -> Option<NaiveDateTime> {
    let raw = raw.trim();
    NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M:%S"))
        .ok()
}

/// Day of month and short month name, for date badges.
pub fn badge(t: DateTime<Utc>, tz: Tz) -> (String, String) {
    let l = t.with_timezone(&tz);
    (l.day().to_string(), l.format("%b").to_string())
}

/// Midnight at the start of a local date, as an instant.
pub fn day_start(tz: Tz, date: chrono::NaiveDate) -> DateTime<Utc> {
    super::recurrence::local_to_utc(tz, date.and_hms_opt(0, 0, 0).expect("midnight"))
}

pub fn short(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz).format("%-d %b %Y, %H:%M").to_string()
}

pub fn utc() -> Tz {
    Tz::UTC
}

pub fn now_in(tz: Tz) -> DateTime<Tz> {
    tz.from_utc_datetime(&Utc::now().naive_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_read_naturally() {
        let tz: Tz = "America/Argentina/Buenos_Aires".parse().unwrap();
        let start = Utc.with_ymd_and_hms(2026, 12, 6, 0, 0, 0).unwrap(); // 21:00 on the 5th there
        assert_eq!(range(start, start + chrono::Duration::hours(2), tz), "Sat 5 Dec 2026, 21:00–23:00");
        assert_eq!(range(start, start + chrono::Duration::hours(5), tz), "Sat 5 Dec 2026, 21:00 – Sun 02:00");
        assert_eq!(
            range(start, start + chrono::Duration::hours(50), tz),
            "Sat 5 Dec 2026, 21:00 – Mon 7 Dec 2026, 23:00"
        );
        assert_eq!(zone_label(tz, start), "America/Argentina/Buenos_Aires (UTC-03:00)");
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        assert_eq!(zone_label(berlin, start), "Europe/Berlin (CET)");
    }

    #[test]
    fn browser_zone_only_replaces_the_default() {
        assert_eq!(viewer_zone(Some("UTC"), Some("Europe/Paris")), Some(chrono_tz::Europe::Paris));
        assert_eq!(viewer_zone(Some("Asia/Tokyo"), Some("Europe/Paris")), Some(chrono_tz::Asia::Tokyo));
        assert_eq!(viewer_zone(None, Some("nonsense")), None);
        assert_eq!(viewer_zone(None, None), None);
    }
}
