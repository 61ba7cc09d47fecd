//! The event form: every field checked and turned into what is stored, with the recurrence.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::error::AppError;
use crate::events::model::{EventForm, EventStatus, EventType, DESCRIPTION_MAX, MAX_OCCURRENCES, TITLE_MAX};
use crate::events::recurrence::{self, End, Recurrence, Rule};
use crate::events::repo::EventFields;
use crate::events::when;

pub struct Validated {
    pub fields: EventFields,
    pub tz: Tz,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub recurrence: Option<Recurrence>,
}

fn web_url(field: &str, raw: &str, what: &str) -> Result<String, AppError> {
    let url = raw.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() <= 500
        && url.len() > "https://x".len()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>');
    if !ok {
        return Err(AppError::invalid(field, format!("Enter the full {what} link, starting with https://.")));
    }
    Ok(url.to_string())
}

pub(super) fn coordinate(field: &str, raw: &str, max: f64) -> Result<Option<f64>, AppError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= max => Ok(Some(v)),
        _ => Err(AppError::invalid(field, format!("Enter a number between -{max} and {max}."))),
    }
}

pub fn parse_tags(raw: &str) -> Result<Vec<String>, AppError> {
    let mut tags: Vec<String> = Vec::new();
    for t in raw.split([',', ' ']).map(|t| t.trim().trim_start_matches('#').to_lowercase()) {
        if t.is_empty() || tags.contains(&t) {
            continue;
        }
        if t.chars().count() > 30 || !t.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-') {
            return Err(AppError::invalid(
                "tags",
                format!("“{t}” is not a tag: use letters, digits, - and _ (up to 30)."),
            ));
        }
        tags.push(t);
    }
    if tags.len() > 10 {
        return Err(AppError::invalid("tags", "Up to 10 tags."));
    }
    Ok(tags)
}

fn text_field(field: &str, raw: &str, max: usize, label: &str) -> Result<String, AppError> {
    let v = raw.trim();
    if v.chars().count() > max {
        return Err(AppError::invalid(field, format!("{label} can be up to {max} characters.")));
    }
    Ok(v.to_string())
}

/// Checks the whole form; the first problem is reported next to its field.
pub fn validate(form: &EventForm, creating: bool, now: DateTime<Utc>) -> Result<Validated, AppError> {
    let title = form.title.trim();
    let title_len = title.chars().count();
    if title_len < 3 {
        return Err(AppError::invalid("title", "Give the event a title (at least 3 characters)."));
    }
    if title_len > TITLE_MAX {
        return Err(AppError::invalid("title", format!("The title can be up to {TITLE_MAX} characters.")));
    }
    let description = form.description.trim();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("The description can be up to {DESCRIPTION_MAX} characters."),
        ));
    }
    let event_type =
        EventType::parse(&form.event_type).ok_or_else(|| AppError::invalid("event_type", "Choose a type."))?;
    let tz = when::parse_zone(&form.time_zone)
        .ok_or_else(|| AppError::invalid("time_zone", "Choose a time zone such as Europe/Berlin."))?;
    let start = when::parse_local_input(&form.starts_local)
        .ok_or_else(|| AppError::invalid("starts_local", "Enter the date and time it starts."))?;
    let end = when::parse_local_input(&form.ends_local)
        .ok_or_else(|| AppError::invalid("ends_local", "Enter the date and time it ends."))?;
    let start_at = recurrence::local_to_utc(tz, start);
    let end_at = recurrence::local_to_utc(tz, end);
    if end_at <= start_at {
        return Err(AppError::invalid("ends_local", "The end must be after the start."));
    }
    if end_at - start_at > Duration::days(31) {
        return Err(AppError::invalid("ends_local", "An event can last up to 31 days."));
    }
    if creating && start_at < now {
        return Err(AppError::invalid("starts_local", "That time has already passed."));
    }
    if start_at > now + Duration::days(3 * 366) {
        return Err(AppError::invalid("starts_local", "Events can be planned up to three years ahead."));
    }
    let is_online = match form.mode.trim() {
        "online" => true,
        "in_person" | "" => false,
        _ => return Err(AppError::invalid("mode", "Choose in person or online.")),
    };
    let venue = text_field("venue", &form.venue, 120, "The venue")?;
    let address = text_field("address", &form.address, 200, "The address")?;
    let city = text_field("city", &form.city, 80, "The city")?;
    let country = text_field("country", &form.country, 60, "The country")?;
    let meeting_url = web_url("meeting_url", &form.meeting_url, "meeting")?;
    if is_online && meeting_url.is_empty() {
        return Err(AppError::invalid("meeting_url", "Add the meeting link for an online event."));
    }
    if !is_online && city.is_empty() {
        return Err(AppError::invalid("city", "Add the city, so people nearby find the event."));
    }
    let latitude = coordinate("latitude", &form.latitude, 90.0)?;
    let longitude = coordinate("longitude", &form.longitude, 180.0)?;
    if latitude.is_some() != longitude.is_some() {
        let field = if latitude.is_none() { "latitude" } else { "longitude" };
        return Err(AppError::invalid(field, "Enter both latitude and longitude, or neither."));
    }
    let ticket_url = web_url("ticket_url", &form.ticket_url, "ticket")?;
    let price_text = text_field("price_text", &form.price_text, 60, "The price")?;
    let currency = form.currency.trim().to_ascii_uppercase();
    if !currency.is_empty() && !(currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase())) {
        return Err(AppError::invalid("currency", "Use a three-letter currency code such as EUR or ARS."));
    }
    let capacity = match form.capacity.trim() {
        "" => None,
        raw => match raw.parse::<i32>() {
            Ok(n) if (1..=100_000).contains(&n) => Some(n),
            _ => return Err(AppError::invalid("capacity", "Enter a number from 1 to 100000, or leave it empty.")),
        },
    };
    let tags = parse_tags(&form.tags)?;
    let status = match form.status.trim() {
        "draft" => EventStatus::Draft,
        "published" | "" => EventStatus::Published,
        _ => return Err(AppError::invalid("status", "Choose draft or published.")),
    };
    let recurrence = if creating { parse_recurrence(form, start)? } else { None };
    let known = |_: &str| false;
    let description_html = crate::text::markdown::render(description, &known);
    Ok(Validated {
        fields: EventFields {
            title: title.to_string(),
            description: description.to_string(),
            description_html,
            event_type,
            status,
            time_zone: tz.name().to_string(),
            is_online,
            venue,
            address,
            city,
            country,
            latitude,
            longitude,
            meeting_url,
            price_text,
            currency,
            ticket_url,
            capacity,
            tags,
            community_id: None,
            technique_id: None,
        },
        tz,
        start,
        end,
        recurrence,
    })
}

fn parse_recurrence(form: &EventForm, start: NaiveDateTime) -> Result<Option<Recurrence>, AppError> {
    let rule = match form.repeat.trim() {
        "" | "none" => return Ok(None),
        "weekly" => {
            let mut days: Vec<u8> = form.weekday_keys().into_iter().filter_map(recurrence::weekday_key_index).collect();
            let own = start.date().weekday().num_days_from_monday() as u8;
            if !days.contains(&own) {
                days.push(own);
            }
            days.sort_unstable();
            Rule::Weekly { weekdays: days }
        }
        "monthly" => match form.monthly_by.trim() {
            "month_day" => Rule::MonthlyDay { day: start.date().day() },
            "nth_weekday" | "" => Rule::MonthlyNthWeekday {
                nth: recurrence::nth_weekday_of(start.date()),
                weekday: start.date().weekday().num_days_from_monday() as u8,
            },
            _ => return Err(AppError::invalid("monthly_by", "Choose how the event repeats each month.")),
        },
        _ => return Err(AppError::invalid("repeat", "Choose how often it repeats.")),
    };
    let end = match form.repeat_end.trim() {
        "until" => {
            let until = NaiveDate::parse_from_str(form.repeat_until.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid("repeat_until", "Enter the date of the last time."))?;
            if until <= start.date() {
                return Err(AppError::invalid("repeat_until", "The last date must be after the first."));
            }
            if until > start.date() + Duration::days(2 * 366) {
                return Err(AppError::invalid("repeat_until", "Repeat for up to two years."));
            }
            End::Until { until }
        }
        "count" | "" => match form.repeat_count.trim().parse::<u32>() {
            Ok(n) if (2..=MAX_OCCURRENCES as u32).contains(&n) => End::Count { count: n },
            _ => {
                return Err(AppError::invalid(
                    "repeat_count",
                    format!("Enter how many times, from 2 to {MAX_OCCURRENCES}."),
                ))
            }
        },
        _ => return Err(AppError::invalid("repeat_end", "Choose when the repetition ends.")),
    };
    Ok(Some(Recurrence { rule, end }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EventForm {
        EventForm {
            title: "Milonga del Sur".into(),
            event_type: "milonga".into(),
            starts_local: "2028-05-06T21:00".into(),
            ends_local: "2028-05-07T02:00".into(),
            time_zone: "America/Argentina/Buenos_Aires".into(),
            mode: "in_person".into(),
            city: "Buenos Aires".into(),
            status: "published".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_good_form_passes_and_bad_fields_are_named() {
        let now = Utc::now();
        assert!(validate(&form(), true, now).is_ok());
        let field = |f: EventForm| match validate(&f, true, now) {
            Err(AppError::Invalid { field, .. }) => field,
            other => panic!("expected invalid, got {:?}", other.err()),
        };
        assert_eq!(field(EventForm { title: "x".into(), ..form() }), "title");
        assert_eq!(field(EventForm { ends_local: "2028-05-06T20:00".into(), ..form() }), "ends_local");
        assert_eq!(
            field(EventForm {
                starts_local: "2001-01-01T10:00".into(),
                ends_local: "2001-01-01T12:00".into(),
                ..form()
            }),
            "starts_local"
        );
        assert_eq!(field(EventForm { time_zone: "Mars/Olympus".into(), ..form() }), "time_zone");
        assert_eq!(field(EventForm { capacity: "0".into(), ..form() }), "capacity");
        assert_eq!(field(EventForm { mode: "online".into(), ..form() }), "meeting_url");
        assert_eq!(field(EventForm { ticket_url: "javascript:alert(1)".into(), ..form() }), "ticket_url");
        assert_eq!(field(EventForm { latitude: "-34.6".into(), ..form() }), "longitude");
        assert_eq!(field(EventForm { currency: "euro".into(), ..form() }), "currency");
        assert_eq!(field(EventForm { repeat: "weekly".into(), repeat_count: "500".into(), ..form() }), "repeat_count");
    }

    #[test]
    fn weekly_recurrence_always_includes_the_first_day() {
        let f = EventForm { repeat: "weekly".into(), wd_tue: Some("on".into()), repeat_count: "4".into(), ..form() };
        let v = validate(&f, true, Utc::now()).unwrap();
        // 2028-05-06 is a Saturday (index 5); Tuesday is 1.
        assert_eq!(v.recurrence.unwrap().rule, Rule::Weekly { weekdays: vec![1, 5] });
    }
}
