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
