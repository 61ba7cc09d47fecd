use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::session_form::{SessionFormView, SessionTime};

/// A running or paused timer, kept in the browser's local storage so a reload (or a locked phone)
/// does not lose it. Times are milliseconds since the epoch.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct TimerState {
    started_ms: f64,
    paused_total_ms: f64,
    paused_at_ms: Option<f64>,
}

impl TimerState {
    fn elapsed_secs(&self, now_ms: f64) -> i64 {
        let end = self.paused_at_ms.unwrap_or(now_ms);
        ((end - self.started_ms - self.paused_total_ms) / 1000.0).max(0.0) as i64
    }
}

#[cfg(feature = "hydrate")]
mod store {
    use super::TimerState;

    pub fn now_ms() -> f64 {
        web_sys::js_sys::Date::now()
    }

    pub fn iso(ms: f64) -> String {
        String::from(web_sys::js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_iso_string())
    }

    fn storage() -> Option<web_sys::Storage> {
        leptos::prelude::window().local_storage().ok().flatten()
    }

    pub fn load(key: &str) -> Option<TimerState> {
        storage()?.get_item(key).ok().flatten().and_then(|raw| serde_json::from_str(&raw).ok())
    }

    pub fn save(key: &str, state: Option<TimerState>) {
        let Some(s) = storage() else { return };
        let _ = match state.and_then(|st| serde_json::to_string(&st).ok()) {
            Some(raw) => s.set_item(key, &raw),
            None => s.remove_item(key),
        };
    }
}

#[cfg(not(feature = "hydrate"))]
mod store {
    use super::TimerState;
    pub fn now_ms() -> f64 {
        0.0
    }
    pub fn iso(_ms: f64) -> String {
        String::new()
    }
    pub fn load(_key: &str) -> Option<TimerState> {
        None
    }
    pub fn save(_key: &str, _state: Option<TimerState>) {}
}

fn clock(secs: i64) -> String {
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// The in-page timer: start, pause, resume, finish (then the save form), or discard. Shown once
/// the page is interactive; without JavaScript the "log a session" form does the same job.
#[component]
pub fn Timer(
    #[prop(into)] slug: String,
    minutes: i32,
    checked_in_today: bool,
    #[prop(into)] time_zone: String,
) -> impl IntoView {
    let key = StoredValue::new(format!("kindred.timer.{slug}"));
    let state = RwSignal::new(None::<TimerState>);
    let now = RwSignal::new(0.0f64);
    let finished = RwSignal::new(None::<(String, i64)>);
    Effect::new(move |_| {
        state.set(store::load(&key.get_value()));
        now.set(store::now_ms());
    });
    #[cfg(feature = "hydrate")]
    {
        if let Ok(handle) =
            set_interval_with_handle(move || now.set(store::now_ms()), std::time::Duration::from_millis(500))
        {
            on_cleanup(move || handle.clear());
        }
    }
    let put = move |s: Option<TimerState>| {
        store::save(&key.get_value(), s);
        state.set(s);
    };
    let elapsed = move || state.get().map(|s| s.elapsed_secs(now.get())).unwrap_or(0);
    let start = move |_| {
        finished.set(None);
        put(Some(TimerState { started_ms: store::now_ms(), paused_total_ms: 0.0, paused_at_ms: None }));
    };
    let pause = move |_| {
        if let Some(mut s) = state.get_untracked() {
            s.paused_at_ms = Some(store::now_ms());
            put(Some(s));
        }
    };
    let resume = move |_| {
        if let Some(mut s) = state.get_untracked() {
            if let Some(at) = s.paused_at_ms.take() {
                s.paused_total_ms += store::now_ms() - at;
            }
            put(Some(s));
        }
    };
    let finish = move |_| {
        if let Some(mut s) = state.get_untracked() {
            if s.paused_at_ms.is_none() {
                s.paused_at_ms = Some(store::now_ms());
                put(Some(s));
            }
            finished.set(Some((store::iso(s.started_ms), s.elapsed_secs(store::now_ms()))));
        }
    };
    let discard = move |_| {
        finished.set(None);
        put(None);
    };
    let saved = Callback::new(move |_| put(None));
    let target = minutes as i64 * 60;
    let slug = StoredValue::new(slug);
    let time_zone = StoredValue::new(time_zone);
    view! {
        <section class="card timer js-only" aria-labelledby="timer-heading">
            <h2 id="timer-heading">"Practise now"</h2>
            <p class="timer-clock" role="timer" aria-live="off">{move || clock(elapsed())}</p>
            <p class="muted">{move || {
                let e = elapsed();
                if state.get().is_none() {
                    format!("About {minutes} minutes. The timer keeps running if you leave or reload the page.")
                } else if state.get().is_some_and(|s| s.paused_at_ms.is_some()) {
                    "Paused.".to_string()
                } else if e >= target {
                    format!("{minutes} minutes reached. Finish when you are ready.")
                } else {
                    format!("{} to go for the usual {minutes} minutes.", clock(target - e))
                }
            }}</p>
            <div class="actions">
                {move || match state.get() {
                    None => view! { <button type="button" class="button button-primary" on:click=start>"Start session"</button> }.into_any(),
                    Some(s) => view! {
                        {if s.paused_at_ms.is_some() {
                            view! { <button type="button" class="button" on:click=resume>"Resume"</button> }.into_any()
                        } else {
                            view! { <button type="button" class="button" on:click=pause>"Pause"</button> }.into_any()
                        }}
                        <button type="button" class="button button-primary" on:click=finish>"Finish"</button>
                        <button type="button" class="button button-quiet" on:click=discard>"Discard"</button>
                    }.into_any(),
                }}
            </div>
            {move || finished.get().map(|(started_at, seconds)| view! {
                <SessionFormView slug=slug.get_value() time=SessionTime::Timer { started_at, seconds }
                    checked_in_today time_zone=time_zone.get_value() on_saved=saved/>
            })}
        </section>
    }
}
