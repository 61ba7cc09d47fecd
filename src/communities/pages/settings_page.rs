use leptos::prelude::*;

#[component]
pub fn CommunitySettingsPage() -> impl IntoView {
    view! { <section class="page"><h1>"Coming together"</h1></section> }
}
