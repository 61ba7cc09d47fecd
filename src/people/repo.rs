//! SQL for connections, connection requests and suggestions. Nothing else writes these tables.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{Connection, ConnectionRequest, ConnectionState, PersonRef, Suggestion, CLOSENESS_START};

fn person(username: String, display_name: String, city: String, avatar_id: Option<Uuid>) -> PersonRef {
    PersonRef { username, display_name, city, avatar_thumb: avatar_id.map(|id| crate::media::thumb_url(id)) }
}

/// Serialises every change to one pair of members, whichever of them acts: request, accept,
/// decline, cancel, remove and block all take this lock first.
pub async fn lock_pair(conn: &mut PgConnection, a: Uuid, b: Uuid) -> Result<(), sqlx::Error> {
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtextextended($1::text || $2::text, 7))",
        lo.to_string(),
        hi.to_string()
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn state(db: &mut PgConnection, viewer: Uuid, other: Uuid) -> Result<ConnectionState, sqlx::Error> {
    let r = sqlx::query!(
        r#"select (select closeness from connections where member_id = $1 and other_id = $2) as closeness,
                  exists (select 1 from connection_requests where requester_id = $1 and addressee_id = $2) as "outgoing!",
                  (select message from connection_requests where requester_id = $2 and addressee_id = $1) as incoming"#,
        viewer,
        other
    )
    .fetch_one(&mut *db)
    .await?;
    Ok(match (r.closeness, r.outgoing, r.incoming) {
        (Some(closeness), _, _) => ConnectionState::Connected { closeness },
        (None, true, _) => ConnectionState::Requested,
        (None, false, Some(message)) => ConnectionState::Incoming { message },
        _ => ConnectionState::None,
    })
}

pub async fn insert_request(
    conn: &mut PgConnection,
    requester: Uuid,
    addressee: Uuid,
    message: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into connection_requests (requester_id, addressee_id, message) values ($1, $2, $3) on conflict do nothing",
        requester,
        addressee,
        message
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes the request from `requester` to `addressee`; true if there was one.
pub async fn delete_request(conn: &mut PgConnection, requester: Uuid, addressee: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "delete from connection_requests where requester_id = $1 and addressee_id = $2",
        requester,
        addressee
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Connects two members (both directions) and has each follow the other.
pub async fn connect(conn: &mut PgConnection, a: Uuid, b: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into connections (member_id, other_id, closeness) values ($1, $2, $3), ($2, $1, $3)
         on conflict do nothing",
        a,
        b,
        CLOSENESS_START
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into follows (follower_id, followee_id) values ($1, $2), ($2, $1) on conflict do nothing",
        a,
        b
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Ends a connection and any pending request between two members.
pub async fn disconnect(conn: &mut PgConnection, a: Uuid, b: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "delete from connections where (member_id = $1 and other_id = $2) or (member_id = $2 and other_id = $1)",
        a,
        b
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from connection_requests
         where (requester_id = $1 and addressee_id = $2) or (requester_id = $2 and addressee_id = $1)",
        a,
        b
    )
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Raises the closeness of `a` and `b` by `points` (capped at 100) if they are connected.
pub async fn bump(db: impl PgExecutor<'_>, a: Uuid, b: Uuid, points: f32) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update connections set closeness = least(100, closeness + $3), last_interaction_at = now(), decayed_on = current_date
         where (member_id = $1 and other_id = $2) or (member_id = $2 and other_id = $1)",
        a,
        b,
        points
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Raises closeness between `member` and each connection who is also going to `event_id`.
pub async fn bump_shared_event(
    db: impl PgExecutor<'_>,
    member: Uuid,
    event_id: Uuid,
    points: f32,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "with going as (select member_id from event_rsvps where event_id = $2 and status = 'going' and member_id <> $1)
         update connections set closeness = least(100, closeness + $3), last_interaction_at = now(), decayed_on = current_date
         where (member_id = $1 and other_id in (select member_id from going))
            or (other_id = $1 and member_id in (select member_id from going))",
        member,
        event_id,
        points
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Inactivity decay, at most once a day per connection: connections idle for `idle_days` lose
/// `per_day` points for each day since decay was last applied. Safe to run on every instance at
/// once (the `decayed_on` check is re-evaluated under the row lock).
pub async fn decay(db: impl PgExecutor<'_>, idle_days: i32, per_day: f32) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "update connections
         set closeness = greatest(0, closeness - $2::real * (current_date - greatest(decayed_on, (last_interaction_at + make_interval(days => $1))::date))::real),
             decayed_on = current_date
         where decayed_on < current_date and last_interaction_at < now() - make_interval(days => $1)",
        idle_days,
        per_day
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// The member's connections, closest first.
pub async fn connections(db: impl PgExecutor<'_>, member: Uuid, limit: i64) -> Result<Vec<Connection>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select m.username, m.display_name, m.city, m.avatar_id, c.closeness, c.created_at
           from connections c join members m on m.member_id = c.other_id
           where c.member_id = $1
           order by c.closeness desc, c.other_id
           limit $2"#,
        member,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Connection {
            person: person(r.username, r.display_name, r.city, r.avatar_id),
            closeness: r.closeness.round(),
            since: r.created_at,
        })
        .collect())
}

/// Requests the member received (`incoming`) or sent, newest first.
pub async fn requests(
    db: impl PgExecutor<'_>,
    member: Uuid,
    incoming: bool,
    limit: i64,
) -> Result<Vec<ConnectionRequest>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select m.username, m.display_name, m.city, m.avatar_id, r.message, r.created_at
           from connection_requests r
           join members m on m.member_id = case when $2 then r.requester_id else r.addressee_id end
           where case when $2 then r.addressee_id = $1 else r.requester_id = $1 end
           order by r.created_at desc
           limit $3"#,
        member,
        incoming,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ConnectionRequest {
            person: person(r.username, r.display_name, r.city, r.avatar_id),
            message: r.message,
            sent_at: r.created_at,
        })
        .collect())
}

/// Members the viewer may want to connect with: friends of their connections (weighted by the
/// number of mutual connections), members posting the same hashtags in the last 90 days, and
/// members in the same city. Excludes themselves, existing connections, pending requests either
/// way and blocks either way.
pub async fn suggestions(db: impl PgExecutor<'_>, member: Uuid, limit: i64) -> Result<Vec<Suggestion>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"with me as (select member_id, lower(city) as city from members where member_id = $1),
           my_tags as (
               select distinct unnest(hashtags) as tag from posts
               where author_id = $1 and created_at > now() - interval '90 days' and hidden_at is null
           ),
           fof as (
               select c2.other_id as candidate, count(*) as mutual
               from connections c1 join connections c2 on c2.member_id = c1.other_id
               where c1.member_id = $1
               group by c2.other_id
           ),
           tagged as (
               select p.author_id as candidate, array_agg(distinct t.tag order by t.tag) as tags
               from posts p cross join lateral unnest(p.hashtags) as t(tag)
               where t.tag in (select tag from my_tags) and p.visibility = 'public' and p.hidden_at is null
                 and p.created_at > now() - interval '90 days'
               group by p.author_id
           ),
           citizens as (
               select m.member_id as candidate from members m, me
               where me.city <> '' and lower(m.city) = me.city
               limit 200
           ),
           candidates as (
               select candidate from fof union select candidate from tagged union select candidate from citizens
           )
           select m.username, m.display_name, m.city, m.avatar_id,
                  coalesce(f.mutual, 0) as "mutual!",
                  coalesce(t.tags, '{}') as "tags!",
                  (m.member_id in (select candidate from citizens)) as "same_city!"
           from candidates k
           join members m on m.member_id = k.candidate
           left join fof f on f.candidate = k.candidate
           left join tagged t on t.candidate = k.candidate
           where k.candidate <> $1
             and not exists (select 1 from connections c where c.member_id = $1 and c.other_id = k.candidate)
             and not exists (select 1 from connection_requests r
                             where (r.requester_id = $1 and r.addressee_id = k.candidate)
                                or (r.requester_id = k.candidate and r.addressee_id = $1))
             and not exists (select 1 from blocks b where (b.blocker_id = $1 and b.blocked_id = k.candidate)
                                                     or (b.blocker_id = k.candidate and b.blocked_id = $1))
           order by 3 * coalesce(f.mutual, 0) + 2 * coalesce(cardinality(t.tags), 0)
                    + case when m.member_id in (select candidate from citizens) then 1 else 0 end desc,
                    m.username
           limit $2"#,
        member,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Suggestion {
            person: person(r.username, r.display_name, r.city, r.avatar_id),
            mutual_connections: r.mutual,
            shared_hashtags: r.tags,
            same_city: r.same_city,
        })
        .collect())
}

/// Followers (`followers = true`) or followed members of `member`, newest first, keyset-paginated.
pub async fn follow_list(
    db: impl PgExecutor<'_>,
    member: Uuid,
    followers: bool,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<(PersonRef, DateTime<Utc>, Uuid)>, sqlx::Error> {
    let (after_at, after_id) = after.map_or((None, None), |(a, i)| (Some(a), Some(i)));
    let rows = sqlx::query!(
        r#"select m.member_id, m.username, m.display_name, m.city, m.avatar_id, f.created_at
           from follows f
           join members m on m.member_id = case when $2 then f.follower_id else f.followee_id end
           where case when $2 then f.followee_id = $1 else f.follower_id = $1 end
             and ($3::timestamptz is null or (f.created_at, m.member_id) < ($3, $4))
           order by f.created_at desc, m.member_id desc
           limit $5"#,
        member,
        followers,
        after_at,
        after_id,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (person(r.username, r.display_name, r.city, r.avatar_id), r.created_at, r.member_id))
        .collect())
}

pub async fn person_named(db: impl PgExecutor<'_>, username: &str) -> Result<Option<(Uuid, PersonRef)>, sqlx::Error> {
    let r = sqlx::query!(
        "select member_id, username, display_name, city, avatar_id from members where username = $1",
        username
    )
    .fetch_optional(db)
    .await?;
    Ok(r.map(|r| (r.member_id, person(r.username, r.display_name, r.city, r.avatar_id))))
}

// Blocks. Blocking also ends follows both ways, in the blocking transaction: the one write
// to the feed's `follows` outside the feed, since a block must leave no follow behind.

/// Whether either member has blocked the other.
pub async fn blocked_between(db: impl PgExecutor<'_>, a: Uuid, b: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from blocks where (blocker_id = $1 and blocked_id = $2)
                                               or (blocker_id = $2 and blocked_id = $1)) as "b!""#,
        a,
        b
    )
    .fetch_one(db)
    .await?)
}

/// Blocks `blocked` for `blocker` and ends follows both ways (the caller also ends any
/// connection or request), in the caller's transaction.
pub async fn block(conn: &mut PgConnection, blocker: Uuid, blocked: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "insert into blocks (blocker_id, blocked_id) values ($1, $2) on conflict do nothing",
        blocker,
        blocked
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from follows where (follower_id = $1 and followee_id = $2) or (follower_id = $2 and followee_id = $1)",
        blocker,
        blocked
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn unblock(db: impl PgExecutor<'_>, blocker: Uuid, blocked: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from blocks where blocker_id = $1 and blocked_id = $2", blocker, blocked).execute(db).await?;
    Ok(())
}

/// Whether `blocker` has blocked `blocked` (for the profile's button).
pub async fn has_blocked(db: impl PgExecutor<'_>, blocker: Uuid, blocked: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query_scalar!(
        r#"select exists (select 1 from blocks where blocker_id = $1 and blocked_id = $2) as "b!""#,
        blocker,
        blocked
    )
    .fetch_one(db)
    .await?)
}
