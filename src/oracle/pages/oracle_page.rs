use leptos::prelude::*;
use leptos_meta::Title;

use super::reading_view::ReadingView;
use crate::auth::session::use_session;
use crate::oracle::api::{get_guide, get_today, DrawSpread, DrawToday};
use crate::oracle::model::{level_for, QUESTION_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};
use crate::ui::status::{ErrorView, Loading};

/// The oracle's home: the member's guide, today's card and the three-card spread.
#[component]
pub fn OraclePage() -> impl IntoView {
    let session = use_session();
    // Resources live at the top of the page, never inside a branch, so server and browser create
    // them in the same order (visitors simply get an Unauthorized they never see).
    let draw = ServerAction::<DrawToday>::new();
    let guide = Resource::new(|| (), |_| get_guide());
    let today = Resource::new(move || draw.version().get(), |_| get_today());
    view! {
        <Title text="Oracle · Kindred"/>
        <section class="page">
            <h1>"Oracle"</h1>
            <Suspense fallback=Loading>
                {move || session.member.get().map(|m| match m {
                    Ok(Some(_)) => view! { <MemberOracle draw guide today/> }.into_any(),
                    Ok(None) => view! {
                        <p class="lead">"Draw a card each day, ask the cards a question, and meet your spirit guide."</p>
                        <div class="button-row">
                            <a class="button button-primary" href="/login?next=/oracle">"Log in to draw"</a>
                            <a class="button" href="/oracle/cards">"Browse the 78 cards"</a>
                        </div>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn MemberOracle(
    draw: ServerAction<DrawToday>,
    guide: Resource<Result<Option<crate::oracle::model::Guide>, crate::error::AppError>>,
    today: Resource<Result<Option<crate::oracle::model::Reading>, crate::error::AppError>>,
) -> impl IntoView {
    let draw_error = action_error(draw);
    view! {
        <div class="oracle-grid">
            <section class="card" aria-labelledby="guide-heading">
                <h2 id="guide-heading">"Your spirit guide"</h2>
                <Suspense fallback=Loading>
                    {move || guide.get().map(|g| match g {
                        Ok(Some(g)) => view! {
                            <p class="guide-name">{g.element.symbol()} " " {g.name.clone()}</p>
                            <p class="muted">{format!("{} · level {} · {} XP", g.element.label(), level_for(g.xp), g.xp)}</p>
                            <p><a href="/oracle/guide">"Visit your guide"</a></p>
                        }.into_any(),
                        Ok(None) => view! {
                            <p>"Answer a few questions and Kindred will introduce you to your guide."</p>
                            <p><a class="button button-primary" href="/oracle/guide/questionnaire">"Meet your guide"</a></p>
                        }.into_any(),
                        Err(e) => view! { <p class="field-error">{e.to_string()}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
            <section class="card" aria-labelledby="today-heading">
                <h2 id="today-heading">"Today's card"</h2>
                <Suspense fallback=Loading>
                    {move || today.get().map(|t| match t {
                        Ok(Some(reading)) => view! { <ReadingView reading/> }.into_any(),
                        Ok(None) => view! {
                            <p>"One card a day, the same all day on every device."</p>
                            <ActionForm action=draw>
                                <FormAlert error=draw_error/>
                                <SubmitButton label="Draw today's card" busy_label="Drawing…" pending=draw.pending()/>
                            </ActionForm>
                        }.into_any(),
                        Err(e) => view! { <p class="field-error">{e.to_string()}</p> }.into_any(),
                    })}
                </Suspense>
            </section>
        </div>
        <AskTheCards/>
        <nav class="button-row" aria-label="Oracle">
            <a class="button" href="/oracle/readings">"Your readings"</a>
            <a class="button" href="/oracle/journal">"Journal"</a>
            <a class="button" href="/oracle/cards">"Card library"</a>
        </nav>
    }
}

#[component]
fn AskTheCards() -> impl IntoView {
    let spread = ServerAction::<DrawSpread>::new();
    let error = action_error(spread);
    let question_error = Signal::derive(move || error.get().and_then(|e| e.for_field("question")));
    view! {
        <section class="card ask" aria-labelledby="ask-heading">
            <h2 id="ask-heading">"Ask the cards"</h2>
            <p class="muted">"Three cards: past, present and future."</p>
            <ActionForm action=spread attr:class="form">
                <FormAlert error/>
                <div class="field">
                    <label for="f-question">"Your question"</label>
                    <textarea id="f-question" name="question" rows="2" maxlength=QUESTION_MAX as u32 required=true
                        aria-describedby="f-question-hint"></textarea>
                    <p class="hint" id="f-question-hint">{format!("Up to {QUESTION_MAX} characters.")}</p>
                    <FieldMessage id="f-question-error" message=question_error/>
                </div>
                <SubmitButton label="Draw three cards" busy_label="Shuffling…" pending=spread.pending()/>
            </ActionForm>
        </section>
    }
}
