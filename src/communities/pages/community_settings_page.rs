use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::communities::api::*;
use crate::communities::model::{CommunityAdmin, RoleKind, RoleView, Visibility, DESCRIPTION_MAX, NAME_MAX, TOPIC_MAX};
use crate::communities::perms::{self, NAMED};
use crate::ui::forms::{action_error, ErrorLine, FieldMessage, FormAlert, TextField};
use crate::ui::status::{ErrorView, Loading};

/// Every change the settings page can make; the page reloads its data after any of them.
#[derive(Clone, Copy)]
struct Acts {
    update: ServerAction<UpdateCommunity>,
    decide: ServerAction<DecideJoinRequest>,
    invite: ServerAction<CreateInvite>,
    revoke: ServerAction<RevokeInvite>,
    new_channel: ServerAction<CreateChannel>,
    edit_channel: ServerAction<UpdateChannel>,
    move_channel: ServerAction<MoveChannel>,
    delete_channel: ServerAction<DeleteChannel>,
    override_: ServerAction<SetChannelOverride>,
    new_role: ServerAction<CreateRole>,
    edit_role: ServerAction<UpdateRole>,
    delete_role: ServerAction<DeleteRole>,
    move_role: ServerAction<MoveRole>,
    unban: ServerAction<UnbanMember>,
    flagged: ServerAction<ResolveFlagged>,
}

impl Acts {
    fn new() -> Self {
        Acts {
            update: ServerAction::new(),
            decide: ServerAction::new(),
            invite: ServerAction::new(),
            revoke: ServerAction::new(),
            new_channel: ServerAction::new(),
            edit_channel: ServerAction::new(),
            move_channel: ServerAction::new(),
            delete_channel: ServerAction::new(),
            override_: ServerAction::new(),
            new_role: ServerAction::new(),
            edit_role: ServerAction::new(),
            delete_role: ServerAction::new(),
            move_role: ServerAction::new(),
            unban: ServerAction::new(),
            flagged: ServerAction::new(),
        }
    }

    fn version(&self) -> usize {
        self.update.version().get()
            + self.decide.version().get()
            + self.invite.version().get()
            + self.revoke.version().get()
            + self.new_channel.version().get()
            + self.edit_channel.version().get()
            + self.move_channel.version().get()
            + self.delete_channel.version().get()
            + self.override_.version().get()
            + self.new_role.version().get()
            + self.edit_role.version().get()
            + self.delete_role.version().get()
            + self.move_role.version().get()
            + self.unban.version().get()
            + self.flagged.version().get()
    }
}

/// A community's settings: about, join requests, invites, channels and their permissions,
/// roles, bans and flagged messages — each section shown to those who may use it.
#[component]
pub fn CommunitySettingsPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let acts = Acts::new();
    let admin = Resource::new(move || (slug(), acts.version()), |(slug, _)| get_community_admin(slug));
    view! {
        <Transition fallback=Loading>
            {move || admin.get().map(|r| match r {
                Err(e) => view! { <Title text="Settings · Kindred"/><ErrorView error=e/> }.into_any(),
                Ok(a) => view! { <Settings a acts/> }.into_any(),
            })}
        </Transition>
    }
}

fn has(a: &CommunityAdmin, bit: i64) -> bool {
    a.community.is_owner || perms::has(a.community.perms, bit)
}

#[component]
fn Settings(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let c = a.community.clone();
    let slug = c.slug.clone();
    view! {
        <Title text=format!("Settings · {} · Kindred", c.name)/>
        <section class="page narrow-wide settings-page">
            <p class="muted"><a href=format!("/c/{slug}")>{c.name.clone()}</a>" · "<a href=format!("/c/{slug}/members")>"Members"</a></p>
            <h1>"Settings"</h1>
            {c.is_owner.then(|| view! { <About a=a.clone() acts/> })}
            {has(&a, perms::INVITE).then(|| view! { <Requests a=a.clone() acts/> <Invites a=a.clone() acts/> })}
            {has(&a, perms::MANAGE_CHANNELS).then(|| view! { <Channels a=a.clone() acts/> })}
            {has(&a, perms::MANAGE_ROLES).then(|| view! { <Overrides a=a.clone() acts/> <Roles a=a.clone() acts/> })}
            {has(&a, perms::BAN_MEMBERS).then(|| view! { <Bans a=a.clone() acts/> })}
            {has(&a, perms::MANAGE_MESSAGES).then(|| view! { <Flagged a=a.clone() acts/> })}
        </section>
    }
}

#[component]
fn About(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let c = a.community;
    let error = action_error(acts.update);
    let saved = move || matches!(acts.update.value().get(), Some(Ok(())));
    let description_error = Signal::derive(move || error.get().and_then(|e| e.for_field("description")));
    view! {
        <section class="card" aria-labelledby="s-about">
            <h2 id="s-about">"About"</h2>
            <ActionForm action=acts.update attr:class="form">
                <input type="hidden" name="slug" value=c.slug.clone()/>
                <FormAlert error/>
                {move || saved().then(|| view! { <p class="alert alert-success" role="status">"Saved."</p> })}
                <TextField name="name" label="Name" value=c.name.clone() required=true maxlength=NAME_MAX as u32 error/>
                <div class="field">
                    <label for="f-about-description">"Description"</label>
                    <textarea id="f-about-description" name="description" rows="3" maxlength=DESCRIPTION_MAX as u32>{c.description.clone()}</textarea>
                    <FieldMessage id="f-about-description-error" message=description_error/>
                </div>
                <div class="field">
                    <label for="f-about-visibility">"Who can join"</label>
                    <select id="f-about-visibility" name="visibility">
                        {Visibility::ALL.into_iter().map(|v| view! { <option value=v.key() selected=v == c.visibility>{v.label()}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="f-about-filter">"Language filter"</label>
                    <select id="f-about-filter" name="filter_policy">
                        <option value="block" selected=c.filter_policy.key() == "block">"Hold back messages the filter objects to"</option>
                        <option value="flag" selected=c.filter_policy.key() == "flag">"Deliver them and flag them for moderators"</option>
                    </select>
                </div>
                <button type="submit" class="button button-primary">"Save community"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn Requests(a: CommunityAdmin, acts: Acts) -> impl IntoView {
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

#[component]
fn Invites(a: CommunityAdmin, acts: Acts) -> impl IntoView {
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

#[component]
fn Channels(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let slug = a.community.slug.clone();
    let error = action_error(acts.new_channel);
    let edit_error = Signal::derive(move || {
        acts.edit_channel
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| acts.move_channel.value().get().and_then(|r| r.err()))
            .or_else(|| acts.delete_channel.value().get().and_then(|r| r.err()))
    });
    let categories: Vec<(String, String)> = a
        .channels
        .iter()
        .filter(|c| c.entry.is_category)
        .map(|c| (c.entry.channel_id.to_string(), c.entry.name.clone()))
        .collect();
    let options = move |selected: Option<String>| {
        let cats = categories.clone();
        view! {
            <option value="">"No category"</option>
            {cats.into_iter().map(|(id, name)| view! { <option value=id.clone() selected=selected.as_deref() == Some(id.as_str())>{name}</option> }).collect_view()}
        }
    };
    let new_options = options(None);
    let topic_error = Signal::derive(move || error.get().and_then(|e| e.for_field("topic")));
    let name_error = Signal::derive(move || error.get().and_then(|e| e.for_field("name")));
    let parent_error = Signal::derive(move || error.get().and_then(|e| e.for_field("parent")));
    let slow_error = Signal::derive(move || error.get().and_then(|e| e.for_field("slow_mode_secs")));
    view! {
        <section class="card" aria-labelledby="s-channels">
            <h2 id="s-channels">"Channels"</h2>
            <ActionForm action=acts.new_channel attr:class="form">
                <input type="hidden" name="slug" value=slug.clone()/>
                <FormAlert error/>
                <div class="field">
                    <label for="f-new-channel-name">"Channel name"</label>
                    <input id="f-new-channel-name" name="name" required=true maxlength="40"/>
                    <FieldMessage id="f-new-channel-name-error" message=name_error/>
                </div>
                <div class="field">
                    <label for="f-channel-topic">"Topic"</label>
                    <input id="f-channel-topic" name="topic" maxlength=TOPIC_MAX as u32/>
                    <FieldMessage id="f-channel-topic-error" message=topic_error/>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f-channel-slow">"Slow mode (seconds)"</label>
                        <input id="f-channel-slow" name="slow_mode_secs" type="number" min="0" max="21600" value="0" inputmode="numeric"/>
                        <FieldMessage id="f-channel-slow-error" message=slow_error/>
                    </div>
                    <div class="field">
                        <label for="f-channel-parent">"Category"</label>
                        <select id="f-channel-parent" name="parent">{new_options}</select>
                        <FieldMessage id="f-channel-parent-error" message=parent_error/>
                    </div>
                </div>
                <label class="check"><input type="checkbox" name="category" value="on"/>" This is a category (a heading that groups channels)"</label>
                <button type="submit" class="button button-primary">"Create channel"</button>
            </ActionForm>
            <ErrorLine error=edit_error/>
            <ul class="plain-list settings-list">
                {a.channels.into_iter().map(|ch| {
                    let e = ch.entry;
                    let id = e.channel_id.to_string();
                    let label = if e.is_category { e.name.to_uppercase() } else { format!("#{}", e.name) };
                    let parent = e.parent_id.map(|p| p.to_string());
                    let edit_options = options(parent.clone());
                    let (id_m, label_m, id_d, label_d) = (id.clone(), label.clone(), id.clone(), label.clone());
                    view! {
                        <li>
                            <details>
                                <summary>{label.clone()}{(!e.topic.is_empty()).then(|| format!(" — {}", e.topic))}</summary>
                                <ActionForm action=acts.edit_channel attr:class="form">
                                    <input type="hidden" name="channel_id" value=id.clone()/>
                                    <div class="field">
                                        <label for=format!("f-ch-name-{id}")>{format!("Name of {label}")}</label>
                                        <input id=format!("f-ch-name-{id}") name="name" value=e.name.clone() required=true maxlength="40"/>
                                    </div>
                                    <div class="field">
                                        <label for=format!("f-ch-topic-{id}")>{format!("Topic of {label}")}</label>
                                        <input id=format!("f-ch-topic-{id}") name="topic" value=e.topic.clone() maxlength=TOPIC_MAX as u32/>
                                    </div>
                                    {if e.is_category {
                                        view! { <input type="hidden" name="slow_mode_secs" value="0"/> }.into_any()
                                    } else {
                                        view! {
                                            <div class="field-row">
                                                <div class="field">
                                                    <label for=format!("f-ch-slow-{id}")>{format!("Slow mode of {label} (seconds)")}</label>
                                                    <input id=format!("f-ch-slow-{id}") name="slow_mode_secs" type="number" min="0" max="21600" value=e.slow_mode_secs.to_string()/>
                                                </div>
                                                <div class="field">
                                                    <label for=format!("f-ch-parent-{id}")>{format!("Category of {label}")}</label>
                                                    <select id=format!("f-ch-parent-{id}") name="parent">{edit_options}</select>
                                                </div>
                                            </div>
                                        }.into_any()
                                    }}
                                    <button type="submit" class="button">{format!("Save {label}")}</button>
                                </ActionForm>
                                <div class="decisions">
                                    {["up", "down"].into_iter().map(|d| {
                                        let (id, label) = (id_m.clone(), label_m.clone());
                                        view! {
                                            <ActionForm action=acts.move_channel attr:class="inline-form">
                                                <input type="hidden" name="channel_id" value=id/>
                                                <input type="hidden" name="direction" value=d/>
                                                <button type="submit" class="button button-quiet">{format!("Move {label} {d}")}</button>
                                            </ActionForm>
                                        }
                                    }).collect_view()}
                                    <ActionForm action=acts.delete_channel attr:class="inline-form">
                                        <input type="hidden" name="channel_id" value=id_d/>
                                        <label class="check"><input type="checkbox" required=true/>{format!(" Yes, delete {label_d} and its messages")}</label>
                                        <button type="submit" class="button button-danger">{format!("Delete {label_d}")}</button>
                                    </ActionForm>
                                </div>
                            </details>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

fn names(bits: i64) -> String {
    let list: Vec<&str> = NAMED.iter().filter(|(b, _, _)| bits & b != 0).map(|(_, _, d)| *d).collect();
    if list.is_empty() {
        "nothing".into()
    } else {
        list.join(", ")
    }
}

#[component]
fn Overrides(a: CommunityAdmin, acts: Acts) -> impl IntoView {
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
fn Roles(a: CommunityAdmin, acts: Acts) -> impl IntoView {
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

#[component]
fn Bans(a: CommunityAdmin, acts: Acts) -> impl IntoView {
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

#[component]
fn Flagged(a: CommunityAdmin, acts: Acts) -> impl IntoView {
    let error = action_error(acts.flagged);
    view! {
        <section class="card" aria-labelledby="s-flagged">
            <h2 id="s-flagged">"Flagged messages"</h2>
            <FormAlert error/>
            {if a.flagged.is_empty() {
                view! { <p class="muted">"No flagged messages."</p> }.into_any()
            } else {
                view! {
                    <ul class="plain-list settings-list">
                        {a.flagged.into_iter().map(|f| view! {
                            <li>
                                <p><strong>{f.author.display_name.clone()}</strong>
                                    <span class="muted">{format!(" in #{} · {} · {}", f.channel_name, f.created_at.format("%e %b %H:%M UTC"), f.reason)}</span></p>
                                <p class="quoted">{f.body.clone()}</p>
                                <div class="decisions">
                                    {["keep", "remove"].into_iter().map(|d| view! {
                                        <ActionForm action=acts.flagged attr:class="inline-form">
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
                }.into_any()
            }}
        </section>
    }
}
