//! SQL for journeys, check-ins and rewards: a member's progress and what it earns.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::places::model::{CheckInLine, Mood, PlaceType, RewardKind};

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
