use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::error::AppError;
use crate::events::api::{get_calendar_feed, ChangeCalendarFeed};
use crate::ui::forms::{action_error, FormAlert};
use crate::ui::settings_nav::SettingsNav;
use crate::ui::status::{ErrorView, Loading};

/// The private calendar feed: a secret link calendar apps subscribe to.
#[component]
pub fn CalendarFeedPage() -> impl IntoView {
    let change = ServerAction::<ChangeCalendarFeed>::new();
    let error = action_error(change);
    let feed = Resource::new(move || change.version().get(), |_| get_calendar_feed());
    view! {
        <Title text="Calendar feed · Kindred"/>
        <section class="page narrow">
            <h1>"Settings"</h1>
            <SettingsNav/>
            <h2>"Calendar feed"</h2>
            <p>"Subscribe to this private link in Google Calendar, Apple Calendar or any calendar app to see the events you're going to or interested in. Anyone with the link can see those events, so keep it to yourself."</p>
            <FormAlert error/>
            <Suspense fallback=Loading>
                {move || feed.get().map(|r| match r {
                    Ok(f) => match f.path {
                        Some(path) => view! {
                            <div class="field">
                                <label for="f-feed-url">"Your calendar link"</label>
                                <input id="f-feed-url" readonly=true value=path.clone() data-absolute-url="true"/>
                                <p class="hint">"Add the site address in front if your app asks for a full URL."</p>
                            </div>
                            <p><a href=path.clone()>"Download it now (.ics)"</a></p>
                            <div class="button-row">
                                <ActionForm action=change attr:class="inline-form">
                                    <input type="hidden" name="action" value="reset"/>
                                    <button type="submit" class="button">"Make a new link"</button>
                                </ActionForm>
                                <ActionForm action=change attr:class="inline-form">
                                    <input type="hidden" name="action" value="revoke"/>
                                    <button type="submit" class="button button-danger">"Turn off the link"</button>
                                </ActionForm>
                            </div>
                            <p class="hint">"A new link stops the old one working."</p>
                        }.into_any(),
                        None => view! {
                            <ActionForm action=change attr:class="inline-form">
                                <input type="hidden" name="action" value="reset"/>
                                <button type="submit" class="button button-primary">"Create my calendar link"</button>
                            </ActionForm>
                        }.into_any(),
                    },
                    Err(AppError::Unauthorized) => view! { <Redirect path="/login?next=/settings/calendar"/> }.into_any(),
                    Err(e) => view! { <ErrorView error=e/> }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
