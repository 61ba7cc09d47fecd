//! Who is banned, since when and why, each with a way back in.

use leptos::prelude::*;

use super::Acts;
use crate::communities::model::CommunityAdmin;
use crate::ui::forms::{action_error, FormAlert};

#[component]
pub fn Bans(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let slug = a.community.slug.clone();
    let error = action_error(acts.unban);
    view! {
        <section class="card" aria-labelledby="s-bans">
            <h2 id="s-bans">"Bans"</h2>
            <FormAlert error/>
            {if a.bans.is_empty() {
                view! { <p class="muted">"Nobody is banned."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list settings-list">
                        {a.bans.into_iter().map(|b| { let slug = slug.clone(); view! {
                            <li>
                                <p><strong>{b.member.display_name.clone()}</strong>
                                    <span class="muted">{format!(" @{} · {}", b.member.username, b.created_at.format("%e %b %Y"))}</span></p>
                                {(!b.reason.is_empty()).then(|| view! { <p class="request-note">{b.reason.clone()}</p> })}
                                <ActionForm action=acts.unban attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug/>
                                    <input type="hidden" name="username" value=b.member.username.clone()/>
                                    <button type="submit" class="button">{format!("Unban {}", b.member.display_name)}</button>
                                </ActionForm>
                            </li>
                        }}).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
