//! The local engine's phrasebook: requests in English and Spanish with the intent and every
//! entity it must find (all others must stay empty). Today is Monday 7 December 2026.

use chrono::NaiveDate;

use super::intent::{normalise, understand, Vocabulary};
use crate::assistant::model::{DayPart, Entities, Intent, Lang};

fn vocab() -> Vocabulary {
    Vocabulary {
        cities: ["Buenos Aires", "Berlin", "London", "Madrid", "Barcelona", "Montevideo", "New York", "San Francisco"]
            .map(String::from)
            .to_vec(),
        categories: [
            ("breath", "Breath"),
            ("grounding", "Grounding"),
            ("energy", "Energy awareness"),
            ("protection", "Protection"),
            ("flow", "Flow & body awareness"),
        ]
        .map(|(s, n)| (s.to_string(), n.to_string()))
        .to_vec(),
    }
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Entities from short expectations: `city=…`, `type=…`, `place=…`, `cat=…`, `min=…`,
/// `on=date` (from and to), `from=…`, `to=…`, `part=morning|afternoon|evening`, and the flags
/// `near`, `open`, `quiet`, `beginner`, `online`.
fn expected(marks: &[&str]) -> Entities {
    let mut e = Entities::default();
    for m in marks {
        let (k, v) = m.split_once('=').unwrap_or((m, ""));
        match k {
            "city" => e.city = Some(v.into()),
            "type" => e.event_type = Some(v.into()),
            "place" => e.place_type = Some(v.into()),
            "cat" => e.category = Some(v.into()),
            "min" => e.minutes = Some(v.parse().unwrap()),
            "on" => (e.from, e.to) = (Some(date(v)), Some(date(v))),
            "from" => e.from = Some(date(v)),
            "to" => e.to = Some(date(v)),
            "part" => {
                e.day_part = Some(match v {
                    "morning" => DayPart::Morning,
                    "afternoon" => DayPart::Afternoon,
                    _ => DayPart::Evening,
                })
            }
            "near" => e.near_me = true,
            "open" => e.open_now = true,
            "quiet" => e.quiet = true,
            "beginner" => e.beginner = true,
            "online" => e.online = true,
            other => panic!("unknown mark {other}"),
        }
    }
    e
}

use Intent::*;
use Lang::*;

const WEEKEND: [&str; 2] = ["from=2026-12-12", "to=2026-12-13"];

#[rustfmt::skip]
fn cases() -> Vec<(&'static str, Intent, Lang, Vec<&'static str>)> {
    let we = |extra: &[&'static str]| [&WEEKEND[..], extra].concat();
    vec![
        // Events, English.
        ("Milongas in Buenos Aires this weekend", Events, En, we(&["city=Buenos Aires", "type=milonga"])),
        ("a class tomorrow evening near me", Events, En, vec!["type=class", "on=2026-12-08", "part=evening", "near"]),
        ("any workshops in Berlin next week?", Events, En, vec!["type=workshop", "city=Berlin", "from=2026-12-14", "to=2026-12-20"]),
        ("What's on tonight in London", Events, En, vec!["city=London", "on=2026-12-07", "part=evening"]),
        ("group practice on Friday", Events, En, vec!["type=group_practice", "on=2026-12-11"]),
        ("next friday milonga", Events, En, vec!["type=milonga", "on=2026-12-11"]),
        ("festivals in Madrid", Events, En, vec!["type=festival", "city=Madrid"]),
        ("online classes for beginners this week", Events, En, vec!["type=class", "online", "beginner", "from=2026-12-07", "to=2026-12-13"]),
        ("a practica today", Events, En, vec!["type=practica", "on=2026-12-07"]),
        ("mentor sessions in New York", Events, En, vec!["type=mentor_session", "city=New York"]),
        ("where can I dance tango in San Francisco on Saturday", Events, En, vec!["city=San Francisco", "on=2026-12-12"]),
        ("events in 3 days", Events, En, vec!["on=2026-12-10"]),
        ("anything in Berlin tomorrow?", Events, En, vec!["city=Berlin", "on=2026-12-08"]),
        ("show me lessons this afternoon", Events, En, vec!["type=class", "on=2026-12-07", "part=afternoon"]),
        ("milonga the day after tomorrow", Events, En, vec!["type=milonga", "on=2026-12-09"]),
        // Events, Spanish.
        ("milongas en Buenos Aires este fin de semana", Events, Es, we(&["city=Buenos Aires", "type=milonga"])),
        ("¿Qué hay esta noche en Montevideo?", Events, Es, vec!["city=Montevideo", "on=2026-12-07", "part=evening"]),
        ("una clase mañana por la tarde cerca de mí", Events, Es, vec!["type=class", "on=2026-12-08", "part=afternoon", "near"]),
        ("talleres en Barcelona la semana que viene", Events, Es, vec!["type=workshop", "city=Barcelona", "from=2026-12-14", "to=2026-12-20"]),
        ("práctica grupal el viernes", Events, Es, vec!["type=group_practice", "on=2026-12-11"]),
        ("prácticas de tango el finde", Events, Es, we(&["type=practica"])),
        ("festivales en Madrid", Events, Es, vec!["type=festival", "city=Madrid"]),
        ("clases para principiantes hoy", Events, Es, vec!["type=class", "beginner", "on=2026-12-07"]),
        ("eventos pasado mañana", Events, Es, vec!["on=2026-12-09"]),
        ("milonga el próximo sábado", Events, Es, vec!["type=milonga", "on=2026-12-12"]),
        ("clases online esta semana", Events, Es, vec!["type=class", "online", "from=2026-12-07", "to=2026-12-13"]),
        ("¿dónde bailar en Londres?", Events, Es, vec![]),
        // Places, English.
        ("a quiet café near me that is open now", Places, En, vec!["place=coffee", "quiet", "near", "open"]),
        ("gyms in London", Places, En, vec!["place=gym", "city=London"]),
        ("beginner friendly studio in Berlin", Places, En, vec!["place=studio", "city=Berlin", "beginner"]),
        ("somewhere calm to sit nearby", Places, En, vec!["quiet", "near"]),
        ("coffee places open now", Places, En, vec!["place=coffee", "open"]),
        ("low anxiety places in Madrid", Places, En, vec!["quiet", "city=Madrid"]),
        ("healthy food near me", Places, En, vec!["place=nutrition", "near"]),
        ("where can I check in nearby", Places, En, vec!["near"]),
        // Places, Spanish.
        ("una cafetería tranquila cerca", Places, Es, vec!["place=coffee", "quiet", "near"]),
        ("gimnasios abiertos en Madrid", Places, Es, vec!["place=gym", "open", "city=Madrid"]),
        ("un estudio para principiantes en Barcelona", Places, Es, vec!["place=studio", "beginner", "city=Barcelona"]),
        ("lugares tranquilos cerca de mí", Places, Es, vec!["quiet", "near"]),
        ("algún sitio abierto ahora", Places, Es, vec!["open"]),
        // Practice.
        ("a 10-minute technique for grounding", Technique, En, vec!["min=10", "cat=grounding"]),
        ("something to practise for protection", Technique, En, vec!["cat=protection"]),
        ("breathing exercise, 5 minutes", Technique, En, vec!["cat=breath", "min=5"]),
        ("an energy awareness technique for beginners", Technique, En, vec!["cat=energy", "beginner"]),
        ("body awareness for dancers", Technique, En, vec!["cat=flow"]),
        ("I want to meditate 20 minutes", Technique, En, vec!["min=20"]),
        ("una técnica de enraizamiento de 10 minutos", Technique, Es, vec!["cat=grounding", "min=10"]),
        ("ejercicios de respiración", Technique, Es, vec!["cat=breath"]),
        ("una práctica de respiración de 5 minutos", Technique, Es, vec!["cat=breath", "min=5"]),
        ("algo de protección energética", Technique, Es, vec!["cat=protection"]),
        ("quiero meditar", Technique, Es, vec![]),
        // Streak and achievements.
        ("how is my streak", Streak, En, vec![]),
        ("my streak?", Streak, En, vec![]),
        ("¿cómo va mi racha?", Streak, Es, vec![]),
        ("what is my next achievement", NextAchievement, En, vec![]),
        ("which badges am I close to", NextAchievement, En, vec![]),
        ("¿cuál es mi próximo logro?", NextAchievement, Es, vec![]),
        // The oracle.
        ("draw my card", DrawCard, En, vec![]),
        ("oracle reading please", DrawCard, En, vec![]),
        ("sácame una carta", DrawCard, Es, vec![]),
        ("tira mi carta del oráculo", DrawCard, Es, vec![]),
        // Catch up.
        ("what did I miss", CatchUp, En, vec![]),
        ("catch me up", CatchUp, En, vec![]),
        ("unread messages", CatchUp, En, vec![]),
        ("¿qué me perdí?", CatchUp, Es, vec![]),
        ("ponme al día", CatchUp, Es, vec![]),
        // Help.
        ("how do I create an event", Help, En, vec![]),
        ("how can I change my privacy", Help, En, vec![]),
        ("help", Help, En, vec![]),
        ("¿cómo puedo invitar a un amigo?", Help, Es, vec![]),
        ("ayuda con los canales", Help, Es, vec![]),
        // Not understood.
        ("purple elephants", Unknown, En, vec![]),
        ("hola", Unknown, Es, vec![]),
    ]
}

#[test]
fn the_phrasebook_is_understood() {
    let vocab = vocab();
    let today = date("2026-12-07");
    let cases = cases();
    assert!(cases.len() >= 60, "{} phrasings", cases.len());
    let mut wrong = Vec::new();
    for (text, intent, lang, marks) in &cases {
        let u = understand(text, today, &vocab);
        let want = expected(marks);
        if u.intent != *intent || u.lang != *lang || u.entities != want {
            wrong.push(format!(
                "{text:?}\n   got  {:?} {:?} {:?}\n   want {intent:?} {lang:?} {want:?}",
                u.intent, u.lang, u.entities
            ));
        }
    }
    assert!(wrong.is_empty(), "{} of {} misunderstood:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}

#[test]
fn normalising_folds_accents_and_punctuation() {
    assert_eq!(normalise("¿Qué hay MAÑANA en Montevideo?"), " que hay manana en montevideo ");
    assert_eq!(normalise("a 10-minute café, what's on"), "a 10 minute cafe  whats on");
}
