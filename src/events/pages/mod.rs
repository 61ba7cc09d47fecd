//! Event pages: discovery (list and month calendar), the event page with RSVP and discussion,
//! the organiser's form, attendee list, "my events" and the private calendar feed.

mod attendees_page;
mod calendar_page;
mod event_card;
mod event_form;
mod event_page;
mod feed_settings_page;
mod list_page;
mod mine_page;

pub use attendees_page::AttendeesPage;
pub use calendar_page::CalendarPage;
pub use event_card::EventCardView;
pub use event_form::{EditEventPage, NewEventPage};
pub use event_page::EventPage;
pub use feed_settings_page::CalendarFeedPage;
pub use list_page::EventsPage;
pub use mine_page::MyEventsPage;

use leptos::prelude::*;
use leptos_router::components::A;

/// The tabs at the top of the event pages.
#[component]
fn EventTabs() -> impl IntoView {
    view! {
        <nav class="tabs" aria-label="Events">
            <A href="/events" exact=true>"Upcoming"</A>
            <A href="/events/calendar">"Calendar"</A>
            <A href="/events/mine">"My events"</A>
        </nav>
    }
}
