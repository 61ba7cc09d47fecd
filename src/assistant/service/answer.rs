//! The local engine's answers: each intent is answered through the same service functions the
//! pages use, as the member (so nothing appears that they could not open), as a short text in
//! the language of the request plus cards that link to the results.

use chrono::{NaiveDate, Timelike};

use super::help;
use crate::assistant::model::{Card, CardAction, Entities, Intent, Lang, Understood};
use crate::auth::model::CurrentMember;
use crate::error::AppError;
use crate::server::state::AppState;

/// Cards listed under an answer.
const LISTED: usize = 5;

pub struct Answer {
    pub body: String,
    pub cards: Vec<Card>,
}

fn t(lang: Lang, en: impl Into<String>, es: impl Into<String>) -> String {
    match lang {
        Lang::En => en.into(),
        Lang::Es => es.into(),
    }
}

fn card(title: impl Into<String>, subtitle: impl Into<String>, href: impl Into<String>) -> Card {
    Card { title: title.into(), subtitle: subtitle.into(), href: href.into(), action: None }
}

fn day(d: NaiveDate, lang: Lang) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const ES: [&str; 12] = ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"];
    let m = chrono::Datelike::month0(&d) as usize;
    let n = chrono::Datelike::day(&d);
    match lang {
        Lang::En => format!("{n} {}", EN[m]),
        Lang::Es => format!("{n} {}", ES[m]),
    }
}

/// " on 12 Dec" / " from 12 Dec to 13 Dec" (or nothing without dates).
fn dates(e: &Entities, lang: Lang) -> String {
    match (e.from, e.to) {
        (Some(a), Some(b)) if a == b => t(lang, format!(" on {}", day(a, lang)), format!(" el {}", day(a, lang))),
        (Some(a), Some(b)) => t(
            lang,
            format!(" from {} to {}", day(a, lang), day(b, lang)),
            format!(" del {} al {}", day(a, lang), day(b, lang)),
        ),
        _ => String::new(),
    }
}

/// `words` are the request's normalised words (the help corpus is searched by them).
pub async fn answer(state: &AppState, me: &CurrentMember, u: &Understood, words: &[&str]) -> Result<Answer, AppError> {
    match u.intent {
        Intent::Events => events(state, me, u).await,
        Intent::Places => places(state, me, u).await,
        Intent::Technique => technique(state, me, u).await,
        Intent::Streak => streak(state, me, u.lang).await,
        Intent::NextAchievement => next_achievement(state, me, u.lang).await,
        Intent::DrawCard => Ok(Answer {
            body: t(
                u.lang,
                "Your card is waiting in the oracle: draw it there when you are ready.",
                "Tu carta te espera en el oráculo: sácala allí cuando quieras.",
            ),
            cards: vec![card(t(u.lang, "Draw my card", "Sacar mi carta"), t(u.lang, "Oracle", "Oráculo"), "/oracle")],
        }),
        Intent::CatchUp => catch_up(state, me, u.lang).await,
        Intent::Help => Ok(help_answer(words, u.lang)),
        Intent::Unknown => Ok(not_understood(u.lang)),
    }
}

pub fn not_understood(lang: Lang) -> Answer {
    Answer {
        body: t(
            lang,
            "I didn't understand that. I can find events (\"milongas in Buenos Aires this weekend\"), places (\"a quiet café near me that is open now\"), a technique (\"a 10-minute technique for grounding\"), tell you your streak or next achievement, open the oracle, catch you up on what you missed, and explain how Kindred works (\"how do I create an event?\").",
            "No lo he entendido. Puedo buscar eventos («milongas en Buenos Aires este fin de semana»), lugares («una cafetería tranquila cerca»), una técnica («una técnica de enraizamiento de 10 minutos»), decirte tu racha o tu próximo logro, abrir el oráculo, ponerte al día y explicar cómo funciona Kindred («¿cómo creo un evento?»).",
        ),
        cards: Vec::new(),
    }
}

async fn events(state: &AppState, me: &CurrentMember, u: &Understood) -> Result<Answer, AppError> {
    use crate::events::model::{EventFilters, RsvpStatus};
    let e = &u.entities;
    let mut city = e.city.clone().unwrap_or_default();
    if city.is_empty() && e.near_me {
        city = super::super::repo::member_city(&state.pool, me.member_id).await?;
    }
    let filters = EventFilters {
        city: city.clone(),
        event_type: e.event_type.clone().unwrap_or_default(),
        from: e.from.map(|d| d.to_string()).unwrap_or_default(),
        to: e.to.map(|d| d.to_string()).unwrap_or_default(),
        mode: if e.online { "online".into() } else { String::new() },
        ..Default::default()
    };
    let viewer = crate::events::service::viewer(state, Some(me.clone())).await?;
    let page = crate::events::service::list(state, &viewer, &filters, None).await?;
    let fits = |start: &str| match e.day_part {
        None => true,
        Some(part) => {
            let (a, b) = part.hours();
            chrono::NaiveTime::parse_from_str(start, "%H:%M").is_ok_and(|t| (a..b).contains(&t.hour()))
        }
    };
    let found: Vec<_> = page.events.into_iter().filter(|c| fits(&c.start_time)).take(LISTED).collect();
    let what = |n: usize| type_name(e.event_type.as_deref(), n, u.lang);
    let place = if city.is_empty() { String::new() } else { t(u.lang, format!(" in {city}"), format!(" en {city}")) };
    let all = card(
        t(u.lang, "All matching events", "Todos los eventos"),
        t(u.lang, "With every filter", "Con todos los filtros"),
        format!("/events?{}", filters.query()),
    );
    if found.is_empty() {
        return Ok(Answer {
            body: t(
                u.lang,
                format!("I found no {}{place}{}. The events page has more filters.", what(2), dates(e, u.lang)),
                format!("No encontré {}{place}{}. La página de eventos tiene más filtros.", what(2), dates(e, u.lang)),
            ),
            cards: vec![all],
        });
    }
    let n = found.len();
    let mut cards: Vec<Card> = found
        .into_iter()
        .map(|c| Card {
            title: c.title,
            subtitle: [c.event_type.label().to_string(), c.when, c.place]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            href: format!("/events/{}", c.event_id),
            action: (c.my_rsvp.is_none() || c.my_rsvp == Some(RsvpStatus::NotGoing))
                .then_some(CardAction::RsvpGoing { event_id: c.event_id }),
        })
        .collect();
    cards.push(all);
    Ok(Answer { body: format!("{n} {}{place}{}:", what(n), dates(e, u.lang)), cards })
}

/// An event type's name in the request's language, singular or plural.
fn type_name(key: Option<&str>, n: usize, lang: Lang) -> String {
    let (en1, en2, es1, es2) = match key {
        Some("milonga") => ("milonga", "milongas", "milonga", "milongas"),
        Some("practica") => ("práctica", "prácticas", "práctica", "prácticas"),
        Some("class") => ("class", "classes", "clase", "clases"),
        Some("workshop") => ("workshop", "workshops", "taller", "talleres"),
        Some("festival") => ("festival", "festivals", "festival", "festivales"),
        Some("group_practice") => ("group practice", "group practices", "práctica grupal", "prácticas grupales"),
        Some("mentor_session") => ("mentor session", "mentor sessions", "sesión de mentoría", "sesiones de mentoría"),
        _ => ("event", "events", "evento", "eventos"),
    };
    let one = n == 1;
    match (lang, one) {
        (Lang::En, true) => en1,
        (Lang::En, false) => en2,
        (Lang::Es, true) => es1,
        (Lang::Es, false) => es2,
    }
    .to_string()
}

async fn places(state: &AppState, me: &CurrentMember, u: &Understood) -> Result<Answer, AppError> {
    use crate::places::model::PlaceFilter;
    let e = &u.entities;
    let mut city = e.city.clone().unwrap_or_default();
    let mut from_profile = false;
    if city.is_empty() {
        city = super::super::repo::member_city(&state.pool, me.member_id).await?;
        from_profile = !city.is_empty();
    }
    if city.is_empty() {
        return Ok(Answer {
            body: t(
                u.lang,
                "Where? Name a city (\"a quiet café in London\"), or add your city to your profile so \"near me\" knows.",
                "¿Dónde? Di una ciudad («una cafetería tranquila en Londres») o añade tu ciudad a tu perfil para que «cerca» funcione.",
            ),
            cards: vec![card(t(u.lang, "Places map", "Mapa de lugares"), "", "/places")],
        });
    }
    let on = |b: bool| b.then(|| "on".to_string());
    let filter = PlaceFilter {
        place_type: e.place_type.clone(),
        anxiety: e.quiet.then(|| "low".to_string()),
        beginner: on(e.beginner),
        open_now: on(e.open_now),
        near: Some(city.clone()),
        ..Default::default()
    };
    let list = crate::places::service::list(state, &filter).await?;
    let found: Vec<_> = list.places.into_iter().take(LISTED).collect();
    let around = if from_profile {
        t(u.lang, format!(" around {city} (your profile's city)"), format!(" cerca de {city} (la ciudad de tu perfil)"))
    } else {
        t(u.lang, format!(" in {city}"), format!(" en {city}"))
    };
    if found.is_empty() {
        return Ok(Answer {
            body: t(
                u.lang,
                format!("I found no place like that{around}. Try fewer conditions on the map."),
                format!("No encontré un lugar así{around}. Prueba con menos condiciones en el mapa."),
            ),
            cards: vec![card(t(u.lang, "Places map", "Mapa de lugares"), "", "/places")],
        });
    }
    let n = found.len();
    let cards = found
        .into_iter()
        .map(|p| {
            let mut bits = vec![p.place_type.label().to_string(), p.address.clone()];
            if p.open_now == Some(true) {
                bits.push(t(u.lang, "open now", "abierto ahora"));
            }
            if p.beginner_friendly {
                bits.push(t(u.lang, "beginner friendly", "para principiantes"));
            }
            card(
                p.name,
                bits.into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
                format!("/places/{}", p.place_id),
            )
        })
        .collect();
    let (p_en, p_es) = if n == 1 { ("place", "lugar") } else { ("places", "lugares") };
    Ok(Answer { body: t(u.lang, format!("{n} {p_en}{around}:"), format!("{n} {p_es}{around}:")), cards })
}

async fn technique(state: &AppState, me: &CurrentMember, u: &Understood) -> Result<Answer, AppError> {
    use crate::practice::model::LibraryFilter;
    let e = &u.entities;
    let filter = LibraryFilter { category: e.category.clone().unwrap_or_default(), ..Default::default() };
    let lib = crate::practice::service::library(state, Some(me), &filter).await?;
    let mut options: Vec<_> = lib.techniques.into_iter().filter(|t| t.unlocked).collect();
    // Closest to the length asked for (else the shortest), easiest first.
    let want = e.minutes.map(|m| m as i32);
    options.sort_by_key(|t| (want.map(|m| (t.minutes - m).abs()).unwrap_or(t.minutes), t.difficulty));
    let found: Vec<_> = options.into_iter().take(3).collect();
    if found.is_empty() {
        return Ok(Answer {
            body: t(
                u.lang,
                "No technique of that kind is open to you yet. The library says what opens each one.",
                "Todavía no tienes abierta ninguna técnica de ese tipo. La biblioteca dice qué abre cada una.",
            ),
            cards: vec![card(t(u.lang, "Practice library", "Biblioteca"), "", "/practice")],
        });
    }
    let first = &found[0];
    let body = match want {
        Some(m) => t(
            u.lang,
            format!("For about {m} minutes, try {} ({} min):", first.name, first.minutes),
            format!("Para unos {m} minutos, prueba {} ({} min):", first.name, first.minutes),
        ),
        None => t(u.lang, format!("Try {}:", first.name), format!("Prueba {}:", first.name)),
    };
    let cards = found
        .into_iter()
        .map(|x| {
            card(
                x.name,
                format!("{} · {} min · {}", x.category.name, x.minutes, x.summary),
                format!("/practice/t/{}", x.slug),
            )
        })
        .collect();
    Ok(Answer { body, cards })
}

async fn streak(state: &AppState, me: &CurrentMember, lang: Lang) -> Result<Answer, AppError> {
    let s = crate::practice::service::library(state, Some(me), &Default::default())
        .await?
        .streak
        .ok_or(AppError::Unauthorized)?;
    let today = if s.checked_in_today {
        t(lang, " You have checked in today.", " Hoy ya has registrado tu día.")
    } else {
        t(lang, " You have not checked in today yet.", " Todavía no has registrado tu día.")
    };
    Ok(Answer {
        body: t(
            lang,
            format!(
                "Your streak is {} day(s) (longest {}), with {} freeze(s) held.{today}",
                s.current, s.longest, s.freezes
            ),
            format!(
                "Tu racha es de {} día(s) (la más larga {}), con {} protección(es).{today}",
                s.current, s.longest, s.freezes
            ),
        ),
        cards: vec![card(
            t(lang, "My practice", "Mi práctica"),
            t(lang, "Check in", "Registrar el día"),
            "/practice/me",
        )],
    })
}

async fn next_achievement(state: &AppState, me: &CurrentMember, lang: Lang) -> Result<Answer, AppError> {
    let a = crate::practice::service::achievements(state, me).await?;
    let next = a
        .in_progress
        .into_iter()
        .filter(|x| x.target > 0)
        .max_by(|x, y| (x.progress * y.target).cmp(&(y.progress * x.target)).then(y.target.cmp(&x.target)));
    Ok(match next {
        Some(x) => Answer {
            body: t(
                lang,
                format!("Closest: {} — {} ({} of {}).", x.name, x.description, x.progress, x.target),
                format!("El más cercano: {} — {} ({} de {}).", x.name, x.description, x.progress, x.target),
            ),
            cards: vec![card(x.name, format!("{} / {}", x.progress, x.target), "/practice/achievements")],
        },
        None => Answer {
            body: t(lang, "You have earned every achievement in view.", "Has conseguido todos los logros visibles."),
            cards: vec![card(t(lang, "Achievements", "Logros"), "", "/practice/achievements")],
        },
    })
}

async fn catch_up(state: &AppState, me: &CurrentMember, lang: Lang) -> Result<Answer, AppError> {
    let unread = crate::notifications::repo::unread_count(&state.pool, me.member_id).await?;
    let recent: Vec<_> = crate::notifications::repo::list(&state.pool, me.member_id, None, 20)
        .await?
        .into_iter()
        .filter(|n| !n.read)
        .take(3)
        .collect();
    let chat = crate::chat::service::overview(state, me.member_id).await?;
    let mut cards: Vec<Card> = recent.iter().map(|n| card(n.message.clone(), n.kind.label(), n.link.clone())).collect();
    for c in chat.unread_channels.iter().take(3) {
        cards.push(card(
            c.label.clone(),
            t(lang, format!("{} unread", c.unread), format!("{} sin leer", c.unread)),
            c.link.clone(),
        ));
    }
    for c in chat.conversations.iter().filter(|c| c.unread > 0).take(3) {
        cards.push(card(
            c.title.clone(),
            t(lang, format!("{} unread · {}", c.unread, c.preview), format!("{} sin leer · {}", c.unread, c.preview)),
            format!("/chat/{}", c.channel_id),
        ));
    }
    let body = if unread == 0 && chat.total_unread == 0 {
        t(lang, "You're all caught up: nothing unread.", "Estás al día: no hay nada sin leer.")
    } else {
        t(
            lang,
            format!(
                "{unread} unread notification(s) and {} unread message(s) in {} channel(s) and {} conversation(s).",
                chat.total_unread,
                chat.unread_channels.len(),
                chat.conversations.iter().filter(|c| c.unread > 0).count()
            ),
            format!(
                "{unread} aviso(s) sin leer y {} mensaje(s) sin leer en {} canal(es) y {} conversación(es).",
                chat.total_unread,
                chat.unread_channels.len(),
                chat.conversations.iter().filter(|c| c.unread > 0).count()
            ),
        )
    };
    Ok(Answer { body, cards })
}

/// Every help topic, for a how-to request that matches none.
fn help_index(lang: Lang) -> Answer {
    Answer {
        body: t(lang, "Here is the help index.", "Aquí está el índice de ayuda."),
        cards: help::TOPICS
            .iter()
            .map(|tp| {
                let (_, title) = help::answer(tp, lang);
                card(title, "", tp.link)
            })
            .collect(),
    }
}

/// A how-to answer from the help corpus, by the words of the request.
pub fn help_answer(words: &[&str], lang: Lang) -> Answer {
    let found = help::search(words);
    if found.is_empty() {
        return help_index(lang);
    }
    let (text, _) = help::answer(found[0], lang);
    Answer {
        body: text.to_string(),
        cards: found
            .into_iter()
            .map(|tp| {
                let (_, title) = help::answer(tp, lang);
                card(title, "", tp.link)
            })
            .collect(),
    }
}
