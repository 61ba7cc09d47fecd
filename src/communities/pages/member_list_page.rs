use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::communities::api::{get_members, BanMember, KickMember, SetMemberRole, TimeoutMember, TransferOwnership};
use crate::communities::model::{MemberPage, MemberRow, RoleTag};
use crate::communities::perms;
use crate::error::AppError;
use crate::ui::forms::ErrorLine;
use crate::ui::status::{ErrorView, Loading};

/// The members of a community, oldest first, with the actions the viewer may take on each:
/// roles, timeout, removal, ban and (for the owner) handing over ownership.
#[component]
pub fn CommunityMembersPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let after = move || query.read().get("after");
    let kick = ServerAction::<KickMember>::new();
    let ban = ServerAction::<BanMember>::new();
    let timeout = ServerAction::<TimeoutMember>::new();
    let role = ServerAction::<SetMemberRole>::new();
    let transfer = ServerAction::<TransferOwnership>::new();
    let actions = Actions { kick, ban, timeout, role, transfer };
    let page = Resource::new(
        move || {
            (
                slug(),
                after(),
                kick.version().get(),
                ban.version().get(),
                timeout.version().get(),
                role.version().get(),
                transfer.version().get(),
            )
        },
        |(slug, after, ..)| get_members(slug, after),
    );
    let error = Signal::derive(move || {
        [
            kick.value().get().and_then(|r| r.err()),
            ban.value().get().and_then(|r| r.err()),
            timeout.value().get().and_then(|r| r.err()),
            role.value().get().and_then(|r| r.err()),
            transfer.value().get().and_then(|r| r.err()),
        ]
        .into_iter()
        .flatten()
        .next()
    });
    view! {
        <Transition fallback=Loading>
            {move || page.get().map(|r| match r {
                Err(e) => view! { <Title text="Members · Kindred"/><ErrorView error=e/> }.into_any(),
                Ok(p) => view! { <MemberList p slug=slug() actions error/> }.into_any(),
            })}
        </Transition>
    }
}

#[derive(Clone, Copy)]
struct Actions {
    kick: ServerAction<KickMember>,
    ban: ServerAction<BanMember>,
    timeout: ServerAction<TimeoutMember>,
    role: ServerAction<SetMemberRole>,
    transfer: ServerAction<TransferOwnership>,
}

#[component]
fn MemberList(p: MemberPage, slug: String, actions: Actions, error: Signal<Option<AppError>>) -> impl IntoView {
    let next = p.next.clone();
    let back = format!("/c/{slug}");
    view! {
        <Title text=format!("Members · {} · Kindred", p.community_name)/>
        <section class="page narrow-wide">
            <p class="muted"><a href=back.clone()>{p.community_name.clone()}</a></p>
            <h1>"Members"</h1>
            <ErrorLine error/>
            {if p.members.is_empty() {
                view! { <p class="empty-state">"No members on this page."</p> }.into_any()
            } else {
                let rows = p.members.clone();
                let page = p.clone();
                view! {
                    <ul class="people-list">
                        {rows.into_iter().map(|m| view! { <MemberItem m page=page.clone() slug=slug.clone() actions/> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {next.map(|n| view! {
                <p><a class="button" href=format!("/c/{slug}/members?after={n}")>"More members"</a></p>
            })}
        </section>
    }
}

#[component]
fn MemberItem(m: MemberRow, page: MemberPage, slug: String, actions: Actions) -> impl IntoView {
    let name = m.member.display_name.clone();
    let username = m.member.username.clone();
    let me = m.member.member_id == page.me;
    let acts = !me && !m.is_owner;
    let may = |bit| perms::has(page.perms, bit);
    let id = m.member.member_id.simple().to_string();
    let held: Vec<uuid::Uuid> = m.roles.iter().map(|r| r.role_id).collect();
    let hidden = {
        let (slug, username) = (slug.clone(), username.clone());
        move || {
            view! {
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="username" value=username.clone()/>
            }
        }
    };
    let roles = (acts && may(perms::MANAGE_ROLES) && !page.assignable.is_empty()).then(|| {
        let forms = page
            .assignable
            .iter()
            .map(|r: &RoleTag| {
                let on = !held.contains(&r.role_id);
                let text = if on { format!("Give {}", r.name) } else { format!("Remove {}", r.name) };
                let whom = if on { format!(" to {name}") } else { format!(" from {name}") };
                let (role_id, hidden) = (r.role_id.to_string(), hidden.clone());
                view! {
                    <ActionForm action=actions.role attr:class="inline-form">
                        {hidden()}
                        <input type="hidden" name="role_id" value=role_id/>
                        <input type="hidden" name="on" value=if on { "true" } else { "false" }/>
                        <button type="submit" class="button button-quiet">{text}<span class="visually-hidden">{whom}</span></button>
                    </ActionForm>
                }
            })
            .collect_view();
        view! { <div class="decisions">{forms}</div> }
    });
    let kick = (acts && may(perms::KICK_MEMBERS)).then(|| {
        let (h1, h2, remove, time_out) =
            (hidden.clone(), hidden.clone(), format!("Remove {name}"), format!("Time out {name}"));
        let field = format!("f-timeout-{id}");
        view! {
            <div class="decisions">
                <ActionForm action=actions.kick attr:class="inline-form">
                    {h1()}
                    <button type="submit" class="button button-danger">{remove}</button>
                </ActionForm>
                <ActionForm action=actions.timeout attr:class="inline-form">
                    {h2()}
                    <label for=field.clone()>"Timeout length"</label>
                    <select id=field name="minutes">
                        <option value="10">"10 minutes"</option>
                        <option value="60">"1 hour"</option>
                        <option value="1440">"1 day"</option>
                        <option value="10080">"1 week"</option>
                        <option value="0">"End the timeout"</option>
                    </select>
                    <button type="submit" class="button">{time_out}</button>
                </ActionForm>
            </div>
        }
    });
    let ban = (acts && may(perms::BAN_MEMBERS)).then(|| {
        let (h, field, summary, label, button) = (
            hidden.clone(),
            format!("f-ban-{id}"),
            format!("Ban {name}…"),
            format!("Reason for banning {name}"),
            format!("Ban {name}"),
        );
        view! {
            <details>
                <summary>{summary}</summary>
                <ActionForm action=actions.ban attr:class="form">
                    {h()}
                    <div class="field">
                        <label for=field.clone()>{label}</label>
                        <textarea id=field name="reason" rows="2" maxlength="500"></textarea>
                    </div>
                    <button type="submit" class="button button-danger">{button}</button>
                </ActionForm>
            </details>
        }
    });
    let transfer = (!me && page.is_owner).then(|| {
        let (h, summary, button) =
            (hidden.clone(), format!("Hand the community to {name}…"), format!("Make {name} the owner"));
        view! {
            <details>
                <summary>{summary}</summary>
                <ActionForm action=actions.transfer attr:class="form">
                    {h()}
                    <label class="check">
                        <input type="checkbox" required=true/>
                        " I understand I will no longer own this community"
                    </label>
                    <button type="submit" class="button">{button}</button>
                </ActionForm>
            </details>
        }
    });
    let badges = m
        .roles
        .iter()
        .filter(|r| !(m.is_owner && r.name == "Owner"))
        .map(|r| {
            view! { " " <span class="badge role-badge" style=format!("border-left: 4px solid {}", r.colour)>{r.name.clone()}</span> }
        })
        .collect_view();
    view! {
        <li class="card queue-item">
            <p>
                <a href=format!("/members/{username}")><strong>{name.clone()}</strong></a>
                <span class="muted">{format!(" @{username}")}</span>
                {m.is_owner.then(|| view! { " " <span class="badge">"owner"</span> })}
                {badges}
            </p>
            <p class="muted">{format!("Joined {}", m.joined_at.format("%e %b %Y"))}
                {m.timeout_until.map(|t| format!(" · in a timeout until {}", t.format("%e %b %H:%M UTC")))}</p>
            {roles}
            {kick}
            {ban}
            {transfer}
        </li>
    }
}
