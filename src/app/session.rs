//! The session resource's server function: who is signed in, with the unread counts of
//! notifications and chat (which is why it lives here, above the domains).

use leptos::prelude::*;

use crate::auth::session::SessionView;
use crate::error::AppError;

#[server(endpoint = "session", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_session() -> Result<Option<SessionView>, AppError> {
    use crate::auth::guard::current_member;
    use crate::server::request::{respond, session, state};
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
