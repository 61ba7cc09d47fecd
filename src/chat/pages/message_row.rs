//! One message of the log: author, time, the message it replies to, its text or image,
//! reactions, and the actions the member may take (reply, react, edit, delete).

use leptos::prelude::*;
use uuid::Uuid;

use super::room::excerpt;
use crate::chat::api::{DeleteMessage, EditMessage, React};
use crate::chat::model::{MessageView, BODY_MAX, QUICK_REACTIONS};
use crate::communities::perms;
use crate::media::{display_url, thumb_url};
use crate::ui::forms::{FieldMessage, FormAlert};

#[component]
pub(super) fn MessageRow(
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
