//! iCalendar (RFC 5545) output: one VEVENT per occurrence with times in UTC (so no VTIMEZONE is
//! needed and every calendar app reads the same instants), a stable UID, SEQUENCE bumped on
//! every change and STATUS:CANCELLED for cancelled events.

use chrono::{DateTime, Utc};
use uuid::Uuid;

pub struct IcsEvent {
    pub event_id: Uuid,
    pub title: String,
    pub description: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub location: String,
    pub url: String,
    pub cancelled: bool,
    pub sequence: i32,
    pub updated_at: DateTime<Utc>,
    pub organizer_name: String,
}

/// The calendar's UID for an event: stable across edits and exports.
pub fn uid(event_id: Uuid) -> String {
    format!("{event_id}@kindred")
}

fn stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (backslash, semicolon, comma, newline).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets (never inside a UTF-8 character), ended by CRLF.
fn line(out: &mut String, content: &str) {
    let mut width = 0;
    for c in content.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

/// A whole VCALENDAR with these events.
pub fn calendar(name: &str, events: &[IcsEvent], now: DateTime<Utc>) -> String {
    let mut out = String::new();
    line(&mut out, "BEGIN:VCALENDAR");
    line(&mut out, "VERSION:2.0");
    line(&mut out, "PRODID:-//Kindred//Events//EN");
    line(&mut out, "CALSCALE:GREGORIAN");
    line(&mut out, "METHOD:PUBLISH");
    line(&mut out, &format!("X-WR-CALNAME:{}", text(name)));
    for e in events {
        line(&mut out, "BEGIN:VEVENT");
        line(&mut out, &format!("UID:{}", uid(e.event_id)));
        line(&mut out, &format!("DTSTAMP:{}", stamp(now)));
        line(&mut out, &format!("DTSTART:{}", stamp(e.starts_at)));
        line(&mut out, &format!("DTEND:{}", stamp(e.ends_at)));
        line(&mut out, &format!("LAST-MODIFIED:{}", stamp(e.updated_at)));
        line(&mut out, &format!("SEQUENCE:{}", e.sequence.max(0)));
        line(&mut out, &format!("SUMMARY:{}", text(&e.title)));
        if !e.description.is_empty() {
            line(&mut out, &format!("DESCRIPTION:{}", text(&e.description)));
        }
        if !e.location.is_empty() {
            line(&mut out, &format!("LOCATION:{}", text(&e.location)));
        }
        if !e.url.is_empty() {
            line(&mut out, &format!("URL:{}", e.url));
        }
        if !e.organizer_name.is_empty() {
            line(&mut out, &format!("ORGANIZER;CN={}:mailto:noreply@kindred.invalid", param(&e.organizer_name)));
        }
        line(&mut out, &format!("STATUS:{}", if e.cancelled { "CANCELLED" } else { "CONFIRMED" }));
        line(&mut out, "END:VEVENT");
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// A parameter value: quoted, with characters iCalendar forbids there removed.
fn param(value: &str) -> String {
    let clean: String = value.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    format!("\"{clean}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_fold_at_75_octets_and_text_is_escaped() {
        let e = IcsEvent {
            event_id: Uuid::nil(),
            title: "Milonga; with, commas\nand a very long title that certainly needs folding somewhere — ñandú".into(),
            description: String::new(),
            starts_at: DateTime::from_timestamp(1_800_000_000, 0).unwrap(),
            ends_at: DateTime::from_timestamp(1_800_007_200, 0).unwrap(),
            location: String::new(),
            url: String::new(),
            cancelled: true,
            sequence: 2,
            updated_at: DateTime::from_timestamp(1_799_000_000, 0).unwrap(),
            organizer_name: "Ana \"la\" Tanguera".into(),
        };
        let cal = calendar("Test", &[e], DateTime::from_timestamp(1_799_000_000, 0).unwrap());
        for l in cal.split("\r\n") {
            assert!(l.len() <= 75, "line too long: {l}");
        }
        let unfolded = cal.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Milonga\\; with\\, commas\\nand a very long title"));
        assert!(unfolded.contains("STATUS:CANCELLED"));
        assert!(unfolded.contains("DTSTART:20270115T080000Z"));
        assert!(unfolded.contains("ORGANIZER;CN=\"Ana la Tanguera\""));
        assert!(cal.ends_with("END:VCALENDAR\r\n"));
    }
}
