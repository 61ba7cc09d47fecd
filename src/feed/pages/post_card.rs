use leptos::prelude::*;

use super::energy::announce_balance;
use crate::feed::api::{Engage, ToggleBookmark};
use crate::feed::model::{EngagementKind, PostView, Visibility, ENERGY_COST};
use crate::ui::avatar::Avatar;
use crate::ui::forms::{action_error, FormAlert};

fn when(post: &PostView) -> String {
    post.created_at.format("%e %b %Y, %H:%M UTC").to_string()
}

/// A post in a feed or on its page: author, text, chakra, counts and engagement buttons.
#[component]
pub fn PostCard(post: PostView, #[prop(optional)] full: bool) -> impl IntoView {
    let counts = RwSignal::new(post.counts);
    let mine = RwSignal::new(post.mine.clone());
    let action = ServerAction::<Engage>::new();
    let error = action_error(action);
    Effect::new(move |_| {
        if let Some(Ok(engaged)) = action.value().get() {
            counts.set(engaged.counts);
            mine.set(engaged.mine);
            announce_balance(engaged.energy_balance);
        }
    });
    let id = post.post_id.to_string();
    let saved = RwSignal::new(post.bookmarked);
    let bookmark = ServerAction::<ToggleBookmark>::new();
    Effect::new(move |_| {
        if let Some(Ok(now)) = bookmark.value().get() {
            saved.set(now);
        }
    });
    let bookmark_id = id.clone();
    let chakra = post.chakra;
    let link = format!("/posts/{}", post.post_id);
    let buttons = EngagementKind::ALL.map(|kind| {
        let id = id.clone();
        let given = move || mine.with(|m| m.contains(&kind));
        let label = move || {
            let n = counts.with(|c| c.of(kind));
            match kind {
                EngagementKind::Like => format!("Like ({n})"),
                EngagementKind::Upvote => format!("Upvote ({n})"),
                EngagementKind::Downvote => format!("Downvote ({n})"),
                EngagementKind::Energy => format!("Send energy ({n})"),
            }
        };
        let icon = match kind {
            EngagementKind::Like => "♡",
            EngagementKind::Upvote => "▲",
            EngagementKind::Downvote => "▼",
            EngagementKind::Energy => "✦",
        };
        let hint = (kind == EngagementKind::Energy).then(|| format!("Costs {ENERGY_COST} energy"));
        view! {
            <ActionForm action attr:class="engage-form">
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="kind" value=kind.key()/>
                <button
                    type="submit"
                    class="engage"
                    class:given=given
                    aria-pressed=move || if given() { "true" } else { "false" }
                    title=hint
                    disabled=move || kind == EngagementKind::Energy && (given() || post.is_author)
                >
                    <span aria-hidden="true">{icon}</span>
                    " "
                    {label}
                </button>
            </ActionForm>
        }
    });
    view! {
        <article class="post card" aria-labelledby=format!("post-{}", post.post_id)>
            {post.hidden.then(|| view! {
                <p class="hidden-note" role="note">"Hidden by a moderator: only you and moderators can see this post."</p>
            })}
            <header class="post-header">
                <Avatar name=post.author.display_name.clone() url=post.author.avatar.clone()/>
                <div>
                    <a id=format!("post-{}", post.post_id) class="post-author" href=format!("/members/{}", post.author.username)>{post.author.display_name.clone()}</a>
                    <p class="muted"><a class="muted" href=link.clone()>{when(&post)}</a>
                        {post.edited_at.map(|_| " · edited")}
                        {match post.visibility {
                            Visibility::Public => None,
                            Visibility::Followers => Some(" · followers and connections"),
                            Visibility::Connections => Some(" · connections only"),
                            Visibility::Community => None,
                        }}
                        {post.community.clone().map(|c| view! {
                            " · in " <a class="post-community" href=format!("/c/{}", c.slug)>{c.name}</a>
                        })}
                    </p>
                </div>
                <a class="chakra-badge" href=format!("/chakras/{}", chakra.key()) style=format!("--chakra: {}", chakra.colour())>
                    {chakra.label()} " · " {format!("{}/10", post.frequency)}
                </a>
            </header>
            <div class="post-body" inner_html=post.body_html.clone()></div>
            {post.image.clone().map(|image| {
                // Feeds show the smaller file; the post's own page the display size.
                let src = if full { image.display_url.clone() } else { image.thumb_url.clone() };
                view! {
                    <figure class="post-image">
                        <a href=image.display_url.clone()>
                            <img src=src alt=image.alt.clone() loading="lazy" decoding="async"/>
                        </a>
                    </figure>
                }
            })}
            <FormAlert error/>
            <div class="engagements" role="group" aria-label="Engage with this post">
                {buttons.into_iter().collect_view()}
                <ActionForm action=bookmark attr:class="engage-form">
                    <input type="hidden" name="id" value=bookmark_id/>
                    <button type="submit" class="engage" class:given=move || saved.get()
                        aria-pressed=move || if saved.get() { "true" } else { "false" }>
                        <span aria-hidden="true">"🔖"</span>" "{move || if saved.get() { "Bookmarked" } else { "Bookmark" }}
                    </button>
                </ActionForm>
                {(!full).then(|| view! {
                    <a class="engage" href=link.clone()>{move || format!("💬 Comments ({})", counts.with(|c| c.comments))}</a>
                })}
            </div>
        </article>
    }
}
