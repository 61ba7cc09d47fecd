//! Charts drawn as SVG in the page itself (rendered on the server, no chart library), each with
//! the same figures as a table for screen readers and for reading exact numbers.

use leptos::prelude::*;

use crate::practice::model::{Category, MoodPoint, WeekMinutes};

const W: f64 = 320.0;
const H: f64 = 140.0;
const PAD: f64 = 24.0;

/// Minutes per week, stacked by category.
#[component]
pub fn WeeklyMinutesChart(weeks: Vec<WeekMinutes>, categories: Vec<Category>) -> impl IntoView {
    let totals: Vec<i64> = weeks.iter().map(|w| w.minutes.iter().map(|(_, m)| m).sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(10) as f64;
    let n = weeks.len().max(1) as f64;
    let slot = (W - PAD) / n;
    let bar = (slot * 0.7).max(2.0);
    let colour =
        |slug: &str| categories.iter().find(|c| c.slug == slug).map(|c| c.colour.clone()).unwrap_or("#888888".into());
    let mut rects = Vec::new();
    for (i, w) in weeks.iter().enumerate() {
        let x = PAD + i as f64 * slot + (slot - bar) / 2.0;
        let mut y = H - PAD;
        for (slug, minutes) in &w.minutes {
            let h = (*minutes as f64 / max) * (H - 2.0 * PAD);
            y -= h;
            rects.push((x, y, h, colour(slug)));
        }
    }
    let summary = format!(
        "Minutes of practice per week for the last {} weeks; the most in a week was {}.",
        weeks.len(),
        totals.iter().max().copied().unwrap_or(0)
    );
    let first = weeks.first().map(|w| w.week_start.format("%e %b").to_string()).unwrap_or_default();
    let last = weeks.last().map(|w| w.week_start.format("%e %b").to_string()).unwrap_or_default();
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone() class="chart-svg">
                <line x1=PAD y1=H - PAD x2=W y2=H - PAD class="axis"/>
                <text x=PAD - 4.0 y=PAD + 4.0 class="chart-label" text-anchor="end">{format!("{}", max as i64)}</text>
                <text x=PAD - 4.0 y=H - PAD class="chart-label" text-anchor="end">"0"</text>
                <text x=PAD y=H - 6.0 class="chart-label">{first}</text>
                <text x=W y=H - 6.0 class="chart-label" text-anchor="end">{last}</text>
                {rects.into_iter().map(|(x, y, h, fill)| view! {
                    <rect x=format!("{x:.1}") y=format!("{y:.1}") width=format!("{bar:.1}") height=format!("{h:.1}") fill=fill/>
                }).collect_view()}
            </svg>
            <figcaption>
                <ul class="legend">
                    {categories.iter().map(|c| view! {
                        <li><span class="swatch" style=format!("background: {}", c.colour)></span>{c.name.clone()}</li>
                    }).collect_view()}
                </ul>
            </figcaption>
            <details>
                <summary>"Minutes per week as a table"</summary>
                <table class="data-table">
                    <thead><tr><th scope="col">"Week of"</th>
                        {categories.iter().map(|c| view! { <th scope="col">{c.name.clone()}</th> }).collect_view()}
                        <th scope="col">"All"</th></tr></thead>
                    <tbody>
                        {weeks.iter().zip(totals.iter()).map(|(w, total)| view! {
                            <tr><th scope="row">{w.week_start.format("%e %b %Y").to_string()}</th>
                                {categories.iter().map(|c| {
                                    let m = w.minutes.iter().find(|(s, _)| *s == c.slug).map(|(_, m)| *m).unwrap_or(0);
                                    view! { <td>{m}</td> }
                                }).collect_view()}
                                <td>{*total}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}

/// Mood before and after practice, one point per check-in.
#[component]
pub fn MoodChart(moods: Vec<MoodPoint>) -> impl IntoView {
    let n = moods.len();
    let x = move |i: usize| if n <= 1 { W / 2.0 } else { PAD + (W - PAD - 8.0) * i as f64 / (n - 1) as f64 };
    let y = |v: i16| (H - PAD) - (v.clamp(1, 10) as f64 - 1.0) / 9.0 * (H - 2.0 * PAD);
    let line = |pick: fn(&MoodPoint) -> i16| {
        moods.iter().enumerate().map(|(i, m)| format!("{:.1},{:.1}", x(i), y(pick(m)))).collect::<Vec<_>>().join(" ")
    };
    let before = line(|m| m.before);
    let after = line(|m| m.after);
    let avg = |pick: fn(&MoodPoint) -> i16| {
        if n == 0 {
            0.0
        } else {
            moods.iter().map(|m| pick(m) as f64).sum::<f64>() / n as f64
        }
    };
    let summary = format!(
        "Mood over the last {n} check-ins: on average {:.1} before practice and {:.1} after.",
        avg(|m| m.before),
        avg(|m| m.after)
    );
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {W} {H}") role="img" aria-label=summary.clone() class="chart-svg">
                <line x1=PAD y1=H - PAD x2=W y2=H - PAD class="axis"/>
                <text x=PAD - 4.0 y=y(10) + 4.0 class="chart-label" text-anchor="end">"10"</text>
                <text x=PAD - 4.0 y=y(1) class="chart-label" text-anchor="end">"1"</text>
                <polyline points=before class="mood-before" fill="none"/>
                <polyline points=after class="mood-after" fill="none"/>
                {moods.iter().enumerate().map(|(i, m)| view! {
                    <circle cx=format!("{:.1}", x(i)) cy=format!("{:.1}", y(m.after)) r="2.5" class="mood-after-dot"/>
                }).collect_view()}
            </svg>
            <figcaption>
                <p>{summary}</p>
                <ul class="legend">
                    <li><span class="swatch mood-before-swatch"></span>"Before"</li>
                    <li><span class="swatch mood-after-swatch"></span>"After"</li>
                </ul>
            </figcaption>
            <details>
                <summary>"Moods as a table"</summary>
                <table class="data-table">
                    <thead><tr><th scope="col">"Day"</th><th scope="col">"Before"</th><th scope="col">"After"</th></tr></thead>
                    <tbody>
                        {moods.iter().map(|m| view! {
                            <tr><th scope="row">{m.day.format("%e %b %Y").to_string()}</th><td>{m.before}</td><td>{m.after}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </details>
        </figure>
    }
}
