//! Roles: their names, colours, order and permissions, and creating new ones.

use leptos::prelude::*;

use super::{names, Acts};
use crate::communities::model::{CommunityAdmin, RoleKind};
use crate::communities::perms::{self, NAMED};
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, FormAlert};

/// A checkbox per permission, ticked for those in `bits`.
#[component]
fn PermBoxes(prefix: String, bits: i64) -> impl IntoView {
    view! {
        <fieldset class="perm-grid">
            <legend>"Permissions"</legend>
            {NAMED.iter().map(|(bit, key, description)| view! {
                <label class="check" for=format!("{prefix}-{key}")>
                    <input type="checkbox" id=format!("{prefix}-{key}") name=format!("perms[{key}]") value="on" checked=bits & bit != 0/>
                    " "{*description}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

#[component]
pub fn Roles(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let slug = a.community.slug.clone();
    let error = action_error(acts.new_role);
    let field = move |name: &'static str| Signal::derive(move || error.get().and_then(|e| e.for_field(name)));
    let edit_error = Signal::derive(move || {
        acts.edit_role
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| acts.delete_role.value().get().and_then(|r| r.err()))
            .or_else(|| acts.move_role.value().get().and_then(|r| r.err()))
    });
    view! {
        <section class="card" aria-labelledby="s-roles">
            <h2 id="s-roles">"Roles"</h2>
            <p class="muted">"Higher roles come first. You can change roles below your own highest."</p>
            <ErrorLine error=edit_error/>
            <ul class="plain-list settings-list">
                {a.roles.into_iter().map(|r| {
                    let id = r.role_id.to_string();
                    let name = r.name.clone();
                    let count = format!("{} member{}", r.members, if r.members == 1 { "" } else { "s" });
                    view! {
                        <li>
                            <p><span class="swatch" style=format!("background:{}", r.colour)></span>
                                <strong>{name.clone()}</strong><span class="muted">{format!(" · {count} · {}", names(r.permissions))}</span></p>
                            {r.editable.then(|| {
                                let is_everyone = r.kind == RoleKind::Everyone;
                                let is_custom = r.kind == RoleKind::Custom;
                                let (id_e, name_e, id_m, name_m, id_d, name_d) = (id.clone(), name.clone(), id.clone(), name.clone(), id.clone(), name.clone());
                                let (colour, bits) = (r.colour.clone(), r.permissions);
                                view! {
                                <details>
                                    <summary>{format!("Edit {name}")}</summary>
                                    <ActionForm action=acts.edit_role attr:class="form">
                                        <input type="hidden" name="role_id" value=id_e.clone()/>
                                        {if is_everyone {
                                            view! { <input type="hidden" name="name" value="@everyone"/> }.into_any()
                                        } else {
                                            view! {
                                                <div class="field">
                                                    <label for=format!("f-role-name-{id_e}")>{format!("Name of {name_e}")}</label>
                                                    <input id=format!("f-role-name-{id_e}") name="name" value=name_e.clone() required=true maxlength="40"/>
                                                </div>
                                            }.into_any()
                                        }}
                                        <div class="field">
                                            <label for=format!("f-role-colour-{id_e}")>{format!("Colour of {name_e}")}</label>
                                            <input id=format!("f-role-colour-{id_e}") name="colour" type="color" value=colour/>
                                        </div>
                                        <PermBoxes prefix=format!("f-role-{id_e}") bits=bits/>
                                        <button type="submit" class="button">{format!("Save role {name_e}")}</button>
                                    </ActionForm>
                                    {(!is_everyone).then(|| view! {
                                        <div class="decisions">
                                            {["up", "down"].into_iter().map(|d| {
                                                let (id, name) = (id_m.clone(), name_m.clone());
                                                view! {
                                                    <ActionForm action=acts.move_role attr:class="inline-form">
                                                        <input type="hidden" name="role_id" value=id/>
                                                        <input type="hidden" name="direction" value=d/>
                                                        <button type="submit" class="button button-quiet">{format!("Move {name} {d}")}</button>
                                                    </ActionForm>
                                                }
                                            }).collect_view()}
                                            {is_custom.then(|| view! {
                                                <ActionForm action=acts.delete_role attr:class="inline-form">
                                                    <input type="hidden" name="role_id" value=id_d/>
                                                    <button type="submit" class="button button-danger">{format!("Delete role {name_d}")}</button>
                                                </ActionForm>
                                            })}
                                        </div>
                                    })}
                                </details>
                            }})}
                        </li>
                    }
                }).collect_view()}
            </ul>
            <h3>"New role"</h3>
            <ActionForm action=acts.new_role attr:class="form">
                <input type="hidden" name="slug" value=slug/>
                <FormAlert error/>
                <div class="field">
                    <label for="f-new-role-name">"Role name"</label>
                    <input id="f-new-role-name" name="name" required=true maxlength="40"/>
                    <FieldMessage id="f-new-role-name-error" message=field("name")/>
                </div>
                <div class="field">
                    <label for="f-new-role-colour">"Colour"</label>
                    <input id="f-new-role-colour" name="colour" type="color" value="#3366cc"/>
                    <FieldMessage id="f-new-role-colour-error" message=field("colour")/>
                </div>
                <PermBoxes prefix="f-new-role".to_string() bits=perms::EVERYONE_DEFAULT/>
                <FieldMessage id="f-new-role-perms-error" message=field("permissions")/>
                <button type="submit" class="button button-primary">"Create role"</button>
            </ActionForm>
        </section>
    }
}
