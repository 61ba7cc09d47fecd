use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::auth::session::use_session;
use crate::feed::api::SetFollow;
use crate::feed::pages::FeedList;
use crate::members::api::get_profile;
use crate::members::model::Profile;
use crate::people::api::SetBlock;
use crate::people::pages::ConnectButton;
use crate::ui::avatar::Avatar;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn ProfilePage() -> impl IntoView {
    let params = use_params_map();
    let username = move || params.read().get("username").unwrap_or_default();
    let profile = Resource::new(username, get_profile);
    view! {
        <Suspense fallback=Loading>
            {move || profile.get().map(|result| match result {
                Ok(p) => view! {
                    <ProfileView profile=p/>
                    <section class="page">
                        <h2>"Posts"</h2>
                        <FeedList feed=Signal::derive(move || format!("member:{}", username())) empty="No posts yet."/>
                    </section>
                }.into_any(),
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
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
    let joined = profile.joined_at.format("%B %Y").to_string();
    let bio = profile.bio.clone();
    let session = use_session();
    view! {
        <Title text=title/>
        <article class="page profile">
            <header class="profile-header">
                <Avatar name=profile.display_name.clone() url=profile.avatar.clone() large=true/>
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
            <p class="muted">
                <a href=format!("/members/{}/followers", profile.username)>{format!("{} followers", profile.followers)}</a>
                " · "
                <a href=format!("/members/{}/following", profile.username)>{format!("{} following", profile.following)}</a>
                {format!(" · {} connections", profile.connections)}
                {profile.is_self.then(|| view! { " · " <a href="/people">"My connections"</a> })}
            </p>
            {(!profile.is_self && !profile.viewer_blocked).then(|| {
                let (u, n, c) = (profile.username.clone(), profile.display_name.clone(), profile.connection.clone());
                move || session.current().is_some().then(|| view! { <ConnectButton username=u.clone() display_name=n.clone() state=c.clone()/> })
            })}
            {(!bio.is_empty()).then(|| view! { <p class="bio">{bio}</p> })}
            <dl class="facts">
                {(!place.is_empty()).then(|| view! { <dt>"Lives in"</dt><dd>{place}</dd> })}
                {profile.tango_role.map(|r| view! { <dt>"Dances as"</dt><dd>{r.label()}</dd> })}
                {(!profile.languages.is_empty()).then(|| view! { <dt>"Speaks"</dt><dd>{profile.languages.join(", ")}</dd> })}
                {profile.astro_sign.map(|s| view! { <dt>"Sign"</dt><dd>{s.label()}</dd> })}
                {profile.journey.map(|(level, current, longest)| view! {
                    <dt>"Journey"</dt>
                    <dd>{format!("Level {level} · streak {current} day{} (longest {longest})", if current == 1 { "" } else { "s" })}</dd>
                })}
                <dt>"Practice"</dt><dd><a href=format!("/practice/m/{}", profile.username)>"Sessions, streak and verified techniques"</a></dd>
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
