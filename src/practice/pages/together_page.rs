use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use super::session_form::SavedNote;
use crate::error::AppError;
use crate::practice::api::{get_events_practised, LogEventSession};
use crate::practice::model::EventPractice;
use crate::ui::forms::{action_error, ErrorLine};
use crate::ui::status::{ErrorView, Loading};

/// Practising together: the member's group practices, classes, workshops and mentor sessions of
/// the last 30 days that named a technique, each logged in one click.
#[component]
pub fn TogetherPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = Resource::new(move || version.get(), |_| get_events_practised());
    let log = ServerAction::<LogEventSession>::new();
    let error = action_error(log);
    let saved = Signal::derive(move || log.value().get().and_then(|r| r.ok()));
    Effect::new(move |prev: Option<usize>| {
        let now = log.version().get();
        // Reloaded after a success only: an error stays in view.
        if prev.is_some_and(|p| p != now) && log.value().get_untracked().is_some_and(|r| r.is_ok()) {
            version.update(|n| *n += 1);
        }
        now
    });
    view! {
        <Title text="Practised together · Practice · Kindred"/>
        <section class="page narrow-wide">
            <div class="page-head">
                <h1>"Practised together"</h1>
                <div class="actions">
                    <a class="button" href="/practice/me">"My practice"</a>
                    <a class="button" href="/events">"Events"</a>
                </div>
            </div>
            <p class="muted">"Group practices, classes, workshops and mentor sessions you went to or ran in the last 30 days that named a technique. Logging one adds it to your practice as a group session — or as teaching, if you led it."</p>
            <ErrorLine error/>
            {move || saved.get().map(|s| view! { <SavedNote saved=s/> })}
            <Suspense fallback=Loading>
                {move || data.get().map(|r| match r {
                    Ok(list) => view! { <List list log/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/together"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn List(list: Vec<EventPractice>, log: ServerAction<LogEventSession>) -> impl IntoView {
    if list.is_empty() {
        return view! {
            <p class="empty-state">"Nothing to log yet. When an event you go to names a technique, it appears here once it is over."</p>
        }
        .into_any();
    }
    view! {
        <ul class="session-list">
            {list.into_iter().map(|e| {
                let id = e.event_id.to_string();
                let what = if e.teaching { "teaching" } else { "group" };
                let label = format!("Log {} min of {} ({what})", e.minutes, e.technique_name);
                view! {
                    <li class="card together-event">
                        <h2 class="technique-name"><a href=format!("/events/{id}")>{e.title.clone()}</a></h2>
                        <p class="muted">{format!("{} · {}", e.kind, e.when)}</p>
                        <p>"Practised: "<a href=format!("/practice/t/{}", e.technique_slug)>{e.technique_name.clone()}</a></p>
                        {if e.logged {
                            view! { <p class="hint">"In your practice ✓"</p> }.into_any()
                        } else {
                            view! {
                                <ActionForm action=log attr:class="inline-form">
                                    <input type="hidden" name="event_id" value=id.clone()/>
                                    <button type="submit" class="button button-primary" disabled=move || log.pending().get()>{label}</button>
                                </ActionForm>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
