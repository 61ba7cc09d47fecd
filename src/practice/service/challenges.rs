//! Challenges: created site-wide by moderators or in a community by holders of "manage events";
//! joined and left by members; progress measured from sessions between the dates, updated in
//! each session's transaction; completion recorded (and rewarded) once.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::notifications::{model::NotificationKind, repo::Note};
use crate::practice::model::{
    ChallengeCard, ChallengeChoices, ChallengeDetail, ChallengeForm, ChallengeList, ChallengeRow, Goal, GoalKind,
    CHALLENGE_BOARD, CHALLENGE_DESCRIPTION_MAX, CHALLENGE_TITLE_MAX,
};
use crate::practice::repo::challenges::{self as ch, ChallengeRecord};
use crate::practice::repo::{self, achievements};
use crate::server::{rate_limit, state::AppState};

pub const CHALLENGES_PER_DAY: u32 = 20;
pub const JOINS_PER_HOUR: u32 = 60;

fn goal_of(r: &ChallengeRecord) -> Option<Goal> {
    serde_json::from_value(r.criteria.clone()).ok()
}

fn card(r: &ChallengeRecord) -> ChallengeCard {
    let goal = goal_of(r).map(|g| g.describe(r.category_name.as_deref())).unwrap_or_default();
    ChallengeCard {
        challenge_id: r.challenge_id,
        title: r.title.clone(),
        goal,
        starts_on: r.starts_on,
        ends_on: r.ends_on,
        community: match (&r.community_slug, &r.community_name) {
            (Some(s), Some(n)) => Some((s.clone(), n.clone())),
            _ => None,
        },
        participants: r.participants,
        max_participants: r.max_participants,
        joined: r.joined,
        completed: r.completed,
    }
}

/// Whether the viewer may see the challenge (a private community's only by its members).
async fn may_see(state: &AppState, r: &ChallengeRecord, viewer: Option<Uuid>) -> Result<bool, AppError> {
    match (r.community_id, r.community_public) {
        (None, _) | (Some(_), Some(true)) => Ok(true),
        (Some(c), _) => Ok(match viewer {
            Some(v) => ch::is_member(&state.pool, c, v).await?,
            None => false,
        }),
    }
}

async fn can_create_anywhere(state: &AppState, me: &CurrentMember) -> Result<Vec<(String, String)>, AppError> {
    // One query for every community's standing (not one per community).
    let rows =
        crate::communities::repo::communities_with(&state.pool, me.member_id, crate::communities::perms::MANAGE_EVENTS)
            .await?;
    Ok(rows.into_iter().map(|c| (c.slug, c.name)).collect())
}

pub async fn list(
    state: &AppState,
    viewer: Option<&CurrentMember>,
    now: DateTime<Utc>,
) -> Result<ChallengeList, AppError> {
    let today = now.date_naive();
    let rows = ch::visible(&state.pool, viewer.map(|v| v.member_id), today - chrono::Duration::days(30), 200).await?;
    let (mut active, mut upcoming, mut past) = (Vec::new(), Vec::new(), Vec::new());
    for r in &rows {
        let c = card(r);
        if r.ends_on < today {
            past.push(c);
        } else if r.starts_on > today {
            upcoming.push(c);
        } else {
            active.push(c);
        }
    }
    past.reverse();
    let can_create = match viewer {
        Some(me) => me.site_role.can_moderate() || !can_create_anywhere(state, me).await?.is_empty(),
        None => false,
    };
    Ok(ChallengeList { active, upcoming, past, can_create })
}

pub async fn choices(state: &AppState, me: &CurrentMember) -> Result<ChallengeChoices, AppError> {
    let communities = can_create_anywhere(state, me).await?;
    let site_wide = me.site_role.can_moderate();
    if !site_wide && communities.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(ChallengeChoices {
        site_wide,
        communities,
        categories: repo::categories(&state.pool).await?,
        achievements: ch::achievement_choices(&state.pool).await?,
    })
}

fn number(raw: &str, field: &str, label: &str, range: std::ops::RangeInclusive<i64>) -> Result<i64, AppError> {
    match raw.trim().parse::<i64>() {
        Ok(n) if range.contains(&n) => Ok(n),
        _ => {
            Err(AppError::invalid(field, format!("{label}: a whole number from {} to {}.", range.start(), range.end())))
        }
    }
}

fn date(raw: &str, field: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| AppError::invalid(field, "Choose a date."))
}

pub async fn create(
    state: &AppState,
    me: &CurrentMember,
    f: &ChallengeForm,
    now: DateTime<Utc>,
) -> Result<Uuid, AppError> {
    let title = f.title.trim();
    if title.chars().count() < 3 || title.chars().count() > CHALLENGE_TITLE_MAX {
        return Err(AppError::invalid("title", format!("Give it a title of 3 to {CHALLENGE_TITLE_MAX} characters.")));
    }
    let description = f.description.trim();
    if description.chars().count() > CHALLENGE_DESCRIPTION_MAX {
        return Err(AppError::invalid(
            "description",
            format!("The description is at most {CHALLENGE_DESCRIPTION_MAX} characters."),
        ));
    }
    let starts_on = date(&f.starts_on, "starts_on")?;
    let ends_on = date(&f.ends_on, "ends_on")?;
    let today = now.date_naive();
    if ends_on < today {
        return Err(AppError::invalid("ends_on", "A challenge can't end in the past."));
    }
    if ends_on < starts_on {
        return Err(AppError::invalid("ends_on", "It ends before it starts."));
    }
    if (ends_on - starts_on).num_days() > 366 {
        return Err(AppError::invalid("ends_on", "A challenge lasts at most a year."));
    }
    let kind =
        GoalKind::parse(&f.goal).ok_or_else(|| AppError::invalid("goal", "Choose what the challenge counts."))?;
    let max = match kind {
        GoalKind::Minutes => 100_000,
        GoalKind::Sessions => 2_000,
        GoalKind::Days => (ends_on - starts_on).num_days() + 1,
    };
    let value = number(&f.value, "value", "The goal", 1..=max)?;
    let category = match f.category.trim() {
        "" => None,
        slug => Some(
            repo::category_id(&state.pool, slug)
                .await?
                .ok_or_else(|| AppError::invalid("category", "There is no such category."))?,
        ),
    };
    let max_participants = match f.max_participants.trim() {
        "" => None,
        raw => Some(number(raw, "max_participants", "Places", 1..=100_000)? as i32),
    };
    let reward_xp = match f.reward_xp.trim() {
        "" => 0,
        raw => number(raw, "reward_xp", "Reward XP", 0..=500)? as i32,
    };
    let reward_achievement_id = match f.reward_achievement.trim() {
        "" => None,
        slug => Some(
            ch::achievement_id(&state.pool, slug)
                .await?
                .ok_or_else(|| AppError::invalid("reward_achievement", "There is no such achievement."))?,
        ),
    };
    let community_id = match f.community.trim() {
        "" if me.site_role.can_moderate() => None,
        "" => {
            return Err(AppError::invalid(
                "community",
                "Choose one of your communities (site-wide challenges are for moderators).",
            ))
        }
        slug => {
            let (c, _) = crate::communities::service::require(
                state,
                me.member_id,
                slug,
                crate::communities::perms::MANAGE_EVENTS,
            )
            .await
            .map_err(|_| AppError::invalid("community", "You can't create challenges in that community."))?;
            Some(c.community_id)
        }
    };
    rate_limit::hit(
        &state.pool,
        &format!("practice:challenge:{}", me.member_id),
        CHALLENGES_PER_DAY,
        Duration::from_secs(86_400),
    )
    .await?;
    let category_slug = if category.is_some() { Some(f.category.trim().to_string()) } else { None };
    let goal = Goal { kind, value, category: category_slug };
    let id = ch::insert(
        &state.pool,
        ch::NewChallenge {
            title,
            description,
            community_id,
            created_by: me.member_id,
            starts_on,
            ends_on,
            criteria: serde_json::to_value(&goal).map_err(|_| AppError::Internal)?,
            category_id: category,
            max_participants,
            reward_xp,
            reward_achievement_id,
        },
    )
    .await?;
    Ok(id)
}

fn unit(kind: GoalKind) -> &'static str {
    match kind {
        GoalKind::Minutes => "minutes",
        GoalKind::Sessions => "sessions",
        GoalKind::Days => "days",
    }
}

pub async fn detail(
    state: &AppState,
    viewer: Option<&CurrentMember>,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<ChallengeDetail, AppError> {
    let me = viewer.map(|v| v.member_id);
    let r = ch::challenge(&state.pool, id, me).await?.ok_or(AppError::NotFound)?;
    if !may_see(state, &r, me).await? {
        return Err(AppError::NotFound);
    }
    let goal = goal_of(&r).ok_or(AppError::Internal)?;
    let board = ch::board(&state.pool, id, CHALLENGE_BOARD).await?;
    let mut rows: Vec<ChallengeRow> = Vec::new();
    for (i, (member, username, display_name, progress, completed)) in board.into_iter().enumerate() {
        let rank = match rows.last() {
            Some(prev) if prev.progress == progress => prev.rank,
            _ => i as i64 + 1,
        };
        rows.push(ChallengeRow { rank, username, display_name, progress, completed, is_me: Some(member) == me });
    }
    let mine = match me {
        Some(m) => ch::my_rank(&state.pool, id, m).await?,
        None => None,
    };
    let today = now.date_naive();
    let full = r.max_participants.is_some_and(|max| r.participants >= max);
    let join_hint = if me.is_none() {
        Some("Log in to join.".to_string())
    } else if r.ends_on < today {
        Some("This challenge has ended.".to_string())
    } else if full && !r.joined {
        Some("This challenge is full.".to_string())
    } else {
        None
    };
    let reward = match (r.reward_xp, &r.reward_achievement) {
        (0, None) => None,
        (xp, Some(a)) if xp > 0 => Some(format!("{xp} XP and the achievement “{a}”")),
        (_, Some(a)) => Some(format!("The achievement “{a}”")),
        (xp, None) => Some(format!("{xp} XP")),
    };
    Ok(ChallengeDetail {
        card: card(&r),
        description: r.description.clone(),
        target: goal.value,
        unit: unit(goal.kind).to_string(),
        reward,
        board: rows,
        mine,
        can_join: join_hint.is_none() && !r.joined,
        join_hint,
        signed_in: me.is_some(),
    })
}

/// The member's progress in one challenge, measured from their sessions between its dates.
async fn measure(
    conn: &mut PgConnection,
    member: Uuid,
    goal: &Goal,
    from: NaiveDate,
    to: NaiveDate,
    category: Option<Uuid>,
) -> Result<i64, sqlx::Error> {
    let (minutes, sessions, days) = ch::measure(conn, member, from, to, category).await?;
    Ok(match goal.kind {
        GoalKind::Minutes => minutes,
        GoalKind::Sessions => sessions,
        GoalKind::Days => days,
    })
}

/// Records a completion once: the reward (spirit-guide XP, an achievement) and a notification.
#[allow(clippy::too_many_arguments)]
async fn complete(
    conn: &mut PgConnection,
    member: Uuid,
    id: Uuid,
    title: &str,
    reward_xp: i32,
    reward_achievement: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    ch::add_completed(conn, member).await?;
    if reward_xp > 0 {
        crate::oracle::repo::award_xp(conn, member, "challenge", &format!("challenge:{id}"), reward_xp).await?;
    }
    if let Some(a) = reward_achievement {
        achievements::grant(conn, member, &[a], now).await?;
    }
    let message = format!("You completed the challenge “{title}”!");
    crate::notifications::repo::notify(
        &mut *conn,
        Note {
            member_id: member,
            kind: NotificationKind::Achievement,
            actor_id: None,
            post_id: None,
            message: &message,
            link: &format!("/practice/challenges/{id}"),
        },
    )
    .await?;
    Ok(())
}

/// After a session on `day` in `category`: the member's running challenges it counts for are
/// measured again, and completions recorded. Runs in the session's transaction; returns how many
/// challenges this completed.
pub(crate) async fn on_session(
    conn: &mut PgConnection,
    member: Uuid,
    day: NaiveDate,
    category: Uuid,
    now: DateTime<Utc>,
) -> Result<i32, AppError> {
    let mut completed = 0;
    for (id, title, criteria, cat, achievement, xp, _joined, done) in
        ch::running_for(conn, member, day, category).await?
    {
        let Ok(goal) = serde_json::from_value::<Goal>(criteria) else { continue };
        if done {
            continue;
        }
        let Some(r) = ch::challenge(&mut *conn, id, Some(member)).await? else { continue };
        let progress = measure(conn, member, &goal, r.starts_on, r.ends_on, cat).await?;
        if ch::set_progress(conn, id, member, progress, progress >= goal.value, now).await? {
            complete(conn, member, id, &title, xp, achievement, now).await?;
            completed += 1;
        }
    }
    Ok(completed)
}

pub async fn join(state: &AppState, me: &CurrentMember, id: Uuid, now: DateTime<Utc>) -> Result<(), AppError> {
    let r = ch::challenge(&state.pool, id, Some(me.member_id)).await?.ok_or(AppError::NotFound)?;
    if !may_see(state, &r, Some(me.member_id)).await? {
        return Err(AppError::NotFound);
    }
    if let Some(c) = r.community_id {
        crate::communities::service::may_take_part(state, me.member_id, c).await.map_err(|e| match e {
            AppError::NotFound => AppError::invalid("challenge", "Join the community to take part in its challenges."),
            other => other,
        })?;
        if !ch::is_member(&state.pool, c, me.member_id).await? {
            return Err(AppError::invalid("challenge", "Join the community to take part in its challenges."));
        }
    }
    let today = now.date_naive();
    if r.ends_on < today {
        return Err(AppError::invalid("challenge", "This challenge has ended."));
    }
    let goal = goal_of(&r).ok_or(AppError::Internal)?;
    rate_limit::hit(&state.pool, &format!("practice:join:{}", me.member_id), JOINS_PER_HOUR, Duration::from_secs(3600))
        .await?;
    let mut tx = state.pool.begin().await?;
    let mut m = repo::lock_member(&mut tx, me.member_id).await?;
    let (participants, max) = ch::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if max.is_some_and(|max| participants >= max) {
        return Err(AppError::invalid("challenge", "This challenge is full."));
    }
    let progress = measure(&mut tx, me.member_id, &goal, r.starts_on, r.ends_on.min(today), r.category_id).await?;
    if !ch::join(&mut tx, id, me.member_id, 0).await? {
        return Err(AppError::invalid("challenge", "You have joined this challenge already."));
    }
    if ch::set_progress(&mut tx, id, me.member_id, progress, progress >= goal.value, now).await? {
        complete(&mut tx, me.member_id, id, &r.title, r.reward_xp, r.reward_achievement_id, now).await?;
        m.challenges_completed += 1;
        super::progress::evaluate_achievements(&mut tx, me.member_id, &m, now).await?;
    }
    tx.commit().await?;
    Ok(())
}

pub async fn leave(state: &AppState, me: &CurrentMember, id: Uuid) -> Result<(), AppError> {
    let mut tx = state.pool.begin().await?;
    ch::lock(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !ch::leave(&mut tx, id, me.member_id).await? {
        return Err(AppError::invalid("challenge", "You are not taking part (or have completed it)."));
    }
    tx.commit().await?;
    Ok(())
}
