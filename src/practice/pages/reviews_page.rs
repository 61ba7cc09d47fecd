use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::practice::api::{get_review_queue, ReviewVerification};
use crate::practice::model::{ReviewItem, REVIEW_COMMENT_MAX};
use crate::ui::forms::{action_error, ErrorLine};
use crate::ui::status::{ErrorView, Loading};

/// Verification requests the member may review: in techniques they are verified in (all, for
/// moderators), not their own, not yet reviewed by them.
#[component]
pub fn ReviewsPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let queue = Resource::new(move || version.get(), |_| get_review_queue());
    view! {
        <Title text="Verification reviews · Practice · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Verification reviews"</h1>
            <p class="muted">"Members who practise a technique that needs it ask their peers to confirm their mastery. Three authentic reviews verify it; three not authentic decline it."</p>
            <Suspense fallback=Loading>
                {move || queue.get().map(|r| match r {
                    Ok(items) if items.is_empty() => view! { <p class="empty-state">"Nothing to review. Requests appear here for techniques you are verified in."</p> }.into_any(),
                    Ok(items) => view! { <ul class="review-list">{items.into_iter().map(|i| view! { <Item i version/> }).collect_view()}</ul> }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/practice/reviews"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Item(i: ReviewItem, version: RwSignal<u32>) -> impl IntoView {
    let action = ServerAction::<ReviewVerification>::new();
    let error = action_error(action);
    Effect::new(move |prev: Option<usize>| {
        let v = action.version().get();
        if prev.is_some_and(|p| p != v) && action.value().get_untracked().is_some_and(|r| r.is_ok()) {
            version.update(|n| *n += 1);
        }
        v
    });
    let who = match &i.member {
        Some((username, name)) => view! { <a href=format!("/members/{username}")>{name.clone()}</a> }.into_any(),
        None => view! { "A member (anonymous)" }.into_any(),
    };
    let comment_id = format!("f-review-comment-{}", i.request_id.simple());
    view! {
        <li class="card review-item">
            <h2><a href=format!("/practice/t/{}", i.technique_slug)>{i.technique.clone()}</a></h2>
            <p class="muted">{who}{format!(" · asked {} · {} authentic, {} not", i.created_at.format("%e %b"), i.authentic, i.not_authentic)}</p>
            <dl class="answers">
                {i.answers.iter().map(|(q, a)| view! { <dt>{q.clone()}</dt><dd>{a.clone()}</dd> }).collect_view()}
            </dl>
            <ActionForm action attr:class="form" attr:aria-label=format!("Review {}", i.technique)>
                <input type="hidden" name="request" value=i.request_id.to_string()/>
                <fieldset class="choices">
                    <legend>"Do these answers come from real practice?"</legend>
                    <label class="choice"><input type="radio" name="authentic" value="yes" required=true/>" Authentic"</label>
                    <label class="choice"><input type="radio" name="authentic" value="no"/>" Not authentic"</label>
                </fieldset>
                <div class="field">
                    <label for=comment_id.clone()>"Comment (optional)"</label>
                    <input id=comment_id type="text" name="comment" maxlength=REVIEW_COMMENT_MAX as u32/>
                </div>
                <ErrorLine error/>
                <button type="submit" class="button button-primary">"Send review"</button>
            </ActionForm>
        </li>
    }
}
