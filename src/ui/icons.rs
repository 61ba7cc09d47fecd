//! Small inline icons (decorative: the text beside them names the link).

use leptos::prelude::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Home,
    People,
    Person,
    Settings,
    LogIn,
    Spark,
    Moon,
    Feed,
    Calendar,
    Shield,
    Pin,
    Chat,
    Search,
    Bell,
    More,
    Lotus,
}

impl Icon {
    fn path(self) -> &'static str {
        match self {
            Icon::Chat => "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Zm3 6v2h2v-2Zm4 0v2h2v-2Zm4 0v2h2v-2Z",
            Icon::Pin => "M12 2a7 7 0 0 0-7 7c0 5.2 7 13 7 13s7-7.8 7-13a7 7 0 0 0-7-7Zm0 9.5A2.5 2.5 0 1 1 12 6.5a2.5 2.5 0 0 1 0 5Z",
            Icon::Shield => "M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5Z",
            Icon::Home => "M3 11.5 12 4l9 7.5V20a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
            Icon::People => "M8 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm8 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM2 20c0-3.3 2.7-6 6-6s6 2.7 6 6Zm13 0c0-1.9-.7-3.6-1.9-4.9A5 5 0 0 1 22 19.5V20Z",
            Icon::Person => "M12 12a4.5 4.5 0 1 0 0-9 4.5 4.5 0 0 0 0 9Zm-8 9c0-4.4 3.6-7 8-7s8 2.6 8 7Z",
            Icon::Settings => "M12 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm8.6-2.1 1.9 1.5-2 3.4-2.3-.9a7.6 7.6 0 0 1-2 1.2L16 21h-4l-.4-2.4a7.6 7.6 0 0 1-2-1.2l-2.3.9-2-3.4 1.9-1.5a7.8 7.8 0 0 1 0-2.8L5.3 9.1l2-3.4 2.3.9a7.6 7.6 0 0 1 2-1.2L12 3h4l.4 2.4a7.6 7.6 0 0 1 2 1.2l2.3-.9 2 3.4-1.9 1.5a7.8 7.8 0 0 1 0 2.8Z",
            Icon::LogIn => "M10 17l5-5-5-5v3H3v4h7Zm3-14h6a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2h-6v-2h6V5h-6Z",
            Icon::Spark => "M12 2l2.2 6.8L21 11l-6.8 2.2L12 20l-2.2-6.8L3 11l6.8-2.2Z",
            Icon::Feed => "M4 4h16v4H4Zm0 6h16v4H4Zm0 6h10v4H4Z",
            Icon::Calendar => "M7 2h2v2h6V2h2v2h2a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2Zm-2 8v9h14v-9Zm2 2h4v4H7Z",
            Icon::Search => "M10.5 3a7.5 7.5 0 0 1 6 12l4.7 4.8-1.4 1.4-4.8-4.7A7.5 7.5 0 1 1 10.5 3Zm0 2a5.5 5.5 0 1 0 0 11 5.5 5.5 0 0 0 0-11Z",
            Icon::Bell => "M12 2a6 6 0 0 1 6 6v4.5l2 3.5H4l2-3.5V8a6 6 0 0 1 6-6Zm-2.5 16h5a2.5 2.5 0 0 1-5 0Z",
            Icon::More => "M5 10a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4Zm7 0a2 2 0 1 1 0 4 2 2 0 0 1 0-4Z",
            Icon::Moon => "M14.5 2.5a9.5 9.5 0 1 0 7 15.9A8 8 0 0 1 14.5 2.5Z",
            Icon::Lotus => "M12 3c1.8 1.9 2.8 4.3 2.8 6.8 0 2.3-.9 4.4-2.8 6.2-1.9-1.8-2.8-3.9-2.8-6.2C9.2 7.3 10.2 4.9 12 3ZM2 10c2.9-.1 5.3.8 7 2.6.9 1 1.6 2.3 2 3.7-2.8.5-5.3-.1-7.1-1.8C2.9 13.5 2.3 11.9 2 10Zm20 0c-.3 1.9-.9 3.5-1.9 4.5-1.8 1.7-4.3 2.3-7.1 1.8.4-1.4 1.1-2.7 2-3.7 1.7-1.8 4.1-2.7 7-2.6ZM4 19h16v2H4Z",
        }
    }
}

#[component]
pub fn IconSvg(icon: Icon) -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false">
            <path d=icon.path() fill="currentColor"/>
        </svg>
    }
}
