use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::oracle::api::list_readings;
use crate::ui::status::{ErrorView, Loading};

/// The member's readings, newest first; older pages by link (works without JavaScript).
#[component]
pub fn HistoryPage() -> impl IntoView {
    let query = use_query_map();
    let page = Resource::new(move || query.read().get("after"), list_readings);
    view! {
        <Title text="Your readings · Kindred"/>
        <section class="page">
            <h1>"Your readings"</h1>
            <Suspense fallback=Loading>
                {move || page.get().map(|p| match p {
                    Ok(p) if p.readings.is_empty() => view! {
                        <p class="empty-state">"No readings yet. " <a href="/oracle">"Draw your first card."</a></p>
                    }.into_any(),
                    Ok(p) => view! {
                        <ul class="reading-list">
                            {p.readings.into_iter().map(|r| {
                                let cards = r.cards.iter().map(|c| format!("{}{}", c.name, if c.reversed { " (reversed)" } else { "" })).collect::<Vec<_>>().join(", ");
                                let label = r.question.clone().unwrap_or_else(|| r.title.clone());
                                view! {
                                    <li class="card">
                                        <a href=format!("/oracle/readings/{}", r.reading_id)>{label}</a>
                                        <p class="muted">{r.created_at.format("%e %b %Y").to_string()} " · " {cards}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {p.next.map(|n| view! { <p><a class="button" href=format!("/oracle/readings?after={n}")>"Older readings"</a></p> })}
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/oracle/readings"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
