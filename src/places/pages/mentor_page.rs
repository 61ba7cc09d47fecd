use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::reviews::ReviewsSection;
use crate::auth::session::use_session;
use crate::places::api::{get_mentor, BookSession, VerifyMentor};
use crate::places::model::{MentorPage as Page, SessionMode};
use crate::ui::avatar::Avatar;
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn MentorPage() -> impl IntoView {
    let params = use_params_map();
    let (changes, set_changes) = signal(0u32);
    let verify = ServerAction::<VerifyMentor>::new();
    let mentor = Resource::new(
        move || (params.read().get("username").unwrap_or_default(), changes.get(), verify.version().get()),
        |(u, _, _)| get_mentor(u),
    );
    view! {
        <section class="page narrow-wide">
            <Suspense fallback=Loading>
                {move || mentor.get().map(|r| match r {
                    Ok(p) => view! { <MentorView page=p on_change=set_changes verify/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MentorView(page: Page, on_change: WriteSignal<u32>, verify: ServerAction<VerifyMentor>) -> impl IntoView {
    let session = use_session();
    let m = page.mentor.clone();
    let book = ServerAction::<BookSession>::new();
    let error = action_error(book);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    let username = m.username.clone();
    let target = format!("mentor:{}", m.username);
    let can_book = !page.is_self && m.available;
    let modes: Vec<SessionMode> = SessionMode::ALL.iter().copied().filter(|s| m.mode.offers(*s)).collect();
    view! {
        <Title text=format!("{} · Mentors · Kindred", m.display_name)/>
        <p class="muted"><a href="/mentors">"← Mentors"</a></p>
        <header class="profile-header">
            <Avatar name=m.display_name.clone() url=m.avatar.clone() large=true/>
            <div>
                <h1>{m.display_name.clone()}</h1>
                <p class="muted">{m.title.clone()}{format!(" · {}", m.mode.label())}
                    {m.verified.then_some(" · verified")}{(!m.available).then_some(" · not taking sessions now")}</p>
            </div>
            {page.is_self.then(|| view! { <a class="button" href="/settings/mentoring">"Edit"</a> })}
        </header>
        {(!m.specializations.is_empty()).then(|| view! {
            <ul class="chips">{m.specializations.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
        })}
        {(!m.bio.is_empty()).then(|| view! { <p class="bio">{m.bio.clone()}</p> })}
        {m.place.clone().map(|(id, name)| view! { <p>"Meets at " <a href=format!("/places/{id}")>{name}</a></p> })}
        <p class="muted">{format!("{} completed sessions", m.session_count)}</p>
        {page.can_moderate.then(|| view! {
            <ActionForm action=verify attr:class="inline-form">
                <input type="hidden" name="username" value=m.username.clone()/>
                <input type="hidden" name="verified" value=if m.verified { "false" } else { "true" }/>
                <button type="submit" class="button">{if m.verified { "Remove verification" } else { "Verify mentor" }}</button>
            </ActionForm>
        })}
        {move || (session.current().is_some() && can_book).then(|| {
            let (username, modes) = (username.clone(), modes.clone());
            view! {
            <section class="card" aria-labelledby="book-heading">
                <h2 id="book-heading">"Book a session"</h2>
                <ActionForm action=book attr:class="form">
                    <FormAlert error/>
                    <input type="hidden" name="username" value=username.clone()/>
                    <div class="field-row">
                        <div class="field">
                            <label for="f-book-start">"When (your time)"</label>
                            <input id="f-book-start" name="starts_at" type="datetime-local" required=true/>
                            <FieldMessage id="f-book-start-error" message=field("starts_at")/>
                        </div>
                        <div class="field">
                            <label for="f-book-duration">"Minutes"</label>
                            <input id="f-book-duration" name="duration_minutes" type="number" min="15" max="240" step="15" value="60"/>
                            <FieldMessage id="f-book-duration-error" message=field("duration_minutes")/>
                        </div>
                    </div>
                    <div class="field">
                        <label for="f-book-mode">"How"</label>
                        <select id="f-book-mode" name="mode">
                            {modes.iter().map(|s| view! { <option value=s.key()>{s.label()}</option> }).collect_view()}
                        </select>
                        <FieldMessage id="f-book-mode-error" message=field("mode")/>
                    </div>
                    <SubmitButton label="Book session" busy_label="Booking…" pending=book.pending()/>
                </ActionForm>
            </section>
            }
        })}
        <ReviewsSection target reviews=page.reviews.clone() earn_hint="You can review a mentor after a completed session with them." on_change/>
    }
}
