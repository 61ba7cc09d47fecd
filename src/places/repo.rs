//! SQL for places, check-ins, journeys and rewards. Nothing else writes these tables.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Anxiety, BBox, CheckInLine, Mood, PlaceInput, PlaceType, RewardKind};

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
                  case when $7::float8 is not null then
                      6371.0 * 2 * asin(sqrt(power(sin(radians(p.latitude - $7) / 2), 2)
                          + cos(radians($7)) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - $8) / 2), 2)))
                  end as distance_km
           from places p
           where ($1::float8 is null or point(p.longitude, p.latitude) <@ box(point($1, $2), point($3, $4)))
             and ($5::place_type is null or p.place_type = $5)
             and ($6::anxiety_level is null or p.anxiety = $6)
             and (not $10 or p.beginner_friendly)
             and (not $11 or p.verified)
             and ($12::text is null or lower(p.city) = lower($12))
             and ($9::float8 is null
                  or 6371.0 * 2 * asin(sqrt(power(sin(radians(p.latitude - $7) / 2), 2)
                      + cos(radians($7)) * cos(radians(p.latitude)) * power(sin(radians(p.longitude - $8) / 2), 2))) <= $9)
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

/// The journey row, created on first use and locked for the rest of the transaction.
pub struct JourneyRow {
    pub total_check_ins: i32,
    pub current_streak: i32,
    pub longest_streak: i32,
    pub last_day: Option<NaiveDate>,
    pub place_types: Vec<PlaceType>,
    pub mentor_sessions: i32,
    pub level: i16,
    pub milestones: Vec<String>,
}

pub async fn lock_journey(conn: &mut PgConnection, member: Uuid) -> Result<JourneyRow, sqlx::Error> {
    sqlx::query!("insert into journeys (member_id) values ($1) on conflict do nothing", member)
        .execute(&mut *conn)
        .await?;
    sqlx::query_as!(
        JourneyRow,
        r#"select total_check_ins, current_streak, longest_streak, last_day,
                  place_types as "place_types: Vec<PlaceType>", mentor_sessions, level, milestones
           from journeys where member_id = $1 for update"#,
        member
    )
    .fetch_one(&mut *conn)
    .await
}

pub async fn journey(db: impl PgExecutor<'_>, member: Uuid) -> Result<Option<JourneyRow>, sqlx::Error> {
    sqlx::query_as!(
        JourneyRow,
        r#"select total_check_ins, current_streak, longest_streak, last_day,
                  place_types as "place_types: Vec<PlaceType>", mentor_sessions, level, milestones
           from journeys where member_id = $1"#,
        member
    )
    .fetch_optional(db)
    .await
}

pub async fn save_journey(conn: &mut PgConnection, member: Uuid, j: &JourneyRow) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update journeys set total_check_ins = $2, current_streak = $3, longest_streak = $4, last_day = $5,
             place_types = $6, level = $7, milestones = $8, updated_at = now()
         where member_id = $1",
        member,
        j.total_check_ins,
        j.current_streak,
        j.longest_streak,
        j.last_day,
        &j.place_types as &[PlaceType],
        j.level,
        &j.milestones
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Whether the member checked in at this place within the last hour.
pub async fn checked_in_recently(
    conn: &mut PgConnection,
    member: Uuid,
    place: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from check_ins where member_id = $1 and place_id = $2
                           and created_at > $3::timestamptz - interval '1 hour') as "e!""#,
        member,
        place,
        now
    )
    .fetch_one(&mut *conn)
    .await?)
}

/// Records a check-in and counts it on the place.
pub async fn insert_check_in(
    conn: &mut PgConnection,
    member: Uuid,
    place: Uuid,
    mood: Mood,
    note: &str,
    local_day: NaiveDate,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into check_ins (member_id, place_id, mood, note, local_day, created_at) values ($1, $2, $3, $4, $5, $6)",
        member,
        place,
        mood as Mood,
        note,
        local_day,
        at
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!("update places set check_in_count = check_in_count + 1 where place_id = $1", place)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn my_check_ins(db: impl PgExecutor<'_>, member: Uuid, place: Uuid) -> Result<Vec<CheckInLine>, sqlx::Error> {
    sqlx::query_as!(
        CheckInLine,
        r#"select mood as "mood: Mood", note, created_at as at from check_ins
           where member_id = $1 and place_id = $2 order by created_at desc limit 5"#,
        member,
        place
    )
    .fetch_all(db)
    .await
}

/// Gives a reward once per milestone; returns false when the member already has it.
#[allow(clippy::too_many_arguments)]
pub async fn insert_reward(
    conn: &mut PgConnection,
    member: Uuid,
    milestone: &str,
    kind: RewardKind,
    title: &str,
    code: &str,
    partner: Option<Uuid>,
    expires_at: Option<DateTime<Utc>>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into rewards (member_id, milestone, kind, title, code, partner_id, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7) on conflict (member_id, milestone) do nothing",
        member,
        milestone,
        kind as RewardKind,
        title,
        code,
        partner,
        expires_at
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub struct RewardRow {
    pub reward_id: Uuid,
    pub kind: RewardKind,
    pub title: String,
    pub milestone: String,
    pub code: String,
    pub partner: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub redeemed_at: Option<DateTime<Utc>>,
    pub redeemed_place: Option<String>,
    pub earned_at: DateTime<Utc>,
}

pub async fn rewards(db: impl PgExecutor<'_>, member: Uuid) -> Result<Vec<RewardRow>, sqlx::Error> {
    sqlx::query_as!(
        RewardRow,
        r#"select r.reward_id, r.kind as "kind: RewardKind", r.title, r.milestone, r.code, pa.name as "partner?",
                  r.expires_at, r.redeemed_at, pl.name as "redeemed_place?", r.earned_at
           from rewards r
           left join partners pa on pa.partner_id = r.partner_id
           left join places pl on pl.place_id = r.redeemed_place_id
           where r.member_id = $1
           order by r.earned_at desc, r.reward_id"#,
        member
    )
    .fetch_all(db)
    .await
}

/// Redeems a reward by code at `place` of `partner`: once, not after expiry, not a badge, and
/// only at its own partner's places (a reward without a partner is good at any partner's place).
/// One statement, so of two concurrent redemptions exactly one updates the row.
pub async fn redeem(
    db: impl PgExecutor<'_>,
    code: &str,
    place: Uuid,
    partner: Uuid,
    staff: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let r = sqlx::query!(
        r#"update rewards r set redeemed_at = now(), redeemed_place_id = $2, redeemed_by = $4
           from members m
           where r.code = $1 and m.member_id = r.member_id
             and r.redeemed_at is null and r.kind <> 'badge'
             and (r.expires_at is null or r.expires_at > now())
             and (r.partner_id is null or r.partner_id = $3)
           returning r.title, m.display_name"#,
        code,
        place,
        partner,
        staff
    )
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| (r.title, r.display_name)))
}

/// Why a code could not be redeemed: (kind, partner, expires, redeemed at, redeemed where).
pub struct RewardState {
    pub kind: RewardKind,
    pub partner_id: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
    pub redeemed_at: Option<DateTime<Utc>>,
    pub redeemed_place: Option<String>,
}

pub async fn reward_state(db: impl PgExecutor<'_>, code: &str) -> Result<Option<RewardState>, sqlx::Error> {
    sqlx::query_as!(
        RewardState,
        r#"select r.kind as "kind: RewardKind", r.partner_id, r.expires_at, r.redeemed_at,
                  pl.name as "redeemed_place?"
           from rewards r left join places pl on pl.place_id = r.redeemed_place_id
           where r.code = $1"#,
        code
    )
    .fetch_optional(db)
    .await
}

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

/// The member's profile time zone.
pub async fn member_zone(db: impl PgExecutor<'_>, member: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!("select time_zone from members where member_id = $1", member).fetch_one(db).await
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
