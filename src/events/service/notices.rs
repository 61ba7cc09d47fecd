//! Notifications about events: to one member, to everyone who answered, and the reminders
//! the background job sends a day ahead.

use chrono_tz::Tz;
use uuid::Uuid;

use crate::error::AppError;
use crate::events::model::RsvpStatus;
use crate::events::{repo, when};
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{notify, Note};

/// One event notification (inside the caller's transaction).
pub(super) async fn notify_event(
    tx: &mut sqlx::PgConnection,
    member_id: Uuid,
    actor_id: Option<Uuid>,
    message: &str,
    link: &str,
) -> Result<(), AppError> {
    let note = Note { member_id, kind: NotificationKind::Event, actor_id, post_id: None, message, link };
    notify(&mut *tx, note).await?;
    Ok(())
}

/// Notifies everyone who answered going, waiting or interested (inside the caller's transaction).
pub(super) async fn tell_attendees(tx: &mut sqlx::PgConnection, event_id: Uuid, message: &str) -> Result<(), AppError> {
    let link = format!("/events/{event_id}");
    let members =
        repo::members_with(&mut *tx, event_id, &[RsvpStatus::Going, RsvpStatus::Waitlisted, RsvpStatus::Interested])
            .await?;
    for member_id in members {
        notify_event(&mut *tx, member_id, None, message, &link).await?;
    }
    Ok(())
}

/// Sends the 24-hour reminders that are due. Each event is claimed atomically, so several
/// server instances running this at once send every reminder exactly once.
pub async fn send_due_reminders(pool: &sqlx::PgPool) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let due = repo::claim_due_reminders(&mut tx).await?;
    let mut sent = 0;
    for (event_id, title, starts_at, zone) in &due {
        let going = repo::members_with(&mut *tx, *event_id, &[RsvpStatus::Going]).await?;
        let zones = repo::member_zones(&mut *tx, &going).await?;
        let link = format!("/events/{event_id}");
        for (member_id, member_zone) in zones {
            let tz = when::viewer_zone(Some(&member_zone), None)
                .filter(|z| *z != Tz::UTC)
                .or_else(|| when::parse_zone(zone))
                .unwrap_or(Tz::UTC);
            let message = format!("Reminder: {title} starts {} ({})", when::short(*starts_at, tz), tz.name());
            notify_event(&mut tx, member_id, None, &message, &link).await?;
            sent += 1;
        }
    }
    tx.commit().await?;
    Ok(sent)
}
