//! A community's flagged messages, on its settings page: messages the language filter let
//! through and flagged, in channels the moderator sees, each kept or removed.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::chat::api::{get_flagged, ResolveFlagged};
use crate::ui::forms::{action_error, FormAlert};
use crate::ui::status::Loading;

#[component]
pub fn FlaggedMessages() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let decide = ServerAction::<ResolveFlagged>::new();
    let error = action_error(decide);
    let flagged = Resource::new(move || (slug(), decide.version().get()), |(slug, _)| get_flagged(slug));
    view! {
        <section class="card" aria-labelledby="s-flagged">
            <h2 id="s-flagged">"Flagged messages"</h2>
            <FormAlert error/>
            <Transition fallback=Loading>
                {move || flagged.get().map(|r| match r {
                    Err(e) => view! { <p class="form-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="muted">"No flagged messages."</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="plain-list settings-list">
                            {list.into_iter().map(|f| view! {
                                <li>
                                    <p><strong>{f.author.display_name.clone()}</strong>
                                        <span class="muted">{format!(" in #{} · {} · {}", f.channel_name, f.created_at.format("%e %b %H:%M UTC"), f.reason)}</span></p>
                                    <p class="quoted">{f.body.clone()}</p>
                                    <div class="decisions">
                                        {["keep", "remove"].into_iter().map(|d| view! {
                                            <ActionForm action=decide attr:class="inline-form">
                                                <input type="hidden" name="message_id" value=f.message_id.to_string()/>
                                                <input type="hidden" name="decision" value=d/>
                                                <button type="submit" class=if d == "keep" { "button" } else { "button button-danger" }>
                                                    {if d == "keep" { "Keep message" } else { "Remove message" }}
                                                </button>
                                            </ActionForm>
                                        }).collect_view()}
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Transition>
        </section>
    }
}
