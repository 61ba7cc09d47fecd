//! Light / dark / system theme. The choice lives in a cookie so the server renders the right
//! colours on the first paint; the toggle works as a plain form without JavaScript.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

pub const THEME_COOKIE: &str = "kindred_theme";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn key(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn parse(raw: &str) -> Theme {
        match raw.trim() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::System,
        }
    }

    /// The theme the toggle switches to next.
    pub fn next(self) -> Theme {
        match self {
            Theme::System => Theme::Dark,
            Theme::Dark => Theme::Light,
            Theme::Light => Theme::System,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Theme::System => "System theme",
            Theme::Light => "Light theme",
            Theme::Dark => "Dark theme",
        }
    }

    /// Reads the theme cookie from a `Cookie` header value.
    pub fn from_cookie_header(header: &str) -> Theme {
        header
            .split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == THEME_COOKIE)
            .map(|(_, v)| Theme::parse(v))
            .unwrap_or(Theme::System)
    }
}

#[server(endpoint = "ui/theme")]
pub async fn set_theme(theme: String) -> Result<String, AppError> {
    let theme = Theme::parse(&theme);
    let cookie = format!("{THEME_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", theme.key());
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(&cookie)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
    Ok(theme.key().to_string())
}

/// The current theme as the page was rendered (server: from the cookie; browser: from `<html>`).
pub fn initial_theme() -> Theme {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok()).map(Theme::from_cookie_header)
            })
            .unwrap_or(Theme::System)
    }
    #[cfg(not(feature = "ssr"))]
    {
        document()
            .document_element()
            .and_then(|el| el.get_attribute("data-theme"))
            .map(|t| Theme::parse(&t))
            .unwrap_or(Theme::System)
    }
}

#[component]
pub fn ThemeToggle() -> impl IntoView {
    let theme = RwSignal::new(initial_theme());
    let action = ServerAction::<SetTheme>::new();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = action.value().get() {
            let chosen = Theme::parse(&chosen);
            theme.set(chosen);
            if let Some(root) = document().document_element() {
                let _ = root.set_attribute("data-theme", chosen.key());
            }
        }
    });
    view! {
        <ActionForm action attr:class="theme-form">
            <input type="hidden" name="theme" value=move || theme.get().next().key()/>
            <button
                type="submit"
                class="button button-quiet theme-toggle"
                aria-label=move || format!("Theme: {}. Switch to {}", theme.get().label(), theme.get().next().label())
            >
                <span aria-hidden="true">{move || match theme.get() { Theme::System => "◐", Theme::Light => "☀", Theme::Dark => "☾" }}</span>
                <span class="theme-label">{move || theme.get().label()}</span>
            </button>
        </ActionForm>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_cookie_is_read_among_others() {
        assert_eq!(Theme::from_cookie_header("a=1; kindred_theme=dark; b=2"), Theme::Dark);
        assert_eq!(Theme::from_cookie_header("kindred_theme=light"), Theme::Light);
        assert_eq!(Theme::from_cookie_header("kindred_theme=purple"), Theme::System);
        assert_eq!(Theme::from_cookie_header(""), Theme::System);
    }

    #[test]
    fn toggle_cycles_through_all_three() {
        assert_eq!(Theme::System.next().next().next(), Theme::System);
    }
}
