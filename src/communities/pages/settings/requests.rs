//! Requests to join a private community, each approved or declined by name.

use leptos::prelude::*;

use super::Acts;
use crate::communities::model::CommunityAdmin;
use crate::ui::forms::{action_error, FormAlert};

#[component]
pub fn Requests(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let slug = a.community.slug.clone();
    let error = action_error(acts.decide);
    view! {
        <section class="card" aria-labelledby="s-requests">
            <h2 id="s-requests">"Join requests"</h2>
            <FormAlert error/>
            {if a.requests.is_empty() {
                view! { <p class="muted">"No pending requests."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list settings-list">
                        {a.requests.into_iter().map(|r| {
                            let name = r.member.display_name.clone();
                            view! {
                                <li>
                                    <p><strong>{name.clone()}</strong><span class="muted">{format!(" @{}", r.member.username)}</span></p>
                                    {(!r.note.is_empty()).then(|| view! { <p class="request-note">{r.note.clone()}</p> })}
                                    <div class="decisions">
                                        {["approve", "decline"].into_iter().map(|d| {
                                            let (slug, username, name) = (slug.clone(), r.member.username.clone(), name.clone());
                                            view! {
                                            <ActionForm action=acts.decide attr:class="inline-form">
                                                <input type="hidden" name="slug" value=slug/>
                                                <input type="hidden" name="username" value=username/>
                                                <input type="hidden" name="decision" value=d/>
                                                <button type="submit" class=if d == "approve" { "button button-primary" } else { "button button-quiet" }>
                                                    {format!("{} {}", if d == "approve" { "Approve" } else { "Decline" }, name)}
                                                </button>
                                            </ActionForm>
                                        }}).collect_view()}
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
