//! Feed rules that need the database (server only): writing posts and comments, engagements
//! with the energy allowance, follows, and reading feeds with the visibility rule.

use std::time::Duration;

use chrono::{DateTime, Datelike, Months, Utc};
use uuid::Uuid;

use super::chakra;
use super::model::{
    parse_chakra_choice, parse_comment_body, parse_post_body, thread_order, Audience, EnergyStatus, Engaged,
    EngagementKind, FeedPage, PostThread, PostView, Visibility, ENERGY_COST, MONTHLY_ENERGY,
};
use super::repo::{self, FeedKind, NewPost, PostRow};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::model::NotificationKind;
use crate::notifications::repo::{self as notes, Note};
use crate::oracle::model::{XP_COMMENT, XP_DOWNVOTE, XP_ENERGY, XP_LIKE, XP_UPVOTE};
use crate::people::model::{CLOSENESS_COMMENT, CLOSENESS_ENERGY, CLOSENESS_ENGAGEMENT};
use crate::people::repo as people;
use crate::server::{rate_limit, state::AppState};
use crate::text::markdown;

const HOUR: Duration = Duration::from_secs(3600);
pub const POSTS_PER_HOUR: u32 = 30;
pub const COMMENTS_PER_HOUR: u32 = 120;
pub const ENGAGEMENTS_PER_HOUR: u32 = 600;
pub const FEED_PAGE: i64 = 20;

pub fn to_view(row: PostRow, viewer: Option<Uuid>) -> PostView {
    let is_author = viewer == Some(row.author_id);
    let counts = row.counts();
    PostView {
        post_id: row.post_id,
        author: super::model::AuthorRef {
            member_id: row.author_id,
            username: row.username,
            display_name: row.display_name,
            avatar: row.author_avatar.map(crate::media::thumb_url),
        },
        body: is_author.then_some(row.body),
        body_html: row.body_html,
        visibility: row.visibility,
        community: match (row.community_slug, row.community_name) {
            (Some(slug), Some(name)) => Some(super::model::CommunityTag { slug, name }),
            _ => None,
        },
        chakra: row.chakra,
        chakra_auto: row.chakra_auto,
        frequency: row.frequency,
        reasons: row.chakra_reasons.0,
        hashtags: row.hashtags,
        image: row.image_id.map(|id| super::model::PostImage {
            display_url: crate::media::display_url(id),
            thumb_url: crate::media::thumb_url(id),
            alt: row.image_alt,
        }),
        hidden: row.hidden,
        counts,
        mine: row.mine,
        bookmarked: row.bookmarked,
        is_author,
        edited_at: row.edited_at,
        created_at: row.created_at,
    }
}

/// Renders, classifies and extracts everything a post's text implies.
struct Prepared {
    html: String,
    hashtags: Vec<String>,
    mentioned: Vec<Uuid>,
    chakra_auto: super::model::Chakra,
    frequency: i16,
    reasons: Vec<(String, f32)>,
}

async fn prepare(state: &AppState, author: Uuid, body: &str) -> Result<Prepared, AppError> {
    let mut named = repo::members_named(&state.pool, &markdown::mentions(body)).await?;
    // A block stops mentions both ways: no link, no notification.
    let mut reachable = Vec::with_capacity(named.len());
    for (id, name) in named.drain(..) {
        if !crate::people::repo::blocked_between(&state.pool, author, id).await? {
            reachable.push((id, name));
        }
    }
    let named = reachable;
    let html = markdown::render(body, &|name: &str| named.iter().any(|(_, n)| n == name));
    let class = chakra::classify(&markdown::plain_text(body, 5000));
    Ok(Prepared {
        html,
        hashtags: markdown::hashtags(body),
        mentioned: named.into_iter().map(|(id, _)| id).collect(),
        chakra_auto: class.chakra,
        frequency: class.frequency as i16,
        reasons: class.reasons,
    })
}

/// A post's text as submitted: validated, rate-limited, rendered and classified.
struct Draft {
    body: String,
    visibility: Visibility,
    community_id: Option<Uuid>,
    chosen: Option<super::model::Chakra>,
    prepared: Prepared,
}

impl Draft {
    async fn new(
        state: &AppState,
        me: &CurrentMember,
        body: &str,
        visibility: &str,
        chakra: &str,
        per_hour: u32,
    ) -> Result<Self, AppError> {
        let body = parse_post_body(body)?;
        let (visibility, community_id) = match Audience::parse(visibility)? {
            Audience::Everyone(v) => (v, None),
            Audience::Community(slug) => (Visibility::Community, Some(community_to_post_in(state, me, &slug).await?)),
        };
        let chosen = parse_chakra_choice(chakra)?;
        rate_limit::hit(&state.pool, &format!("post:member:{}", me.member_id), per_hour, HOUR).await?;
        let mut prepared = prepare(state, me.member_id, &body).await?;
        if let Some(community) = community_id {
            // Nobody is told about a post they cannot read.
            prepared.mentioned = repo::readers_of_community(&state.pool, community, &prepared.mentioned).await?;
        }
        Ok(Draft { body, visibility, community_id, chosen, prepared })
    }

    fn post<'a>(&'a self, me: &CurrentMember, image: Option<(Uuid, &'a str)>) -> NewPost<'a> {
        let p = &self.prepared;
        NewPost {
            author_id: me.member_id,
            body: &self.body,
            body_html: &p.html,
            visibility: self.visibility,
            community_id: self.community_id,
            chakra: self.chosen.unwrap_or(p.chakra_auto),
            chakra_auto: p.chakra_auto,
            frequency: p.frequency,
            reasons: &p.reasons,
            hashtags: &p.hashtags,
            image,
        }
    }

    fn mentioned_except(&self, me: &CurrentMember) -> Vec<Uuid> {
        self.prepared.mentioned.iter().copied().filter(|id| *id != me.member_id).collect()
    }
}

/// The community at `slug`, if `me` may post there: a member, not in a timeout, holding the
/// send permission community-wide (the same bit that lets them write in its channels).
async fn community_to_post_in(state: &AppState, me: &CurrentMember, slug: &str) -> Result<Uuid, AppError> {
    use crate::communities::{perms, repo as communities};
    let refuse = |m: &str| AppError::invalid("visibility", m);
    let community =
        communities::by_slug(&state.pool, slug).await?.ok_or_else(|| refuse("That community does not exist."))?;
    let standing = communities::standing(&state.pool, &community, me.member_id).await?.ok_or(AppError::Internal)?;
    if !standing.is_member {
        return Err(refuse("Join the community to post in it."));
    }
    if standing.timeout_until.is_some() {
        return Err(refuse("You are in a timeout in this community: you can read but not post."));
    }
    if !perms::has(standing.standing.base(), perms::SEND_MESSAGES) {
        return Err(refuse("You don't have permission to post in this community."));
    }
    Ok(community.community_id)
}

pub use crate::media::ImageInput;

fn parse_alt(raw: &str) -> Result<String, AppError> {
    let alt = raw.trim().to_string();
    if alt.chars().count() > crate::media::ALT_MAX_CHARS {
        return Err(AppError::invalid(
            "image_alt",
            format!("Describe the image in at most {} characters.", crate::media::ALT_MAX_CHARS),
        ));
    }
    Ok(alt)
}

pub async fn create_post(
    state: &AppState,
    me: &CurrentMember,
    body: &str,
    visibility: &str,
    chakra: &str,
    image: Option<ImageInput>,
) -> Result<Uuid, AppError> {
    let alt = image.as_ref().map(|i| parse_alt(&i.alt)).transpose()?;
    let draft = Draft::new(state, me, body, visibility, chakra, POSTS_PER_HOUR).await?;
    let stored = match image {
        Some(image) => Some(crate::media::upload::store(state, crate::media::Purpose::Post, image.bytes).await?),
        None => None,
    };
    let mut tx = state.pool.begin().await?;
    let image_id = match stored {
        Some(s) => Some(s.record(&mut tx, me.member_id).await?),
        None => None,
    };
    let image = image_id.map(|id| (id, alt.as_deref().unwrap_or("")));
    let post_id = repo::insert_post(&mut *tx, &draft.post(me, image)).await?;
    let mentioned = draft.mentioned_except(me);
    repo::set_mentions(&mut tx, post_id, &mentioned).await?;
    let message = format!("{} mentioned you in a post", me.display_name);
    for member_id in mentioned {
        notify_about_post(&mut tx, member_id, NotificationKind::Mention, me, post_id, &message).await?;
    }
    tx.commit().await?;
    Ok(post_id)
}

pub async fn edit_post(
    state: &AppState,
    me: &CurrentMember,
    post_id: Uuid,
    body: &str,
    visibility: &str,
    chakra: &str,
) -> Result<(), AppError> {
    let (author, community) = repo::post_author(&state.pool, post_id).await?.ok_or(AppError::NotFound)?;
    if author != me.member_id {
        return Err(AppError::Forbidden);
    }
    let draft = Draft::new(state, me, body, visibility, chakra, POSTS_PER_HOUR * 2).await?;
    if draft.community_id != community {
        return Err(AppError::invalid(
            "visibility",
            if community.is_some() {
                "A community post stays in its community."
            } else {
                "A post can't move into a community after it is written."
            },
        ));
    }
    let mut tx = state.pool.begin().await?;
    repo::update_post(&mut tx, post_id, &draft.post(me, None)).await?;
    let mentioned = draft.mentioned_except(me);
    repo::set_mentions(&mut tx, post_id, &mentioned).await?;
    tx.commit().await?;
    Ok(())
}

/// The author deletes their post; a site moderator may remove anyone's, and a community's
/// members with the manage-messages permission the posts written to it.
pub async fn delete_post(state: &AppState, me: &CurrentMember, post_id: Uuid) -> Result<(), AppError> {
    let (author, community) = repo::post_author(&state.pool, post_id).await?.ok_or(AppError::NotFound)?;
    let allowed = author == me.member_id
        || me.site_role.can_moderate()
        || match community {
            Some(c) => {
                crate::communities::service::holds(state, me.member_id, c, crate::communities::perms::MANAGE_MESSAGES)
                    .await?
            }
            None => false,
        };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    repo::delete_post(&state.pool, post_id).await?;
    Ok(())
}

/// Tells `member_id` about something `me` did to a post (within the caller's transaction).
async fn notify_about_post(
    tx: &mut sqlx::PgConnection,
    member_id: Uuid,
    kind: NotificationKind,
    me: &CurrentMember,
    post_id: Uuid,
    message: &str,
) -> Result<(), AppError> {
    let link = format!("/posts/{post_id}");
    let note = Note { member_id, kind, actor_id: Some(me.member_id), post_id: Some(post_id), message, link: &link };
    Ok(notes::notify(&mut *tx, note).await?)
}

fn xp_for(kind: EngagementKind) -> i32 {
    match kind {
        EngagementKind::Like => XP_LIKE,
        EngagementKind::Upvote => XP_UPVOTE,
        EngagementKind::Downvote => XP_DOWNVOTE,
        EngagementKind::Energy => XP_ENERGY,
    }
}

/// Gives or takes back an engagement. `like`, `upvote` and `downvote` toggle; `energy` costs
/// 10 from the monthly allowance, is given at most once per post and never to one's own post.
/// Balance, engagement, counters, aura and the guide's XP change in one transaction, whose
/// statements also return the figures answered (nothing is read again after the commit).
pub async fn engage(
    state: &AppState,
    me: &CurrentMember,
    post_id: Uuid,
    kind: EngagementKind,
) -> Result<Engaged, AppError> {
    rate_limit::hit(&state.pool, &format!("engage:member:{}", me.member_id), ENGAGEMENTS_PER_HOUR, HOUR).await?;
    let visible = repo::post(&state.pool, post_id, Some(me.member_id), false).await?.ok_or(AppError::NotFound)?;
    if let Some(community) = visible.community_id {
        crate::communities::service::may_take_part(state, me.member_id, community).await?;
    }
    let mut tx = state.pool.begin().await?;
    let (now_given, figures, balance_left) = if kind == EngagementKind::Energy {
        if visible.author_id == me.member_id {
            return Err(AppError::Conflict("You can't send energy to your own post.".into()));
        }
        if visible.mine.contains(&EngagementKind::Energy) {
            return Err(AppError::Conflict("You already sent energy to this post.".into()));
        }
        let Some(balance) = repo::spend_energy(&mut tx, me.member_id, ENERGY_COST, MONTHLY_ENERGY).await? else {
            return Err(AppError::Conflict(format!(
                "Not enough energy: sending costs {ENERGY_COST}. Your allowance refills on the 1st of the month."
            )));
        };
        let Some(figures) = repo::add_engagement(&mut tx, post_id, me.member_id, kind).await? else {
            // A concurrent request from the same member got there first; the rollback refunds.
            return Err(AppError::Conflict("You already sent energy to this post.".into()));
        };
        repo::add_aura(&mut *tx, visible.author_id, ENERGY_COST).await?;
        (true, figures, Some(balance))
    } else {
        let (given, figures) = repo::toggle_engagement(&mut tx, post_id, me.member_id, kind).await?;
        (given, figures, None)
    };
    if now_given {
        // No XP for liking or voting on one's own post: the guide grows from engaging with others.
        if visible.author_id != me.member_id {
            let key = format!("engagement:{post_id}:{}", kind.key());
            crate::oracle::repo::award_xp(&mut tx, me.member_id, kind.action(), &key, xp_for(kind)).await?;
        }
        let verb = match kind {
            EngagementKind::Like => "liked your post",
            EngagementKind::Upvote => "upvoted your post",
            EngagementKind::Downvote => "downvoted your post",
            EngagementKind::Energy => "sent energy to your post",
        };
        let message = format!("{} {verb}", me.display_name);
        notify_about_post(&mut tx, visible.author_id, NotificationKind::Engagement, me, post_id, &message).await?;
        let closer = match kind {
            EngagementKind::Energy => CLOSENESS_ENERGY,
            EngagementKind::Downvote => 0.0,
            _ => CLOSENESS_ENGAGEMENT,
        };
        if closer > 0.0 {
            people::bump(&mut *tx, me.member_id, visible.author_id, closer).await?;
        }
    }
    let energy_balance = match balance_left {
        Some(balance) => balance,
        None => repo::energy(&mut *tx, me.member_id, MONTHLY_ENERGY).await?.0,
    };
    tx.commit().await?;
    Ok(Engaged { counts: figures.counts, mine: figures.mine, energy_balance })
}

pub async fn comment(
    state: &AppState,
    me: &CurrentMember,
    post_id: Uuid,
    parent: Option<Uuid>,
    body: &str,
) -> Result<Uuid, AppError> {
    let body = parse_comment_body(body)?;
    let post = repo::post(&state.pool, post_id, Some(me.member_id), false).await?.ok_or(AppError::NotFound)?;
    if let Some(community) = post.community_id {
        crate::communities::service::may_take_part(state, me.member_id, community).await?;
    }
    rate_limit::hit(&state.pool, &format!("comment:member:{}", me.member_id), COMMENTS_PER_HOUR, HOUR).await?;
    let named = repo::members_named(&state.pool, &markdown::mentions(&body)).await?;
    let html = markdown::render(&body, &|name: &str| named.iter().any(|(_, n)| n == name));
    let mut tx = state.pool.begin().await?;
    let id = repo::insert_comment(&mut tx, post_id, me.member_id, parent, &body, &html)
        .await?
        .ok_or_else(|| AppError::invalid("parent_id", "That comment is not on this post."))?;
    // Commenting under one's own post (answering others, say) earns no XP.
    if post.author_id != me.member_id {
        let key = format!("comment:{post_id}");
        crate::oracle::repo::award_xp(&mut tx, me.member_id, "Commented on a post", &key, XP_COMMENT).await?;
    }
    let parent_author = match parent {
        Some(p) => repo::comment_owner(&mut *tx, p).await?.map(|(author, _)| author),
        None => None,
    };
    // Someone who blocked me, or whom I blocked, hears nothing of my replies.
    let parent_author = match parent_author {
        Some(a) if a != me.member_id && people::blocked_between(&mut *tx, me.member_id, a).await? => None,
        other => other,
    };
    if let Some(parent_author) = parent_author {
        let message = format!("{} replied to your comment", me.display_name);
        notify_about_post(&mut tx, parent_author, NotificationKind::Comment, me, post_id, &message).await?;
    }
    if parent_author != Some(post.author_id) {
        let message = format!("{} commented on your post", me.display_name);
        notify_about_post(&mut tx, post.author_id, NotificationKind::Comment, me, post_id, &message).await?;
    }
    people::bump(&mut *tx, me.member_id, post.author_id, CLOSENESS_COMMENT).await?;
    if let Some(parent_author) = parent_author.filter(|a| *a != post.author_id) {
        people::bump(&mut *tx, me.member_id, parent_author, CLOSENESS_COMMENT).await?;
    }
    tx.commit().await?;
    Ok(id)
}

pub async fn edit_comment(state: &AppState, me: &CurrentMember, comment_id: Uuid, body: &str) -> Result<(), AppError> {
    let (author, _) = repo::comment_owner(&state.pool, comment_id).await?.ok_or(AppError::NotFound)?;
    if author != me.member_id {
        return Err(AppError::Forbidden);
    }
    let body = parse_comment_body(body)?;
    let named = repo::members_named(&state.pool, &markdown::mentions(&body)).await?;
    let html = markdown::render(&body, &|name: &str| named.iter().any(|(_, n)| n == name));
    repo::update_comment(&state.pool, comment_id, &body, &html).await?;
    Ok(())
}

/// The author deletes their comment (and its replies); a site moderator may remove any, and a
/// community's members with the manage-messages permission those under the posts written to it.
pub async fn delete_comment(state: &AppState, me: &CurrentMember, comment_id: Uuid) -> Result<Uuid, AppError> {
    let (author, post_id) = repo::comment_owner(&state.pool, comment_id).await?.ok_or(AppError::NotFound)?;
    let allowed = author == me.member_id
        || me.site_role.can_moderate()
        || match repo::post_author(&state.pool, post_id).await?.and_then(|(_, community)| community) {
            Some(c) => {
                crate::communities::service::holds(state, me.member_id, c, crate::communities::perms::MANAGE_MESSAGES)
                    .await?
            }
            None => false,
        };
    if !allowed {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.pool.begin().await?;
    repo::delete_comment(&mut tx, comment_id, post_id).await?;
    tx.commit().await?;
    Ok(post_id)
}

/// Whether `viewer` (None: a visitor) may see the post: its audience, community, blocks, and
/// moderation (a hidden post only for its author and site moderators).
pub async fn readable(state: &AppState, viewer: Option<&CurrentMember>, post_id: Uuid) -> Result<bool, AppError> {
    let moderator = viewer.is_some_and(|m| m.site_role.can_moderate());
    Ok(repo::post(&state.pool, post_id, viewer.map(|m| m.member_id), moderator).await?.is_some())
}

pub async fn thread(state: &AppState, viewer: Option<&CurrentMember>, post_id: Uuid) -> Result<PostThread, AppError> {
    let viewer_id = viewer.map(|m| m.member_id);
    let moderator = viewer.is_some_and(|m| m.site_role.can_moderate());
    let row = repo::post(&state.pool, post_id, viewer_id, moderator).await?.ok_or(AppError::NotFound)?;
    let comments = thread_order(repo::comments(&state.pool, post_id, viewer_id, moderator).await?);
    let edits = repo::edits(&state.pool, post_id).await?;
    let community_can_remove = match (viewer_id, row.community_id) {
        (Some(me), Some(c)) => {
            crate::communities::service::holds(state, me, c, crate::communities::perms::MANAGE_MESSAGES).await?
        }
        _ => false,
    };
    Ok(PostThread {
        post: to_view(row, viewer_id),
        comments,
        edits,
        viewer_can_moderate: moderator,
        community_can_remove,
    })
}

pub async fn feed(
    state: &AppState,
    viewer: Option<Uuid>,
    kind: FeedKind<'_>,
    after: Option<(DateTime<Utc>, Uuid)>,
) -> Result<FeedPage, AppError> {
    let mut rows = repo::feed(&state.pool, kind, viewer, after, FEED_PAGE + 1).await?;
    let next = if rows.len() as i64 > FEED_PAGE {
        rows.truncate(FEED_PAGE as usize);
        rows.last().map(|r| crate::paging::encode_cursor(r.created_at, r.post_id))
    } else {
        None
    };
    Ok(FeedPage { posts: rows.into_iter().map(|r| to_view(r, viewer)).collect(), next })
}

pub async fn energy_status(state: &AppState, me: &CurrentMember) -> Result<EnergyStatus, AppError> {
    let (balance, aura, month) = repo::energy(&state.pool, me.member_id, MONTHLY_ENERGY).await?;
    let resets_on = month.checked_add_months(Months::new(1)).unwrap_or(month).with_day(1).unwrap_or(month);
    Ok(EnergyStatus { balance, aura, resets_on })
}

pub const SEARCH_MAX_CHARS: usize = 100;
/// Searches per minute, per member or (signed out) per address.
pub const SEARCHES_PER_MINUTE: u32 = 60;

/// Full-text search over posts (visibility respected), members and hashtags. Rate-limited per
/// member, or per address for visitors; a query needs two letters or digits (a lone `#`, `@` or
/// `%` would match everything and cost the most).
pub async fn search(
    state: &AppState,
    viewer: Option<Uuid>,
    ip: &str,
    raw: &str,
) -> Result<super::model::SearchResults, AppError> {
    let query = raw.trim();
    if query.chars().count() > SEARCH_MAX_CHARS {
        return Err(AppError::invalid("q", format!("Search for at most {SEARCH_MAX_CHARS} characters.")));
    }
    let mut results =
        super::model::SearchResults { query: query.to_string(), posts: vec![], members: vec![], hashtags: vec![] };
    if query.is_empty() {
        return Ok(results);
    }
    if query.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
        return Err(AppError::invalid("q", "Type at least two letters or digits to search."));
    }
    let bucket = match viewer {
        Some(id) => format!("search:member:{id}"),
        None => format!("search:ip:{ip}"),
    };
    rate_limit::hit(&state.pool, &bucket, SEARCHES_PER_MINUTE, Duration::from_secs(60)).await?;
    let tag_prefix = query.trim_start_matches('#');
    results.hashtags = repo::search_hashtags(&state.pool, tag_prefix, 10).await?;
    results.members = repo::search_members(&state.pool, query.trim_start_matches('@'), 10).await?;
    let ids = repo::search_posts(&state.pool, query, viewer, 20).await?;
    results.posts = posts_in_order(state, viewer, &ids).await?;
    Ok(results)
}

/// Explore: public posts by their stored rank. Cursor: `<rank>_<post id>`.
pub async fn explore(state: &AppState, viewer: Option<Uuid>, after: Option<&str>) -> Result<FeedPage, AppError> {
    let after = match after.filter(|c| !c.is_empty()) {
        Some(c) => {
            let bad = || AppError::invalid("after", "That page link is broken.");
            let (rank, id) = c.split_once('_').ok_or_else(bad)?;
            Some((rank.parse::<f64>().map_err(|_| bad())?, id.parse::<Uuid>().map_err(|_| bad())?))
        }
        None => None,
    };
    let mut ranked = repo::explore_ids(&state.pool, viewer, after, FEED_PAGE + 1).await?;
    let next = if ranked.len() as i64 > FEED_PAGE {
        ranked.truncate(FEED_PAGE as usize);
        ranked.last().map(|(id, rank)| format!("{rank}_{}", id.simple()))
    } else {
        None
    };
    let ids: Vec<Uuid> = ranked.iter().map(|(id, _)| *id).collect();
    Ok(FeedPage { posts: posts_in_order(state, viewer, &ids).await?, next })
}

/// The posts with these ids that `viewer` may see, in the given order, read in one query.
async fn posts_in_order(state: &AppState, viewer: Option<Uuid>, ids: &[Uuid]) -> Result<Vec<PostView>, AppError> {
    let mut rows = repo::feed(&state.pool, FeedKind::Ids(ids), viewer, None, ids.len() as i64).await?;
    rows.sort_by_key(|r| ids.iter().position(|id| *id == r.post_id).unwrap_or(usize::MAX));
    Ok(rows.into_iter().map(|r| to_view(r, viewer)).collect())
}
