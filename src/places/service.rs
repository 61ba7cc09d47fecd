//! Place rules: who may propose, edit, verify and remove; the map search; check-ins with the
//! streak, level and rewards in one transaction; redemption by partner staff.

use std::time::Duration;

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use rand::Rng;
use uuid::Uuid;

use super::journey::{
    level_of, next_streak, percent_to_next, still_needed, streak_now, CheckInOutcome, JourneyView, Milestone, Progress,
    Redeemed, RewardView, LEVELS, MILESTONES,
};
use super::model::{
    day_hours_text, hours_from_json, is_open, Mood, PlaceCard, PlaceDetail, PlaceFilter, PlaceForm, PlaceInput,
    PlaceList, PlaceQuery, RewardKind, NOTE_MAX, WEEKDAYS,
};
use super::repo::{self, ListFilter, PlaceRow};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::server::{rate_limit, state::AppState};

pub const PLACES_PER_DAY: u32 = 20;
pub const CHECK_INS_PER_HOUR: u32 = 30;
pub const REDEMPTIONS_PER_HOUR: u32 = 120;
/// Most places listed at once (the map asks again as it moves).
pub const LIST_LIMIT: i64 = 200;

fn zone(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// Whether the place is open at `now`, in its own time zone (None when it has no hours).
fn open_at(row: &PlaceRow, now: DateTime<Utc>) -> Option<bool> {
    let week = hours_from_json(&row.hours);
    if week.iter().all(|d| d.is_empty()) {
        return None;
    }
    let local = now.with_timezone(&zone(&row.time_zone));
    let minute = (local.hour() * 60 + local.minute()) as u16;
    Some(is_open(&week, local.weekday().num_days_from_monday() as usize, minute))
}

fn card(row: &PlaceRow, now: DateTime<Utc>) -> PlaceCard {
    PlaceCard {
        place_id: row.place_id,
        name: row.name.clone(),
        place_type: row.place_type,
        latitude: row.latitude,
        longitude: row.longitude,
        address: row.address.clone(),
        city: row.city.clone(),
        anxiety: row.anxiety,
        beginner_friendly: row.beginner_friendly,
        verified: row.verified,
        open_now: open_at(row, now),
        rating: row.rating,
        review_count: row.review_count,
        check_in_count: row.check_in_count,
        distance_km: row.distance_km.map(|d| (d * 100.0).round() / 100.0),
    }
}

/// The map and list: places in view, near a point or in a city, filtered.
pub async fn list(state: &AppState, filter: &PlaceFilter) -> Result<PlaceList, AppError> {
    let q = PlaceQuery::parse(filter)?;
    let mut center = q.around.map(|(lat, lng, _)| (lat, lng));
    let mut around = q.around;
    let mut city = None;
    if around.is_none() && q.bbox.is_none() {
        if let Some(name) = q.near_city.as_deref() {
            // A typed city: search around the middle of its places, or by name if it has none.
            match repo::city_center(&state.pool, name).await? {
                Some((lat, lng)) => {
                    let km = filter.radius_km.as_deref().and_then(|r| r.trim().parse().ok()).unwrap_or(25.0);
                    around = Some((lat, lng, km));
                    center = Some((lat, lng));
                }
                None => city = Some(name.to_string()),
            }
        }
    }
    let f = ListFilter {
        bbox: q.bbox,
        around,
        place_type: q.place_type,
        anxiety: q.anxiety,
        beginner: q.beginner,
        verified: q.verified,
        city: city.as_deref(),
    };
    // "Open now" depends on each place's hours and zone, so it is applied here, after the SQL.
    let fetch = if q.open_now { LIST_LIMIT * 4 } else { LIST_LIMIT + 1 };
    let mut rows = repo::list(&state.pool, &f, fetch).await?;
    // Nearest first, by the exact distance (the index picked them by degrees).
    if around.is_some() {
        rows.sort_by(|a, b| a.distance_km.partial_cmp(&b.distance_km).unwrap_or(std::cmp::Ordering::Equal));
    }
    let now = Utc::now();
    let mut places: Vec<PlaceCard> =
        rows.iter().map(|r| card(r, now)).filter(|c| !q.open_now || c.open_now == Some(true)).collect();
    let truncated = places.len() as i64 > LIST_LIMIT;
    places.truncate(LIST_LIMIT as usize);
    Ok(PlaceList { places, truncated, center })
}

fn may_edit(me: &CurrentMember, proposed_by: Option<Uuid>, verified: bool) -> bool {
    me.site_role.can_moderate() || (proposed_by == Some(me.member_id) && !verified)
}

fn form_of(row: &PlaceRow) -> PlaceForm {
    let week = hours_from_json(&row.hours);
    let day = |i: usize| {
        week[i]
            .iter()
            .map(|(f, t)| format!("{}-{}", super::model::clock(*f), super::model::clock(*t)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    PlaceForm {
        name: row.name.clone(),
        place_type: row.place_type.key().into(),
        latitude: row.latitude.to_string(),
        longitude: row.longitude.to_string(),
        address: row.address.clone(),
        city: row.city.clone(),
        region: row.region.clone(),
        country: row.country.clone(),
        postal_code: row.postal_code.clone(),
        description: row.description.clone(),
        amenities: row.amenities.join(", "),
        anxiety: row.anxiety.key().into(),
        beginner_friendly: row.beginner_friendly.then(|| "on".into()),
        time_zone: row.time_zone.clone(),
        hours_mon: day(0),
        hours_tue: day(1),
        hours_wed: day(2),
        hours_thu: day(3),
        hours_fri: day(4),
        hours_sat: day(5),
        hours_sun: day(6),
        phone: row.phone.clone(),
        email: row.email.clone(),
        website: row.website.clone(),
    }
}

pub async fn detail(state: &AppState, viewer: Option<&CurrentMember>, place_id: Uuid) -> Result<PlaceDetail, AppError> {
    let row = repo::place(&state.pool, place_id).await?.ok_or(AppError::NotFound)?;
    let can_edit = viewer.is_some_and(|me| may_edit(me, row.proposed_by, row.verified));
    let week = hours_from_json(&row.hours);
    let my_check_ins = match viewer {
        Some(me) => repo::my_check_ins(&state.pool, me.member_id, place_id).await?,
        None => vec![],
    };
    Ok(PlaceDetail {
        card: card(&row, Utc::now()),
        region: row.region.clone(),
        country: row.country.clone(),
        postal_code: row.postal_code.clone(),
        description: row.description.clone(),
        amenities: row.amenities.clone(),
        time_zone: row.time_zone.clone(),
        hours: WEEKDAYS.iter().enumerate().map(|(i, (_, name))| (name.to_string(), day_hours_text(&week[i]))).collect(),
        phone: row.phone.clone(),
        email: row.email.clone(),
        website: row.website.clone(),
        images: row
            .image_ids
            .iter()
            .map(|id| (*id, crate::media::thumb_url(*id), crate::media::display_url(*id)))
            .collect(),
        partner: row.partner.clone(),
        proposed_by: row.proposer.clone(),
        can_edit,
        can_moderate: viewer.is_some_and(|m| m.site_role.can_moderate()),
        form: can_edit.then(|| form_of(&row)),
        my_check_ins,
        reviews: super::mentoring::reviews(state, viewer, super::mentoring::Target::Place(place_id)).await?,
    })
}

fn validated(form: &PlaceForm) -> Result<PlaceInput, AppError> {
    let input = PlaceInput::parse(form)?;
    if input.time_zone.parse::<Tz>().is_err() {
        return Err(AppError::invalid("time_zone", "Choose a time zone from the list, like Europe/London."));
    }
    Ok(input)
}

/// Any member may propose a place; it is listed at once, marked unverified.
pub async fn propose(state: &AppState, me: &CurrentMember, form: &PlaceForm) -> Result<Uuid, AppError> {
    let input = validated(form)?;
    rate_limit::hit(
        &state.pool,
        &format!("place:member:{}", me.member_id),
        PLACES_PER_DAY,
        Duration::from_secs(86_400),
    )
    .await?;
    Ok(repo::insert(&state.pool, &input, me.member_id).await?)
}

/// The proposer edits until a moderator verifies the place; moderators may always edit.
pub async fn edit(state: &AppState, me: &CurrentMember, place_id: Uuid, form: &PlaceForm) -> Result<(), AppError> {
    let (proposed_by, verified) = repo::ownership(&state.pool, place_id).await?.ok_or(AppError::NotFound)?;
    if !may_edit(me, proposed_by, verified) {
        return Err(AppError::Forbidden);
    }
    let input = validated(form)?;
    repo::update(&state.pool, place_id, &input).await?;
    Ok(())
}

pub async fn set_verified(
    state: &AppState,
    me: &CurrentMember,
    place_id: Uuid,
    verified: bool,
) -> Result<(), AppError> {
    if !me.site_role.can_moderate() {
        return Err(AppError::Forbidden);
    }
    if !repo::set_verified(&state.pool, place_id, me.member_id, verified).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

/// Moderators remove any place; a proposer may withdraw their own until it is verified.
pub async fn remove(state: &AppState, me: &CurrentMember, place_id: Uuid) -> Result<(), AppError> {
    let (proposed_by, verified) = repo::ownership(&state.pool, place_id).await?.ok_or(AppError::NotFound)?;
    if !may_edit(me, proposed_by, verified) {
        return Err(AppError::Forbidden);
    }
    repo::delete(&state.pool, place_id).await?;
    Ok(())
}

/// A new redemption code: 20 characters from an alphabet without look-alikes (about 100 bits).
fn new_code() -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::thread_rng();
    (0..20).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

/// The member's time zone for streaks: the profile's, or the browser's while the profile says UTC.
pub async fn member_tz(state: &AppState, me: &CurrentMember) -> Result<Tz, AppError> {
    let profile = repo::member_zone(&state.pool, me.member_id).await?;
    let browser = crate::server::request::cookie(crate::events::when::ZONE_COOKIE)
        .map(|c| c.replace("%2F", "/").replace("%2f", "/"));
    Ok(crate::events::when::viewer_zone(Some(&profile), browser.as_deref()).unwrap_or(Tz::UTC))
}

pub fn parse_note(raw: &str) -> Result<String, AppError> {
    let note = raw.trim().to_string();
    if note.chars().count() > NOTE_MAX {
        return Err(AppError::invalid("note", format!("Keep the note to {NOTE_MAX} characters.")));
    }
    Ok(note)
}

/// Checks in at a place at `now` (the member's local day in `tz` decides the streak). Everything
/// — the check-in, the place's count, the journey's counters, streak, level and milestones, and
/// any rewards — changes in one transaction, under the journey row's lock.
pub async fn check_in(
    state: &AppState,
    me: &CurrentMember,
    place_id: Uuid,
    mood: &str,
    note: &str,
    tz: Tz,
    now: DateTime<Utc>,
) -> Result<CheckInOutcome, AppError> {
    let mood = Mood::parse(mood).ok_or_else(|| AppError::invalid("mood", "How are you feeling? Choose a mood."))?;
    let note = parse_note(note)?;
    rate_limit::hit(
        &state.pool,
        &format!("checkin:member:{}", me.member_id),
        CHECK_INS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let place = repo::place(&state.pool, place_id).await?.ok_or(AppError::NotFound)?;
    let mut tx = state.pool.begin().await?;
    let mut j = repo::lock_journey(&mut tx, me.member_id).await?;
    if repo::checked_in_recently(&mut tx, me.member_id, place_id, now).await? {
        return Err(AppError::Conflict(
            "You already checked in here within the hour. Enjoy being here; check in again later.".into(),
        ));
    }
    let today = now.with_timezone(&tz).date_naive();
    repo::insert_check_in(&mut tx, me.member_id, place_id, mood, &note, today, now).await?;
    let (current, longest) = next_streak(j.last_day, j.current_streak, j.longest_streak, today);
    j.current_streak = current;
    j.longest_streak = longest;
    j.last_day = Some(j.last_day.map_or(today, |d| d.max(today)));
    j.total_check_ins += 1;
    if !j.place_types.contains(&place.place_type) {
        j.place_types.push(place.place_type);
    }
    let progress = Progress {
        check_ins: j.total_check_ins,
        longest_streak: j.longest_streak,
        kinds: j.place_types.len() as i32,
        mentor_sessions: j.mentor_sessions,
    };
    j.level = level_of(&progress).level;
    let mut new_milestones = Vec::new();
    let mut new_rewards = Vec::new();
    let reached: Vec<&Milestone> =
        MILESTONES.iter().filter(|m| m.reached(&progress) && !j.milestones.iter().any(|k| k == m.key)).collect();
    for m in reached {
        j.milestones.push(m.key.to_string());
        new_milestones.push(m.label.to_string());
        // A reward earned at a partner's place is theirs to honour; otherwise any partner's.
        let expires = m.valid_days.map(|d| now + chrono::Duration::days(d));
        let partner = if m.reward == RewardKind::Badge { None } else { place.partner_id };
        if repo::insert_reward(&mut tx, me.member_id, m.key, m.reward, m.reward_title, &new_code(), partner, expires)
            .await?
        {
            new_rewards.push(m.reward_title.to_string());
        }
    }
    repo::save_journey(&mut tx, me.member_id, &j).await?;
    tx.commit().await?;
    Ok(CheckInOutcome {
        current_streak: j.current_streak,
        level: j.level,
        percent: percent_to_next(&progress),
        new_milestones,
        new_rewards,
    })
}

fn qr_svg(code: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::new(code.as_bytes()) {
        Ok(qr) => qr
            .render::<svg::Color>()
            .min_dimensions(180, 180)
            .dark_color(svg::Color("#1b1530"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}

pub async fn journey(state: &AppState, me: &CurrentMember, tz: Tz) -> Result<JourneyView, AppError> {
    let j = repo::journey(&state.pool, me.member_id).await?;
    let today = Utc::now().with_timezone(&tz).date_naive();
    let (progress, current, kinds, milestones) = match &j {
        Some(j) => (
            Progress {
                check_ins: j.total_check_ins,
                longest_streak: j.longest_streak,
                kinds: j.place_types.len() as i32,
                mentor_sessions: j.mentor_sessions,
            },
            streak_now(j.last_day, j.current_streak, today),
            j.place_types.clone(),
            j.milestones.clone(),
        ),
        None => (Progress::default(), 0, vec![], vec![]),
    };
    let level = level_of(&progress);
    let now = Utc::now();
    let rewards = repo::rewards(&state.pool, me.member_id)
        .await?
        .into_iter()
        .map(|r| RewardView {
            reward_id: r.reward_id,
            kind: r.kind,
            title: r.title,
            milestone: Milestone::find(&r.milestone).map(|m| m.label.to_string()).unwrap_or(r.milestone),
            qr_svg: qr_svg(&r.code),
            code: r.code,
            partner: r.partner,
            expired: r.expires_at.is_some_and(|e| e <= now) && r.redeemed_at.is_none(),
            expires_at: r.expires_at,
            redeemed: r.redeemed_at.map(|at| (r.redeemed_place.unwrap_or_else(|| "a partner place".into()), at)),
            earned_at: r.earned_at,
        })
        .collect();
    Ok(JourneyView {
        level: level.level,
        level_name: level.name.to_string(),
        next_level_name: LEVELS.iter().find(|r| r.level == level.level + 1).map(|r| r.name.to_string()),
        percent: percent_to_next(&progress),
        check_ins: progress.check_ins,
        current_streak: current,
        longest_streak: progress.longest_streak,
        kinds,
        mentor_sessions: progress.mentor_sessions,
        still_needed: still_needed(&progress),
        milestones: MILESTONES.iter().map(|m| (m.label.to_string(), milestones.iter().any(|k| k == m.key))).collect(),
        rewards,
    })
}

/// Partner staff redeem a member's code at one of their partner's places.
pub async fn redeem(state: &AppState, staff: &CurrentMember, code: &str, place_id: Uuid) -> Result<Redeemed, AppError> {
    rate_limit::hit(
        &state.pool,
        &format!("redeem:member:{}", staff.member_id),
        REDEMPTIONS_PER_HOUR,
        Duration::from_secs(3600),
    )
    .await?;
    let code = code.trim().to_uppercase().replace([' ', '-'], "");
    if code.is_empty() {
        return Err(AppError::invalid("code", "Type or scan the reward's code."));
    }
    let places = repo::staff_places(&state.pool, staff.member_id).await?;
    let (_, place_name, partner) = places.into_iter().find(|(id, _, _)| *id == place_id).ok_or(AppError::Forbidden)?;
    if let Some((title, member)) = repo::redeem(&state.pool, &code, place_id, partner, staff.member_id).await? {
        return Ok(Redeemed { title, member, place: place_name });
    }
    let why = match repo::reward_state(&state.pool, &code).await? {
        None => AppError::invalid("code", "No reward has this code. Check it and try again."),
        Some(s) if s.redeemed_at.is_some() => {
            let at = s.redeemed_at.map(|t| t.format("%e %b %Y, %H:%M UTC").to_string()).unwrap_or_default();
            let place = s.redeemed_place.unwrap_or_else(|| "a partner place".into());
            AppError::Conflict(format!("This reward was already redeemed, at {place} on {at}."))
        }
        Some(s) if s.kind == RewardKind::Badge => AppError::Conflict("Badges are kept, not redeemed.".into()),
        Some(s) if s.partner_id.is_some_and(|p| p != partner) => AppError::Conflict(
            "This reward belongs to another partner; it can only be redeemed at their places.".into(),
        ),
        Some(_) => AppError::Conflict("This reward has expired.".into()),
    };
    Err(why)
}

/// Adds a photo (`bytes`) to a place, or removes one (`remove`): for those who may edit it.
pub async fn photo(
    state: &AppState,
    me: &CurrentMember,
    place_id: Uuid,
    bytes: Option<Vec<u8>>,
    remove: Option<Uuid>,
) -> Result<(), AppError> {
    let (proposed_by, verified) = repo::ownership(&state.pool, place_id).await?.ok_or(AppError::NotFound)?;
    if !may_edit(me, proposed_by, verified) {
        return Err(AppError::Forbidden);
    }
    if let Some(media) = remove {
        repo::remove_photo(&state.pool, place_id, media).await?;
        return Ok(());
    }
    let bytes = bytes.ok_or_else(|| AppError::invalid("image", "Choose a photo to upload."))?;
    rate_limit::hit(&state.pool, &format!("photo:member:{}", me.member_id), 30, Duration::from_secs(3600)).await?;
    let stored = crate::media::upload::store(state, crate::media::Purpose::Place, bytes).await?;
    let mut tx = state.pool.begin().await?;
    let media = stored.record(&mut tx, me.member_id).await?;
    if !repo::add_photo(&mut *tx, place_id, media).await? {
        return Err(AppError::invalid(
            "image",
            format!("A place keeps at most {} photos; remove one first.", repo::MAX_PHOTOS),
        ));
    }
    tx.commit().await?;
    Ok(())
}
