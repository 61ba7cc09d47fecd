//! Not-found, error and loading views, with the right HTTP status during server rendering.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::error::AppError;

/// Sets the response status while rendering on the server (no effect in the browser).
pub fn set_http_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code)) {
        res.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_http_status(404);
    view! {
        <Title text="Not found · Kindred"/>
        <section class="page narrow empty-state">
            <h1>"We couldn't find that page"</h1>
            <p>"The link may be old, or the page may have moved."</p>
            <p><a class="button button-primary" href="/">"Go to the home page"</a></p>
        </section>
    }
}

/// A page-level error with a way forward.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    set_http_status(error.status());
    #[cfg(feature = "ssr")]
    if let (AppError::Unavailable { retry_after_secs }, Some(res)) =
        (&error, use_context::<leptos_axum::ResponseOptions>())
    {
        if let Ok(v) = http::HeaderValue::from_str(&retry_after_secs.to_string()) {
            res.insert_header(http::header::RETRY_AFTER, v);
        }
    }
    let (title, action) = match &error {
        AppError::Unauthorized => ("Please log in", Some(("/login", "Log in"))),
        AppError::NotFound => ("Not found", Some(("/", "Go home"))),
        AppError::Forbidden | AppError::Refused(_) => ("Not allowed", Some(("/", "Go home"))),
        AppError::Unavailable { .. } => ("Busy for a moment", None),
        _ => ("Something went wrong", None),
    };
    view! {
        <section class="page narrow empty-state" role="alert">
            <h1>{title}</h1>
            <p>{error.to_string()}</p>
            {action.map(|(href, label)| view! { <p><a class="button button-primary" href=href>{label}</a></p> })}
        </section>
    }
}

#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" role="status">"Loading…"</p> }
}
