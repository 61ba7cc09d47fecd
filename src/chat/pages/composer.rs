//! The composer: text (Enter sends, Shift+Enter adds a line), the reply it answers and an
//! optional image. A multipart form that posts without JavaScript too.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use uuid::Uuid;

use crate::chat::api::{send_message_form, SendMessageForm};
use crate::chat::model::{MessageView, BODY_MAX};
use crate::media::ALT_MAX_CHARS;
use crate::ui::forms::{FieldMessage, FormAlert};
use crate::ui::upload_form::ImageForm;

#[component]
pub(super) fn Composer(
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
