use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::notifications::api::{get_mutes, SaveMutes};
use crate::notifications::model::NotificationKind;
use crate::ui::forms::{action_error, FormAlert, FormSuccess, SubmitButton};
use crate::ui::settings_nav::SettingsNav;
use crate::ui::status::{ErrorView, Loading};

/// Which kinds of notification the member hears about.
#[component]
pub fn MutesPage() -> impl IntoView {
    let action = ServerAction::<SaveMutes>::new();
    let error = action_error(action);
    let saved = Signal::derive(move || action.value().get().and_then(|r| r.ok()).map(|_| "Saved.".to_string()));
    let mutes = Resource::new(|| (), |_| get_mutes());
    view! {
        <Title text="Notification settings · Kindred"/>
        <section class="page narrow">
            <h1>"Settings"</h1>
            <SettingsNav/>
            <Suspense fallback=Loading>
                {move || mutes.get().map(|m| match m {
                    Ok(m) => view! {
                        <ActionForm action attr:class="form">
                            <FormAlert error/>
                            <FormSuccess message=saved/>
                            <fieldset class="field choice">
                                <legend>"Tell me about"</legend>
                                {NotificationKind::ALL.into_iter().map(|k| {
                                    let id = format!("f-notify-{}", k.key());
                                    let label_for = id.clone();
                                    view! {
                                        <label for=label_for class="choice-option block">
                                            <input type="checkbox" id=id name=k.key() value="on" checked=!m.muted.contains(&k)/>
                                            {k.label()}
                                        </label>
                                    }
                                }).collect_view()}
                            </fieldset>
                            <SubmitButton label="Save notification settings" busy_label="Saving…" pending=action.pending()/>
                        </ActionForm>
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/settings/notifications"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
