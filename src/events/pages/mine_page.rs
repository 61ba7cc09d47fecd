use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::event_card::EventCardView;
use super::EventTabs;
use crate::error::AppError;
use crate::events::api::get_my_events;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn MyEventsPage() -> impl IntoView {
    let mine = Resource::new(|| (), |_| get_my_events());
    view! {
        <Title text="My events · Kindred"/>
        <section class="page">
            <div class="page-heading">
                <h1>"My events"</h1>
                <a class="button button-primary" href="/events/new">"New event"</a>
            </div>
            <EventTabs/>
            <Suspense fallback=Loading>
                {move || mine.get().map(|r| match r {
                    Ok(m) => view! {
                        <p class="muted">{format!("Times in {}. ", m.zone)}<a href="/settings/calendar">"Subscribe in your calendar app"</a></p>
                        <section aria-labelledby="attending-heading">
                            <h2 id="attending-heading">"Going or interested"</h2>
                            {if m.attending.is_empty() {
                                view! { <p class="empty-state">"Nothing yet. "<a href="/events">"Find an event"</a></p> }.into_any()
                            } else {
                                view! { <div class="event-list">{m.attending.into_iter().map(|event| view! { <EventCardView event/> }).collect_view()}</div> }.into_any()
                            }}
                        </section>
                        <section aria-labelledby="organising-heading">
                            <h2 id="organising-heading">"Organising"</h2>
                            {if m.organising.is_empty() {
                                view! { <p class="empty-state">"You're not organising anything yet."</p> }.into_any()
                            } else {
                                view! { <div class="event-list">{m.organising.into_iter().map(|event| view! { <EventCardView event/> }).collect_view()}</div> }.into_any()
                            }}
                        </section>
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/events/mine"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
