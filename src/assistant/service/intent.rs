//! The local engine's understanding of a request, in English or Spanish, with no model: words
//! are normalised (lower case, accents and punctuation removed), the intent is chosen by
//! keyword rules in a fixed order of precedence, and entities are read from the words — dates
//! (`super::when`), cities and categories from Kindred's own data (`Vocabulary`), event and
//! place types, a length in minutes, and flags such as "near me" or "open now". It is honest
//! about what it does: what matches no rule is `Intent::Unknown`.

use chrono::NaiveDate;

use super::when;
use crate::assistant::model::{Entities, Intent, Lang, Understood};

/// What the data knows: cities with events or places, and the practice categories.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    pub cities: Vec<String>,
    /// (slug, name) of each practice category.
    pub categories: Vec<(String, String)>,
}

/// Lower case, accents folded (á → a, ñ → n), every other non-alphanumeric character a space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ñ' => 'n',
            'ç' => 'c',
            '\'' | '’' => continue,
            c if c.is_alphanumeric() => c,
            _ => ' ',
        };
        out.push(c);
    }
    out
}

fn has(words: &[&str], seq: &[&str]) -> bool {
    !seq.is_empty() && words.windows(seq.len()).any(|w| w == seq)
}

fn any(words: &[&str], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(w))
}

fn any_seq(words: &[&str], seqs: &[&[&str]]) -> bool {
    seqs.iter().any(|s| has(words, s))
}

const ES: &[&str] = &[
    "que",
    "donde",
    "cerca",
    "de",
    "del",
    "mi",
    "mis",
    "hoy",
    "manana",
    "esta",
    "este",
    "el",
    "la",
    "los",
    "las",
    "una",
    "unos",
    "para",
    "con",
    "por",
    "hay",
    "semana",
    "fin",
    "finde",
    "proximo",
    "proxima",
    "cuando",
    "como",
    "abierto",
    "abierta",
    "ahora",
    "tranquilo",
    "tranquila",
    "clase",
    "clases",
    "respiracion",
    "tecnica",
    "racha",
    "logro",
    "carta",
    "perdi",
    "ponme",
    "dia",
    "dias",
    "minutos",
    "principiantes",
    "noche",
    "tarde",
    "quiero",
    "busco",
    "algun",
    "alguna",
    "sacar",
    "saca",
    "tira",
    "cual",
    "siguiente",
    "puedo",
    "hago",
    "se",
    "en",
    "y",
    "o",
    "al",
    "hola",
    "gracias",
    "buenas",
];
const EN: &[&str] = &[
    "the",
    "a",
    "an",
    "is",
    "my",
    "me",
    "near",
    "this",
    "what",
    "where",
    "when",
    "how",
    "in",
    "of",
    "for",
    "to",
    "open",
    "now",
    "tonight",
    "tomorrow",
    "weekend",
    "class",
    "classes",
    "technique",
    "streak",
    "card",
    "draw",
    "miss",
    "did",
    "i",
    "do",
    "can",
    "quiet",
    "beginner",
    "next",
    "minute",
    "minutes",
    "today",
    "week",
    "any",
    "some",
    "find",
    "show",
    "and",
    "or",
    "at",
    "on",
];

fn language(raw: &str, words: &[&str]) -> Lang {
    let mut es = words.iter().filter(|w| ES.contains(w)).count() * 2;
    let en = words.iter().filter(|w| EN.contains(w)).count() * 2;
    if raw.contains(['¿', '¡', 'ñ', 'á', 'é', 'í', 'ó', 'ú']) {
        es += 3;
    }
    if es > en {
        Lang::Es
    } else {
        Lang::En
    }
}

/// Event types by key, each with the word sequences that name it.
const EVENT_TYPES: &[(&str, &[&[&str]])] = &[
    (
        "group_practice",
        &[&["group", "practice"], &["group", "practices"], &["practica", "grupal"], &["practicas", "grupales"]],
    ),
    ("mentor_session", &[&["mentor", "session"], &["mentor", "sessions"], &["mentoring"], &["mentoria"]]),
    ("milonga", &[&["milonga"], &["milongas"]]),
    ("practica", &[&["practica"], &["practicas"]]),
    ("class", &[&["class"], &["classes"], &["clase"], &["clases"], &["lesson"], &["lessons"]]),
    ("workshop", &[&["workshop"], &["workshops"], &["taller"], &["talleres"]]),
    ("festival", &[&["festival"], &["festivals"], &["festivales"], &["encuentro"]]),
];
const EVENT_WORDS: &[&[&str]] = &[
    &["event"],
    &["events"],
    &["evento"],
    &["eventos"],
    &["whats", "on"],
    &["what", "is", "on"],
    &["que", "hay"],
    &["happening"],
    &["dance"],
    &["dancing"],
    &["bailar"],
    &["tango"],
];

const PLACE_TYPES: &[(&str, &[&[&str]])] = &[
    ("coffee", &[&["cafe"], &["cafes"], &["coffee"], &["cafeteria"], &["cafeterias"]]),
    ("gym", &[&["gym"], &["gyms"], &["gimnasio"], &["gimnasios"]]),
    ("studio", &[&["studio"], &["studios"], &["estudio"], &["estudios"], &["dojo"]]),
    (
        "nutrition",
        &[&["nutrition"], &["nutricion"], &["healthy", "food"], &["comida", "sana"], &["comida", "saludable"]],
    ),
];
const PLACE_WORDS: &[&[&str]] = &[
    &["place"],
    &["places"],
    &["spot"],
    &["lugar"],
    &["lugares"],
    &["sitio"],
    &["sitios"],
    &["somewhere"],
    &["algun", "sitio"],
    &["check", "in"],
];

/// Built-in synonyms of the demo library's category slugs (names from the data add to these).
const CATEGORY_WORDS: &[(&str, &[&[&str]])] = &[
    ("breath", &[&["breath"], &["breathing"], &["breathwork"], &["respiracion"], &["respirar"]]),
    ("grounding", &[&["grounding"], &["ground"], &["enraizamiento"], &["enraizar"], &["arraigo"], &["anclaje"]]),
    // Before energy: "protección energética" is protection.
    ("protection", &[&["protection"], &["protect"], &["shielding"], &["proteccion"], &["protegerme"], &["proteger"]]),
    ("energy", &[&["energy"], &["energia"], &["energetica"]]),
    ("flow", &[&["flow"], &["body", "awareness"], &["fluir"], &["flujo"], &["conciencia", "corporal"]]),
];
const TECHNIQUE_WORDS: &[&str] = &[
    "technique",
    "techniques",
    "tecnica",
    "tecnicas",
    "exercise",
    "exercises",
    "ejercicio",
    "ejercicios",
    "meditation",
    "meditate",
    "meditar",
    "meditacion",
    "practise",
    "practice",
    "practicar",
];

fn minutes(words: &[&str]) -> Option<u32> {
    words.windows(2).find_map(|w| match (w[0].parse::<u32>(), w[1]) {
        (Ok(n), "minute" | "minutes" | "min" | "mins" | "minuto" | "minutos") if (1..=240).contains(&n) => Some(n),
        _ => None,
    })
}

/// The longest city of the vocabulary named in the words (multi-word cities included).
fn city(words: &[&str], vocab: &Vocabulary) -> Option<String> {
    vocab
        .cities
        .iter()
        .filter_map(|c| {
            let norm = normalise(c);
            let seq: Vec<&str> = norm.split_whitespace().collect();
            has(words, &seq).then(|| (seq.len(), c.clone()))
        })
        .max_by_key(|(n, _)| *n)
        .map(|(_, c)| c)
}

fn category(words: &[&str], vocab: &Vocabulary) -> Option<String> {
    for (slug, seqs) in CATEGORY_WORDS {
        if any_seq(words, seqs) && (vocab.categories.is_empty() || vocab.categories.iter().any(|(s, _)| s == slug)) {
            return Some(slug.to_string());
        }
    }
    vocab.categories.iter().find_map(|(slug, name)| {
        let norm = normalise(name);
        let seq: Vec<&str> = norm.split_whitespace().filter(|w| *w != "and" && *w != "y").collect();
        has(words, &seq).then(|| slug.clone())
    })
}

/// Understands a request, relative to the member's local `today`.
pub fn understand(text: &str, today: NaiveDate, vocab: &Vocabulary) -> Understood {
    let norm = normalise(text);
    let words: Vec<&str> = norm.split_whitespace().collect();
    let w = words.as_slice();
    let lang = language(text, w);

    let event_type = EVENT_TYPES.iter().find(|(_, seqs)| any_seq(w, seqs)).map(|(k, _)| k.to_string());
    let place_type = PLACE_TYPES.iter().find(|(_, seqs)| any_seq(w, seqs)).map(|(k, _)| k.to_string());
    let category = category(w, vocab);
    let minutes = minutes(w);
    let dates = when::parse(w, today);
    let mut entities = Entities {
        from: dates.from,
        to: dates.to,
        day_part: dates.part,
        city: city(w, vocab),
        event_type,
        place_type,
        category,
        minutes,
        near_me: any_seq(
            w,
            &[
                &["near", "me"],
                &["nearby"],
                &["close", "to", "me"],
                &["around", "me"],
                &["cerca"],
                &["cercano"],
                &["cercana"],
            ],
        ),
        open_now: any_seq(w, &[&["open"], &["abierto"], &["abierta"], &["abiertos"], &["abiertas"]]),
        quiet: any_seq(
            w,
            &[
                &["quiet"],
                &["calm"],
                &["peaceful"],
                &["low", "anxiety"],
                &["tranquilo"],
                &["tranquila"],
                &["tranquilos"],
                &["silencioso"],
                &["poca", "ansiedad"],
            ],
        ),
        beginner: any(
            w,
            &["beginner", "beginners", "newcomer", "newcomers", "principiante", "principiantes", "novato"],
        ) || has(w, &["para", "empezar"]),
        online: any(w, &["online", "virtual", "zoom"]) || has(w, &["en", "linea"]),
    };

    let catch_up = any_seq(
        w,
        &[
            &["what", "did", "i", "miss"],
            &["what", "have", "i", "missed"],
            &["what", "i", "missed"],
            &["catch", "me", "up"],
            &["catch", "up"],
            &["que", "me", "perdi"],
            &["me", "perdi"],
            &["ponme", "al", "dia"],
            &["unread"],
            &["sin", "leer"],
            &["notifications"],
            &["notificaciones"],
            &["novedades"],
        ],
    );
    let help =
        matches!(w, ["how", "do" | "can" | "to" | "should", ..] | ["como", "puedo" | "hago" | "se" | "funciona", ..])
            || any(w, &["help", "ayuda", "ayudame"])
            || has(w, &["how", "does"]);
    let card = any(w, &["card", "carta", "oracle", "oraculo", "tarot"])
        || (any(w, &["draw", "sacar", "saca", "tira", "tirar"])
            && any(w, &["my", "mi", "una", "a"])
            && !any(w, &["class"]));
    let streak = any(w, &["streak", "racha", "streaks", "rachas"]);
    let achievement =
        any(w, &["achievement", "achievements", "logro", "logros", "badge", "badges", "insignia", "medalla"]);
    let technique_word = any(w, TECHNIQUE_WORDS);
    // "Práctica de respiración" is a practice, not a práctica (the tango event).
    if entities.event_type.as_deref() == Some("practica")
        && (entities.category.is_some() || entities.minutes.is_some())
        && entities.city.is_none()
        && !any(w, &["tango", "milonga", "bailar"])
    {
        entities.event_type = None;
    }
    let eventish = entities.event_type.is_some() || any_seq(w, EVENT_WORDS);
    let placeish = entities.place_type.is_some() || any_seq(w, PLACE_WORDS);

    let intent = if catch_up {
        Intent::CatchUp
    } else if help {
        Intent::Help
    } else if card {
        Intent::DrawCard
    } else if streak {
        Intent::Streak
    } else if achievement {
        Intent::NextAchievement
    } else if eventish && !(placeish && entities.event_type.is_none()) {
        Intent::Events
    } else if placeish || (entities.quiet || entities.open_now) && entities.category.is_none() && !technique_word {
        Intent::Places
    } else if technique_word || entities.category.is_some() || entities.minutes.is_some() {
        Intent::Technique
    } else if entities.from.is_some() || entities.city.is_some() {
        // "Anything in Berlin tomorrow?": dates and cities are what events have.
        Intent::Events
    } else if entities.near_me {
        Intent::Places
    } else {
        Intent::Unknown
    };
    Understood { intent, lang, entities }
}
