use leptos::prelude::*;

use crate::events::model::{EventCard, EventStatus, RsvpStatus};

/// One event in a list: a date badge, what, when, where, and how full it is.
#[component]
pub fn EventCardView(event: EventCard) -> impl IntoView {
    let href = format!("/events/{}", event.event_id);
    let cancelled = event.status == EventStatus::Cancelled;
    let seats = match event.capacity {
        Some(cap) => format!("{} of {cap} going", event.going_count),
        None => format!("{} going", event.going_count),
    };
    let mine = event.my_rsvp.filter(|s| *s != RsvpStatus::NotGoing).map(|s| s.label());
    view! {
        <article class="event-card card" class:event-cancelled=cancelled>
            <div class="date-badge" aria-hidden="true">
                <span class="date-day">{event.day}</span>
                <span class="date-month">{event.month}</span>
            </div>
            <div class="event-card-body">
                <h3><a href=href>{event.title}</a></h3>
                <p class="event-when">{event.when}</p>
                <p class="event-place">{event.place}</p>
                <p class="event-meta">
                    <span class="badge">{event.event_type.label()}</span>
                    {event.recurring.then(|| view! { <span class="badge">"Repeats"</span> })}
                    {cancelled.then(|| view! { <span class="badge badge-danger">"Cancelled"</span> })}
                    {(event.status == EventStatus::Draft).then(|| view! { <span class="badge">"Draft"</span> })}
                    {mine.map(|m| view! { <span class="badge badge-accent">{m}</span> })}
                    <span>{seats}</span>
                    {event.distance_km.map(|d| view! { <span>{format!("{d} km away")}</span> })}
                </p>
            </div>
        </article>
    }
}
