//! A member's picture: their uploaded avatar, or the first letter of their name on a gradient.

use leptos::prelude::*;

#[component]
pub fn Avatar(
    /// The member's display name (for the initial; the image itself is decorative).
    #[prop(into)]
    name: String,
    url: Option<String>,
    #[prop(optional)] large: bool,
) -> impl IntoView {
    let size = if large { 72 } else { 44 };
    match url {
        Some(src) => view! {
            <img class="avatar" class:avatar-large=large src=src alt="" width=size height=size loading="lazy" decoding="async"/>
        }
        .into_any(),
        None => {
            let initial = name.chars().next().unwrap_or('?').to_uppercase().to_string();
            view! { <div class="avatar" class:avatar-large=large aria-hidden="true">{initial}</div> }.into_any()
        }
    }
}
