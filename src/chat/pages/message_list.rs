//! The log of a channel: the button for earlier messages, every message in order (with the
//! "New messages" divider before the first unread one) and who is typing.

use leptos::prelude::*;
use uuid::Uuid;

use super::message_row::MessageRow;
use super::room::Room;

/// `first_unread` is the number of the first message the member had not read when the page
/// opened; `reply` is the message the composer answers.
#[component]
pub(super) fn MessageList(
    room: Room,
    perms: i64,
    first_unread: i64,
    reply: RwSignal<Option<(Uuid, String, String)>>,
) -> impl IntoView {
    let Room { me, entries, before, typing, upsert, log_ref, .. } = room;
    let on_scroll = move |_| {
        if log_ref.get_untracked().is_some_and(|el| el.scroll_top() < 40) {
            room.load_older();
        }
    };
    let typing_text = move || {
        let names: Vec<String> = typing.get().into_iter().map(|(_, n, _)| n).collect();
        match names.len() {
            0 => String::new(),
            1 => format!("{} is typing…", names[0]),
            2 => format!("{} and {} are typing…", names[0], names[1]),
            _ => "Several people are typing…".to_string(),
        }
    };
    view! {
        {move || before.get().map(|_| view! {
            <button type="button" class="button button-quiet load-older" on:click=move |_| room.load_older()>"Load earlier messages"</button>
        })}
        <ol class="chat-log" node_ref=log_ref aria-label="Messages" role="log" aria-live="polite" on:scroll=on_scroll>
            {move || entries.with(|l| l.is_empty()).then(|| view! {
                <li class="empty-state">"No messages yet. Say hello!"</li>
            })}
            <For each=move || entries.get() key=|e| e.id let:e>
                <MessageRow msg=e.msg me perms upsert reply first_unread={e.seq == first_unread && first_unread > 1}/>
            </For>
        </ol>
        <p class="typing muted" aria-live="polite">{typing_text}</p>
    }
}
