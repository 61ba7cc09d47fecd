use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use super::reading_view::ReadingView;
use crate::error::AppError;
use crate::oracle::api::{get_reading, DeleteReading};
use crate::ui::status::{ErrorView, Loading};

/// Sharing makes a feed post, so the feed owns that server function (`feed::api::share_reading`);
/// the oracle knows only its address. A plain form post: the server answers with a redirect to the
/// new post, before and after hydration alike.
pub const SHARE_READING_URL: &str = "/api/oracle/reading/share";

#[component]
pub fn ReadingPage() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.read().get("id").unwrap_or_default();
    let reading = Resource::new(id, get_reading);
    let delete = ServerAction::<DeleteReading>::new();
    view! {
        <Title text="Reading · Kindred"/>
        <section class="page">
            <Suspense fallback=Loading>
                {move || reading.get().map(|r| match r {
                    Ok(reading) => {
                        let rid = reading.reading_id.to_string();
                        let share_id = rid.clone();
                        let when = match reading.date {
                            Some(d) => format!("Daily reading for {}", d.format("%A %e %B %Y")),
                            None => format!("Drawn {}", reading.created_at.format("%e %B %Y, %H:%M UTC")),
                        };
                        view! {
                            <p class="muted">{when}</p>
                            <ReadingView reading/>
                            <div class="button-row">
                                <a class="button" href="/oracle/readings">"All readings"</a>
                                <form method="post" action=SHARE_READING_URL>
                                    <input type="hidden" name="id" value=share_id/>
                                    <button type="submit" class="button button-primary">"Share to the feed"</button>
                                </form>
                                <ActionForm action=delete>
                                    <input type="hidden" name="id" value=rid/>
                                    <button type="submit" class="button button-danger">"Delete this reading"</button>
                                </ActionForm>
                            </div>
                        }.into_any()
                    }
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/oracle/readings"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
