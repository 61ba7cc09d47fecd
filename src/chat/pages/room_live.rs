//! What changes an open channel after it is shown: events from the socket (new and changed
//! messages, typing, "look again"), the read marker following the end of the log, and older
//! history loaded above. All of it runs in the browser only; on the server these do nothing.

use leptos::prelude::*;
use serde::Deserialize;
use uuid::Uuid;

use super::room::Room;
use crate::chat::model::MessageView;

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

impl Room {
    /// Follows the socket's `kindred:chat` events for this channel and keeps the read marker at
    /// the end of the log; `reload` fetches the whole channel again after a gap or lost access.
    pub fn follow_live(self, last_read_seq: i64, reload: Callback<()>) {
        #[cfg(not(feature = "hydrate"))]
        let _ = (self, last_read_seq, reload);

        #[cfg(feature = "hydrate")]
        {
            use leptos::wasm_bindgen::JsCast;
            let Room { channel_id, me, entries, typing, upsert, log_ref, .. } = self;
            let marked = StoredValue::new(last_read_seq);
            let session = crate::auth::session::use_session();
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
    }

    /// Older history (the button, or scrolling to the top of the log). The view stays where it
    /// was while earlier messages are added above.
    pub fn load_older(self) {
        #[cfg(not(feature = "hydrate"))]
        let _ = self.loading;

        #[cfg(feature = "hydrate")]
        {
            let Room { channel_id, before, upsert, log_ref, loading, .. } = self;
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
        }
    }
}
