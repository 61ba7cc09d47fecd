//! The app frame: a side navigation on wide screens that becomes a bottom tab bar on phones.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{Icon, IconSvg};
use super::session::use_session;
use super::theme::ThemeToggle;

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

#[component]
fn Navigation() -> impl IntoView {
    let session = use_session();
    view! {
        <nav class="app-nav" aria-label="Main">
            <ul class="nav-list">
                <NavItem href="/" label="Home" icon=Icon::Home/>
                <NavItem href="/feed" label="Feed" icon=Icon::Feed/>
                <Transition fallback=|| ()>
                    {move || session.current().map(|_| view! { <ChatNavItem unread=session.chat_unread()/> })}
                </Transition>
                <NavItem href="/events" label="Events" icon=Icon::Calendar/>
                <NavItem href="/places" label="Places" icon=Icon::Pin/>
                <NavItem href="/members" label="Members" icon=Icon::People/>
                <NavItem href="/oracle" label="Oracle" icon=Icon::Moon/>
                <Transition fallback=|| ()>
                    {move || match session.current() {
                        Some(me) => view! {
                            <NavItem href=format!("/members/{}", me.username) label="Profile" icon=Icon::Person/>
                            <NavItem href="/settings/profile" label="Settings" icon=Icon::Settings/>
                            {me.site_role.can_moderate().then(|| view! {
                                <NavItem href="/moderation" label="Moderation" icon=Icon::Shield/>
                            })}
                        }.into_any(),
                        None => view! {
                            <NavItem href="/login" label="Log in" icon=Icon::LogIn/>
                            <NavItem href="/signup" label="Sign up" icon=Icon::Spark/>
                        }.into_any(),
                    }}
                </Transition>
            </ul>
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
            <span aria-hidden="true">"🔔"</span>
            {(unread > 0).then(|| view! { <span class="badge-count" aria-hidden="true">{unread}</span> })}
        </a>
    }
}

#[component]
pub fn AppLayout(children: Children) -> impl IntoView {
    let session = super::session::provide_session();
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <div class="app-frame">
            <header class="app-header">
                <a class="brand" href="/">
                    <img src="/icons/icon-192.png" alt="" width="32" height="32"/>
                    <span>"Kindred"</span>
                </a>
                <div class="header-actions">
                    <a class="bell" href="/search" aria-label="Search"><span aria-hidden="true">"🔍"</span></a>
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
