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
    crate::auth::guard::as_viewer(|state, viewer| async move {
        let viewer_id = viewer.as_ref().map(|m| m.member_id);
        if feed == "explore" {
            return super::service::explore(&state, viewer_id, after.as_deref()).await;
        }
        let after = match after.as_deref().filter(|c| !c.is_empty()) {
            Some(c) => Some(decode_cursor(c).ok_or_else(|| AppError::invalid("after", "That page link is broken."))?),
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
    })
    .await
}

#[server(endpoint = "feed/post", input = GetUrl)]
pub async fn get_post(id: String) -> Result<PostThread, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        super::service::thread(&state, viewer.as_ref(), crate::error::parse_id(&id)?).await
    })
    .await
}

/// What the composer shows beside the form: the energy balance and, unless it writes to one
/// community, the communities the member may post in (by name). One request for both.
#[server(endpoint = "feed/composer", input = GetUrl)]
pub async fn get_composer(in_community: bool) -> Result<ComposerInfo, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
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
    })
    .await
}

#[server(endpoint = "feed/post/create")]
pub async fn create_post(body: String, visibility: String, chakra: String) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::create_post(&state, &me, &body, &visibility, &chakra, None).await
    })
    .await
}

/// The composer's form: the same as [`create_post`], plus an optional image (`image`, with its
/// description `image_alt`). Multipart, so it works as a plain form without JavaScript too; on
/// success it redirects to the new post.
#[server(endpoint = "feed/post/create-form", input = MultipartFormData)]
pub async fn create_post_form(data: MultipartData) -> Result<Uuid, AppError> {
    use crate::media::upload::UploadForm;
    crate::auth::guard::as_member(|state, me| async move {
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
    })
    .await
}

#[server(endpoint = "feed/post/edit")]
pub async fn edit_post(id: String, body: String, visibility: String, chakra: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let post_id = crate::error::parse_id(&id)?;
        super::service::edit_post(&state, &me, post_id, &body, &visibility, &chakra).await?;
        leptos_axum::redirect(&format!("/posts/{post_id}"));
        Ok(())
    })
    .await
}

#[server(endpoint = "feed/post/delete")]
pub async fn delete_post(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::delete_post(&state, &me, crate::error::parse_id(&id)?).await?;
        leptos_axum::redirect("/feed");
        Ok(())
    })
    .await
}

#[server(endpoint = "feed/engage")]
pub async fn engage(id: String, kind: String) -> Result<Engaged, AppError> {
    use super::model::EngagementKind;
    crate::auth::guard::as_member(|state, me| async move {
        let kind = EngagementKind::parse(&kind)?;
        super::service::engage(&state, &me, crate::error::parse_id(&id)?, kind).await
    })
    .await
}

#[server(endpoint = "feed/comment")]
pub async fn add_comment(id: String, parent_id: Option<String>, body: String) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let parent = match parent_id.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            Some(p) => {
                Some(p.parse().map_err(|_| AppError::invalid("parent_id", "That comment is not on this post."))?)
            }
            None => None,
        };
        super::service::comment(&state, &me, crate::error::parse_id(&id)?, parent, &body).await
    })
    .await
}

#[server(endpoint = "feed/comment/edit")]
pub async fn edit_comment(id: String, body: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::edit_comment(&state, &me, crate::error::parse_id(&id)?, &body).await
    })
    .await
}

#[server(endpoint = "feed/comment/delete")]
pub async fn delete_comment(id: String) -> Result<(), AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        super::service::delete_comment(&state, &me, crate::error::parse_id(&id)?).await?;
        Ok(())
    })
    .await
}

#[server(endpoint = "feed/follow")]
pub async fn set_follow(username: String, follow: bool) -> Result<bool, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let id = crate::people::service::other_member(&state, &me, &username, "follow").await?;
        if follow && crate::people::repo::blocked_between(&state.pool, me.member_id, id).await? {
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
    })
    .await
}

#[server(endpoint = "feed/bookmark")]
pub async fn toggle_bookmark(id: String) -> Result<bool, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let post_id = crate::error::parse_id(&id)?;
        super::repo::post(&state.pool, post_id, Some(me.member_id), false).await?.ok_or(AppError::NotFound)?;
        let mut conn = state.pool.acquire().await?;
        Ok(super::repo::toggle_bookmark(&mut conn, me.member_id, post_id).await?)
    })
    .await
}

#[server(endpoint = "search", input = GetUrl)]
pub async fn search(q: String) -> Result<SearchResults, AppError> {
    crate::auth::guard::as_viewer(|state, viewer| async move {
        let ip = crate::server::request::client_ip(&state);
        super::service::search(&state, viewer.map(|m| m.member_id), &ip, &q).await
    })
    .await
}

/// Shares one of the member's oracle readings to the feed as a public post, then opens the post.
/// The endpoint keeps its oracle path: the reading page posts its form here by URL, so the oracle
/// never imports the feed (the feed reads the reading through the oracle's service).
#[server(endpoint = "oracle/reading/share")]
pub async fn share_reading(id: String) -> Result<Uuid, AppError> {
    crate::auth::guard::as_member(|state, me| async move {
        let reading = crate::oracle::service::reading(&state, me.member_id, crate::error::parse_id(&id)?).await?;
        let text = crate::oracle::model::share_text(&reading);
        let post_id = super::service::create_post(&state, &me, &text, "public", "auto", None).await?;
        leptos_axum::redirect(&format!("/posts/{post_id}"));
        Ok(post_id)
    })
    .await
}

#[cfg(test)]
mod tests {
    use leptos::server_fn::ServerFn;

    #[test]
    fn the_reading_page_posts_to_share_reading() {
        assert_eq!(super::ShareReading::PATH, crate::oracle::pages::SHARE_READING_URL);
    }
}
