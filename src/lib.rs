//! Kindred: a home for practice communities.
//!
//! One crate, two builds: `ssr` (the axum server) and `hydrate` (the browser WASM).
//! Code is organised by domain; see docs/architecture.md.

pub mod app;
pub mod auth;
pub mod error;
pub mod events;
pub mod feed;
pub mod members;
pub mod notifications;
pub mod oracle;
pub mod paging;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
    // Tells browser tests (and CSS, if it wants) that event handlers are attached.
    if let Some(body) = leptos::prelude::document().body() {
        let _ = body.set_attribute("data-hydrated", "true");
    }
}
