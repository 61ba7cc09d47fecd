//! The practice library and achievements written for Kindred (src/practice/library.rs), seeded
//! once into an empty library at start-up; and a week of demo practice for the demo members.

use chrono::{Duration, TimeZone, Utc};
use chrono_tz::Tz;

use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::practice::library::{techniques, ACHIEVEMENTS, CATEGORIES};
use crate::practice::model::{ChallengeForm, PrivacyForm, SessionForm};
use crate::practice::repo::{achievements, catalogue};
use crate::server::state::AppState;

/// Seeds the library and the achievement definitions when there are none (moderators' later
/// edits are never overwritten). Returns whether it seeded.
pub async fn seed_library_if_empty(state: &AppState) -> Result<bool, AppError> {
    if !crate::practice::repo::categories(&state.pool).await?.is_empty() {
        return Ok(false);
    }
    let mut tx = state.pool.begin().await?;
    for c in CATEGORIES {
        catalogue::upsert_category(&mut *tx, c.slug, c.name, c.colour, c.position).await?;
    }
    for t in techniques() {
        let unlock = serde_json::from_str(t.unlock).map_err(|_| AppError::Internal)?;
        catalogue::upsert_technique(
            &mut *tx,
            catalogue::NewTechnique {
                slug: t.slug,
                category_slug: t.category,
                name: t.name,
                summary: t.summary,
                guide: t.guide,
                media_url: t.media_url,
                minutes: t.minutes,
                difficulty: t.difficulty,
                prerequisite_slug: t.prerequisite,
                unlock,
                gateway: t.gateway,
                requires_verification: t.requires_verification,
                questions: t.questions.iter().map(|q| q.to_string()).collect(),
                active: true,
                created_by: None,
            },
        )
        .await?
        .ok_or(AppError::Internal)?;
    }
    for a in ACHIEVEMENTS {
        achievements::upsert(
            &mut *tx,
            achievements::NewDefinition {
                slug: a.slug,
                name: a.name,
                description: a.description,
                category_slug: a.category,
                points: a.points,
                hidden: a.hidden,
                criteria: serde_json::from_str(a.criteria).map_err(|_| AppError::Internal)?,
            },
        )
        .await?;
    }
    tx.commit().await?;
    tracing::info!(techniques = techniques().count(), achievements = ACHIEVEMENTS.len(), "practice library seeded");
    Ok(true)
}

/// Maya practised grounding breath every evening for the last six days (so her streak is alive
/// and box breathing has opened); Tomás walked his axis twice.
pub async fn seed_practice(state: &AppState, tomas: &CurrentMember, maya: &CurrentMember) -> Result<(), AppError> {
    let zone_of = |name: String| name.parse::<Tz>().unwrap_or(Tz::UTC);
    // Maya shares her practice and is on the leaderboards.
    let privacy = PrivacyForm { profile: "public".into(), sessions: "everyone".into(), leaderboards: "on".into() };
    crate::practice::service::save_privacy(state, maya, &privacy).await?;
    let maya_tz = zone_of(crate::practice::repo::member_zone(&state.pool, maya.member_id).await?);
    let today = Utc::now().with_timezone(&maya_tz).date_naive();
    for back in (1..=6).rev() {
        let day = today - Duration::days(back);
        let Some(evening) = maya_tz.from_local_datetime(&day.and_hms_opt(20, 0, 0).expect("a valid time")).earliest()
        else {
            continue;
        };
        let now = evening.with_timezone(&Utc);
        let start = now - Duration::minutes(12);
        let form = SessionForm {
            technique: "grounding-breath".into(),
            started_at: start.to_rfc3339(),
            seconds: (10 * 60).to_string(),
            feedback: if back % 3 == 0 { "neutral" } else { "good" }.into(),
            notes: if back == 6 { "Restless at first; the feet helped.".into() } else { String::new() },
            check_in: "on".into(),
            mood_before: (4 + (back % 3) as i32).to_string(),
            mood_after: (7 + (back % 2) as i32).to_string(),
            ..Default::default()
        };
        crate::practice::service::save_session(state, maya, &form, None, now).await?;
    }
    for back in [3, 1] {
        let now = Utc::now() - Duration::days(back);
        let form = SessionForm {
            technique: "axis-walk".into(),
            started_at: (now - Duration::minutes(20)).to_rfc3339(),
            seconds: (15 * 60).to_string(),
            feedback: "good".into(),
            kind: "solo".into(),
            ..Default::default()
        };
        crate::practice::service::save_session(state, tomas, &form, None, now).await?;
    }
    // A fortnight of breath, started by Tomás (a moderator) a week ago; Maya's evenings count.
    let now = Utc::now();
    let challenge = ChallengeForm {
        title: "A fortnight of breath".into(),
        description: "Ten days with a breath practice in two weeks. Any technique in Breath counts.".into(),
        starts_on: (now.date_naive() - Duration::days(6)).to_string(),
        ends_on: (now.date_naive() + Duration::days(7)).to_string(),
        goal: "days".into(),
        value: "10".into(),
        category: "breath".into(),
        reward_xp: "50".into(),
        ..Default::default()
    };
    let id = crate::practice::service::challenges::create(state, tomas, &challenge, now).await?;
    crate::practice::service::challenges::join(state, maya, id, now).await?;
    seed_group_practice(state, tomas, maya).await
}

/// A grounding circle Maya led two mornings ago, which Tomás went to: both can log it from
/// "Practised together" (Tomás as a group session, Maya as teaching).
async fn seed_group_practice(state: &AppState, tomas: &CurrentMember, maya: &CurrentMember) -> Result<(), AppError> {
    use crate::events::model::{EventForm, RsvpStatus};
    use crate::events::service as events;
    let london: Tz = chrono_tz::Europe::London;
    let local = |t: chrono::DateTime<Utc>| t.with_timezone(&london).format("%Y-%m-%dT%H:%M").to_string();
    let soon = Utc::now() + Duration::days(1);
    let form = EventForm {
        title: "Grounding circle in Regent's Park".into(),
        description: "Forty-five minutes of rooted standing under the plane trees, then tea. Wear layers.".into(),
        event_type: "group_practice".into(),
        technique: "rooted-standing".into(),
        starts_local: local(soon),
        ends_local: local(soon + Duration::minutes(45)),
        time_zone: "Europe/London".into(),
        mode: "in_person".into(),
        venue: "The Hub lawn, Regent's Park".into(),
        city: "London".into(),
        country: "United Kingdom".into(),
        price_text: "Free".into(),
        tags: "grounding, outdoors".into(),
        status: "published".into(),
        ..Default::default()
    };
    let event = events::create_event(state, maya, &form).await?;
    events::rsvp(state, tomas, event, Some(RsvpStatus::Going)).await?;
    let day = (Utc::now() - Duration::days(2)).with_timezone(&london).date_naive();
    let start = london
        .from_local_datetime(&day.and_hms_opt(9, 30, 0).expect("a valid time"))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(|| Utc::now() - Duration::days(2));
    crate::events::repo::move_quietly(&state.pool, event, start, start + Duration::minutes(45)).await?;
    Ok(())
}
