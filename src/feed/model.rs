//! Feed types shared by the server and the browser.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::AppError;

/// The seven chakras a post can be classified into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "chakra", rename_all = "snake_case"))]
pub enum Chakra {
    Root,
    Sacral,
    Solar,
    Heart,
    Throat,
    ThirdEye,
    Crown,
}

impl Chakra {
    /// Ordered from the base of the spine upwards, which is also the order of the rainbow colours.
    pub const ALL: [Chakra; 7] =
        [Chakra::Root, Chakra::Sacral, Chakra::Solar, Chakra::Heart, Chakra::Throat, Chakra::ThirdEye, Chakra::Crown];

    /// Stable identifier used in the example file, URLs and stored data.
    pub fn key(self) -> &'static str {
        match self {
            Chakra::Root => "root",
            Chakra::Sacral => "sacral",
            Chakra::Solar => "solar",
            Chakra::Heart => "heart",
            Chakra::Throat => "throat",
            Chakra::ThirdEye => "third_eye",
            Chakra::Crown => "crown",
        }
    }

    /// Accepts the [`key`](Self::key) and a few spellings people actually type.
    pub fn parse(s: &str) -> Option<Self> {
        let norm: String =
            s.trim().to_lowercase().chars().map(|c| if c == '-' || c == ' ' { '_' } else { c }).collect();
        match norm.as_str() {
            "root" => Some(Chakra::Root),
            "sacral" => Some(Chakra::Sacral),
            "solar" | "solar_plexus" => Some(Chakra::Solar),
            "heart" => Some(Chakra::Heart),
            "throat" => Some(Chakra::Throat),
            "third_eye" | "thirdeye" => Some(Chakra::ThirdEye),
            "crown" => Some(Chakra::Crown),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Chakra::Root => "Root",
            Chakra::Sacral => "Sacral",
            Chakra::Solar => "Solar plexus",
            Chakra::Heart => "Heart",
            Chakra::Throat => "Throat",
            Chakra::ThirdEye => "Third eye",
            Chakra::Crown => "Crown",
        }
    }

    /// Mid tones rather than pure rainbow hues, so white text stays readable on every one of them
    /// (contrast ≥ 4.5:1) except solar, whose yellow is only legible with dark text.
    pub fn colour(self) -> &'static str {
        match self {
            Chakra::Root => "#c0392b",
            Chakra::Sacral => "#c24e00",
            Chakra::Solar => "#e0b000",
            Chakra::Heart => "#2b7f50",
            Chakra::Throat => "#2f6fb5",
            Chakra::ThirdEye => "#4b3f9e",
            Chakra::Crown => "#8e44ad",
        }
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

pub const POST_MAX_CHARS: usize = 5000;
pub const COMMENT_MAX_CHARS: usize = 2000;
pub const ENERGY_COST: i32 = 10;
pub const MONTHLY_ENERGY: i32 = 1000;
/// Replies nest visually up to this depth, then continue flat.
pub const MAX_DISPLAY_DEPTH: i16 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "post_visibility", rename_all = "lowercase"))]
pub enum Visibility {
    Public,
    Followers,
    Connections,
    /// Written to a community: its members read it (everyone, when the community is public).
    Community,
}

impl Visibility {
    pub fn key(self) -> &'static str {
        match self {
            Visibility::Public => "public",
            Visibility::Followers => "followers",
            Visibility::Connections => "connections",
            Visibility::Community => "community",
        }
    }

    /// The choices for a post outside a community.
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Followers, Visibility::Connections];

    pub fn label(self) -> &'static str {
        match self {
            Visibility::Public => "Everyone",
            Visibility::Followers => "Followers and connections",
            Visibility::Connections => "Connections only",
            Visibility::Community => "Community members",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim() {
            "" | "public" => Ok(Visibility::Public),
            "followers" => Ok(Visibility::Followers),
            "connections" => Ok(Visibility::Connections),
            _ => Err(AppError::invalid("visibility", "Choose who can see this post.")),
        }
    }
}

/// Who a new post is for, as the composer sends it: one of [`Visibility::ALL`] by key, or
/// `community:<slug>` for the members of a community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    Everyone(Visibility),
    Community(String),
}

impl Audience {
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim().strip_prefix("community:") {
            Some(slug) if !slug.trim().is_empty() && slug.len() <= 60 => {
                Ok(Audience::Community(slug.trim().to_lowercase()))
            }
            Some(_) => Err(AppError::invalid("visibility", "Choose who can see this post.")),
            None => Visibility::parse(raw).map(Audience::Everyone),
        }
    }

    /// The value a form sends for a community's members.
    pub fn community_key(slug: &str) -> String {
        format!("community:{slug}")
    }
}

/// The community a post was written to.
pub use crate::communities::model::CommunityTag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "engagement_kind", rename_all = "lowercase"))]
pub enum EngagementKind {
    Like,
    Upvote,
    Downvote,
    Energy,
}

impl EngagementKind {
    pub const ALL: [EngagementKind; 4] =
        [EngagementKind::Like, EngagementKind::Upvote, EngagementKind::Downvote, EngagementKind::Energy];

    pub fn key(self) -> &'static str {
        match self {
            EngagementKind::Like => "like",
            EngagementKind::Upvote => "upvote",
            EngagementKind::Downvote => "downvote",
            EngagementKind::Energy => "energy",
        }
    }

    pub fn parse(raw: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|k| k.key() == raw.trim())
            .ok_or_else(|| AppError::invalid("kind", "Unknown kind of engagement."))
    }

    /// What the guide's timeline says about it.
    pub fn action(self) -> &'static str {
        match self {
            EngagementKind::Like => "Liked a post",
            EngagementKind::Upvote => "Upvoted a post",
            EngagementKind::Downvote => "Downvoted a post",
            EngagementKind::Energy => "Sent energy",
        }
    }
}

/// A post body: 1–5,000 characters of markdown.
pub fn parse_post_body(raw: &str) -> Result<String, AppError> {
    let body = raw.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(AppError::invalid("body", "Write something to share."));
    }
    if body.chars().count() > POST_MAX_CHARS {
        return Err(AppError::invalid("body", format!("Posts can be at most {POST_MAX_CHARS} characters.")));
    }
    Ok(body)
}

pub fn parse_comment_body(raw: &str) -> Result<String, AppError> {
    let body = raw.trim().replace("\r\n", "\n");
    if body.is_empty() {
        return Err(AppError::invalid("body", "Write a comment first."));
    }
    if body.chars().count() > COMMENT_MAX_CHARS {
        return Err(AppError::invalid("body", format!("Comments can be at most {COMMENT_MAX_CHARS} characters.")));
    }
    Ok(body)
}

/// The author's choice of chakra: automatic (the classifier's) or one of the seven.
pub fn parse_chakra_choice(raw: &str) -> Result<Option<Chakra>, AppError> {
    match raw.trim() {
        "" | "auto" => Ok(None),
        other => Chakra::parse(other)
            .map(Some)
            .ok_or_else(|| AppError::invalid("chakra", "Choose one of the seven chakras, or automatic.")),
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuthorRef {
    pub member_id: Uuid,
    pub username: String,
    pub display_name: String,
    /// The avatar thumbnail's URL, if they uploaded one.
    pub avatar: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub like: i32,
    pub upvote: i32,
    pub downvote: i32,
    pub energy: i32,
    pub comments: i32,
}

impl Counts {
    pub fn of(&self, kind: EngagementKind) -> i32 {
        match kind {
            EngagementKind::Like => self.like,
            EngagementKind::Upvote => self.upvote,
            EngagementKind::Downvote => self.downvote,
            EngagementKind::Energy => self.energy,
        }
    }
}

/// A post's image: a display size and a thumbnail, with the author's description.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostImage {
    pub display_url: String,
    pub thumb_url: String,
    pub alt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostView {
    pub post_id: Uuid,
    pub author: AuthorRef,
    /// Raw markdown: only filled for the author (for the edit form).
    pub body: Option<String>,
    pub body_html: String,
    pub visibility: Visibility,
    pub community: Option<CommunityTag>,
    pub chakra: Chakra,
    pub chakra_auto: Chakra,
    pub frequency: i16,
    /// The words that weighed most toward the automatic chakra, strongest first.
    pub reasons: Vec<(String, f32)>,
    pub hashtags: Vec<String>,
    pub image: Option<PostImage>,
    /// Hidden by a moderator: only the author (and moderators) still see it, marked as such.
    pub hidden: bool,
    pub counts: Counts,
    /// Which engagements the viewer has given.
    pub mine: Vec<EngagementKind>,
    pub bookmarked: bool,
    pub is_author: bool,
    pub edited_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedPage {
    pub posts: Vec<PostView>,
    pub next: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentView {
    pub comment_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub author: AuthorRef,
    pub body_html: String,
    pub depth: i16,
    pub is_author: bool,
    /// Hidden by a moderator: shown only to its author and moderators.
    pub hidden: bool,
    pub edited_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostEdit {
    pub body: String,
    pub edited_at: DateTime<Utc>,
}

/// A post with its thread, for the post page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostThread {
    pub post: PostView,
    pub comments: Vec<CommentView>,
    pub edits: Vec<PostEdit>,
    pub viewer_can_moderate: bool,
    /// The viewer may remove this post from its community (manage-messages there).
    pub community_can_remove: bool,
}

/// The result of an engagement, for updating the post in place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Engaged {
    pub counts: Counts,
    pub mine: Vec<EngagementKind>,
    pub energy_balance: i32,
}

/// Search results: posts the viewer may see, members and hashtags.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub posts: Vec<PostView>,
    /// (username, display name)
    pub members: Vec<(String, String)>,
    /// (hashtag, public posts using it)
    pub hashtags: Vec<(String, i64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnergyStatus {
    pub balance: i32,
    pub aura: i32,
    pub resets_on: chrono::NaiveDate,
}

/// What the composer shows beside the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComposerInfo {
    pub energy: EnergyStatus,
    /// Communities the member may post in ("Members of …" choices); empty inside a community.
    pub communities: Vec<CommunityTag>,
}

/// Comments in thread order (each reply right after its parent), indented by how deep they sit
/// in what the viewer sees, capped for display. A reply whose parent the viewer cannot see (hidden
/// by a moderator, or by a block) starts a thread of its own rather than vanishing.
pub fn thread_order(mut comments: Vec<CommentView>) -> Vec<CommentView> {
    comments.sort_by(|a, b| a.created_at.cmp(&b.created_at).then(a.comment_id.cmp(&b.comment_id)));
    let present: std::collections::HashSet<Uuid> = comments.iter().map(|c| c.comment_id).collect();
    let root = |c: &CommentView| c.parent_id.is_none_or(|p| !present.contains(&p));
    let mut out = Vec::with_capacity(comments.len());
    fn place(parent: Uuid, level: i16, all: &[CommentView], out: &mut Vec<CommentView>) {
        for c in all.iter().filter(|c| c.parent_id == Some(parent)) {
            let mut shown = c.clone();
            shown.depth = level.min(MAX_DISPLAY_DEPTH);
            out.push(shown);
            place(c.comment_id, level + 1, all, out);
        }
    }
    for c in comments.iter().filter(|c| root(c)) {
        let mut shown = c.clone();
        shown.depth = 0;
        out.push(shown);
        place(c.comment_id, 1, &comments, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_trimmed_and_bounded() {
        assert!(parse_post_body("  ").is_err());
        assert_eq!(parse_post_body(" hi\r\nthere ").unwrap(), "hi\nthere");
        assert!(parse_post_body(&"é".repeat(POST_MAX_CHARS)).is_ok());
        assert!(parse_post_body(&"é".repeat(POST_MAX_CHARS + 1)).unwrap_err().for_field("body").is_some());
        assert!(parse_comment_body(&"x".repeat(COMMENT_MAX_CHARS + 1)).is_err());
    }

    #[test]
    fn choices_parse() {
        assert_eq!(parse_chakra_choice("auto").unwrap(), None);
        assert_eq!(parse_chakra_choice("third_eye").unwrap(), Some(Chakra::ThirdEye));
        assert!(parse_chakra_choice("spleen").is_err());
        assert_eq!(Visibility::parse("followers").unwrap(), Visibility::Followers);
        assert_eq!(Visibility::parse("connections").unwrap(), Visibility::Connections);
        assert!(Visibility::parse("friends").is_err());
        assert_eq!(EngagementKind::parse("energy").unwrap(), EngagementKind::Energy);
    }

    #[test]
    fn replies_follow_their_parents_and_flatten_past_the_cap() {
        let at = |s: i64| DateTime::from_timestamp(1_700_000_000 + s, 0).unwrap();
        let author = AuthorRef { member_id: Uuid::nil(), username: "a".into(), display_name: "A".into(), avatar: None };
        let mk = |id: u128, parent: Option<u128>, depth: i16, t: i64| CommentView {
            comment_id: Uuid::from_u128(id),
            parent_id: parent.map(Uuid::from_u128),
            author: author.clone(),
            body_html: String::new(),
            depth,
            is_author: false,
            hidden: false,
            edited_at: None,
            created_at: at(t),
        };
        // 1 ← 3 ← 4 ← 5 ← 6 ← 7 (a chain six deep), and 2 on its own.
        let mut all = vec![mk(2, None, 0, 2), mk(1, None, 0, 1), mk(3, Some(1), 1, 3)];
        for id in 4..=7u128 {
            all.push(mk(id, Some(id - 1), (id - 2) as i16, id as i64));
        }
        let ordered = thread_order(all);
        let ids: Vec<u128> = ordered.iter().map(|c| c.comment_id.as_u128()).collect();
        assert_eq!(ids, vec![1, 3, 4, 5, 6, 7, 2]);
        let depths: Vec<i16> = ordered.iter().map(|c| c.depth).collect();
        assert_eq!(depths, vec![0, 1, 2, 3, MAX_DISPLAY_DEPTH, MAX_DISPLAY_DEPTH, 0]);
    }

    #[test]
    fn replies_to_an_unseen_comment_start_their_own_thread() {
        let at = |s: i64| DateTime::from_timestamp(1_700_000_000 + s, 0).unwrap();
        let author = AuthorRef { member_id: Uuid::nil(), username: "a".into(), display_name: "A".into(), avatar: None };
        let mk = |id: u128, parent: Option<u128>, t: i64| CommentView {
            comment_id: Uuid::from_u128(id),
            parent_id: parent.map(Uuid::from_u128),
            author: author.clone(),
            body_html: String::new(),
            depth: 0,
            is_author: false,
            hidden: false,
            edited_at: None,
            created_at: at(t),
        };
        // 1 is hidden from this viewer; its reply 2 and 2's reply 3 still show.
        let ordered = thread_order(vec![mk(2, Some(1), 2), mk(3, Some(2), 3)]);
        let shown: Vec<(u128, i16)> = ordered.iter().map(|c| (c.comment_id.as_u128(), c.depth)).collect();
        assert_eq!(shown, vec![(2, 0), (3, 1)]);
    }
}
