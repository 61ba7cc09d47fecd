//! Opening hours: typed per day, stored as JSON, and read back to say whether a place is open.

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
}
