//! Writing the library: categories and techniques (demo data and moderators).

use sqlx::PgExecutor;
use uuid::Uuid;

pub async fn upsert_category(
    db: impl PgExecutor<'_>,
    slug: &str,
    name: &str,
    colour: &str,
    position: i32,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into practice_categories (slug, name, colour, position) values ($1, $2, $3, $4)
         on conflict (slug) do update set name = excluded.name, colour = excluded.colour, position = excluded.position
         returning category_id",
        slug,
        name,
        colour,
        position
    )
    .fetch_one(db)
    .await
}

pub struct NewTechnique<'a> {
    pub slug: &'a str,
    pub category_slug: &'a str,
    pub name: &'a str,
    pub summary: &'a str,
    pub guide: &'a str,
    pub media_url: Option<&'a str>,
    pub minutes: i32,
    pub difficulty: i16,
    pub prerequisite_slug: Option<&'a str>,
    pub unlock: serde_json::Value,
    pub gateway: bool,
    pub requires_verification: bool,
    pub questions: Vec<String>,
    pub active: bool,
    pub created_by: Option<Uuid>,
}

/// Adds a technique or updates the one with the same slug. None when the category or the
/// prerequisite named does not exist.
pub async fn upsert_technique(db: impl PgExecutor<'_>, t: NewTechnique<'_>) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into techniques (slug, category_id, name, summary, guide, media_url, minutes, difficulty, prerequisite_id,
                                 unlock, gateway, requires_verification, questions, active, created_by)
         select $1, c.category_id, $3, $4, $5, $6, $7, $8,
                (select technique_id from techniques where slug = $9), $10, $11, $12, $13, $14, $15
         from practice_categories c where c.slug = $2
           and ($9::text is null or exists (select 1 from techniques where slug = $9))
         on conflict (slug) do update set category_id = excluded.category_id, name = excluded.name,
             summary = excluded.summary, guide = excluded.guide, media_url = excluded.media_url,
             minutes = excluded.minutes, difficulty = excluded.difficulty, prerequisite_id = excluded.prerequisite_id,
             unlock = excluded.unlock, gateway = excluded.gateway, requires_verification = excluded.requires_verification,
             questions = excluded.questions, active = excluded.active
         returning technique_id",
        t.slug,
        t.category_slug,
        t.name,
        t.summary,
        t.guide,
        t.media_url,
        t.minutes,
        t.difficulty,
        t.prerequisite_slug,
        t.unlock,
        t.gateway,
        t.requires_verification,
        &t.questions,
        t.active,
        t.created_by,
    )
    .fetch_optional(db)
    .await
}

/// Every technique's slug, name and prerequisite's slug (to list choices and refuse cycles).
pub async fn all_techniques(db: impl PgExecutor<'_>) -> Result<Vec<(String, String, Option<String>)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select t.slug, t.name, p.slug as "pre?" from techniques t left join techniques p on p.technique_id = t.prerequisite_id
           order by t.name"#
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.name, r.pre)).collect())
}

/// Renames a technique's slug (its id, sessions and records stay).
pub async fn rename(db: impl PgExecutor<'_>, from: &str, to: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!("update techniques set slug = $2 where slug = $1", from, to).execute(db).await?;
    Ok(done.rows_affected() == 1)
}
