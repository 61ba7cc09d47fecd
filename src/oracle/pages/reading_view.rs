use leptos::prelude::*;

use crate::oracle::model::{PlacedCard, Reading};

/// A card face: position, name, orientation and meaning.
#[component]
pub fn CardFace(card: PlacedCard) -> impl IntoView {
    let orientation = if card.reversed { "Reversed" } else { "Upright" };
    view! {
        <li class="tarot-card" class:reversed=card.reversed>
            <p class="tarot-position">{card.position.clone()}</p>
            <h3><a href=format!("/oracle/cards/{}", card.slug)>{card.name.clone()}</a></h3>
            <p class="tarot-orientation">{orientation}</p>
            <p class="tarot-keywords">{card.keywords.join(" · ")}</p>
            <p>{card.meaning.clone()}</p>
        </li>
    }
}

/// A whole reading: its cards, symbols and guidance.
#[component]
pub fn ReadingView(reading: Reading) -> impl IntoView {
    let guidance: Vec<String> = reading.guidance.split("\n\n").map(str::to_string).collect();
    view! {
        <article class="reading">
            <h2>{reading.title.clone()}</h2>
            {reading.question.clone().map(|q| view! { <p class="reading-question">"You asked: " <q>{q}</q></p> })}
            <ul class="tarot-spread">
                {reading.cards.into_iter().map(|card| view! { <CardFace card/> }).collect_view()}
            </ul>
            {(!reading.symbols.is_empty()).then(|| view! {
                <section class="symbols" aria-label="Symbols for meditation">
                    <h3>"Symbols to sit with"</h3>
                    <ul>{reading.symbols.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                </section>
            })}
            <div class="guidance">
                {guidance.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
            </div>
        </article>
    }
}
