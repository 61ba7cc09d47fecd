use leptos::prelude::*;

use crate::feed::api::{get_energy, CreatePost};
use crate::feed::model::{Chakra, POST_MAX_CHARS};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, FormSuccess, SubmitButton};

/// Write a post: markdown text, who may see it, and optionally the author's own chakra.
#[component]
pub fn Composer(#[prop(into)] signed_in: Signal<bool>) -> impl IntoView {
    let action = ServerAction::<CreatePost>::new();
    let error = action_error(action);
    let energy = Resource::new(move || action.version().get(), |_| get_energy());
    let body_error = Signal::derive(move || error.get().and_then(|e| e.for_field("body")));
    let posted = Signal::derive(move || {
        action.value().get().and_then(|r| r.ok()).map(|_| "Posted. It's at the top of your feed.".to_string())
    });
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = action.value().get() {
            // Show the new post on its own page, with its chakra and why.
            navigate(&format!("/posts/{id}"), Default::default());
        }
    });
    view! {
        <Transition fallback=|| ()>
        <Show when=move || signed_in.get()>
        <section class="card composer" aria-labelledby="composer-heading">
            <h2 id="composer-heading">"Share with your people"</h2>
            <ActionForm action attr:class="form">
                <FormAlert error/>
                <FormSuccess message=posted/>
                <div class="field">
                    <label for="f-post-body">"Your post"</label>
                    <textarea id="f-post-body" name="body" rows="4" maxlength=POST_MAX_CHARS as u32 required=true
                        aria-describedby="f-post-body-hint"></textarea>
                    <p class="hint" id="f-post-body-hint">"Markdown works. Use #hashtags and @mention members."</p>
                    <FieldMessage id="f-post-body-error" message=body_error/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f-visibility">"Who can see it"</label>
                        <select id="f-visibility" name="visibility">
                            <option value="public">"Everyone"</option>
                            <option value="followers">"Followers only"</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-chakra">"Chakra"</label>
                        <select id="f-chakra" name="chakra">
                            <option value="auto">"Automatic"</option>
                            {Chakra::ALL.into_iter().map(|c| view! { <option value=c.key()>{c.label()}</option> }).collect_view()}
                        </select>
                    </div>
                </div>
                <SubmitButton label="Post" busy_label="Posting…" pending=action.pending()/>
            </ActionForm>
            <Suspense fallback=|| ()>
                {move || energy.get().and_then(|e| e.ok()).map(|e| view! {
                    <p class="muted energy-status">
                        {format!("Energy {} · aura {} · refills on {}", e.balance, e.aura, e.resets_on.format("%e %B"))}
                    </p>
                })}
            </Suspense>
        </section>
        </Show>
        </Transition>
    }
}
