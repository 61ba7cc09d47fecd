//! Feed server functions: thin wrappers that authenticate, then call the service.

use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};
use uuid::Uuid;

use super::model::{ComposerInfo, Engaged, FeedPage, PostThread, SearchResults};
use crate::error::AppError;

/// Which feed a page shows: "home", "everyone", "tag:<tag>", "chakra:<key>", "member:<username>"
/// or "community:<slug>".
#[server(endpoint = "feed/page", input = GetUrl)]
pub async fn get_feed(feed: String, after: Option<String>) -> Result<FeedPage, AppError> {
    use super::model::Chakra;
    use super::repo::FeedKind;
    use crate::paging::decode_cursor;
    use crate::server::request::{current_member, respond, session, state};
    respond(
        async {
            let state = state()?;
            let viewer = current_member(&state, &session()?).await?;
            let viewer_id = viewer.as_ref().map(|m| m.member_id);
            if feed == "explore" {
                return super::service::explore(&state, viewer_id, after.as_deref()).await;
            }
            let after = match after.as_deref().filter(|c| !c.is_empty()) {
                Some(c) => {
                    Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?)
                }
                None => None,
            };
            let (tag, sources);
            let kind = match feed.split_once(':') {
                None if feed == "home" => match viewer_id {
                    Some(me) => {
                        sources = super::repo::home_sources(&state.pool, me).await?;
                        FeedKind::Home(&sources.0, &sources.1)
                    }
                    None => FeedKind::Everyone,
                },
                None if feed == "everyone" => FeedKind::Everyone,
                Some(("tag", t)) => {
                    tag = t.trim().trim_start_matches('#').to_lowercase();
                    if tag.is_empty() || tag.chars().count() > 50 {
                        return Err(AppError::NotFound);
                    }
                    FeedKind::Tag(&tag)
                }
                Some(("chakra", c)) => FeedKind::Chakra(Chakra::parse(c).ok_or(AppError::NotFound)?),
                None if feed == "bookmarks" => FeedKind::Bookmarks(viewer_id.ok_or(AppError::Unauthorized)?),
                Some(("member", u)) => {
                    let named = super::repo::members_named(&state.pool, &[u.trim().to_lowercase()]).await?;
                    FeedKind::Author(named.first().map(|(id, _)| *id).ok_or(AppError::NotFound)?)
                }
                Some(("community", slug)) => {
                    let community =
                        crate::communities::repo::by_slug(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
                    FeedKind::Community(community.community_id)
                }
                _ => return Err(AppError::NotFound),
            };
            super::service::feed(&state, viewer_id, kind, after).await
        }
        .await,
    )
}

#[server(endpoint = "feed/post", input = GetUrl)]
pub async fn get_post(id: String) -> Result<PostThread, AppError> {
    use crate::server::request::{current_member, respond, session, state};
    respond(
        async {
            let state = state()?;
            let viewer = current_member(&state, &session()?).await?;
            super::service::thread(&state, viewer.as_ref(), super::service::parse_id(&id)?).await
        }
        .await,
    )
}

/// What the composer shows beside the form: the energy balance and, unless it writes to one
/// community, the communities the member may post in (by name). One request for both.
#[server(endpoint = "feed/composer", input = GetUrl)]
pub async fn get_composer(in_community: bool) -> Result<ComposerInfo, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let energy = super::service::energy_status(&state, &me).await?;
            let communities = if in_community {
                vec![]
            } else {
                crate::communities::repo::communities_with(
                    &state.pool,
                    me.member_id,
                    crate::communities::perms::SEND_MESSAGES,
                )
                .await?
                .into_iter()
                .map(|c| super::model::CommunityTag { slug: c.slug, name: c.name })
                .collect()
            };
            Ok(ComposerInfo { energy, communities })
        }
        .await,
    )
}

#[server(endpoint = "feed/post/create")]
pub async fn create_post(body: String, visibility: String, chakra: String) -> Result<Uuid, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::create_post(&state, &me, &body, &visibility, &chakra, None).await
        }
        .await,
    )
}

/// The composer's form: the same as [`create_post`], plus an optional image (`image`, with its
/// description `image_alt`). Multipart, so it works as a plain form without JavaScript too; on
/// success it redirects to the new post.
#[server(endpoint = "feed/post/create-form", input = MultipartFormData)]
pub async fn create_post_form(data: MultipartData) -> Result<Uuid, AppError> {
    use crate::media::upload::UploadForm;
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let form = UploadForm::read(data, "image").await?;
            let image = form
                .file
                .clone()
                .map(|bytes| super::service::ImageInput { bytes, alt: form.text("image_alt").to_string() });
            let id = super::service::create_post(
                &state,
                &me,
                form.text("body"),
                form.text("visibility"),
                form.text("chakra"),
                image,
            )
            .await?;
            leptos_axum::redirect(&format!("/posts/{id}"));
            Ok(id)
        }
        .await,
    )
}

#[server(endpoint = "feed/post/edit")]
pub async fn edit_post(id: String, body: String, visibility: String, chakra: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let post_id = super::service::parse_id(&id)?;
            super::service::edit_post(&state, &me, post_id, &body, &visibility, &chakra).await?;
            leptos_axum::redirect(&format!("/posts/{post_id}"));
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "feed/post/delete")]
pub async fn delete_post(id: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::delete_post(&state, &me, super::service::parse_id(&id)?).await?;
            leptos_axum::redirect("/feed");
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "feed/engage")]
pub async fn engage(id: String, kind: String) -> Result<Engaged, AppError> {
    use super::model::EngagementKind;
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let kind = EngagementKind::parse(&kind)?;
            super::service::engage(&state, &me, super::service::parse_id(&id)?, kind).await
        }
        .await,
    )
}

#[server(endpoint = "feed/comment")]
pub async fn add_comment(id: String, parent_id: Option<String>, body: String) -> Result<Uuid, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let parent = match parent_id.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
                Some(p) => {
                    Some(p.parse().map_err(|_| AppError::invalid("parent_id", "That comment is not on this post."))?)
                }
                None => None,
            };
            super::service::comment(&state, &me, super::service::parse_id(&id)?, parent, &body).await
        }
        .await,
    )
}

#[server(endpoint = "feed/comment/edit")]
pub async fn edit_comment(id: String, body: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::edit_comment(&state, &me, super::service::parse_id(&id)?, &body).await
        }
        .await,
    )
}

#[server(endpoint = "feed/comment/delete")]
pub async fn delete_comment(id: String) -> Result<(), AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            super::service::delete_comment(&state, &me, super::service::parse_id(&id)?).await?;
            Ok(())
        }
        .await,
    )
}

#[server(endpoint = "feed/follow")]
pub async fn set_follow(username: String, follow: bool) -> Result<bool, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let id = super::service::other_member(&state, &me, &username, "follow").await?;
            if follow && super::repo::blocked_between(&state.pool, me.member_id, id).await? {
                return Err(AppError::Conflict("You can't follow this member.".into()));
            }
            if follow {
                if super::repo::follow(&state.pool, me.member_id, id).await? {
                    use crate::notifications::{model::NotificationKind, repo::Note};
                    let message = format!("{} started following you", me.display_name);
                    let link = format!("/members/{}", me.username);
                    let note = Note {
                        member_id: id,
                        kind: NotificationKind::Follow,
                        actor_id: Some(me.member_id),
                        post_id: None,
                        message: &message,
                        link: &link,
                    };
                    crate::notifications::repo::notify(&state.pool, note).await?;
                }
            } else {
                super::repo::unfollow(&state.pool, me.member_id, id).await?;
            }
            Ok(follow)
        }
        .await,
    )
}

#[server(endpoint = "feed/bookmark")]
pub async fn toggle_bookmark(id: String) -> Result<bool, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let post_id = super::service::parse_id(&id)?;
            super::repo::post(&state.pool, post_id, Some(me.member_id), false).await?.ok_or(AppError::NotFound)?;
            let mut conn = state.pool.acquire().await?;
            Ok(super::repo::toggle_bookmark(&mut conn, me.member_id, post_id).await?)
        }
        .await,
    )
}

#[server(endpoint = "search", input = GetUrl)]
pub async fn search(q: String) -> Result<SearchResults, AppError> {
    use crate::server::request::{current_member, respond, session, state};
    respond(
        async {
            let state = state()?;
            let viewer = current_member(&state, &session()?).await?.map(|m| m.member_id);
            super::service::search(&state, viewer, &q).await
        }
        .await,
    )
}

/// Blocks or unblocks a member. Blocking ends follows both ways and hides each one's posts and
/// comments from the other.
#[server(endpoint = "people/block")]
pub async fn set_block(username: String, block: bool) -> Result<bool, AppError> {
    use crate::server::request::{require_member, respond};
    respond(
        async {
            let (state, _, me) = require_member().await?;
            let id = super::service::other_member(&state, &me, &username, "block").await?;
            if block {
                let mut tx = state.pool.begin().await?;
                crate::people::repo::lock_pair(&mut tx, me.member_id, id).await?;
                super::repo::block(&mut tx, me.member_id, id).await?;
                crate::people::repo::disconnect(&mut tx, me.member_id, id).await?;
                tx.commit().await?;
            } else {
                super::repo::unblock(&state.pool, me.member_id, id).await?;
            }
            Ok(block)
        }
        .await,
    )
}
