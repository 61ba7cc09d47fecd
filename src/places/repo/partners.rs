//! SQL for partner organisations, their staff and their places.

use sqlx::PgExecutor;
use uuid::Uuid;

/// The places where this member may redeem rewards (their partners' places): (id, name, partner).
pub async fn staff_places(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<(Uuid, String, Uuid)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select p.place_id, p.name, p.partner_id as "partner_id!"
           from places p join partner_staff s on s.partner_id = p.partner_id
           where s.member_id = $1
           order by p.name"#,
        member
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.place_id, r.name, r.partner_id)).collect())
}

/// A partner organisation (demo data and administration).
pub async fn insert_partner(
    db: impl PgExecutor<'_>,
    name: &str,
    description: &str,
    level: &str,
) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into partners (name, description, level) values ($1, $2, $3) returning partner_id",
        name,
        description,
        level
    )
    .fetch_one(db)
    .await
}

pub async fn add_staff(db: impl PgExecutor<'_>, partner: Uuid, member: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into partner_staff (partner_id, member_id) values ($1, $2) on conflict do nothing",
        partner,
        member
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_partner(db: impl PgExecutor<'_>, place: Uuid, partner: Option<Uuid>) -> Result<(), sqlx::Error> {
    sqlx::query!("update places set partner_id = $2 where place_id = $1", place, partner).execute(db).await?;
    Ok(())
}

/// Creates the partner if there is none of that name, makes `username` its staff and gives it
/// these places, in one transaction. Returns how many places it has, or None for an unknown member.
pub async fn set_up_partner(
    pool: &sqlx::PgPool,
    name: &str,
    username: &str,
    places: &[Uuid],
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let Some(member) = sqlx::query_scalar!("select member_id from members where username = $1", username)
        .fetch_optional(&mut *tx)
        .await?
    else {
        return Ok(None);
    };
    let existing =
        sqlx::query_scalar!("select partner_id from partners where name = $1 order by created_at limit 1", name)
            .fetch_optional(&mut *tx)
            .await?;
    let partner = match existing {
        Some(id) => id,
        None => insert_partner(&mut *tx, name, "", "bronze").await?,
    };
    add_staff(&mut *tx, partner, member).await?;
    sqlx::query!("update places set partner_id = $1 where place_id = any($2)", partner, places)
        .execute(&mut *tx)
        .await?;
    let n = sqlx::query_scalar!(r#"select count(*) as "n!" from places where partner_id = $1"#, partner)
        .fetch_one(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Some(n))
}
