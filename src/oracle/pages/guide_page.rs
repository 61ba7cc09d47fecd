use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::oracle::api::get_guide;
use crate::oracle::model::{level_for, progress_pct, Guide, XP_COMMENT, XP_DOWNVOTE, XP_ENERGY, XP_LIKE, XP_UPVOTE};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn GuidePage() -> impl IntoView {
    let guide = Resource::new(|| (), |_| get_guide());
    view! {
        <Title text="Your spirit guide · Kindred"/>
        <section class="page narrow">
            <Suspense fallback=Loading>
                {move || guide.get().map(|g| match g {
                    Ok(Some(guide)) => view! { <GuideView guide/> }.into_any(),
                    Ok(None) => view! { <Redirect path="/oracle/guide/questionnaire"/> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/oracle/guide"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn GuideView(guide: Guide) -> impl IntoView {
    let level = level_for(guide.xp);
    let pct = progress_pct(guide.xp);
    let to_next = guide.xp_to_next();
    view! {
        <header class="guide-header">
            <p class="guide-element" aria-hidden="true">{guide.element.symbol()}</p>
            <h1>{guide.name.clone()}</h1>
            <p class="muted">{format!("Element: {} · Level {level}", guide.element.label())}</p>
        </header>
        <p class="bio">{guide.description.clone()}</p>
        <p class="muted">{guide.element_reason.clone()}</p>
        <div class="progress-block">
            <label for="guide-progress">{format!("{} XP · {to_next} XP to level {}", guide.xp, level + 1)}</label>
            <progress id="guide-progress" max="100" value=pct>{format!("{pct}%")}</progress>
        </div>
        <p class="hint">{format!(
            "Your guide grows with you: a like gives {XP_LIKE} XP, an upvote {XP_UPVOTE}, a downvote {XP_DOWNVOTE}, \
             sending energy {XP_ENERGY} and a comment {XP_COMMENT} — each post and kind counts once."
        )}</p>
        <h2>"Evolution"</h2>
        {if guide.timeline.is_empty() {
            view! { <p class="empty-state">"No XP yet. Your guide's story starts with your first engagement."</p> }.into_any()
        } else {
            view! {
                <ol class="timeline">
                    {guide.timeline.into_iter().map(|e| view! {
                        <li class:levelled=e.levelled_up>
                            <time datetime=e.at.to_rfc3339()>{e.at.format("%d %b %Y, %H:%M UTC").to_string()}</time>
                            <span>{format!("{} · +{} XP → {} XP", e.action, e.gain, e.xp_after)}</span>
                            {e.levelled_up.then(|| view! { <strong>{format!(" Reached level {}!", e.level_after)}</strong> })}
                        </li>
                    }).collect_view()}
                </ol>
            }.into_any()
        }}
        <p class="button-row">
            <a class="button" href="/oracle/guide/questionnaire">"Retake the questionnaire"</a>
            <a class="button" href="/oracle">"Back to the oracle"</a>
        </p>
    }
}
