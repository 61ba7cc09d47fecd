//! What a community's pages show from other domains, composed here at the top so that the
//! communities domain imports neither events nor the feed nor chat: its upcoming events and
//! posts on its home page, and chat's flagged messages on its settings page.

use leptos::prelude::*;

use crate::chat::pages::FlaggedMessages;
use crate::communities::pages::CommunitySections;
use crate::events::api::list_events;
use crate::events::model::EventFilters;
use crate::events::pages::EventCardView;
use crate::feed::pages::{Composer, FeedList};
use crate::ui::status::{ErrorView, Loading};

/// The sections below a community's channels: upcoming events, then posts.
pub fn home_sections(s: CommunitySections) -> AnyView {
    let slug = s.community.slug.clone();
    view! {
        <CommunityEvents slug=slug.clone() may_add=s.may_add_events/>
        <section class="community-posts" aria-labelledby="community-posts-heading">
            <h2 id="community-posts-heading">"Posts"</h2>
            {s.may_post.then(|| view! { <Composer signed_in=Signal::stored(true) community=s.community.clone()/> })}
            <FeedList feed=format!("community:{slug}") empty=if s.may_post {
                "No posts yet. Write the first one."
            } else {
                "No posts yet."
            }/>
        </section>
    }
    .into_any()
}

/// The settings sections for members who manage messages.
pub fn settings_sections() -> AnyView {
    view! { <FlaggedMessages/> }.into_any()
}

/// The community's next events, with a link to all of them and, for members who manage its
/// events, to a new one.
#[component]
pub fn CommunityEvents(slug: String, may_add: bool) -> impl IntoView {
    let filters = EventFilters { community: slug.clone(), ..Default::default() };
    let events = Resource::new(move || filters.clone(), |f| list_events(f, None));
    let all = format!("/events?community={slug}");
    let new = format!("/events/new?community={slug}");
    view! {
        <section class="community-events" aria-labelledby="community-events-heading">
            <div class="page-heading">
                <h2 id="community-events-heading">"Upcoming events"</h2>
                {may_add.then(|| view! { <a class="button" href=new>"New community event"</a> })}
            </div>
            <Suspense fallback=Loading>
                {move || events.get().map(|r| match r {
                    Ok(p) if p.events.is_empty() => view! { <p class="empty-state">"No upcoming events."</p> }.into_any(),
                    Ok(p) => {
                        let more = p.next.is_some() || p.events.len() > 5;
                        view! {
                            <div class="event-list">
                                {p.events.into_iter().take(5).map(|event| view! { <EventCardView event/> }).collect_view()}
                            </div>
                            {more.then(|| view! { <p><a class="button button-quiet" href=all.clone()>"All of this community's events"</a></p> })}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
