//! Practice among peers: privacy choices, leaderboards, a member's practice as others see it,
//! validations of sessions and mastery verification.

use std::time::Duration;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use uuid::Uuid;

use super::progress::evaluate_achievements;
use super::zone;
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::{model::NotificationKind, repo::Note};
use crate::practice::model::{
    BoardQuery, BoardRow, Leaderboard, PeerPractice, PeerSession, Privacy, PrivacyForm, ProfileAudience, ReviewItem,
    SessionAudience, ValidationKind, VerificationForm, VerificationStatus, ANSWER_MAX, LEADERBOARD_SIZE,
    REVIEW_COMMENT_MAX, VALIDATION_COMMENT_MAX,
};
use crate::practice::repo::{self, BoardEntry};
use crate::server::{rate_limit, state::AppState};

/// Sessions of their own a member needs before validating others'.
pub const VALIDATOR_MIN_SESSIONS: i32 = 5;
/// Sessions of a technique before asking for its verification.
pub const VERIFY_MIN_SESSIONS: i32 = 3;
/// Reviews that decide a verification, either way.
pub const REVIEWS_TO_DECIDE: i32 = 3;
/// XP for a validation, to each side, for the first few of a day.
pub const VALIDATION_XP: i32 = 2;
pub const VALIDATIONS_WITH_XP_PER_DAY: i64 = 5;
pub const VALIDATIONS_PER_HOUR: u32 = 30;
pub const REVIEWS_PER_HOUR: u32 = 30;
pub const REQUESTS_PER_DAY: u32 = 5;
const PEER_SESSIONS: i64 = 20;

/// Monday (UTC) of the week `at` falls in: the weeks leaderboards count.
pub fn week_of(at: DateTime<Utc>) -> NaiveDate {
    let day = at.date_naive();
    day - chrono::Duration::days(day.weekday().num_days_from_monday() as i64)
}

async fn note(conn: &mut sqlx::PgConnection, member: Uuid, message: &str, link: &str) -> Result<(), AppError> {
    crate::notifications::repo::notify(
        &mut *conn,
        Note { member_id: member, kind: NotificationKind::Achievement, actor_id: None, post_id: None, message, link },
    )
    .await?;
    Ok(())
}

// ---- Privacy ----

pub async fn privacy(state: &AppState, me: &CurrentMember) -> Result<Privacy, AppError> {
    let profile = repo::profile_audience(&state.pool, me.member_id).await?;
    let m = repo::practice_member(&state.pool, me.member_id).await?;
    Ok(Privacy { profile, sessions: m.sessions_audience, leaderboards: m.on_leaderboards })
}

pub async fn save_privacy(state: &AppState, me: &CurrentMember, f: &PrivacyForm) -> Result<Privacy, AppError> {
    let profile = ProfileAudience::parse(&f.profile)
        .ok_or_else(|| AppError::invalid("profile", "Choose who can see your profile."))?;
    let sessions = SessionAudience::parse(&f.sessions)
        .ok_or_else(|| AppError::invalid("sessions", "Choose who can see your sessions."))?;
    let leaderboards = matches!(f.leaderboards.trim(), "on" | "true" | "1");
    rate_limit::hit(&state.pool, &format!("practice:privacy:{}", me.member_id), 60, Duration::from_secs(3600)).await?;
    let mut tx = state.pool.begin().await?;
    repo::lock_member(&mut tx, me.member_id).await?;
    repo::save_privacy(&mut tx, me.member_id, profile, sessions, leaderboards).await?;
    tx.commit().await?;
    Ok(Privacy { profile, sessions, leaderboards })
}

// ---- Leaderboards ----

fn rows(entries: Vec<BoardEntry>, me: Uuid) -> Vec<BoardRow> {
    let mut out: Vec<BoardRow> = Vec::with_capacity(entries.len());
    for (i, (id, username, display_name, value)) in entries.into_iter().enumerate() {
        // Ties share a rank.
        let rank = match out.last() {
            Some(prev) if prev.value == value => prev.rank,
            _ => i as i64 + 1,
        };
        out.push(BoardRow { rank, username, display_name, value, is_me: id == me });
    }
    out
}

pub async fn leaderboard(
    state: &AppState,
    me: &CurrentMember,
    q: &BoardQuery,
    now: DateTime<Utc>,
) -> Result<Leaderboard, AppError> {
    let week_start = week_of(now);
    let categories = repo::categories(&state.pool).await?;
    let communities = repo::my_communities(&state.pool, me.member_id).await?;
    let m = repo::practice_member(&state.pool, me.member_id).await?;
    let board = match q.board.trim() {
        "" => "week",
        b @ ("week" | "streak" | "category" | "community") => b,
        _ => return Err(AppError::invalid("board", "Choose a leaderboard.")),
    };
    let (title, unit, entries, mine, category, community) = match board {
        "week" => (
            "Minutes this week".to_string(),
            "minutes",
            repo::weekly_board(&state.pool, week_start, None, LEADERBOARD_SIZE).await?,
            repo::weekly_rank(&state.pool, week_start, None, me.member_id).await?,
            String::new(),
            String::new(),
        ),
        "streak" => {
            let today = now.date_naive();
            (
                "Check-in streaks".to_string(),
                "days",
                repo::streak_board(&state.pool, today, LEADERBOARD_SIZE).await?,
                repo::streak_rank(&state.pool, today, me.member_id).await?,
                String::new(),
                String::new(),
            )
        }
        "category" => {
            let slug = if q.category.trim().is_empty() {
                categories.first().map(|c| c.slug.clone()).unwrap_or_default()
            } else {
                q.category.trim().to_string()
            };
            let cat = categories
                .iter()
                .find(|c| c.slug == slug)
                .ok_or_else(|| AppError::invalid("category", "There is no such category."))?;
            let id = repo::category_id(&state.pool, &cat.slug).await?.ok_or(AppError::NotFound)?;
            (
                format!("{} minutes this week", cat.name),
                "minutes",
                repo::weekly_board(&state.pool, week_start, Some(id), LEADERBOARD_SIZE).await?,
                repo::weekly_rank(&state.pool, week_start, Some(id), me.member_id).await?,
                cat.slug.clone(),
                String::new(),
            )
        }
        _ => {
            let slug = if q.community.trim().is_empty() {
                communities.first().map(|c| c.1.clone()).unwrap_or_default()
            } else {
                q.community.trim().to_string()
            };
            // Only a community's own members see its board.
            let Some((id, slug, name)) = communities.iter().find(|c| c.1 == slug).cloned() else {
                return Err(AppError::invalid(
                    "community",
                    if communities.is_empty() {
                        "Join a community to see its leaderboard."
                    } else {
                        "Choose one of your communities."
                    },
                ));
            };
            let entries = repo::community_board(&state.pool, id, week_start, LEADERBOARD_SIZE).await?;
            let mine = entries.iter().position(|e| e.0 == me.member_id).map(|i| (i as i64 + 1, entries[i].3));
            (format!("{name}: minutes this week"), "minutes", entries, mine, String::new(), slug)
        }
    };
    let rows = rows(entries, me.member_id);
    // The rank shown for "mine" agrees with the table when the member is in it.
    let mine =
        mine.map(|(rank, value)| rows.iter().find(|r| r.is_me).map(|r| (r.rank, r.value)).unwrap_or((rank, value)));
    Ok(Leaderboard {
        board: board.to_string(),
        title,
        unit: unit.to_string(),
        week_start,
        rows,
        mine,
        opted_in: m.on_leaderboards,
        categories,
        communities: communities.into_iter().map(|(_, slug, name)| (slug, name)).collect(),
        category,
        community,
    })
}

// ---- A member's practice, as others see it ----

pub async fn peer_practice(
    state: &AppState,
    viewer: Option<&CurrentMember>,
    username: &str,
) -> Result<PeerPractice, AppError> {
    let username = username.trim().to_lowercase();
    let (owner, display_name, username) =
        repo::member_by_username(&state.pool, &username).await?.ok_or(AppError::NotFound)?;
    let viewer_id = viewer.map(|v| v.member_id);
    // A members-only profile is hidden from visitors, its practice too.
    if viewer.is_none() && repo::profile_audience(&state.pool, owner).await? == ProfileAudience::Members {
        return Err(AppError::Unauthorized);
    }
    // Someone who blocked the viewer (or whom the viewer blocked) has no practice page for them.
    if let Some(v) = viewer_id.filter(|v| *v != owner) {
        if crate::practice::repo::buddies::blocked_either_way(&state.pool, v, owner).await? {
            return Err(AppError::NotFound);
        }
    }
    let m = repo::practice_member(&state.pool, owner).await?;
    let tz = zone(&repo::member_zone(&state.pool, owner).await?);
    let today = Utc::now().with_timezone(&tz).date_naive();
    let visible = repo::may_see_sessions(&state.pool, owner, viewer_id).await?;
    let mine = match viewer {
        Some(v) if v.member_id != owner => Some(repo::practice_member(&state.pool, v.member_id).await?),
        _ => None,
    };
    let can_validate = mine.as_ref().is_some_and(|m| m.sessions >= VALIDATOR_MIN_SESSIONS);
    let validate_hint = mine.as_ref().filter(|m| m.sessions < VALIDATOR_MIN_SESSIONS).map(|m| {
        format!(
            "Validating others' sessions needs {VALIDATOR_MIN_SESSIONS} sessions of your own (you have {}).",
            m.sessions
        )
    });
    let sessions = if visible {
        repo::peer_sessions(&state.pool, owner, viewer_id, PEER_SESSIONS)
            .await?
            .into_iter()
            .map(|(session, validations, mine)| PeerSession {
                session,
                validations,
                mine,
                can_validate: can_validate && mine.is_none(),
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(PeerPractice {
        username,
        display_name,
        is_me: viewer_id == Some(owner),
        streak: super::streak_now(&m, today).current,
        sessions_total: m.sessions,
        sessions_visible: visible,
        sessions,
        validate_hint,
        verified_in: repo::verified_techniques(&state.pool, owner).await?,
    })
}

// ---- Validations ----

pub async fn validate(
    state: &AppState,
    me: &CurrentMember,
    session: Uuid,
    kind: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let kind = ValidationKind::parse(kind)
        .ok_or_else(|| AppError::invalid("kind", "Choose authentic, helpful or inspiring."))?;
    let comment = comment.trim();
    if comment.chars().count() > VALIDATION_COMMENT_MAX {
        return Err(AppError::invalid("comment", format!("A comment is at most {VALIDATION_COMMENT_MAX} characters.")));
    }
    let (owner, category) = repo::session_owner(&state.pool, session).await?.ok_or(AppError::NotFound)?;
    if owner == me.member_id {
        return Err(AppError::invalid("session", "You can't validate your own session."));
    }
    if !repo::may_see_sessions(&state.pool, owner, Some(me.member_id)).await? {
        return Err(AppError::NotFound);
    }
    let own = repo::practice_member(&state.pool, me.member_id).await?;
    if own.sessions < VALIDATOR_MIN_SESSIONS {
        return Err(AppError::Refused(format!(
            "Validating needs {VALIDATOR_MIN_SESSIONS} sessions of your own practice first (you have {}).",
            own.sessions
        )));
    }
    rate_limit::hit(
        &state.pool,
        &format!("practice:validate:{}", me.member_id),
        VALIDATIONS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let mut tx = state.pool.begin().await?;
    repo::lock_pair(&mut tx, me.member_id, owner).await?;
    if !repo::insert_validation(&mut tx, session, me.member_id, kind, comment).await? {
        return Err(AppError::invalid("session", "You already validated this session."));
    }
    repo::add_validation_given(&mut tx, me.member_id).await?;
    // A little XP to each side in the session's category, for the first few of a day.
    let since = now - chrono::Duration::days(1);
    let (given, _) = repo::validations_since(&mut tx, me.member_id, since).await?;
    let (_, received) = repo::validations_since(&mut tx, owner, since).await?;
    for (member, count) in [(me.member_id, given), (owner, received)] {
        if count <= VALIDATIONS_WITH_XP_PER_DAY {
            let tz = zone(&repo::member_zone(&mut *tx, member).await?);
            let day = now.with_timezone(&tz).date_naive();
            repo::xp_today(&mut tx, member, category, day).await?;
            let (_, after) = repo::add_xp(&mut tx, member, category, day, VALIDATION_XP).await?;
            repo::set_level(&mut tx, member, category, crate::practice::rules::level_for(after)).await?;
        }
    }
    let message = format!("{} found your session {}.", me.display_name, kind.label().to_lowercase());
    note(&mut tx, owner, &message, "/practice/me").await?;
    let m = repo::lock_member(&mut tx, me.member_id).await?;
    evaluate_achievements(&mut tx, me.member_id, &m, now).await?;
    tx.commit().await?;
    Ok(())
}

// ---- Verification ----

pub async fn request_verification(state: &AppState, me: &CurrentMember, f: &VerificationForm) -> Result<(), AppError> {
    let t = repo::technique(&state.pool, f.technique.trim()).await?.filter(|t| t.active).ok_or(AppError::NotFound)?;
    if !t.requires_verification {
        return Err(AppError::invalid("technique", "This technique has no peer verification."));
    }
    let answers: Vec<String> = f.answers.iter().map(|a| a.trim().to_string()).collect();
    if answers.len() != t.questions.len() {
        return Err(AppError::invalid("answers", "Answer every question."));
    }
    for (i, a) in answers.iter().enumerate() {
        if a.is_empty() {
            return Err(AppError::invalid(&format!("answer_{i}"), "Answer this question."));
        }
        if a.chars().count() > ANSWER_MAX {
            return Err(AppError::invalid(
                &format!("answer_{i}"),
                format!("An answer is at most {ANSWER_MAX} characters."),
            ));
        }
    }
    let mt = repo::member_technique(&state.pool, me.member_id, t.technique_id).await?;
    let sessions = mt.as_ref().map_or(0, |mt| mt.sessions);
    if mt.as_ref().is_some_and(|mt| mt.verified_at.is_some()) {
        return Err(AppError::invalid("technique", "You are already verified in this technique."));
    }
    if sessions < VERIFY_MIN_SESSIONS {
        return Err(AppError::invalid(
            "technique",
            format!("Practise it {} more time(s) before asking for verification.", VERIFY_MIN_SESSIONS - sessions),
        ));
    }
    rate_limit::hit(
        &state.pool,
        &format!("practice:verify:{}", me.member_id),
        REQUESTS_PER_DAY,
        Duration::from_secs(86_400),
    )
    .await?;
    let anonymous = matches!(f.anonymous.trim(), "on" | "true" | "1");
    let mut tx = state.pool.begin().await?;
    if repo::insert_verification(&mut tx, me.member_id, t.technique_id, &answers, anonymous).await?.is_none() {
        return Err(AppError::invalid("technique", "Your request is already waiting for reviews."));
    }
    tx.commit().await?;
    Ok(())
}

fn review_item(r: repo::RequestRow) -> ReviewItem {
    ReviewItem {
        request_id: r.request_id,
        technique_slug: r.technique_slug,
        technique: r.technique,
        member: (!r.anonymous).then_some((r.username, r.display_name)),
        answers: r.questions.into_iter().zip(r.answers).collect(),
        authentic: r.authentic,
        not_authentic: r.not_authentic,
        created_at: r.created_at,
    }
}

pub async fn review_queue(state: &AppState, me: &CurrentMember) -> Result<Vec<ReviewItem>, AppError> {
    let moderator = me.site_role.can_moderate();
    Ok(repo::review_queue(&state.pool, me.member_id, moderator, 50).await?.into_iter().map(review_item).collect())
}

/// A review: reviewers are members verified in the technique, or moderators; never the member
/// themselves; once each. Three authentic reviews verify, three not authentic decline; reviews
/// of one request are counted one at a time, so any number arriving at once count exactly.
pub async fn review(
    state: &AppState,
    me: &CurrentMember,
    request: Uuid,
    authentic: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> Result<VerificationStatus, AppError> {
    let authentic = match authentic.trim() {
        "yes" | "true" | "authentic" => true,
        "no" | "false" | "not_authentic" => false,
        _ => return Err(AppError::invalid("authentic", "Is it authentic? Choose yes or no.")),
    };
    let comment = comment.trim();
    if comment.chars().count() > REVIEW_COMMENT_MAX {
        return Err(AppError::invalid("comment", format!("A comment is at most {REVIEW_COMMENT_MAX} characters.")));
    }
    rate_limit::hit(
        &state.pool,
        &format!("practice:review:{}", me.member_id),
        REVIEWS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let mut tx = state.pool.begin().await?;
    let r = repo::lock_request(&mut tx, request).await?.ok_or(AppError::NotFound)?;
    if r.member_id == me.member_id {
        return Err(AppError::invalid("request", "You can't review your own request."));
    }
    if !me.site_role.can_moderate() && !repo::verified_in(&mut *tx, me.member_id, r.technique_id).await? {
        return Err(AppError::Refused(
            "Reviews come from members verified in this technique, or moderators.".to_string(),
        ));
    }
    if r.status != VerificationStatus::Pending {
        return Err(AppError::invalid("request", "This request has been decided already."));
    }
    if !repo::insert_review(&mut tx, request, me.member_id, authentic, comment).await? {
        return Err(AppError::invalid("request", "You have reviewed this request already."));
    }
    let (yes, no) = if authentic { (r.authentic + 1, r.not_authentic) } else { (r.authentic, r.not_authentic + 1) };
    let status = if yes >= REVIEWS_TO_DECIDE {
        VerificationStatus::Verified
    } else if no >= REVIEWS_TO_DECIDE {
        VerificationStatus::Declined
    } else {
        VerificationStatus::Pending
    };
    repo::set_request_counts(&mut tx, request, yes, no, status).await?;
    let link = format!("/practice/t/{}", r.technique_slug);
    match status {
        VerificationStatus::Verified => {
            repo::lock_member(&mut tx, r.member_id).await?;
            repo::mark_verified(&mut tx, r.member_id, r.technique_id, now).await?;
            note(&mut tx, r.member_id, &format!("Your peers verified your mastery of {}.", r.technique), &link).await?;
            let m = repo::lock_member(&mut tx, r.member_id).await?;
            evaluate_achievements(&mut tx, r.member_id, &m, now).await?;
        }
        VerificationStatus::Declined => {
            let message =
                format!("Your verification in {} was not confirmed this time; practise on and ask again.", r.technique);
            note(&mut tx, r.member_id, &message, &link).await?;
        }
        VerificationStatus::Pending => {}
    }
    tx.commit().await?;
    Ok(status)
}
