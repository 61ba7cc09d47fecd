use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::ChangePassword;
use crate::auth::model::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use crate::auth::session::use_session;
use crate::ui::forms::{action_error, FormAlert, FormSuccess, SubmitButton, TextField};
use crate::ui::settings_nav::SettingsNav;
use crate::ui::status::Loading;

#[component]
pub fn PasswordPage() -> impl IntoView {
    let session = use_session();
    let action = ServerAction::<ChangePassword>::new();
    let error = action_error(action);
    let done = Signal::derive(move || action.value().get().and_then(|r| r.ok()));
    view! {
        <Title text="Change password · Kindred"/>
        <section class="page narrow">
            <h1>"Settings"</h1>
            <SettingsNav/>
            <Transition fallback=Loading>
                {move || match session.member.get() {
                    None => None,
                    Some(Ok(Some(_))) => Some(view! {
                        <h2>"Change password"</h2>
                        <p>"Changing your password signs you out everywhere else."</p>
                        <ActionForm action attr:class="form" attr:novalidate=true>
                            <FormAlert error/>
                            <FormSuccess message=done/>
                            <TextField name="current_password" label="Current password" kind="password" autocomplete="current-password" required=true maxlength=PASSWORD_MAX_CHARS as u32 error/>
                            <TextField
                                name="new_password"
                                label="New password"
                                kind="password"
                                autocomplete="new-password"
                                required=true
                                minlength=PASSWORD_MIN_CHARS as u32
                                maxlength=PASSWORD_MAX_CHARS as u32
                                hint=format!("At least {PASSWORD_MIN_CHARS} characters.")
                                error
                            />
                            <SubmitButton label="Change password" busy_label="Changing…" pending=action.pending()/>
                        </ActionForm>
                    }.into_any()),
                    Some(_) => Some(view! {
                        <leptos_router::components::Redirect path="/login?next=/settings/password"/>
                    }.into_any()),
                }}
            </Transition>
        </section>
    }
}
