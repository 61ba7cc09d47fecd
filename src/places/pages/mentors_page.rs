use leptos::prelude::*;
use leptos_meta::Title;

use crate::places::api::list_mentors;
use crate::ui::avatar::Avatar;
use crate::ui::status::{ErrorView, Loading};

/// Mentors taking sessions: verified and best rated first.
#[component]
pub fn MentorsPage() -> impl IntoView {
    let mentors = Resource::new(|| (), |_| list_mentors());
    view! {
        <Title text="Mentors · Kindred"/>
        <section class="page narrow-wide">
            <div class="page-head">
                <h1>"Mentors"</h1>
                <div class="actions">
                    <a class="button" href="/sessions">"My sessions"</a>
                    <a class="button" href="/settings/mentoring">"Offer mentoring"</a>
                </div>
            </div>
            <Suspense fallback=Loading>
                {move || mentors.get().map(|r| match r {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(list) if list.is_empty() => view! { <p class="empty-state">"No mentors are taking sessions yet. "<a href="/settings/mentoring">"Offer yours."</a></p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="people-list">
                            {list.into_iter().map(|m| view! {
                                <li class="card person">
                                    <Avatar name=m.display_name.clone() url=m.avatar.clone()/>
                                    <div>
                                        <a href=format!("/mentors/{}", m.username)>{m.display_name.clone()}</a>
                                        {m.verified.then(|| view! { " " <span class="badge badge-ok">"Verified"</span> })}
                                        <p class="muted">{m.title.clone()}{format!(" · {}", m.mode.label())}
                                            {(m.review_count > 0).then(|| format!(" · {:.1}★ ({})", m.rating, m.review_count))}</p>
                                        {(!m.specializations.is_empty()).then(|| view! {
                                            <ul class="chips">{m.specializations.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                                        })}
                                    </div>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
