//! Form pieces shared by every domain: labelled fields with their error beside them, a
//! form-level alert, and a submit button that says when it is busy.

use leptos::prelude::*;

use crate::error::AppError;

/// The latest error of an action, as a signal forms can read.
pub fn action_error<I, O>(action: ServerAction<I>) -> Signal<Option<AppError>>
where
    I: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(|r| r.err()))
}

/// A labelled input. Its error (if any) sits right under it and is linked for screen readers.
#[component]
pub fn TextField(
    /// The form field name (also used to match errors).
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(into, default = "text".to_string())] kind: String,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] autocomplete: Option<String>,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] maxlength: Option<u32>,
    #[prop(optional)] minlength: Option<u32>,
    /// Which error key this field answers to, when it differs from `name`.
    #[prop(into, optional)]
    error_key: Option<String>,
    #[prop(into)] error: Signal<Option<AppError>>,
) -> impl IntoView {
    let id = format!("f-{}", name.replace(['[', ']'], "-"));
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let key = error_key.unwrap_or_else(|| name.clone());
    let message = Signal::derive(move || error.get().and_then(|e| e.for_field(&key)));
    let described = {
        let (error_id, hint_id, has_hint) = (error_id.clone(), hint_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if message.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || message.get().is_some()>
            <label for=id.clone()>{label}</label>
            <input
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                required=required
                maxlength=maxlength
                minlength=minlength
                aria-invalid=move || message.get().is_some().then_some("true")
                aria-describedby=described
            />
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            <FieldMessage id=error_id message/>
        </div>
    }
}

/// Any error of an action, field errors included, in one line: for a group of small forms
/// (edit, move, delete) where a message beside each field would repeat itself.
#[component]
pub fn ErrorLine(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    move || error.get().map(|e| view! { <p class="alert alert-error" role="alert">{e.to_string()}</p> })
}

/// The error line under a field (renders nothing when there is no error).
#[component]
pub fn FieldMessage(#[prop(into)] id: String, message: Signal<Option<String>>) -> impl IntoView {
    move || message.get().map(|m| view! { <p class="field-error" id=id.clone()>{m}</p> })
}

/// An alert above a form for errors that are not about one field.
#[component]
pub fn FormAlert(#[prop(into)] error: Signal<Option<AppError>>) -> impl IntoView {
    let message = move || {
        error.get().and_then(|e| match &e {
            AppError::Invalid { field, message } if field == "form" => Some(message.clone()),
            other => other.form_message(),
        })
    };
    move || message().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })
}

/// A success note shown after an action succeeds.
#[component]
pub fn FormSuccess(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    move || message.get().map(|m| view! { <div class="alert alert-success" role="status">{m}</div> })
}

/// The submit button: disabled and relabelled while the action runs.
#[component]
pub fn SubmitButton(
    #[prop(into)] label: String,
    #[prop(into)] busy_label: String,
    #[prop(into)] pending: Signal<bool>,
) -> impl IntoView {
    view! {
        <button type="submit" class="button button-primary" disabled=move || pending.get()>
            {move || if pending.get() { busy_label.clone() } else { label.clone() }}
        </button>
    }
}
