use leptos::prelude::*;

#[component]
pub fn CommunityMembersPage() -> impl IntoView {
    view! { <section class="page"><h1>"Coming together"</h1></section> }
}
