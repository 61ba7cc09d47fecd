use leptos::prelude::*;
use leptos_router::components::A;

/// Tabs between the settings pages.
#[component]
pub fn SettingsNav() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Settings">
            <A href="/settings/profile">"Profile"</A>
            <A href="/settings/password">"Password"</A>
            <A href="/settings/notifications">"Notifications"</A>
            <A href="/settings/privacy">"Privacy"</A>
            <A href="/settings/calendar">"Calendar"</A>
        </nav>
    }
}
