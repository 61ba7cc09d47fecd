//! Posts: writing, editing and deleting them, their mentions and edit history, and reading one
//! as a viewer may see it.

use chrono::{DateTime, Utc};
use sqlx::{types::Json, PgConnection, PgExecutor};
use uuid::Uuid;

use crate::feed::model::{Chakra, Counts, EngagementKind, PostEdit, Visibility};

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
