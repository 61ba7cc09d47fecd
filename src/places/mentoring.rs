//! Mentors, their sessions, and reviews of places and mentors (server only): the SQL and the
//! rules together, since each rule is one or two statements.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{
    parse_rating, parse_review_body, MentorForm, MentorInput, MentorMode, MentorPage, MentorView, ReviewView, Reviews,
    SessionMode, SessionStatus, SessionView, SESSION_NOTES_MAX,
};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{self as notes, Note};
use crate::server::{rate_limit, state::AppState};

struct MentorRow {
    member_id: Uuid,
    username: String,
    display_name: String,
    avatar_id: Option<Uuid>,
    title: String,
    specializations: Vec<String>,
    bio: String,
    mode: MentorMode,
    place_id: Option<Uuid>,
    place_name: Option<String>,
    available: bool,
    verified: bool,
    rating: f64,
    review_count: i32,
    session_count: i32,
}

impl MentorRow {
    fn view(self) -> MentorView {
        MentorView {
            username: self.username,
            display_name: self.display_name,
            avatar: self.avatar_id.map(crate::media::thumb_url),
            title: self.title,
            specializations: self.specializations,
            bio: self.bio,
            mode: self.mode,
            place: self.place_id.zip(self.place_name),
            available: self.available,
            verified: self.verified,
            rating: self.rating,
            review_count: self.review_count,
            session_count: self.session_count,
        }
    }
}

async fn mentor_row(db: impl PgExecutor<'_>, username: &str) -> Result<Option<MentorRow>, sqlx::Error> {
    sqlx::query_as!(
        MentorRow,
        r#"select t.member_id, m.username, m.display_name, m.avatar_id, t.title, t.specializations, t.bio,
                  t.mode as "mode: MentorMode", t.place_id, p.name as "place_name?", t.available, t.verified,
                  t.rating::float8 as "rating!", t.review_count, t.session_count
           from mentors t join members m on m.member_id = t.member_id
           left join places p on p.place_id = t.place_id
           where m.username = $1"#,
        username
    )
    .fetch_optional(db)
    .await
}

/// Available mentors, verified and best rated first.
pub async fn list(state: &AppState, include_unavailable: bool) -> Result<Vec<MentorView>, AppError> {
    let rows = sqlx::query_as!(
        MentorRow,
        r#"select t.member_id, m.username, m.display_name, m.avatar_id, t.title, t.specializations, t.bio,
                  t.mode as "mode: MentorMode", t.place_id, p.name as "place_name?", t.available, t.verified,
                  t.rating::float8 as "rating!", t.review_count, t.session_count
           from mentors t join members m on m.member_id = t.member_id
           left join places p on p.place_id = t.place_id
           where t.available or $1
           order by t.verified desc, t.rating desc, t.review_count desc, m.username
           limit 200"#,
        include_unavailable
    )
    .fetch_all(&state.pool)
    .await?;
    Ok(rows.into_iter().map(MentorRow::view).collect())
}

/// Creates or updates the signed-in member's mentor profile.
pub async fn save_profile(state: &AppState, me: &CurrentMember, form: &MentorForm) -> Result<(), AppError> {
    let m = MentorInput::parse(form)?;
    if let Some(place) = m.place_id {
        if super::repo::ownership(&state.pool, place).await?.is_none() {
            return Err(AppError::invalid("place_id", "That place no longer exists."));
        }
    }
    sqlx::query!(
        "insert into mentors (member_id, title, specializations, bio, mode, place_id, available)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (member_id) do update set title = $2, specializations = $3, bio = $4, mode = $5,
             place_id = $6, available = $7",
        me.member_id,
        m.title,
        &m.specializations,
        m.bio,
        m.mode as MentorMode,
        m.place_id,
        m.available
    )
    .execute(&state.pool)
    .await?;
    Ok(())
}

/// The signed-in member's mentor profile as a form, if they have one.
pub async fn my_profile(state: &AppState, me: &CurrentMember) -> Result<Option<MentorForm>, AppError> {
    Ok(mentor_row(&state.pool, &me.username).await?.map(|r| MentorForm {
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
    let done = sqlx::query!(
        "update mentors set verified = $2 where member_id = (select member_id from members where username = $1)",
        username,
        verified
    )
    .execute(&state.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

pub async fn page(state: &AppState, viewer: Option<&CurrentMember>, username: &str) -> Result<MentorPage, AppError> {
    let row = mentor_row(&state.pool, username).await?.ok_or(AppError::NotFound)?;
    let mentor_id = row.member_id;
    let reviews = reviews(state, viewer, Target::Mentor(mentor_id)).await?;
    Ok(MentorPage {
        is_self: viewer.is_some_and(|v| v.member_id == mentor_id),
        can_moderate: viewer.is_some_and(|v| v.site_role.can_moderate()),
        mentor: row.view(),
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
    let mentor = mentor_row(&state.pool, username).await?.ok_or(AppError::NotFound)?;
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
    if crate::feed::repo::blocked_between(&state.pool, me.member_id, mentor.member_id).await? {
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
    let id = sqlx::query_scalar!(
        "insert into mentor_sessions (mentor_id, member_id, starts_at, duration_minutes, mode, place_id)
         values ($1, $2, $3, $4, $5, $6) returning session_id",
        mentor.member_id,
        me.member_id,
        starts_at,
        duration_minutes,
        mode as SessionMode,
        place
    )
    .fetch_one(&mut *tx)
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
    let rows = sqlx::query!(
        r#"select s.session_id, s.mentor_id, s.starts_at, s.duration_minutes, s.mode as "mode: SessionMode",
                  p.name as "place?", s.status as "status: SessionStatus", s.confirmed_at is not null as "confirmed!",
                  s.mentor_notes, s.member_notes,
                  o.username, o.display_name
           from mentor_sessions s
           join members o on o.member_id = case when s.mentor_id = $1 then s.member_id else s.mentor_id end
           left join places p on p.place_id = s.place_id
           where s.mentor_id = $1 or s.member_id = $1
           order by s.starts_at desc
           limit 200"#,
        me.member_id
    )
    .fetch_all(&state.pool)
    .await?;
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
    let s = sqlx::query!(
        r#"select mentor_id, member_id, status as "status: SessionStatus", confirmed_at is not null as "confirmed!"
           from mentor_sessions where session_id = $1 for update"#,
        session_id
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(AppError::NotFound)?;
    let is_mentor = s.mentor_id == me.member_id;
    if !is_mentor && s.member_id != me.member_id {
        return Err(AppError::NotFound);
    }
    let scheduled = s.status == SessionStatus::Scheduled;
    let other = if is_mentor { s.member_id } else { s.mentor_id };
    let tell = |message: String| (other, message);
    let told = match action {
        "confirm" if is_mentor && scheduled => {
            sqlx::query!(
                "update mentor_sessions set confirmed_at = coalesce(confirmed_at, now()) where session_id = $1",
                session_id
            )
            .execute(&mut *tx)
            .await?;
            Some(tell(format!("{} confirmed your session", me.display_name)))
        }
        "complete" if is_mentor && scheduled => {
            set_status(&mut tx, session_id, SessionStatus::Completed).await?;
            sqlx::query!("update mentors set session_count = session_count + 1 where member_id = $1", s.mentor_id)
                .execute(&mut *tx)
                .await?;
            // A completed session counts on the member's journey (level 5 needs one).
            sqlx::query!("insert into journeys (member_id) values ($1) on conflict do nothing", s.member_id)
                .execute(&mut *tx)
                .await?;
            sqlx::query!("update journeys set mentor_sessions = mentor_sessions + 1 where member_id = $1", s.member_id)
                .execute(&mut *tx)
                .await?;
            Some(tell(format!("{} marked your session completed — you can now review them", me.display_name)))
        }
        "no_show" if is_mentor && scheduled => {
            set_status(&mut tx, session_id, SessionStatus::NoShow).await?;
            None
        }
        "cancel" if scheduled => {
            set_status(&mut tx, session_id, SessionStatus::Cancelled).await?;
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
            if is_mentor {
                sqlx::query!("update mentor_sessions set mentor_notes = $2 where session_id = $1", session_id, text)
                    .execute(&mut *tx)
                    .await?;
            } else {
                sqlx::query!("update mentor_sessions set member_notes = $2 where session_id = $1", session_id, text)
                    .execute(&mut *tx)
                    .await?;
            }
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

async fn set_status(conn: &mut PgConnection, session: Uuid, status: SessionStatus) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update mentor_sessions set status = $2, completed_at = case when $2 = 'completed'::session_status then now() end
         where session_id = $1",
        session,
        status as SessionStatus
    )
    .execute(conn)
    .await?;
    Ok(())
}

// Reviews ------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Place(Uuid),
    Mentor(Uuid),
}

impl Target {
    fn ids(self) -> (Option<Uuid>, Option<Uuid>) {
        match self {
            Target::Place(p) => (Some(p), None),
            Target::Mentor(m) => (None, Some(m)),
        }
    }
}

/// Whether `member` has earned the right to review: a check-in at the place, or a completed
/// session with the mentor.
async fn may_review(db: impl PgExecutor<'_>, member: Uuid, target: Target) -> Result<bool, sqlx::Error> {
    let (place, mentor) = target.ids();
    Ok(sqlx::query_scalar!(
        r#"select case
               when $2::uuid is not null then exists (select 1 from check_ins where member_id = $1 and place_id = $2)
               else exists (select 1 from mentor_sessions where member_id = $1 and mentor_id = $3 and status = 'completed')
           end as "ok!""#,
        member,
        place,
        mentor
    )
    .fetch_one(db)
    .await?)
}

pub async fn reviews(state: &AppState, viewer: Option<&CurrentMember>, target: Target) -> Result<Reviews, AppError> {
    let (place, mentor) = target.ids();
    let viewer_id = viewer.map(|v| v.member_id);
    let rows = sqlx::query!(
        r#"select r.review_id, a.username, a.display_name, r.rating, r.body, r.flagged_at is not null as "flagged!",
                  r.author_id, r.updated_at
           from reviews r join members a on a.member_id = r.author_id
           where (($1::uuid is not null and r.place_id = $1) or ($2::uuid is not null and r.mentor_id = $2))
           order by r.updated_at desc
           limit 100"#,
        place,
        mentor
    )
    .fetch_all(&state.pool)
    .await?;
    let list: Vec<ReviewView> = rows
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
    let (average, count) = stats(&state.pool, target).await?;
    let can_review = match viewer_id {
        Some(v) => may_review(&state.pool, v, target).await?,
        None => false,
    };
    let mine = list.iter().find(|r| r.is_mine).map(|r| (r.rating, r.body.clone()));
    Ok(Reviews { average, count, reviews: list, can_review, mine })
}

async fn stats(db: impl PgExecutor<'_>, target: Target) -> Result<(f64, i32), sqlx::Error> {
    let r = match target {
        Target::Place(p) => {
            sqlx::query!(r#"select rating::float8 as "rating!", review_count from places where place_id = $1"#, p)
                .fetch_optional(db)
                .await?
                .map(|r| (r.rating, r.review_count))
        }
        Target::Mentor(m) => {
            sqlx::query!(r#"select rating::float8 as "rating!", review_count from mentors where member_id = $1"#, m)
                .fetch_optional(db)
                .await?
                .map(|r| (r.rating, r.review_count))
        }
    };
    Ok(r.unwrap_or((0.0, 0)))
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
    lock_target(&mut tx, target).await?;
    if !may_review(&mut *tx, me.member_id, target).await? {
        return Err(AppError::Conflict(match target {
            Target::Place(_) => "Check in here first: reviews come from visits.".into(),
            Target::Mentor(_) => "You can review a mentor after a completed session with them.".into(),
        }));
    }
    let (place, mentor) = target.ids();
    let updated = sqlx::query!(
        "update reviews set rating = $4, body = $5
         where author_id = $1 and (($2::uuid is not null and place_id = $2) or ($3::uuid is not null and mentor_id = $3))",
        me.member_id,
        place,
        mentor,
        rating,
        body
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if updated == 0 {
        sqlx::query!(
            "insert into reviews (author_id, place_id, mentor_id, rating, body) values ($1, $2, $3, $4, $5)",
            me.member_id,
            place,
            mentor,
            rating,
            body
        )
        .execute(&mut *tx)
        .await?;
    }
    recount(&mut tx, target).await?;
    tx.commit().await?;
    Ok(())
}

async fn lock_target(conn: &mut PgConnection, target: Target) -> Result<(), AppError> {
    let found = match target {
        Target::Place(p) => {
            sqlx::query_scalar!("select 1 as one from places where place_id = $1 for update", p)
                .fetch_optional(&mut *conn)
                .await?
        }
        Target::Mentor(m) => {
            sqlx::query_scalar!("select 1 as one from mentors where member_id = $1 for update", m)
                .fetch_optional(&mut *conn)
                .await?
        }
    };
    found.map(|_| ()).ok_or(AppError::NotFound)
}

async fn recount(conn: &mut PgConnection, target: Target) -> Result<(), sqlx::Error> {
    match target {
        Target::Place(p) => {
            sqlx::query!(
            "update places set rating = coalesce((select round(avg(rating), 2) from reviews where place_id = $1), 0),
                 review_count = (select count(*) from reviews where place_id = $1)
             where place_id = $1",
            p
        )
            .execute(&mut *conn)
            .await?
        }
        Target::Mentor(m) => {
            sqlx::query!(
            "update mentors set rating = coalesce((select round(avg(rating), 2) from reviews where mentor_id = $1), 0),
                 review_count = (select count(*) from reviews where mentor_id = $1)
             where member_id = $1",
            m
        )
            .execute(&mut *conn)
            .await?
        }
    };
    Ok(())
}

/// Any member may flag a review for moderators, with a reason.
pub async fn flag(state: &AppState, me: &CurrentMember, review_id: Uuid, reason: &str) -> Result<(), AppError> {
    let reason = reason.trim();
    if reason.chars().count() > 500 {
        return Err(AppError::invalid("reason", "Keep the reason to 500 characters."));
    }
    let done = sqlx::query!(
        "update reviews set flagged_at = coalesce(flagged_at, now()), flagged_by = coalesce(flagged_by, $2), flag_reason = $3
         where review_id = $1 and author_id <> $2",
        review_id,
        me.member_id,
        reason
    )
    .execute(&state.pool)
    .await?;
    if done.rows_affected() == 0 {
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
    let r = sqlx::query!("select author_id, place_id, mentor_id from reviews where review_id = $1", review_id)
        .fetch_optional(&state.pool)
        .await?
        .ok_or(AppError::NotFound)?;
    let target = match (r.place_id, r.mentor_id) {
        (Some(p), _) => Target::Place(p),
        (None, Some(m)) => Target::Mentor(m),
        _ => return Err(AppError::NotFound),
    };
    let moderator = me.site_role.can_moderate();
    match decision {
        "keep" if moderator => {
            sqlx::query!(
                "update reviews set flagged_at = null, flagged_by = null, flag_reason = '' where review_id = $1",
                review_id
            )
            .execute(&state.pool)
            .await?;
        }
        "remove" if moderator || r.author_id == me.member_id => {
            let mut tx = state.pool.begin().await?;
            lock_target(&mut tx, target).await?;
            sqlx::query!("delete from reviews where review_id = $1", review_id).execute(&mut *tx).await?;
            recount(&mut tx, target).await?;
            tx.commit().await?;
        }
        "keep" | "remove" => return Err(AppError::Forbidden),
        _ => return Err(AppError::invalid("decision", "Unknown decision.")),
    }
    Ok(())
}

/// Flagged reviews for the moderation page: (review id, target link, author, rating, body, reason).
pub async fn flagged(state: &AppState, me: &CurrentMember) -> Result<Vec<super::model::FlaggedReview>, AppError> {
    if !me.site_role.can_moderate() {
        return Err(AppError::Forbidden);
    }
    let rows = sqlx::query!(
        r#"select r.review_id, a.username, r.rating, r.body, r.flag_reason, r.place_id, pl.name as "place_name?",
                  mm.username as "mentor_username?"
           from reviews r join members a on a.member_id = r.author_id
           left join places pl on pl.place_id = r.place_id
           left join members mm on mm.member_id = r.mentor_id
           where r.flagged_at is not null
           order by r.flagged_at
           limit 100"#
    )
    .fetch_all(&state.pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| super::model::FlaggedReview {
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
