//! Event server functions. Reads are GETs; every write checks the member and, for organiser
//! actions, that they organise that exact event.

use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use uuid::Uuid;

use super::model::*;
use crate::error::AppError;

#[server(endpoint = "events/list", input = GetUrl)]
pub async fn list_events(
    #[server(default)] filters: EventFilters,
    after: Option<String>,
) -> Result<EventPage, AppError> {
    use crate::paging::decode_cursor;
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        let after = match after.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?),
            None => None,
        };
        super::service::list(&state, &viewer, &filters, after).await
    })
    .await
}

#[server(endpoint = "events/month", input = GetUrl)]
pub async fn get_month(month: String, #[server(default)] filters: EventFilters) -> Result<MonthView, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        super::service::month(&state, &viewer, &month, &filters).await
    })
    .await
}

#[server(endpoint = "events/get", input = GetUrl)]
pub async fn get_event(id: String) -> Result<EventDetail, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        super::service::detail(&state, &viewer, crate::error::parse_id(&id)?).await
    })
    .await
}

#[server(endpoint = "events/comments", input = GetUrl)]
pub async fn get_event_comments(id: String) -> Result<Vec<EventComment>, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        super::service::comments(&state, &viewer, crate::error::parse_id(&id)?).await
    })
    .await
}

#[server(endpoint = "events/mine", input = GetUrl)]
pub async fn get_my_events() -> Result<MyEvents, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        super::service::mine(&state, &viewer).await
    })
    .await
}

#[server(endpoint = "events/editor", input = GetUrl)]
pub async fn get_event_editor(id: String) -> Result<EventEditor, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::editor(&state, &me, crate::error::parse_id(&id)?).await
    })
    .await
}

#[server(endpoint = "events/attendees", input = GetUrl)]
pub async fn get_attendees(id: String) -> Result<AttendeeList, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        super::service::attendees(&state, &viewer, crate::error::parse_id(&id)?).await
    })
    .await
}

#[server(endpoint = "events/create")]
pub async fn create_event(#[server(default)] event: EventForm) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = super::service::create_event(&state, &me, &event).await?;
        leptos_axum::redirect(&format!("/events/{id}"));
        Ok(id)
    })
    .await
}

#[server(endpoint = "events/update")]
pub async fn update_event(id: String, #[server(default)] event: EventForm) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let event_id = crate::error::parse_id(&id)?;
        super::service::update_event(&state, &me, event_id, &event).await?;
        leptos_axum::redirect(&format!("/events/{event_id}"));
        Ok(())
    })
    .await
}

#[server(endpoint = "events/cancel")]
pub async fn cancel_event(id: String, scope: String) -> Result<usize, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let event_id = crate::error::parse_id(&id)?;
        let n = super::service::cancel_event(&state, &me, event_id, &scope).await?;
        leptos_axum::redirect(&format!("/events/{event_id}"));
        Ok(n)
    })
    .await
}

/// `status` is going, interested or not_going; empty withdraws the answer.
#[server(endpoint = "events/rsvp")]
pub async fn rsvp_event(id: String, status: String) -> Result<RsvpOutcome, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let choice = match status.trim() {
            "" | "withdraw" => None,
            raw => Some(
                RsvpStatus::parse_choice(raw)
                    .ok_or_else(|| AppError::invalid("status", "Choose going, interested or not going."))?,
            ),
        };
        super::service::rsvp(&state, &me, crate::error::parse_id(&id)?, choice).await
    })
    .await
}

/// `share` is "on" to share the member's email with the organisers, empty to stop.
#[server(endpoint = "events/share-email")]
pub async fn share_event_email(id: String, #[server(default)] share: Option<String>) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::share_email(&state, &me, crate::error::parse_id(&id)?, share.is_some()).await
    })
    .await
}

#[server(endpoint = "events/promote")]
pub async fn promote_attendee(id: String, username: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::promote(&state, &me, crate::error::parse_id(&id)?, &username).await
    })
    .await
}

#[server(endpoint = "events/organizers/add")]
pub async fn add_co_organizer(id: String, username: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::add_co_organizer(&state, &me, crate::error::parse_id(&id)?, &username).await
    })
    .await
}

#[server(endpoint = "events/organizers/remove")]
pub async fn remove_co_organizer(id: String, username: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::remove_co_organizer(&state, &me, crate::error::parse_id(&id)?, &username).await
    })
    .await
}

#[server(endpoint = "events/comment")]
pub async fn add_event_comment(id: String, body: String) -> Result<Uuid, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        let viewer = super::service::viewer(&state, me).await?;
        super::service::add_comment(&state, &viewer, crate::error::parse_id(&id)?, &body).await
    })
    .await
}

#[server(endpoint = "events/comment/delete")]
pub async fn delete_event_comment(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::delete_comment(&state, &me, crate::error::parse_id(&id)?).await?;
        Ok(())
    })
    .await
}

#[server(endpoint = "events/calendar-feed", input = GetUrl)]
pub async fn get_calendar_feed() -> Result<CalendarFeed, AppError> {
    crate::auth::guard::as_member(|state, me| async move { super::service::calendar_feed(&state, &me).await }).await
}

/// `action` is "reset" (create or replace the secret link) or "revoke".
#[server(endpoint = "events/calendar-feed/change")]
pub async fn change_calendar_feed(action: String) -> Result<CalendarFeed, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        match action.trim() {
            "reset" => super::service::reset_calendar_feed(&state, &me).await,
            "revoke" => {
                super::service::revoke_calendar_feed(&state, &me).await?;
                Ok(CalendarFeed { path: None })
            }
            _ => Err(AppError::invalid("action", "Choose reset or revoke.")),
        }
    })
    .await
}

/// A blank event form for the signed-in member, with their time zone filled in.
#[server(endpoint = "events/new-form", input = GetUrl)]
pub async fn get_new_event_form(community: Option<String>) -> Result<NewEvent, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let viewer = super::service::viewer(&state, Some(me.clone())).await?;
        let communities = super::service::event_communities(&state, &me).await?;
        // Opened from a community's page: that community, if the member may add events there.
        let community = community.filter(|slug| communities.iter().any(|c| &c.slug == slug)).unwrap_or_default();
        let form = EventForm {
            community,
            time_zone: viewer.zone.map(|z| z.name().to_string()).unwrap_or_else(|| "UTC".into()),
            mode: "in_person".into(),
            status: "published".into(),
            repeat: "none".into(),
            repeat_end: "count".into(),
            repeat_count: "8".into(),
            ..Default::default()
        };
        let techniques = super::service::technique_choices(&state).await?;
        Ok(NewEvent { form, communities, techniques })
    })
    .await
}
