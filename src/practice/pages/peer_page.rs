use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::practice::api::{get_peer_practice, ValidateSession};
use crate::practice::model::{PeerPractice, PeerSession, ValidationKind, VALIDATION_COMMENT_MAX};
use crate::ui::forms::{action_error, ErrorLine};
use crate::ui::status::{ErrorView, Loading};

/// A member's practice as the viewer may see it: streak, verified techniques and, for the
/// audience the member chose, their recent sessions with a way to validate each.
#[component]
pub fn PeerPracticePage() -> impl IntoView {
    let params = use_params_map();
    let version = RwSignal::new(0u32);
    let data = Resource::new(
        move || (params.read().get("username").unwrap_or_default(), version.get()),
        |(u, _)| get_peer_practice(u),
    );
    view! {
        <Suspense fallback=Loading>
            {move || data.get().map(|r| match r {
                Ok(p) => view! { <Content p version/> }.into_any(),
                Err(e) => view! { <Title text="Practice · Kindred"/><section class="page narrow"><ErrorView error=e/></section> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn Content(p: PeerPractice, version: RwSignal<u32>) -> impl IntoView {
    view! {
        <Title text=format!("{}'s practice · Kindred", p.display_name)/>
        <section class="page narrow-wide">
            <h1>{format!("{}'s practice", p.display_name)}</h1>
            <p><a href=format!("/members/{}", p.username)>"Profile"</a>
                {(!p.is_me).then(|| view! { " · "<a href=format!("/practice/buddies?to={}", p.username)>"Ask to be practice buddies"</a> })}</p>
            <dl class="facts card">
                <dt>"Check-in streak"</dt><dd>{format!("{} day{}", p.streak, if p.streak == 1 { "" } else { "s" })}</dd>
                <dt>"Sessions"</dt><dd>{p.sessions_total}</dd>
                <dt>"Verified in"</dt>
                <dd>{if p.verified_in.is_empty() { view! { "—" }.into_any() } else {
                    p.verified_in.iter().map(|(s, n)| view! { <a href=format!("/practice/t/{s}")>{n.clone()}</a>" " }).collect_view().into_any()
                }}</dd>
            </dl>
            <h2>"Recent sessions"</h2>
            {p.validate_hint.clone().map(|h| view! { <p class="hint">{h}</p> })}
            {if !p.sessions_visible {
                view! { <p class="empty-state">{format!("{} shares their sessions with fewer people.", p.display_name)}</p> }.into_any()
            } else if p.sessions.is_empty() {
                view! { <p class="empty-state">"No sessions yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="session-list">
                        {p.sessions.into_iter().map(|s| view! { <SessionItem s version/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn SessionItem(s: PeerSession, version: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<ValidateSession>::new();
    let error = action_error(action);
    Effect::new(move |prev: Option<usize>| {
        let v = action.version().get();
        if prev.is_some_and(|p| p != v) && action.value().get_untracked().is_some_and(|r| r.is_ok()) {
            version.update(|n| *n += 1);
        }
        v
    });
    let row = s.session;
    let id = row.session_id.to_string();
    let comment_id = format!("f-validate-comment-{}", row.session_id.simple());
    view! {
        <li class="card session-row" style=format!("--category: {}", row.category.colour)>
            <a href=format!("/practice/t/{}", row.technique_slug)>{row.technique.clone()}</a>
            <span class="muted">{format!(" · {} · {} min · {}", row.local_day.format("%a %e %b"), row.minutes, row.kind.label())}</span>
            <p class="muted">{format!("Validated by {} member{}", s.validations, if s.validations == 1 { "" } else { "s" })}
                {s.mine.map(|k| format!(" · you found it {}", k.label().to_lowercase()))}</p>
            {s.can_validate.then(|| view! {
                <ActionForm action attr:class="form validate-form" attr:aria-label=format!("Validate {} on {}", row.technique, row.local_day.format("%e %b"))>
                    <input type="hidden" name="session" value=id.clone()/>
                    <fieldset class="choices">
                        <legend>"This session was"</legend>
                        {ValidationKind::ALL.into_iter().enumerate().map(|(i, k)| view! {
                            <label class="choice"><input type="radio" name="kind" value=k.key() checked=i == 0/>{format!(" {}", k.label())}</label>
                        }).collect_view()}
                    </fieldset>
                    <div class="field">
                        <label for=comment_id.clone()>"A word of encouragement (optional)"</label>
                        <input id=comment_id type="text" name="comment" maxlength=VALIDATION_COMMENT_MAX as u32/>
                    </div>
                    <ErrorLine error/>
                    <button type="submit" class="button">"Validate"</button>
                </ActionForm>
            })}
        </li>
    }
}
