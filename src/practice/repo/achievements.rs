//! Achievement definitions (rows, not code) and who earned them.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::practice::model::Category;

pub struct Definition {
    pub achievement_id: Uuid,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub points: i32,
    pub hidden: bool,
    pub criteria: serde_json::Value,
    pub category: Option<Category>,
    pub earned_at: Option<DateTime<Utc>>,
}

/// Every active definition, with when the member earned it.
pub async fn all(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<Definition>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select a.achievement_id, a.slug, a.name, a.description, a.points, a.hidden, a.criteria,
                  c.slug as "cat_slug?", c.name as "cat_name?", c.colour as "colour?", ma.earned_at as "earned_at?"
           from achievements a
           left join practice_categories c on c.category_id = a.category_id
           left join member_achievements ma on ma.achievement_id = a.achievement_id and ma.member_id = $1
           where a.active
           order by a.points, a.name"#,
        member
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Definition {
            achievement_id: r.achievement_id,
            slug: r.slug,
            name: r.name,
            description: r.description,
            points: r.points,
            hidden: r.hidden,
            criteria: r.criteria,
            category: match (r.cat_slug, r.cat_name, r.colour) {
                (Some(slug), Some(name), Some(colour)) => Some(Category { slug, name, colour }),
                _ => None,
            },
            earned_at: r.earned_at,
        })
        .collect())
}

/// Active definitions the member has not earned: (id, name, criteria).
pub async fn unearned(
    conn: &mut PgConnection,
    member: Uuid,
) -> Result<Vec<(Uuid, String, serde_json::Value)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select a.achievement_id, a.name, a.criteria from achievements a
         where a.active
           and not exists (select 1 from member_achievements ma
                           where ma.member_id = $1 and ma.achievement_id = a.achievement_id)",
        member
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.achievement_id, r.name, r.criteria)).collect())
}

/// Records the earned ones; returns the ids that were new (an achievement is earned once, even
/// when two actions race for it).
pub async fn grant(
    conn: &mut PgConnection,
    member: Uuid,
    ids: &[Uuid],
    at: DateTime<Utc>,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into member_achievements (member_id, achievement_id, earned_at)
         select $1, unnest($2::uuid[]), $3
         on conflict do nothing
         returning achievement_id",
        member,
        ids,
        at
    )
    .fetch_all(&mut *conn)
    .await
}

pub async fn counts(db: impl PgExecutor<'_>, member: Uuid) -> Result<(i64, i64), sqlx::Error> {
    let r = sqlx::query!(
        r#"select count(*) filter (where ma.member_id is not null) as "earned!",
                  count(*) filter (where not a.hidden or ma.member_id is not null) as "total!"
           from achievements a
           left join member_achievements ma on ma.achievement_id = a.achievement_id and ma.member_id = $1
           where a.active"#,
        member
    )
    .fetch_one(db)
    .await?;
    Ok((r.earned, r.total))
}

pub struct NewDefinition<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub category_slug: Option<&'a str>,
    pub points: i32,
    pub hidden: bool,
    pub criteria: serde_json::Value,
}

/// Adds or updates a definition by slug.
pub async fn upsert(db: impl PgExecutor<'_>, d: NewDefinition<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into achievements (slug, name, description, category_id, points, hidden, criteria)
         values ($1, $2, $3, (select category_id from practice_categories where slug = $4), $5, $6, $7)
         on conflict (slug) do update set name = excluded.name, description = excluded.description,
             category_id = excluded.category_id, points = excluded.points, hidden = excluded.hidden,
             criteria = excluded.criteria
         returning achievement_id",
        d.slug,
        d.name,
        d.description,
        d.category_slug,
        d.points,
        d.hidden,
        d.criteria,
    )
    .fetch_one(db)
    .await
}
