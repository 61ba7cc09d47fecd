use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::SignUp;

use crate::auth::model::{PASSWORD_MAX_CHARS, PASSWORD_MIN_CHARS};
use crate::auth::session::use_session;
use crate::ui::forms::{action_error, FormAlert, SubmitButton, TextField};
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignupPage() -> impl IntoView {
    let session = use_session();
    let action = ServerAction::<SignUp>::new();
    session.refresh_after(action);
    let error = action_error(action);
    // An invite link (`/signup?invite=code`): the new account remembers who invited it.
    let invite = use_query_map().read_untracked().get("invite").unwrap_or_default();
    view! {
        <Title text="Sign up · Kindred"/>
        <section class="page narrow">
            <h1>"Create your account"</h1>
            <p class="lead">"Join the people you practise with."</p>
            {(!invite.is_empty()).then(|| view! { <p class="card hint">"A friend invited you. Welcome!"</p> })}
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error/>
                <input type="hidden" name="invite" value=invite/>
                <TextField name="email" label="Email" kind="email" autocomplete="email" required=true maxlength=254 error/>
                <TextField
                    name="username"
                    label="Username"
                    autocomplete="username"
                    required=true
                    minlength=3
                    maxlength=30
                    hint="3–30 characters: letters, digits and _. Your profile lives at /members/username."
                    error
                />
                <TextField name="display_name" label="Display name" autocomplete="name" required=true maxlength=60 hint="The name others see." error/>
                <TextField
                    name="password"
                    label="Password"
                    kind="password"
                    autocomplete="new-password"
                    required=true
                    minlength=PASSWORD_MIN_CHARS as u32
                    maxlength=PASSWORD_MAX_CHARS as u32
                    hint=format!("At least {PASSWORD_MIN_CHARS} characters. A few words together are easy to remember and hard to guess.")
                    error
                />
                <SubmitButton label="Sign up" busy_label="Creating your account…" pending=action.pending()/>
            </ActionForm>
            <p class="form-footer">"Already have an account? " <a href="/login">"Log in"</a></p>
        </section>
    }
}
