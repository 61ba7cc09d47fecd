//! Dates in requests, relative to the member's local today: "tonight", "tomorrow", "this
//! weekend", "next Friday", "in 3 days", "hoy", "mañana por la tarde", "el finde", "el próximo
//! viernes". Works on normalised words (lower case, accents removed; see `super::intent`).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use crate::assistant::model::DayPart;

/// A local date range (first and last day inclusive) and a part of the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct When {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub part: Option<DayPart>,
}

const WEEKDAYS: [(&str, Weekday); 14] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("lunes", Weekday::Mon),
    ("martes", Weekday::Tue),
    ("miercoles", Weekday::Wed),
    ("jueves", Weekday::Thu),
    ("viernes", Weekday::Fri),
    ("sabado", Weekday::Sat),
    ("domingo", Weekday::Sun),
];

fn weekday(word: &str) -> Option<Weekday> {
    let w = word.strip_suffix('s').filter(|w| w.ends_with("day")).unwrap_or(word);
    WEEKDAYS.iter().find(|(n, _)| *n == w).map(|(_, d)| *d)
}

fn number(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return Some(n);
    }
    let n = match word {
        "one" | "un" | "uno" | "una" => 1,
        "two" | "dos" => 2,
        "three" | "tres" => 3,
        "four" | "cuatro" => 4,
        "five" | "cinco" => 5,
        "six" | "seis" => 6,
        "seven" | "siete" => 7,
        "ten" | "diez" => 10,
        _ => return None,
    };
    Some(n)
}

/// The next date (today included unless `strictly_after`) that falls on `day`.
fn next_on(today: NaiveDate, day: Weekday, strictly_after: bool) -> NaiveDate {
    let ahead = (day.num_days_from_monday() as i64 - today.weekday().num_days_from_monday() as i64).rem_euclid(7);
    let ahead = if ahead == 0 && strictly_after { 7 } else { ahead };
    today + Duration::days(ahead)
}

/// This weekend: Saturday and Sunday of this week (on a Sunday, just today).
fn weekend(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    match today.weekday() {
        Weekday::Sun => (today, today),
        Weekday::Sat => (today, today + Duration::days(1)),
        _ => {
            let sat = next_on(today, Weekday::Sat, false);
            (sat, sat + Duration::days(1))
        }
    }
}

fn week_end(today: NaiveDate) -> NaiveDate {
    today + Duration::days(6 - today.weekday().num_days_from_monday() as i64)
}

/// "3 days", "de dos días", "2 weeks" after "in" / "en" / "dentro".
fn in_days(rest: &[&str], today: NaiveDate) -> Option<(Option<NaiveDate>, Option<NaiveDate>)> {
    let rest = if rest.first() == Some(&"de") { &rest[1..] } else { rest };
    let n = number(rest.first()?)?;
    match *rest.get(1)? {
        "day" | "days" | "dia" | "dias" if (0..=60).contains(&n) => {
            let d = today + Duration::days(n);
            Some((Some(d), Some(d)))
        }
        "week" | "weeks" | "semana" | "semanas" if (0..=8).contains(&n) => {
            let d = today + Duration::days(7 * n);
            Some((Some(d), Some(d + Duration::days(6))))
        }
        _ => None,
    }
}

fn has(words: &[&str], seq: &[&str]) -> bool {
    !seq.is_empty() && words.windows(seq.len()).any(|w| w == seq)
}

/// Reads the dates and part of day in `words` (normalised), relative to `today`.
pub fn parse(words: &[&str], today: NaiveDate) -> When {
    let mut w = When::default();
    let one = |d: NaiveDate| (Some(d), Some(d));

    // Part of the day first: Spanish "mañana" is "tomorrow", but "por la mañana" / "esta
    // mañana" is "in the morning".
    let morning_es = has(words, &["por", "la", "manana"]) || has(words, &["esta", "manana"]);
    if has(words, &["tonight"])
        || has(words, &["esta", "noche"])
        || has(words, &["this", "evening"])
        || words.iter().any(|x| matches!(*x, "evening" | "night" | "noche"))
    {
        w.part = Some(DayPart::Evening);
    } else if morning_es || words.iter().any(|x| *x == "morning") {
        w.part = Some(DayPart::Morning);
    } else if words.iter().any(|x| matches!(*x, "afternoon" | "tarde")) {
        w.part = Some(DayPart::Afternoon);
    }

    let tomorrow_es = words.iter().filter(|x| **x == "manana").count() > usize::from(morning_es);
    (w.from, w.to) = if has(words, &["day", "after", "tomorrow"]) || has(words, &["pasado", "manana"]) {
        one(today + Duration::days(2))
    } else if words.contains(&"tomorrow") || tomorrow_es {
        one(today + Duration::days(1))
    } else if words.iter().any(|x| matches!(*x, "today" | "tonight" | "hoy"))
        || has(words, &["esta", "noche"])
        || has(words, &["this", "evening"])
        || has(words, &["this", "afternoon"])
        || has(words, &["this", "morning"])
        || has(words, &["esta", "tarde"])
        || morning_es && !tomorrow_es
    {
        one(today)
    } else if has(words, &["next", "weekend"])
        || has(words, &["proximo", "fin", "de", "semana"])
        || has(words, &["fin", "de", "semana", "que", "viene"])
    {
        let (s, e) = weekend(today + Duration::days(7 - today.weekday().num_days_from_monday() as i64));
        (Some(s), Some(e))
    } else if words.iter().any(|x| matches!(*x, "weekend" | "finde")) || has(words, &["fin", "de", "semana"]) {
        let (s, e) = weekend(today);
        (Some(s), Some(e))
    } else if has(words, &["next", "week"])
        || has(words, &["proxima", "semana"])
        || has(words, &["semana", "que", "viene"])
    {
        let monday = week_end(today) + Duration::days(1);
        (Some(monday), Some(monday + Duration::days(6)))
    } else if has(words, &["this", "week"]) || has(words, &["esta", "semana"]) {
        (Some(today), Some(week_end(today)))
    } else if let Some(i) = words.iter().position(|x| weekday(x).is_some()) {
        let day = weekday(words[i]).expect("checked");
        let before = if i > 0 { words[i - 1] } else { "" };
        let after = words.get(i + 1).copied().unwrap_or("");
        let next = matches!(before, "next" | "proximo") || has(&words[i..], &[words[i], "que", "viene"]);
        // "Friday": the coming Friday, today included; "next Friday" / "el próximo viernes":
        // the coming one after today.
        let d = next_on(today, day, next || after == "next");
        one(d)
    } else if let Some(range) = words
        .iter()
        .enumerate()
        .filter(|(_, x)| matches!(**x, "in" | "en" | "dentro"))
        .find_map(|(i, _)| in_days(&words[i + 1..], today))
    {
        range
    } else {
        (None, None)
    };
    w
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn at(text: &str, today: &str) -> When {
        let words: Vec<&str> = text.split(' ').collect();
        parse(&words, d(today))
    }

    #[test]
    fn weekends_and_weekdays() {
        // 2026-12-07 is a Monday.
        let w = at("milongas this weekend", "2026-12-07");
        assert_eq!((w.from, w.to), (Some(d("2026-12-12")), Some(d("2026-12-13"))));
        let w = at("el finde", "2026-12-12");
        assert_eq!((w.from, w.to), (Some(d("2026-12-12")), Some(d("2026-12-13"))));
        let w = at("este fin de semana", "2026-12-13");
        assert_eq!((w.from, w.to), (Some(d("2026-12-13")), Some(d("2026-12-13"))));
        assert_eq!(at("next weekend", "2026-12-09").from, Some(d("2026-12-19")));
        assert_eq!(at("on friday", "2026-12-07").from, Some(d("2026-12-11")));
        assert_eq!(at("next friday", "2026-12-11").from, Some(d("2026-12-18")));
        assert_eq!(at("el viernes", "2026-12-11").from, Some(d("2026-12-11")));
        assert_eq!(at("el proximo viernes", "2026-12-11").from, Some(d("2026-12-18")));
        assert_eq!(at("el viernes que viene", "2026-12-11").from, Some(d("2026-12-18")));
    }

    #[test]
    fn relative_days_and_parts() {
        let w = at("a class tomorrow evening", "2026-12-31");
        assert_eq!((w.from, w.part), (Some(d("2027-01-01")), Some(DayPart::Evening)));
        let w = at("tonight", "2026-12-07");
        assert_eq!((w.from, w.part), (Some(d("2026-12-07")), Some(DayPart::Evening)));
        let w = at("manana por la manana", "2026-12-07");
        assert_eq!((w.from, w.part), (Some(d("2026-12-08")), Some(DayPart::Morning)));
        let w = at("esta manana", "2026-12-07");
        assert_eq!((w.from, w.part), (Some(d("2026-12-07")), Some(DayPart::Morning)));
        let w = at("manana por la tarde", "2026-12-07");
        assert_eq!((w.from, w.part), (Some(d("2026-12-08")), Some(DayPart::Afternoon)));
        assert_eq!(at("pasado manana", "2026-12-07").from, Some(d("2026-12-09")));
        assert_eq!(at("in 3 days", "2026-12-30").from, Some(d("2027-01-02")));
        assert_eq!(at("a cafe in london in 2 days", "2026-12-07").from, Some(d("2026-12-09")));
        assert_eq!(at("dentro de dos dias", "2026-12-07").from, Some(d("2026-12-09")));
        let w = at("next week", "2026-12-09");
        assert_eq!((w.from, w.to), (Some(d("2026-12-14")), Some(d("2026-12-20"))));
        let w = at("esta semana", "2026-12-09");
        assert_eq!((w.from, w.to), (Some(d("2026-12-09")), Some(d("2026-12-13"))));
        assert_eq!(at("milongas in buenos aires", "2026-12-07"), When::default());
    }
}
