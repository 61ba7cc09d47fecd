//! Reviews of places and mentors that members flagged, on the moderation page.

use leptos::prelude::*;

use crate::places::api::{get_flagged_reviews, DecideReview};
use crate::ui::status::{ErrorView, Loading};

/// Reviews of places and mentors that members flagged.
#[component]
pub fn FlaggedReviews() -> impl IntoView {
    let decide = ServerAction::<DecideReview>::new();
    let flagged = Resource::new(move || decide.version().get(), |_| get_flagged_reviews());
    view! {
        <h2>"Flagged reviews"</h2>
        <Transition fallback=Loading>
            {move || flagged.get().map(|r| match r {
                Err(e) => view! { <ErrorView error=e/> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p class="empty-state">"No flagged reviews."</p> }.into_any(),
                Ok(list) => view! {
                    <ul class="people-list">
                        {list.into_iter().map(|f| {
                            let (id, keep_id) = (f.review_id.to_string(), f.review_id.to_string());
                            view! {
                                <li class="card queue-item">
                                    <p><a href=f.link.clone()>{format!("Review of {}", f.about)}</a>
                                        <span class="muted">{format!(" · {}★ by @{}", f.rating, f.author)}</span></p>
                                    <p class="quoted">{f.body.clone()}</p>
                                    {(!f.reason.is_empty()).then(|| view! { <p class="request-note">{format!("Flagged: {}", f.reason)}</p> })}
                                    <div class="decisions">
                                        <ActionForm action=decide attr:class="inline-form">
                                            <input type="hidden" name="id" value=id/>
                                            <input type="hidden" name="decision" value="remove"/>
                                            <button type="submit" class="button button-danger">"Remove review"</button>
                                        </ActionForm>
                                        <ActionForm action=decide attr:class="inline-form">
                                            <input type="hidden" name="id" value=keep_id/>
                                            <input type="hidden" name="decision" value="keep"/>
                                            <button type="submit" class="button button-quiet">"Keep review"</button>
                                        </ActionForm>
                                    </div>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            })}
        </Transition>
    }
}
