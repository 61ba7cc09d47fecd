use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::oracle::api::get_journal;
use crate::oracle::model::JournalStats;
use crate::ui::status::{ErrorView, Loading};

/// What the member's readings have drawn lately: most frequent cards and the balance of
/// suits and elements, as a small chart.
#[component]
pub fn JournalPage() -> impl IntoView {
    let query = use_query_map();
    let days = move || {
        if query.read().get("days").as_deref() == Some("90") {
            90
        } else {
            30
        }
    };
    let stats = Resource::new(days, get_journal);
    view! {
        <Title text="Reading journal · Kindred"/>
        <section class="page narrow">
            <h1>"Reading journal"</h1>
            <nav class="tabs" aria-label="Period">
                <a href="/oracle/journal?days=30" aria-current=move || (days() == 30).then_some("page")>"30 days"</a>
                <a href="/oracle/journal?days=90" aria-current=move || (days() == 90).then_some("page")>"90 days"</a>
            </nav>
            <Suspense fallback=Loading>
                {move || stats.get().map(|s| match s {
                    Ok(stats) => view! { <JournalView stats/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/oracle/journal"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn BarChart(#[prop(into)] title: String, rows: Vec<(String, i64)>) -> impl IntoView {
    let max = rows.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let height = rows.len() * 28 + 8;
    let summary = rows.iter().map(|(l, n)| format!("{l}: {n}")).collect::<Vec<_>>().join(", ");
    view! {
        <figure class="chart">
            <figcaption>{title.clone()}</figcaption>
            <svg viewBox=format!("0 0 320 {height}") width="100%" role="img" aria-label=format!("{title}. {summary}")>
                {rows.into_iter().enumerate().map(|(i, (label, n))| {
                    let y = i * 28 + 4;
                    let w = (n as f64 / max as f64 * 180.0).round();
                    view! {
                        <text x="0" y=y + 16 class="chart-label">{label}</text>
                        <rect x="110" y=y + 4 width=w.max(2.0) height="16" rx="4" class="chart-bar"/>
                        <text x=110.0 + w + 6.0 y=y + 16 class="chart-value">{n}</text>
                    }
                }).collect_view()}
            </svg>
        </figure>
    }
}

#[component]
fn JournalView(stats: JournalStats) -> impl IntoView {
    if stats.readings == 0 {
        return view! {
            <p class="empty-state">{format!("No readings in the last {} days. ", stats.days)} <a href="/oracle">"Draw a card."</a></p>
        }
        .into_any();
    }
    let groups = stats.groups.clone();
    let elements = stats.elements.iter().map(|(e, n)| (e.label().to_string(), *n)).collect::<Vec<_>>();
    view! {
        <p>{format!("{} readings and {} cards in the last {} days.", stats.readings, stats.cards_drawn, stats.days)}</p>
        <h2>"Most drawn"</h2>
        <ol class="top-cards">
            {stats.top_cards.into_iter().map(|c| view! {
                <li><a href=format!("/oracle/cards/{}", c.slug)>{c.name}</a> {format!(" × {}", c.count)}</li>
            }).collect_view()}
        </ol>
        <BarChart title="Suits" rows=groups/>
        <BarChart title="Elements" rows=elements/>
    }
    .into_any()
}
