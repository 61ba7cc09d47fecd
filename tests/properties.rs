//! Property tests of every parser that reads what people (or their browsers) send: markdown
//! rendering, the event form, opening hours, recurrence rules, usernames and slugs, socket
//! frames and uploaded image bytes. Each runs a bounded number of generated cases (a few
//! seconds in all) and checks that nothing panics and that the results keep their promises.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use kindred::communities::model::{slug_from, valid_slug};
use kindred::events::model::{EventForm, MAX_OCCURRENCES};
use kindred::events::recurrence::{expand_local, End, Recurrence, Rule};
use kindred::places::model::{day_hours_text, parse_day_hours};
use kindred::text::markdown;
use proptest::prelude::*;

/// Fragments that attack an HTML sanitiser, mixed into generated text.
const HOSTILE: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[x](  javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![img](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<svg onload=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    "<div style=\"background:url(javascript:alert(1))\">",
    "<p onclick=\"x()\">p</p>",
    "<form action=javascript:alert(1)><button>go</button></form>",
    "[a](vbscript:msgbox(1))",
    "<object data=x>",
    "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
    "`<script>`",
    "```\n<script>alert(1)</script>\n```",
    "**bold** _it_ > quote\n- list\n1. one",
    "@ana @x #tag #milonga",
    "<",
    ">",
    "&",
    "\"",
    "\u{0}",
    "\n\n",
];

fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            3 => prop::sample::select(HOSTILE).prop_map(str::to_string),
            2 => ".{0,40}",
            1 => "[a-z <>\"'=:/()\\[\\]!#@&;]{0,40}",
        ],
        0..8,
    )
    .prop_map(|parts| parts.concat())
}

/// The start of every tag in `html`, with its attributes.
fn tags(html: &str) -> Vec<String> {
    regex::Regex::new(r"<[^>]*>").unwrap().find_iter(html).map(|m| m.as_str().to_lowercase()).collect()
}

fn cases(n: u32) -> ProptestConfig {
    ProptestConfig { cases: n, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(cases(400))]

    #[test]
    fn markdown_never_panics_and_never_lets_script_through(text in hostile_text()) {
        let html = markdown::render(&text, &|name: &str| name == "ana");
        let attribute = regex::Regex::new(r#"\s(href|src|action|formaction|xlink:href|data)\s*=\s*"?\s*([^"\s>]*)"#).unwrap();
        let handler = regex::Regex::new(r"\son[a-z]+\s*=").unwrap();
        for tag in tags(&html) {
            prop_assert!(!tag.starts_with("<script"), "script tag in {html}");
            for bad in ["<iframe", "<object", "<embed", "<form", "<svg", "<math", "<style"] {
                prop_assert!(!tag.starts_with(bad), "{bad} in {html}");
            }
            prop_assert!(!handler.is_match(&tag), "event handler in {tag}");
            prop_assert!(!tag.contains(" style="), "inline style in {tag}");
            for cap in attribute.captures_iter(&tag) {
                let value = cap[2].trim_start().to_string();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    prop_assert!(!value.starts_with(scheme), "{scheme} URL in {tag}");
                }
            }
        }
        // Plain text and the previews never panic either.
        let _ = markdown::plain_text(&text, 200);
        prop_assert!(markdown::hashtags(&text).len() <= 10);
    }

    #[test]
    fn opening_hours_that_parse_are_written_back_the_same(raw in "[0-9:, \\-a-z]{0,40}") {
        if let Ok(hours) = parse_day_hours(&raw) {
            for (open, close) in &hours {
                prop_assert!(open < close && *close <= 24 * 60, "{raw:?} gave {hours:?}");
            }
            let again = parse_day_hours(&day_hours_text(&hours));
            prop_assert_eq!(again, Ok(hours));
        }
    }

    #[test]
    fn usernames_and_slugs_accept_only_what_they_promise(raw in ".{0,50}", name in ".{0,80}") {
        if let Ok(u) = kindred::auth::model::Username::parse(&raw) {
            let s = u.as_str();
            prop_assert!((3..=30).contains(&s.len()), "{s}");
            prop_assert!(s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'), "{s}");
        }
        let slug = slug_from(&name);
        prop_assert!(slug.len() <= 40);
        if slug.len() >= 3 {
            prop_assert!(valid_slug(&slug), "{name:?} → {slug:?}");
        }
        if valid_slug(&raw) {
            prop_assert!(!raw.starts_with('-') && !raw.ends_with('-'));
        }
    }

    #[test]
    fn socket_frames_never_panic(raw in ".{0,200}", kind in "[a-z]{0,40}", after in any::<i64>()) {
        let _ = kindred::startup::socket::read_frame(&raw);
        let json = format!(r#"{{"type":"{kind}","channel":"{}","after":{after}}}"#, uuid::Uuid::new_v4());
        if let Some(frame) = kindred::startup::socket::read_frame(&json) {
            prop_assert_eq!(frame.after, Some(after));
            prop_assert!(frame.kind.len() <= 32);
        }
    }
}

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        prop::collection::vec(0u8..7, 0..9).prop_map(|weekdays| Rule::Weekly { weekdays }),
        (prop::sample::select(vec![-1i8, 1, 2, 3, 4]), 0u8..7)
            .prop_map(|(nth, weekday)| Rule::MonthlyNthWeekday { nth, weekday }),
        (1u32..=31).prop_map(|day| Rule::MonthlyDay { day }),
    ]
}

fn end() -> impl Strategy<Value = End> {
    prop_oneof![
        (0u32..500).prop_map(|count| End::Count { count }),
        (0i64..1500).prop_map(|days| End::Until {
            until: NaiveDate::from_ymd_opt(2027, 1, 1).unwrap() + chrono::Duration::days(days)
        }),
    ]
}

proptest! {
    #![proptest_config(cases(300))]

    #[test]
    fn recurrences_expand_in_order_at_the_same_local_time(
        rule in rule(),
        end in end(),
        day in 0i64..800,
        minute in 0u32..(24 * 60),
    ) {
        let first: NaiveDateTime = (NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + chrono::Duration::days(day))
            .and_hms_opt(minute / 60, minute % 60, 0)
            .unwrap();
        let rec = Recurrence { rule: rule.clone(), end: end.clone() };
        let dates = expand_local(first, &rec);
        prop_assert_eq!(dates[0], first);
        prop_assert!(dates.len() <= MAX_OCCURRENCES);
        if let End::Count { count } = end {
            prop_assert!(dates.len() <= (count as usize).max(1));
        }
        for pair in dates.windows(2) {
            prop_assert!(pair[0] < pair[1], "{rule:?} {end:?}: {pair:?}");
        }
        for d in &dates[1..] {
            prop_assert_eq!((d.hour(), d.minute()), (first.hour(), first.minute()));
            if let End::Until { until } = end {
                prop_assert!(d.date() <= until);
            }
            if let Rule::MonthlyDay { day } = rule {
                prop_assert_eq!(d.day(), day);
            }
        }
        let _ = kindred::events::recurrence::describe(&rec);
    }

    #[test]
    fn the_event_form_never_panics_and_names_a_field_it_has(
        title in ".{0,150}",
        starts in "[0-9T:\\-]{0,20}",
        ends in "[0-9T:\\-]{0,20}",
        zone in prop::sample::select(vec!["Europe/Berlin", "America/Argentina/Buenos_Aires", "UTC", "", "Mars/Olympus", "Europe/London"]),
        mode in prop::sample::select(vec!["in_person", "online", "", "teleport"]),
        capacity in "[0-9\\-]{0,8}",
        latitude in "[0-9.\\-]{0,10}",
        repeat in prop::sample::select(vec!["none", "weekly", "monthly_day", "monthly_nth", "", "daily"]),
        count in "[0-9]{0,5}",
        tags in ".{0,80}",
    ) {
        let form = EventForm {
            title,
            event_type: "milonga".into(),
            starts_local: starts,
            ends_local: ends,
            time_zone: zone.into(),
            mode: mode.into(),
            city: "Berlin".into(),
            capacity,
            latitude,
            longitude: "13.4".into(),
            repeat: repeat.into(),
            repeat_end: "count".into(),
            repeat_count: count,
            tags,
            status: "published".into(),
            ..Default::default()
        };
        let fields = serde_json::to_value(&form).unwrap();
        match kindred::events::service::validate(&form, true, chrono::Utc::now()) {
            Ok(v) => prop_assert!(v.fields.title.chars().count() <= 120),
            Err(kindred::error::AppError::Invalid { field, .. }) => {
                prop_assert!(fields.get(&field).is_some() || field == "form", "unknown field {field}");
            }
            Err(other) => prop_assert!(false, "not a field error: {other:?}"),
        }
    }
}

proptest! {
    #![proptest_config(cases(200))]

    /// Uploaded bytes: whatever they are (with a real image's magic number in front or not), the
    /// checks and the decoder answer with a field error, never a panic.
    #[test]
    fn uploaded_bytes_never_panic_the_image_pipeline(
        magic in prop::sample::select(vec![
            vec![], vec![0xFF, 0xD8, 0xFF], b"\x89PNG\r\n\x1a\n".to_vec(), b"RIFF\0\0\0\0WEBP".to_vec(), b"GIF89a".to_vec(),
        ]),
        rest in prop::collection::vec(any::<u8>(), 0..600),
    ) {
        let bytes = [magic, rest].concat();
        if let Err(e) = kindred::media::process::check(&bytes) {
            prop_assert!(e.for_field("image").is_some());
        }
        if let Err(e) = kindred::media::process::process(&bytes, kindred::media::Purpose::Post) {
            prop_assert!(e.for_field("image").is_some());
        }
    }
}
