use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

use super::composer::Composer;
use super::feed_list::FeedList;
use crate::auth::session::use_session;
use crate::feed::model::Chakra;
use crate::ui::status::Loading;

#[component]
fn FeedTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Feeds">
            <A href="/feed">"Following"</A>
            <A href="/explore">"Explore"</A>
            <A href="/latest">"Latest"</A>
            <A href="/bookmarks">"Bookmarks"</A>
        </nav>
    }
}

/// Home: your posts and those of members you follow, with the composer on top. Visitors see
/// everyone's public posts. Every resource is created up front, never inside a branch, so the
/// browser hydrates exactly what the server rendered.
#[component]
pub fn FeedPage() -> impl IntoView {
    let session = use_session();
    let signed_in = move || session.current().is_some();
    view! {
        <Title text="Feed · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Feed"</h1>
            <FeedTabs/>
            <Composer signed_in=Signal::derive(signed_in)/>
            <Transition fallback=Loading>
                {move || (!signed_in()).then(|| view! {
                    <p class="lead">"Log in to see posts from the people you follow."</p>
                    <p><a class="button button-primary" href="/login?next=/feed">"Log in"</a></p>
                })}
            </Transition>
            // "home" is everyone's public posts for visitors (decided on the server, so this list's
            // resource never depends on the session resource).
            <FeedList feed="home" empty="Nothing here yet. Write a post, or follow members you meet in Explore."/>
        </section>
    }
}

/// Public posts ranked by engagement with time decay (refreshed every few minutes).
#[component]
pub fn ExplorePage() -> impl IntoView {
    view! {
        <Title text="Explore · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Feed"</h1>
            <FeedTabs/>
            <FeedList feed="explore" empty="No posts yet."/>
        </section>
    }
}

/// Everyone's public posts, newest first.
#[component]
pub fn LatestPage() -> impl IntoView {
    view! {
        <Title text="Latest · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Feed"</h1>
            <FeedTabs/>
            <FeedList feed="everyone" empty="No posts yet."/>
        </section>
    }
}

#[component]
pub fn TagPage() -> impl IntoView {
    let params = use_params_map();
    let tag = Signal::derive(move || params.read().get("tag").unwrap_or_default().to_lowercase());
    view! {
        // The title's closure can run once more as the page is left, after `tag` is gone (a
        // known leptos_meta behaviour): try_get, or the whole app panics on the way out.
        <Title text=move || format!("#{} · Kindred", tag.try_get().unwrap_or_default())/>
        <section class="page narrow-wide">
            <h1>{move || format!("#{}", tag.get())}</h1>
            <FeedList feed=Signal::derive(move || format!("tag:{}", tag.get())) empty="No public posts with this hashtag yet."/>
        </section>
    }
}

#[component]
pub fn ChakraPage() -> impl IntoView {
    let params = use_params_map();
    let key = Signal::derive(move || params.read().get("chakra").unwrap_or_default());
    let label = move || Chakra::parse(&key.try_get().unwrap_or_default()).map(|c| c.label()).unwrap_or("Unknown");
    view! {
        <Title text=move || format!("{} chakra · Kindred", label())/>
        <section class="page narrow-wide">
            <h1>{move || format!("{} chakra", label())}</h1>
            <nav class="chakra-filter" aria-label="Chakras">
                {Chakra::ALL.into_iter().map(|c| view! {
                    <A href=format!("/chakras/{}", c.key()) attr:class="chakra-badge" attr:style=format!("--chakra: {}", c.colour())>{c.label()}</A>
                }).collect_view()}
            </nav>
            <FeedList feed=Signal::derive(move || format!("chakra:{}", key.get())) empty="No public posts in this chakra yet."/>
        </section>
    }
}

/// The member's bookmarked posts.
#[component]
pub fn BookmarksPage() -> impl IntoView {
    view! {
        <Title text="Bookmarks · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Feed"</h1>
            <FeedTabs/>
            <FeedList feed="bookmarks" empty="No bookmarks yet. Bookmark a post to find it here."/>
        </section>
    }
}
