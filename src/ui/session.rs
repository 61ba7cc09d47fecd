//! Who is signed in, shared with every page through context.

use leptos::prelude::*;

use leptos_router::hooks::use_location;
use serde::{Deserialize, Serialize};

use crate::auth::api::LogOut;
use crate::auth::model::CurrentMember;
use crate::error::AppError;

/// Who is signed in and how many notifications wait for them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub member: CurrentMember,
    pub unread: i64,
    /// Unread chat messages across the member's channels and conversations.
    pub chat_unread: i64,
}

#[server(endpoint = "session", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_session() -> Result<Option<SessionView>, AppError> {
    use crate::server::request::{current_member, respond, session, state};
    respond(
        async {
            let state = state()?;
            let Some(member) = current_member(&state, &session()?).await? else { return Ok(None) };
            let unread = crate::notifications::repo::unread_count(&state.pool, member.member_id).await?;
            let chat_unread = crate::chat::service::unread_total(&state.pool, member.member_id).await?;
            Ok(Some(SessionView { member, unread, chat_unread }))
        }
        .await,
    )
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
pub fn provide_session() -> SessionContext {
    let log_out = ServerAction::<LogOut>::new();
    let location = use_location();
    let member = Resource::new(move || (log_out.version().get(), location.pathname.get()), |_| get_session());
    let ctx = SessionContext { member, log_out };
    provide_context(ctx);
    // Live updates: public/app.js keeps a WebSocket open while someone is signed in and raises
    // `kindred:notification` when one arrives (or after a reconnect); the badge re-reads then.
    #[cfg(feature = "hydrate")]
    {
        let handle = window_event_listener_untyped("kindred:notification", move |_| member.refetch());
        let chat = window_event_listener_untyped("kindred:chat-unread", move |_| member.refetch());
        on_cleanup(move || {
            handle.remove();
            chat.remove();
        });
    }
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
