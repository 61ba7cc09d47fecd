//! A community's settings page: the sections a member may use, reloaded after every change.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::settings::{About, Acts, Bans, Channels, Invites, Overrides, Requests, Roles};
use crate::communities::api::get_community_admin;
use crate::communities::model::CommunityAdmin;
use crate::communities::perms;
use crate::ui::status::{ErrorView, Loading};

/// A community's settings: about, join requests, invites, channels and their permissions,
/// roles, bans — each section shown to those who may use it — and, for those who manage
/// messages, the `sections` other domains add (chat's flagged messages), given by the app.
#[component]
pub fn CommunitySettingsPage(sections: fn() -> AnyView) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let acts = Acts::new();
    let admin = Resource::new(move || (slug(), acts.version()), |(slug, _)| get_community_admin(slug));
    view! {
        <Transition fallback=Loading>
            {move || admin.get().map(|r| match r {
                Err(e) => view! { <Title text="Settings · Kindred"/><ErrorView error=e/> }.into_any(),
                Ok(a) => view! { <Settings a acts sections/> }.into_any(),
            })}
        </Transition>
    }
}

fn has(a: &CommunityAdmin, bit: i64) -> bool {
    a.community.is_owner || perms::has(a.community.perms, bit)
}

#[component]
fn Settings(a: CommunityAdmin, acts: Acts, sections: fn() -> AnyView) -> impl IntoView {
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
            {has(&a, perms::MANAGE_MESSAGES).then(sections)}
        </section>
    }
}
