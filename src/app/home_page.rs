//! The home page: "Today" for a member — each section a glance that links on — and a welcome
//! for visitors. Rendered on the server in full, so it is useful before (and without) the WASM.

use leptos::prelude::*;
use leptos_meta::Title;

use super::today::{get_home, Home, Today, Welcome};
use crate::events::pages::EventCardView;
use crate::ui::status::{ErrorView, Loading};

#[component]
pub fn HomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_home());
    view! {
        <Transition fallback=Loading>
            {move || home.get().map(|r| match r {
                Ok(Home::Member(today)) => view! { <TodayView today=*today/> }.into_any(),
                Ok(Home::Visitor(welcome)) => view! { <WelcomeView welcome/> }.into_any(),
                Err(error) => view! { <section class="page"><ErrorView error/></section> }.into_any(),
            })}
        </Transition>
    }
}

/// One section of the day: a heading, what there is, and a link to all of it.
#[component]
fn Section(
    id: &'static str,
    title: &'static str,
    href: &'static str,
    more: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card today-section" aria-labelledby=id>
            <div class="page-heading">
                <h2 id=id>{title}</h2>
                <a href=href class="button button-quiet">{more}</a>
            </div>
            {children()}
        </section>
    }
}

#[component]
fn TodayView(today: Today) -> impl IntoView {
    let Today { display_name, card, going, unread, mentions, streak, practice, posts } = today;
    let caught_up = unread.is_empty() && mentions.is_empty();
    view! {
        <Title text="Today · Kindred"/>
        <section class="page today">
            <h1>"Today"</h1>
            <p class="lead">{format!("Welcome back, {display_name}.")}</p>
            <div class="today-grid">
                <Section id="today-card" title="Today's card" href="/oracle" more="Oracle">
                    {match card {
                        Some(c) => view! {
                            <p class="today-card-name">{c.name}{c.reversed.then_some(" (reversed)")}</p>
                            <p>{c.title}</p>
                            {(!c.keywords.is_empty()).then(|| view! { <p class="muted">{c.keywords.join(" · ")}</p> })}
                        }.into_any(),
                        None => view! {
                            <p class="empty-state">"Your card for today is waiting."</p>
                            <p><a class="button button-primary" href="/oracle">"Draw today's card"</a></p>
                        }.into_any(),
                    }}
                </Section>
                <Section id="today-events" title="Your next events" href="/events/mine" more="My events">
                    {if going.is_empty() {
                        view! { <p class="empty-state">"Nothing planned yet. "<a href="/events">"Find a milonga, a class or a circle"</a>"."</p> }.into_any()
                    } else {
                        view! { <div class="event-list">{going.into_iter().map(|event| view! { <EventCardView event/> }).collect_view()}</div> }.into_any()
                    }}
                </Section>
                <Section id="today-unread" title="Waiting for you" href="/chat" more="Chat">
                    {caught_up.then(|| view! { <p class="empty-state">"You're all caught up."</p> })}
                    {(!unread.is_empty()).then(|| view! {
                        <ul class="plain-list today-list">
                            {unread.into_iter().map(|u| view! {
                                <li><a href=u.link>{u.label}</a>" "<span class="badge">{format!("{} unread", u.unread)}</span></li>
                            }).collect_view()}
                        </ul>
                    })}
                    {(!mentions.is_empty()).then(|| view! {
                        <h3 class="today-subheading">"Mentions"</h3>
                        <ul class="plain-list today-list">
                            {mentions.into_iter().map(|m| view! { <li><a href=m.link>{m.message}</a></li> }).collect_view()}
                        </ul>
                    })}
                </Section>
                <Section id="today-streak" title="Check-in streak" href="/journey" more="Your journey">
                    {if streak.check_ins == 0 {
                        view! { <p class="empty-state">"Check in at a place to start a streak. "<a href="/places">"Places near you"</a></p> }.into_any()
                    } else {
                        view! {
                            <p class="today-figure">{format!("{} day{}", streak.current, if streak.current == 1 { "" } else { "s" })}</p>
                            <p class="muted">{format!("Longest {} · {} check-ins in all", streak.longest, streak.check_ins)}</p>
                        }.into_any()
                    }}
                </Section>
                <Section id="today-practice" title="Practice streak" href="/practice/me" more="My practice">
                    {if practice.longest == 0 {
                        view! { <p class="empty-state">"Practise and check in daily to grow a streak. "<a href="/practice">"Choose a technique"</a></p> }.into_any()
                    } else {
                        view! {
                            <p class="today-figure">{format!("{} day{}", practice.current, if practice.current == 1 { "" } else { "s" })}</p>
                            <p class="muted">{format!("Longest {} · {} freeze{} held", practice.longest, practice.freezes, if practice.freezes == 1 { "" } else { "s" })}</p>
                            {(!practice.checked_in_today).then(|| view! { <a href="/practice/me#check-in">"Check in for today"</a> })}
                        }.into_any()
                    }}
                </Section>
                <Section id="today-posts" title="From your people" href="/feed" more="Your feed">
                    {if posts.is_empty() {
                        view! { <p class="empty-state">"No new posts from the people you follow. "<a href="/explore">"Explore"</a></p> }.into_any()
                    } else {
                        view! {
                            <ul class="plain-list today-list">
                                {posts.into_iter().map(|p| view! {
                                    <li>
                                        <a href=format!("/members/{}", p.username)><strong>{p.author}</strong></a>
                                        " "<a href=format!("/posts/{}", p.post_id)>{p.excerpt}</a>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </Section>
            </div>
        </section>
    }
}

#[component]
fn WelcomeView(welcome: Welcome) -> impl IntoView {
    view! {
        <Title text="Kindred · a home for practice communities"/>
        <section class="page hero">
            <h1>"A home for practice communities"</h1>
            <p class="lead">
                "Kindred brings tango dancers, meditation circles, wellness groups and energy-practice "
                "learners together: one account for your people, your practice and your gatherings."
            </p>
            <div class="button-row">
                <a class="button button-primary" href="/signup">"Create your account"</a>
                <a class="button" href="/login">"Log in"</a>
            </div>
        </section>
        <div class="today-grid">
            <Section id="welcome-events" title="Coming up" href="/events" more="All events">
                {if welcome.events.is_empty() {
                    view! { <p class="empty-state">"No public events yet."</p> }.into_any()
                } else {
                    view! { <div class="event-list">{welcome.events.into_iter().map(|event| view! { <EventCardView event/> }).collect_view()}</div> }.into_any()
                }}
            </Section>
            <Section id="welcome-communities" title="Communities" href="/signup" more="Join to see them all">
                {if welcome.communities.is_empty() {
                    view! { <p class="empty-state">"No public communities yet."</p> }.into_any()
                } else {
                    view! {
                        <ul class="plain-list today-list">
                            {welcome.communities.into_iter().map(|c| view! {
                                <li>
                                    <a href=format!("/c/{}", c.slug)><strong>{c.name}</strong></a>
                                    <span class="muted">{format!(" · {} member{}", c.member_count, if c.member_count == 1 { "" } else { "s" })}</span>
                                    {(!c.description.is_empty()).then(|| view! { <p class="muted">{c.description}</p> })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Section>
        </div>
    }
}
