//! The composer's energy figure follows gifts made from any post card on the page: a card
//! announces the balance its engagement reply carries as a `kindred:energy` window event (the
//! pages' way of telling each other things), and the composer shows it without asking again.

use leptos::prelude::*;
use leptos::wasm_bindgen::{JsCast, JsValue};

const EVENT: &str = "kindred:energy";

/// Tells the page the signed-in member's energy balance, as an engagement left it.
pub fn announce_balance(balance: i32) {
    let Ok(event) = web_sys::CustomEvent::new(EVENT) else { return };
    event.init_custom_event_with_can_bubble_and_cancelable_and_detail(EVENT, false, false, &JsValue::from(balance));
    let _ = window().dispatch_event(&event);
}

/// Calls `show` with every balance announced while the calling component lives.
pub fn on_balance(show: impl Fn(i32) + 'static) {
    let handle = window_event_listener_untyped(EVENT, move |ev| {
        if let Some(balance) = ev.unchecked_into::<web_sys::CustomEvent>().detail().as_f64() {
            show(balance as i32);
        }
    });
    on_cleanup(move || handle.remove());
}
