use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::feed::api::{SetBlock, SetFollow};
use crate::feed::pages::FeedList;
use crate::members::api::get_profile;
use crate::members::model::Profile;
use crate::ui::session::use_session;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let username = move || params.read().get("username").unwrap_or_default();
    let profile = Resource::new(username, get_profile);
    let found = move || profile.get().map(|r| r.is_ok()).unwrap_or(false);
    view! {
        <Suspense fallback=Loading>
            {move || profile.get().map(|result| match result {
                Ok(p) => view! { <ProfileView profile=p/> }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
        <section class="page" class:hidden=move || !found()>
            <h2>"Posts"</h2>
            <FeedList feed=Signal::derive(move || format!("member:{}", username())) empty="No posts yet."/>
        </section>
    }
}

#[component]
fn ProfileView(profile: Profile) -> impl IntoView {
    let title = format!("{} (@{}) · Kindred", profile.display_name, profile.username);
    let place = [profile.city.as_str(), profile.country.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let initial = profile.display_name.chars().next().unwrap_or('?').to_uppercase().to_string();
    let joined = profile.joined_at.format("%B %Y").to_string();
    let bio = profile.bio.clone();
    view! {
        <Title text=title/>
        <article class="page profile">
            <header class="profile-header">
                <div class="avatar avatar-large" aria-hidden="true">{initial}</div>
                <div>
                    <h1>{profile.display_name.clone()}</h1>
                    <p class="muted">"@" {profile.username.clone()}
                        {(profile.site_role != crate::auth::model::SiteRole::Member).then(|| view! {
                            " · " <span class="badge">{profile.site_role.label()}</span>
                        })}
                    </p>
                </div>
                {profile.is_self.then(|| view! { <a class="button" href="/settings/profile">"Edit profile"</a> })}
                {(!profile.is_self).then(|| view! {
                    <FollowButton username=profile.username.clone() following=profile.viewer_follows/>
                    <BlockButton username=profile.username.clone() blocked=profile.viewer_blocked/>
                })}
            </header>
            <p class="muted">{format!("{} followers · {} following", profile.followers, profile.following)}</p>
            {(!bio.is_empty()).then(|| view! { <p class="bio">{bio}</p> })}
            <dl class="facts">
                {(!place.is_empty()).then(|| view! { <dt>"Lives in"</dt><dd>{place}</dd> })}
                {profile.tango_role.map(|r| view! { <dt>"Dances as"</dt><dd>{r.label()}</dd> })}
                {(!profile.languages.is_empty()).then(|| view! { <dt>"Speaks"</dt><dd>{profile.languages.join(", ")}</dd> })}
                {profile.astro_sign.map(|s| view! { <dt>"Sign"</dt><dd>{s.label()}</dd> })}
                <dt>"Time zone"</dt><dd>{profile.time_zone.clone()}</dd>
                <dt>"Member since"</dt><dd>{joined}</dd>
            </dl>
        </article>
    }
}

#[component]
fn FollowButton(username: String, following: bool) -> impl IntoView {
    let session = use_session();
    let action = ServerAction::<SetFollow>::new();
    let now_following = RwSignal::new(following);
    Effect::new(move |_| {
        if let Some(Ok(f)) = action.value().get() {
            now_following.set(f);
        }
    });
    view! {
        {move || session.current().is_some().then(|| {
            let username = username.clone();
            view! {
                <ActionForm action>
                    <input type="hidden" name="username" value=username/>
                    <input type="hidden" name="follow" value=move || if now_following.get() { "false" } else { "true" }/>
                    <button type="submit" class="button" class:button-primary=move || !now_following.get()>
                        {move || if now_following.get() { "Unfollow" } else { "Follow" }}
                    </button>
                </ActionForm>
            }
        })}
    }
}

#[component]
fn BlockButton(username: String, blocked: bool) -> impl IntoView {
    let session = use_session();
    let action = ServerAction::<SetBlock>::new();
    let now_blocked = RwSignal::new(blocked);
    Effect::new(move |_| {
        if let Some(Ok(b)) = action.value().get() {
            now_blocked.set(b);
        }
    });
    view! {
        {move || session.current().is_some().then(|| {
            let username = username.clone();
            view! {
                <ActionForm action>
                    <input type="hidden" name="username" value=username/>
                    <input type="hidden" name="block" value=move || if now_blocked.get() { "false" } else { "true" }/>
                    <button type="submit" class="button button-danger">
                        {move || if now_blocked.get() { "Unblock" } else { "Block" }}
                    </button>
                </ActionForm>
            }
        })}
    }
}
