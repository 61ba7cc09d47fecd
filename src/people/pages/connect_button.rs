use leptos::prelude::*;

use crate::people::api::ChangeConnection;
use crate::people::model::{ConnectionState, REQUEST_MESSAGE_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert};

/// One small form per connection change with `username` (also used by the people page).
#[component]
pub fn ConnectionForm(
    action: ServerAction<ChangeConnection>,
    #[prop(into)] username: String,
    verb: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] primary: bool,
) -> impl IntoView {
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="username" value=username/>
            <input type="hidden" name="action" value=verb/>
            <button type="submit" class="button" class:button-primary=primary>{label}</button>
        </ActionForm>
    }
}

/// Where the viewer stands with a member, and the one or two things they can do about it:
/// connect (with an optional note), cancel their request, accept or decline theirs, or remove.
#[component]
pub fn ConnectButton(
    #[prop(into)] username: String,
    #[prop(into)] display_name: String,
    state: ConnectionState,
) -> impl IntoView {
    let action = ServerAction::<ChangeConnection>::new();
    let error = action_error(action);
    let message_error = Signal::derive(move || error.get().and_then(|e| e.for_field("message")));
    let current = RwSignal::new(state);
    Effect::new(move |_| {
        if let Some(Ok(next)) = action.value().get() {
            current.set(next);
        }
    });
    let first_name = display_name.split_whitespace().next().unwrap_or(&display_name).to_string();
    view! {
        <div class="connect-box">
            <FormAlert error/>
            {move || {
                let username = username.clone();
                let first_name = first_name.clone();
                match current.get() {
                    ConnectionState::None => view! {
                        <details>
                            <summary class="button button-primary">"Connect"</summary>
                            <ActionForm action attr:class="form">
                                <input type="hidden" name="username" value=username.clone()/>
                                <input type="hidden" name="action" value="request"/>
                                <div class="field">
                                    <label for="f-connect-message">{format!("A note to {first_name} (optional)")}</label>
                                    <textarea id="f-connect-message" name="message" rows="2" maxlength=REQUEST_MESSAGE_MAX as u32></textarea>
                                    <FieldMessage id="f-connect-message-error" message=message_error/>
                                </div>
                                <button type="submit" class="button button-primary">"Send connection request"</button>
                            </ActionForm>
                        </details>
                    }.into_any(),
                    ConnectionState::Requested => view! {
                        <p class="muted">"Connection request sent."</p>
                        <ConnectionForm action username verb="cancel" label="Cancel request"/>
                    }.into_any(),
                    ConnectionState::Incoming { message } => view! {
                        <p>{format!("{first_name} wants to connect.")}</p>
                        {(!message.is_empty()).then(|| view! { <p class="request-note">{format!("“{message}”")}</p> })}
                        <div class="actions">
                            <ConnectionForm action username=username.clone() verb="accept" label="Accept" primary=true/>
                            <ConnectionForm action username verb="decline" label="Decline"/>
                        </div>
                    }.into_any(),
                    ConnectionState::Connected { closeness } => view! {
                        <p class="closeness">"Connected · closeness "
                            <meter min="0" max="100" value=closeness.round() aria-label="Closeness"></meter>
                            {format!(" {}", closeness.round())}</p>
                        <ConnectionForm action username verb="remove" label="Remove connection"/>
                    }.into_any(),
                }
            }}
        </div>
    }
}
