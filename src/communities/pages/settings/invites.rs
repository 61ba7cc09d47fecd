//! Invite links: creating one with an expiry and a use limit, and revoking those still usable.

use leptos::prelude::*;

use super::Acts;
use crate::communities::model::CommunityAdmin;
use crate::ui::forms::{action_error, FieldMessage, FormAlert};

#[component]
pub fn Invites(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let slug = a.community.slug.clone();
    let error = action_error(acts.invite);
    let uses_error = Signal::derive(move || error.get().and_then(|e| e.for_field("max_uses")));
    let revoke_error = action_error(acts.revoke);
    view! {
        <section class="card" aria-labelledby="s-invites">
            <h2 id="s-invites">"Invites"</h2>
            <ActionForm action=acts.invite attr:class="form">
                <input type="hidden" name="slug" value=slug.clone()/>
                <FormAlert error/>
                <div class="field-row">
                    <div class="field">
                        <label for="f-invite-expiry">"Expires after"</label>
                        <select id="f-invite-expiry" name="expires_hours">
                            <option value="1">"1 hour"</option>
                            <option value="24">"1 day"</option>
                            <option value="168" selected=true>"7 days"</option>
                            <option value="720">"30 days"</option>
                            <option value="0">"Never"</option>
                        </select>
                    </div>
                    <div class="field">
                        <label for="f-invite-uses">"Maximum uses"</label>
                        <input id="f-invite-uses" name="max_uses" type="number" min="1" max="1000" inputmode="numeric" aria-describedby="f-invite-uses-hint"/>
                        <p class="hint" id="f-invite-uses-hint">"Leave empty for no limit."</p>
                        <FieldMessage id="f-invite-uses-error" message=uses_error/>
                    </div>
                </div>
                <button type="submit" class="button button-primary">"Create invite link"</button>
            </ActionForm>
            <FormAlert error=revoke_error/>
            {if a.invites.is_empty() {
                view! { <p class="muted">"No invites yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list settings-list">
                        {a.invites.into_iter().map(|i| {
                            let path = format!("/invite/{}", i.code);
                            let uses = match i.max_uses { Some(m) => format!("{} of {} uses", i.uses, m), None => format!("{} uses", i.uses) };
                            let expiry = match i.expires_at { Some(t) => format!("expires {}", t.format("%e %b %H:%M UTC")), None => "never expires".into() };
                            view! {
                                <li>
                                    <p><a href=path.clone()>{path.clone()}</a>
                                        <span class="muted">{format!(" · {uses} · {expiry}")}{i.created_by.map(|b| format!(" · by @{b}"))}</span>
                                        {(!i.usable).then(|| view! { " " <span class="badge">"expired"</span> })}</p>
                                    {i.usable.then(|| view! {
                                        <ActionForm action=acts.revoke attr:class="inline-form">
                                            <input type="hidden" name="code" value=i.code.clone()/>
                                            <button type="submit" class="button button-quiet">{format!("Revoke invite {}", i.code)}</button>
                                        </ActionForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
