//! Feeds: pages of posts by kind, the home feed's sources, and the explore ranking.

use chrono::{DateTime, Utc};
use sqlx::{types::Json, PgExecutor};
use uuid::Uuid;

use super::PostRow;
use crate::feed::model::{Chakra, EngagementKind, Visibility};

/// Which feed to read. Every feed is newest first and keyset-paginated on (created_at, post_id).
pub enum FeedKind<'a> {
    /// Posts by these authors (the viewer, the members they follow and their connections) and
    /// posts in these communities (the viewer's), see [`home_sources`]. The lists are literals for
    /// the planner, which picks per call between the author and community indexes (few) and
    /// walking the time index (many).
    Home(&'a [Uuid], &'a [Uuid]),
    /// Posts written to this community.
    Community(Uuid),
    /// Public posts from everyone.
    Everyone,
    Tag(&'a str),
    Chakra(Chakra),
    Author(Uuid),
    /// Posts the member bookmarked.
    Bookmarks(Uuid),
    /// Exactly these posts (those the viewer may see).
    Ids(&'a [Uuid]),
}

pub async fn feed(
    db: impl PgExecutor<'_>,
    kind: FeedKind<'_>,
    viewer: Option<Uuid>,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<PostRow>, sqlx::Error> {
    let (after_at, after_id) = after.map_or((None, None), |(a, i)| (Some(a), Some(i)));
    let (mut home, mut home_communities, mut tag, mut chakra, mut author, mut saved_by, mut ids, mut community) =
        (None, None, None, None, None, None, None, None);
    match kind {
        FeedKind::Home(authors, communities) => {
            home = Some(authors.to_vec());
            home_communities = Some(communities.to_vec());
        }
        FeedKind::Everyone => {}
        FeedKind::Tag(t) => tag = Some(t.to_string()),
        FeedKind::Chakra(c) => chakra = Some(c),
        FeedKind::Author(a) => author = Some(a),
        FeedKind::Bookmarks(m) => saved_by = Some(m),
        FeedKind::Ids(list) => ids = Some(list.to_vec()),
        FeedKind::Community(c) => community = Some(c),
    }
    // One statement for every feed keeps the visibility rule in a single place; each filter is
    // a sargable predicate that drops out when its parameter is null. (The pool plans these
    // statements per call — see server::database — so the dropped filters cost nothing.)
    sqlx::query_as!(
        PostRow,
        r#"-- kindred:feed
           select p.post_id, p.author_id, a.username, a.display_name, a.avatar_id as author_avatar, p.body, p.body_html,
                  p.visibility as "visibility: Visibility", p.chakra as "chakra: Chakra",
                  p.chakra_auto as "chakra_auto: Chakra", p.frequency,
                  p.chakra_reasons as "chakra_reasons: Json<Vec<(String, f32)>>", p.hashtags,
                  p.image_id, p.image_alt, p.hidden_at is not null as "hidden!",
                  p.like_count, p.upvote_count, p.downvote_count, p.energy_count, p.comment_count,
                  array(select e.kind from engagements e where e.post_id = p.post_id and e.member_id = $1)
                      as "mine!: Vec<EngagementKind>",
                  exists (select 1 from bookmarks b where b.member_id = $1 and b.post_id = p.post_id) as "bookmarked!",
                  p.edited_at, p.created_at, p.community_id, co.slug as "community_slug?", co.name as "community_name?"
           from posts p join members a on a.member_id = p.author_id
           left join communities co on co.community_id = p.community_id
           where ($2::timestamptz is null or (p.created_at, p.post_id) < ($2, $3))
             and ($4::uuid[] is null or p.author_id = any($4) or p.community_id = any($11))
             and ($5::text is null or p.hashtags @> array[$5])
             and ($6::chakra is null or p.chakra = $6)
             and ($7::uuid is null or p.author_id = $7)
             and ($9::uuid is null or exists (select 1 from bookmarks b where b.member_id = $9 and b.post_id = p.post_id))
             and ($10::uuid[] is null or p.post_id = any($10))
             and ($12::uuid is null or p.community_id = $12)
             and (p.hidden_at is null or p.author_id = $1)
             and not exists (select 1 from blocks k where (k.blocker_id = $1 and k.blocked_id = p.author_id)
                                                     or (k.blocker_id = p.author_id and k.blocked_id = $1))
             and post_readable(p.author_id, p.visibility, p.community_id, $1)
           order by p.created_at desc, p.post_id desc
           limit $8"#,
        viewer,
        after_at,
        after_id,
        home.as_deref(),
        tag,
        chakra as Option<Chakra>,
        author,
        limit,
        saved_by,
        ids.as_deref(),
        home_communities.as_deref(),
        community
    )
    .fetch_all(db)
    .await
}

/// What makes up a member's home feed: posts by themselves, the members they follow and their
/// connections (the first list), and posts in their communities (the second).
pub async fn home_sources(db: impl PgExecutor<'_>, member: Uuid) -> Result<(Vec<Uuid>, Vec<Uuid>), sqlx::Error> {
    let r = sqlx::query!(
        r#"select array(select $1::uuid
                        union select followee_id from follows where follower_id = $1
                        union select other_id from connections where member_id = $1) as "authors!: Vec<Uuid>",
                  array(select community_id from community_members where member_id = $1) as "communities!: Vec<Uuid>""#,
        member
    )
    .fetch_one(db)
    .await?;
    Ok((r.authors, r.communities))
}

/// Recomputes the explore rank of recent posts: engagement (an upvote or comment counts 2, energy
/// 3, a downvote −1) over (hours since posting + 2)^1.5, so fresh posts with some response rise
/// and everything fades. Posts older than 30 days drop to 0. Idempotent; safe on every instance.
pub async fn refresh_ranks(db: impl PgExecutor<'_>) -> Result<u64, sqlx::Error> {
    let done = sqlx::query!(
        "update posts set rank = case
             when created_at < now() - interval '30 days' then 0
             else greatest(1 + like_count + 2 * upvote_count - downvote_count + 3 * energy_count + 2 * comment_count, 0)::float8
                  / power(extract(epoch from (now() - created_at))::float8 / 3600.0 + 2.0, 1.5)
             end
         where created_at >= now() - interval '31 days' or rank <> 0"
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected())
}

/// Ids of public posts by stored rank, keyset-paginated on (rank, post_id); the rows themselves
/// come from [`feed`] with [`FeedKind::Ids`].
pub async fn explore_ids(
    db: impl PgExecutor<'_>,
    viewer: Option<Uuid>,
    after: Option<(f64, Uuid)>,
    limit: i64,
) -> Result<Vec<(Uuid, f64)>, sqlx::Error> {
    let (after_rank, after_id) = after.map_or((None, None), |(r, i)| (Some(r), Some(i)));
    let rows = sqlx::query!(
        r#"select p.post_id, p.rank
           from posts p
           where p.visibility = 'public' and p.hidden_at is null
             and ($2::float8 is null or (p.rank, p.post_id) < ($2, $3))
             and not exists (select 1 from blocks k where (k.blocker_id = $1 and k.blocked_id = p.author_id)
                                                     or (k.blocker_id = p.author_id and k.blocked_id = $1))
           order by p.rank desc, p.post_id desc
           limit $4"#,
        viewer,
        after_rank,
        after_id,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.post_id, r.rank)).collect())
}
