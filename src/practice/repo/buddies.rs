//! Practice buddies.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::practice::model::BuddyStatus;

/// A new request; None when the pair already has an open one (pending or active).
pub async fn insert(conn: &mut PgConnection, from: Uuid, to: Uuid, message: &str) -> Result<Option<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into practice_buddies (requester_id, addressee_id, message) values ($1, $2, $3)
         on conflict (least(requester_id, addressee_id), greatest(requester_id, addressee_id))
             where status in ('pending', 'active') do nothing
         returning buddy_id",
        from,
        to,
        message
    )
    .fetch_optional(&mut *conn)
    .await
}

pub struct Pair {
    pub requester_id: Uuid,
    pub addressee_id: Uuid,
    pub status: BuddyStatus,
}

pub async fn lock(conn: &mut PgConnection, id: Uuid) -> Result<Option<Pair>, sqlx::Error> {
    sqlx::query_as!(
        Pair,
        r#"select requester_id, addressee_id, status as "status: BuddyStatus" from practice_buddies
           where buddy_id = $1 for update"#,
        id
    )
    .fetch_optional(&mut *conn)
    .await
}

pub async fn set_status(
    conn: &mut PgConnection,
    id: Uuid,
    status: BuddyStatus,
    at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update practice_buddies set status = $2,
             since = case when $2 = 'active'::buddy_status then $3 else since end,
             ended_at = case when $2 in ('ended'::buddy_status, 'declined'::buddy_status) then $3 else ended_at end
         where buddy_id = $1",
        id,
        status as BuddyStatus,
        at
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// (buddy id, member, username, display name, streak, last check-in day, freezes, last practice,
/// days both practised, since)
pub type BuddyRow =
    (Uuid, String, String, i32, Option<NaiveDate>, i16, Option<DateTime<Utc>>, i64, DateTime<Utc>, String);

/// The member's active buddies, with each one's streak, last practice and the days both practised.
pub async fn active(db: impl PgExecutor<'_>, me: Uuid) -> Result<Vec<BuddyRow>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select b.buddy_id, m.username, m.display_name, m.time_zone,
                  coalesce(p.current_streak, 0) as "streak!", p.last_check_in_day as "last_day?",
                  coalesce(p.freezes, 0::smallint) as "freezes!",
                  (select max(s.started_at) from practice_sessions s where s.member_id = m.member_id) as last_practice,
                  (select count(*) from (
                       select local_day from practice_sessions where member_id = m.member_id and local_day >= b.since::date
                       intersect
                       select local_day from practice_sessions where member_id = $1 and local_day >= b.since::date) both_days)
                  as "days!",
                  b.since as "since!"
           from practice_buddies b
           join members m on m.member_id = case when b.requester_id = $1 then b.addressee_id else b.requester_id end
           left join practice_members p on p.member_id = m.member_id
           where (b.requester_id = $1 or b.addressee_id = $1) and b.status = 'active'
           order by b.since desc
           limit 50"#,
        me
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r.buddy_id,
                r.username,
                r.display_name,
                r.streak,
                r.last_day,
                r.freezes,
                r.last_practice,
                r.days,
                r.since,
                r.time_zone,
            )
        })
        .collect())
}

/// Pending requests to (`incoming`) or from the member: (id, username, display name, message, when).
pub async fn pending(
    db: impl PgExecutor<'_>,
    me: Uuid,
    incoming: bool,
) -> Result<Vec<(Uuid, String, String, String, DateTime<Utc>)>, sqlx::Error> {
    let rows = sqlx::query!(
        "select b.buddy_id, m.username, m.display_name, b.message, b.created_at
         from practice_buddies b
         join members m on m.member_id = case when $2 then b.requester_id else b.addressee_id end
         where b.status = 'pending' and (case when $2 then b.addressee_id else b.requester_id end) = $1
         order by b.created_at desc limit 50",
        me,
        incoming
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.buddy_id, r.username, r.display_name, r.message, r.created_at)).collect())
}

/// Members who practised the techniques the member practised, most shared first, who are not
/// already paired with them and not blocked either way: (username, display name, time zone,
/// shared technique names).
pub async fn candidates(
    db: impl PgExecutor<'_>,
    me: Uuid,
    limit: i64,
) -> Result<Vec<(String, String, String, Vec<String>)>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select m.username, m.display_name, m.time_zone, array_agg(t.name order by t.name) as "shared!"
           from member_techniques mine
           join member_techniques theirs on theirs.technique_id = mine.technique_id and theirs.member_id <> $1
                                        and theirs.sessions > 0
           join members m on m.member_id = theirs.member_id
           join techniques t on t.technique_id = mine.technique_id
           where mine.member_id = $1 and mine.sessions > 0
             and not exists (select 1 from practice_buddies b
                             where b.status in ('pending', 'active')
                               and ((b.requester_id = $1 and b.addressee_id = m.member_id)
                                    or (b.addressee_id = $1 and b.requester_id = m.member_id)))
             and not exists (select 1 from blocks k where (k.blocker_id = $1 and k.blocked_id = m.member_id)
                                                    or (k.blocker_id = m.member_id and k.blocked_id = $1))
           group by m.member_id, m.username, m.display_name, m.time_zone
           order by count(*) desc, m.member_id
           limit $2"#,
        me,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.username, r.display_name, r.time_zone, r.shared)).collect())
}

pub async fn blocked_either_way(db: impl PgExecutor<'_>, a: Uuid, b: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from blocks where (blocker_id = $1 and blocked_id = $2)
                                                 or (blocker_id = $2 and blocked_id = $1)) as "e!""#,
        a,
        b
    )
    .fetch_one(db)
    .await?)
}
