use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::assistant::api::{get_thread, AskAssistant, ClearAssistant};
use crate::assistant::model::{Card, CardAction, Message, Thread, ASK_MAX};
use crate::error::AppError;
use crate::events::api::RsvpEvent;
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// The member's private conversation with the assistant: the history (kept until deleted), a
/// box to ask in, and answers as short text with cards that link to the results.
#[component]
pub fn AssistantPage() -> impl IntoView {
    let query = use_query_map();
    let ask = ServerAction::<AskAssistant>::new();
    let clear = ServerAction::<ClearAssistant>::new();
    let thread = Resource::new(
        move || (query.read().get("earlier").unwrap_or_default(), ask.version().get(), clear.version().get()),
        |(earlier, _, _)| get_thread(earlier),
    );
    let error = action_error(ask);
    let text_error = Signal::derive(move || error.get().and_then(|e| e.for_field("text")));
    // What was typed stays after an error; a success empties the box.
    let typed = RwSignal::new(String::new());
    Effect::new(move |_| {
        if ask.value().get().is_some_and(|r| r.is_ok()) {
            typed.set(String::new());
        }
    });
    view! {
        <Title text="Assistant · Kindred"/>
        <section class="page narrow assistant-page">
            <div class="page-head">
                <h1>"Assistant"</h1>
            </div>
            <p class="muted">"Ask about events, places, your practice, the oracle, what you missed, or how Kindred works — in English or Spanish. It answers from Kindred's own data, only with what you can open, and never changes anything by itself."</p>
            <Suspense fallback=Loading>
                {move || thread.get().map(|r| match r {
                    Ok(t) => view! { <Conversation t clear/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/assistant"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
            <ActionForm action=ask attr:class="form assistant-ask" attr:aria-label="Ask the assistant">
                <ErrorLine error=Signal::derive(move || error.get().filter(|e| e.for_field("text").is_none()))/>
                <div class="field" class:field-invalid=move || text_error.get().is_some()>
                    <label for="f-assistant-text">"Your question"</label>
                    <textarea id="f-assistant-text" name="text" rows="2" maxlength=ASK_MAX as u32 required=true
                        placeholder="e.g. milongas in Buenos Aires this weekend"
                        aria-describedby="f-assistant-text-error"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))></textarea>
                    <FieldMessage id="f-assistant-text-error" message=text_error/>
                </div>
                <SubmitButton label="Ask" busy_label="Thinking…" pending=ask.pending()/>
            </ActionForm>
        </section>
    }
}

#[component]
fn Conversation(t: Thread, clear: ServerAction<ClearAssistant>) -> impl IntoView {
    if t.messages.is_empty() && t.earlier.is_none() {
        return view! {
            <div class="empty-state">
                <p>"Nothing asked yet. Try:"</p>
                <ul>
                    <li>"milongas in Buenos Aires this weekend"</li>
                    <li>"a quiet café near me that is open now"</li>
                    <li>"a 10-minute technique for grounding"</li>
                    <li>"¿qué me perdí?"</li>
                </ul>
            </div>
        }
        .into_any();
    }
    view! {
        {t.earlier.map(|c| view! { <p><a href=format!("/assistant?earlier={c}")>"Earlier messages"</a></p> })}
        <ol class="assistant-thread" aria-label="Conversation">
            {t.messages.into_iter().map(|m| view! { <Bubble m/> }).collect_view()}
        </ol>
        <details class="assistant-clear">
            <summary>"Delete this conversation"</summary>
            <ActionForm action=clear attr:class="inline-form">
                <p class="hint">"Every message goes, for good."</p>
                <button type="submit" class="button button-danger">"Delete the conversation"</button>
            </ActionForm>
        </details>
    }
    .into_any()
}

#[component]
fn Bubble(m: Message) -> impl IntoView {
    let who = if m.from_member { "You" } else { "Assistant" };
    view! {
        <li class="assistant-message" class:mine=m.from_member>
            <p class="assistant-meta muted">{format!("{who} · {}", m.at)}</p>
            <p class="assistant-body">{m.body.clone()}</p>
            {(!m.cards.is_empty()).then(|| view! {
                <ul class="assistant-cards">
                    {m.cards.into_iter().map(|c| view! { <ResultCard c/> }).collect_view()}
                </ul>
            })}
        </li>
    }
}

#[component]
fn ResultCard(c: Card) -> impl IntoView {
    // Each proposed action is its own form calling the ordinary server function.
    let rsvp = ServerAction::<RsvpEvent>::new();
    let error = action_error(rsvp);
    let done = move || rsvp.value().get().is_some_and(|r| r.is_ok());
    view! {
        <li class="card assistant-card">
            <a class="assistant-card-title" href=c.href.clone()>{c.title.clone()}</a>
            {(!c.subtitle.is_empty()).then(|| view! { <p class="muted">{c.subtitle.clone()}</p> })}
            {c.action.map(|a| match a {
                CardAction::RsvpGoing { event_id } => view! {
                    <ActionForm action=rsvp attr:class="inline-form">
                        <input type="hidden" name="id" value=event_id.to_string()/>
                        <input type="hidden" name="status" value="going"/>
                        <button type="submit" class="button" disabled=done>
                            {move || if done() { "You're going ✓" } else { "RSVP going" }}
                        </button>
                    </ActionForm>
                    <ErrorLine error/>
                },
            })}
        </li>
    }
}
