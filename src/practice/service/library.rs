//! The technique library and a technique's page.

use std::collections::BTreeMap;
use std::time::Duration;

use chrono::Utc;
use uuid::Uuid;

use super::{streak_of, unlock_progress, zone, NOTES_PER_HOUR};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::practice::model::{
    Category, Library, LibraryFilter, MyTechnique, PathChoice, PracticePath, StreakSummary, TechniqueDetail,
    SEARCH_MAX, TECHNIQUE_NOTES_MAX,
};
use crate::practice::repo::{self, LibraryQuery};
use crate::practice::rules::{missing, Unlock, UnlockProgress};
use crate::server::{rate_limit, state::AppState};

pub async fn library(state: &AppState, viewer: Option<&CurrentMember>, f: &LibraryFilter) -> Result<Library, AppError> {
    let q = f.q.trim();
    if q.chars().count() > SEARCH_MAX {
        return Err(AppError::invalid("q", format!("Search for at most {SEARCH_MAX} characters.")));
    }
    let difficulty = match f.difficulty.trim() {
        "" => None,
        raw => match raw.parse::<i16>() {
            Ok(d) if (1..=5).contains(&d) => Some(d),
            _ => return Err(AppError::invalid("difficulty", "Difficulty is 1 to 5.")),
        },
    };
    let status = f.status.trim();
    if !matches!(status, "" | "unlocked" | "locked" | "favourites") {
        return Err(AppError::invalid("status", "Choose all, unlocked, locked or favourites."));
    }
    let categories = repo::categories(&state.pool).await?;
    let category = f.category.trim();
    if !category.is_empty() && !categories.iter().any(|c| c.slug == category) {
        return Err(AppError::invalid("category", "There is no such category."));
    }
    let member = viewer.map(|v| v.member_id).unwrap_or_default();
    let like = super::like_pattern(q);
    let techniques = repo::library(
        &state.pool,
        LibraryQuery {
            member,
            q,
            like: &like,
            category,
            difficulty,
            status: if viewer.is_some() { status } else { "" },
        },
    )
    .await?;
    let (streak, new_here) = match viewer {
        Some(me) => {
            let m = repo::practice_member(&state.pool, me.member_id).await?;
            let today =
                Utc::now().with_timezone(&zone(&repo::member_zone(&state.pool, me.member_id).await?)).date_naive();
            let s = streak_of(&m).now(today);
            let summary = StreakSummary {
                current: s.current,
                longest: s.longest,
                freezes: s.freezes,
                checked_in_today: m.last_check_in_day == Some(today),
            };
            (Some(summary), m.sessions == 0)
        }
        None => (None, false),
    };
    let can_edit = viewer.is_some_and(|v| v.site_role.can_moderate());
    let path_choices: Vec<PathChoice> = repo::path_choices(&state.pool)
        .await?
        .into_iter()
        .map(|r| PathChoice {
            category: Category { slug: r.slug, name: r.name, colour: r.colour },
            gateways: r.gateways,
        })
        .collect();
    let path = match viewer {
        Some(me) => my_path(state, me.member_id, &path_choices).await?,
        None => None,
    };
    Ok(Library { signed_in: viewer.is_some(), categories, techniques, streak, new_here, path, path_choices, can_edit })
}

/// How many techniques a path suggests.
const PATH_STEPS: usize = 4;

/// The member's path: its gateways, then the easiest next techniques in it, shown until each
/// of them has been practised once.
async fn my_path(state: &AppState, member: Uuid, choices: &[PathChoice]) -> Result<Option<PracticePath>, AppError> {
    let Some(slug) = repo::member_path(&state.pool, member).await? else {
        return Ok(None);
    };
    let Some(choice) = choices.iter().find(|c| c.category.slug == slug) else {
        return Ok(None);
    };
    let mut cards = repo::library(
        &state.pool,
        LibraryQuery { member, q: "", like: "", category: &slug, difficulty: None, status: "" },
    )
    .await?;
    cards.sort_by_key(|t| (!t.gateway, !t.unlocked, t.difficulty, t.minutes));
    cards.truncate(PATH_STEPS);
    if cards.iter().all(|t| t.sessions > 0) {
        return Ok(None);
    }
    Ok(Some(PracticePath { category: choice.category.clone(), techniques: cards }))
}

/// Chooses (or with an empty value, leaves) the path a newcomer starts on.
pub async fn choose_path(state: &AppState, me: &CurrentMember, path: &str) -> Result<(), AppError> {
    let path = path.trim();
    if path.chars().count() > 40 {
        return Err(AppError::invalid("path", "Choose one of the paths."));
    }
    rate_limit::hit(&state.pool, &format!("practice:path:{}", me.member_id), NOTES_PER_HOUR, Duration::from_secs(3600))
        .await?;
    if !path.is_empty() && !repo::path_choices(&state.pool).await?.iter().any(|c| c.slug == path) {
        return Err(AppError::invalid("path", "Choose one of the paths."));
    }
    if !repo::set_path(&state.pool, me.member_id, path).await? {
        return Err(AppError::invalid("path", "Choose one of the paths."));
    }
    Ok(())
}

pub async fn detail(state: &AppState, viewer: Option<&CurrentMember>, slug: &str) -> Result<TechniqueDetail, AppError> {
    let t = repo::technique(&state.pool, slug.trim()).await?.ok_or(AppError::NotFound)?;
    let moderator = viewer.is_some_and(|v| v.site_role.can_moderate());
    if !t.active && !moderator {
        return Err(AppError::NotFound);
    }
    let leads_to = repo::leads_to(&state.pool, t.technique_id).await?;
    let guide_html = crate::text::markdown::render(&t.guide, &|_| false);
    let mine = match viewer {
        Some(me) => {
            let mut conn = state.pool.acquire().await?;
            let mt = repo::member_technique(&mut *conn, me.member_id, t.technique_id).await?;
            let m = repo::practice_member(&mut *conn, me.member_id).await?;
            let time_zone = repo::member_zone(&mut *conn, me.member_id).await?;
            let today = Utc::now().with_timezone(&zone(&time_zone)).date_naive();
            let unlocked = t.open() || mt.as_ref().is_some_and(|mt| mt.unlocked_at.is_some());
            let missing = if unlocked {
                Vec::new()
            } else {
                let base = unlock_progress(&mut conn, me.member_id, &m, today).await?;
                let pre_sessions = match &t.prerequisite {
                    Some((pre_id, _, _)) => repo::technique_sessions(&mut *conn, me.member_id, *pre_id).await?,
                    None => 0,
                };
                let names: BTreeMap<String, String> =
                    repo::categories(&mut *conn).await?.into_iter().map(|c| (c.slug, c.name)).collect();
                let rule = Unlock::parse(&t.unlock).unwrap_or_default();
                let p = UnlockProgress { prerequisite_sessions: pre_sessions, ..base };
                let left = missing(&rule, t.prerequisite.as_ref().map(|(_, _, n)| n.as_str()), &names, &p);
                if left.is_empty() {
                    // Met but not yet recorded (criteria changed since the last session): the next
                    // session or check-in records it; say what to do now.
                    vec!["save one session or check-in to open it".to_string()]
                } else {
                    left
                }
            };
            let verification = if t.requires_verification {
                repo::my_verification(&mut *conn, me.member_id, t.technique_id).await?.map(
                    |(status, authentic, not_authentic, created_at)| crate::practice::model::MyVerification {
                        status,
                        authentic,
                        not_authentic,
                        created_at,
                    },
                )
            } else {
                None
            };
            let mt = mt.unwrap_or(repo::MemberTechnique {
                unlocked_at: None,
                first_practised_at: None,
                last_practised_at: None,
                sessions: 0,
                seconds: 0,
                mastery: 0,
                favourite: false,
                notes: String::new(),
                verified_at: None,
            });
            Some(MyTechnique {
                unlocked,
                missing,
                sessions: mt.sessions,
                minutes: mt.seconds / 60,
                mastery: mt.mastery,
                favourite: mt.favourite,
                notes: mt.notes,
                first_practised_at: mt.first_practised_at,
                last_practised_at: mt.last_practised_at,
                verified: mt.verified_at.is_some(),
                checked_in_today: m.last_check_in_day == Some(today),
                time_zone,
                verification,
            })
        }
        None => None,
    };
    Ok(TechniqueDetail {
        technique_id: t.technique_id,
        prerequisite: t.prerequisite.clone().map(|(_, slug, name)| (slug, name)),
        slug: t.slug,
        name: t.name,
        summary: t.summary,
        guide_html,
        media_url: t.media_url,
        category: t.category,
        minutes: t.minutes,
        difficulty: t.difficulty,
        gateway: t.gateway,
        requires_verification: t.requires_verification,
        leads_to,
        questions: if viewer.is_some() { t.questions.clone() } else { Vec::new() },
        active: t.active,
        mine,
        can_edit: moderator,
    })
}

pub async fn set_favourite(state: &AppState, me: &CurrentMember, slug: &str, favourite: bool) -> Result<(), AppError> {
    rate_limit::hit(
        &state.pool,
        &format!("practice:notes:{}", me.member_id),
        NOTES_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let id = repo::technique_id_by_slug(&state.pool, slug.trim()).await?.ok_or(AppError::NotFound)?;
    repo::set_favourite(&state.pool, me.member_id, id, favourite).await?;
    Ok(())
}

pub async fn set_notes(state: &AppState, me: &CurrentMember, slug: &str, notes: &str) -> Result<(), AppError> {
    let notes = notes.trim();
    if notes.chars().count() > TECHNIQUE_NOTES_MAX {
        return Err(AppError::invalid("notes", format!("Notes are at most {TECHNIQUE_NOTES_MAX} characters.")));
    }
    rate_limit::hit(
        &state.pool,
        &format!("practice:notes:{}", me.member_id),
        NOTES_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let id = repo::technique_id_by_slug(&state.pool, slug.trim()).await?.ok_or(AppError::NotFound)?;
    repo::set_notes(&state.pool, me.member_id, id, notes).await?;
    Ok(())
}
