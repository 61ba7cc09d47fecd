//! Oracle and guide rules that need the database (server only).

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::{rngs::OsRng, seq::index::sample, Rng};
use uuid::Uuid;

use super::compose::{self, Drawn, GuideAnswers};
use super::deck::{self, Arcana, Card, Suit};
use super::model::{
    CardCount, CardInfo, Guide, JournalStats, PlacedCard, Questionnaire, QuestionnaireForm, Reading, ReadingKind,
};
use super::repo::{self, NewReading, ReadingRow, StoredCard};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::oracle::astro::Element;
use crate::server::{rate_limit, state::AppState};

pub const SPREADS_PER_HOUR: u32 = 30;

/// `n` distinct cards of the 78, each upright or reversed with even odds.
pub fn draw_cards<R: Rng + ?Sized>(rng: &mut R, n: usize) -> Vec<(u8, bool)> {
    let ids: Vec<usize> = sample(rng, deck::DECK.len(), n).into_iter().collect();
    ids.into_iter().map(|i| (i as u8, rng.gen_bool(0.5))).collect()
}

/// The member's calendar day now, in their time zone (UTC if it is unknown).
pub fn local_date(time_zone: &str, now: DateTime<Utc>) -> NaiveDate {
    match time_zone.parse::<chrono_tz::Tz>() {
        Ok(tz) => now.with_timezone(&tz).date_naive(),
        Err(_) => now.date_naive(),
    }
}

fn seed_of(member_id: Uuid, salt: i64) -> u64 {
    let (a, b) = member_id.as_u64_pair();
    a ^ b.rotate_left(17) ^ (salt as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn card_of(id: u8) -> Result<&'static Card, AppError> {
    deck::card(id).ok_or_else(|| {
        tracing::error!(id, "reading refers to a card that does not exist");
        AppError::Internal
    })
}

pub fn card_info(card: &Card) -> CardInfo {
    CardInfo {
        id: card.id,
        slug: card.slug.to_string(),
        name: card.name.to_string(),
        group: match card.arcana {
            Arcana::Major => "Major arcana".to_string(),
            Arcana::Minor(suit) => suit.label().to_string(),
        },
        element: card.element,
        keywords_upright: card.keywords_upright.iter().map(|s| s.to_string()).collect(),
        keywords_reversed: card.keywords_reversed.iter().map(|s| s.to_string()).collect(),
        upright: card.upright.to_string(),
        reversed: card.reversed.to_string(),
        symbols: card.symbols.iter().map(|s| s.to_string()).collect(),
    }
}

fn to_view(row: ReadingRow) -> Result<Reading, AppError> {
    let cards = row
        .cards
        .0
        .iter()
        .map(|c| {
            let card = card_of(c.card)?;
            Ok(PlacedCard {
                card_id: card.id,
                slug: card.slug.to_string(),
                name: card.name.to_string(),
                reversed: c.reversed,
                position: c.position.clone(),
                meaning: if c.reversed { card.reversed } else { card.upright }.to_string(),
                keywords: if c.reversed { card.keywords_reversed } else { card.keywords_upright }
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    Ok(Reading {
        reading_id: row.reading_id,
        kind: if row.kind == "daily" { ReadingKind::Daily } else { ReadingKind::Spread },
        date: row.reading_date,
        question: row.question,
        cards,
        title: row.title,
        guidance: row.guidance,
        symbols: row.symbols,
        created_at: row.created_at,
    })
}

pub async fn take_questionnaire(
    state: &AppState,
    member: &CurrentMember,
    form: QuestionnaireForm,
) -> Result<(), AppError> {
    let (_, birth_sign) = repo::member_zone_and_sign(&state.pool, member.member_id).await?;
    let q = Questionnaire::parse(&form, birth_sign)?;
    let answers = GuideAnswers {
        religious: q.religious,
        spiritual: q.spiritual,
        path: &q.path,
        beliefs: &q.beliefs,
        offerings: &q.offerings,
        sign: q.astro_sign,
    };
    let draft = compose::guide_from_answers(&answers, seed_of(member.member_id, 0));
    let mut tx = state.pool.begin().await?;
    repo::save_questionnaire(&mut *tx, member.member_id, &q).await?;
    repo::save_guide(&mut *tx, member.member_id, &draft.name, &draft.description, draft.element, &draft.element_reason)
        .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn guide(state: &AppState, member_id: Uuid) -> Result<Option<Guide>, AppError> {
    let Some(row) = repo::guide(&state.pool, member_id).await? else {
        return Ok(None);
    };
    let timeline = repo::timeline(&state.pool, member_id, 50).await?;
    Ok(Some(Guide {
        name: row.name,
        description: row.description,
        element: row.element,
        element_reason: row.element_reason,
        xp: row.xp,
        timeline,
    }))
}

pub async fn questionnaire(state: &AppState, member_id: Uuid) -> Result<Option<Questionnaire>, AppError> {
    Ok(repo::questionnaire(&state.pool, member_id).await?)
}

async fn today(state: &AppState, member_id: Uuid) -> Result<NaiveDate, AppError> {
    let (zone, _) = repo::member_zone_and_sign(&state.pool, member_id).await?;
    Ok(local_date(&zone, Utc::now()))
}

pub async fn todays_reading(state: &AppState, member_id: Uuid) -> Result<Option<Reading>, AppError> {
    let date = today(state, member_id).await?;
    repo::find_daily(&state.pool, member_id, date).await?.map(to_view).transpose()
}

/// Draws today's card, once per local day: a second request the same day (from any device,
/// even at the same instant) gets the same reading.
pub async fn draw_today(state: &AppState, member: &CurrentMember) -> Result<Reading, AppError> {
    draw_today_at(state, member, Utc::now()).await
}

/// [`draw_today`] as of `now` (tests move the clock across midnight).
pub async fn draw_today_at(state: &AppState, member: &CurrentMember, now: DateTime<Utc>) -> Result<Reading, AppError> {
    let (zone, sign) = repo::member_zone_and_sign(&state.pool, member.member_id).await?;
    let date = local_date(&zone, now);
    if let Some(existing) = repo::find_daily(&state.pool, member.member_id, date).await? {
        return to_view(existing);
    }
    let element = match repo::guide(&state.pool, member.member_id).await? {
        Some(g) => g.element,
        None => sign.map(|s| s.element()).unwrap_or(Element::Water),
    };
    let (id, reversed) = draw_cards(&mut OsRng, 1)[0];
    let card = card_of(id)?;
    let text = compose::daily_text(
        &Drawn { card, reversed },
        element,
        seed_of(member.member_id, date.num_days_from_ce().into()),
    );
    let cards = [StoredCard { card: id, reversed, position: "Today".into() }];
    let mut conn = state.pool.acquire().await?;
    let row = repo::daily_reading(
        &mut conn,
        date,
        NewReading {
            member_id: member.member_id,
            cards: &cards,
            title: &text.title,
            guidance: &text.guidance,
            symbols: &text.symbols,
        },
    )
    .await?;
    to_view(row)
}

pub async fn draw_spread(state: &AppState, member: &CurrentMember, question: &str) -> Result<Uuid, AppError> {
    let question = super::model::parse_question(question)?;
    rate_limit::hit(
        &state.pool,
        &format!("spread:member:{}", member.member_id),
        SPREADS_PER_HOUR,
        std::time::Duration::from_secs(3600),
    )
    .await?;
    let drawn = draw_cards(&mut OsRng, 3);
    let positions = ["Past", "Present", "Future"];
    let cards: Vec<StoredCard> = drawn
        .iter()
        .zip(positions)
        .map(|(&(card, reversed), position)| StoredCard { card, reversed, position: position.to_string() })
        .collect();
    let placed = [
        Drawn { card: card_of(drawn[0].0)?, reversed: drawn[0].1 },
        Drawn { card: card_of(drawn[1].0)?, reversed: drawn[1].1 },
        Drawn { card: card_of(drawn[2].0)?, reversed: drawn[2].1 },
    ];
    let guidance = compose::spread_text(&question, &placed);
    let title = format!("{} — past, present, future", compose::question_theme(&question).label());
    let symbols: Vec<String> = placed.iter().filter_map(|d| d.card.symbols.first().map(|s| s.to_string())).collect();
    let id = repo::insert_spread(
        &state.pool,
        &question,
        NewReading {
            member_id: member.member_id,
            cards: &cards,
            title: &title,
            guidance: &guidance,
            symbols: &symbols,
        },
    )
    .await?;
    Ok(id)
}

pub async fn reading(state: &AppState, member_id: Uuid, reading_id: Uuid) -> Result<Reading, AppError> {
    repo::reading(&state.pool, member_id, reading_id).await?.map(to_view).transpose()?.ok_or(AppError::NotFound)
}

pub async fn history(
    state: &AppState,
    member_id: Uuid,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: i64,
) -> Result<Vec<Reading>, AppError> {
    repo::history(&state.pool, member_id, after, limit).await?.into_iter().map(to_view).collect()
}

pub async fn journal(state: &AppState, member_id: Uuid, days: i32) -> Result<JournalStats, AppError> {
    let since = Utc::now() - Duration::days(days.into());
    let mut conn = state.pool.acquire().await?;
    let (readings, counts) = repo::card_counts(&mut conn, member_id, since).await?;
    let mut groups = vec![("Major arcana".to_string(), 0i64)];
    groups.extend(Suit::ALL.iter().map(|s| (s.label().to_string(), 0i64)));
    let mut elements: Vec<(Element, i64)> = Element::ALL.iter().map(|e| (*e, 0)).collect();
    let mut top_cards = Vec::new();
    let mut drawn = 0;
    for (id, n) in counts {
        let card = card_of(id as u8)?;
        drawn += n;
        let group = match card.arcana {
            Arcana::Major => 0,
            Arcana::Minor(suit) => 1 + Suit::ALL.iter().position(|s| *s == suit).unwrap_or(0),
        };
        groups[group].1 += n;
        if let Some(e) = elements.iter_mut().find(|(e, _)| *e == card.element) {
            e.1 += n;
        }
        if top_cards.len() < 5 {
            top_cards.push(CardCount { slug: card.slug.to_string(), name: card.name.to_string(), count: n });
        }
    }
    Ok(JournalStats { days, readings, cards_drawn: drawn, top_cards, groups, elements })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{rngs::StdRng, SeedableRng};

    #[test]
    fn a_spread_never_repeats_a_card() {
        let mut rng = StdRng::seed_from_u64(7);
        for _ in 0..10_000 {
            let cards = draw_cards(&mut rng, 3);
            assert_eq!(cards.len(), 3);
            assert!(cards[0].0 != cards[1].0 && cards[1].0 != cards[2].0 && cards[0].0 != cards[2].0);
            assert!(cards.iter().all(|(id, _)| (*id as usize) < deck::DECK.len()));
        }
    }

    #[test]
    fn every_card_comes_up_as_often_as_chance_says() {
        // 100k three-card draws; chi-square over the 78 cards at p = 0.001 (77 degrees of
        // freedom: critical value 121.1 by the Wilson–Hilferty approximation).
        let mut rng = StdRng::seed_from_u64(2026);
        let mut counts = [0u64; 78];
        let mut reversed = 0u64;
        let draws = 100_000;
        for _ in 0..draws {
            for (id, rev) in draw_cards(&mut rng, 3) {
                counts[id as usize] += 1;
                reversed += rev as u64;
            }
        }
        let total = (draws * 3) as f64;
        let expected = total / 78.0;
        let chi2: f64 = counts.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum();
        assert!(chi2 < 121.1, "chi-square {chi2:.1} over the cards");
        // Reversals: a fair coin, within 4 standard deviations.
        let sd = (total * 0.25).sqrt();
        assert!((reversed as f64 - total / 2.0).abs() < 4.0 * sd, "{reversed} reversed of {total}");
    }

    #[test]
    fn local_dates_follow_the_member_time_zone() {
        let now: DateTime<Utc> = "2026-03-01T02:30:00Z".parse().unwrap();
        assert_eq!(local_date("UTC", now).to_string(), "2026-03-01");
        // Still the evening before in Buenos Aires (UTC-3).
        assert_eq!(local_date("America/Argentina/Buenos_Aires", now).to_string(), "2026-02-28");
        // Already the morning in Tokyo.
        assert_eq!(local_date("Asia/Tokyo", now).to_string(), "2026-03-01");
        assert_eq!(local_date("Not/AZone", now).to_string(), "2026-03-01");
    }
}
