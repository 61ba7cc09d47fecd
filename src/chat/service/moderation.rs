//! The language filter and the moderation of the messages it flagged.

use uuid::Uuid;

use super::access::{message_access, Access};
use super::messages::announce_update;
use crate::chat::repo;
use crate::communities::model::{FilterPolicy, FlaggedMessage};
use crate::communities::perms::MANAGE_MESSAGES;
use crate::error::AppError;
use crate::server::state::AppState;

/// What the language filter thinks of a text: `None` when fine, else why not.
///
/// rustrict reads digits as letters (to catch "f4ck"), which also turns codes like "s3 n17" into
/// words. A message is judged inappropriate only when it still is with its digits taken out, so
/// room numbers and times never trip it; letter-only evasions are still caught.
pub fn filter_verdict(text: &str) -> Option<String> {
    use rustrict::{Censor, Type};
    let analysis = Censor::from_str(text).analyze();
    if !analysis.is(Type::INAPPROPRIATE) {
        return None;
    }
    let letters: String = text.chars().map(|c| if c.is_ascii_digit() { ' ' } else { c }).collect();
    if letters != text && !Censor::from_str(&letters).analyze().is(Type::INAPPROPRIATE) {
        return None;
    }
    let mut why = Vec::new();
    for (t, name) in [
        (Type::PROFANE, "profanity"),
        (Type::OFFENSIVE, "offensive language"),
        (Type::SEXUAL, "sexual language"),
        (Type::MEAN, "insults"),
    ] {
        if analysis.is(t & Type::MODERATE_OR_HIGHER) {
            why.push(name);
        }
    }
    Some(if why.is_empty() { "inappropriate language".into() } else { why.join(", ") })
}

/// Refuses (or flags, per the community's policy) what the filter objects to. Conversations
/// are private to their members and are not filtered; blocking ends them instead.
pub(super) fn apply_filter(access: &Access, body: &str) -> Result<Option<String>, AppError> {
    let Some(community) = &access.community else { return Ok(None) };
    match filter_verdict(body) {
        None => Ok(None),
        Some(why) => match community.filter_policy {
            FilterPolicy::Block => Err(AppError::invalid(
                "body",
                format!("This community's filter holds back messages with {why}. Please rephrase it."),
            )),
            FilterPolicy::Flag => Ok(Some(format!("Filter: {why}"))),
        },
    }
}

/// The flagged messages, oldest first, of the channels given: those where the moderator sees
/// and holds "manage messages" (a channel hidden from them stays hidden here too).
pub async fn flagged(state: &AppState, channels: &[Uuid]) -> Result<Vec<FlaggedMessage>, AppError> {
    Ok(repo::flagged(&state.pool, channels).await?)
}

/// The flagged messages of a community that `me` reviews: those in the channels they see and
/// hold "manage messages" in. Members without it anywhere are refused.
pub async fn flagged_in(state: &AppState, me: Uuid, slug: &str) -> Result<Vec<FlaggedMessage>, AppError> {
    use crate::communities::{perms, repo as communities, service};
    let (c, l) = service::require(state, me, slug, perms::MANAGE_MESSAGES).await?;
    let visible = communities::visible_channels(&state.pool, &l, c.community_id).await?;
    flagged(state, &service::moderated(&visible)).await
}

/// Keeps or removes a flagged message (needs "manage messages" in its channel).
pub async fn resolve_flag(state: &AppState, me: Uuid, id: Uuid, remove: bool) -> Result<(), AppError> {
    let (m, access) = message_access(state, me, id).await?;
    if !access.may(MANAGE_MESSAGES) {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.pool.begin().await?;
    if remove {
        repo::soft_delete(&mut tx, id, me).await?;
        announce_update(&mut tx, &m).await?;
    } else {
        repo::keep_flagged(&mut tx, id, me).await?;
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_filter_leaves_everyday_messages_alone() {
        for ok in [
            "Who is coming tonight? 21:00 at Studio Sōma",
            "bench p1 s3 n17 i0 t123456789",
            "Room 305, bring 2 pairs of shoes",
            "Box breathing 4-4-4-4, ten rounds. Then shavasana.",
            "I'll bring the D'Arienzo playlist and some snacks",
            "Sacral chakra work today: hips, water, flow",
        ] {
            assert_eq!(filter_verdict(ok), None, "{ok}");
        }
    }

    #[test]
    fn the_filter_catches_abuse() {
        for bad in ["you are a fucking idiot", "shut up you stupid bitch"] {
            assert!(filter_verdict(bad).is_some(), "{bad}");
        }
    }
}
