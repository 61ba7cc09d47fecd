use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_query_map};

use super::post_card::PostCard;
use crate::feed::api::get_feed;
use crate::ui::status::{ErrorView, Loading};

/// A feed, newest first. "Older posts" is a link carrying the keyset cursor, so paging works
/// without JavaScript and never repeats or skips a post while new ones arrive.
#[component]
pub fn FeedList(#[prop(into)] feed: Signal<String>, #[prop(into)] empty: String) -> impl IntoView {
    let query = use_query_map();
    let location = use_location();
    let page = Resource::new(move || (feed.get(), query.read().get("after")), |(feed, after)| get_feed(feed, after));
    view! {
        <Suspense fallback=Loading>
            {move || page.get().map(|p| match p {
                Ok(p) if p.posts.is_empty() => view! { <p class="empty-state">{empty.clone()}</p> }.into_any(),
                Ok(p) => {
                    let path = location.pathname.get_untracked();
                    view! {
                        <div class="feed">
                            {p.posts.into_iter().map(|post| view! { <PostCard post/> }).collect_view()}
                        </div>
                        {p.next.map(|n| view! { <p><a class="button" href=format!("{path}?after={n}")>"Older posts"</a></p> })}
                    }.into_any()
                }
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
            })}
        </Suspense>
    }
}
