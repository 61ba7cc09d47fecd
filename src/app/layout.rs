//! The app frame: a side navigation on wide screens that becomes a bottom tab bar on phones
//! (five tabs at most, the last a "More" sheet).

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::auth::model::CurrentMember;
use crate::auth::session::{provide_session, use_session};
use crate::ui::icons::{Icon, IconSvg};
use crate::ui::theme::ThemeToggle;

#[component]
fn NavItem(#[prop(into)] href: String, #[prop(into)] label: String, icon: Icon) -> impl IntoView {
    view! {
        <li>
            <A href=href attr:class="nav-link">
                <IconSvg icon/>
                <span class="nav-label">{label}</span>
            </A>
        </li>
    }
}

/// "Chat", with the number of unread messages across channels and conversations.
#[component]
fn ChatNavItem(unread: i64) -> impl IntoView {
    let label = match unread {
        0 => "Chat".to_string(),
        n => format!("Chat, {n} unread"),
    };
    view! {
        <li>
            <A href="/chat" attr:class="nav-link" attr:aria-label=label>
                <IconSvg icon=Icon::Chat/>
                <span class="nav-label">"Chat"</span>
                {(unread > 0).then(|| view! {
                    <span class="badge-count nav-badge" aria-hidden="true">{if unread > 99 { "99+".to_string() } else { unread.to_string() }}</span>
                })}
            </A>
        </li>
    }
}

#[component]
pub fn LogOutButton() -> impl IntoView {
    let session = use_session();
    view! {
        <ActionForm action=session.log_out attr:class="logout-form">
            <button type="submit" class="button button-quiet">"Log out"</button>
        </ActionForm>
    }
}

/// One link of the navigation, by where it goes, what it says and its icon.
#[derive(Clone)]
struct Link {
    href: String,
    label: &'static str,
    icon: Icon,
}

fn link(href: impl Into<String>, label: &'static str, icon: Icon) -> Link {
    Link { href: href.into(), label, icon }
}

/// The rest of the app, after the tabs: what "More" opens on a phone, listed on wide screens.
fn secondary(me: Option<&CurrentMember>) -> Vec<Link> {
    let mut links = vec![
        link("/communities", "Communities", Icon::People),
        link("/members", "Members", Icon::Person),
        link("/practice", "Practice", Icon::Lotus),
        link("/oracle", "Oracle", Icon::Moon),
    ];
    match me {
        Some(me) => {
            links.insert(0, link("/places", "Places", Icon::Pin));
            links.push(link("/assistant", "Assistant", Icon::Spark));
            links.push(link(format!("/members/{}", me.username), "Profile", Icon::Person));
            links.push(link("/settings/profile", "Settings", Icon::Settings));
            if me.site_role.can_moderate() {
                links.push(link("/moderation", "Moderation", Icon::Shield));
            }
        }
        None => {
            links.push(link("/login", "Log in", Icon::LogIn));
            links.push(link("/signup", "Sign up", Icon::Spark));
        }
    }
    links
}

/// Five tabs at most on a phone — Today, Feed, Chat (or Places for visitors), Events and
/// "More", a sheet with the rest; on wide screens every link is listed in the side bar.
#[component]
fn Navigation() -> impl IntoView {
    let session = use_session();
    let location = use_location();
    // In-app navigation closes the sheet (a plain link reload starts closed anyway).
    let sheet_open = move || {
        location.pathname.track();
        false
    };
    view! {
        <nav class="app-nav" aria-label="Main">
            <Transition fallback=|| view! { <ul class="nav-list"></ul> }>
                {move || {
                    let me = session.current();
                    let third = match &me {
                        Some(_) => view! { <ChatNavItem unread=session.chat_unread()/> }.into_any(),
                        None => view! { <NavItem href="/places" label="Places" icon=Icon::Pin/> }.into_any(),
                    };
                    let more = secondary(me.as_ref());
                    let wide = more.clone();
                    view! {
                        <ul class="nav-list">
                            <NavItem href="/" label="Today" icon=Icon::Home/>
                            <NavItem href="/feed" label="Feed" icon=Icon::Feed/>
                            {third}
                            <NavItem href="/events" label="Events" icon=Icon::Calendar/>
                            <li class="nav-more-item">
                                <details class="nav-more" prop:open=sheet_open>
                                    <summary class="nav-link">
                                        <IconSvg icon=Icon::More/>
                                        <span class="nav-label">"More"</span>
                                    </summary>
                                    <ul class="more-sheet">
                                        {more.into_iter().map(|l| view! { <NavItem href=l.href label=l.label icon=l.icon/> }).collect_view()}
                                    </ul>
                                </details>
                            </li>
                            {wide.into_iter().map(|l| view! {
                                <li class="nav-wide-only">
                                    <A href=l.href attr:class="nav-link">
                                        <IconSvg icon=l.icon/>
                                        <span class="nav-label">{l.label}</span>
                                    </A>
                                </li>
                            }).collect_view()}
                        </ul>
                    }
                }}
            </Transition>
        </nav>
    }
}

/// The bell in the header, with the unread count (part of the session, so no extra request).
#[component]
fn NotificationBell(unread: i64) -> impl IntoView {
    let label = match unread {
        0 => "Notifications".to_string(),
        n => format!("Notifications, {n} unread"),
    };
    view! {
        <a class="bell" href="/notifications" aria-label=label>
            <IconSvg icon=Icon::Bell/>
            {(unread > 0).then(|| view! { <span class="badge-count" aria-hidden="true">{unread}</span> })}
        </a>
    }
}

#[component]
pub fn AppLayout(children: Children) -> impl IntoView {
    let session = provide_session(super::session::get_session);
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="app-frame">
            <header class="app-header">
                <a class="brand" href="/">
                    <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                    <span>"Kindred"</span>
                </a>
                <div class="header-actions">
                    <a class="bell" href="/search" aria-label="Search"><IconSvg icon=Icon::Search/></a>
                    <ThemeToggle/>
                    <Transition fallback=|| ()>
                        {move || session.current().map(|me| view! {
                            <NotificationBell unread=session.unread()/>
                            <span class="signed-in-as">"Signed in as "<strong>{me.display_name}</strong></span>
                            <LogOutButton/>
                        })}
                    </Transition>
                </div>
            </header>
            <Navigation/>
            <main id="main" class="app-main" tabindex="-1">{children()}</main>
        </div>
    }
}
