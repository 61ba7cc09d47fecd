//! Recurrence rules and their expansion into occurrences.
//!
//! Occurrences are computed in the event's *local* time (wall clock in its IANA zone) and only
//! then turned into instants, so a weekly 20:00 class stays at 20:00 across a DST change.
//! A local time that does not exist (the spring-forward gap) moves forward by the gap; an
//! ambiguous one (fall back) takes the earlier instant.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::model::MAX_OCCURRENCES;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "freq", rename_all = "snake_case")]
pub enum Rule {
    /// Every week on these weekdays (Monday = 0).
    Weekly { weekdays: Vec<u8> },
    /// Every month on the nth weekday (1–4, or -1 for the last).
    MonthlyNthWeekday { nth: i8, weekday: u8 },
    /// Every month on this day (months without that day are skipped).
    MonthlyDay { day: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum End {
    Count { count: u32 },
    Until { until: NaiveDate },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recurrence {
    pub rule: Rule,
    pub end: End,
}

pub fn weekday_from_index(i: u8) -> Weekday {
    match i % 7 {
        0 => Weekday::Mon,
        1 => Weekday::Tue,
        2 => Weekday::Wed,
        3 => Weekday::Thu,
        4 => Weekday::Fri,
        5 => Weekday::Sat,
        _ => Weekday::Sun,
    }
}

pub fn weekday_key_index(key: &str) -> Option<u8> {
    ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].iter().position(|k| *k == key).map(|i| i as u8)
}

/// Which nth weekday of its month `date` is: 1–4, or -1 when it is the last one (5th).
pub fn nth_weekday_of(date: NaiveDate) -> i8 {
    let nth = ((date.day() - 1) / 7 + 1) as i8;
    if nth >= 5 {
        -1
    } else {
        nth
    }
}

fn nth_weekday_in(year: i32, month: u32, nth: i8, weekday: Weekday) -> Option<NaiveDate> {
    if nth > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, nth as u8)
    } else {
        // The last one: the 5th if it exists, else the 4th.
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
            .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4))
    }
}

fn add_months(year: i32, month: u32, n: u32) -> (i32, u32) {
    let m0 = month - 1 + n;
    (year + (m0 / 12) as i32, m0 % 12 + 1)
}

/// Local start times of every occurrence, the first being `first` itself.
pub fn expand_local(first: NaiveDateTime, rec: &Recurrence) -> Vec<NaiveDateTime> {
    let time = first.time();
    let (limit, until) = match rec.end {
        End::Count { count } => ((count as usize).clamp(1, MAX_OCCURRENCES), None),
        End::Until { until } => (MAX_OCCURRENCES, Some(until)),
    };
    let within = |d: NaiveDate| until.is_none_or(|u| d <= u);
    let mut out = vec![first];
    let start = first.date();
    match &rec.rule {
        Rule::Weekly { weekdays } => {
            let mut days: Vec<Weekday> = weekdays.iter().map(|w| weekday_from_index(*w)).collect();
            if days.is_empty() {
                days.push(start.weekday());
            }
            let mut d = start;
            // Two years of days at most.
            for _ in 0..(366 * 2) {
                d = match d.succ_opt() {
                    Some(n) => n,
                    None => break,
                };
                if out.len() >= limit || !within(d) {
                    break;
                }
                if days.contains(&d.weekday()) {
                    out.push(d.and_time(time));
                }
            }
        }
        Rule::MonthlyNthWeekday { nth, weekday } => {
            let wd = weekday_from_index(*weekday);
            for n in 1..=24 {
                let (y, m) = add_months(start.year(), start.month(), n);
                let Some(d) = nth_weekday_in(y, m, *nth, wd) else { continue };
                if out.len() >= limit || !within(d) {
                    break;
                }
                out.push(d.and_time(time));
            }
        }
        Rule::MonthlyDay { day } => {
            for n in 1..=24 {
                let (y, m) = add_months(start.year(), start.month(), n);
                let Some(d) = NaiveDate::from_ymd_opt(y, m, *day) else { continue };
                if out.len() >= limit || !within(d) {
                    break;
                }
                out.push(d.and_time(time));
            }
        }
    }
    out
}

/// The instant of a local wall-clock time in `tz` (gap → moved forward, overlap → earlier).
pub fn local_to_utc(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
        LocalResult::None => {
            // Inside a spring-forward gap: the same wall-clock offset before the gap applies.
            let before = local - Duration::hours(3);
            let offset = match tz.from_local_datetime(&before) {
                LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.offset().fix(),
                LocalResult::None => chrono::FixedOffset::east_opt(0).expect("zero offset"),
            };
            DateTime::<Utc>::from_naive_utc_and_offset(local - offset, Utc)
        }
    }
}

use chrono::Offset;

/// Start and end instants of every occurrence: each keeps the local start time and the same
/// local duration as the first.
pub fn expand(
    tz: Tz,
    first_start: NaiveDateTime,
    first_end: NaiveDateTime,
    rec: &Recurrence,
) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let length = first_end - first_start;
    expand_local(first_start, rec).into_iter().map(|s| (local_to_utc(tz, s), local_to_utc(tz, s + length))).collect()
}

/// A sentence for people, e.g. "Every week on Tuesday and Thursday, 10 times".
pub fn describe(rec: &Recurrence) -> String {
    const NAMES: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    let rule = match &rec.rule {
        Rule::Weekly { weekdays } => {
            let names: Vec<&str> = weekdays.iter().map(|w| NAMES[(*w % 7) as usize]).collect();
            format!("Every week on {}", names.join(", "))
        }
        Rule::MonthlyNthWeekday { nth, weekday } => {
            let which = match nth {
                1 => "first",
                2 => "second",
                3 => "third",
                4 => "fourth",
                _ => "last",
            };
            format!("Every month on the {which} {}", NAMES[(*weekday % 7) as usize])
        }
        Rule::MonthlyDay { day } => format!("Every month on day {day}"),
    };
    match rec.end {
        End::Count { count } => format!("{rule}, {count} times"),
        End::Until { until } => format!("{rule}, until {}", until.format("%-d %b %Y")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn weekly_keeps_local_time_across_dst() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let rec = Recurrence { rule: Rule::Weekly { weekdays: vec![1] }, end: End::Count { count: 4 } };
        // Tuesday 2026-10-20 20:00; Berlin leaves summer time on Sunday 25 October.
        let occ = expand(tz, local("2026-10-20T20:00"), local("2026-10-20T22:00"), &rec);
        assert_eq!(occ.len(), 4);
        for (start, end) in &occ {
            let l = start.with_timezone(&tz);
            assert_eq!((l.hour(), l.minute()), (20, 0));
            assert_eq!(*end - *start, Duration::hours(2));
        }
        // UTC hour moves by one across the change.
        assert_eq!(occ[0].0.hour(), 18);
        assert_eq!(occ[1].0.hour(), 19);
    }

    #[test]
    fn weekly_on_several_days_in_order() {
        let rec = Recurrence { rule: Rule::Weekly { weekdays: vec![0, 3] }, end: End::Count { count: 5 } };
        let days: Vec<String> =
            expand_local(local("2026-12-07T19:00"), &rec).iter().map(|d| d.date().to_string()).collect();
        assert_eq!(days, ["2026-12-07", "2026-12-10", "2026-12-14", "2026-12-17", "2026-12-21"]);
    }

    #[test]
    fn monthly_nth_and_last_weekday() {
        // 2026-12-11 is the second Friday of December.
        let d = NaiveDate::from_ymd_opt(2026, 12, 11).unwrap();
        assert_eq!(nth_weekday_of(d), 2);
        let rec = Recurrence {
            rule: Rule::MonthlyNthWeekday { nth: 2, weekday: 4 },
            end: End::Until { until: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap() },
        };
        let days: Vec<String> =
            expand_local(local("2026-12-11T21:00"), &rec).iter().map(|d| d.date().to_string()).collect();
        assert_eq!(days, ["2026-12-11", "2027-01-08", "2027-02-12", "2027-03-12"]);
        let last = Recurrence { rule: Rule::MonthlyNthWeekday { nth: -1, weekday: 6 }, end: End::Count { count: 3 } };
        let days: Vec<String> =
            expand_local(local("2027-01-31T18:00"), &last).iter().map(|d| d.date().to_string()).collect();
        assert_eq!(days, ["2027-01-31", "2027-02-28", "2027-03-28"]);
    }

    #[test]
    fn monthly_day_skips_short_months() {
        let rec = Recurrence { rule: Rule::MonthlyDay { day: 31 }, end: End::Count { count: 3 } };
        let days: Vec<String> =
            expand_local(local("2027-01-31T18:00"), &rec).iter().map(|d| d.date().to_string()).collect();
        assert_eq!(days, ["2027-01-31", "2027-03-31", "2027-05-31"]);
    }

    #[test]
    fn counts_are_capped() {
        let rec =
            Recurrence { rule: Rule::Weekly { weekdays: vec![0, 1, 2, 3, 4, 5, 6] }, end: End::Count { count: 5000 } };
        assert_eq!(expand_local(local("2027-01-01T10:00"), &rec).len(), MAX_OCCURRENCES);
    }

    #[test]
    fn gap_times_move_forward_and_overlaps_take_the_earlier() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // 2027-03-28 02:30 does not exist in Berlin (clocks jump 02:00 → 03:00).
        let t = local_to_utc(tz, local("2027-03-28T02:30"));
        assert_eq!(t.with_timezone(&tz).hour(), 3);
        // 2026-10-25 02:30 happens twice; the first is 00:30 UTC.
        let t = local_to_utc(tz, local("2026-10-25T02:30"));
        assert_eq!((t.hour(), t.minute()), (0, 30));
    }
}
