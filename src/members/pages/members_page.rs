use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::members::api::list_members;
use crate::ui::avatar::Avatar;
use crate::ui::status::{ErrorView, Loading};

/// The member directory, newest first. Paging is by link so it works without JavaScript.
#[component]
pub fn MembersPage() -> impl IntoView {
    let query = use_query_map();
    let after = move || query.read().get("after");
    let page = Resource::new(after, list_members);
    view! {
        <Title text="Members · Kindred"/>
        <section class="page">
            <nav class="tabs" aria-label="People">
                <a href="/members" aria-current="page">"Directory"</a>
                <a href="/people">"My connections"</a>
            </nav>
            <h1>"Members"</h1>
            <Suspense fallback=Loading>
                {move || page.get().map(|result| match result {
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                    Ok(page) if page.members.is_empty() => view! {
                        <p class="empty-state">"No members yet. " <a href="/signup">"Be the first."</a></p>
                    }.into_any(),
                    Ok(page) => view! {
                        <ul class="member-list">
                            {page.members.into_iter().map(|m| {
                                let place = [m.city.clone(), m.country.clone()].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                                view! {
                                    <li class="member-card">
                                        <Avatar name=m.display_name.clone() url=m.avatar.clone()/>
                                        <div>
                                            <a href=format!("/members/{}", m.username)>{m.display_name.clone()}</a>
                                            <p class="muted">"@" {m.username.clone()}
                                                {(!place.is_empty()).then(|| format!(" · {place}"))}
                                                {m.tango_role.map(|r| format!(" · {}", r.label()))}
                                            </p>
                                        </div>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {page.next.map(|next| view! {
                            <p><a class="button" href=format!("/members?after={next}")>"More members"</a></p>
                        })}
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
