use leptos::prelude::*;

use crate::places::api::{DecideReview, FlagReview, SaveReview};
use crate::places::model::{Reviews, REVIEW_MAX};
use crate::ui::forms::{action_error, FieldMessage, FormAlert, SubmitButton};

fn stars(n: i16) -> String {
    "★".repeat(n.clamp(0, 5) as usize) + &"☆".repeat(5 - n.clamp(0, 5) as usize)
}

/// Reviews of a place or mentor: the average, the list (flag or remove), and the viewer's own
/// review form when they have earned it. `target` is `place:<id>` or `mentor:<username>`.
#[component]
pub fn ReviewsSection(
    #[prop(into)] target: String,
    reviews: Reviews,
    /// What earns a review, said when the viewer can't write one yet.
    #[prop(into)]
    earn_hint: String,
    /// Bumped after any change, so the page reloads its data.
    on_change: WriteSignal<u32>,
) -> impl IntoView {
    let save = ServerAction::<SaveReview>::new();
    let flag = ServerAction::<FlagReview>::new();
    let decide = ServerAction::<DecideReview>::new();
    for version in [save.version(), flag.version(), decide.version()] {
        Effect::new(move |prev: Option<usize>| {
            let v = version.get();
            if prev.is_some_and(|p| p != v) {
                on_change.update(|n| *n += 1);
            }
            v
        });
    }
    let error = action_error(save);
    let rating_error = Signal::derive(move || error.get().and_then(|e| e.for_field("rating")));
    let body_error = Signal::derive(move || error.get().and_then(|e| e.for_field("body")));
    let flag_error = action_error(flag);
    let (my_rating, my_body) = reviews.mine.clone().unwrap_or((0, String::new()));
    view! {
        <section class="reviews" aria-labelledby="reviews-heading">
            <h2 id="reviews-heading">{format!("Reviews ({})", reviews.count)}</h2>
            {(reviews.count > 0).then(|| view! {
                <p class="rating"><span aria-hidden="true">{stars(reviews.average.round() as i16)}</span>
                    {format!(" {:.1} out of 5 from {} review{}", reviews.average, reviews.count, if reviews.count == 1 { "" } else { "s" })}</p>
            })}
            {if reviews.can_review {
                view! {
                    <ActionForm action=save attr:class="form card">
                        <FormAlert error/>
                        <input type="hidden" name="target" value=target.clone()/>
                        <fieldset class="moods">
                            <legend>{if reviews.mine.is_some() { "Your rating (you can change it)" } else { "Your rating" }}</legend>
                            {(1..=5).map(|n| view! {
                                <label class="mood"><input type="radio" name="rating" value=n.to_string() checked=my_rating == n required=true/>
                                    {format!(" {n} star{}", if n == 1 { "" } else { "s" })}</label>
                            }).collect_view()}
                            <FieldMessage id="f-rating-error" message=rating_error/>
                        </fieldset>
                        <div class="field">
                            <label for="f-review-body">"Your review"</label>
                            <textarea id="f-review-body" name="body" rows="3" maxlength=REVIEW_MAX as u32>{my_body}</textarea>
                            <FieldMessage id="f-review-body-error" message=body_error/>
                        </div>
                        <SubmitButton label=if reviews.mine.is_some() { "Update review" } else { "Post review" } busy_label="Saving…" pending=save.pending()/>
                    </ActionForm>
                }.into_any()
            } else {
                view! { <p class="hint">{earn_hint}</p> }.into_any()
            }}
            <FormAlert error=flag_error/>
            {if reviews.reviews.is_empty() {
                view! { <p class="empty-state">"No reviews yet."</p> }.into_any()
            } else {
                view! {
                    <ul class="people-list">
                        {reviews.reviews.into_iter().map(|r| {
                            let id = r.review_id.to_string();
                            view! {
                                <li class="card review">
                                    <p><span aria-label=format!("{} out of 5 stars", r.rating)>{stars(r.rating)}</span>
                                        " · " <a href=format!("/members/{}", r.author_username)>{r.author_name.clone()}</a>
                                        <span class="muted">{format!(" · {}", r.updated_at.format("%e %b %Y"))}</span>
                                        {r.flagged.then(|| view! { " " <span class="badge">"flagged for review"</span> })}</p>
                                    {(!r.body.is_empty()).then(|| view! { <p class="bio">{r.body.clone()}</p> })}
                                    {if r.is_mine {
                                        view! {
                                            <ActionForm action=decide attr:class="inline-form">
                                                <input type="hidden" name="id" value=id.clone()/>
                                                <input type="hidden" name="decision" value="remove"/>
                                                <button type="submit" class="button button-quiet">"Delete my review"</button>
                                            </ActionForm>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <details class="report-box">
                                                <summary>"Flag this review"</summary>
                                                <ActionForm action=flag attr:class="form">
                                                    <input type="hidden" name="id" value=id.clone()/>
                                                    <div class="field">
                                                        <label for=format!("f-flag-{id}")>"What is wrong with it?"</label>
                                                        <input id=format!("f-flag-{id}") name="reason" type="text" maxlength="500"/>
                                                    </div>
                                                    <button type="submit" class="button">"Flag for moderators"</button>
                                                </ActionForm>
                                            </details>
                                        }.into_any()
                                    }}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
