//! Live updates on a page: `public/app.js` keeps the tab's WebSocket and raises `kindred:*`
//! window events (`kindred:notification`, `kindred:chat-unread`, `kindred:access`, …); a page
//! that shows what such an event changes reacts here instead of wiring listeners itself.

#[cfg(feature = "hydrate")]
use leptos::prelude::*;

/// Runs `react` whenever the window hears one of `events`, for as long as the calling
/// component lives. On the server, and before hydration, it does nothing.
pub fn on_live(events: &'static [&'static str], react: impl Fn() + Clone + 'static) {
    #[cfg(feature = "hydrate")]
    {
        let handles: Vec<_> = events
            .iter()
            .map(|event| {
                let react = react.clone();
                window_event_listener_untyped(event, move |_| react())
            })
            .collect();
        on_cleanup(move || handles.into_iter().for_each(|h| h.remove()));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (events, react);
}
