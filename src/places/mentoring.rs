//! Mentors, their sessions, and reviews of places and mentors (server only): who may book,
//! confirm, complete, review, flag and moderate. The statements are in `repo::mentoring` and
//! `repo::reviews`.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::model::{
    parse_rating, parse_review_body, FlaggedReview, MentorForm, MentorInput, MentorPage, MentorView, ReviewView,
    Reviews, SessionMode, SessionStatus, SessionView, SESSION_NOTES_MAX,
};
use super::repo::mentoring::{self as mentor_repo, MentorRow};
use super::repo::reviews as review_repo;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{self as notes, Note};
use crate::server::{rate_limit, state::AppState};

pub use super::repo::reviews::Target;

fn view(row: MentorRow) -> MentorView {
    MentorView {
        username: row.username,
        display_name: row.display_name,
        avatar: row.avatar_id.map(crate::media::thumb_url),
        title: row.title,
        specializations: row.specializations,
        bio: row.bio,
        mode: row.mode,
        place: row.place_id.zip(row.place_name),
        available: row.available,
        verified: row.verified,
        rating: row.rating,
        review_count: row.review_count,
        session_count: row.session_count,
    }
}

/// Available mentors, verified and best rated first.
pub async fn list(state: &AppState, include_unavailable: bool) -> Result<Vec<MentorView>, AppError> {
    Ok(mentor_repo::mentors(&state.pool, include_unavailable).await?.into_iter().map(view).collect())
}

/// Creates or updates the signed-in member's mentor profile.
pub async fn save_profile(state: &AppState, me: &CurrentMember, form: &MentorForm) -> Result<(), AppError> {
    let m = MentorInput::parse(form)?;
    if let Some(place) = m.place_id {
        if super::repo::ownership(&state.pool, place).await?.is_none() {
            return Err(AppError::invalid("place_id", "That place no longer exists."));
        }
    }
    mentor_repo::save_mentor(&state.pool, me.member_id, &m).await?;
    Ok(())
}

/// The signed-in member's mentor profile as a form, if they have one.
pub async fn my_profile(state: &AppState, me: &CurrentMember) -> Result<Option<MentorForm>, AppError> {
    Ok(mentor_repo::mentor(&state.pool, &me.username).await?.map(|r| MentorForm {
        title: r.title,
        specializations: r.specializations.join(", "),
        bio: r.bio,
        mode: r.mode.key().to_string(),
        place_id: r.place_id.map(|p| p.to_string()).unwrap_or_default(),
        available: r.available.then(|| "on".to_string()),
    }))
}

pub async fn set_verified(
    state: &AppState,
    me: &CurrentMember,
    username: &str,
    verified: bool,
) -> Result<(), AppError> {
    if !me.site_role.can_moderate() {
        return Err(AppError::Forbidden);
    }
    if !mentor_repo::set_mentor_verified(&state.pool, username, verified).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub async fn page(state: &AppState, viewer: Option<&CurrentMember>, username: &str) -> Result<MentorPage, AppError> {
    let row = mentor_repo::mentor(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let mentor_id = row.member_id;
    let reviews = reviews(state, viewer, Target::Mentor(mentor_id)).await?;
    Ok(MentorPage {
        is_self: viewer.is_some_and(|v| v.member_id == mentor_id),
        can_moderate: viewer.is_some_and(|v| v.site_role.can_moderate()),
        mentor: view(row),
        reviews,
    })
}

pub const BOOKINGS_PER_DAY: u32 = 20;

/// Books a session with a mentor: in the future, by a mode the mentor offers, while available.
pub async fn book(
    state: &AppState,
    me: &CurrentMember,
    username: &str,
    starts_at: DateTime<Utc>,
    duration_minutes: i32,
    mode: &str,
) -> Result<Uuid, AppError> {
    let mode = SessionMode::parse(mode).ok_or_else(|| AppError::invalid("mode", "Choose in person or online."))?;
    if !(15..=240).contains(&duration_minutes) {
        return Err(AppError::invalid("duration_minutes", "Sessions last 15 minutes to 4 hours."));
    }
    if starts_at <= Utc::now() {
        return Err(AppError::invalid("starts_at", "Choose a time in the future."));
    }
    let mentor = mentor_repo::mentor(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    if mentor.member_id == me.member_id {
        return Err(AppError::Conflict("You can't book a session with yourself.".into()));
    }
    if !mentor.available {
        return Err(AppError::Conflict(format!("{} is not taking sessions right now.", mentor.display_name)));
    }
    if !mentor.mode.offers(mode) {
        return Err(AppError::invalid(
            "mode",
            format!("{} meets {}.", mentor.display_name, mentor.mode.label().to_lowercase()),
        ));
    }
    if crate::people::repo::blocked_between(&state.pool, me.member_id, mentor.member_id).await? {
        return Err(AppError::Conflict("You can't book a session with this mentor.".into()));
    }
    rate_limit::hit(
        &state.pool,
        &format!("book:member:{}", me.member_id),
        BOOKINGS_PER_DAY,
        std::time::Duration::from_secs(86_400),
    )
    .await?;
    let place = if mode == SessionMode::InPerson { mentor.place_id } else { None };
    let mut tx = state.pool.begin().await?;
    let id =
        mentor_repo::insert_session(&mut *tx, mentor.member_id, me.member_id, starts_at, duration_minutes, mode, place)
            .await?;
    let message =
        format!("{} booked a session with you on {}", me.display_name, starts_at.format("%e %b %Y, %H:%M UTC"));
    let note = Note {
        member_id: mentor.member_id,
        kind: NotificationKind::Event,
        actor_id: Some(me.member_id),
        post_id: None,
        message: &message,
        link: "/sessions",
    };
    notes::notify(&mut *tx, note).await?;
    tx.commit().await?;
    Ok(id)
}

/// The viewer's sessions, as mentor and as member, soonest last-first.
pub async fn sessions(state: &AppState, me: &CurrentMember) -> Result<Vec<SessionView>, AppError> {
    let rows = mentor_repo::sessions(&state.pool, me.member_id).await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let i_am_mentor = r.mentor_id == me.member_id;
            SessionView {
                session_id: r.session_id,
                with_username: r.username,
                with_name: r.display_name,
                i_am_mentor,
                starts_at: r.starts_at,
                duration_minutes: r.duration_minutes,
                mode: r.mode,
                place: r.place,
                status: r.status,
                confirmed: r.confirmed,
                my_notes: if i_am_mentor { r.mentor_notes } else { r.member_notes },
            }
        })
        .collect())
}

/// A change to a session: the mentor `confirm`s, marks it `complete` or `no_show`; either side
/// may `cancel` a scheduled session; either side saves their own private `notes`.
pub async fn update_session(
    state: &AppState,
    me: &CurrentMember,
    session_id: Uuid,
    action: &str,
    notes_text: &str,
) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    let s = mentor_repo::lock_session(&mut tx, session_id).await?.ok_or(AppError::NotFound)?;
    let is_mentor = s.mentor_id == me.member_id;
    if !is_mentor && s.member_id != me.member_id {
        return Err(AppError::NotFound);
    }
    let scheduled = s.status == SessionStatus::Scheduled;
    let other = if is_mentor { s.member_id } else { s.mentor_id };
    let tell = |message: String| (other, message);
    let told = match action {
        "confirm" if is_mentor && scheduled => {
            mentor_repo::confirm_session(&mut tx, session_id).await?;
            Some(tell(format!("{} confirmed your session", me.display_name)))
        }
        "complete" if is_mentor && scheduled => {
            mentor_repo::set_session_status(&mut tx, session_id, SessionStatus::Completed).await?;
            mentor_repo::count_completed_session(&mut tx, s.mentor_id, s.member_id).await?;
            Some(tell(format!("{} marked your session completed — you can now review them", me.display_name)))
        }
        "no_show" if is_mentor && scheduled => {
            mentor_repo::set_session_status(&mut tx, session_id, SessionStatus::NoShow).await?;
            None
        }
        "cancel" if scheduled => {
            mentor_repo::set_session_status(&mut tx, session_id, SessionStatus::Cancelled).await?;
            Some(tell(format!("{} cancelled your session", me.display_name)))
        }
        "notes" => {
            let text = notes_text.trim();
            if text.chars().count() > SESSION_NOTES_MAX {
                return Err(AppError::invalid(
                    "notes",
                    format!("Notes can be at most {SESSION_NOTES_MAX} characters."),
                ));
            }
            mentor_repo::set_session_notes(&mut tx, session_id, is_mentor, text).await?;
            None
        }
        "confirm" | "complete" | "no_show" if !is_mentor => return Err(AppError::Forbidden),
        "confirm" | "complete" | "no_show" | "cancel" => {
            return Err(AppError::Conflict(format!("This session is already {}.", s.status.label().to_lowercase())))
        }
        _ => return Err(AppError::invalid("action", "Unknown action.")),
    };
    if let Some((to, message)) = told {
        let note = Note {
            member_id: to,
            kind: NotificationKind::Event,
            actor_id: Some(me.member_id),
            post_id: None,
            message: &message,
            link: "/sessions",
        };
        notes::notify(&mut *tx, note).await?;
    }
    tx.commit().await?;
    Ok(())
}

// Reviews ------------------------------------------------------------------------------------------

pub async fn reviews(state: &AppState, viewer: Option<&CurrentMember>, target: Target) -> Result<Reviews, AppError> {
    let viewer_id = viewer.map(|v| v.member_id);
    let list: Vec<ReviewView> = review_repo::reviews(&state.pool, target)
        .await?
        .into_iter()
        .map(|r| ReviewView {
            review_id: r.review_id,
            is_mine: viewer_id == Some(r.author_id),
            author_username: r.username,
            author_name: r.display_name,
            rating: r.rating,
            body: r.body,
            flagged: r.flagged,
            updated_at: r.updated_at,
        })
        .collect();
    let (average, count) = review_repo::stats(&state.pool, target).await?;
    let can_review = match viewer_id {
        Some(v) => review_repo::may_review(&state.pool, v, target).await?,
        None => false,
    };
    let mine = list.iter().find(|r| r.is_mine).map(|r| (r.rating, r.body.clone()));
    Ok(Reviews { average, count, reviews: list, can_review, mine })
}

pub const REVIEWS_PER_HOUR: u32 = 30;

/// Writes or edits the member's review, then recomputes the target's average and count in the
/// same transaction (under the target row's lock, so concurrent reviews never lose a count).
pub async fn review(
    state: &AppState,
    me: &CurrentMember,
    target: Target,
    rating: &str,
    body: &str,
) -> Result<(), AppError> {
    let rating = parse_rating(rating)?;
    let body = parse_review_body(body)?;
    if target == Target::Mentor(me.member_id) {
        return Err(AppError::Conflict("You can't review yourself.".into()));
    }
    rate_limit::hit(
        &state.pool,
        &format!("review:member:{}", me.member_id),
        REVIEWS_PER_HOUR,
        std::time::Duration::from_secs(3600),
    )
    .await?;
    let mut tx = state.pool.begin().await?;
    if !review_repo::lock_target(&mut tx, target).await? {
        return Err(AppError::NotFound);
    }
    if !review_repo::may_review(&mut *tx, me.member_id, target).await? {
        return Err(AppError::Conflict(match target {
            Target::Place(_) => "Check in here first: reviews come from visits.".into(),
            Target::Mentor(_) => "You can review a mentor after a completed session with them.".into(),
        }));
    }
    review_repo::save_review(&mut tx, me.member_id, target, rating, &body).await?;
    review_repo::recount(&mut tx, target).await?;
    tx.commit().await?;
    Ok(())
}

/// Any member may flag a review for moderators, with a reason.
pub async fn flag(state: &AppState, me: &CurrentMember, review_id: Uuid, reason: &str) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.chars().count() > 500 {
        return Err(AppError::invalid("reason", "Keep the reason to 500 characters."));
    }
    if !review_repo::flag(&state.pool, review_id, me.member_id, reason).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Moderators: `keep` (clear the flag) or `remove` a flagged review; authors may remove their own.
pub async fn decide_review(
    state: &AppState,
    me: &CurrentMember,
    review_id: Uuid,
    decision: &str,
) -> Result<(), AppError> {
    let (author, target) = review_repo::review_owner(&state.pool, review_id).await?.ok_or(AppError::NotFound)?;
    let target = target.ok_or(AppError::NotFound)?;
    let moderator = me.site_role.can_moderate();
    match decision {
        "keep" if moderator => review_repo::clear_flag(&state.pool, review_id).await?,
        "remove" if moderator || author == me.member_id => {
            let mut tx = state.pool.begin().await?;
            if !review_repo::lock_target(&mut tx, target).await? {
                return Err(AppError::NotFound);
            }
            review_repo::delete_review(&mut tx, review_id).await?;
            review_repo::recount(&mut tx, target).await?;
            tx.commit().await?;
        }
        "keep" | "remove" => return Err(AppError::Forbidden),
        _ => return Err(AppError::invalid("decision", "Unknown decision.")),
    }
    Ok(())
}

/// Flagged reviews for the moderation page: (review id, target link, author, rating, body, reason).
pub async fn flagged(state: &AppState, me: &CurrentMember) -> Result<Vec<FlaggedReview>, AppError> {
    if !me.site_role.can_moderate() {
        return Err(AppError::Forbidden);
    }
    Ok(review_repo::flagged(&state.pool)
        .await?
        .into_iter()
        .map(|r| FlaggedReview {
            review_id: r.review_id,
            link: match (r.place_id, r.mentor_username.as_deref()) {
                (Some(p), _) => format!("/places/{p}"),
                (None, Some(u)) => format!("/mentors/{u}"),
                _ => "/places".into(),
            },
            about: r.place_name.or(r.mentor_username.map(|u| format!("@{u}"))).unwrap_or_default(),
            author: r.username,
            rating: r.rating,
            body: r.body,
            reason: r.flag_reason,
        })
        .collect())
}
