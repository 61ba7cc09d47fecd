//! Who is signed in, shared with every page through context.

use leptos::prelude::*;

use crate::auth::api::{get_current_member, LogIn, LogOut, SignUp};
use crate::auth::model::CurrentMember;
use crate::error::AppError;

/// The session as pages see it: the member resource and the actions that change it.
#[derive(Clone, Copy)]
pub struct SessionContext {
    pub member: Resource<Result<Option<CurrentMember>, AppError>>,
    pub log_in: ServerAction<LogIn>,
    pub log_out: ServerAction<LogOut>,
    pub sign_up: ServerAction<SignUp>,
}

pub fn provide_session() -> SessionContext {
    let log_in = ServerAction::<LogIn>::new();
    let log_out = ServerAction::<LogOut>::new();
    let sign_up = ServerAction::<SignUp>::new();
    let member = Resource::new(
        move || {
            (
                log_in.version().get(),
                log_out.version().get(),
                sign_up.version().get(),
            )
        },
        |_| get_current_member(),
    );
    let ctx = SessionContext {
        member,
        log_in,
        log_out,
        sign_up,
    };
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
}
