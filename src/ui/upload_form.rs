//! Forms that carry an image. They post `multipart/form-data` to their server function, so they
//! work as plain HTML forms before (or without) the WASM bundle; once hydrated, they submit in
//! the background and show errors beside the fields without a page load.

use leptos::prelude::*;
use leptos::server::ServerActionError;
use leptos::server_fn::error::ServerFnUrlError;
use leptos::wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, HtmlInputElement};

use crate::error::AppError;
use crate::media::MAX_UPLOAD_BYTES;

/// The error a no-JS submission of the server function at `path` came back with, if any.
pub fn url_error(path: &'static str) -> Option<AppError> {
    use_context::<ServerActionError>()
        .filter(|e| e.path() == path)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// Refuses an oversized file before it is sent (the server checks again).
pub fn check_file(input: &NodeRef<leptos::html::Input>, field: &str) -> Result<(), AppError> {
    let size = input
        .get_untracked()
        .map(|i| -> HtmlInputElement { i.unchecked_into() })
        .and_then(|i| i.files())
        .and_then(|files| files.get(0))
        .map(|f| f.size())
        .unwrap_or(0.0);
    if size > MAX_UPLOAD_BYTES as f64 {
        return Err(AppError::invalid(field, "Images can be at most 5 MB."));
    }
    Ok(())
}

/// The form's fields, for a multipart server function call.
pub fn form_data(ev: &leptos::ev::SubmitEvent) -> Option<FormData> {
    let form: HtmlFormElement = ev.target()?.unchecked_into();
    FormData::new_with_form(&form).ok()
}

/// A form that carries an image: its action, its error (from the last attempt, from a file
/// refused before sending, or from a no-JS round trip to `path`), and the submit handler, which
/// checks the file in `file`, adds the pressed button's name and value, and sends the form in the
/// background.
pub struct ImageForm<O: 'static> {
    pub action: Action<FormData, Result<O, AppError>>,
    pub error: Signal<Option<AppError>>,
    early: RwSignal<Option<AppError>>,
    file: NodeRef<leptos::html::Input>,
}

impl<O: Clone + Send + Sync + 'static> Clone for ImageForm<O> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<O: Clone + Send + Sync + 'static> Copy for ImageForm<O> {}

impl<O: Clone + Send + Sync + 'static> ImageForm<O> {
    pub fn new<F, Fu>(path: &'static str, file: NodeRef<leptos::html::Input>, run: F) -> Self
    where
        F: Fn(FormData) -> Fu + 'static,
        Fu: std::future::Future<Output = Result<O, AppError>> + 'static,
    {
        let action = Action::new_local(move |data: &FormData| run(data.clone()));
        let early = RwSignal::new(url_error(path));
        let error = Signal::derive(move || match action.value().get() {
            Some(Err(e)) => Some(e),
            _ => early.get(),
        });
        ImageForm { action, error, early, file }
    }

    pub fn submit(&self, ev: leptos::ev::SubmitEvent) {
        ev.prevent_default();
        if self.action.pending().get_untracked() {
            return;
        }
        if let Err(e) = check_file(&self.file, "image") {
            self.early.set(Some(e));
            self.action.value().set(None);
            return;
        }
        self.early.set(None);
        let Some(data) = form_data(&ev) else { return };
        if let Some(button) = ev.submitter().and_then(|s| s.dyn_into::<web_sys::HtmlButtonElement>().ok()) {
            if !button.name().is_empty() {
                let _ = data.append_with_str(&button.name(), &button.value());
            }
        }
        self.action.dispatch_local(data);
    }

    /// The error for one field.
    pub fn field(&self, name: &'static str) -> Signal<Option<String>> {
        let error = self.error;
        Signal::derive(move || error.get().and_then(|e| e.for_field(name)))
    }
}
