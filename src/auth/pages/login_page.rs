use leptos::prelude::*;
use leptos_meta::Title;

use crate::auth::api::LogIn;
use leptos_router::hooks::use_query_map;

use crate::auth::session::use_session;
use crate::ui::forms::{action_error, FormAlert, SubmitButton, TextField};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let action = ServerAction::<LogIn>::new();
    session.refresh_after(action);
    let error = action_error(action);
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    view! {
        <Title text="Log in · Kindred"/>
        <section class="page narrow">
            <h1>"Log in"</h1>
            <p class="lead">"Welcome back."</p>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error/>
                <input type="hidden" name="next" value=next/>
                <TextField name="email" label="Email" kind="email" autocomplete="email" required=true maxlength=254 error/>
                <TextField name="password" label="Password" kind="password" autocomplete="current-password" required=true maxlength=128 error/>
                <SubmitButton label="Log in" busy_label="Logging in…" pending=action.pending()/>
            </ActionForm>
            <p class="form-footer">"New here? " <a href="/signup">"Create an account"</a></p>
        </section>
    }
}
