//! Channel permissions: per channel, what a role or one member is allowed or denied there.

use leptos::prelude::*;

use super::{names, Acts};
use crate::communities::model::{CommunityAdmin, RoleKind, RoleView};
use crate::communities::perms::NAMED;
use crate::ui::forms::{action_error, ErrorLine};

#[component]
pub fn Overrides(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let error = action_error(acts.override_);
    let roles: Vec<RoleView> = a.roles.iter().filter(|r| r.kind != RoleKind::Owner).cloned().collect();
    view! {
        <section class="card" aria-labelledby="s-overrides">
            <h2 id="s-overrides">"Channel permissions"</h2>
            <p class="muted">"Per channel, allow or deny permissions for a role or one member. Member settings win over roles; a role allowing wins over another denying."</p>
            <ErrorLine error/>
            <ul class="plain-list settings-list">
                {a.channels.into_iter().filter(|c| !c.entry.is_category).map(|ch| {
                    let id = ch.entry.channel_id.to_string();
                    let label = format!("#{}", ch.entry.name);
                    let roles = roles.clone();
                    view! {
                        <li>
                            <details>
                                <summary>{format!("{label} · {} override{}", ch.overrides.len(), if ch.overrides.len() == 1 { "" } else { "s" })}</summary>
                                <ul class="plain-list">
                                    {ch.overrides.clone().into_iter().map(|o| {
                                        let (id, label) = (id.clone(), label.clone());
                                        let target = format!("{}:{}", o.target_kind, if o.target_kind == "role" { o.target_id.to_string() } else { o.target_name.trim_start_matches('@').to_string() });
                                        view! {
                                            <li>
                                                <p><strong>{o.target_name.clone()}</strong>
                                                    {format!(" — allowed: {}; denied: {}", names(o.allow), names(o.deny))}</p>
                                                <ActionForm action=acts.override_ attr:class="inline-form">
                                                    <input type="hidden" name="channel_id" value=id.clone()/>
                                                    <input type="hidden" name="target" value=target/>
                                                    <button type="submit" class="button button-quiet">{format!("Remove override for {} on {label}", o.target_name)}</button>
                                                </ActionForm>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                                <ActionForm action=acts.override_ attr:class="form">
                                    <input type="hidden" name="channel_id" value=id.clone()/>
                                    <div class="field">
                                        <label for=format!("f-ov-target-{id}")>{format!("Applies to (on {label})")}</label>
                                        <input id=format!("f-ov-target-{id}") name="target" list=format!("ov-targets-{id}") required=true
                                            placeholder="role:… or member:username" aria-describedby=format!("f-ov-target-{id}-hint")/>
                                        <datalist id=format!("ov-targets-{id}")>
                                            {roles.iter().map(|r| view! { <option value=format!("role:{}", r.role_id)>{r.name.clone()}</option> }).collect_view()}
                                        </datalist>
                                        <p class="hint" id=format!("f-ov-target-{id}-hint")>
                                            {format!("A role ({}), or member:username for one member.", roles.iter().map(|r| format!("role:{} = {}", r.role_id, r.name)).collect::<Vec<_>>().join(", "))}
                                        </p>
                                    </div>
                                    <div class="perm-grid">
                                        {NAMED.iter().map(|(_, key, description)| view! {
                                            <div class="field">
                                                <label for=format!("f-ov-{id}-{key}")>{*description}</label>
                                                <select id=format!("f-ov-{id}-{key}") name=format!("perms[{key}]")>
                                                    <option value="">"Inherit"</option>
                                                    <option value="allow">"Allow"</option>
                                                    <option value="deny">"Deny"</option>
                                                </select>
                                            </div>
                                        }).collect_view()}
                                    </div>
                                    <button type="submit" class="button">{format!("Save override for {label}")}</button>
                                </ActionForm>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
