use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::post_card::PostCard;
use crate::feed::api::search;
use crate::ui::status::{ErrorView, Loading};

/// Search posts, members and hashtags. A plain GET form, so it works without JavaScript.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map();
    let q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(q, search);
    view! {
        <Title text="Search · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Search"</h1>
            <form method="get" action="/search" class="form search-form" role="search">
                <div class="field">
                    <label for="f-q">"Search posts, members and #hashtags"</label>
                    <input id="f-q" name="q" type="search" value=q maxlength="100"/>
                </div>
                <button type="submit" class="button button-primary">"Search"</button>
            </form>
            <Suspense fallback=Loading>
                {move || results.get().map(|r| match r {
                    Ok(r) if r.query.is_empty() => view! { <p class="muted">"Try a word, a name or a #hashtag."</p> }.into_any(),
                    Ok(r) if r.posts.is_empty() && r.members.is_empty() && r.hashtags.is_empty() => view! {
                        <p class="empty-state">{format!("Nothing found for “{}”.", r.query)}</p>
                    }.into_any(),
                    Ok(r) => view! {
                        {(!r.hashtags.is_empty()).then(|| view! {
                            <h2>"Hashtags"</h2>
                            <ul class="reasons">
                                {r.hashtags.into_iter().map(|(tag, n)| view! {
                                    <li><a href=format!("/tags/{tag}")>{format!("#{tag}")}</a>{format!(" ({n})")}</li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(!r.members.is_empty()).then(|| view! {
                            <h2>"Members"</h2>
                            <ul class="member-list">
                                {r.members.into_iter().map(|(username, name)| view! {
                                    <li class="member-card"><a href=format!("/members/{username}")>{name}</a><span class="muted">{format!(" @{username}")}</span></li>
                                }).collect_view()}
                            </ul>
                        })}
                        {(!r.posts.is_empty()).then(|| view! {
                            <h2>"Posts"</h2>
                            <div class="feed">{r.posts.into_iter().map(|post| view! { <PostCard post/> }).collect_view()}</div>
                        })}
                    }.into_any(),
                    Err(e) => match e.for_field("q") {
                        Some(message) => view! { <p class="field-error" role="alert">{message}</p> }.into_any(),
                        None => view! { <ErrorView error=e/> }.into_any(),
                    },
                })}
            </Suspense>
        </section>
    }
}
