//! Search results for the channel, above its log, while `?q=` is set.

use leptos::prelude::*;
use uuid::Uuid;

use super::room::excerpt;
use crate::chat::api::search_channel;

#[component]
pub(super) fn SearchResults(channel_id: Uuid, query: Signal<String>) -> impl IntoView {
    let results = Resource::new(
        move || query.get(),
        move |q| async move {
            if q.trim().is_empty() {
                Ok(Vec::new())
            } else {
                search_channel(channel_id.to_string(), q).await
            }
        },
    );
    view! {
        <Transition fallback=|| ()>
            {move || results.get().map(|r| match r {
                Err(e) => view! { <p class="alert alert-error" role="alert">{e.to_string()}</p> }.into_any(),
                Ok(found) if query.get().trim().is_empty() => { let _ = found; ().into_any() }
                Ok(found) => view! {
                    <section class="card search-results" aria-labelledby="chat-search-results">
                        <h2 id="chat-search-results">{format!("{} result{} for “{}”", found.len(), if found.len() == 1 { "" } else { "s" }, query.get())}</h2>
                        <ul class="plain-list">
                            {found.into_iter().map(|m| view! {
                                <li><a href=format!("#m{}", m.seq)><strong>{m.author.display_name.clone()}</strong>
                                    {format!(" · {} — ", m.created_at.format("%e %b %H:%M"))}{excerpt(&m.body)}</a></li>
                            }).collect_view()}
                        </ul>
                        <a href=format!("/chat/{channel_id}")>"Clear search"</a>
                    </section>
                }.into_any(),
            })}
        </Transition>
    }
}
