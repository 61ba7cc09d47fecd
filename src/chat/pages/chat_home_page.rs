use leptos::prelude::*;
use leptos_meta::Title;

use crate::chat::api::{get_chat_overview, OpenConversation};
use crate::ui::forms::{action_error, FormAlert, SubmitButton, TextField};
use crate::ui::status::{ErrorView, Loading};

/// Chat home: channels with unread messages, conversations (newest first) and starting one.
#[component]
pub fn ChatHomePage() -> impl IntoView {
    let open = ServerAction::<OpenConversation>::new();
    let error = action_error(open);
    let overview = Resource::new(|| (), |_| get_chat_overview());
    crate::ui::live::on_live(&["kindred:chat-unread", "kindred:access"], move || overview.refetch());
    view! {
        <Title text="Chat · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Chat"</h1>
            <p class="muted">"Your conversations and community channels. "<a href="/communities">"Find communities"</a></p>
            <Transition fallback=Loading>
                {move || overview.get().map(|r| match r {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(o) => view! {
                        <h2>"Unread in your communities"</h2>
                        {if o.unread_channels.is_empty() {
                            view! { <p class="empty-state">"You're all caught up."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="channel-list">
                                    {o.unread_channels.into_iter().map(|c| view! {
                                        <li><a class="channel-link" href=c.link aria-label=format!("{}, {} unread", c.label, c.unread)>
                                            <span class="channel-name">{c.label.clone()}</span>
                                            <span class="badge-count" aria-hidden="true">{c.unread}</span>
                                        </a></li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        <h2>"Conversations"</h2>
                        {if o.conversations.is_empty() {
                            view! { <p class="empty-state">"No conversations yet. Start one below."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="people-list conversation-list">
                                    {o.conversations.into_iter().map(|c| {
                                        let label = match c.unread {
                                            0 => format!("Conversation with {}", c.title),
                                            n => format!("Conversation with {}, {} unread", c.title, n),
                                        };
                                        view! {
                                            <li>
                                                <a class="card card-link conversation" href=format!("/chat/{}", c.channel_id) aria-label=label>
                                                    <strong>{c.title.clone()}</strong>
                                                    {(c.unread > 0).then(|| view! { <span class="badge-count" aria-hidden="true">{c.unread}</span> })}
                                                    <p>{if c.preview.is_empty() { "No messages yet".to_string() } else { c.preview.clone() }}</p>
                                                </a>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    }.into_any(),
                })}
            </Transition>
            <section class="card" aria-labelledby="new-conversation">
                <h2 id="new-conversation">"Start a conversation"</h2>
                <ActionForm action=open attr:class="form">
                    <FormAlert error/>
                    <TextField name="usernames" label="Usernames" required=true maxlength=400
                        hint="One username for a private conversation, or up to nine separated by commas for a group." error/>
                    <SubmitButton label="Start conversation" busy_label="Opening…" pending=open.pending()/>
                </ActionForm>
            </section>
        </section>
    }
}
