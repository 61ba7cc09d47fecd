use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::people::api::get_follow_list;
use crate::ui::avatar::Avatar;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn FollowersPage() -> impl IntoView {
    view! { <FollowList which="followers"/> }
}

#[component]
pub fn FollowingPage() -> impl IntoView {
    view! { <FollowList which="following"/> }
}

/// A member's followers or the members they follow, newest first; paged by link.
#[component]
fn FollowList(which: &'static str) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let list = Resource::new(
        move || (params.read().get("username").unwrap_or_default(), query.read().get("after")),
        move |(username, after)| get_follow_list(username, which.to_string(), after),
    );
    let heading = if which == "followers" { "Followers" } else { "Following" };
    view! {
        <section class="page narrow-wide">
            <Suspense fallback=Loading>
                {move || list.get().map(|l| match l {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(l) => {
                        let owner = l.owner.clone();
                        let base = format!("/members/{}/{which}", owner.username);
                        view! {
                            <Title text=format!("{heading} of {} · Kindred", owner.display_name)/>
                            <nav class="tabs" aria-label="Follows">
                                <a href=format!("/members/{}/followers", owner.username) aria-current=(which == "followers").then_some("page")>"Followers"</a>
                                <a href=format!("/members/{}/following", owner.username) aria-current=(which == "following").then_some("page")>"Following"</a>
                            </nav>
                            <h1>{format!("{heading} · ")}<a href=format!("/members/{}", owner.username)>{owner.display_name.clone()}</a></h1>
                            {if l.people.is_empty() {
                                view! { <p class="empty-state">{if which == "followers" { "No followers yet." } else { "Not following anyone yet." }}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="people-list">
                                        {l.people.into_iter().map(|p| view! {
                                            <li class="card person">
                                                <Avatar name=p.display_name.clone() url=p.avatar_thumb.clone()/>
                                                <div>
                                                    <a href=format!("/members/{}", p.username)>{p.display_name.clone()}</a>
                                                    <p class="muted">"@" {p.username.clone()}</p>
                                                </div>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {l.next.map(|n| view! { <p><a class="button" href=format!("{base}?after={n}")>"More"</a></p> })}
                        }.into_any()
                    }
                })}
            </Suspense>
        </section>
    }
}
