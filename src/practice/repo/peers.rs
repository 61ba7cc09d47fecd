//! Practice among peers: privacy choices, weekly minutes and leaderboards, validations of
//! sessions, and mastery verification.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::practice::model::{
    Category, Feedback, ProfileAudience, SessionAudience, SessionKind, SessionRow, ValidationKind, VerificationStatus,
};

// ---- Privacy ----

pub async fn profile_audience(db: impl PgExecutor<'_>, member: Uuid) -> Result<ProfileAudience, sqlx::Error> {
    sqlx::query_scalar!(r#"select profile_audience as "a: ProfileAudience" from members where member_id = $1"#, member)
        .fetch_one(db)
        .await
}

/// Saves the member's choices; the leaderboard choice also marks their weekly rows.
pub async fn save_privacy(
    conn: &mut PgConnection,
    member: Uuid,
    profile: ProfileAudience,
    sessions: SessionAudience,
    leaderboards: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!("update members set profile_audience = $2 where member_id = $1", member, profile as ProfileAudience)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "insert into practice_members (member_id, sessions_audience, on_leaderboards) values ($1, $2, $3)
         on conflict (member_id) do update set sessions_audience = excluded.sessions_audience,
             on_leaderboards = excluded.on_leaderboards",
        member,
        sessions as SessionAudience,
        leaderboards
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("update practice_weekly set listed = $2 where member_id = $1 and listed <> $2", member, leaderboards)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "update practice_weekly_categories set listed = $2 where member_id = $1 and listed <> $2",
        member,
        leaderboards
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether `viewer` may see `owner`'s sessions, by the owner's choice (and never across a block).
pub async fn may_see_sessions(db: impl PgExecutor<'_>, owner: Uuid, viewer: Option<Uuid>) -> Result<bool, sqlx::Error> {
    if viewer == Some(owner) {
        return Ok(true);
    }
    Ok(sqlx::query_scalar!(
        r#"select case coalesce(p.sessions_audience, 'connections')
                    when 'everyone' then true
                    when 'connections' then exists (select 1 from connections c where c.member_id = $1 and c.other_id = $2)
                    else false
                  end
                  and not exists (select 1 from blocks b where (b.blocker_id = $1 and b.blocked_id = $2)
                                                           or (b.blocker_id = $2 and b.blocked_id = $1))
                  as "visible!"
           from members m left join practice_members p on p.member_id = m.member_id
           where m.member_id = $1"#,
        owner,
        viewer
    )
    .fetch_optional(db)
    .await?
    .unwrap_or(false))
}

// ---- Weekly minutes ----

/// Adds a session's seconds to its week (overall and in its category).
pub async fn add_weekly(
    conn: &mut PgConnection,
    member: Uuid,
    category: Uuid,
    week_start: NaiveDate,
    seconds: i32,
    listed: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into practice_weekly (week_start, member_id, seconds, listed) values ($1, $2, $3, $4)
         on conflict (week_start, member_id) do update set seconds = practice_weekly.seconds + excluded.seconds",
        week_start,
        member,
        seconds as i64,
        listed
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into practice_weekly_categories (week_start, category_id, member_id, seconds, listed)
         values ($1, $2, $3, $4, $5)
         on conflict (week_start, category_id, member_id)
         do update set seconds = practice_weekly_categories.seconds + excluded.seconds",
        week_start,
        category,
        member,
        seconds as i64,
        listed
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// (member, username, display name, value)
pub type BoardEntry = (Uuid, String, String, i64);

/// Minutes this week, listed members only, most first; a category's when `category` is given.
pub async fn weekly_board(
    db: impl PgExecutor<'_>,
    week_start: NaiveDate,
    category: Option<Uuid>,
    limit: i64,
) -> Result<Vec<BoardEntry>, sqlx::Error> {
    let rows = match category {
        None => sqlx::query!(
            r#"select w.member_id, m.username, m.display_name, w.seconds
               from practice_weekly w join members m on m.member_id = w.member_id
               where w.week_start = $1 and w.listed
               order by w.seconds desc, w.member_id limit $2"#,
            week_start,
            limit
        )
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| (r.member_id, r.username, r.display_name, r.seconds / 60))
        .collect(),
        Some(category) => sqlx::query!(
            r#"select w.member_id, m.username, m.display_name, w.seconds
               from practice_weekly_categories w join members m on m.member_id = w.member_id
               where w.week_start = $1 and w.category_id = $2 and w.listed
               order by w.seconds desc, w.member_id limit $3"#,
            week_start,
            category,
            limit
        )
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|r| (r.member_id, r.username, r.display_name, r.seconds / 60))
        .collect(),
    };
    Ok(rows)
}

/// The member's rank this week (ties share a rank) and minutes, when listed and practised.
pub async fn weekly_rank(
    db: impl PgExecutor<'_>,
    week_start: NaiveDate,
    category: Option<Uuid>,
    member: Uuid,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"with me as (
               select seconds from practice_weekly where week_start = $1 and member_id = $3 and listed and $2::uuid is null
               union all
               select seconds from practice_weekly_categories
               where week_start = $1 and category_id = $2 and member_id = $3 and listed
           )
           select me.seconds as "seconds!",
                  case when $2::uuid is null
                       then (select count(*) from practice_weekly w
                             where w.week_start = $1 and w.listed and w.seconds > me.seconds)
                       else (select count(*) from practice_weekly_categories w
                             where w.week_start = $1 and w.category_id = $2 and w.listed and w.seconds > me.seconds)
                  end as "ahead!"
           from me"#,
        week_start,
        category,
        member
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.ahead + 1, r.seconds / 60)))
}

/// Minutes this week among a community's members who are listed.
pub async fn community_board(
    db: impl PgExecutor<'_>,
    community: Uuid,
    week_start: NaiveDate,
    limit: i64,
) -> Result<Vec<BoardEntry>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select w.member_id, m.username, m.display_name, w.seconds
           from community_members cm
           join practice_weekly w on w.member_id = cm.member_id and w.week_start = $2 and w.listed
           join members m on m.member_id = w.member_id
           where cm.community_id = $1
           order by w.seconds desc, w.member_id limit $3"#,
        community,
        week_start,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.member_id, r.username, r.display_name, r.seconds / 60)).collect())
}

/// Live check-in streaks of listed members, longest first. A streak counts while its last day is
/// yesterday or today, or missed days are covered by freezes (as of `today`, UTC).
pub async fn streak_board(
    db: impl PgExecutor<'_>,
    today: NaiveDate,
    limit: i64,
) -> Result<Vec<BoardEntry>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select p.member_id, m.username, m.display_name, p.current_streak
           from practice_members p join members m on m.member_id = p.member_id
           where p.on_leaderboards and p.current_streak > 0
             and p.last_check_in_day >= $1::date - 1 - p.freezes
           order by p.current_streak desc, p.member_id limit $2"#,
        today,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.member_id, r.username, r.display_name, r.current_streak as i64)).collect())
}

pub async fn streak_rank(
    db: impl PgExecutor<'_>,
    today: NaiveDate,
    member: Uuid,
) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select p.current_streak,
                  (select count(*) from practice_members o
                   where o.on_leaderboards and o.current_streak > p.current_streak
                     and o.last_check_in_day >= $1::date - 1 - o.freezes) as "ahead!"
           from practice_members p
           where p.member_id = $2 and p.on_leaderboards and p.current_streak > 0
             and p.last_check_in_day >= $1::date - 1 - p.freezes"#,
        today,
        member
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (r.ahead + 1, r.current_streak as i64)))
}

// ---- Sessions seen by peers, and validations ----

/// A member's recent sessions with their validation counts and the viewer's own validation.
pub async fn peer_sessions(
    db: impl PgExecutor<'_>,
    owner: Uuid,
    viewer: Option<Uuid>,
    limit: i64,
) -> Result<Vec<(SessionRow, i32, Option<ValidationKind>)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select s.session_id, t.slug, t.name, c.slug as cat_slug, c.name as cat_name, c.colour, s.started_at, s.local_day,
                  s.seconds, s.feedback as "feedback: Feedback", s.kind as "kind: SessionKind", s.xp, s.validations,
                  v.kind as "mine?: ValidationKind"
           from practice_sessions s
           join techniques t on t.technique_id = s.technique_id
           join practice_categories c on c.category_id = s.category_id
           left join session_validations v on v.session_id = s.session_id and v.validator_id = $2
           where s.member_id = $1
           order by s.started_at desc, s.session_id desc
           limit $3"#,
        owner,
        viewer,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                SessionRow {
                    session_id: r.session_id,
                    technique_slug: r.slug,
                    technique: r.name,
                    category: Category { slug: r.cat_slug, name: r.cat_name, colour: r.colour },
                    started_at: r.started_at,
                    local_day: r.local_day,
                    minutes: (r.seconds + 30) / 60,
                    feedback: r.feedback,
                    kind: r.kind,
                    // A session's notes are private to its member.
                    notes: String::new(),
                    xp: r.xp,
                },
                r.validations,
                r.mine,
            )
        })
        .collect())
}

/// The owner and category of a session.
pub async fn session_owner(db: impl PgExecutor<'_>, session: Uuid) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    let row = sqlx::query!("select member_id, category_id from practice_sessions where session_id = $1", session)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| (r.member_id, r.category_id)))
}

/// Records a validation; false when this validator already validated the session.
pub async fn insert_validation(
    conn: &mut PgConnection,
    session: Uuid,
    validator: Uuid,
    kind: ValidationKind,
    comment: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into session_validations (session_id, validator_id, kind, comment) values ($1, $2, $3, $4)
         on conflict do nothing",
        session,
        validator,
        kind as ValidationKind,
        comment
    )
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        sqlx::query!("update practice_sessions set validations = validations + 1 where session_id = $1", session)
            .execute(&mut *conn)
            .await?;
    }
    Ok(done.rows_affected() == 1)
}

/// Validations given and received by a member since `since`: (given, received).
pub async fn validations_since(
    conn: &mut PgConnection,
    member: Uuid,
    since: DateTime<Utc>,
) -> Result<(i64, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"select (select count(*) from session_validations where validator_id = $1 and created_at >= $2) as "given!",
                  (select count(*) from session_validations v join practice_sessions s on s.session_id = v.session_id
                   where s.member_id = $1 and v.created_at >= $2) as "received!""#,
        member,
        since
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok((r.given, r.received))
}

pub async fn add_validation_given(conn: &mut PgConnection, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("update practice_members set validations_given = validations_given + 1 where member_id = $1", member)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Locks both members' practice rows, always in the same order (so two members validating each
/// other at once cannot deadlock).
pub async fn lock_pair(conn: &mut PgConnection, a: Uuid, b: Uuid) -> Result<(), sqlx::Error> {
    let (first, second) = if a < b { (a, b) } else { (b, a) };
    for m in [first, second] {
        sqlx::query!("insert into practice_members (member_id) values ($1) on conflict do nothing", m)
            .execute(&mut *conn)
            .await?;
    }
    sqlx::query!(
        "select member_id from practice_members where member_id = any($1) order by member_id for update",
        &[first, second] as &[Uuid]
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(())
}

// ---- Verification ----

pub async fn my_verification(
    db: impl PgExecutor<'_>,
    member: Uuid,
    technique: Uuid,
) -> Result<Option<(VerificationStatus, i32, i32, DateTime<Utc>)>, sqlx::Error> {
    let r = sqlx::query!(
        r#"select status as "status: VerificationStatus", authentic, not_authentic, created_at
           from verification_requests where member_id = $1 and technique_id = $2
           order by created_at desc limit 1"#,
        member,
        technique
    )
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| (r.status, r.authentic, r.not_authentic, r.created_at)))
}

/// A new pending request; None when one is already pending.
pub async fn insert_verification(
    conn: &mut PgConnection,
    member: Uuid,
    technique: Uuid,
    answers: &[String],
    anonymous: bool,
) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into verification_requests (member_id, technique_id, answers, anonymous) values ($1, $2, $3, $4)
         on conflict (member_id, technique_id) where status = 'pending' do nothing
         returning request_id",
        member,
        technique,
        answers,
        anonymous
    )
    .fetch_optional(&mut *conn)
    .await
}

pub struct RequestRow {
    pub request_id: Uuid,
    pub member_id: Uuid,
    pub technique_id: Uuid,
    pub technique_slug: String,
    pub technique: String,
    pub questions: Vec<String>,
    pub answers: Vec<String>,
    pub anonymous: bool,
    pub status: VerificationStatus,
    pub authentic: i32,
    pub not_authentic: i32,
    pub created_at: DateTime<Utc>,
    pub username: String,
    pub display_name: String,
}

/// Locks a request for a review (reviews of one request run one at a time, so counts are exact).
pub async fn lock_request(conn: &mut PgConnection, request: Uuid) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as!(
        RequestRow,
        r#"select r.request_id, r.member_id, r.technique_id, t.slug as technique_slug, t.name as technique, t.questions,
                  r.answers, r.anonymous, r.status as "status: VerificationStatus", r.authentic, r.not_authentic,
                  r.created_at, m.username, m.display_name
           from verification_requests r
           join techniques t on t.technique_id = r.technique_id
           join members m on m.member_id = r.member_id
           where r.request_id = $1
           for update of r"#,
        request
    )
    .fetch_optional(&mut *conn)
    .await
}

/// Pending requests `reviewer` may review: in techniques they are verified in (any, for
/// moderators), not their own, not yet reviewed by them; oldest first.
pub async fn review_queue(
    db: impl PgExecutor<'_>,
    reviewer: Uuid,
    moderator: bool,
    limit: i64,
) -> Result<Vec<RequestRow>, sqlx::Error> {
    sqlx::query_as!(
        RequestRow,
        r#"select r.request_id, r.member_id, r.technique_id, t.slug as technique_slug, t.name as technique, t.questions,
                  r.answers, r.anonymous, r.status as "status: VerificationStatus", r.authentic, r.not_authentic,
                  r.created_at, m.username, m.display_name
           from verification_requests r
           join techniques t on t.technique_id = r.technique_id
           join members m on m.member_id = r.member_id
           where r.status = 'pending' and r.member_id <> $1
             and ($2 or exists (select 1 from member_techniques mt
                                where mt.member_id = $1 and mt.technique_id = r.technique_id and mt.verified_at is not null))
             and not exists (select 1 from verification_reviews v where v.request_id = r.request_id and v.reviewer_id = $1)
           order by r.created_at
           limit $3"#,
        reviewer,
        moderator,
        limit
    )
    .fetch_all(db)
    .await
}

pub async fn verified_in(db: impl PgExecutor<'_>, member: Uuid, technique: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from member_techniques where member_id = $1 and technique_id = $2
                          and verified_at is not null) as "e!""#,
        member,
        technique
    )
    .fetch_one(db)
    .await?)
}

/// Records a review; false when this reviewer already reviewed the request.
pub async fn insert_review(
    conn: &mut PgConnection,
    request: Uuid,
    reviewer: Uuid,
    authentic: bool,
    comment: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into verification_reviews (request_id, reviewer_id, authentic, comment) values ($1, $2, $3, $4)
         on conflict do nothing",
        request,
        reviewer,
        authentic,
        comment
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_request_counts(
    conn: &mut PgConnection,
    request: Uuid,
    authentic: i32,
    not_authentic: i32,
    status: VerificationStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update verification_requests set authentic = $2, not_authentic = $3, status = $4,
             decided_at = case when $4 <> 'pending'::verification_status then now() end
         where request_id = $1",
        request,
        authentic,
        not_authentic,
        status as VerificationStatus
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Marks the member verified in the technique (mastery 5) and counts it.
pub async fn mark_verified(
    conn: &mut PgConnection,
    member: Uuid,
    technique: Uuid,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into member_techniques (member_id, technique_id, verified_at, mastery) values ($1, $2, $3, 5)
         on conflict (member_id, technique_id) do update set verified_at = excluded.verified_at, mastery = 5",
        member,
        technique,
        at
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("update practice_members set verified = verified + 1 where member_id = $1", member)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Techniques the member is verified in: (slug, name).
pub async fn verified_techniques(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select t.slug, t.name from member_techniques mt join techniques t on t.technique_id = mt.technique_id
         where mt.member_id = $1 and mt.verified_at is not null order by t.name",
        member
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.name)).collect())
}

/// (member id, display name, username) by username.
pub async fn member_by_username(
    db: impl PgExecutor<'_>,
    username: &str,
) -> Result<Option<(Uuid, String, String)>, sqlx::Error> {
    let r = sqlx::query!("select member_id, display_name, username from members where username = $1", username)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| (r.member_id, r.display_name, r.username)))
}

pub async fn community_id(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select community_id from communities where slug = $1", slug).fetch_optional(db).await
}

pub async fn category_id(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select category_id from practice_categories where slug = $1", slug).fetch_optional(db).await
}

/// The member's communities (where they belong and are not banned): (id, slug, name).
pub async fn my_communities(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<(Uuid, String, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select c.community_id, c.slug, c.name from community_members cm join communities c on c.community_id = cm.community_id
         where cm.member_id = $1 order by c.name",
        member
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.community_id, r.slug, r.name)).collect())
}
