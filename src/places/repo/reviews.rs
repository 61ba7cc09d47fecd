//! SQL for reviews of places and mentors, the averages kept on what they review, and flags.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

/// What a review is about.
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
pub async fn may_review(db: impl PgExecutor<'_>, member: Uuid, target: Target) -> Result<bool, sqlx::Error> {
    let (place, mentor) = target.ids();
    sqlx::query_scalar!(
        r#"select case
               when $2::uuid is not null then exists (select 1 from check_ins where member_id = $1 and place_id = $2)
               else exists (select 1 from mentor_sessions where member_id = $1 and mentor_id = $3 and status = 'completed')
           end as "ok!""#,
        member,
        place,
        mentor
    )
    .fetch_one(db)
    .await
}

pub struct ReviewRow {
    pub review_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub rating: i16,
    pub body: String,
    pub flagged: bool,
    pub author_id: Uuid,
    pub updated_at: DateTime<Utc>,
}

/// The latest reviews of the target, with their authors.
pub async fn reviews(db: impl PgExecutor<'_>, target: Target) -> Result<Vec<ReviewRow>, sqlx::Error> {
    let (place, mentor) = target.ids();
    sqlx::query_as!(
        ReviewRow,
        r#"select r.review_id, a.username, a.display_name, r.rating, r.body, r.flagged_at is not null as "flagged!",
                  r.author_id, r.updated_at
           from reviews r join members a on a.member_id = r.author_id
           where (($1::uuid is not null and r.place_id = $1) or ($2::uuid is not null and r.mentor_id = $2))
           order by r.updated_at desc
           limit 100"#,
        place,
        mentor
    )
    .fetch_all(db)
    .await
}

/// The target's average rating and review count (zero when it is gone).
pub async fn stats(db: impl PgExecutor<'_>, target: Target) -> Result<(f64, i32), sqlx::Error> {
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

/// Locks the reviewed place or mentor row; false when it does not exist.
pub async fn lock_target(conn: &mut PgConnection, target: Target) -> Result<bool, sqlx::Error> {
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
    Ok(found.is_some())
}

/// Writes the author's review of the target, or replaces the one they wrote before.
pub async fn save_review(
    conn: &mut PgConnection,
    author: Uuid,
    target: Target,
    rating: i16,
    body: &str,
) -> Result<(), sqlx::Error> {
    let (place, mentor) = target.ids();
    let updated = sqlx::query!(
        "update reviews set rating = $4, body = $5
         where author_id = $1 and (($2::uuid is not null and place_id = $2) or ($3::uuid is not null and mentor_id = $3))",
        author,
        place,
        mentor,
        rating,
        body
    )
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if updated == 0 {
        sqlx::query!(
            "insert into reviews (author_id, place_id, mentor_id, rating, body) values ($1, $2, $3, $4, $5)",
            author,
            place,
            mentor,
            rating,
            body
        )
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Recomputes the target's average rating and review count from its reviews.
pub async fn recount(conn: &mut PgConnection, target: Target) -> Result<(), sqlx::Error> {
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

/// Flags someone else's review (the first flag is kept); false when there is no such review.
pub async fn flag(db: impl PgExecutor<'_>, review: Uuid, by: Uuid, reason: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update reviews set flagged_at = coalesce(flagged_at, now()), flagged_by = coalesce(flagged_by, $2), flag_reason = $3
         where review_id = $1 and author_id <> $2",
        review,
        by,
        reason
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// The review's author and what it reviews.
pub async fn review_owner(
    db: impl PgExecutor<'_>,
    review: Uuid,
) -> Result<Option<(Uuid, Option<Target>)>, sqlx::Error> {
    let r = sqlx::query!("select author_id, place_id, mentor_id from reviews where review_id = $1", review)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| {
        let target = match (r.place_id, r.mentor_id) {
            (Some(p), _) => Some(Target::Place(p)),
            (None, Some(m)) => Some(Target::Mentor(m)),
            _ => None,
        };
        (r.author_id, target)
    }))
}

pub async fn clear_flag(db: impl PgExecutor<'_>, review: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update reviews set flagged_at = null, flagged_by = null, flag_reason = '' where review_id = $1",
        review
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn delete_review(conn: &mut PgConnection, review: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from reviews where review_id = $1", review).execute(conn).await?;
    Ok(())
}

pub struct FlaggedRow {
    pub review_id: Uuid,
    pub username: String,
    pub rating: i16,
    pub body: String,
    pub flag_reason: String,
    pub place_id: Option<Uuid>,
    pub place_name: Option<String>,
    pub mentor_username: Option<String>,
}

/// Flagged reviews, oldest flag first, with what they review.
pub async fn flagged(db: impl PgExecutor<'_>) -> Result<Vec<FlaggedRow>, sqlx::Error> {
    sqlx::query_as!(
        FlaggedRow,
        r#"select r.review_id, a.username, r.rating, r.body, r.flag_reason, r.place_id, pl.name as "place_name?",
                  mm.username as "mentor_username?"
           from reviews r join members a on a.member_id = r.author_id
           left join places pl on pl.place_id = r.place_id
           left join members mm on mm.member_id = r.mentor_id
           where r.flagged_at is not null
           order by r.flagged_at
           limit 100"#
    )
    .fetch_all(db)
    .await
}
