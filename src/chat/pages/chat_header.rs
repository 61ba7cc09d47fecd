//! The head of a channel or conversation: where it belongs, its name and topic, leaving a
//! group, and the search form (a plain GET form, `?q=`).

use leptos::prelude::*;
use uuid::Uuid;

use crate::chat::model::CommunityLink;
use crate::ui::forms::FormAlert;

/// `search` is the query the page was opened with: it fills the field and keeps the form open.
#[component]
pub(super) fn ChatHeader(
    channel_id: Uuid,
    heading: String,
    community: Option<CommunityLink>,
    topic: String,
    /// The number of members of a group conversation (none for channels and pairs).
    group_size: Option<usize>,
    search: String,
) -> impl IntoView {
    let search_open = !search.is_empty();
    view! {
        <header class="chat-header">
            {community.map(|c| view! { <p class="muted"><a href=format!("/c/{}", c.slug)>{c.name}</a></p> })}
            <h1>{heading}</h1>
            {(!topic.is_empty()).then(|| view! { <p class="muted">{topic.clone()}</p> })}
            {group_size.map(|n| view! {
                <p class="muted">{format!("{} members", n)}</p>
                <LeaveGroup channel_id/>
            })}
            <details class="chat-search" open=search_open>
                <summary>"Search"</summary>
                <form method="get" class="inline-search" role="search">
                    <label for="f-chat-search">"Search this channel"</label>
                    <input id="f-chat-search" type="search" name="q" value=search maxlength="200"/>
                    <button type="submit" class="button">"Search"</button>
                </form>
            </details>
        </header>
    }
}

/// Leaving a group conversation (a plain form: it works before hydration too).
#[component]
fn LeaveGroup(channel_id: Uuid) -> impl IntoView {
    let leave = ServerAction::<crate::chat::api::LeaveConversation>::new();
    let error = crate::ui::forms::action_error(leave);
    view! {
        <ActionForm action=leave attr:class="inline-form">
            <input type="hidden" name="channel" value=channel_id.to_string()/>
            <button type="submit" class="button button-quiet">"Leave conversation"</button>
            <FormAlert error/>
        </ActionForm>
    }
}
