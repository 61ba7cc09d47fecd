//! Who is signed in, shared with every page through context.

use leptos::prelude::*;

use crate::auth::api::{get_current_member, LogOut};
use crate::auth::model::CurrentMember;
use crate::error::AppError;

/// The session as pages see it: the member resource and the logout action.
///
/// Login and sign-up actions live in their pages (inside `<Routes>`, where Leptos hands a
/// no-JavaScript form error back to the action) and refresh `member` when they succeed.
#[derive(Clone, Copy)]
pub struct SessionContext {
    pub member: Resource<Result<Option<CurrentMember>, AppError>>,
    pub log_out: ServerAction<LogOut>,
}

pub fn provide_session() -> SessionContext {
    let log_out = ServerAction::<LogOut>::new();
    let member = Resource::new(move || log_out.version().get(), |_| get_current_member());
    let ctx = SessionContext { member, log_out };
    provide_context(ctx);
    ctx
}

pub fn use_session() -> SessionContext {
    expect_context::<SessionContext>()
}

impl SessionContext {
    /// The signed-in member, once known (None while loading or signed out).
    pub fn current(&self) -> Option<CurrentMember> {
        self.member.get().and_then(|r| r.ok()).flatten()
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
