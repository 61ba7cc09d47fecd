//! Challenges and their participants.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

pub struct ChallengeRecord {
    pub challenge_id: Uuid,
    pub title: String,
    pub description: String,
    pub community_id: Option<Uuid>,
    pub community_slug: Option<String>,
    pub community_name: Option<String>,
    pub community_public: Option<bool>,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub criteria: serde_json::Value,
    pub category_id: Option<Uuid>,
    pub category_name: Option<String>,
    pub max_participants: Option<i32>,
    pub reward_xp: i32,
    pub reward_achievement_id: Option<Uuid>,
    pub reward_achievement: Option<String>,
    pub participants: i32,
    pub joined: bool,
    pub completed: bool,
}

/// Challenges the viewer may see (site-wide ones, public communities' ones and those of
/// communities they belong to), ending on or after `since`, soonest first.
pub async fn visible(
    db: impl PgExecutor<'_>,
    viewer: Option<Uuid>,
    since: NaiveDate,
    limit: i64,
) -> Result<Vec<ChallengeRecord>, sqlx::Error> {
    sqlx::query_as!(
        ChallengeRecord,
        r#"select ch.challenge_id, ch.title, ch.description, ch.community_id, c.slug as "community_slug?",
                  c.name as "community_name?", (c.visibility = 'public') as "community_public?",
                  ch.starts_on, ch.ends_on, ch.criteria, ch.category_id, pc.name as "category_name?",
                  ch.max_participants, ch.reward_xp, ch.reward_achievement_id, a.name as "reward_achievement?",
                  ch.participants,
                  (p.member_id is not null) as "joined!", (p.completed_at is not null) as "completed!"
           from challenges ch
           left join communities c on c.community_id = ch.community_id
           left join practice_categories pc on pc.category_id = ch.category_id
           left join achievements a on a.achievement_id = ch.reward_achievement_id
           left join challenge_participants p on p.challenge_id = ch.challenge_id and p.member_id = $1
           where ch.ends_on >= $2
             and (ch.community_id is null or c.visibility = 'public'
                  or exists (select 1 from community_members cm where cm.community_id = ch.community_id and cm.member_id = $1))
           order by ch.starts_on, ch.ends_on, ch.challenge_id
           limit $3"#,
        viewer,
        since,
        limit
    )
    .fetch_all(db)
    .await
}

pub async fn challenge(
    db: impl PgExecutor<'_>,
    id: Uuid,
    viewer: Option<Uuid>,
) -> Result<Option<ChallengeRecord>, sqlx::Error> {
    sqlx::query_as!(
        ChallengeRecord,
        r#"select ch.challenge_id, ch.title, ch.description, ch.community_id, c.slug as "community_slug?",
                  c.name as "community_name?", (c.visibility = 'public') as "community_public?",
                  ch.starts_on, ch.ends_on, ch.criteria, ch.category_id, pc.name as "category_name?",
                  ch.max_participants, ch.reward_xp, ch.reward_achievement_id, a.name as "reward_achievement?",
                  ch.participants,
                  (p.member_id is not null) as "joined!", (p.completed_at is not null) as "completed!"
           from challenges ch
           left join communities c on c.community_id = ch.community_id
           left join practice_categories pc on pc.category_id = ch.category_id
           left join achievements a on a.achievement_id = ch.reward_achievement_id
           left join challenge_participants p on p.challenge_id = ch.challenge_id and p.member_id = $2
           where ch.challenge_id = $1"#,
        id,
        viewer
    )
    .fetch_optional(db)
    .await
}

pub struct NewChallenge<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub community_id: Option<Uuid>,
    pub created_by: Uuid,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub criteria: serde_json::Value,
    pub category_id: Option<Uuid>,
    pub max_participants: Option<i32>,
    pub reward_xp: i32,
    pub reward_achievement_id: Option<Uuid>,
}

pub async fn insert(db: impl PgExecutor<'_>, c: NewChallenge<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into challenges (title, description, community_id, created_by, starts_on, ends_on, criteria, category_id,
                                 max_participants, reward_xp, reward_achievement_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) returning challenge_id",
        c.title,
        c.description,
        c.community_id,
        c.created_by,
        c.starts_on,
        c.ends_on,
        c.criteria,
        c.category_id,
        c.max_participants,
        c.reward_xp,
        c.reward_achievement_id,
    )
    .fetch_one(db)
    .await
}

/// Locks the challenge's row (joins count against its limit one at a time).
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> Result<Option<(i32, Option<i32>)>, sqlx::Error> {
    let r =
        sqlx::query!("select participants, max_participants from challenges where challenge_id = $1 for update", id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(r.map(|r| (r.participants, r.max_participants)))
}

/// Adds a participant with their progress so far; false when they had joined already.
pub async fn join(conn: &mut PgConnection, id: Uuid, member: Uuid, progress: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into challenge_participants (challenge_id, member_id, progress) values ($1, $2, $3) on conflict do nothing",
        id,
        member,
        progress
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query!("update challenges set participants = participants + 1 where challenge_id = $1", id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(done.rows_affected() == 1)
}

pub async fn leave(conn: &mut PgConnection, id: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "delete from challenge_participants where challenge_id = $1 and member_id = $2 and completed_at is null",
        id,
        member
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query!("update challenges set participants = participants - 1 where challenge_id = $1", id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(done.rows_affected() == 1)
}

/// What a member's sessions between two local days add up to: (minutes, sessions, days),
/// in one category when given.
pub async fn measure(
    conn: &mut PgConnection,
    member: Uuid,
    from: NaiveDate,
    to: NaiveDate,
    category: Option<Uuid>,
) -> Result<(i64, i64, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"select coalesce(sum(seconds), 0)::bigint / 60 as "minutes!", count(*) as "sessions!",
                  count(distinct local_day) as "days!"
           from practice_sessions
           where member_id = $1 and local_day between $2 and $3 and ($4::uuid is null or category_id = $4)"#,
        member,
        from,
        to,
        category
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((r.minutes, r.sessions, r.days))
}

/// The member's challenges running on `day` that a session in `category` counts for:
/// (id, title, criteria, category, progress, completed).
pub async fn running_for(
    conn: &mut PgConnection,
    member: Uuid,
    day: NaiveDate,
    category: Uuid,
) -> Result<Vec<(Uuid, String, serde_json::Value, Option<Uuid>, Option<Uuid>, i32, DateTime<Utc>, bool)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select ch.challenge_id, ch.title, ch.criteria, ch.category_id, ch.reward_achievement_id, ch.reward_xp,
                  p.joined_at, (p.completed_at is not null) as "completed!"
           from challenge_participants p
           join challenges ch on ch.challenge_id = p.challenge_id
           where p.member_id = $1 and $2 between ch.starts_on and ch.ends_on
             and (ch.category_id is null or ch.category_id = $3)
           for update of p"#,
        member,
        day,
        category
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.challenge_id,
                r.title,
                r.criteria,
                r.category_id,
                r.reward_achievement_id,
                r.reward_xp,
                r.joined_at,
                r.completed,
            )
        })
        .collect())
}

/// Sets a participant's progress; marks completion (once) when `completed` is true.
pub async fn set_progress(
    conn: &mut PgConnection,
    id: Uuid,
    member: Uuid,
    progress: i64,
    completed: bool,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let r = sqlx::query!(
        r#"update challenge_participants set progress = $3,
               completed_at = case when $4 and completed_at is null then $5 else completed_at end
           where challenge_id = $1 and member_id = $2
           returning coalesce(completed_at = $5, false) as "just_completed!""#,
        id,
        member,
        progress,
        completed,
        at
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(r.just_completed)
}

pub async fn add_completed(conn: &mut PgConnection, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update practice_members set challenges_completed = challenges_completed + 1 where member_id = $1",
        member
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The participants by progress: (member, username, display name, progress, completed).
pub async fn board(
    db: impl PgExecutor<'_>,
    id: Uuid,
    limit: i64,
) -> Result<Vec<(Uuid, String, String, i64, bool)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select p.member_id, m.username, m.display_name, p.progress, (p.completed_at is not null) as "completed!"
           from challenge_participants p join members m on m.member_id = p.member_id
           where p.challenge_id = $1
           order by p.progress desc, p.completed_at nulls last, p.member_id
           limit $2"#,
        id,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.member_id, r.username, r.display_name, r.progress, r.completed)).collect())
}

/// The member's rank among participants (ties share it), progress and completion.
pub async fn my_rank(
    db: impl PgExecutor<'_>,
    id: Uuid,
    member: Uuid,
) -> Result<Option<(i64, i64, Option<DateTime<Utc>>)>, sqlx::Error> {
    let r = sqlx::query!(
        r#"select p.progress, p.completed_at,
                  (select count(*) from challenge_participants o where o.challenge_id = $1 and o.progress > p.progress) as "ahead!"
           from challenge_participants p where p.challenge_id = $1 and p.member_id = $2"#,
        id,
        member
    )
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| (r.ahead + 1, r.progress, r.completed_at)))
}

pub async fn achievement_id(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select achievement_id from achievements where slug = $1 and active", slug)
        .fetch_optional(db)
        .await
}

/// Active achievements: (slug, name), for the form.
pub async fn achievement_choices(db: impl PgExecutor<'_>) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!("select slug, name from achievements where active order by name").fetch_all(db).await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.name)).collect())
}

/// Whether the member belongs to the community.
pub async fn is_member(db: impl PgExecutor<'_>, community: Uuid, member: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from community_members where community_id = $1 and member_id = $2) as "e!""#,
        community,
        member
    )
    .fetch_one(db)
    .await?)
}
