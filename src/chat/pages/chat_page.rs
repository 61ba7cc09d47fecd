//! A channel or conversation: history (older pages on demand), live messages, reactions,
//! replies, edits, deletes, typing, search and the composer (text and an optional image).
//!
//! The page renders complete on the server and works without JavaScript (the composer and
//! every action are plain forms; replies use `?reply=<id>`; search is a GET form). Once
//! hydrated, public/app.js hands it what the WebSocket receives as `kindred:chat` events.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use serde::Deserialize;
use uuid::Uuid;

use crate::chat::api::{
    get_channel, search_channel, send_message_form, DeleteMessage, EditMessage, React, SendMessageForm,
};
use crate::chat::model::{ChannelView, MessageView, BODY_MAX, QUICK_REACTIONS};
use crate::communities::perms;
use crate::media::{display_url, thumb_url, ALT_MAX_CHARS};
use crate::ui::forms::{FieldMessage, FormAlert};
use crate::ui::status::{ErrorView, Loading};
use crate::ui::upload_form::ImageForm;

#[component]
pub fn ChatPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let channel = Resource::new(id, get_channel);
    #[cfg(feature = "hydrate")]
    {
        // Access changed (removed from the community, a channel override…): look again.
        let handle = window_event_listener_untyped("kindred:access", move |_| channel.refetch());
        on_cleanup(move || handle.remove());
    }
    view! {
        <Transition fallback=Loading>
            {move || channel.get().map(|r| match r {
                Err(e) => view! { <Title text="Chat · Kindred"/><ErrorView error=e/> }.into_any(),
                Ok(v) => view! { <ChatRoom v reload=Callback::new(move |_: ()| channel.refetch())/> }.into_any(),
            })}
        </Transition>
    }
}

/// One message in the list; its signal is updated in place by live events and actions.
#[derive(Clone, Copy)]
struct Entry {
    id: Uuid,
    seq: i64,
    msg: RwSignal<MessageView>,
}

/// What app.js passes on from the socket.
#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct LiveEvent {
    #[serde(rename = "type")]
    kind: String,
    channel: Option<Uuid>,
    message: Option<MessageView>,
    member: Option<Uuid>,
    name: Option<String>,
}

#[component]
fn ChatRoom(v: ChannelView, reload: Callback<()>) -> impl IntoView {
    let channel_id = v.channel_id;
    let me = v.me;
    let perms_here = v.perms;
    let entries = RwSignal::new(
        v.history
            .messages
            .iter()
            .cloned()
            .map(|m| Entry { id: m.id, seq: m.seq, msg: RwSignal::new(m) })
            .collect::<Vec<_>>(),
    );
    let before = RwSignal::new(v.history.before);
    let first_unread = v.last_read_seq + 1;
    let typing: RwSignal<Vec<(Uuid, String, u64)>> = RwSignal::new(Vec::new());
    let upsert = Callback::new(move |m: MessageView| {
        let existing = entries.with_untracked(|list| list.iter().find(|e| e.id == m.id).copied());
        match existing {
            Some(e) => e.msg.set(m),
            None => entries.update(|list| {
                let at = list.partition_point(|e| e.seq < m.seq);
                list.insert(at, Entry { id: m.id, seq: m.seq, msg: RwSignal::new(m) });
            }),
        }
    });

    let query = use_query_map();
    let reply_param = query.read_untracked().get("reply");
    let initial_reply = reply_param
        .and_then(|r| Uuid::parse_str(&r).ok())
        .and_then(|r| v.history.messages.iter().find(|m| m.id == r))
        .map(|m| (m.id, m.author.display_name.clone(), excerpt(&m.body)));
    let reply: RwSignal<Option<(Uuid, String, String)>> = RwSignal::new(initial_reply);
    let search_q = move || query.read().get("q").unwrap_or_default();
    let results = Resource::new(search_q, move |q| async move {
        if q.trim().is_empty() {
            Ok(Vec::new())
        } else {
            search_channel(channel_id.to_string(), q).await
        }
    });

    let log_ref = NodeRef::<leptos::html::Ol>::new();
    #[cfg(not(feature = "hydrate"))]
    let _ = reload;

    #[cfg(feature = "hydrate")]
    {
        use leptos::wasm_bindgen::JsCast;
        let marked = StoredValue::new(v.last_read_seq);
        let session = crate::ui::session::use_session();
        let mark = move || {
            let last = entries.with_untracked(|l| l.last().map(|e| e.seq)).unwrap_or(0);
            if last > marked.get_value() {
                marked.set_value(last);
                leptos::task::spawn_local(async move {
                    if crate::chat::api::mark_read(channel_id.to_string(), last).await.is_ok() {
                        session.member.refetch();
                    }
                });
            }
        };
        let scroll_to_end = move || {
            if let Some(el) = log_ref.get_untracked() {
                el.set_scroll_top(el.scroll_height());
            }
        };
        Effect::new(move |_| {
            request_animation_frame(scroll_to_end);
            mark();
        });
        let next_token = StoredValue::new(0u64);
        let handle = window_event_listener_untyped("kindred:chat", move |ev| {
            let Some(text) = ev.unchecked_into::<web_sys::CustomEvent>().detail().as_string() else { return };
            let Ok(event) = serde_json::from_str::<LiveEvent>(&text) else { return };
            if event.channel != Some(channel_id) {
                return;
            }
            match event.kind.as_str() {
                "message" | "message_updated" => {
                    if let Some(m) = event.message {
                        let near_end = log_ref
                            .get_untracked()
                            .map(|el| el.scroll_height() - el.scroll_top() - el.client_height() < 120)
                            .unwrap_or(true);
                        let author = m.author.member_id;
                        let is_new = event.kind == "message";
                        upsert.run(m);
                        if is_new {
                            typing.update(|t| t.retain(|(who, _, _)| *who != author));
                            if near_end {
                                request_animation_frame(scroll_to_end);
                            }
                            mark();
                        }
                    }
                }
                "typing" => {
                    if let (Some(who), Some(name)) = (event.member, event.name) {
                        if who == me {
                            return;
                        }
                        let token = next_token.get_value() + 1;
                        next_token.set_value(token);
                        typing.update(|t| {
                            t.retain(|(w, _, _)| *w != who);
                            t.push((who, name, token));
                        });
                        set_timeout(
                            move || typing.update(|t| t.retain(|(_, _, k)| *k != token)),
                            std::time::Duration::from_secs(6),
                        );
                    }
                }
                "resync" | "denied" => reload.run(()),
                _ => {}
            }
        });
        on_cleanup(move || handle.remove());
    }

    // Older history: the button, or scrolling to the top of the log. The view stays where it
    // was while earlier messages are added above.
    let loading = StoredValue::new(false);
    #[cfg(not(feature = "hydrate"))]
    let _ = loading;
    let load_older = move || {
        #[cfg(feature = "hydrate")]
        if let (Some(b), false) = (before.get_untracked(), loading.get_value()) {
            loading.set_value(true);
            let height = log_ref.get_untracked().map(|el| el.scroll_height()).unwrap_or(0);
            leptos::task::spawn_local(async move {
                if let Ok(page) = crate::chat::api::get_history(channel_id.to_string(), b).await {
                    before.set(page.before);
                    for m in page.messages {
                        upsert.run(m);
                    }
                    request_animation_frame(move || {
                        if let Some(el) = log_ref.get_untracked() {
                            el.set_scroll_top(el.scroll_top() + el.scroll_height() - height);
                        }
                    });
                }
                loading.set_value(false);
            });
        }
    };
    let on_scroll = move |_| {
        if log_ref.get_untracked().is_some_and(|el| el.scroll_top() < 40) {
            load_older();
        }
    };

    let heading = if v.is_dm { v.title.clone() } else { format!("#{}", v.title) };
    let title = match &v.community {
        Some(c) => format!("#{} · {} · Kindred", v.title, c.name),
        None => format!("{} · Kindred", v.title),
    };
    let may_send = perms::has(perms_here, perms::SEND_MESSAGES) && v.timeout_until.is_none();
    let may_attach = perms::has(perms_here, perms::ATTACH_FILES) && may_send;
    let typing_text = move || {
        let names: Vec<String> = typing.get().into_iter().map(|(_, n, _)| n).collect();
        match names.len() {
            0 => String::new(),
            1 => format!("{} is typing…", names[0]),
            2 => format!("{} and {} are typing…", names[0], names[1]),
            _ => "Several people are typing…".to_string(),
        }
    };
    let composer_label = if v.is_dm { format!("Message {}", v.title) } else { format!("Message #{}", v.title) };
    view! {
        <Title text=title/>
        <section class="page chat-page" data-chat-channel=channel_id.to_string() data-last-seq=move || {
            entries.with(|l| l.last().map(|e| e.seq).unwrap_or(0)).to_string()
        }>
            <header class="chat-header">
                {v.community.clone().map(|c| view! { <p class="muted"><a href=format!("/c/{}", c.slug)>{c.name}</a></p> })}
                <h1>{heading}</h1>
                {(!v.topic.is_empty()).then(|| view! { <p class="muted">{v.topic.clone()}</p> })}
                {(v.is_dm && v.dm_members.len() > 2).then(|| view! {
                    <p class="muted">{format!("{} members", v.dm_members.len())}</p>
                    <LeaveGroup channel_id/>
                })}
                <details class="chat-search" open=!search_q().is_empty()>
                    <summary>"Search"</summary>
                    <form method="get" class="inline-search" role="search">
                        <label for="f-chat-search">"Search this channel"</label>
                        <input id="f-chat-search" type="search" name="q" value=search_q() maxlength="200"/>
                        <button type="submit" class="button">"Search"</button>
                    </form>
                </details>
            </header>
            <Transition fallback=|| ()>
                {move || results.get().map(|r| match r {
                    Err(e) => view! { <p class="alert alert-error" role="alert">{e.to_string()}</p> }.into_any(),
                    Ok(found) if search_q().trim().is_empty() => { let _ = found; ().into_any() }
                    Ok(found) => view! {
                        <section class="card search-results" aria-labelledby="chat-search-results">
                            <h2 id="chat-search-results">{format!("{} result{} for “{}”", found.len(), if found.len() == 1 { "" } else { "s" }, search_q())}</h2>
                            <ul class="plain-list">
                                {found.into_iter().map(|m| view! {
                                    <li><a href=format!("#m{}", m.seq)><strong>{m.author.display_name.clone()}</strong>
                                        {format!(" · {} — ", m.created_at.format("%e %b %H:%M"))}{excerpt(&m.body)}</a></li>
                                }).collect_view()}
                            </ul>
                            <a href=format!("/chat/{channel_id}")>"Clear search"</a>
                        </section>
                    }.into_any(),
                })}
            </Transition>
            {move || before.get().map(|_| view! {
                <button type="button" class="button button-quiet load-older" on:click=move |_| load_older()>"Load earlier messages"</button>
            })}
            <ol class="chat-log" node_ref=log_ref aria-label="Messages" role="log" aria-live="polite" on:scroll=on_scroll>
                {move || entries.with(|l| l.is_empty()).then(|| view! {
                    <li class="empty-state">"No messages yet. Say hello!"</li>
                })}
                <For each=move || entries.get() key=|e| e.id let:e>
                    <MessageRow msg=e.msg me perms=perms_here upsert reply first_unread={e.seq == first_unread && first_unread > 1}/>
                </For>
            </ol>
            <p class="typing muted" aria-live="polite">{typing_text}</p>
            {if may_send {
                view! { <Composer channel_id label=composer_label may_attach slow=v.slow_mode_secs reply upsert/> }.into_any()
            } else if let Some(t) = v.timeout_until {
                view! { <p class="alert" role="status">{format!("You are in a timeout until {}: you can read but not write.", t.format("%e %b %H:%M UTC"))}</p> }.into_any()
            } else {
                view! { <p class="muted">"You can read this channel but not send messages in it."</p> }.into_any()
            }}
        </section>
    }
}

pub(crate) fn excerpt(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 120 {
        format!("{}…", flat.chars().take(120).collect::<String>())
    } else {
        flat
    }
}

#[component]
fn Composer(
    channel_id: Uuid,
    label: String,
    may_attach: bool,
    slow: i32,
    reply: RwSignal<Option<(Uuid, String, String)>>,
    upsert: Callback<MessageView>,
) -> impl IntoView {
    let image_input = NodeRef::<leptos::html::Input>::new();
    let body_ref = NodeRef::<leptos::html::Textarea>::new();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let form = ImageForm::new(SendMessageForm::PATH, image_input, |data| send_message_form(data.into()));
    let error = form.error;
    let body_error = form.field("body");
    let image_error = form.field("image");
    let reply_error = form.field("reply_to");
    Effect::new(move |_| {
        if let Some(Ok(m)) = form.action.value().get() {
            upsert.run(m);
            reply.set(None);
            if let Some(t) = body_ref.get_untracked() {
                t.set_value("");
            }
            if let Some(i) = image_input.get_untracked() {
                i.set_value("");
            }
        }
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && !ev.shift_key() && !ev.is_composing() {
            ev.prevent_default();
            if let Some(f) = form_ref.get_untracked() {
                let _ = f.request_submit();
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| form.submit(ev);
    view! {
        <form id="composer" node_ref=form_ref class="composer-bar" method="post" action=SendMessageForm::url()
            enctype="multipart/form-data" on:submit=on_submit>
            <FormAlert error/>
            <input type="hidden" name="channel" value=channel_id.to_string()/>
            <input type="hidden" name="reply_to" value=move || reply.get().map(|r| r.0.to_string()).unwrap_or_default()/>
            {move || reply.get().map(|(_, name, text)| view! {
                <div class="replying" role="status">
                    <span>{format!("Replying to {name}: {text}")}</span>
                    <button type="button" class="button button-quiet" on:click=move |_| reply.set(None)>"Cancel reply"</button>
                </div>
            })}
            <FieldMessage id="f-reply-error" message=reply_error/>
            <div class="field">
                <label for="f-chat-body" class="visually-hidden">{label.clone()}</label>
                <textarea id="f-chat-body" name="body" rows="2" maxlength=BODY_MAX as u32 placeholder=label
                    node_ref=body_ref data-typing=channel_id.to_string() on:keydown=on_keydown
                    aria-describedby="f-chat-body-hint"></textarea>
                <p class="hint" id="f-chat-body-hint">
                    "Enter sends, Shift+Enter adds a line. Markdown and @mentions work."
                    {(slow > 0).then(|| format!(" Slow mode: one message every {slow} seconds."))}
                </p>
                <FieldMessage id="f-chat-body-error" message=body_error/>
            </div>
            {may_attach.then(|| view! {
                <details class="attach">
                    <summary>"Attach an image"</summary>
                    <div class="field">
                        <label for="f-chat-image">"Image"</label>
                        <input id="f-chat-image" name="image" type="file" accept="image/jpeg,image/png,image/webp" node_ref=image_input/>
                        <FieldMessage id="f-chat-image-error" message=image_error/>
                    </div>
                    <div class="field">
                        <label for="f-chat-image-alt">"Image description"</label>
                        <input id="f-chat-image-alt" name="image_alt" type="text" maxlength=ALT_MAX_CHARS as u32/>
                    </div>
                </details>
            })}
            <button type="submit" class="button button-primary" disabled=move || form.action.pending().get()>"Send"</button>
        </form>
    }
}

#[component]
fn MessageRow(
    msg: RwSignal<MessageView>,
    me: Uuid,
    perms: i64,
    upsert: Callback<MessageView>,
    reply: RwSignal<Option<(Uuid, String, String)>>,
    first_unread: bool,
) -> impl IntoView {
    let react = ServerAction::<React>::new();
    let edit = ServerAction::<EditMessage>::new();
    let delete = ServerAction::<DeleteMessage>::new();
    Effect::new(move |_| {
        if let Some(Ok(m)) = react.value().get() {
            upsert.run(m);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(m)) = edit.value().get() {
            upsert.run(m);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            msg.update(|m| {
                m.deleted = true;
                m.body.clear();
                m.body_html.clear();
                m.reactions.clear();
                m.image_id = None;
            });
        }
    });
    let may_react = perms::has(perms, perms::ADD_REACTIONS);
    let may_manage = perms::has(perms, perms::MANAGE_MESSAGES);
    let may_send = perms::has(perms, perms::SEND_MESSAGES);
    let edit_error = Signal::derive(move || edit.value().get().and_then(|r| r.err()).and_then(|e| e.for_field("body")));
    let action_error = Signal::derive(move || {
        react
            .value()
            .get()
            .and_then(|r| r.err())
            .or_else(|| delete.value().get().and_then(|r| r.err()))
            .or_else(|| edit.value().get().and_then(|r| r.err()).filter(|e| e.for_field("body").is_none()))
    });
    move || {
        let m = msg.get();
        let mine = m.author.member_id == me;
        let id = m.id;
        let reactions = m.reactions.clone();
        let body = m.body.clone();
        let anchor = format!("m{}", m.seq);
        let time = m.created_at.format("%e %b %H:%M UTC").to_string();
        let reply_target = (m.id, m.author.display_name.clone(), excerpt(&m.body));
        view! {
            {first_unread.then(|| view! { <li class="unread-divider" role="separator">"New messages"</li> })}
            <li class="message" id=anchor class:mine=mine class:mentions-me=m.mentions_member(me) && !mine>
                <div class="message-head">
                    <a class="message-author" href=format!("/members/{}", m.author.username)>{m.author.display_name.clone()}</a>
                    " "<time class="muted" datetime=m.created_at.to_rfc3339()>{time}</time>
                    {(m.edited && !m.deleted).then(|| view! { " " <span class="muted">"(edited)"</span> })}
                </div>
                {m.reply.clone().map(|q| view! {
                    <p class="reply-quote">
                        <span class="visually-hidden">"In reply to "</span>
                        <strong>{q.author_name}</strong>": "{q.excerpt}
                    </p>
                })}
                {if m.deleted {
                    view! { <p class="muted message-deleted">"This message was deleted."</p> }.into_any()
                } else {
                    view! { <div class="message-body" inner_html=m.body_html.clone()></div> }.into_any()
                }}
                {m.image_id.map(|img| view! {
                    <a class="message-image" href=display_url(img)>
                        <img src=thumb_url(img) alt=m.image_alt.clone() loading="lazy" decoding="async"/>
                    </a>
                })}
                {(!reactions.is_empty()).then(move || view! {
                    <div class="reactions">
                        {reactions.into_iter().map(move |r| {
                            let reacted = r.reactors.contains(&me);
                            let label = format!("{} {} — {}", r.emoji, r.count, if reacted { "remove your reaction" } else { "react too" });
                            view! {
                                <ActionForm action=react attr:class="inline-form">
                                    <input type="hidden" name="id" value=id.to_string()/>
                                    <input type="hidden" name="emoji" value=r.emoji.clone()/>
                                    <input type="hidden" name="on" value=if reacted { "false" } else { "true" }/>
                                    <button type="submit" class="reaction" class:reacted=reacted aria-pressed=if reacted { "true" } else { "false" }
                                        aria-label=label disabled=!may_react && !reacted>
                                        {r.emoji.clone()}" "<span>{r.count}</span>
                                    </button>
                                </ActionForm>
                            }
                        }).collect_view()}
                    </div>
                })}
                {(!m.deleted).then(move || view! {
                    <div class="message-actions">
                        {may_send.then(|| {
                            let target = reply_target.clone();
                            view! {
                                <a class="button button-quiet" href=format!("?reply={id}#composer")
                                    on:click=move |ev| { ev.prevent_default(); reply.set(Some(target.clone())); }>"Reply"</a>
                            }
                        })}
                        {may_react.then(move || view! {
                            <details class="react-picker">
                                <summary>"React"</summary>
                                <div class="picker">
                                    {QUICK_REACTIONS.into_iter().map(move |e| view! {
                                        <ActionForm action=react attr:class="inline-form">
                                            <input type="hidden" name="id" value=id.to_string()/>
                                            <input type="hidden" name="emoji" value=e/>
                                            <input type="hidden" name="on" value="true"/>
                                            <button type="submit" class="reaction" aria-label=format!("React with {e}")>{e}</button>
                                        </ActionForm>
                                    }).collect_view()}
                                </div>
                            </details>
                        })}
                        {mine.then(move || {
                            let field_id = format!("f-edit-{id}");
                            view! {
                                <details class="edit-message">
                                    <summary>"Edit"</summary>
                                    <ActionForm action=edit attr:class="form">
                                        <input type="hidden" name="id" value=id.to_string()/>
                                        <label for=field_id.clone()>"Edit message"</label>
                                        <textarea id=field_id name="body" rows="2" maxlength=BODY_MAX as u32>{body}</textarea>
                                        <FieldMessage id=format!("f-edit-{id}-error") message=edit_error/>
                                        <button type="submit" class="button">"Save edit"</button>
                                    </ActionForm>
                                </details>
                            }
                        })}
                        {(mine || may_manage).then(move || view! {
                            <ActionForm action=delete attr:class="inline-form">
                                <input type="hidden" name="id" value=id.to_string()/>
                                <button type="submit" class="button button-quiet">"Delete message"</button>
                            </ActionForm>
                        })}
                    </div>
                })}
                <FormAlert error=action_error/>
            </li>
        }
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
