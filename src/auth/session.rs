//! Who is signed in, shared with every page through context. The server function that reads
//! it (with the unread counts of other domains) is the app's: `app::session`.

use leptos::prelude::*;

use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

use super::api::LogOut;
use super::model::CurrentMember;
use crate::error::AppError;

/// Who is signed in and how many notifications wait for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub member: CurrentMember,
    pub unread: i64,
    /// Unread chat messages across the member's channels and conversations.
    pub chat_unread: i64,
}

/// The session as pages see it: the member resource and the logout action.
///
/// Login and sign-up actions live in their pages (inside `<Routes>`, where Leptos hands a
/// no-JavaScript form error back to the action) and refresh `member` when they succeed.
#[derive(Clone, Copy)]
pub struct SessionContext {
    pub member: Resource<Result<Option<SessionView>, AppError>>,
    pub log_out: ServerAction<LogOut>,
}

/// Call inside `<Router>`: the session reloads on every navigation, which keeps the unread
/// badge current without a resource of its own.
pub fn provide_session<F, Fut>(fetch: F) -> SessionContext
where
    F: Fn() -> Fut + Copy + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<Option<SessionView>, AppError>> + Send + 'static,
{
    let log_out = ServerAction::<LogOut>::new();
    let location = use_location();
    let member = Resource::new(move || (log_out.version().get(), location.pathname.get()), move |_| fetch());
    let ctx = SessionContext { member, log_out };
    provide_context(ctx);
    // Live updates: public/app.js keeps a WebSocket open while someone is signed in and raises
    // `kindred:notification` when one arrives (or after a reconnect); the badge re-reads then.
    crate::ui::live::on_live(&["kindred:notification", "kindred:chat-unread"], move || member.refetch());
    ctx
}

pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

impl SessionContext {
    /// The signed-in member, once known (None while loading or signed out).
    pub fn current(&self) -> Option<CurrentMember> {
        self.member.get().and_then(|r| r.ok()).flatten().map(|s| s.member)
    }

    pub fn unread(&self) -> i64 {
        self.member.get().and_then(|r| r.ok()).flatten().map(|s| s.unread).unwrap_or(0)
    }

    pub fn chat_unread(&self) -> i64 {
        self.member.get().and_then(|r| r.ok()).flatten().map(|s| s.chat_unread).unwrap_or(0)
    }

    /// Reloads who is signed in whenever `action` succeeds.
    pub fn refresh_after<S, O>(&self, action: ServerAction<S>)
    where
        S: leptos::server_fn::ServerFn<Output = O, Error = AppError> + Clone + Send + Sync + 'static,
        O: Clone + Send + Sync + 'static,
    {
        let member = self.member;
        Effect::new(move |_| {
            if let Some(Ok(_)) = action.value().get() {
                member.refetch();
            }
        });
    }
}
