use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use crate::error::AppError;
use crate::events::api::{get_attendees, PromoteAttendee};
use crate::events::model::RsvpStatus;
use crate::ui::forms::{action_error, FormAlert};
use crate::ui::status::{ErrorView, Loading};

/// Organisers only: everyone who answered, the waitlist in order, and CSV export.
#[component]
pub fn AttendeesPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let promote = ServerAction::<PromoteAttendee>::new();
    let error = action_error(promote);
    let list = Resource::new(move || (id(), promote.version().get()), |(id, _)| get_attendees(id));
    view! {
        <Title text="Attendees · Kindred"/>
        <section class="page">
            <Suspense fallback=Loading>
                {move || list.get().map(|r| match r {
                    Ok(l) => {
                        let event = l.event_id.to_string();
                        let going = l.attendees.iter().filter(|a| a.status == RsvpStatus::Going).count();
                        view! {
                            <p><a href=format!("/events/{event}")>"← Back to the event"</a></p>
                            <h1>{format!("Attendees: {}", l.title)}</h1>
                            <p>
                                {match l.capacity {
                                    Some(c) => format!("{going} of {c} going."),
                                    None => format!("{going} going."),
                                }}
                                " "
                                <a class="button" href=format!("/events/{event}/attendees.csv") download="attendees.csv">"Export CSV"</a>
                            </p>
                            <FormAlert error/>
                            {if l.attendees.is_empty() {
                                view! { <p class="empty-state">"Nobody has answered yet."</p> }.into_any()
                            } else {
                                view! {
                                    <div class="table-wrap">
                                        <table class="data-table">
                                            <thead>
                                                <tr><th scope="col">"Member"</th><th scope="col">"Email"</th><th scope="col">"Answer"</th><th scope="col">"Answered"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr>
                                            </thead>
                                            <tbody>
                                                {l.attendees.into_iter().map(|a| {
                                                    let status = match (a.status, a.waitlist_position) {
                                                        (RsvpStatus::Waitlisted, Some(p)) => format!("Waitlist #{p}"),
                                                        (s, _) => s.label().to_string(),
                                                    };
                                                    let waiting = a.status == RsvpStatus::Waitlisted;
                                                    let event = event.clone();
                                                    view! {
                                                        <tr>
                                                            <td><a href=format!("/members/{}", a.username)>{a.display_name.clone()}</a></td>
                                                            <td>{match a.email.clone() {
                                                                Some(email) => view! { <a href=format!("mailto:{email}")>{email.clone()}</a> }.into_any(),
                                                                None => view! { <span class="muted">"not shared"</span> }.into_any(),
                                                            }}</td>
                                                            <td>{status}</td>
                                                            <td>{a.responded.clone()}</td>
                                                            <td>
                                                                {waiting.then(|| view! {
                                                                    <ActionForm action=promote attr:class="inline-form">
                                                                        <input type="hidden" name="id" value=event/>
                                                                        <input type="hidden" name="username" value=a.username.clone()/>
                                                                        <button type="submit" class="button">{format!("Give {} a place", a.display_name)}</button>
                                                                    </ActionForm>
                                                                })}
                                                            </td>
                                                        </tr>
                                                    }
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    </div>
                                    <p class="hint">"Emails show only for members who chose to share theirs with the organisers."</p>
                                    <p class="hint">"Giving a place to someone on the waitlist when the event is full adds one seat to the capacity."</p>
                                }.into_any()
                            }}
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => {
                        let path = format!("/login?next=/events/{}/attendees", id());
                        view! { <Redirect path/> }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
