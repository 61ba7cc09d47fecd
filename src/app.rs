//! The HTML shell, the root component and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    lazy_route, path, Lazy, LazyRoute, SsrMode,
};

use crate::auth::pages::{LoginPage, PasswordPage, SignupPage};
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
                    <Route path=path!("/login") view={Lazy::<LoginRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/signup") view={Lazy::<SignupRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members") view={Lazy::<MembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members/:username") view={Lazy::<ProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings/profile") view={Lazy::<EditProfileRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings/password") view={Lazy::<PasswordRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/feed") view={Lazy::<FeedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/explore") view={Lazy::<ExploreRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/latest") view={Lazy::<LatestRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/bookmarks") view={Lazy::<BookmarksRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/search") view={Lazy::<SearchRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/tags/:tag") view={Lazy::<TagRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/chakras/:chakra") view={Lazy::<ChakraRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/posts/:id") view={Lazy::<PostRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/notifications") view={Lazy::<NotificationsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings/notifications") view={Lazy::<MutesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle") view={Lazy::<OracleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/guide") view={Lazy::<GuideRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/guide/questionnaire") view={Lazy::<QuestionnaireRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/readings") view={Lazy::<HistoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/readings/:id") view={Lazy::<ReadingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/journal") view={Lazy::<JournalRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/cards") view={Lazy::<CardsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/cards/:slug") view={Lazy::<CardRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </AppLayout>
        </Router>
    }
}

/// Every page but the home page is a lazy route: its code (views, data types, their JSON
/// decoding) is split into its own WASM chunk by `cargo leptos build --split`, fetched when the
/// page is first shown — during hydration for the page the server rendered (the server adds a
/// preload link for it), on navigation otherwise. The first route, `/`, needs only the main
/// bundle. A new page belongs here too, then in the route table as `Lazy::<ItsRoute>::new()`.
macro_rules! lazy_pages {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    LoginRoute => LoginPage,
    SignupRoute => SignupPage,
    MembersRoute => MembersPage,
    ProfileRoute => ProfilePage,
    EditProfileRoute => EditProfilePage,
    PasswordRoute => PasswordPage,
    FeedRoute => FeedPage,
    ExploreRoute => ExplorePage,
    LatestRoute => LatestPage,
    BookmarksRoute => BookmarksPage,
    SearchRoute => SearchPage,
    TagRoute => TagPage,
    ChakraRoute => ChakraPage,
    PostRoute => PostPage,
    NotificationsRoute => NotificationsPage,
    MutesRoute => MutesPage,
    OracleRoute => OraclePage,
    GuideRoute => GuidePage,
    QuestionnaireRoute => QuestionnairePage,
    HistoryRoute => HistoryPage,
    ReadingRoute => ReadingPage,
    JournalRoute => JournalPage,
    CardsRoute => CardsPage,
    CardRoute => CardPage,
}
