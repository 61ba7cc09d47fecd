use leptos::prelude::*;
use leptos_meta::Title;

use crate::places::api::{get_sessions, UpdateSession};
use crate::places::model::{SessionStatus, SessionView, SESSION_NOTES_MAX};
use crate::ui::forms::{action_error, FormAlert};
use crate::ui::status::{ErrorView, Loading};

/// Sessions as mentor and as member, with what each side can do, and private notes.
#[component]
pub fn SessionsPage() -> impl IntoView {
    let action = ServerAction::<UpdateSession>::new();
    let sessions = Resource::new(move || action.version().get(), |_| get_sessions());
    let error = action_error(action);
    view! {
        <Title text="My sessions · Kindred"/>
        <section class="page narrow-wide">
            <h1>"My sessions"</h1>
            <p class="muted"><a href="/mentors">"Find a mentor"</a></p>
            <FormAlert error/>
            <Transition fallback=Loading>
                {move || sessions.get().map(|r| match r {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">"No sessions yet."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="people-list">
                            {list.into_iter().map(|s| view! { <SessionItem session=s action/> }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Act(action: ServerAction<UpdateSession>, id: String, verb: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="action" value=verb/>
            <button type="submit" class="button">{label}</button>
        </ActionForm>
    }
}

#[component]
fn SessionItem(session: SessionView, action: ServerAction<UpdateSession>) -> impl IntoView {
    let s = session;
    let id = s.session_id.to_string();
    let scheduled = s.status == SessionStatus::Scheduled;
    let role = if s.i_am_mentor { "Mentoring" } else { "With mentor" };
    let notes_id = format!("f-notes-{}", s.session_id.simple());
    view! {
        <li class="card session">
            <p><strong>{format!("{role} {}", s.with_name)}</strong>
                <span class="muted">{format!(" · {} · {} min · {}", s.starts_at.format("%a %e %b %Y, %H:%M UTC"), s.duration_minutes, s.mode.label())}</span></p>
            <p>
                <span class="badge">{s.status.label()}</span>
                {(scheduled && s.confirmed).then(|| view! { " " <span class="badge badge-ok">"Confirmed"</span> })}
                {(scheduled && !s.confirmed).then(|| view! { " " <span class="badge">"Waiting for the mentor"</span> })}
                {s.place.clone().map(|p| format!(" · at {p}"))}
            </p>
            <div class="actions">
                {(s.i_am_mentor && scheduled && !s.confirmed).then(|| view! { <Act action id=id.clone() verb="confirm" label="Confirm"/> })}
                {(s.i_am_mentor && scheduled).then(|| view! {
                    <Act action id=id.clone() verb="complete" label="Mark completed"/>
                    <Act action id=id.clone() verb="no_show" label="Mark no-show"/>
                })}
                {scheduled.then(|| view! { <Act action id=id.clone() verb="cancel" label="Cancel session"/> })}
            </div>
            <details>
                <summary>"My private notes"</summary>
                <ActionForm action attr:class="form">
                    <input type="hidden" name="id" value=id.clone()/>
                    <input type="hidden" name="action" value="notes"/>
                    <div class="field">
                        <label for=notes_id.clone()>"Only you can see these"</label>
                        <textarea id=notes_id name="notes" rows="3" maxlength=SESSION_NOTES_MAX as u32>{s.my_notes.clone()}</textarea>
                    </div>
                    <button type="submit" class="button">"Save notes"</button>
                </ActionForm>
            </details>
        </li>
    }
}
