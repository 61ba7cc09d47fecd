use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::dots;
use super::session_form::{SessionFormView, SessionTime};
use super::timer::Timer;
use super::verify_section::VerifySection;
use crate::practice::api::{get_technique, SaveNotes, SetFavourite};
use crate::practice::model::{MyTechnique, TechniqueDetail, TECHNIQUE_NOTES_MAX};
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// A technique: its guide, what it leads to, and for the member: the timer, the log form, their
/// record, favourite and private notes — or, while locked, exactly what opens it.
#[component]
pub fn TechniquePage() -> impl IntoView {
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let technique = Resource::new(
        move || (params.read().get("slug").unwrap_or_default(), version.get()),
        |(slug, _)| get_technique(slug),
    );
    view! {
        <Suspense fallback=Loading>
            {move || technique.get().map(|r| match r {
                Ok(t) => view! { <TechniqueContent t version/> }.into_any(),
                Err(e) => view! { <Title text="Technique · Kindred"/><section class="page narrow"><ErrorView error=e/></section> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn TechniqueContent(t: TechniqueDetail, version: RwSignal<u32>) -> impl IntoView {
    let slug = t.slug.clone();
    view! {
        <Title text=format!("{} · Practice · Kindred", t.name)/>
        <section class="page narrow-wide technique-page" style=format!("--category: {}", t.category.colour)>
            <nav class="breadcrumbs" aria-label="Breadcrumbs">
                <a href="/practice">"Practice"</a>" › "
                <a href=format!("/practice?category={}", t.category.slug)>{t.category.name.clone()}</a>
            </nav>
            <h1>{t.name.clone()}</h1>
            {t.can_edit.then(|| view! { <p><a href=format!("/practice/t/{}/edit", t.slug)>"Edit this technique"</a></p> })}
            <p class="lead">{t.summary.clone()}</p>
            <p class="muted technique-meta">
                <span aria-label=format!("difficulty {} of 5", t.difficulty)>{dots(t.difficulty)}</span>
                {format!(" · about {} min", t.minutes)}
                {t.gateway.then_some(" · a place to start")}
                {t.requires_verification.then_some(" · mastery is verified by peers")}
                {(!t.active).then_some(" · retired (only moderators see it)")}
            </p>
            {t.prerequisite.clone().map(|(pslug, pname)| view! {
                <p>"Builds on "<a href=format!("/practice/t/{pslug}")>{pname}</a>"."</p>
            })}
            {match t.mine.clone() {
                None => view! {
                    <p class="card hint"><a href=format!("/login?next=/practice/t/{}", t.slug)>"Log in"</a>" to practise this, time your sessions and keep a streak."</p>
                }.into_any(),
                Some(mine) if !mine.unlocked => view! {
                    <div class="card locked-card" role="note">
                        <h2>"Locked"</h2>
                        <p>"To open it:"</p>
                        <ul class="missing">{mine.missing.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul>
                    </div>
                }.into_any(),
                Some(mine) => view! {
                    <Practise slug=slug.clone() minutes=t.minutes mine=mine.clone() version/>
                    {t.requires_verification.then(|| view! {
                        <VerifySection slug=slug.clone() questions=t.questions.clone() verified=mine.verified mine=mine.verification.clone() version/>
                    })}
                }.into_any(),
            }}
            <article class="card guide" aria-label="Guide">
                <h2>"Guide"</h2>
                <div class="prose" inner_html=t.guide_html.clone()></div>
                {t.media_url.clone().map(|u| view! {
                    <p><a href=u.clone() rel="noopener nofollow" target="_blank">"Audio or video for this technique"</a></p>
                })}
            </article>
            {(!t.leads_to.is_empty()).then(|| view! {
                <h2>"Opens the way to"</h2>
                <ul class="link-list">
                    {t.leads_to.iter().map(|(s, n)| view! { <li><a href=format!("/practice/t/{s}")>{n.clone()}</a></li> }).collect_view()}
                </ul>
            })}
        </section>
    }
}

#[component]
fn Practise(slug: String, minutes: i32, mine: MyTechnique, version: RwSignal<u32>) -> impl IntoView {
    let favourite = ServerAction::<SetFavourite>::new();
    let notes = ServerAction::<SaveNotes>::new();
    for (v, ok) in [
        (favourite.version(), Signal::derive(move || favourite.value().get().is_some_and(|r| r.is_ok()))),
        (notes.version(), Signal::derive(move || notes.value().get().is_some_and(|r| r.is_ok()))),
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
    let notes_error = action_error(notes);
    let notes_field = Signal::derive(move || notes_error.get().and_then(|e| e.for_field("notes")));
    let fav_error = action_error(favourite);
    let record = if mine.sessions == 0 {
        "Not practised yet.".to_string()
    } else {
        format!(
            "Practised {} time{} · {} min in all · mastery {}/5{}",
            mine.sessions,
            if mine.sessions == 1 { "" } else { "s" },
            mine.minutes,
            mine.mastery,
            if mine.verified { " · verified" } else { "" }
        )
    };
    let (fav_slug, timer_slug, log_slug, notes_slug) = (slug.clone(), slug.clone(), slug.clone(), slug);
    view! {
        <div class="card my-record">
            <p>{record}</p>
            {mine.last_practised_at.map(|at| view! { <p class="muted">{format!("Last practised {}", at.format("%e %b %Y"))}</p> })}
            <ActionForm action=favourite attr:class="inline-form">
                <input type="hidden" name="slug" value=fav_slug/>
                <input type="hidden" name="favourite" value=if mine.favourite { "" } else { "on" }/>
                <button type="submit" class="button button-quiet" aria-pressed=if mine.favourite { "true" } else { "false" }>
                    {if mine.favourite { "★ Favourite" } else { "☆ Add to favourites" }}
                </button>
            </ActionForm>
            <ErrorLine error=fav_error/>
        </div>
        <Timer slug=timer_slug minutes checked_in_today=mine.checked_in_today time_zone=mine.time_zone.clone()/>
        <details class="card log-session" open=false>
            <summary>"Log a session you already did"</summary>
            <SessionFormView slug=log_slug time=SessionTime::Manual { minutes } checked_in_today=mine.checked_in_today time_zone=mine.time_zone.clone()/>
        </details>
        <details class="card">
            <summary>"My private notes"</summary>
            <ActionForm action=notes attr:class="form">
                <input type="hidden" name="slug" value=notes_slug/>
                <div class="field" class:field-invalid=move || notes_field.get().is_some()>
                    <label for="f-technique-notes">"Notes (only you see them)"</label>
                    <textarea id="f-technique-notes" name="notes" rows="4" maxlength=TECHNIQUE_NOTES_MAX as u32>{mine.notes.clone()}</textarea>
                    <FieldMessage id="f-technique-notes-error" message=notes_field/>
                </div>
                <SubmitButton label="Save notes" busy_label="Saving…" pending=notes.pending()/>
            </ActionForm>
        </details>
    }
}
