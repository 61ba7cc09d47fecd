use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::list_page::{filters_from_query, FilterForm};
use super::EventTabs;
use crate::error::AppError;
use crate::events::api::get_month;
use crate::events::model::EventStatus;
use crate::ui::status::{ErrorView, Loading};

const WEEKDAYS: [(&str, &str); 7] = [
    ("Mon", "Monday"),
    ("Tue", "Tuesday"),
    ("Wed", "Wednesday"),
    ("Thu", "Thursday"),
    ("Fri", "Friday"),
    ("Sat", "Saturday"),
    ("Sun", "Sunday"),
];

/// A month at a glance. On phones the grid becomes a list of the days that have events.
#[component]
pub fn CalendarPage() -> impl IntoView {
    let filters = filters_from_query();
    let query = use_query_map();
    let month = Resource::new(
        move || (query.read().get("month").unwrap_or_default(), filters.get()),
        |(month, filters)| get_month(month, filters),
    );
    let error = Signal::derive(move || month.get().and_then(|r| r.err()));
    view! {
        <Title text="Event calendar · Kindred"/>
        <section class="page">
            <div class="page-heading">
                <h1>"Event calendar"</h1>
                <a class="button button-primary" href="/events/new">"New event"</a>
            </div>
            <EventTabs/>
            <Suspense fallback=Loading>
                <FilterForm filters=filters.get_untracked() error action="/events/calendar" hide_dates=true/>
                {move || month.get().map(|m| match m {
                    Ok(m) => {
                        let keep = filters.get_untracked().query();
                        let link = move |month: &str| if keep.is_empty() {
                            format!("/events/calendar?month={month}")
                        } else {
                            format!("/events/calendar?month={month}&{keep}")
                        };
                        let empty = m.weeks.iter().all(|w| w.iter().all(|d| !d.in_month || d.events.is_empty()));
                        view! {
                            <div class="month-nav">
                                <a class="button button-quiet" href=link(&m.prev) aria-label="Previous month">"‹ Previous"</a>
                                <h2>{m.title.clone()}</h2>
                                <a class="button button-quiet" href=link(&m.next) aria-label="Next month">"Next ›"</a>
                            </div>
                            <p class="muted">{format!("Times in {}.", m.zone)}</p>
                            {empty.then(|| view! { <p class="empty-state">"No events this month."</p> })}
                            <table class="month-grid">
                                <caption class="visually-hidden">{m.title.clone()}</caption>
                                <thead>
                                    <tr>
                                        {WEEKDAYS.iter().map(|(short, long)| view! {
                                            <th scope="col"><abbr title=*long>{*short}</abbr></th>
                                        }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>
                                    {m.weeks.into_iter().map(|week| view! {
                                        <tr>
                                            {week.into_iter().map(|day| {
                                                let has = !day.events.is_empty();
                                                view! {
                                                    <td class:other-month=!day.in_month class:today=day.today class:has-events=has>
                                                        <time datetime=day.date.clone() class="day-number">{day.day}</time>
                                                        {has.then(|| view! {
                                                            <ul class="day-events">
                                                                {day.events.into_iter().map(|e| {
                                                                    let cancelled = e.status == EventStatus::Cancelled;
                                                                    view! {
                                                                        <li class:event-cancelled=cancelled>
                                                                            <a href=format!("/events/{}", e.event_id)>
                                                                                <span class="day-event-time">{e.start_time}</span>" "{e.title}
                                                                            </a>
                                                                        </li>
                                                                    }
                                                                }).collect_view()}
                                                            </ul>
                                                        })}
                                                    </td>
                                                }
                                            }).collect_view()}
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        }.into_any()
                    }
                    Err(AppError::Invalid { message, .. }) => view! { <p class="alert alert-error" role="alert">{message}</p> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
