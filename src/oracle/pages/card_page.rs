use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::oracle::api::get_card;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn CardPage() -> impl IntoView {
    let params = use_params_map();
    let card = Resource::new(move || params.read().get("slug").unwrap_or_default(), get_card);
    view! {
        <section class="page narrow">
            <Suspense fallback=Loading>
                {move || card.get().map(|c| match c {
                    Ok(c) => view! {
                        <Title text=format!("{} · Kindred", c.name)/>
                        <p class="muted">{format!("{} · {} {}", c.group, c.element.symbol(), c.element.label())}</p>
                        <h1>{c.name.clone()}</h1>
                        <h2>"Upright"</h2>
                        <p class="tarot-keywords">{c.keywords_upright.join(" · ")}</p>
                        <p>{c.upright.clone()}</p>
                        <h2>"Reversed"</h2>
                        <p class="tarot-keywords">{c.keywords_reversed.join(" · ")}</p>
                        <p>{c.reversed.clone()}</p>
                        <h2>"Symbols"</h2>
                        <ul>{c.symbols.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                        <p><a class="button" href="/oracle/cards">"All cards"</a></p>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
