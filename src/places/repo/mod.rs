//! SQL for places, check-ins, journeys, rewards, partners, mentors and reviews. Nothing else
//! writes these tables. The places themselves are here; each other capability has its file.

use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::{Anxiety, BBox, PlaceInput, PlaceType};

mod journeys;
pub mod mentoring;
mod partners;
pub mod reviews;

pub use journeys::*;
pub use partners::*;

/// A place as stored.
pub struct PlaceRow {
    pub place_id: Uuid,
    pub name: String,
    pub place_type: PlaceType,
    pub latitude: f64,
    pub longitude: f64,
    pub address: String,
    pub city: String,
    pub region: String,
    pub country: String,
    pub postal_code: String,
    pub description: String,
    pub amenities: Vec<String>,
    pub anxiety: Anxiety,
    pub beginner_friendly: bool,
    pub time_zone: String,
    pub hours: serde_json::Value,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub image_ids: Vec<Uuid>,
    pub verified: bool,
    pub proposed_by: Option<Uuid>,
    pub proposer: Option<String>,
    pub partner: Option<String>,
    pub partner_id: Option<Uuid>,
    pub rating: f64,
    pub review_count: i32,
    pub check_in_count: i32,
    pub distance_km: Option<f64>,
}

pub async fn insert(db: impl PgExecutor<'_>, p: &PlaceInput, proposer: Uuid) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into places (name, place_type, latitude, longitude, address, city, region, country, postal_code,
                             description, amenities, anxiety, beginner_friendly, time_zone, hours, phone, email,
                             website, proposed_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
         returning place_id",
        p.name,
        p.place_type as PlaceType,
        p.latitude,
        p.longitude,
        p.address,
        p.city,
        p.region,
        p.country,
        p.postal_code,
        p.description,
        &p.amenities,
        p.anxiety as Anxiety,
        p.beginner_friendly,
        p.time_zone,
        p.hours_json(),
        p.phone,
        p.email,
        p.website,
        proposer
    )
    .fetch_one(db)
    .await
}

pub async fn update(db: impl PgExecutor<'_>, place_id: Uuid, p: &PlaceInput) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update places set name = $2, place_type = $3, latitude = $4, longitude = $5, address = $6, city = $7,
             region = $8, country = $9, postal_code = $10, description = $11, amenities = $12, anxiety = $13,
             beginner_friendly = $14, time_zone = $15, hours = $16, phone = $17, email = $18, website = $19
         where place_id = $1",
        place_id,
        p.name,
        p.place_type as PlaceType,
        p.latitude,
        p.longitude,
        p.address,
        p.city,
        p.region,
        p.country,
        p.postal_code,
        p.description,
        &p.amenities,
        p.anxiety as Anxiety,
        p.beginner_friendly,
        p.time_zone,
        p.hours_json(),
        p.phone,
        p.email,
        p.website
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_verified(
    db: impl PgExecutor<'_>,
    place_id: Uuid,
    by: Uuid,
    verified: bool,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update places set verified = $3, verified_by = case when $3 then $2::uuid end, verified_at = case when $3 then now() end
         where place_id = $1",
        place_id,
        by,
        verified
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn delete(db: impl PgExecutor<'_>, place_id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!("delete from places where place_id = $1", place_id).execute(db).await?.rows_affected() == 1)
}

/// Who proposed the place and whether it is verified (for the edit rule).
pub async fn ownership(db: impl PgExecutor<'_>, place_id: Uuid) -> Result<Option<(Option<Uuid>, bool)>, sqlx::Error> {
    let r = sqlx::query!("select proposed_by, verified from places where place_id = $1", place_id)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| (r.proposed_by, r.verified)))
}

pub async fn place(db: impl PgExecutor<'_>, place_id: Uuid) -> Result<Option<PlaceRow>, sqlx::Error> {
    sqlx::query_as!(
        PlaceRow,
        r#"select p.place_id, p.name, p.place_type as "place_type: PlaceType", p.latitude, p.longitude, p.address,
                  p.city, p.region, p.country, p.postal_code, p.description, p.amenities,
                  p.anxiety as "anxiety: Anxiety", p.beginner_friendly, p.time_zone, p.hours, p.phone, p.email,
                  p.website, p.image_ids, p.verified, p.proposed_by, m.username as "proposer?",
                  pa.name as "partner?", p.partner_id, p.rating::float8 as "rating!", p.review_count,
                  p.check_in_count, null::float8 as distance_km
           from places p
           left join members m on m.member_id = p.proposed_by
           left join partners pa on pa.partner_id = p.partner_id
           where p.place_id = $1"#,
        place_id
    )
    .fetch_optional(db)
    .await
}

/// Filters for [`list`]; a `None` drops its condition.
pub struct ListFilter<'a> {
    pub bbox: Option<BBox>,
    /// (lat, lng, radius km): only places within the radius, nearest first.
    pub around: Option<(f64, f64, f64)>,
    pub place_type: Option<PlaceType>,
    pub anxiety: Option<Anxiety>,
    pub beginner: bool,
    pub verified: bool,
    pub city: Option<&'a str>,
}

/// Places matching the filter, at most `limit`: inside the box, or within the radius, taken
/// nearest to the box's centre or the searched point first. The GiST index on the point serves
/// both the box (`<@`) and that order (`<->`, a k-nearest-neighbour scan that stops after `limit`
/// rows, however many places the view holds). `<->` measures in degrees; a radius search then
/// keeps only places within the exact great-circle distance, and [`super::service::list`] sorts
/// those by it. Without a box or point: verified first, then by name.
pub async fn list(pool: &sqlx::PgPool, f: &ListFilter<'_>, limit: i64) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let search_box = match (f.bbox, f.around) {
        (_, Some((lat, lng, km))) => Some(BBox::around(lat, lng, km)),
        (Some(b), None) => Some(b),
        _ => None,
    };
    let (west, south, east, north) =
        search_box.map_or((None, None, None, None), |b| (Some(b.west), Some(b.south), Some(b.east), Some(b.north)));
    let (lat, lng, km) = f.around.map_or((None, None, None), |(a, b, c)| (Some(a), Some(b), Some(c)));
    let center = match (f.around, search_box) {
        (Some((lat, lng, _)), _) => Some((lng, lat)),
        (None, Some(b)) => Some(((b.west + b.east) / 2.0, (b.south + b.north) / 2.0)),
        _ => None,
    };
    let (cx, cy) = center.map_or((None, None), |(x, y)| (Some(x), Some(y)));
    // PostgreSQL guesses a fixed 0.1 % of places inside any box, so for a dense city view it
    // would read every place in view and sort them. Without bitmap scans it walks the GiST index
    // in distance order and stops after `limit` rows (planner setting for this statement only).
    let mut tx = pool.begin().await?;
    sqlx::query!("set local enable_bitmapscan = off").execute(&mut *tx).await?;
    let rows = sqlx::query_as!(
        PlaceRow,
        r#"select p.place_id, p.name, p.place_type as "place_type: PlaceType", p.latitude, p.longitude,
                  p.address, p.city, p.region, p.country, p.postal_code, p.description, p.amenities,
                  p.anxiety as "anxiety: Anxiety", p.beginner_friendly, p.time_zone, p.hours, p.phone,
                  p.email, p.website, p.image_ids, p.verified, p.proposed_by, null::text as "proposer?",
                  null::text as "partner?", p.partner_id, p.rating::float8 as "rating!", p.review_count,
                  p.check_in_count,
                  case when $7::float8 is not null then distance_km($7, $8, p.latitude, p.longitude) end as distance_km
           from places p
           where ($1::float8 is null or point(p.longitude, p.latitude) <@ box(point($1, $2), point($3, $4)))
             and ($5::place_type is null or p.place_type = $5)
             and ($6::anxiety_level is null or p.anxiety = $6)
             and (not $10 or p.beginner_friendly)
             and (not $11 or p.verified)
             and ($12::text is null or lower(p.city) = lower($12))
             and ($9::float8 is null or distance_km($7, $8, p.latitude, p.longitude) <= $9)
           -- One sort key either way (the others fold to constants), so the index gives the order.
           order by case when $14::float8 is not null then point(p.longitude, p.latitude) <-> point($14, $15) end,
                    case when $14::float8 is null then p.verified end desc,
                    case when $14::float8 is null then p.name end,
                    case when $14::float8 is null then p.place_id end
           limit $13"#,
        west,
        south,
        east,
        north,
        f.place_type as Option<PlaceType>,
        f.anxiety as Option<Anxiety>,
        lat,
        lng,
        km,
        f.beginner,
        f.verified,
        f.city,
        limit,
        cx,
        cy
    )
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(rows)
}

/// The middle of the places in a city, to centre a search on it.
pub async fn city_center(db: impl PgExecutor<'_>, city: &str) -> Result<Option<(f64, f64)>, sqlx::Error> {
    let r = sqlx::query!(
        r#"select avg(latitude) as lat, avg(longitude) as lng from places where lower(city) = lower($1)"#,
        city
    )
    .fetch_one(db)
    .await?;
    Ok(r.lat.zip(r.lng))
}

/// The member's profile time zone.
pub async fn member_zone(db: impl PgExecutor<'_>, member: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!("select time_zone from members where member_id = $1", member).fetch_one(db).await
}

/// Most photos a place keeps.
pub const MAX_PHOTOS: i32 = 6;

/// Adds a photo unless the place already has the most it may keep; true when added.
pub async fn add_photo(db: impl PgExecutor<'_>, place: Uuid, media: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "update places set image_ids = image_ids || $2::uuid where place_id = $1 and cardinality(image_ids) < $3",
        place,
        media,
        MAX_PHOTOS
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn remove_photo(db: impl PgExecutor<'_>, place: Uuid, media: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("update places set image_ids = array_remove(image_ids, $2) where place_id = $1", place, media)
        .execute(db)
        .await?;
    Ok(())
}
