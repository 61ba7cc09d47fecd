//! SQL for mentor profiles and the sessions members book with them.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::places::model::{MentorInput, MentorMode, SessionMode, SessionStatus};

/// A mentor profile with its member and place.
pub struct MentorRow {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub avatar_id: Option<Uuid>,
    pub title: String,
    pub specializations: Vec<String>,
    pub bio: String,
    pub mode: MentorMode,
    pub place_id: Option<Uuid>,
    pub place_name: Option<String>,
    pub available: bool,
    pub verified: bool,
    pub rating: f64,
    pub review_count: i32,
    pub session_count: i32,
}

pub async fn mentor(db: impl PgExecutor<'_>, username: &str) -> Result<Option<MentorRow>, sqlx::Error> {
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

/// Available mentors (or all with `include_unavailable`), verified and best rated first.
pub async fn mentors(db: impl PgExecutor<'_>, include_unavailable: bool) -> Result<Vec<MentorRow>, sqlx::Error> {
    sqlx::query_as!(
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
    .fetch_all(db)
    .await
}

/// Creates or replaces the member's mentor profile.
pub async fn save_mentor(db: impl PgExecutor<'_>, member: Uuid, m: &MentorInput) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into mentors (member_id, title, specializations, bio, mode, place_id, available)
         values ($1, $2, $3, $4, $5, $6, $7)
         on conflict (member_id) do update set title = $2, specializations = $3, bio = $4, mode = $5,
             place_id = $6, available = $7",
        member,
        m.title,
        &m.specializations,
        m.bio,
        m.mode as MentorMode,
        m.place_id,
        m.available
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Marks the mentor with this username verified or not; false when there is no such mentor.
pub async fn set_mentor_verified(db: impl PgExecutor<'_>, username: &str, verified: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update mentors set verified = $2 where member_id = (select member_id from members where username = $1)",
        username,
        verified
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn insert_session(
    db: impl PgExecutor<'_>,
    mentor: Uuid,
    member: Uuid,
    starts_at: DateTime<Utc>,
    duration_minutes: i32,
    mode: SessionMode,
    place: Option<Uuid>,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into mentor_sessions (mentor_id, member_id, starts_at, duration_minutes, mode, place_id)
         values ($1, $2, $3, $4, $5, $6) returning session_id",
        mentor,
        member,
        starts_at,
        duration_minutes,
        mode as SessionMode,
        place
    )
    .fetch_one(db)
    .await
}

/// A session seen by one of its two sides; `username` and `display_name` are the other side's.
pub struct SessionRow {
    pub session_id: Uuid,
    pub mentor_id: Uuid,
    pub starts_at: DateTime<Utc>,
    pub duration_minutes: i32,
    pub mode: SessionMode,
    pub place: Option<String>,
    pub status: SessionStatus,
    pub confirmed: bool,
    pub mentor_notes: String,
    pub member_notes: String,
    pub username: String,
    pub display_name: String,
}

/// The member's sessions, as mentor and as member, latest first.
pub async fn sessions(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<SessionRow>, sqlx::Error> {
    sqlx::query_as!(
        SessionRow,
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
        member
    )
    .fetch_all(db)
    .await
}

/// Who a session is between and where it stands.
pub struct SessionState {
    pub mentor_id: Uuid,
    pub member_id: Uuid,
    pub status: SessionStatus,
    pub confirmed: bool,
}

/// The session, locked for the rest of the transaction.
pub async fn lock_session(conn: &mut PgConnection, session: Uuid) -> Result<Option<SessionState>, sqlx::Error> {
    sqlx::query_as!(
        SessionState,
        r#"select mentor_id, member_id, status as "status: SessionStatus", confirmed_at is not null as "confirmed!"
           from mentor_sessions where session_id = $1 for update"#,
        session
    )
    .fetch_optional(conn)
    .await
}

pub async fn confirm_session(conn: &mut PgConnection, session: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update mentor_sessions set confirmed_at = coalesce(confirmed_at, now()) where session_id = $1",
        session
    )
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_session_status(
    conn: &mut PgConnection,
    session: Uuid,
    status: SessionStatus,
) -> Result<(), sqlx::Error> {
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

/// Counts a completed session on the mentor's profile and on the member's journey.
pub async fn count_completed_session(conn: &mut PgConnection, mentor: Uuid, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("update mentors set session_count = session_count + 1 where member_id = $1", mentor)
        .execute(&mut *conn)
        .await?;
    // A completed session counts on the member's journey (level 5 needs one).
    sqlx::query!("insert into journeys (member_id) values ($1) on conflict do nothing", member)
        .execute(&mut *conn)
        .await?;
    sqlx::query!("update journeys set mentor_sessions = mentor_sessions + 1 where member_id = $1", member)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Saves one side's private notes on a session.
pub async fn set_session_notes(
    conn: &mut PgConnection,
    session: Uuid,
    as_mentor: bool,
    text: &str,
) -> Result<(), sqlx::Error> {
    if as_mentor {
        sqlx::query!("update mentor_sessions set mentor_notes = $2 where session_id = $1", session, text)
            .execute(conn)
            .await?;
    } else {
        sqlx::query!("update mentor_sessions set member_notes = $2 where session_id = $1", session, text)
            .execute(conn)
            .await?;
    }
    Ok(())
}
