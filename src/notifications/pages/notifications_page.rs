use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

use crate::error::AppError;
use crate::notifications::api::{get_notifications, MarkAllRead, OpenNotification};
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let query = use_query_map();
    let read_all = ServerAction::<MarkAllRead>::new();
    let open = ServerAction::<OpenNotification>::new();
    let page = Resource::new(
        move || (query.read().get("after"), read_all.version().get()),
        |(after, _)| get_notifications(after),
    );
    view! {
        <Title text="Notifications · Kindred"/>
        <section class="page narrow-wide">
            <h1>"Notifications"</h1>
            <Suspense fallback=Loading>
                {move || page.get().map(|p| match p {
                    Ok(p) => view! {
                        <div class="button-row">
                            {(p.unread > 0).then(|| view! {
                                <ActionForm action=read_all>
                                    <button type="submit" class="button">{format!("Mark all {} as read", p.unread)}</button>
                                </ActionForm>
                            })}
                            <a class="button button-quiet" href="/settings/notifications">"Choose what you hear about"</a>
                        </div>
                        {if p.notifications.is_empty() {
                            view! { <p class="empty-state">"Nothing yet. When people engage with you, you'll hear about it here."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="notification-list">
                                    {p.notifications.into_iter().map(|n| view! {
                                        <li class="notification" class:unread=!n.read>
                                            <ActionForm action=open>
                                                <input type="hidden" name="id" value=n.notification_id.to_string()/>
                                                <button type="submit" class="notification-open">
                                                    {(!n.read).then(|| view! { <span class="visually-hidden">"Unread: "</span> })}
                                                    {n.message.clone()}
                                                </button>
                                            </ActionForm>
                                            <time class="muted" datetime=n.created_at.to_rfc3339()>{n.created_at.format("%e %b, %H:%M UTC").to_string()}</time>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {p.next.map(|n| view! { <p><a class="button" href=format!("/notifications?after={n}")>"Older notifications"</a></p> })}
                    }.into_any(),
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/notifications"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
