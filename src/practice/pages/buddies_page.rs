use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::practice::api::{get_buddies, BuddyAction, RequestBuddy};
use crate::practice::model::{Buddies, BUDDY_MESSAGE_MAX};
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// Practice buddies: active pairs (their streak, last practice, days both practised, a nudge),
/// requests to answer or withdraw, suggestions, and a request by username.
#[component]
pub fn BuddiesPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let data = Resource::new(move || version.get(), |_| get_buddies());
    view! {
        <Title text="Practice buddies · Kindred"/>
        <section class="page narrow-wide">
            <div class="page-head">
                <h1>"Practice buddies"</h1>
                <div class="actions"><a class="button" href="/practice/me">"My practice"</a></div>
            </div>
            <Suspense fallback=Loading>
                {move || data.get().map(|r| match r {
                    Ok(b) => view! { <Content b version/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/buddies"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Content(b: Buddies, version: RwSignal<u32>) -> impl IntoView {
    let act = ServerAction::<BuddyAction>::new();
    let ask = ServerAction::<RequestBuddy>::new();
    for (v, ok) in [
        (act.version(), Signal::derive(move || act.value().get().is_some_and(|r| r.is_ok()))),
        (ask.version(), Signal::derive(move || ask.value().get().is_some_and(|r| r.is_ok()))),
    ] {
        Effect::new(move |prev: Option<usize>| {
            let now = v.get();
            // Reloaded after a success only: an error stays beside the form that caused it.
            if prev.is_some_and(|p| p != now) && ok.get_untracked() {
                version.update(|n| *n += 1);
            }
            now
        });
    }
    let act_error = action_error(act);
    let ask_error = action_error(ask);
    let username_error = Signal::derive(move || ask_error.get().and_then(|e| e.for_field("username")));
    let query = use_query_map();
    let to = query.read_untracked().get("to").unwrap_or_default();
    let button = move |id: String, action: &'static str, label: String| {
        view! {
            <ActionForm action=act attr:class="inline-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="action" value=action/>
                <button type="submit" class="button">{label}</button>
            </ActionForm>
        }
    };
    view! {
        <ErrorLine error=act_error/>
        <h2>"My buddies"</h2>
        {if b.buddies.is_empty() {
            view! { <p class="empty-state">"No buddy yet. Practising with someone keeps both of you going."</p> }.into_any()
        } else {
            view! {
                <ul class="session-list">
                    {b.buddies.into_iter().map(|x| {
                        let id = x.buddy_id.to_string();
                        view! {
                            <li class="card buddy">
                                <h3><a href=format!("/practice/m/{}", x.username)>{x.display_name.clone()}</a></h3>
                                <p>{format!("Streak {} day{} · last practice {} · {} day{} you both practised",
                                    x.streak, if x.streak == 1 { "" } else { "s" },
                                    x.last_practice.map(|t| t.format("%e %b").to_string()).unwrap_or_else(|| "not yet".into()),
                                    x.days_together, if x.days_together == 1 { "" } else { "s" })}</p>
                                <div class="actions">
                                    {button(id.clone(), "nudge", format!("Nudge {}", x.display_name))}
                                    {button(id, "end", "End".to_string())}
                                </div>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {(!b.incoming.is_empty()).then(|| view! {
            <h2>"Asking you"</h2>
            <ul class="session-list">
                {b.incoming.into_iter().map(|r| {
                    let id = r.buddy_id.to_string();
                    view! {
                        <li class="card">
                            <p><a href=format!("/practice/m/{}", r.username)>{r.display_name.clone()}</a>" would like to practise with you."</p>
                            {(!r.message.is_empty()).then(|| view! { <blockquote>{r.message.clone()}</blockquote> })}
                            <div class="actions">
                                {button(id.clone(), "accept", format!("Accept {}", r.display_name))}
                                {button(id, "decline", "Decline".to_string())}
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        })}
        {(!b.outgoing.is_empty()).then(|| view! {
            <h2>"Waiting for an answer"</h2>
            <ul class="session-list">
                {b.outgoing.into_iter().map(|r| view! {
                    <li class="card"><a href=format!("/practice/m/{}", r.username)>{r.display_name.clone()}</a>
                        {button(r.buddy_id.to_string(), "end", "Withdraw".to_string())}</li>
                }).collect_view()}
            </ul>
        })}
        <h2>"Ask someone"</h2>
        <ActionForm action=ask attr:class="form card" attr:aria-label="Ask to be practice buddies">
            <FormAlert error=ask_error/>
            <div class="field" class:field-invalid=move || username_error.get().is_some()>
                <label for="f-buddy-username">"Username"</label>
                <input id="f-buddy-username" name="username" type="text" required=true value=to autocomplete="off"/>
                <FieldMessage id="f-buddy-username-error" message=username_error/>
            </div>
            <div class="field">
                <label for="f-buddy-message">"A message (optional)"</label>
                <input id="f-buddy-message" name="message" type="text" maxlength=BUDDY_MESSAGE_MAX as u32/>
            </div>
            <SubmitButton label="Send request" busy_label="Sending…" pending=ask.pending()/>
        </ActionForm>
        {(!b.suggestions.is_empty()).then(|| view! {
            <h2>"People who practise what you practise"</h2>
            <ul class="session-list">
                {b.suggestions.into_iter().map(|s| view! {
                    <li class="card">
                        <a href=format!("/practice/m/{}", s.username)>{s.display_name.clone()}</a>
                        <span class="muted">{format!(" · {} · {}", s.shared.join(", "), s.time_zone)}</span>
                        <ActionForm action=ask attr:class="inline-form">
                            <input type="hidden" name="username" value=s.username.clone()/>
                            <button type="submit" class="button">{format!("Ask {}", s.display_name)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
        })}
    }
}
