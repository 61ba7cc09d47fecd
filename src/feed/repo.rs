//! SQL for posts, comments, engagements and follows. Nothing else writes these tables.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{types::Json, PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{AuthorRef, Chakra, CommentView, Counts, EngagementKind, PostEdit, Visibility};

/// A post as read from the database, before it is shaped for a viewer.
pub struct PostRow {
    pub post_id: Uuid,
    pub author_id: Uuid,
    pub username: String,
    pub display_name: String,
    pub author_avatar: Option<Uuid>,
    pub body: String,
    pub body_html: String,
    pub visibility: Visibility,
    pub chakra: Chakra,
    pub chakra_auto: Chakra,
    pub frequency: i16,
    pub chakra_reasons: Json<Vec<(String, f32)>>,
    pub hashtags: Vec<String>,
    pub image_id: Option<Uuid>,
    pub image_alt: String,
    pub hidden: bool,
    pub like_count: i32,
    pub upvote_count: i32,
    pub downvote_count: i32,
    pub energy_count: i32,
    pub comment_count: i32,
    pub mine: Vec<EngagementKind>,
    pub bookmarked: bool,
    pub edited_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub community_id: Option<Uuid>,
    pub community_slug: Option<String>,
    pub community_name: Option<String>,
}

impl PostRow {
    pub fn counts(&self) -> Counts {
        Counts {
            like: self.like_count,
            upvote: self.upvote_count,
            downvote: self.downvote_count,
            energy: self.energy_count,
            comments: self.comment_count,
        }
    }
}

pub struct NewPost<'a> {
    pub author_id: Uuid,
    pub body: &'a str,
    pub body_html: &'a str,
    pub visibility: Visibility,
    /// Set exactly when `visibility` is `Community`.
    pub community_id: Option<Uuid>,
    pub chakra: Chakra,
    pub chakra_auto: Chakra,
    pub frequency: i16,
    pub reasons: &'a [(String, f32)],
    pub hashtags: &'a [String],
    /// Kept as it is when `None` on an edit.
    pub image: Option<(Uuid, &'a str)>,
}

pub async fn insert_post(db: impl PgExecutor<'_>, p: &NewPost<'_>) -> Result<Uuid, sqlx::Error> {
    sqlx::query_scalar!(
        "insert into posts (author_id, body, body_html, visibility, chakra, chakra_auto, frequency, chakra_reasons, hashtags,
                            image_id, image_alt, community_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, coalesce($11, ''), $12) returning post_id",
        p.author_id,
        p.body,
        p.body_html,
        p.visibility as Visibility,
        p.chakra as Chakra,
        p.chakra_auto as Chakra,
        p.frequency,
        Json(p.reasons) as _,
        p.hashtags,
        p.image.map(|(id, _)| id),
        p.image.map(|(_, alt)| alt),
        p.community_id,
    )
    .fetch_one(db)
    .await
}

/// Replaces a post's text, keeping the old text in the edit history.
pub async fn update_post(conn: &mut PgConnection, post_id: Uuid, p: &NewPost<'_>) -> Result<(), sqlx::Error> {
    sqlx::query!("insert into post_edits (post_id, body) select post_id, body from posts where post_id = $1", post_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query!(
        "update posts set body = $2, body_html = $3, visibility = $4, chakra = $5, chakra_auto = $6, frequency = $7,
             chakra_reasons = $8, hashtags = $9, edited_at = now(),
             image_id = coalesce($10, image_id), image_alt = coalesce($11, image_alt)
         where post_id = $1",
        post_id,
        p.body,
        p.body_html,
        p.visibility as Visibility,
        p.chakra as Chakra,
        p.chakra_auto as Chakra,
        p.frequency,
        Json(p.reasons) as _,
        p.hashtags,
        p.image.map(|(id, _)| id),
        p.image.map(|(_, alt)| alt),
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn delete_post(db: impl PgExecutor<'_>, post_id: Uuid) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query!("delete from posts where post_id = $1", post_id).execute(db).await?.rows_affected() == 1)
}

/// A post's author and, for a community post, its community.
pub async fn post_author(db: impl PgExecutor<'_>, post_id: Uuid) -> Result<Option<(Uuid, Option<Uuid>)>, sqlx::Error> {
    let row = sqlx::query!("select author_id, community_id from posts where post_id = $1", post_id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|r| (r.author_id, r.community_id)))
}

/// Of these members, those who may read a community's posts.
pub async fn readers_of_community(
    db: impl PgExecutor<'_>,
    community: Uuid,
    members: &[Uuid],
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select m as "m!" from unnest($2::uuid[]) m where community_readable($1, m)"#,
        community,
        members
    )
    .fetch_all(db)
    .await
}

/// Of these usernames, the ones that exist, with their ids.
pub async fn members_named(db: impl PgExecutor<'_>, usernames: &[String]) -> Result<Vec<(Uuid, String)>, sqlx::Error> {
    let rows = sqlx::query!("select member_id, username from members where username = any($1)", usernames)
        .fetch_all(db)
        .await?;
    Ok(rows.into_iter().map(|r| (r.member_id, r.username)).collect())
}

pub async fn set_mentions(conn: &mut PgConnection, post_id: Uuid, member_ids: &[Uuid]) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from post_mentions where post_id = $1", post_id).execute(&mut *conn).await?;
    sqlx::query!(
        "insert into post_mentions (post_id, member_id) select $1, unnest($2::uuid[]) on conflict do nothing",
        post_id,
        member_ids
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn edits(db: impl PgExecutor<'_>, post_id: Uuid) -> Result<Vec<PostEdit>, sqlx::Error> {
    sqlx::query_as!(
        PostEdit,
        "select body, edited_at from post_edits where post_id = $1 order by edit_id desc limit 50",
        post_id
    )
    .fetch_all(db)
    .await
}

/// One post, if `viewer` may see it: not blocked either way, and public, their own, followers-only
/// from someone they follow or are connected with, or connections-only from a connection. Hidden
/// posts are shown to their author, and to moderators when `moderator` is set.
pub async fn post(
    db: impl PgExecutor<'_>,
    post_id: Uuid,
    viewer: Option<Uuid>,
    moderator: bool,
) -> Result<Option<PostRow>, sqlx::Error> {
    sqlx::query_as!(
        PostRow,
        r#"select p.post_id, p.author_id, a.username, a.display_name, a.avatar_id as author_avatar, p.body, p.body_html,
                  p.visibility as "visibility: Visibility", p.chakra as "chakra: Chakra",
                  p.chakra_auto as "chakra_auto: Chakra", p.frequency,
                  p.chakra_reasons as "chakra_reasons: Json<Vec<(String, f32)>>", p.hashtags,
                  p.image_id, p.image_alt, p.hidden_at is not null as "hidden!",
                  p.like_count, p.upvote_count, p.downvote_count, p.energy_count, p.comment_count,
                  array(select e.kind from engagements e where e.post_id = p.post_id and e.member_id = $2)
                      as "mine!: Vec<EngagementKind>",
                  exists (select 1 from bookmarks b where b.member_id = $2 and b.post_id = p.post_id) as "bookmarked!",
                  p.edited_at, p.created_at, p.community_id, co.slug as "community_slug?", co.name as "community_name?"
           from posts p join members a on a.member_id = p.author_id
           left join communities co on co.community_id = p.community_id
           where p.post_id = $1
             and (p.hidden_at is null or p.author_id = $2 or $3)
             and not exists (select 1 from blocks k where (k.blocker_id = $2 and k.blocked_id = p.author_id)
                                                     or (k.blocker_id = p.author_id and k.blocked_id = $2))
             and post_readable(p.author_id, p.visibility, p.community_id, $2)"#,
        post_id,
        viewer,
        moderator
    )
    .fetch_optional(db)
    .await
}

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

/// Adds or removes one engagement and keeps the post's counter in step. Returns true when the
/// engagement now exists.
pub async fn toggle_engagement(
    conn: &mut PgConnection,
    post_id: Uuid,
    member_id: Uuid,
    kind: EngagementKind,
) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query!(
        "delete from engagements where post_id = $1 and member_id = $2 and kind = $3",
        post_id,
        member_id,
        kind as EngagementKind
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !removed {
        let added = insert_engagement(&mut *conn, post_id, member_id, kind).await?;
        return Ok(added);
    }
    bump_counter(&mut *conn, post_id, kind, -1).await?;
    Ok(false)
}

/// Records an engagement once (no-op if it exists); bumps the counter when it was new.
pub async fn insert_engagement(
    conn: &mut PgConnection,
    post_id: Uuid,
    member_id: Uuid,
    kind: EngagementKind,
) -> Result<bool, sqlx::Error> {
    let added = sqlx::query!(
        "insert into engagements (post_id, member_id, kind) values ($1, $2, $3) on conflict do nothing",
        post_id,
        member_id,
        kind as EngagementKind
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if added {
        bump_counter(&mut *conn, post_id, kind, 1).await?;
    }
    Ok(added)
}

async fn bump_counter(
    conn: &mut PgConnection,
    post_id: Uuid,
    kind: EngagementKind,
    by: i32,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update posts set
             like_count = like_count + case when $2 = 'like'::engagement_kind then $3 else 0 end,
             upvote_count = upvote_count + case when $2 = 'upvote'::engagement_kind then $3 else 0 end,
             downvote_count = downvote_count + case when $2 = 'downvote'::engagement_kind then $3 else 0 end,
             energy_count = energy_count + case when $2 = 'energy'::engagement_kind then $3 else 0 end
         where post_id = $1",
        post_id,
        kind as EngagementKind,
        by
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Spends `cost` energy, first refilling the allowance if a new month has begun. Returns the new
/// balance, or None when the balance is too low. The row lock makes concurrent spends add up.
pub async fn spend_energy(
    conn: &mut PgConnection,
    member_id: Uuid,
    cost: i32,
    allowance: i32,
) -> Result<Option<i32>, sqlx::Error> {
    sqlx::query_scalar!(
        "update members set
             energy_balance = (case when energy_month < date_trunc('month', now())::date then $3 else energy_balance end) - $2,
             energy_month = date_trunc('month', now())::date
         where member_id = $1
           and (case when energy_month < date_trunc('month', now())::date then $3 else energy_balance end) >= $2
         returning energy_balance",
        member_id,
        cost,
        allowance
    )
    .fetch_optional(&mut *conn)
    .await
}

pub async fn add_aura(db: impl PgExecutor<'_>, member_id: Uuid, amount: i32) -> Result<(), sqlx::Error> {
    sqlx::query!("update members set aura = aura + $2 where member_id = $1", member_id, amount).execute(db).await?;
    Ok(())
}

/// Balance (as of this month), aura, and the month the balance belongs to.
pub async fn energy(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    allowance: i32,
) -> Result<(i32, i32, NaiveDate), sqlx::Error> {
    let r = sqlx::query!(
        r#"select (case when energy_month < date_trunc('month', now())::date then $2 else energy_balance end) as "balance!",
                  aura, date_trunc('month', now())::date as "month!"
           from members where member_id = $1"#,
        member_id,
        allowance
    )
    .fetch_one(db)
    .await?;
    Ok((r.balance, r.aura, r.month))
}

pub async fn insert_comment(
    conn: &mut PgConnection,
    post_id: Uuid,
    author_id: Uuid,
    parent_id: Option<Uuid>,
    body: &str,
    body_html: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    // The parent must belong to the same post; depth follows from it.
    let id = sqlx::query_scalar!(
        "insert into comments (post_id, author_id, parent_id, depth, body, body_html)
         select $1, $2, $3, coalesce((select c.depth + 1 from comments c where c.comment_id = $3 and c.post_id = $1), 0), $4, $5
         where $3::uuid is null
            or exists (select 1 from comments c
                       where c.comment_id = $3 and c.post_id = $1 and (c.hidden_at is null or c.author_id = $2))
         returning comment_id",
        post_id,
        author_id,
        parent_id,
        body,
        body_html
    )
    .fetch_optional(&mut *conn)
    .await?;
    if id.is_some() {
        sqlx::query!("update posts set comment_count = comment_count + 1 where post_id = $1", post_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(id)
}

pub async fn comment_owner(db: impl PgExecutor<'_>, comment_id: Uuid) -> Result<Option<(Uuid, Uuid)>, sqlx::Error> {
    let r = sqlx::query!("select author_id, post_id from comments where comment_id = $1", comment_id)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| (r.author_id, r.post_id)))
}

pub async fn update_comment(
    db: impl PgExecutor<'_>,
    comment_id: Uuid,
    body: &str,
    body_html: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query!(
        "update comments set body = $2, body_html = $3, edited_at = now() where comment_id = $1",
        comment_id,
        body,
        body_html
    )
    .execute(db)
    .await?;
    Ok(())
}

/// Deletes a comment and its replies, and takes them all off the post's count.
pub async fn delete_comment(conn: &mut PgConnection, comment_id: Uuid, post_id: Uuid) -> Result<i64, sqlx::Error> {
    let removed = sqlx::query_scalar!(
        r#"with recursive thread as (
               select comment_id, hidden_at from comments where comment_id = $1
               union all
               select c.comment_id, c.hidden_at from comments c join thread t on c.parent_id = t.comment_id
           )
           -- Hidden comments were taken off the count when they were hidden.
           select count(*) filter (where hidden_at is null) as "n!" from thread"#,
        comment_id
    )
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query!("delete from comments where comment_id = $1", comment_id).execute(&mut *conn).await?;
    sqlx::query!(
        "update posts set comment_count = greatest(comment_count - $2, 0) where post_id = $1",
        post_id,
        removed as i32
    )
    .execute(&mut *conn)
    .await?;
    Ok(removed)
}

/// A post's comments the viewer may see; hidden ones only for their author or a `moderator`.
pub async fn comments(
    db: impl PgExecutor<'_>,
    post_id: Uuid,
    viewer: Option<Uuid>,
    moderator: bool,
) -> Result<Vec<CommentView>, sqlx::Error> {
    let rows = sqlx::query!(
        r#"select c.comment_id, c.parent_id, c.author_id, a.username, a.display_name, a.avatar_id, c.body_html, c.depth,
                  c.hidden_at is not null as "hidden!", c.edited_at, c.created_at
           from comments c join members a on a.member_id = c.author_id
           where c.post_id = $1
             and (c.hidden_at is null or c.author_id = $2 or $3)
             and not exists (select 1 from blocks k where (k.blocker_id = $2 and k.blocked_id = c.author_id)
                                                     or (k.blocker_id = c.author_id and k.blocked_id = $2))
           order by c.created_at, c.comment_id
           limit 1000"#,
        post_id,
        viewer,
        moderator
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| CommentView {
            comment_id: r.comment_id,
            parent_id: r.parent_id,
            is_author: viewer == Some(r.author_id),
            author: AuthorRef {
                member_id: r.author_id,
                username: r.username,
                display_name: r.display_name,
                avatar: r.avatar_id.map(crate::media::thumb_url),
            },
            body_html: r.body_html,
            depth: r.depth,
            hidden: r.hidden,
            edited_at: r.edited_at,
            created_at: r.created_at,
        })
        .collect())
}

/// Returns true when this is a new follow.
pub async fn follow(db: impl PgExecutor<'_>, follower: Uuid, followee: Uuid) -> Result<bool, sqlx::Error> {
    let done = sqlx::query!(
        "insert into follows (follower_id, followee_id) values ($1, $2) on conflict do nothing",
        follower,
        followee
    )
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unfollow(db: impl PgExecutor<'_>, follower: Uuid, followee: Uuid) -> Result<(), sqlx::Error> {
    sqlx::query!("delete from follows where follower_id = $1 and followee_id = $2", follower, followee)
        .execute(db)
        .await?;
    Ok(())
}

/// (followers, following, does the viewer follow them)
pub async fn follow_stats(
    db: impl PgExecutor<'_>,
    member_id: Uuid,
    viewer: Option<Uuid>,
) -> Result<(i64, i64, bool), sqlx::Error> {
    let r = sqlx::query!(
        r#"select (select count(*) from follows where followee_id = $1) as "followers!",
                  (select count(*) from follows where follower_id = $1) as "following!",
                  exists (select 1 from follows where follower_id = $2 and followee_id = $1) as "follows!""#,
        member_id,
        viewer
    )
    .fetch_one(db)
    .await?;
    Ok((r.followers, r.following, r.follows))
}

/// Adds or removes a bookmark; true when the post is now bookmarked.
pub async fn toggle_bookmark(conn: &mut PgConnection, member_id: Uuid, post_id: Uuid) -> Result<bool, sqlx::Error> {
    let removed = sqlx::query!("delete from bookmarks where member_id = $1 and post_id = $2", member_id, post_id)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1;
    if removed {
        return Ok(false);
    }
    sqlx::query!(
        "insert into bookmarks (member_id, post_id) values ($1, $2) on conflict do nothing",
        member_id,
        post_id
    )
    .execute(&mut *conn)
    .await?;
    Ok(true)
}

/// Ids of posts matching a full-text query that `viewer` may see, best match first.
pub async fn search_posts(
    db: impl PgExecutor<'_>,
    query: &str,
    viewer: Option<Uuid>,
    limit: i64,
) -> Result<Vec<Uuid>, sqlx::Error> {
    sqlx::query_scalar!(
        r#"select p.post_id from posts p, websearch_to_tsquery('simple', $1) q
           where p.search @@ q
             and (p.hidden_at is null or p.author_id = $2)
             and not exists (select 1 from blocks k where (k.blocker_id = $2 and k.blocked_id = p.author_id)
                                                     or (k.blocker_id = p.author_id and k.blocked_id = $2))
             and post_readable(p.author_id, p.visibility, p.community_id, $2)
           order by ts_rank(p.search, q) desc, p.created_at desc
           limit $3"#,
        query,
        viewer,
        limit
    )
    .fetch_all(db)
    .await
}

/// Members whose username or display name matches (words or a name prefix).
pub async fn search_members(
    db: impl PgExecutor<'_>,
    query: &str,
    limit: i64,
) -> Result<Vec<(String, String)>, sqlx::Error> {
    let prefix = format!("{}%", query.to_lowercase().replace(['%', '\\'], ""));
    let rows = sqlx::query!(
        r#"select username, display_name from members
           where to_tsvector('simple', username || ' ' || display_name) @@ websearch_to_tsquery('simple', $1)
              or username like $2 or lower(display_name) like $2
           order by username
           limit $3"#,
        query,
        prefix,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.username, r.display_name)).collect())
}

/// Hashtags starting with `prefix`, most used first.
pub async fn search_hashtags(
    db: impl PgExecutor<'_>,
    prefix: &str,
    limit: i64,
) -> Result<Vec<(String, i64)>, sqlx::Error> {
    let pattern = format!("{}%", prefix.to_lowercase().replace(['%', '\\'], ""));
    let rows = sqlx::query!(
        r#"select tag as "tag!", count(*) as "n!" from posts p cross join lateral unnest(p.hashtags) as tag
           where p.visibility = 'public' and p.hidden_at is null and tag like $1
           group by tag order by count(*) desc, tag limit $2"#,
        pattern,
        limit
    )
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.tag, r.n)).collect())
}

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
