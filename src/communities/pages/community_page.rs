use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::communities::api::{get_community, CancelJoinRequest, JoinCommunity, LeaveCommunity};
use crate::communities::model::{CommunityTag, CommunityView, Membership, Visibility};
use crate::communities::perms;
use crate::ui::forms::{action_error, FormAlert};
use crate::ui::status::{ErrorView, Loading};

/// What other domains show on a community's page (its events, its posts), for the app to
/// render below the channels: the community, and what the viewer may add there.
#[derive(Debug, Clone)]
pub struct CommunitySections {
    pub community: CommunityTag,
    pub may_post: bool,
    pub may_add_events: bool,
}

/// A community's home: who it is for, joining or leaving, its channels (with unread counts),
/// and the `sections` the app adds (upcoming events and posts) for those who may read them.
#[component]
pub fn CommunityPage(sections: fn(CommunitySections) -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let join = ServerAction::<JoinCommunity>::new();
    let leave = ServerAction::<LeaveCommunity>::new();
    let cancel = ServerAction::<CancelJoinRequest>::new();
    let community = Resource::new(
        move || (slug(), join.version().get(), leave.version().get(), cancel.version().get()),
        |(slug, ..)| get_community(slug),
    );
    // Someone removed or let in while looking at the page sees it change at once.
    crate::ui::live::on_live(&["kindred:access"], move || community.refetch());
    view! {
        <Transition fallback=Loading>
            {move || community.get().map(|r| match r {
                Err(e) => view! { <Title text="Community · Kindred"/><section class="page"><ErrorView error=e/></section> }.into_any(),
                Ok(c) => view! { <CommunityHome c join leave cancel sections reload=Callback::new(move |_: ()| community.refetch())/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn CommunityHome(
    c: CommunityView,
    join: ServerAction<JoinCommunity>,
    leave: ServerAction<LeaveCommunity>,
    cancel: ServerAction<CancelJoinRequest>,
    sections: fn(CommunitySections) -> AnyView,
    reload: Callback<()>,
) -> impl IntoView {
    let join_error = action_error(join);
    let leave_error = action_error(leave);
    let slug = c.slug.clone();
    let members = format!("{} member{}", c.member_count, if c.member_count == 1 { "" } else { "s" });
    let manages = c.is_owner
        || c.perms
            & (perms::MANAGE_CHANNELS
                | perms::MANAGE_ROLES
                | perms::INVITE
                | perms::BAN_MEMBERS
                | perms::KICK_MEMBERS
                | perms::MANAGE_MESSAGES)
            != 0;
    let is_member = matches!(c.membership, Membership::Member { .. });
    let membership = match c.membership.clone() {
        Membership::Member { timeout_until } => view! {
            {timeout_until.map(|t| view! {
                <p class="alert" role="status">{format!("You are in a timeout until {}: you can read but not write.", t.format("%e %b %H:%M UTC"))}</p>
            })}
            {(!c.is_owner).then(|| {
                let slug = slug.clone();
                view! {
                    <ActionForm action=leave attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug/>
                        <button type="submit" class="button button-quiet">"Leave community"</button>
                    </ActionForm>
                }
            })}
            <FormAlert error=leave_error/>
        }
        .into_any(),
        Membership::Requested => {
            let slug = slug.clone();
            view! {
                <p class="alert" role="status">"Your request to join is waiting for a moderator."</p>
                <ActionForm action=cancel attr:class="inline-form">
                    <input type="hidden" name="slug" value=slug/>
                    <button type="submit" class="button button-quiet">"Withdraw request"</button>
                </ActionForm>
            }
            .into_any()
        }
        Membership::Banned { reason } => view! {
            <p class="alert alert-error" role="status">
                "You are banned from this community."
                {(!reason.is_empty()).then(|| format!(" Reason: {reason}"))}
            </p>
        }
        .into_any(),
        Membership::Visitor => match c.visibility {
            Visibility::Public => {
                let slug = slug.clone();
                view! {
                    <ActionForm action=join attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug/>
                        <button type="submit" class="button button-primary">"Join community"</button>
                    </ActionForm>
                    <FormAlert error=join_error/>
                }
                .into_any()
            }
            Visibility::Private => {
                let slug = slug.clone();
                view! {
                    <ActionForm action=join attr:class="form card">
                        <input type="hidden" name="slug" value=slug/>
                        <div class="field">
                            <label for="f-join-note">"A note for the moderators (optional)"</label>
                            <textarea id="f-join-note" name="note" rows="2" maxlength="500"></textarea>
                        </div>
                        <button type="submit" class="button button-primary">"Ask to join"</button>
                        <FormAlert error=join_error/>
                    </ActionForm>
                }
                .into_any()
            }
            Visibility::Invite => view! {
                <p class="muted">"This community is invite only. Ask a member for an invite link."</p>
            }
            .into_any(),
        },
    };
    let channels = c.channels.clone();
    let no_channels = !channels.iter().any(|ch| !ch.is_category);
    // Posts and events are read by members, and by everyone in a public community.
    let readable = is_member || c.visibility == Visibility::Public;
    let may_post = is_member && c.perms & perms::SEND_MESSAGES != 0;
    let may_add_events = is_member && c.perms & perms::MANAGE_EVENTS != 0;
    let tag = CommunityTag { slug: c.slug.clone(), name: c.name.clone() };
    view! {
        <Title text=format!("{} · Kindred", c.name)/>
        <section class="page narrow-wide community-home">
            <header class="community-header">
                <div class="community-title">
                    <super::communities_page::CommunityIcon name=c.name.clone() icon=c.icon_id large=true/>
                    <h1>{c.name.clone()}</h1>
                </div>
                <p class="muted">{members}" · "{c.visibility.short()}" · started by "
                    <a href=format!("/members/{}", c.owner.username)>{c.owner.display_name.clone()}</a></p>
                {(!c.description.is_empty()).then(|| view! { <p class="community-description">{c.description.clone()}</p> })}
                <div class="button-row">{membership}</div>
            </header>
            <nav class="tabs" aria-label="Community">
                <a href=format!("/c/{}", c.slug) aria-current="page">"Channels"</a>
                {(is_member || c.visibility == Visibility::Public).then(|| view! {
                    <a href=format!("/c/{}/members", c.slug)>"Members"</a>
                })}
                {manages.then(|| view! {
                    <a href=format!("/c/{}/settings", c.slug)>
                        "Settings"
                        {(c.pending_requests > 0).then(|| view! { " " <span class="badge">{format!("{} request{}", c.pending_requests, if c.pending_requests == 1 { "" } else { "s" })}</span> })}
                        {(c.flagged > 0).then(|| view! { " " <span class="badge">{format!("{} flagged", c.flagged)}</span> })}
                    </a>
                })}
            </nav>
            {c.is_owner.then(|| view! { <IconForm slug=c.slug.clone() has_icon=c.icon_id.is_some() reload/> })}
            <h2>"Channels"</h2>
            {if no_channels {
                view! { <p class="empty-state">{if is_member || c.visibility == Visibility::Public {
                    "No channels you can see yet."
                } else {
                    "Join to see this community's channels."
                }}</p> }.into_any()
            } else {
                view! {
                    <ul class="channel-list">
                        {channels.into_iter().map(|ch| if ch.is_category {
                            view! { <li class="channel-category">{ch.name.to_uppercase()}</li> }.into_any()
                        } else {
                            let label = match ch.unread {
                                0 => format!("#{}", ch.name),
                                n => format!("#{}, {} unread", ch.name, n),
                            };
                            view! {
                                <li class:nested=ch.parent_id.is_some()>
                                    <a class="channel-link" href=format!("/chat/{}", ch.channel_id) aria-label=label>
                                        <span class="channel-name">"#"{ch.name.clone()}</span>
                                        {(!ch.topic.is_empty()).then(|| view! { <span class="muted channel-topic">{ch.topic.clone()}</span> })}
                                        {(ch.unread > 0).then(|| view! { <span class="badge-count" aria-hidden="true">{ch.unread}</span> })}
                                    </a>
                                </li>
                            }.into_any()
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {if readable {
                sections(CommunitySections { community: tag, may_post, may_add_events })
            } else {
                view! { <p class="empty-state">"Join to see this community's posts and events."</p> }.into_any()
            }}
        </section>
    }
}

/// The owner's form for the community's picture (multipart, works without JavaScript).
#[component]
fn IconForm(slug: String, has_icon: bool, reload: Callback<()>) -> impl IntoView {
    use crate::communities::api::{set_community_icon, SetCommunityIcon};
    use crate::ui::forms::FieldMessage;
    use crate::ui::upload_form::ImageForm;
    use leptos::server_fn::ServerFn;
    let input = NodeRef::<leptos::html::Input>::new();
    let form = ImageForm::new(SetCommunityIcon::PATH, input, |data| set_community_icon(data.into()));
    let error = form.field("image");
    Effect::new(move |_| {
        if let Some(Ok(_)) = form.action.value().get() {
            reload.run(());
        }
    });
    view! {
        <details class="card icon-form">
            <summary>"Community picture"</summary>
            <form method="post" action=SetCommunityIcon::url() enctype="multipart/form-data" class="form" on:submit=move |ev| form.submit(ev)>
                <input type="hidden" name="slug" value=slug/>
                <div class="field">
                    <label for="f-community-icon">"Picture"</label>
                    <input id="f-community-icon" name="image" type="file" accept="image/jpeg,image/png,image/webp" node_ref=input/>
                    <p class="hint">"Square works best. JPEG, PNG or WebP up to 5 MB."</p>
                    <FieldMessage id="f-community-icon-error" message=error/>
                </div>
                <div class="button-row">
                    <button type="submit" class="button">"Upload picture"</button>
                    {has_icon.then(|| view! { <button type="submit" name="remove" value="true" class="button button-quiet">"Remove picture"</button> })}
                </div>
            </form>
        </details>
    }
}
