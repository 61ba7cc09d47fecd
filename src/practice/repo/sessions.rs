//! Sessions, check-ins and XP: writing them and reading them back for the practice page.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::practice::model::{Category, Feedback, SessionKind, SessionRow};

/// A session of the member that overlaps [start, end), if any: its start and technique name.
pub async fn overlapping(
    conn: &mut PgConnection,
    member: Uuid,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Result<Option<(DateTime<Utc>, String)>, sqlx::Error> {
    let row = sqlx::query!(
        "select s.started_at, t.name from practice_sessions s join techniques t on t.technique_id = s.technique_id
         where s.member_id = $1 and tstzrange(s.started_at, s.ended_at) && tstzrange($2, $3)
         order by s.started_at limit 1",
        member,
        start,
        end
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| (r.started_at, r.name)))
}

pub async fn practised_on(conn: &mut PgConnection, member: Uuid, day: NaiveDate) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from practice_sessions where member_id = $1 and local_day = $2) as "e!""#,
        member,
        day
    )
    .fetch_one(&mut *conn)
    .await?)
}

pub struct NewSession<'a> {
    pub member: Uuid,
    pub technique_id: Uuid,
    pub category_id: Uuid,
    pub started_at: DateTime<Utc>,
    pub seconds: i32,
    pub local_day: NaiveDate,
    pub feedback: Option<Feedback>,
    pub kind: SessionKind,
    pub notes: &'a str,
    pub event_id: Option<Uuid>,
}

pub async fn insert_session(conn: &mut PgConnection, s: NewSession<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into practice_sessions
             (member_id, technique_id, category_id, started_at, ended_at, seconds, local_day, feedback, kind, notes, event_id)
         values ($1, $2, $3, $4::timestamptz, $4::timestamptz + make_interval(secs => $5::int), $5, $6, $7, $8, $9, $10)
         returning session_id",
        s.member,
        s.technique_id,
        s.category_id,
        s.started_at,
        s.seconds,
        s.local_day,
        s.feedback as Option<Feedback>,
        s.kind as SessionKind,
        s.notes,
        s.event_id,
    )
    .fetch_one(&mut *conn)
    .await
}

pub async fn set_session_xp(conn: &mut PgConnection, session_id: Uuid, xp: i32) -> Result<(), sqlx::Error> {
    sqlx::query!("update practice_sessions set xp = $2 where session_id = $1", session_id, xp)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Adds a session to the member's record of the technique; returns (sessions, seconds,
/// verified) after it.
pub async fn add_technique_session(
    conn: &mut PgConnection,
    member: Uuid,
    technique_id: Uuid,
    started_at: DateTime<Utc>,
    seconds: i32,
) -> Result<(i32, i64, bool), sqlx::Error> {
    let r = sqlx::query!(
        "insert into member_techniques (member_id, technique_id, first_practised_at, last_practised_at, sessions, seconds)
         values ($1, $2, $3, $3, 1, $4)
         on conflict (member_id, technique_id) do update set
             first_practised_at = least(coalesce(member_techniques.first_practised_at, excluded.first_practised_at), excluded.first_practised_at),
             last_practised_at = greatest(coalesce(member_techniques.last_practised_at, excluded.last_practised_at), excluded.last_practised_at),
             sessions = member_techniques.sessions + 1,
             seconds = member_techniques.seconds + excluded.seconds
         returning sessions, seconds, verified_at is not null as \"verified!\"",
        member,
        technique_id,
        started_at,
        seconds as i64,
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((r.sessions, r.seconds, r.verified))
}

pub async fn set_mastery(
    conn: &mut PgConnection,
    member: Uuid,
    technique_id: Uuid,
    mastery: i16,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update member_techniques set mastery = $3 where member_id = $1 and technique_id = $2",
        member,
        technique_id,
        mastery
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Today's XP so far in a category, with that day's row locked.
pub async fn xp_today(
    conn: &mut PgConnection,
    member: Uuid,
    category: Uuid,
    day: NaiveDate,
) -> Result<i32, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into practice_xp_days (member_id, category_id, local_day, xp) values ($1, $2, $3, 0)
         on conflict (member_id, category_id, local_day) do update set xp = practice_xp_days.xp
         returning xp",
        member,
        category,
        day
    )
    .fetch_one(&mut *conn)
    .await
}

/// Adds XP to a day and a category; returns the category's XP before and after.
pub async fn add_xp(
    conn: &mut PgConnection,
    member: Uuid,
    category: Uuid,
    day: NaiveDate,
    gain: i32,
) -> Result<(i32, i32), sqlx::Error> {
    sqlx::query!(
        "update practice_xp_days set xp = xp + $4 where member_id = $1 and category_id = $2 and local_day = $3",
        member,
        category,
        day,
        gain
    )
    .execute(&mut *conn)
    .await?;
    let after = sqlx::query_scalar!(
        "insert into practice_xp (member_id, category_id, xp) values ($1, $2, $3)
         on conflict (member_id, category_id) do update set xp = practice_xp.xp + excluded.xp
         returning xp",
        member,
        category,
        gain
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((after - gain, after))
}

pub async fn set_level(conn: &mut PgConnection, member: Uuid, category: Uuid, level: i32) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update practice_xp set level = $3 where member_id = $1 and category_id = $2",
        member,
        category,
        level
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Levels per category slug (categories without XP are absent: level 1).
pub async fn levels(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<(String, i32, i32)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select c.slug, x.xp, x.level from practice_xp x join practice_categories c on c.category_id = x.category_id
         where x.member_id = $1",
        member
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.xp, r.level)).collect())
}

/// Records the day's check-in; false when there already is one for that day.
pub async fn insert_check_in(
    conn: &mut PgConnection,
    member: Uuid,
    day: NaiveDate,
    mood_before: i16,
    mood_after: i16,
    technique_id: Option<Uuid>,
    session_id: Option<Uuid>,
    note: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into practice_check_ins (member_id, local_day, mood_before, mood_after, technique_id, session_id, note)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing",
        member,
        day,
        mood_before,
        mood_after,
        technique_id,
        session_id,
        note
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn checked_in_on(db: impl PgExecutor<'_>, member: Uuid, day: NaiveDate) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from practice_check_ins where member_id = $1 and local_day = $2) as "e!""#,
        member,
        day
    )
    .fetch_one(db)
    .await?)
}

/// The member's sessions, newest first, after the keyset cursor (started_at, session_id).
pub async fn sessions(
    db: impl PgExecutor<'_>,
    member: Uuid,
    before: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<SessionRow>, sqlx::Error> {
    let (at, id) = before.map_or((None, None), |(a, i)| (Some(a), Some(i)));
    let rows = sqlx::query!(
        r#"select s.session_id, t.slug, t.name, c.slug as cat_slug, c.name as cat_name, c.colour, s.started_at, s.local_day,
                  s.seconds, s.feedback as "feedback: Feedback", s.kind as "kind: SessionKind", s.notes, s.xp
           from practice_sessions s
           join techniques t on t.technique_id = s.technique_id
           join practice_categories c on c.category_id = s.category_id
           where s.member_id = $1 and ($2::timestamptz is null or (s.started_at, s.session_id) < ($2, $3::uuid))
           order by s.started_at desc, s.session_id desc
           limit $4"#,
        member,
        at,
        id,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| SessionRow {
            session_id: r.session_id,
            technique_slug: r.slug,
            technique: r.name,
            category: Category { slug: r.cat_slug, name: r.cat_name, colour: r.colour },
            started_at: r.started_at,
            local_day: r.local_day,
            minutes: (r.seconds + 30) / 60,
            feedback: r.feedback,
            kind: r.kind,
            notes: r.notes,
            xp: r.xp,
        })
        .collect())
}

pub async fn check_in_days(
    db: impl PgExecutor<'_>,
    member: Uuid,
    since: NaiveDate,
) -> Result<Vec<NaiveDate>, sqlx::Error> {
    sqlx::query_scalar!(
        "select local_day from practice_check_ins where member_id = $1 and local_day >= $2 order by local_day",
        member,
        since
    )
    .fetch_all(db)
    .await
}

/// Minutes per week (Monday) and category since `since`: (week start, category slug, minutes).
pub async fn weekly_minutes(
    db: impl PgExecutor<'_>,
    member: Uuid,
    since: NaiveDate,
) -> Result<Vec<(NaiveDate, String, i64)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select date_trunc('week', s.local_day)::date as "week!", c.slug, (sum(s.seconds) / 60)::bigint as "minutes!"
           from practice_sessions s join practice_categories c on c.category_id = s.category_id
           where s.member_id = $1 and s.local_day >= $2
           group by 1, 2 order by 1, 2"#,
        member,
        since
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.week, r.slug, r.minutes)).collect())
}

/// The last `limit` check-ins' moods, oldest first: (day, before, after).
pub async fn moods(
    db: impl PgExecutor<'_>,
    member: Uuid,
    limit: i64,
) -> Result<Vec<(NaiveDate, i16, i16)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select local_day, mood_before, mood_after from
           (select local_day, mood_before, mood_after from practice_check_ins where member_id = $1
            order by local_day desc limit $2) recent
         order by local_day",
        member,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.local_day, r.mood_before, r.mood_after)).collect())
}

/// Techniques the member may practise now (open or unlocked): (slug, name).
pub async fn practisable(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select t.slug, t.name from techniques t
         left join member_techniques mt on mt.technique_id = t.technique_id and mt.member_id = $1
         where t.active and (t.gateway or (t.prerequisite_id is null and t.unlock = '{}'::jsonb) or mt.unlocked_at is not null)
         order by t.name",
        member
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.name)).collect())
}

/// Claims the members whose streak is at risk this evening (local time from 19:00, no check-in
/// today, the streak still alive or kept by freezes) and who have not been reminded today; marks
/// them reminded in the same statement, so of any number of instances exactly one sends each
/// reminder. Returns (member, streak).
pub async fn claim_streak_reminders(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(Uuid, i32)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"with zones as (select name from pg_timezone_names),
           due as (
               select p.member_id, ($1::timestamptz at time zone m.time_zone)::date as today
               from practice_members p
               join members m on m.member_id = p.member_id
               where p.current_streak > 0
                 and m.time_zone in (select name from zones)
                 and extract(hour from ($1::timestamptz at time zone m.time_zone)) >= 19
                 and p.last_check_in_day < ($1::timestamptz at time zone m.time_zone)::date
                 and p.last_check_in_day >= ($1::timestamptz at time zone m.time_zone)::date - 1 - p.freezes
                 and (p.reminded_on is null or p.reminded_on < ($1::timestamptz at time zone m.time_zone)::date)
               for update of p skip locked
               limit $2
           )
           update practice_members p set reminded_on = due.today
           from due where p.member_id = due.member_id
           returning p.member_id, p.current_streak"#,
        now,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.member_id, r.current_streak)).collect())
}
