use leptos::prelude::*;
use leptos_meta::Title;

use crate::oracle::api::list_cards;
use crate::ui::status::{ErrorView, Loading};

/// The card library: all 78 cards, grouped as the deck is.
#[component]
pub fn CardsPage() -> impl IntoView {
    let cards = Resource::new(|| (), |_| list_cards());
    view! {
        <Title text="The cards · Kindred"/>
        <section class="page">
            <h1>"The cards"</h1>
            <p class="lead">"All 78 cards of the deck: the 22 major arcana and four suits of fourteen."</p>
            <Suspense fallback=Loading>
                {move || cards.get().map(|c| match c {
                    Ok(cards) => {
                        let mut groups: Vec<(String, Vec<_>)> = Vec::new();
                        for card in cards {
                            match groups.last_mut() {
                                Some((g, list)) if *g == card.group => list.push(card),
                                _ => groups.push((card.group.clone(), vec![card])),
                            }
                        }
                        view! {
                            {groups.into_iter().map(|(group, cards)| view! {
                                <h2>{group}</h2>
                                <ul class="card-library">
                                    {cards.into_iter().map(|c| view! {
                                        <li>
                                            <a href=format!("/oracle/cards/{}", c.slug)>{c.name.clone()}</a>
                                            <span class="muted">{c.keywords_upright.join(", ")}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }).collect_view()}
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
