use leptos::prelude::*;
use leptos_meta::Title;

use super::widgets::ModerateButtons;
use crate::moderation::api::get_queue;
use crate::moderation::model::{Queue, QueueItem};
use crate::ui::status::{ErrorView, Loading};

/// The moderation queue: reported content, oldest report first, with every report's reason;
/// then the `sections` other domains add (places' flagged reviews), given by the app.
#[component]
pub fn ModerationPage(sections: fn() -> AnyView) -> impl IntoView {
    let (decisions, set_decisions) = signal(0u32);
    let queue = Resource::new(move || decisions.get(), |_| get_queue());
    view! {
        <Title text="Moderation · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Moderation"</h1>
            <p class="muted">"Reported posts and comments, oldest first. Hiding tells the author; restoring undoes it."</p>
            <Transition fallback=Loading>
                {move || queue.get().map(|q| match q {
                    Ok(q) => view! { <QueueView queue=q on_done=set_decisions/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Transition>
            {sections()}
        </section>
    }
}

#[component]
fn QueueView(queue: Queue, on_done: WriteSignal<u32>) -> impl IntoView {
    view! {
        <h2>{format!("Open reports ({})", queue.items.len())}</h2>
        {if queue.items.is_empty() {
            view! { <p class="empty-state">"Nothing to review. Reports will appear here."</p> }.into_any()
        } else {
            view! {
                <ul class="people-list">
                    {queue.items.into_iter().map(|item| view! { <QueueEntry item on_done/> }).collect_view()}
                </ul>
            }.into_any()
        }}
        <h2>"Recently decided"</h2>
        {if queue.recent.is_empty() {
            view! { <p class="empty-state">"No decisions yet."</p> }.into_any()
        } else {
            view! {
                <ul class="people-list">
                    {queue.recent.into_iter().map(|r| view! {
                        <li class="card queue-item">
                            <p><a href=format!("/posts/{}", r.post_id)>{format!("A {}", r.target.noun())}</a>
                                <span class="muted">{format!(" · {} by {} · {}", r.resolution, r.resolved_by, r.resolved_at.format("%e %b %H:%M UTC"))}</span></p>
                            <p class="quoted">{r.excerpt}</p>
                            <ModerateButtons target=r.target hidden=r.hidden on_done/>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
    }
}

#[component]
fn QueueEntry(item: QueueItem, on_done: WriteSignal<u32>) -> impl IntoView {
    let count = item.reports.len();
    view! {
        <li class="card queue-item">
            <p>
                <a href=format!("/posts/{}", item.post_id)>{format!("A {} by {}", item.target.noun(), item.author_name)}</a>
                <span class="muted">{format!(" · @{} · {} report{}", item.author_username, count, if count == 1 { "" } else { "s" })}</span>
                {item.hidden.then(|| view! { " " <span class="badge">"hidden"</span> })}
            </p>
            <div class="quoted" inner_html=item.body_html></div>
            <ul class="report-lines">
                {item.reports.into_iter().map(|r| view! {
                    <li>
                        <strong>{r.reason.label()}</strong>
                        <span class="muted">{format!(" — @{}, {}", r.reporter, r.created_at.format("%e %b %H:%M UTC"))}</span>
                        {(!r.details.is_empty()).then(|| view! { <p class="request-note">{r.details}</p> })}
                    </li>
                }).collect_view()}
            </ul>
            <ModerateButtons target=item.target hidden=item.hidden dismiss=true on_done/>
        </li>
    }
}
