//! What the home page shows: for a member, their day in Kindred — today's card, the next events
//! they are going to, unread conversations and mentions, their check-in streak and the newest
//! posts from their people — read in one round of concurrent queries; for a visitor, what
//! Kindred is, with upcoming public events and communities to look at.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::communities::model::CommunityCard;
use crate::error::AppError;
use crate::events::model::EventCard;

/// How many of each a section shows; each links on to the whole list.
pub const SHOWN: usize = 3;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Home {
    Member(Box<Today>),
    Visitor(Welcome),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Today {
    pub display_name: String,
    pub card: Option<TodaysCard>,
    pub going: Vec<EventCard>,
    pub unread: Vec<UnreadPlace>,
    pub mentions: Vec<Mention>,
    pub streak: Streak,
    pub practice: crate::practice::model::StreakSummary,
    pub posts: Vec<PostLine>,
}

/// The daily card, once drawn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TodaysCard {
    pub name: String,
    pub reversed: bool,
    pub title: String,
    pub keywords: Vec<String>,
}

/// A conversation or channel with unread messages.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnreadPlace {
    pub label: String,
    pub link: String,
    pub unread: i64,
}

/// An unread mention of the member, in a post, a comment or a channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    pub message: String,
    pub link: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Streak {
    /// Consecutive days with a check-in, up to today (0 once a day was missed).
    pub current: i32,
    pub longest: i32,
    pub check_ins: i32,
}

/// A post in one line: who, a plain-text excerpt, where it leads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostLine {
    pub post_id: Uuid,
    pub author: String,
    pub username: String,
    pub excerpt: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Welcome {
    pub events: Vec<EventCard>,
    pub communities: Vec<CommunityCard>,
}

#[server(endpoint = "home", input = leptos::server_fn::codec::GetUrl)]
pub async fn get_home() -> Result<Home, AppError> {
    crate::auth::guard::as_viewer(|state, me| async move {
        match me {
            Some(me) => server::today(&state, me).await.map(|t| Home::Member(Box::new(t))),
            None => server::welcome(&state).await.map(Home::Visitor),
        }
    })
    .await
}

#[cfg(feature = "ssr")]
mod server {
    use super::*;
    use crate::auth::model::CurrentMember;
    use crate::notifications::model::NotificationKind;
    use crate::server::state::AppState;

    /// Every section at once: the queries run concurrently on the pool, so the page costs one
    /// round trip's worth of waiting, not six.
    pub async fn today(state: &AppState, me: CurrentMember) -> Result<Today, AppError> {
        let viewer = crate::events::service::viewer(state, Some(me.clone())).await?;
        let (card, events, chat, notes, journey, practice, posts) = tokio::try_join!(
            async { crate::oracle::service::todays_reading(state, me.member_id).await },
            async { crate::events::service::mine(state, &viewer).await },
            async { crate::chat::service::overview(state, me.member_id).await },
            async { Ok(crate::notifications::repo::list(&state.pool, me.member_id, None, 30).await?) },
            async { Ok::<_, AppError>(crate::places::repo::journey(&state.pool, me.member_id).await?) },
            async { Ok::<_, AppError>(crate::practice::repo::practice_member(&state.pool, me.member_id).await?) },
            home_posts(state, me.member_id),
        )?;
        let card = card.and_then(|r| {
            let first = r.cards.into_iter().next()?;
            Some(TodaysCard { name: first.name, reversed: first.reversed, title: r.title, keywords: first.keywords })
        });
        let mut unread: Vec<UnreadPlace> = chat
            .conversations
            .into_iter()
            .filter(|c| c.unread > 0)
            .map(|c| UnreadPlace { label: c.title, link: format!("/chat/{}", c.channel_id), unread: c.unread })
            .chain(chat.unread_channels.into_iter().map(|c| UnreadPlace {
                label: c.label,
                link: c.link,
                unread: c.unread,
            }))
            .collect();
        unread.sort_by(|a, b| b.unread.cmp(&a.unread));
        let mentions = notes
            .into_iter()
            .filter(|n| !n.read && matches!(n.kind, NotificationKind::Mention | NotificationKind::Chat))
            .take(SHOWN)
            .map(|n| Mention { message: n.message, link: n.link })
            .collect();
        let zone = viewer.zone.unwrap_or(chrono_tz::Tz::UTC);
        let today = chrono::Utc::now().with_timezone(&zone).date_naive();
        let practice = {
            let s = crate::practice::service::streak_now(&practice, today);
            crate::practice::model::StreakSummary {
                current: s.current,
                longest: s.longest,
                freezes: s.freezes,
                checked_in_today: practice.last_check_in_day == Some(today),
            }
        };
        let streak = match journey {
            Some(j) => Streak {
                current: crate::places::journey::streak_now(j.last_day, j.current_streak, today),
                longest: j.longest_streak,
                check_ins: j.total_check_ins,
            },
            None => Streak { current: 0, longest: 0, check_ins: 0 },
        };
        Ok(Today {
            display_name: me.display_name,
            card,
            going: events.attending.into_iter().take(SHOWN).collect(),
            unread,
            mentions,
            streak,
            practice,
            posts,
        })
    }

    /// The newest posts of the member's home feed (their people and communities), as lines.
    async fn home_posts(state: &AppState, me: Uuid) -> Result<Vec<PostLine>, AppError> {
        use crate::feed::repo::{feed, home_sources, FeedKind};
        let (authors, communities) = home_sources(&state.pool, me).await?;
        let rows = feed(&state.pool, FeedKind::Home(&authors, &communities), Some(me), None, SHOWN as i64 + 2).await?;
        Ok(rows
            .into_iter()
            .filter(|r| r.author_id != me)
            .take(SHOWN)
            .map(|r| PostLine {
                post_id: r.post_id,
                author: r.display_name,
                username: r.username,
                excerpt: crate::text::markdown::plain_text(&r.body, 160),
            })
            .collect())
    }

    pub async fn welcome(state: &AppState) -> Result<Welcome, AppError> {
        let viewer = crate::events::service::viewer(state, None).await?;
        let filters = crate::events::model::EventFilters::default();
        let (events, communities) = tokio::try_join!(
            crate::events::service::list(state, &viewer, &filters, None),
            crate::communities::service::list(state, Uuid::nil(), ""),
        )?;
        Ok(Welcome {
            events: events.events.into_iter().take(SHOWN).collect(),
            communities: communities.discover.into_iter().take(SHOWN).collect(),
        })
    }
}
