//! The HTML shell, the root component and the route table, with the app frame (navigation),
//! the home page and the session resource: the top of the tree, which may use every domain.

use leptos::{lazy, prelude::*};
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, LazyRoute, SsrMode,
};

use crate::auth::pages::{LoginPage, PasswordPage, SignupPage};
use crate::chat::pages::{ChatHomePage, ChatPage};
use crate::communities::pages::{
    CommunitiesPage, CommunityMembersPage, CommunityPage, CommunitySettingsPage, InvitePage,
};
use crate::events::pages::{
    AttendeesPage, CalendarFeedPage, CalendarPage, EditEventPage, EventPage, EventsPage, MyEventsPage, NewEventPage,
};
use crate::feed::pages::{BookmarksPage, ChakraPage, ExplorePage, FeedPage, LatestPage, PostPage, SearchPage, TagPage};
use crate::members::pages::{EditProfilePage, MembersPage, ProfilePage};
use crate::moderation::pages::ModerationPage;
use crate::notifications::pages::{MutesPage, NotificationsPage};
use crate::oracle::pages::{
    CardPage, CardsPage, GuidePage, HistoryPage, JournalPage, OraclePage, QuestionnairePage, ReadingPage,
};
use crate::people::pages::{FollowersPage, FollowingPage, PeoplePage};
use crate::places::pages::{
    EditPlacePage, JourneyPage, MentorPage, MentoringSettingsPage, MentorsPage, NewPlacePage, PlacePage, PlacesPage,
    RedeemPage, SessionsPage,
};
use crate::practice::pages::{
    AchievementsPage, BuddiesPage, ChallengePage, ChallengesPage, LeaderboardsPage, LibraryPage, ManageLibraryPage,
    MyPracticePage, NewChallengePage, PeerPracticePage, PrivacyPage, ReferralsPage, ReviewsPage, TechniqueEditorPage,
    TechniquePage, TogetherPage,
};
use crate::ui::{status::NotFound, theme::initial_theme};
use home_page::HomePage;
use layout::AppLayout;

mod community;
mod home_page;
mod layout;
pub mod session;
pub mod today;

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
                <script src="/map.js" defer></script>
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
                    <Route path=path!("/members/:username/followers") view={Lazy::<FollowersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/members/:username/following") view={Lazy::<FollowingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/people") view={Lazy::<PeopleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/moderation") view={Lazy::<ModerationRoute>::new()} ssr=SsrMode::Async/>
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
                    <Route path=path!("/events") view={Lazy::<EventsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/events/calendar") view={Lazy::<CalendarRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/events/mine") view={Lazy::<MyEventsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/events/new") view={Lazy::<NewEventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id") view={Lazy::<EventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/edit") view={Lazy::<EditEventRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/events/:id/attendees") view={Lazy::<AttendeesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings/calendar") view={Lazy::<CalendarFeedRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/places") view={Lazy::<PlacesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/places/new") view={Lazy::<NewPlaceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/places/redeem") view={Lazy::<RedeemRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/places/:id") view={Lazy::<PlaceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/places/:id/edit") view={Lazy::<EditPlaceRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/journey") view={Lazy::<JourneyRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mentors") view={Lazy::<MentorsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mentors/:username") view={Lazy::<MentorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings/mentoring") view={Lazy::<MentoringSettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/sessions") view={Lazy::<SessionsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/communities") view={Lazy::<CommunitiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/c/:slug") view={Lazy::<CommunityRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/c/:slug/members") view={Lazy::<CommunityMembersRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/c/:slug/settings") view={Lazy::<CommunitySettingsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:code") view={Lazy::<InviteRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/chat") view={Lazy::<ChatHomeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/chat/:id") view={Lazy::<ChatRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle") view={Lazy::<OracleRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/guide") view={Lazy::<GuideRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/guide/questionnaire") view={Lazy::<QuestionnaireRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/readings") view={Lazy::<HistoryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/readings/:id") view={Lazy::<ReadingRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/journal") view={Lazy::<JournalRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/cards") view={Lazy::<CardsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/oracle/cards/:slug") view={Lazy::<CardRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice") view={Lazy::<LibraryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/me") view={Lazy::<MyPracticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/achievements") view={Lazy::<AchievementsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/t/:slug") view={Lazy::<TechniqueRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/leaderboards") view={Lazy::<LeaderboardsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/challenges") view={Lazy::<ChallengesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/challenges/new") view={Lazy::<NewChallengeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/challenges/:id") view={Lazy::<ChallengeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/buddies") view={Lazy::<BuddiesRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/referrals") view={Lazy::<ReferralsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/together") view={Lazy::<TogetherRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/assistant") view={Lazy::<AssistantRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/manage") view={Lazy::<ManageLibraryRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/techniques/new") view={Lazy::<TechniqueEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/t/:slug/edit") view={Lazy::<TechniqueEditorRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/reviews") view={Lazy::<ReviewsRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/practice/m/:username") view={Lazy::<PeerPracticeRoute>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/settings/privacy") view={Lazy::<PrivacyRoute>::new()} ssr=SsrMode::Async/>
                </Routes>
            </AppLayout>
        </Router>
    }
}

// Every page but the home page is a lazy route. Its code (views, data types and their JSON
// decoding, actions) lives in a separate WASM chunk that `cargo leptos build --split` cuts out of
// the bundle: the first route, `/`, hydrates with the main bundle alone, and a page's chunk is
// fetched when that page is first shown — during hydration for the page the server rendered (the
// server adds preload links for it), on navigation otherwise.
//
// Pages are grouped by area, one split function per group, so a page needs a handful of chunk
// files rather than dozens (code shared by several split functions becomes chunks of its own).
// A new page: add it to its area's enum and function below, then to the route table as
// `view={Lazy::<ItsRoute>::new()}`. A page outside any `#[lazy]` function lands in the main
// bundle that every route pays for.

macro_rules! lazy_routes {
    ($group:ident, $preload:ident, $pages:ident { $($route:ident),* $(,)? }) => {
        #[derive(Clone, Copy)]
        pub enum $pages {
            $($route),*
        }
        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $group($pages::$route).await
                }

                async fn preload() {
                    #[cfg(feature = "hydrate")]
                    $preload().await;
                }
            }
        )*
    };
}

lazy_routes!(account_pages, __preload_account_pages, AccountPages { LoginRoute, SignupRoute, PasswordRoute });

#[lazy]
fn account_pages(page: AccountPages) -> AnyView {
    match page {
        AccountPages::LoginRoute => view! { <LoginPage/> }.into_any(),
        AccountPages::SignupRoute => view! { <SignupPage/> }.into_any(),
        AccountPages::PasswordRoute => view! { <PasswordPage/> }.into_any(),
    }
}

lazy_routes!(
    member_pages,
    __preload_member_pages,
    MemberPages { MembersRoute, ProfileRoute, EditProfileRoute, FollowersRoute, FollowingRoute, PeopleRoute }
);

#[lazy]
fn member_pages(page: MemberPages) -> AnyView {
    match page {
        MemberPages::MembersRoute => view! { <MembersPage/> }.into_any(),
        MemberPages::ProfileRoute => view! { <ProfilePage/> }.into_any(),
        MemberPages::EditProfileRoute => view! { <EditProfilePage/> }.into_any(),
        MemberPages::FollowersRoute => view! { <FollowersPage/> }.into_any(),
        MemberPages::FollowingRoute => view! { <FollowingPage/> }.into_any(),
        MemberPages::PeopleRoute => view! { <PeoplePage/> }.into_any(),
    }
}

lazy_routes!(
    feed_pages,
    __preload_feed_pages,
    FeedPages {
        FeedRoute,
        ExploreRoute,
        LatestRoute,
        BookmarksRoute,
        SearchRoute,
        TagRoute,
        ChakraRoute,
        PostRoute,
        ModerationRoute
    }
);

#[lazy]
fn feed_pages(page: FeedPages) -> AnyView {
    match page {
        FeedPages::FeedRoute => view! { <FeedPage/> }.into_any(),
        FeedPages::ExploreRoute => view! { <ExplorePage/> }.into_any(),
        FeedPages::LatestRoute => view! { <LatestPage/> }.into_any(),
        FeedPages::BookmarksRoute => view! { <BookmarksPage/> }.into_any(),
        FeedPages::SearchRoute => view! { <SearchPage/> }.into_any(),
        FeedPages::TagRoute => view! { <TagPage/> }.into_any(),
        FeedPages::ChakraRoute => view! { <ChakraPage/> }.into_any(),
        FeedPages::PostRoute => view! { <PostPage/> }.into_any(),
        FeedPages::ModerationRoute => view! { <ModerationPage sections=moderation_sections/> }.into_any(),
    }
}

lazy_routes!(
    place_pages,
    __preload_place_pages,
    PlacePages {
        PlacesRoute,
        NewPlaceRoute,
        RedeemRoute,
        PlaceRoute,
        EditPlaceRoute,
        JourneyRoute,
        MentorsRoute,
        MentorRoute,
        MentoringSettingsRoute,
        SessionsRoute
    }
);

#[lazy]
fn place_pages(page: PlacePages) -> AnyView {
    match page {
        PlacePages::PlacesRoute => view! { <PlacesPage/> }.into_any(),
        PlacePages::NewPlaceRoute => view! { <NewPlacePage/> }.into_any(),
        PlacePages::RedeemRoute => view! { <RedeemPage/> }.into_any(),
        PlacePages::PlaceRoute => view! { <PlacePage/> }.into_any(),
        PlacePages::EditPlaceRoute => view! { <EditPlacePage/> }.into_any(),
        PlacePages::JourneyRoute => view! { <JourneyPage/> }.into_any(),
        PlacePages::MentorsRoute => view! { <MentorsPage/> }.into_any(),
        PlacePages::MentorRoute => view! { <MentorPage/> }.into_any(),
        PlacePages::MentoringSettingsRoute => view! { <MentoringSettingsPage/> }.into_any(),
        PlacePages::SessionsRoute => view! { <SessionsPage/> }.into_any(),
    }
}

lazy_routes!(assistant_pages, __preload_assistant_pages, AssistantPages { AssistantRoute });

#[lazy]
fn assistant_pages(page: AssistantPages) -> AnyView {
    match page {
        AssistantPages::AssistantRoute => view! { <crate::assistant::pages::AssistantPage/> }.into_any(),
    }
}

lazy_routes!(notification_pages, __preload_notification_pages, NotificationPages { NotificationsRoute, MutesRoute });

#[lazy]
fn notification_pages(page: NotificationPages) -> AnyView {
    match page {
        NotificationPages::NotificationsRoute => view! { <NotificationsPage/> }.into_any(),
        NotificationPages::MutesRoute => view! { <MutesPage/> }.into_any(),
    }
}

lazy_routes!(
    event_pages,
    __preload_event_pages,
    EventPages {
        EventsRoute,
        CalendarRoute,
        MyEventsRoute,
        NewEventRoute,
        EventRoute,
        EditEventRoute,
        AttendeesRoute,
        CalendarFeedRoute,
    }
);

#[lazy]
fn event_pages(page: EventPages) -> AnyView {
    match page {
        EventPages::EventsRoute => view! { <EventsPage/> }.into_any(),
        EventPages::CalendarRoute => view! { <CalendarPage/> }.into_any(),
        EventPages::MyEventsRoute => view! { <MyEventsPage/> }.into_any(),
        EventPages::NewEventRoute => view! { <NewEventPage/> }.into_any(),
        EventPages::EventRoute => view! { <EventPage/> }.into_any(),
        EventPages::EditEventRoute => view! { <EditEventPage/> }.into_any(),
        EventPages::AttendeesRoute => view! { <AttendeesPage/> }.into_any(),
        EventPages::CalendarFeedRoute => view! { <CalendarFeedPage/> }.into_any(),
    }
}

lazy_routes!(
    oracle_pages,
    __preload_oracle_pages,
    OraclePages {
        OracleRoute,
        GuideRoute,
        QuestionnaireRoute,
        HistoryRoute,
        ReadingRoute,
        JournalRoute,
        CardsRoute,
        CardRoute,
    }
);

#[lazy]
fn oracle_pages(page: OraclePages) -> AnyView {
    match page {
        OraclePages::OracleRoute => view! { <OraclePage/> }.into_any(),
        OraclePages::GuideRoute => view! { <GuidePage/> }.into_any(),
        OraclePages::QuestionnaireRoute => view! { <QuestionnairePage/> }.into_any(),
        OraclePages::HistoryRoute => view! { <HistoryPage/> }.into_any(),
        OraclePages::ReadingRoute => view! { <ReadingPage/> }.into_any(),
        OraclePages::JournalRoute => view! { <JournalPage/> }.into_any(),
        OraclePages::CardsRoute => view! { <CardsPage/> }.into_any(),
        OraclePages::CardRoute => view! { <CardPage/> }.into_any(),
    }
}

lazy_routes!(
    community_pages,
    __preload_community_pages,
    CommunityPages {
        CommunitiesRoute,
        CommunityRoute,
        CommunityMembersRoute,
        CommunitySettingsRoute,
        InviteRoute,
        ChatHomeRoute,
        ChatRoute,
    }
);

#[lazy]
fn community_pages(page: CommunityPages) -> AnyView {
    match page {
        CommunityPages::CommunitiesRoute => view! { <CommunitiesPage/> }.into_any(),
        CommunityPages::CommunityRoute => view! { <CommunityPage sections=community::home_sections/> }.into_any(),
        CommunityPages::CommunityMembersRoute => view! { <CommunityMembersPage/> }.into_any(),
        CommunityPages::CommunitySettingsRoute => {
            view! { <CommunitySettingsPage sections=community::settings_sections/> }.into_any()
        }
        CommunityPages::InviteRoute => view! { <InvitePage/> }.into_any(),
        CommunityPages::ChatHomeRoute => view! { <ChatHomePage/> }.into_any(),
        CommunityPages::ChatRoute => view! { <ChatPage/> }.into_any(),
    }
}

lazy_routes!(
    practice_pages,
    __preload_practice_pages,
    PracticePages {
        LibraryRoute,
        MyPracticeRoute,
        AchievementsRoute,
        TechniqueRoute,
        LeaderboardsRoute,
        ReviewsRoute,
        PeerPracticeRoute,
        PrivacyRoute,
        ChallengesRoute,
        NewChallengeRoute,
        ChallengeRoute,
        BuddiesRoute,
        ReferralsRoute,
        ManageLibraryRoute,
        TechniqueEditorRoute,
        TogetherRoute
    }
);

#[lazy]
fn practice_pages(page: PracticePages) -> AnyView {
    match page {
        PracticePages::LibraryRoute => view! { <LibraryPage/> }.into_any(),
        PracticePages::MyPracticeRoute => view! { <MyPracticePage/> }.into_any(),
        PracticePages::AchievementsRoute => view! { <AchievementsPage/> }.into_any(),
        PracticePages::TechniqueRoute => view! { <TechniquePage/> }.into_any(),
        PracticePages::LeaderboardsRoute => view! { <LeaderboardsPage/> }.into_any(),
        PracticePages::ReviewsRoute => view! { <ReviewsPage/> }.into_any(),
        PracticePages::PeerPracticeRoute => view! { <PeerPracticePage/> }.into_any(),
        PracticePages::PrivacyRoute => view! { <PrivacyPage/> }.into_any(),
        PracticePages::ChallengesRoute => view! { <ChallengesPage/> }.into_any(),
        PracticePages::NewChallengeRoute => view! { <NewChallengePage/> }.into_any(),
        PracticePages::ChallengeRoute => view! { <ChallengePage/> }.into_any(),
        PracticePages::BuddiesRoute => view! { <BuddiesPage/> }.into_any(),
        PracticePages::ReferralsRoute => view! { <ReferralsPage/> }.into_any(),
        PracticePages::ManageLibraryRoute => view! { <ManageLibraryPage/> }.into_any(),
        PracticePages::TechniqueEditorRoute => view! { <TechniqueEditorPage/> }.into_any(),
        PracticePages::TogetherRoute => view! { <TogetherPage/> }.into_any(),
    }
}

/// What other domains add to the moderation page: places' flagged reviews.
fn moderation_sections() -> AnyView {
    view! { <crate::places::pages::FlaggedReviews/> }.into_any()
}
