use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::practice::api::{get_privacy, SavePrivacy};
use crate::practice::model::{Privacy, ProfileAudience, SessionAudience};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, FormSuccess, SubmitButton};
use crate::ui::settings_nav::SettingsNav;
use crate::ui::status::{ErrorView, Loading};

/// Privacy: who sees the profile and the practice sessions, and whether the member appears on
/// leaderboards (off until they turn it on).
#[component]
pub fn PrivacyPage() -> impl IntoView {
    let privacy = Resource::new(|| (), |_| get_privacy());
    view! {
        <Title text="Privacy · Settings · Kindred"/>
        <section class="page narrow">
            <h1>"Settings"</h1>
            <SettingsNav/>
            <Suspense fallback=Loading>
                {move || privacy.get().map(|r| match r {
                    Ok(p) => view! { <PrivacyForm p/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/settings/privacy"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PrivacyForm(p: Privacy) -> impl IntoView {
    let action = ServerAction::<SavePrivacy>::new();
    let error = action_error(action);
    let field = move |k: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(k)));
    let saved = Signal::derive(move || action.value().get().and_then(|r| r.ok()).map(|_| "Saved.".to_string()));
    view! {
        <ActionForm action attr:class="form" attr:aria-label="Privacy">
            <FormAlert error/>
            <FormSuccess message=saved/>
            <fieldset class="choices-column">
                <legend>"Who can see my profile"</legend>
                {ProfileAudience::ALL.into_iter().map(|a| view! {
                    <label class="choice"><input type="radio" name="privacy[profile]" value=a.key() checked=p.profile == a/>{format!(" {}", a.label())}</label>
                }).collect_view()}
                <FieldMessage id="f-privacy-profile-error" message=field("profile")/>
            </fieldset>
            <fieldset class="choices-column">
                <legend>"Who can see my practice sessions"</legend>
                {SessionAudience::ALL.into_iter().map(|a| view! {
                    <label class="choice"><input type="radio" name="privacy[sessions]" value=a.key() checked=p.sessions == a/>{format!(" {}", a.label())}</label>
                }).collect_view()}
                <p class="hint">"Your notes on sessions are always yours alone. Peers who can see a session can mark it authentic, helpful or inspiring."</p>
                <FieldMessage id="f-privacy-sessions-error" message=field("sessions")/>
            </fieldset>
            <label class="check"><input type="checkbox" name="privacy[leaderboards]" value="on" checked=p.leaderboards/>
                " Show me on practice leaderboards (minutes this week, streaks, categories, my communities)"</label>
            <SubmitButton label="Save privacy" busy_label="Saving…" pending=action.pending()/>
        </ActionForm>
    }
}
