//! Practice SQL: the library, sessions, check-ins, XP and the member's counters. Achievements'
//! SQL is in `achievements.rs`, writing the library in `catalogue.rs`, sessions, check-ins and XP
//! in `sessions.rs`.

pub mod achievements;
pub mod buddies;
pub mod catalogue;
pub mod challenges;
mod peers;
pub mod referrals;
mod sessions;
mod together;

pub use peers::*;
pub use sessions::*;
pub use together::*;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Category, SessionAudience, TechniqueCard};

pub async fn categories(db: impl PgExecutor<'_>) -> Result<Vec<Category>, sqlx::Error> {
    sqlx::query_as!(Category, "select slug, name, colour from practice_categories order by position, name")
        .fetch_all(db)
        .await
}

/// Filters already checked by the service: `q` is a plain phrase (or empty), `category` a slug
/// (or empty), `status` one of "", "unlocked", "locked", "favourites".
pub struct LibraryQuery<'a> {
    pub member: Uuid,
    pub q: &'a str,
    pub like: &'a str,
    pub category: &'a str,
    pub difficulty: Option<i16>,
    pub status: &'a str,
}

pub async fn library(db: impl PgExecutor<'_>, f: LibraryQuery<'_>) -> Result<Vec<TechniqueCard>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select t.slug, t.name, t.summary, c.slug as cat_slug, c.name as cat_name, c.colour,
                  t.minutes, t.difficulty, t.gateway, t.requires_verification,
                  (t.gateway or (t.prerequisite_id is null and t.unlock = '{}'::jsonb)
                   or mt.unlocked_at is not null) as "unlocked!",
                  coalesce(mt.favourite, false) as "favourite!",
                  coalesce(mt.sessions, 0) as "sessions!",
                  coalesce(mt.mastery, 0::smallint) as "mastery!"
           from techniques t
           join practice_categories c on c.category_id = t.category_id
           left join member_techniques mt on mt.technique_id = t.technique_id and mt.member_id = $1
           where t.active
             and ($2 = '' or c.slug = $2)
             and ($3::smallint is null or t.difficulty = $3)
             and ($4 = '' or t.search @@ websearch_to_tsquery('english', $4) or t.name ilike $5)
             and case $6
                   when 'unlocked' then t.gateway or (t.prerequisite_id is null and t.unlock = '{}'::jsonb)
                                        or mt.unlocked_at is not null
                   when 'locked' then not (t.gateway or (t.prerequisite_id is null and t.unlock = '{}'::jsonb)
                                           or mt.unlocked_at is not null)
                   when 'favourites' then coalesce(mt.favourite, false)
                   else true
                 end
           order by c.position, t.difficulty, t.name
           limit 500"#,
        f.member,
        f.category,
        f.difficulty,
        f.q,
        f.like,
        f.status,
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| TechniqueCard {
            slug: r.slug,
            name: r.name,
            summary: r.summary,
            category: Category { slug: r.cat_slug, name: r.cat_name, colour: r.colour },
            minutes: r.minutes,
            difficulty: r.difficulty,
            gateway: r.gateway,
            requires_verification: r.requires_verification,
            unlocked: r.unlocked,
            favourite: r.favourite,
            sessions: r.sessions,
            mastery: r.mastery,
        })
        .collect())
}

pub struct TechniqueRow {
    pub technique_id: Uuid,
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub guide: String,
    pub media_url: Option<String>,
    pub category_id: Uuid,
    pub category: Category,
    pub minutes: i32,
    pub difficulty: i16,
    pub gateway: bool,
    pub requires_verification: bool,
    pub questions: Vec<String>,
    pub unlock: serde_json::Value,
    pub active: bool,
    pub prerequisite: Option<(Uuid, String, String)>,
}

impl TechniqueRow {
    /// Open to everyone from the start: gateways, and techniques that ask for nothing.
    pub fn open(&self) -> bool {
        self.gateway || (self.prerequisite.is_none() && self.unlock.as_object().is_none_or(|o| o.is_empty()))
    }
}

pub async fn technique(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<TechniqueRow>, sqlx::Error> {
    let row = sqlx::query!(
        r#"select t.technique_id, t.slug, t.name, t.summary, t.guide, t.media_url, t.category_id,
                  c.slug as cat_slug, c.name as cat_name, c.colour, t.minutes, t.difficulty, t.gateway,
                  t.requires_verification, t.questions, t.unlock, t.active,
                  p.technique_id as "pre_id?", p.slug as "pre_slug?", p.name as "pre_name?"
           from techniques t
           join practice_categories c on c.category_id = t.category_id
           left join techniques p on p.technique_id = t.prerequisite_id
           where t.slug = $1"#,
        slug
    )
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| TechniqueRow {
        technique_id: r.technique_id,
        slug: r.slug,
        name: r.name,
        summary: r.summary,
        guide: r.guide,
        media_url: r.media_url,
        category_id: r.category_id,
        category: Category { slug: r.cat_slug, name: r.cat_name, colour: r.colour },
        minutes: r.minutes,
        difficulty: r.difficulty,
        gateway: r.gateway,
        requires_verification: r.requires_verification,
        questions: r.questions,
        unlock: r.unlock,
        active: r.active,
        prerequisite: match (r.pre_id, r.pre_slug, r.pre_name) {
            (Some(id), Some(slug), Some(name)) => Some((id, slug, name)),
            _ => None,
        },
    }))
}

/// Active techniques whose prerequisite is `technique_id`: (slug, name).
pub async fn leads_to(db: impl PgExecutor<'_>, technique_id: Uuid) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select slug, name from techniques where prerequisite_id = $1 and active order by difficulty, name",
        technique_id
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.slug, r.name)).collect())
}

pub struct MemberTechnique {
    pub unlocked_at: Option<DateTime<Utc>>,
    pub first_practised_at: Option<DateTime<Utc>>,
    pub last_practised_at: Option<DateTime<Utc>>,
    pub sessions: i32,
    pub seconds: i64,
    pub mastery: i16,
    pub favourite: bool,
    pub notes: String,
    pub verified_at: Option<DateTime<Utc>>,
}

pub async fn member_technique(
    db: impl PgExecutor<'_>,
    member: Uuid,
    technique_id: Uuid,
) -> Result<Option<MemberTechnique>, sqlx::Error> {
    sqlx::query_as!(
        MemberTechnique,
        "select unlocked_at, first_practised_at, last_practised_at, sessions, seconds, mastery, favourite, notes,
                verified_at
         from member_techniques where member_id = $1 and technique_id = $2",
        member,
        technique_id
    )
    .fetch_optional(db)
    .await
}

/// Sessions of one technique by one member (0 when none).
pub async fn technique_sessions(db: impl PgExecutor<'_>, member: Uuid, technique_id: Uuid) -> Result<i32, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        "select sessions from member_techniques where member_id = $1 and technique_id = $2",
        member,
        technique_id
    )
    .fetch_optional(db)
    .await?
    .unwrap_or(0))
}

/// The member's counters and streak (a zero row when they have never practised).
#[derive(Debug, Clone, Default)]
pub struct PracticeMember {
    pub sessions: i32,
    pub seconds: i64,
    pub days_active: i32,
    pub check_ins: i32,
    pub current_streak: i32,
    pub longest_streak: i32,
    pub last_check_in_day: Option<NaiveDate>,
    pub freezes: i16,
    pub frozen_days: Vec<NaiveDate>,
    pub validations_given: i32,
    pub verified: i32,
    pub challenges_completed: i32,
    pub sessions_audience: SessionAudience,
    pub on_leaderboards: bool,
}

pub async fn practice_member(db: impl PgExecutor<'_>, member: Uuid) -> Result<PracticeMember, sqlx::Error> {
    Ok(sqlx::query_as!(
        PracticeMember,
        r#"select sessions, seconds, days_active, check_ins, current_streak, longest_streak, last_check_in_day,
                freezes, frozen_days, validations_given, verified, challenges_completed,
                sessions_audience as "sessions_audience: SessionAudience", on_leaderboards
         from practice_members where member_id = $1"#,
        member
    )
    .fetch_optional(db)
    .await?
    .unwrap_or_default())
}

/// Creates the member's row if needed and locks it: every practice action of one member runs one
/// at a time, so its counters, streak and XP add up exactly.
pub async fn lock_member(conn: &mut PgConnection, member: Uuid) -> Result<PracticeMember, sqlx::Error> {
    sqlx::query!("insert into practice_members (member_id) values ($1) on conflict do nothing", member)
        .execute(&mut *conn)
        .await?;
    sqlx::query_as!(
        PracticeMember,
        r#"select sessions, seconds, days_active, check_ins, current_streak, longest_streak, last_check_in_day,
                freezes, frozen_days, validations_given, verified, challenges_completed,
                sessions_audience as "sessions_audience: SessionAudience", on_leaderboards
         from practice_members where member_id = $1 for update"#,
        member
    )
    .fetch_one(&mut *conn)
    .await
}

pub async fn save_member(conn: &mut PgConnection, member: Uuid, m: &PracticeMember) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update practice_members
         set sessions = $2, seconds = $3, days_active = $4, check_ins = $5, current_streak = $6, longest_streak = $7,
             last_check_in_day = $8, freezes = $9, frozen_days = $10, updated_at = now()
         where member_id = $1",
        member,
        m.sessions,
        m.seconds,
        m.days_active,
        m.check_ins,
        m.current_streak,
        m.longest_streak,
        m.last_check_in_day,
        m.freezes,
        &m.frozen_days,
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn member_zone(db: impl PgExecutor<'_>, member: Uuid) -> Result<String, sqlx::Error> {
    sqlx::query_scalar!("select time_zone from members where member_id = $1", member).fetch_one(db).await
}

/// Techniques the member has not unlocked that may unlock now, with what they are measured on:
/// (technique id, name, unlock JSON, prerequisite name, prerequisite sessions).
pub async fn locked_techniques(
    conn: &mut PgConnection,
    member: Uuid,
) -> Result<Vec<(Uuid, String, serde_json::Value, Option<String>, i32)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select t.technique_id as "technique_id!", t.name as "name!", t.unlock as "unlock!", p.name as "pre_name?",
                  coalesce(pm.sessions, 0) as "pre_sessions!"
           from techniques t
           left join techniques p on p.technique_id = t.prerequisite_id
           left join member_techniques mt on mt.technique_id = t.technique_id and mt.member_id = $1
           left join member_techniques pm on pm.technique_id = t.prerequisite_id and pm.member_id = $1
           where t.active and not t.gateway and mt.unlocked_at is null"#,
        member
    )
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.technique_id, r.name, r.unlock, r.pre_name, r.pre_sessions)).collect())
}

pub async fn unlock(
    conn: &mut PgConnection,
    member: Uuid,
    technique_ids: &[Uuid],
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into member_techniques (member_id, technique_id, unlocked_at)
         select $1, unnest($2::uuid[]), $3
         on conflict (member_id, technique_id) do update set unlocked_at = excluded.unlocked_at
         where member_techniques.unlocked_at is null",
        member,
        technique_ids,
        at
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Techniques the member unlocked by practice (gateways are open to all and not counted).
pub async fn unlocked_count(conn: &mut PgConnection, member: Uuid) -> Result<i64, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select count(*) as "n!" from member_techniques mt join techniques t on t.technique_id = mt.technique_id
           where mt.member_id = $1 and mt.unlocked_at is not null and not t.gateway"#,
        member
    )
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn set_favourite(
    db: impl PgExecutor<'_>,
    member: Uuid,
    technique_id: Uuid,
    favourite: bool,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into member_techniques (member_id, technique_id, favourite) values ($1, $2, $3)
         on conflict (member_id, technique_id) do update set favourite = excluded.favourite",
        member,
        technique_id,
        favourite
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn set_notes(
    db: impl PgExecutor<'_>,
    member: Uuid,
    technique_id: Uuid,
    notes: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into member_techniques (member_id, technique_id, notes) values ($1, $2, $3)
         on conflict (member_id, technique_id) do update set notes = excluded.notes",
        member,
        technique_id,
        notes
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn technique_id_by_slug(db: impl PgExecutor<'_>, slug: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!("select technique_id from techniques where slug = $1 and active", slug).fetch_optional(db).await
}
