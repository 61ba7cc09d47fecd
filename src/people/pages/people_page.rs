use leptos::prelude::*;
use leptos_meta::Title;

use super::connect_button::ConnectionForm;
use crate::people::api::{get_people, ChangeConnection};
use crate::people::model::{People, PersonRef};
use crate::ui::avatar::Avatar;
use crate::ui::forms::{action_error, FormAlert};
use crate::ui::status::{ErrorView, Loading};

/// The signed-in member's people: requests waiting for them, their connections by closeness,
/// requests they sent, and suggestions.
#[component]
pub fn PeoplePage() -> impl IntoView {
    let action = ServerAction::<ChangeConnection>::new();
    let people = Resource::new(move || action.version().get(), |_| get_people());
    let error = action_error(action);
    view! {
        <Title text="People · Kindred"/>
        <section class="page narrow-wide">
            <nav class="tabs" aria-label="People">
                <a href="/members">"Directory"</a>
                <a href="/people" aria-current="page">"My connections"</a>
            </nav>
            <h1>"Your people"</h1>
            <FormAlert error/>
            <Transition fallback=Loading>
                {move || people.get().map(|p| match p {
                    Ok(p) => view! { <PeopleView people=p action/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Person(person: PersonRef, children: Children) -> impl IntoView {
    view! {
        <li class="card person">
            <Avatar name=person.display_name.clone() url=person.avatar_thumb.clone()/>
            <div>
                <a href=format!("/members/{}", person.username)>{person.display_name.clone()}</a>
                <p class="muted">"@" {person.username.clone()}
                    {(!person.city.is_empty()).then(|| format!(" · {}", person.city))}</p>
            </div>
            {children()}
        </li>
    }
}

#[component]
fn PeopleView(people: People, action: ServerAction<ChangeConnection>) -> impl IntoView {
    view! {
        {(!people.incoming.is_empty()).then(|| view! {
            <h2>{format!("Requests for you ({})", people.incoming.len())}</h2>
            <ul class="people-list">
                {people.incoming.into_iter().map(|r| {
                    let name = r.person.display_name.clone();
                    let u = r.person.username.clone();
                    view! {
                        <Person person=r.person>
                            {(!r.message.is_empty()).then(|| view! { <p class="request-note">{format!("“{}”", r.message)}</p> })}
                            <div class="actions">
                                <ConnectionForm action username=u.clone() verb="accept" label=format!("Accept {name}") primary=true/>
                                <ConnectionForm action username=u verb="decline" label=format!("Decline {name}")/>
                            </div>
                        </Person>
                    }
                }).collect_view()}
            </ul>
        })}
        <h2>{format!("Connections ({})", people.connections.len())}</h2>
        {if people.connections.is_empty() {
            view! { <p class="empty-state">"No connections yet. Connect with people you practise with — from their profile or the suggestions below."</p> }.into_any()
        } else {
            view! {
                <p class="hint">"Closest first. Closeness starts at 75, grows when you comment, react, send energy or go to the same events, and fades after a quiet week."</p>
                <ul class="people-list">
                    {people.connections.into_iter().map(|c| view! {
                        <Person person=c.person>
                            <p class="closeness">"Closeness "
                                <meter min="0" max="100" value=c.closeness aria-label="Closeness"></meter>
                                {format!(" {}", c.closeness)}</p>
                        </Person>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!people.outgoing.is_empty()).then(|| view! {
            <h2>{format!("Requests you sent ({})", people.outgoing.len())}</h2>
            <ul class="people-list">
                {people.outgoing.into_iter().map(|r| {
                    let u = r.person.username.clone();
                    let name = r.person.display_name.clone();
                    view! {
                        <Person person=r.person>
                            <ConnectionForm action username=u verb="cancel" label=format!("Cancel request to {name}")/>
                        </Person>
                    }
                }).collect_view()}
            </ul>
        })}
        <h2>"People you may know"</h2>
        {if people.suggestions.is_empty() {
            view! { <p class="empty-state">"No suggestions yet. Add your city to your profile and use #hashtags, and Kindred will find your people."</p> }.into_any()
        } else {
            view! {
                <ul class="people-list">
                    {people.suggestions.into_iter().map(|s| {
                        let reason = s.reason();
                        let u = s.person.username.clone();
                        let name = s.person.display_name.clone();
                        view! {
                            <Person person=s.person>
                                <p class="muted">{reason}</p>
                                <ConnectionForm action username=u verb="request" label=format!("Connect with {name}") primary=true/>
                            </Person>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}
