//! The HTML shell, the root component and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};

use crate::auth::pages::{LoginPage, PasswordPage, SignupPage};
use crate::events::pages::{
    AttendeesPage, CalendarFeedPage, CalendarPage, EditEventPage, EventPage, EventsPage, MyEventsPage, NewEventPage,
};
use crate::feed::pages::{BookmarksPage, ChakraPage, ExplorePage, FeedPage, LatestPage, PostPage, SearchPage, TagPage};
use crate::members::pages::{EditProfilePage, MembersPage, ProfilePage};
use crate::notifications::pages::{MutesPage, NotificationsPage};
use crate::oracle::pages::{
    CardPage, CardsPage, GuidePage, HistoryPage, JournalPage, OraclePage, QuestionnairePage, ReadingPage,
};
use crate::ui::{home_page::HomePage, layout::AppLayout, status::NotFound, theme::initial_theme};

pub fn shell(options: LeptosOptions) -> impl IntoView {
    let theme = initial_theme().key();
    view! {
        <!DOCTYPE html>
        <html lang="en" data-theme=theme>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <meta name="description" content="Kindred: a home for practice communities."/>
                <meta name="theme-color" content="#5b46c9"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" type="image/png" href="/icons/icon-192.png"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <script src="/app.js" defer></script>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Stylesheet id="leptos" href="/pkg/kindred.css"/>
        <Title text="Kindred"/>
        <Meta name="color-scheme" content="light dark"/>
        <Link rel="preload" href="/icons/icon-192.png" as_="image"/>
        <Router>
            <AppLayout>
                // Async rendering: each page is sent once its data is loaded, complete as HTML
                // (readable and usable before or without the WASM bundle) and with the right
                // status code (404 for an unknown member, say).
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view=SignupPage ssr=SsrMode::Async/>
                    <Route path=path!("/members") view=MembersPage ssr=SsrMode::Async/>
                    <Route path=path!("/members/:username") view=ProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/profile") view=EditProfilePage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/password") view=PasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/feed") view=FeedPage ssr=SsrMode::Async/>
                    <Route path=path!("/explore") view=ExplorePage ssr=SsrMode::Async/>
                    <Route path=path!("/latest") view=LatestPage ssr=SsrMode::Async/>
                    <Route path=path!("/bookmarks") view=BookmarksPage ssr=SsrMode::Async/>
                    <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async/>
                    <Route path=path!("/tags/:tag") view=TagPage ssr=SsrMode::Async/>
                    <Route path=path!("/chakras/:chakra") view=ChakraPage ssr=SsrMode::Async/>
                    <Route path=path!("/posts/:id") view=PostPage ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view=NotificationsPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/notifications") view=MutesPage ssr=SsrMode::Async/>
                    <Route path=path!("/events") view=EventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/calendar") view=CalendarPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/mine") view=MyEventsPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/new") view=NewEventPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id") view=EventPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/edit") view=EditEventPage ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/attendees") view=AttendeesPage ssr=SsrMode::Async/>
                    <Route path=path!("/settings/calendar") view=CalendarFeedPage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle") view=OraclePage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/guide") view=GuidePage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/guide/questionnaire") view=QuestionnairePage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/readings") view=HistoryPage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/readings/:id") view=ReadingPage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/journal") view=JournalPage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/cards") view=CardsPage ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/cards/:slug") view=CardPage ssr=SsrMode::Async/>
                </Routes>
            </AppLayout>
        </Router>
    }
}
