//! @mentions: who a message can mention, the notifications they get, and the rendered body
//! that links them.

use uuid::Uuid;

use super::access::Access;
use crate::auth::model::CurrentMember;
use crate::chat::repo;
use crate::communities::model::MemberRef;
use crate::communities::repo as community_repo;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::server::state::AppState;

/// Mentioned members who can be told: those of the channel's community who may see the
/// channel (an override can hide it from some) and have no block with the author, or the
/// conversation's members.
pub(super) async fn resolve_mentions(
    db: &sqlx::PgPool,
    me: Uuid,
    access: &Access,
    body: &str,
) -> Result<Vec<MemberRef>, sqlx::Error> {
    let names: Vec<String> = crate::text::markdown::mentions(body).into_iter().map(|n| n.to_lowercase()).collect();
    if names.is_empty() {
        return Ok(Vec::new());
    }
    match &access.community {
        Some(c) => {
            let found = repo::community_members_named(db, &names, c.community_id).await?;
            if found.is_empty() {
                return Ok(found);
            }
            let ids: Vec<Uuid> = found.iter().map(|m| m.member_id).collect();
            let viewers = community_repo::viewers(db, c, access.channel.channel_id, Some(&ids)).await?;
            let blocked = repo::blocked_with(db, me, &ids).await?;
            Ok(found
                .into_iter()
                .filter(|m| viewers.contains(&m.member_id) && !blocked.contains(&m.member_id))
                .collect())
        }
        None => Ok(access.dm_members.iter().filter(|m| names.contains(&m.username)).cloned().collect()),
    }
}

/// Tells members they were mentioned (each once; `everyone` also tells every other member who
/// may see the channel), in the transaction that stores the message.
pub(super) async fn notify_mentions(
    state: &AppState,
    tx: &mut sqlx::PgConnection,
    me: &CurrentMember,
    access: &Access,
    mentioned: &[Uuid],
    everyone: bool,
) -> Result<(), AppError> {
    let place = match &access.community {
        Some(c) => format!("#{} in {}", access.channel.name, c.name),
        None => "a conversation".into(),
    };
    let link = format!("/chat/{}", access.channel.channel_id);
    let text = format!("{} mentioned you in {place}", me.display_name);
    for m in mentioned.iter().filter(|m| **m != me.member_id) {
        crate::notifications::repo::notify(
            &mut *tx,
            crate::notifications::repo::Note {
                member_id: *m,
                kind: NotificationKind::Chat,
                actor_id: Some(me.member_id),
                post_id: None,
                message: &text,
                link: &link,
            },
        )
        .await?;
    }
    if let (true, Some(c)) = (everyone, &access.community) {
        let viewers = community_repo::viewers(&state.pool, c, access.channel.channel_id, None).await?;
        let text = format!("{} mentioned @everyone in {place}", me.display_name);
        repo::notify_everyone(&mut *tx, &viewers, me.member_id, &text, &link, mentioned).await?;
    }
    Ok(())
}

pub(super) fn render(body: &str, mentioned: &[MemberRef]) -> String {
    crate::text::markdown::render(body, &|name: &str| mentioned.iter().any(|m| m.username == name))
}

pub(super) fn mentions_everyone(body: &str) -> bool {
    body.split(|c: char| c.is_whitespace() || ",.!?;:()".contains(c)).any(|w| w == "@everyone")
}
