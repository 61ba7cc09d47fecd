//! The library editor: moderators add and edit categories and techniques.

use std::collections::HashMap;
use std::time::Duration;

use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::practice::model::{CategoryForm, TechniqueEditor, TechniqueForm};
use crate::practice::repo::{self, catalogue};
use crate::practice::rules::Unlock;
use crate::server::{rate_limit, state::AppState};

pub const EDITS_PER_HOUR: u32 = 120;

fn moderator(me: &CurrentMember) -> Result<(), AppError> {
    if me.site_role.can_moderate() {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

fn slug_ok(s: &str, max: usize) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && s.len() >= 2
        && s.len() <= max
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn on(raw: &str) -> bool {
    matches!(raw.trim(), "on" | "true" | "1")
}

pub async fn editor(state: &AppState, me: &CurrentMember, slug: &str) -> Result<TechniqueEditor, AppError> {
    moderator(me)?;
    let form = match slug.trim() {
        "" => TechniqueForm {
            minutes: "10".into(),
            difficulty: "1".into(),
            unlock: "{}".into(),
            active: "on".into(),
            ..Default::default()
        },
        slug => {
            let t = repo::technique(&state.pool, slug).await?.ok_or(AppError::NotFound)?;
            TechniqueForm {
                original: t.slug.clone(),
                slug: t.slug,
                category: t.category.slug,
                name: t.name,
                summary: t.summary,
                guide: t.guide,
                media_url: t.media_url.unwrap_or_default(),
                minutes: t.minutes.to_string(),
                difficulty: t.difficulty.to_string(),
                prerequisite: t.prerequisite.map(|(_, s, _)| s).unwrap_or_default(),
                unlock: t.unlock.to_string(),
                gateway: if t.gateway { "on".into() } else { String::new() },
                requires_verification: if t.requires_verification { "on".into() } else { String::new() },
                questions: t.questions.join("\n"),
                active: if t.active { "on".into() } else { String::new() },
            }
        }
    };
    let techniques = catalogue::all_techniques(&state.pool).await?.into_iter().map(|(s, n, _)| (s, n)).collect();
    Ok(TechniqueEditor { form, categories: repo::categories(&state.pool).await?, techniques })
}

/// Adds or updates a technique; returns its slug.
pub async fn save_technique(state: &AppState, me: &CurrentMember, f: &TechniqueForm) -> Result<String, AppError> {
    moderator(me)?;
    let slug = f.slug.trim().to_lowercase();
    if !slug_ok(&slug, 60) {
        return Err(AppError::invalid(
            "slug",
            "Use 2–60 lowercase letters, digits and dashes, starting with a letter.",
        ));
    }
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 80 {
        return Err(AppError::invalid("name", "Give it a name of up to 80 characters."));
    }
    let summary = f.summary.trim();
    if summary.chars().count() > 280 {
        return Err(AppError::invalid("summary", "The summary is at most 280 characters."));
    }
    let guide = f.guide.trim();
    if guide.chars().count() > 20_000 {
        return Err(AppError::invalid("guide", "The guide is at most 20,000 characters."));
    }
    let media_url = match f.media_url.trim() {
        "" => None,
        u if u.starts_with("https://") && u.len() <= 500 && !u.contains(char::is_whitespace) => Some(u),
        _ => return Err(AppError::invalid("media_url", "An https:// address of up to 500 characters.")),
    };
    let minutes = match f.minutes.trim().parse::<i32>() {
        Ok(m) if (1..=240).contains(&m) => m,
        _ => return Err(AppError::invalid("minutes", "Typical minutes: 1 to 240.")),
    };
    let difficulty = match f.difficulty.trim().parse::<i16>() {
        Ok(d) if (1..=5).contains(&d) => d,
        _ => return Err(AppError::invalid("difficulty", "Difficulty is 1 to 5.")),
    };
    let unlock_raw = if f.unlock.trim().is_empty() { "{}" } else { f.unlock.trim() };
    let unlock_json: serde_json::Value = serde_json::from_str(unlock_raw)
        .map_err(|_| AppError::invalid("unlock", "Write the criteria as JSON, e.g. {\"practice_count\": 3}."))?;
    Unlock::parse(&unlock_json).map_err(|e| AppError::invalid("unlock", e))?;
    let gateway = on(&f.gateway);
    let prerequisite = f.prerequisite.trim().to_lowercase();
    let all = catalogue::all_techniques(&state.pool).await?;
    let original = f.original.trim().to_lowercase();
    let exists = |s: &str| all.iter().any(|(slug, _, _)| slug == s);
    if original.is_empty() && exists(&slug) || !original.is_empty() && original != slug && exists(&slug) {
        return Err(AppError::invalid("slug", "Another technique has this slug."));
    }
    if !original.is_empty() && !exists(&original) {
        return Err(AppError::NotFound);
    }
    let prerequisite = if prerequisite.is_empty() {
        None
    } else {
        if !exists(&prerequisite) {
            return Err(AppError::invalid("prerequisite", "Choose a technique from the list."));
        }
        // Following the chain from the prerequisite must never come back to this technique.
        let parents: HashMap<&str, Option<&str>> = all.iter().map(|(s, _, p)| (s.as_str(), p.as_deref())).collect();
        let mut at = Some(prerequisite.as_str());
        let mut steps = 0;
        while let Some(s) = at {
            if s == slug || (!original.is_empty() && s == original) {
                return Err(AppError::invalid("prerequisite", "That would make a circle of prerequisites."));
            }
            steps += 1;
            if steps > all.len() {
                break;
            }
            at = parents.get(s).copied().flatten();
        }
        Some(prerequisite)
    };
    if gateway && (prerequisite.is_some() || unlock_json.as_object().is_some_and(|o| !o.is_empty())) {
        return Err(AppError::invalid("gateway", "A gateway is open to everyone: no prerequisite, no criteria."));
    }
    if prerequisite.is_none() && unlock_json.get("practice_count").is_some() {
        return Err(AppError::invalid("unlock", "practice_count counts sessions of the prerequisite: choose one."));
    }
    let requires_verification = on(&f.requires_verification);
    let questions: Vec<String> =
        f.questions.lines().map(str::trim).filter(|q| !q.is_empty()).map(str::to_string).collect();
    if requires_verification && questions.is_empty() {
        return Err(AppError::invalid("questions", "Verification needs at least one question."));
    }
    if questions.len() > 10 || questions.iter().any(|q| q.chars().count() > 300) {
        return Err(AppError::invalid("questions", "At most 10 questions of up to 300 characters."));
    }
    rate_limit::hit(&state.pool, &format!("practice:edit:{}", me.member_id), EDITS_PER_HOUR, Duration::from_secs(3600))
        .await?;
    let mut tx = state.pool.begin().await?;
    if !original.is_empty() && original != slug {
        catalogue::rename(&mut *tx, &original, &slug).await?;
    }
    catalogue::upsert_technique(
        &mut *tx,
        catalogue::NewTechnique {
            slug: &slug,
            category_slug: f.category.trim(),
            name,
            summary,
            guide,
            media_url,
            minutes,
            difficulty,
            prerequisite_slug: prerequisite.as_deref(),
            unlock: unlock_json,
            gateway,
            requires_verification,
            questions,
            active: on(&f.active),
            created_by: Some(me.member_id),
        },
    )
    .await?
    .ok_or_else(|| AppError::invalid("category", "Choose a category."))?;
    tx.commit().await?;
    Ok(slug)
}

pub async fn save_category(state: &AppState, me: &CurrentMember, f: &CategoryForm) -> Result<(), AppError> {
    moderator(me)?;
    let slug = f.slug.trim().to_lowercase();
    if !slug_ok(&slug, 40) {
        return Err(AppError::invalid(
            "slug",
            "Use 2–40 lowercase letters, digits and dashes, starting with a letter.",
        ));
    }
    let name = f.name.trim();
    if name.is_empty() || name.chars().count() > 40 {
        return Err(AppError::invalid("name", "Give it a name of up to 40 characters."));
    }
    let colour = f.colour.trim().to_lowercase();
    if !(colour.len() == 7 && colour.starts_with('#') && colour[1..].chars().all(|c| c.is_ascii_hexdigit())) {
        return Err(AppError::invalid("colour", "A colour like #3b82c4."));
    }
    let position = match f.position.trim() {
        "" => 0,
        raw => raw.parse::<i32>().map_err(|_| AppError::invalid("position", "A whole number."))?,
    };
    rate_limit::hit(&state.pool, &format!("practice:edit:{}", me.member_id), EDITS_PER_HOUR, Duration::from_secs(3600))
        .await?;
    catalogue::upsert_category(&state.pool, &slug, name, &colour, position).await?;
    Ok(())
}
