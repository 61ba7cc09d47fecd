//! Kindred: a home for practice communities.
//!
//! One crate, two builds: `ssr` (the axum server) and `hydrate` (the browser WASM).
//! Code is organised by domain; see docs/architecture.md.

pub mod app;
pub mod assistant;
pub mod auth;
pub mod chat;
pub mod communities;
pub mod error;
pub mod events;
pub mod feed;
pub mod media;
pub mod members;
pub mod moderation;
pub mod notifications;
pub mod oracle;
pub mod paging;
pub mod people;
pub mod places;
pub mod practice;
pub mod startup;
#[cfg(feature = "ssr")]
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Pages are lazy routes (see app.rs): their code lives in separate WASM chunks, so hydration
    // is asynchronous — it waits for the current page's chunk before it walks that page's HTML.
    _ = any_spawner::Executor::init_wasm_bindgen();
    leptos::task::spawn_local(async {
        let body = leptos::prelude::document().body().expect("the page has a body");
        let mounted = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        mounted.forget();
        // Tells browser tests (and CSS, if it wants) that event handlers are attached.
        let _ = body.set_attribute("data-hydrated", "true");
    });
}
