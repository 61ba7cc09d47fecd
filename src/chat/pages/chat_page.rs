//! A channel or conversation: history (older pages on demand), live messages, reactions,
//! replies, edits, deletes, typing, search and the composer (text and an optional image).
//!
//! The page renders complete on the server and works without JavaScript (the composer and
//! every action are plain forms; replies use `?reply=<id>`; search is a GET form). Once
//! hydrated, public/app.js hands it what the WebSocket receives as `kindred:chat` events.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use uuid::Uuid;

use super::chat_header::ChatHeader;
use super::composer::Composer;
use super::message_list::MessageList;
use super::room::{excerpt, Room};
use super::search_results::SearchResults;
use crate::chat::api::get_channel;
use crate::chat::model::ChannelView;
use crate::communities::perms;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn ChatPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let channel = Resource::new(id, get_channel);
    // Access changed (removed from the community, a channel override…): look again.
    crate::ui::live::on_live(&["kindred:access"], move || channel.refetch());
    view! {
        <Transition fallback=Loading>
            {move || channel.get().map(|r| match r {
                Err(e) => view! { <Title text="Chat · Kindred"/><ErrorView error=e/> }.into_any(),
                Ok(v) => view! { <ChatRoom v reload=Callback::new(move |_: ()| channel.refetch())/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn ChatRoom(v: ChannelView, reload: Callback<()>) -> impl IntoView {
    let room = Room::new(&v);
    let channel_id = room.channel_id;
    let first_unread = v.last_read_seq + 1;

    let query = use_query_map();
    let reply_param = query.read_untracked().get("reply");
    let initial_reply = reply_param
        .and_then(|r| Uuid::parse_str(&r).ok())
        .and_then(|r| v.history.messages.iter().find(|m| m.id == r))
        .map(|m| (m.id, m.author.display_name.clone(), excerpt(&m.body)));
    let reply: RwSignal<Option<(Uuid, String, String)>> = RwSignal::new(initial_reply);
    let search_q = move || query.read().get("q").unwrap_or_default();

    room.follow_live(v.last_read_seq, reload);

    let heading = if v.is_dm { v.title.clone() } else { format!("#{}", v.title) };
    let title = match &v.community {
        Some(c) => format!("#{} · {} · Kindred", v.title, c.name),
        None => format!("{} · Kindred", v.title),
    };
    let may_send = perms::has(v.perms, perms::SEND_MESSAGES) && v.timeout_until.is_none();
    let may_attach = perms::has(v.perms, perms::ATTACH_FILES) && may_send;
    let group_size = (v.is_dm && v.dm_members.len() > 2).then_some(v.dm_members.len());
    let composer_label = if v.is_dm { format!("Message {}", v.title) } else { format!("Message #{}", v.title) };
    view! {
        <Title text=title/>
        <section class="page chat-page" data-chat-channel=channel_id.to_string() data-last-seq=move || {
            room.last_seq().to_string()
        }>
            <ChatHeader channel_id heading community=v.community.clone() topic=v.topic.clone() group_size search=search_q()/>
            <SearchResults channel_id query=Signal::derive(search_q)/>
            <MessageList room perms=v.perms first_unread reply/>
            {if may_send {
                view! { <Composer channel_id label=composer_label may_attach slow=v.slow_mode_secs reply upsert=room.upsert/> }.into_any()
            } else if let Some(t) = v.timeout_until {
                view! { <p class="alert" role="status">{format!("You are in a timeout until {}: you can read but not write.", t.format("%e %b %H:%M UTC"))}</p> }.into_any()
            } else {
                view! { <p class="muted">"You can read this channel but not send messages in it."</p> }.into_any()
            }}
        </section>
    }
}
