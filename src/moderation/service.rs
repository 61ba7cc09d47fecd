//! Moderation rules: who may report what, and what hiding, restoring and dismissing do.

use std::time::Duration;

use super::model::{parse_details, Queue, ReportReason, Target};
use super::repo;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{self as notes, Note};
use crate::server::{rate_limit, state::AppState};

pub const REPORTS_PER_HOUR: u32 = 20;

/// Any member may report content they can see, except their own.
pub async fn report(
    state: &AppState,
    me: &CurrentMember,
    target: Target,
    reason: &str,
    details: &str,
) -> Result<(), AppError> {
    let reason = ReportReason::parse(reason)?;
    let details = parse_details(details)?;
    let owner = repo::owner(&state.pool, target).await?.ok_or(AppError::NotFound)?;
    if owner.hidden && owner.author_id != me.member_id {
        // Already hidden: the reporter can't see it, and it needs no second look.
        return Err(AppError::NotFound);
    }
    // Reporting needs sight of the post (which also rules out blocked authors' content).
    if !repo::post_in_sight(&state.pool, owner.post_id, me.member_id).await? {
        return Err(AppError::NotFound);
    }
    if owner.author_id == me.member_id {
        return Err(AppError::Conflict(format!("You can't report your own {}.", target.noun())));
    }
    rate_limit::hit(
        &state.pool,
        &format!("report:member:{}", me.member_id),
        REPORTS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    if !repo::insert(&state.pool, me.member_id, target, reason, &details).await? {
        return Err(AppError::Conflict(format!(
            "You already reported this {}. A moderator will look at it.",
            target.noun()
        )));
    }
    Ok(())
}

fn require_moderator(me: &CurrentMember) -> Result<(), AppError> {
    if me.site_role.can_moderate() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Hides the content, resolves its reports as "hidden" and tells the author — one transaction.
pub async fn hide(state: &AppState, me: &CurrentMember, target: Target) -> Result<(), AppError> {
    require_moderator(me)?;
    let owner = repo::owner(&state.pool, target).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    let changed = repo::set_hidden(&mut tx, target, Some(me.member_id)).await?;
    repo::resolve(&mut *tx, target, "hidden", me.member_id).await?;
    if changed {
        let message = format!(
            "A moderator hid your {} because it was reported. You can still see it; others can't.",
            target.noun()
        );
        let link = format!("/posts/{}", owner.post_id);
        let note = Note {
            member_id: owner.author_id,
            kind: NotificationKind::Moderation,
            actor_id: None,
            post_id: Some(owner.post_id),
            message: &message,
            link: &link,
        };
        notes::notify(&mut *tx, note).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Makes hidden content visible again and tells the author.
pub async fn restore(state: &AppState, me: &CurrentMember, target: Target) -> Result<(), AppError> {
    require_moderator(me)?;
    let owner = repo::owner(&state.pool, target).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    if repo::set_hidden(&mut tx, target, None).await? {
        let message = format!("A moderator restored your {}. Everyone who could see it can again.", target.noun());
        let link = format!("/posts/{}", owner.post_id);
        let note = Note {
            member_id: owner.author_id,
            kind: NotificationKind::Moderation,
            actor_id: None,
            post_id: Some(owner.post_id),
            message: &message,
            link: &link,
        };
        notes::notify(&mut *tx, note).await?;
    }
    repo::resolve(&mut *tx, target, "dismissed", me.member_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Closes the content's reports without action.
pub async fn dismiss(state: &AppState, me: &CurrentMember, target: Target) -> Result<(), AppError> {
    require_moderator(me)?;
    repo::resolve(&state.pool, target, "dismissed", me.member_id).await?;
    Ok(())
}

pub async fn queue(state: &AppState, me: &CurrentMember) -> Result<Queue, AppError> {
    require_moderator(me)?;
    Ok(Queue { items: repo::queue(&state.pool, 100).await?, recent: repo::recent(&state.pool, 20).await? })
}
