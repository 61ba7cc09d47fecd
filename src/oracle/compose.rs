//! Text for the oracle: a member's personal guide, the daily card and three-card spreads.
//!
//! Everything is assembled locally from building blocks written for Kindred, so readings work
//! offline, cost nothing and never send a member's answers anywhere. The only variation comes from
//! the `seed` the caller passes (derived from the member id) or, for spreads, from a hash of the
//! question and cards, so the same inputs always give the same words.
//!
//! # The guide's element
//!
//! 1. **Start** from the element of the member's sign (`AstroSign::element`).
//! 2. **Score** the free-text answers (path, beliefs and offerings together): every word that
//!    matches an element cue counts one point for that element. Cues are whole words, with plain
//!    English plurals (`candle` also matches `candles`) and a few Spanish words:
//!    - Fire: candle, flame, fire, sun, dance, passion, hearth, spark, drum, vela, fuego, baile, …
//!    - Water: water, ocean, river, moon, tears, feeling, rain, dream, tea, agua, mar, luna, …
//!    - Earth: earth, garden, stone, crystal, forest, herbs, bread, soil, walking, tierra, pan, …
//!    - Air: breath, wind, incense, song, words, feather, prayer, chant, poetry, aire, canto, …
//! 3. **Nudge** by the yes/no answers: `religious == Some(true)` adds one point to Earth (shared
//!    tradition and ritual are about common ground), `spiritual == Some(true)` adds one point to Air
//!    (spirit and breath share a root word). A nudge alone never outweighs a sign; it can only tip a
//!    leaning that the member's own words already show.
//! 4. **Shift** only on a clear lean: another element replaces the sign's element when it has at
//!    least 2 more points than the sign's element *and* strictly more than any other candidate. A tie
//!    between challengers keeps the sign's element, because there is no single direction to follow.
//! 5. **No sign:** the element with the most points (at least one) leads, if it leads alone.
//! 6. **Nothing to go on** (no sign and no points, or a tie without a sign): **Water**, the
//!    receptive, listening element, which suits a guide that has yet to learn about its member.
//!
//! # Guides
//!
//! A guide's name combines an element-specific first name with an element-specific epithet (ten of
//! each per element, picked by the seed). The description names the element and, when given, quotes
//! the member's path and offerings. Those are trimmed, stripped of control characters, collapsed to
//! single spaces and capped at 60 characters, so a guide never echoes more than that of any answer.
//! Beliefs only feed the element score and are never quoted.
//!
//! # Question themes
//!
//! [`question_theme`] lower-cases the question, splits it into words and counts keyword hits per
//! theme (English plus common Spanish words from the tango floor: *amor*, *trabajo*, *milonga*, …).
//! The theme with the most hits wins. Ties go to the more specific theme, in the order Dance, Love,
//! Family, Work, Health, Creativity, Spirit, because words like "path" or "meaning" are used loosely.
//! A question with no hits, or an empty one, is [`QuestionTheme::General`].

use super::deck::Card;
use crate::oracle::astro::{AstroSign, Element};

/// A member's questionnaire answers, as given.
#[derive(Debug, Clone, Copy, Default)]
pub struct GuideAnswers<'a> {
    pub religious: Option<bool>,
    pub spiritual: Option<bool>,
    /// Religion or path, free text, may be empty.
    pub path: &'a str,
    /// Free text, may be empty.
    pub beliefs: &'a str,
    /// What they offer (candles, songs, service…), free text, may be empty.
    pub offerings: &'a str,
    pub sign: Option<AstroSign>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct GuideDraft {
    pub name: String,
    pub description: String,
    pub element: Element,
    pub element_reason: String,
}

#[derive(Debug, Clone, Copy)]
pub struct Drawn<'a> {
    pub card: &'a Card,
    pub reversed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DailyText {
    pub title: String,
    pub guidance: String,
    /// Exactly three: the card's own symbols.
    pub symbols: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuestionTheme {
    Love,
    Work,
    Health,
    Spirit,
    Family,
    Creativity,
    Dance,
    General,
}

impl QuestionTheme {
    pub fn label(self) -> &'static str {
        match self {
            QuestionTheme::Love => "Love and relationships",
            QuestionTheme::Work => "Work and vocation",
            QuestionTheme::Health => "Health and wellbeing",
            QuestionTheme::Spirit => "Spiritual path",
            QuestionTheme::Family => "Family and home",
            QuestionTheme::Creativity => "Creativity",
            QuestionTheme::Dance => "Dance and tango",
            QuestionTheme::General => "General",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Shared helpers
// ---------------------------------------------------------------------------------------------

/// Index order for per-element tables below.
const ELEMENTS: [Element; 4] = [Element::Fire, Element::Earth, Element::Air, Element::Water];

fn idx(element: Element) -> usize {
    match element {
        Element::Fire => 0,
        Element::Earth => 1,
        Element::Air => 2,
        Element::Water => 3,
    }
}

fn element_name(element: Element) -> &'static str {
    match element {
        Element::Fire => "Fire",
        Element::Earth => "Earth",
        Element::Air => "Air",
        Element::Water => "Water",
    }
}

/// SplitMix64 finaliser: a good spread from neighbouring seeds (member ids hashed by the caller may
/// still be close together), and independent picks per `salt` so name parts do not move in lockstep.
fn mix(seed: u64, salt: u64) -> u64 {
    let mut z = seed.wrapping_add(salt.wrapping_mul(0x9E37_79B9_7F4A_7C15)).wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn pick<T: Copy>(items: &[T], seed: u64, salt: u64) -> T {
    // Modulo bias is irrelevant for lists of a handful of phrases.
    items[(mix(seed, salt) % items.len() as u64) as usize]
}

/// FNV-1a, used where the API gives no seed but wording should still vary between readings.
fn fnv1a(hash: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3))
}

const FNV_OFFSET: u64 = 0xCBF2_9CE4_8422_2325;

/// "a", "a and b", "a, b and c".
fn join_natural(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Lower-cased words, split on anything that is not a letter or digit (so "¿amor?" is "amor").
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// `stem*` matches any word starting with `stem`; otherwise the word itself or its plain plural.
fn keyword_matches(word: &str, keyword: &str) -> bool {
    match keyword.strip_suffix('*') {
        Some(stem) => word.starts_with(stem),
        None => word.strip_prefix(keyword).is_some_and(|rest| rest.is_empty() || rest == "s" || rest == "es"),
    }
}

const ANSWER_MAX_CHARS: usize = 60;

/// Scanning is bounded so an oversized answer cannot make a request expensive.
const SCAN_MAX_CHARS: usize = 2000;

/// Answers that mean "nothing" should read as empty rather than be quoted back.
const NON_ANSWERS: &[&str] = &["none", "n/a", "na", "no", "nothing", "-", "—", "ninguno", "ninguna", "nada"];

/// The member's own words, made safe to quote: one line, at most [`ANSWER_MAX_CHARS`] characters,
/// cut at a word boundary when that keeps most of the text.
fn quotable(raw: &str) -> Option<String> {
    let collapsed = raw
        .chars()
        .take(SCAN_MAX_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let trim = |s: &str| -> String {
        s.trim_matches(|c: char| c.is_whitespace() || ".,;:!?\"“”'‘’".contains(c)).to_string()
    };
    let mut text = trim(&collapsed);
    if text.chars().count() > ANSWER_MAX_CHARS {
        let cut: String = text.chars().take(ANSWER_MAX_CHARS).collect();
        let at_word = match cut.rfind(' ') {
            Some(space) if cut[..space].chars().count() >= ANSWER_MAX_CHARS / 2 => cut[..space].to_string(),
            _ => cut,
        };
        text = trim(&at_word);
    }
    if text.is_empty() || NON_ANSWERS.contains(&text.to_lowercase().as_str()) {
        None
    } else {
        Some(text)
    }
}

/// Two keywords joined naturally, varied by `hash`, tolerant of short lists.
fn keyword_pair(keywords: &[&str], hash: u64) -> String {
    match keywords.len() {
        0 => "what this card holds".to_string(),
        1 => keywords[0].to_string(),
        n => {
            let first = (hash % n as u64) as usize;
            let second = (first + 1 + ((hash >> 17) % (n as u64 - 1)) as usize) % n;
            join_natural(&[keywords[first], keywords[second]])
        }
    }
}

fn card_keywords(drawn: &Drawn) -> &'static [&'static str] {
    if drawn.reversed {
        drawn.card.keywords_reversed
    } else {
        drawn.card.keywords_upright
    }
}

fn card_meaning(drawn: &Drawn) -> &'static str {
    if drawn.reversed {
        drawn.card.reversed
    } else {
        drawn.card.upright
    }
}

// ---------------------------------------------------------------------------------------------
// The guide's element
// ---------------------------------------------------------------------------------------------

/// Per element, in [`ELEMENTS`] order. Singular forms; plain plurals match automatically. Kept as
/// space-separated words so the lists stay readable instead of one word per line.
const CUES: [&str; 4] = [
    // Fire
    "candle flame fire sun sunlight sunrise dance dancing passion passionate heat warmth light hearth torch \
     lantern spark ember bonfire courage drum drumming vela fuego sol baile bailar pasión pasion",
    // Earth
    "earth garden gardening stone crystal forest tree herb bread soil seed mountain food cooking baking clay \
     pottery wood harvest flower plant root grounding nature hiking walking body tierra jardín jardin piedra pan \
     bosque hierba flor",
    // Air
    "breath breathing breathe breathwork wind incense song singing chant chanting mantra word feather prayer \
     praying poetry poem music bell sky bird voice aire viento canto canción cancion oración oracion rezo palabra \
     incienso",
    // Water
    "water ocean sea river lake rain moon moonlight tears feeling emotion tide wave bath swimming dream intuition \
     tea agua mar río rio luna lágrimas lagrimas sueño sueños",
];

const RELIGIOUS_EVIDENCE: &str = "your faith";
const SPIRITUAL_EVIDENCE: &str = "your spiritual search";

struct Leaning {
    points: [u32; 4],
    /// Distinct cues (and nudges) behind each element's points, for the reason shown to the member.
    evidence: [Vec<&'static str>; 4],
}

impl Leaning {
    fn of(answers: &GuideAnswers) -> Self {
        let mut lean = Leaning { points: [0; 4], evidence: Default::default() };
        for field in [answers.path, answers.beliefs, answers.offerings] {
            let bounded: String = field.chars().take(SCAN_MAX_CHARS).collect();
            for word in words(&bounded) {
                for (i, cues) in CUES.iter().enumerate() {
                    if let Some(cue) = cues.split_whitespace().find(|cue| keyword_matches(&word, cue)) {
                        lean.points[i] += 1;
                        if !lean.evidence[i].contains(&cue) {
                            lean.evidence[i].push(cue);
                        }
                    }
                }
            }
        }
        if answers.religious == Some(true) {
            lean.points[idx(Element::Earth)] += 1;
            lean.evidence[idx(Element::Earth)].push(RELIGIOUS_EVIDENCE);
        }
        if answers.spiritual == Some(true) {
            lean.points[idx(Element::Air)] += 1;
            lean.evidence[idx(Element::Air)].push(SPIRITUAL_EVIDENCE);
        }
        lean
    }

    fn points(&self, element: Element) -> u32 {
        self.points[idx(element)]
    }

    /// The candidate with the most points, if no other candidate has as many.
    fn sole_leader(&self, candidates: impl Iterator<Item = Element>) -> Option<Element> {
        let candidates: Vec<Element> = candidates.collect();
        let top = candidates.iter().map(|&e| self.points(e)).max()?;
        let mut leaders = candidates.into_iter().filter(|&e| self.points(e) == top);
        match (leaders.next(), leaders.next()) {
            (Some(leader), None) => Some(leader),
            _ => None,
        }
    }

    /// Up to three pieces of evidence, cue words first, ready to drop into a sentence.
    fn because(&self, element: Element) -> String {
        let evidence = &self.evidence[idx(element)];
        let mut shown: Vec<&str> =
            evidence.iter().copied().filter(|e| *e != RELIGIOUS_EVIDENCE && *e != SPIRITUAL_EVIDENCE).take(3).collect();
        for nudge in [RELIGIOUS_EVIDENCE, SPIRITUAL_EVIDENCE] {
            if evidence.contains(&nudge) && shown.len() < 4 {
                shown.push(nudge);
            }
        }
        join_natural(&shown)
    }
}

/// "Sagittarius" from the sign's stable key; the label carries a glyph that reads oddly mid-sentence.
fn sign_name(sign: AstroSign) -> String {
    let key = sign.key();
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The guide's element: the sign's element, shifted by the answers (see the module docs), with a
/// one-sentence reason shown to the member.
pub fn element_for(answers: &GuideAnswers) -> (Element, String) {
    let lean = Leaning::of(answers);
    match answers.sign {
        Some(sign) => {
            let start = sign.element();
            let sign = sign_name(sign);
            let needed = lean.points(start) + 2;
            let challengers = ELEMENTS.into_iter().filter(|&e| e != start && lean.points(e) >= needed);
            match lean.sole_leader(challengers) {
                Some(shifted) => (
                    shifted,
                    format!(
                        "{sign} is a {} sign, but your answers lean clearly towards {} ({}), so your guide \
                         carries {}.",
                        element_name(start),
                        element_name(shifted),
                        lean.because(shifted),
                        element_name(shifted),
                    ),
                ),
                None if lean.points(start) > 0 => (
                    start,
                    format!(
                        "{sign} gives your guide {}, and your answers ({}) only strengthen it.",
                        element_name(start),
                        lean.because(start),
                    ),
                ),
                None => (
                    start,
                    format!(
                        "{sign} gives your guide {}, and nothing in your answers pulls strongly enough elsewhere \
                         to change it.",
                        element_name(start),
                    ),
                ),
            }
        }
        None => {
            let scored = ELEMENTS.into_iter().filter(|&e| lean.points(e) > 0);
            match lean.sole_leader(scored) {
                Some(element) => (
                    element,
                    format!(
                        "With no sign given, your guide takes {} from your answers ({}).",
                        element_name(element),
                        lean.because(element),
                    ),
                ),
                None => (
                    Element::Water,
                    "With no sign and no single leaning in your answers, your guide begins in Water, the element \
                     of listening and feeling."
                        .to_string(),
                ),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Guides
// ---------------------------------------------------------------------------------------------

const SALT_FIRST_NAME: u64 = 1;
const SALT_EPITHET: u64 = 2;
const SALT_INTRO: u64 = 3;
const SALT_ESSENCE: u64 = 4;
const SALT_PATH: u64 = 5;
const SALT_OFFERING: u64 = 6;
const SALT_CLOSING: u64 = 7;
const SALT_OPENING: u64 = 8;
const SALT_KEYWORDS: u64 = 9;
const SALT_PAIR: u64 = 10;
const SALT_PRACTICE: u64 = 11;
const SALT_PRACTICE_FRAME: u64 = 12;

const FIRST_NAMES: [&[&str]; 4] = [
    &["Solenne", "Ignatia", "Brannagh", "Seraphine", "Fiammetta", "Aiden", "Calida", "Rhian", "Azar", "Elio"],
    &["Rowan", "Hazel", "Bramwell", "Linden", "Demetra", "Alder", "Petra", "Sylvan", "Orla", "Tamsin"],
    &["Aria", "Zephyrine", "Corvin", "Wren", "Aurelian", "Lark", "Ilaria", "Evander", "Celeste", "Ventura"],
    &["Marisol", "Nerys", "Ondine", "Caspian", "Maren", "Lir", "Isolde", "Delphine", "Cordelia", "Naiara"],
];

const EPITHETS: [&[&str]; 4] = [
    &[
        "of the Ember Path",
        "of the Kindled Heart",
        "of the Dawn Fire",
        "of the Golden Hour",
        "of the Bright Step",
        "of the Midsummer Flame",
        "of the Lantern Road",
        "of the Warm Hearth",
        "of the Rising Sun",
        "of the Red Thread",
    ],
    &[
        "of the Old Oak",
        "of the Standing Stones",
        "of the Walled Garden",
        "of the Harvest Field",
        "of the Mossy Path",
        "of the Mountain Root",
        "of the Quiet Orchard",
        "of the Deep Forest",
        "of the Hearthstone",
        "of the Seed and Furrow",
    ],
    &[
        "of the Open Sky",
        "of the Morning Bell",
        "of the Feathered Word",
        "of the High Meadow",
        "of the Singing Reed",
        "of the First Breath",
        "of the Wandering Cloud",
        "of the Four Winds",
        "of the Clear Bell",
        "of the Whispering Pines",
    ],
    &[
        "of the Moonlit Tide",
        "of the Quiet Well",
        "of the Silver River",
        "of the Deep Pool",
        "of the Rain Garden",
        "of the Evening Shore",
        "of the Tender Current",
        "of the Misted Lake",
        "of the Hidden Spring",
        "of the Salt and Foam",
    ],
];

/// Adjective phrases that fit after "is", after a comma, or after "Born of Fire, X is".
const ESSENCES: [&[&str]; 4] = [
    &[
        "warm, quick and at home wherever something is being kindled",
        "bright and brave, with a gift for turning a spark of intention into action",
        "playful and fierce, happiest when you dare to take the first step",
    ],
    &[
        "steady and patient, rooted in what grows slowly and lasts",
        "calm and practical, at home among gardens, bread and good plain work",
        "grounded and kind, with a knack for turning big hopes into small daily steps",
    ],
    &[
        "light and curious, at home in breath, song and clear words",
        "quick-minded and gentle, happiest when a tangled thought comes loose",
        "airy and attentive, always listening for the question beneath the question",
    ],
    &[
        "gentle and deep, at home in feeling, dreams and quiet tides",
        "soft-spoken and intuitive, tuned to what moves beneath the surface",
        "patient and tender, with a gift for letting what is stuck begin to flow",
    ],
];

/// How a guide receives what the member offers.
const RECEIVES: [&[&str]; 4] = [
    &["as fuel for a shared hearth", "like kindling for a steady flame", "as warmth to be passed on"],
    &["like seeds pressed into good soil", "as something to root and tend", "as bread for a common table"],
    &["like words carried on the wind", "as a song sent up into open sky", "like breath that moves between people"],
    &["like rain returning to the well", "as an offering to the tide", "like a river welcomed by the sea"],
];

/// The smallest offering each element's guide asks for when the member names none.
const SMALL_OFFERINGS: [&[&str]; 4] = [
    &["a lit candle and an honest intention", "one small act of courage a day"],
    &["a hand on the ground and a slow breath", "a few quiet minutes among growing things"],
    &["a single deep breath and a word of thanks", "a few lines written down and read aloud"],
    &["a glass of water drunk slowly", "a moment of honest feeling, just as it is"],
];

const CLOSINGS: [&[&str]; 4] = [
    &[
        "Call on them when you need the courage to begin.",
        "They are at their best on the days you are ready to move.",
        "Let them remind you that a small flame, tended daily, warms a whole room.",
        "Turn to them when your spark feels low; they know how to coax it back.",
    ],
    &[
        "Call on them when you need steadiness and a clear next step.",
        "They are at their best when life asks for patience and care.",
        "Let them remind you that slow growth is still growth.",
        "Turn to them when you feel scattered; they know the way back to solid ground.",
    ],
    &[
        "Call on them when you need a clear head and a fresh perspective.",
        "They are at their best when you are ready to listen and to speak truly.",
        "Let them remind you that one conscious breath can change a whole day.",
        "Turn to them when your thoughts feel crowded; they know how to open a window.",
    ],
    &[
        "Call on them when your heart needs a gentle witness.",
        "They are at their best when you let yourself feel what is really there.",
        "Let them remind you that even still water is quietly alive.",
        "Turn to them when you feel dry or stuck; they know how to let things flow again.",
    ],
];

fn first_name(element: Element, seed: u64) -> &'static str {
    pick(FIRST_NAMES[idx(element)], seed, SALT_FIRST_NAME)
}

/// Name and 4-sentence description. The same answers and seed always give the same guide.
pub fn guide_from_answers(answers: &GuideAnswers, seed: u64) -> GuideDraft {
    let (element, element_reason) = element_for(answers);
    let e = idx(element);
    let el = element_name(element);
    let first = first_name(element, seed);
    let name = format!("{first} {}", pick(EPITHETS[e], seed, SALT_EPITHET));

    let essence = pick(ESSENCES[e], seed, SALT_ESSENCE);
    let intro = match mix(seed, SALT_INTRO) % 3 {
        0 => format!("{name} is a guide of {el}, {essence}."),
        1 => format!("{name} comes to you from the element of {el}: {essence}."),
        _ => format!("Born of {el}, {first} is {essence}."),
    };

    // "faith" would presume too much for someone who said they are not religious.
    let noun = match (answers.religious, answers.spiritual) {
        (Some(true), _) => "faith",
        (_, Some(true)) => "path",
        _ => "way",
    };
    let path = match quotable(answers.path) {
        Some(path) => match mix(seed, SALT_PATH) % 3 {
            0 => format!("{first} honours the {noun} you name as “{path}” and walks beside it, never ahead of it."),
            1 => format!("{first} knows your {noun}, “{path}”, and speaks in a way that sits well within it."),
            _ => format!("Rather than replace your {noun}, “{path}”, {first} keeps you company along it."),
        },
        None if answers.religious == Some(false) && answers.spiritual == Some(false) => {
            format!("{first} asks for no belief at all, only a few honest minutes of your attention.")
        }
        None => match mix(seed, SALT_PATH) % 2 {
            0 => format!("{first} belongs to no single tradition and gladly walks beside whatever you practise."),
            _ => format!("{first} holds no doctrine of their own and simply keeps you company in your practice."),
        },
    };

    let offering = match quotable(answers.offerings) {
        Some(offerings) => {
            let receives = pick(RECEIVES[e], seed, SALT_OFFERING);
            match mix(seed, SALT_OFFERING) % 2 {
                0 => format!("When you bring “{offerings}”, {first} receives it {receives}."),
                _ => format!("{first} welcomes what you offer, “{offerings}”, {receives}."),
            }
        }
        None => format!("{first} asks for no offering beyond {}.", pick(SMALL_OFFERINGS[e], seed, SALT_OFFERING)),
    };

    let closing = pick(CLOSINGS[e], seed, SALT_CLOSING);
    GuideDraft { name, description: format!("{intro} {path} {offering} {closing}"), element, element_reason }
}

// ---------------------------------------------------------------------------------------------
// Daily card
// ---------------------------------------------------------------------------------------------

/// Small, doable practices; each starts with a verb so it fits after a colon or a comma.
const PRACTICES: [&[&str]; 4] = [
    &[
        "light a candle before you start your day and name one thing you are ready to begin",
        "put on one piece of music you love and let yourself move to it, even for a single song",
        "spend five minutes in sunlight or beside a flame and notice where warmth lives in your body",
        "do one small brave thing you have been putting off, then pause to feel the spark of it",
        "stand tall, breathe into your belly and say one intention for the day out loud",
    ],
    &[
        "walk slowly for ten minutes, feeling each footstep meet the ground",
        "tend a plant, a garden or a pot of herbs, and notice what is quietly growing",
        "cook or share a simple meal with full attention, tasting each part of it",
        "hold a stone or crystal in your palm for a few breaths and let your shoulders drop",
        "tidy one small corner of your home as an act of care rather than a chore",
    ],
    &[
        "take ten slow breaths, counting each out-breath, before you open your messages",
        "light incense or open a window and sit for a few minutes with the moving air",
        "write three lines, a prayer, a poem or a plain thought, and read them aloud",
        "hum or sing one song you know by heart, feeling your breath carry your voice",
        "step outside, look at the sky for a minute and let one worry drift off with the clouds",
    ],
    &[
        "drink a glass of water slowly, letting each sip be a moment of attention",
        "make a warm bath or shower into a small ritual, letting go of what you no longer need",
        "write down one feeling you have been carrying and let it be exactly as it is",
        "spend a few minutes near water, or simply listen to it, and let your breathing soften",
        "before sleep, ask for a dream, and note whatever you remember in the morning",
    ],
];

/// What happens when the card's element meets the guide's; the order of the pair does not matter.
fn element_meeting(card: Element, guide: Element) -> &'static str {
    use Element::{Air, Earth, Fire, Water};
    match (card, guide) {
        (Fire, Air) | (Air, Fire) => "breath keeps a flame alive, so ideas and courage can move together",
        (Earth, Water) | (Water, Earth) => {
            "water softens earth and earth holds water, so feeling and steadiness can work as one"
        }
        (Fire, Water) | (Water, Fire) => {
            "together they make steam, so let feeling and drive take turns rather than fight"
        }
        (Air, Earth) | (Earth, Air) => {
            "thought and ground pull different ways, so let one clear idea become one small act"
        }
        (Fire, Earth) | (Earth, Fire) => {
            "warmth ripens what the ground holds, so patience and passion can share the day"
        }
        (Air, Water) | (Water, Air) => {
            "mist and rain carry thought and feeling alike, so let what you sense and think talk"
        }
        // Same element: handled by the caller, kept total for safety.
        _ => "the two speak the same language today",
    }
}

/// The daily reading: the card's meaning (upright or reversed) plus an element-flavoured practice.
pub fn daily_text(drawn: &Drawn, guide_element: Element, seed: u64) -> DailyText {
    let card = drawn.card;
    let name = card.name;
    let pair = keyword_pair(card_keywords(drawn), mix(seed, SALT_KEYWORDS));
    let opening = match (drawn.reversed, mix(seed, SALT_OPENING) % 3) {
        (false, 0) => format!("{name} greets you today with {pair}."),
        (false, 1) => format!("Today {name} brings {pair} to the front of your mind."),
        (false, _) => format!("Your card for today is {name}, a card of {pair}."),
        (true, 0) => {
            format!("{name} comes to you reversed today, drawing your attention to {pair}.")
        }
        (true, 1) => {
            format!("Reversed, {name} is less a warning than an invitation to look at {pair}.")
        }
        (true, _) => format!("Today {name} arrives upside down, turning the light towards {pair}."),
    };

    let guide = element_name(guide_element);
    let meeting = if card.element == guide_element {
        format!("This card speaks in {guide}, your guide's own element, so its message may land close to home.")
    } else {
        let meeting = element_meeting(card.element, guide_element);
        match mix(seed, SALT_PAIR) % 2 {
            0 => format!("The card's {} meets your guide's {guide}: {meeting}.", element_name(card.element)),
            _ => format!("Your guide's {guide} meets this card's {}: {meeting}.", element_name(card.element)),
        }
    };

    let practice = pick(PRACTICES[idx(guide_element)], seed, SALT_PRACTICE);
    let practice = match mix(seed, SALT_PRACTICE_FRAME) % 3 {
        0 => format!("A {guide} practice for today: {practice}."),
        1 => format!("Your guide of {guide} suggests a practice for today: {practice}."),
        _ => format!("To carry this into your day in the way of {guide}, {practice}."),
    };

    let mut symbols: Vec<String> = card.symbols.iter().take(3).map(|s| s.to_string()).collect();
    // The deck guarantees three symbols; padding keeps the "exactly three" promise if that ever slips.
    for filler in ["a lit candle", "a bowl of water", "an open hand"] {
        if symbols.len() < 3 {
            symbols.push(filler.to_string());
        }
    }

    DailyText {
        title: if drawn.reversed { format!("{name}, reversed") } else { name.to_string() },
        guidance: format!("{opening} {} {meeting} {practice}", card_meaning(drawn)),
        symbols,
    }
}

// ---------------------------------------------------------------------------------------------
// Questions and spreads
// ---------------------------------------------------------------------------------------------

/// In tie-break order (see the module docs). `stem*` is a prefix; other words also match plurals.
const THEME_KEYWORDS: [(QuestionTheme, &str); 7] = [
    (
        QuestionTheme::Dance,
        "danc* tango* milonga* milonguero* vals ocho* giro* gancho* boleo* sacada* abrazo* embrace cabeceo tanda* \
         practica práctica ronda encuentro* musicality choreograph* salsa bachata ballet follower baile* bailar*",
    ),
    (
        QuestionTheme::Love,
        "love* lover romanc* romantic partner* relationship* dating crush heart marriage marry married wedding \
         boyfriend girlfriend husband wife soulmate ex breakup amor* pareja novio* novia* corazón corazon esposo \
         esposa",
    ),
    (
        QuestionTheme::Family,
        "family families mother mom mum father dad parent* child* kid son daughter sister* brother* sibling* grandm* \
         grandp* grandchild* home house familia* madre padre padres hijo* hija* hermano* hermana* casa hogar",
    ),
    (
        QuestionTheme::Work,
        "work working job career* boss colleague* coworker* business* money salary promotion office project \
         interview* client company finance* study studies exam trabajo* trabajar dinero empleo jefe negocio*",
    ),
    (
        QuestionTheme::Health,
        "health* heal healing sick* illness ill body pain sleep* tired energy stress* anxiety anxious diet exercise \
         weight doctor recover* wellbeing salud dolor cansad* enfermo* enferma* cuerpo",
    ),
    (
        QuestionTheme::Creativity,
        "creat* art artist* artwork paint* write writing writer music musician* sing singing singer song drawing \
         poem poet* novel book craft* inspir* idea compos* design* arte escribir pintar canción cancion",
    ),
    (
        QuestionTheme::Spirit,
        "spirit* soul meditat* prayer pray* god goddess divine faith purpose meaning path reiki chakra karma \
         intuition universe awaken* enlighten* guide alma espíritu espiritu espiritual dios fe camino",
    ),
];

/// Keyword-based theme of a question; see the module docs for the rule.
pub fn question_theme(question: &str) -> QuestionTheme {
    let bounded: String = question.chars().take(SCAN_MAX_CHARS).collect();
    let mut hits = [0u32; THEME_KEYWORDS.len()];
    for word in words(&bounded) {
        for (i, (_, keywords)) in THEME_KEYWORDS.iter().enumerate() {
            if keywords.split_whitespace().any(|k| keyword_matches(&word, k)) {
                hits[i] += 1;
            }
        }
    }
    // `max_by_key` keeps the last maximum, so scan in reverse to let the earlier theme win ties.
    THEME_KEYWORDS
        .iter()
        .zip(hits)
        .rev()
        .filter(|(_, n)| *n > 0)
        .max_by_key(|(_, n)| *n)
        .map_or(QuestionTheme::General, |((theme, _), _)| *theme)
}

#[derive(Clone, Copy)]
enum Position {
    Past,
    Present,
    Future,
}

impl Position {
    const ALL: [Position; 3] = [Position::Past, Position::Present, Position::Future];

    fn name(self) -> &'static str {
        match self {
            Position::Past => "Past",
            Position::Present => "Present",
            Position::Future => "Future",
        }
    }

    fn intro(self, reversed: bool, pair: &str) -> String {
        match (self, reversed) {
            (Position::Past, false) => {
                format!("Behind you lies a season of {pair}, and it still shapes where you stand.")
            }
            (Position::Past, true) => {
                format!("Behind you lies a stretch shaped by {pair}, worth understanding rather than regretting.")
            }
            (Position::Present, false) => {
                format!("Right now, {pair} are the currents most alive around you.")
            }
            (Position::Present, true) => {
                format!("Right now, {pair} sit close to the surface; naming them is already half the work.")
            }
            (Position::Future, false) => {
                format!("Ahead, {pair} are ready to grow if you tend them.")
            }
            (Position::Future, true) => {
                format!("Ahead, {pair} may ask for your attention: a possibility to steer, not a fate.")
            }
        }
    }
}

/// How each position reads for each theme.
fn theme_lens(theme: QuestionTheme, position: Position) -> &'static str {
    use Position::{Future, Past, Present};
    use QuestionTheme as T;
    match (theme, position) {
        (T::Love, Past) => {
            "In love, this is the history your heart carries into every new embrace; honour it without letting it \
             choose for you."
        }
        (T::Love, Present) => "In your relationships now, this is the tone in the room; meet it honestly and kindly.",
        (T::Love, Future) => "For love, this is where things can open if you keep your heart both soft and awake.",
        (T::Work, Past) => {
            "In your working life, this is the ground you built on, including the lessons that cost you."
        }
        (T::Work, Present) => "At work right now, this is the energy to work with rather than against.",
        (T::Work, Future) => "For your work, this is what can take shape through steady, chosen steps.",
        (T::Health, Past) => "For your body and wellbeing, this is what your system remembers; treat it with patience.",
        (T::Health, Present) => {
            "For your health today, this is what your body is asking you to notice, alongside, never instead of, good \
             care from people you trust."
        }
        (T::Health, Future) => {
            "For your wellbeing, this is what can strengthen as you keep listening to your body and to those who care \
             for it."
        }
        (T::Spirit, Past) => "On your spiritual path, this is a teaching you have already lived through.",
        (T::Spirit, Present) => {
            "In your practice now, this is the lesson waiting on the cushion, the mat or the floor."
        }
        (T::Spirit, Future) => "On your path, this is the next quiet initiation, arriving in its own time.",
        (T::Family, Past) => "In your family and home, this is the pattern you grew up with or helped to make.",
        (T::Family, Present) => "At home right now, this is what wants attention around the table.",
        (T::Family, Future) => {
            "For your family, this is what can grow when each person is given room to be themselves."
        }
        (T::Creativity, Past) => "For your creative life, this is the well you have already drawn from.",
        (T::Creativity, Present) => "In your creative work now, this is the material in your hands: use it.",
        (T::Creativity, Future) => "Creatively, this is what is waiting to be made, if you give it time and play.",
        (T::Dance, Past) => {
            "On the dance floor, this is what your body has already learned, the embraces and tandas that shaped how \
             you move."
        }
        (T::Dance, Present) => {
            "In your dancing now, this is what shows up in the embrace; let your partner and the music meet it."
        }
        (T::Dance, Future) => "For your dance, this is where your next steps can take you, one tanda at a time.",
        (T::General, Past) => "Looking back, this is the root of the question you are asking.",
        (T::General, Present) => "For now, this is the heart of the matter.",
        (T::General, Future) => {
            "Looking ahead, this is a likely direction, and you still hold the choice of how to walk it."
        }
    }
}

fn element_domain(element: Element) -> &'static str {
    match element {
        Element::Fire => "drive, desire and the courage to act",
        Element::Earth => "body, home, money and the slow work of building",
        Element::Air => "thought, words and the choices you make with a clear head",
        Element::Water => "feeling, relationship and intuition",
    }
}

fn missing_element_advice(element: Element) -> &'static str {
    match element {
        Element::Fire => "bring a little warmth and willingness to act",
        Element::Earth => "anchor your plans in one practical step",
        Element::Air => "give yourself time to think it through and say it out loud",
        Element::Water => "leave room for how you actually feel",
    }
}

fn synthesis(cards: &[Drawn; 3], hash: u64) -> String {
    let mut counts = [0usize; 4];
    for drawn in cards {
        counts[idx(drawn.card.element)] += 1;
    }
    let (lead, most) =
        ELEMENTS.into_iter().map(|e| (e, counts[idx(e)])).max_by_key(|&(_, n)| n).unwrap_or((Element::Water, 0));
    let elements = match most {
        3 => format!(
            "All three cards belong to {}, so the whole question moves through {}.",
            element_name(lead),
            element_domain(lead)
        ),
        2 => format!(
            "{} leads this spread with two of the three cards, pointing to {}.",
            element_name(lead),
            element_domain(lead)
        ),
        _ => {
            let missing = ELEMENTS.into_iter().find(|&e| counts[idx(e)] == 0).unwrap_or(Element::Water);
            format!(
                "Three different elements meet here and {} is the one missing, so {}.",
                element_name(missing),
                missing_element_advice(missing)
            )
        }
    };

    let majors: Vec<&str> = cards.iter().filter(|d| d.card.is_major()).map(|d| d.card.name).collect();
    let arcana = match majors.as_slice() {
        [] => "With no major arcana, this is a question of everyday choices, and much of it rests in your hands."
            .to_string(),
        [one] => format!("{one} is the one major arcana card, marking where a larger current touches your question."),
        [a, b] => format!(
            "Two major arcana cards, {a} and {b}, suggest bigger currents of growth moving alongside your own choices."
        ),
        _ => {
            "All three cards are major arcana, a sign that this question belongs to a significant chapter of your life."
                .to_string()
        }
    };

    let reversals = match cards.iter().filter(|d| d.reversed).count() {
        0 => "Every card stands upright, so the energy here moves fairly freely.",
        1 => "One card is reversed; that is the place to slow down and look more closely.",
        2 => {
            "Two cards are reversed, so some of this energy is turned inward for now; patience will serve you better \
              than force."
        }
        _ => {
            "All three cards are reversed, an invitation to rest, reflect and tend what is inside before pushing \
              outward."
        }
    };

    let closing = pick(
        &[
            "These cards describe currents, not verdicts: you remain the one who chooses the next step.",
            "Take what resonates, leave what does not, and trust yourself to walk on from here.",
            "Nothing here is fixed; the future card shows a direction, and you keep the freedom to change it.",
        ],
        hash,
        SALT_CLOSING,
    );
    format!("{elements} {arcana} {reversals} {closing}")
}

/// A past / present / future reading: an opening naming the theme, one paragraph per position and a
/// closing synthesis, separated by blank lines.
pub fn spread_text(question: &str, cards: &[Drawn; 3]) -> String {
    let theme = question_theme(question);
    // No seed is passed in, so wording varies with the reading itself; identical readings match.
    let mut hash = fnv1a(FNV_OFFSET, question.trim().as_bytes());
    for drawn in cards {
        hash = fnv1a(hash, &[drawn.card.id, u8::from(drawn.reversed)]);
    }

    let opening = match theme {
        QuestionTheme::General => match mix(hash, SALT_OPENING) % 2 {
            0 => "Your question is an open one, so these three cards speak to your life as a whole.".to_string(),
            _ => "This reading takes your question broadly, looking at your life as a whole.".to_string(),
        },
        theme => match mix(hash, SALT_OPENING) % 2 {
            0 => format!("This reading looks at your question through the lens of {}.", theme.label().to_lowercase()),
            _ => format!(
                "Your question touches on {}, so that is how these three cards are read.",
                theme.label().to_lowercase()
            ),
        },
    };

    let mut paragraphs = vec![opening];
    for (i, (position, drawn)) in Position::ALL.into_iter().zip(cards).enumerate() {
        let pair = keyword_pair(card_keywords(drawn), mix(hash, SALT_KEYWORDS + i as u64));
        paragraphs.push(format!(
            "{}: {}, {}. {} {} {}",
            position.name(),
            drawn.card.name,
            if drawn.reversed { "reversed" } else { "upright" },
            position.intro(drawn.reversed, &pair),
            card_meaning(drawn),
            theme_lens(theme, position),
        ));
    }
    paragraphs.push(synthesis(cards, hash));
    paragraphs.join("\n\n")
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::super::deck::{by_slug, DECK};
    use super::*;

    fn answers(sign: Option<AstroSign>, offerings: &str) -> GuideAnswers<'_> {
        GuideAnswers { sign, offerings, ..Default::default() }
    }

    #[test]
    fn sign_alone_gives_the_signs_element() {
        for sign in AstroSign::ALL {
            let (element, reason) = element_for(&answers(Some(sign), ""));
            assert_eq!(element, sign.element(), "{sign:?}");
            assert!(reason.contains(element_name(element)), "{reason}");
        }
    }

    #[test]
    fn strong_cues_shift_the_element() {
        let a = answers(Some(AstroSign::Leo), "Water from the river, songs to the moon and the ocean");
        let (element, reason) = element_for(&a);
        assert_eq!(element, Element::Water);
        assert!(reason.contains("Leo") && reason.contains("Fire") && reason.contains("Water"), "{reason}");
        assert!(reason.contains("river"), "{reason}");
    }

    #[test]
    fn ties_and_small_margins_do_not_shift() {
        // Equal points.
        let (element, _) = element_for(&answers(Some(AstroSign::Leo), "candles and the ocean"));
        assert_eq!(element, Element::Fire);
        // A margin of one.
        let (element, _) = element_for(&answers(Some(AstroSign::Leo), "the river, the ocean and a candle"));
        assert_eq!(element, Element::Fire);
        // Two challengers tied for the lead.
        let (element, _) = element_for(&answers(Some(AstroSign::Leo), "ocean, river, garden, stone"));
        assert_eq!(element, Element::Fire);
    }

    #[test]
    fn flags_nudge_but_never_shift_alone() {
        let both = GuideAnswers {
            religious: Some(true),
            spiritual: Some(true),
            sign: Some(AstroSign::Cancer),
            ..Default::default()
        };
        assert_eq!(element_for(&both).0, Element::Water);
        let nudged = GuideAnswers { spiritual: Some(true), beliefs: "breath and wind", ..both };
        assert_eq!(element_for(&GuideAnswers { religious: None, ..nudged }).0, Element::Air);
        let nudged_only = GuideAnswers { religious: Some(true), sign: None, ..Default::default() };
        assert_eq!(element_for(&nudged_only).0, Element::Earth);
    }

    #[test]
    fn no_input_is_water() {
        let (element, reason) = element_for(&GuideAnswers::default());
        assert_eq!(element, Element::Water);
        assert!(reason.contains("Water"));
        // Answers alone can still choose, and a tie without a sign falls back to Water.
        assert_eq!(element_for(&answers(None, "bread from my garden")).0, Element::Earth);
        assert_eq!(element_for(&answers(None, "candles and incense")).0, Element::Water);
    }

    #[test]
    fn guides_are_deterministic_and_vary_with_the_seed() {
        let a = GuideAnswers {
            religious: Some(false),
            spiritual: Some(true),
            path: "Zen",
            beliefs: "",
            offerings: "candles and tango",
            sign: Some(AstroSign::Aries),
        };
        assert_eq!(guide_from_answers(&a, 42), guide_from_answers(&a, 42));
        let names: HashSet<String> = (0..20u64).map(|seed| guide_from_answers(&a, seed).name).collect();
        assert!(names.len() >= 10, "{names:?}");
        let descriptions: HashSet<String> = (0..20u64).map(|seed| guide_from_answers(&a, seed).description).collect();
        assert!(descriptions.len() >= 10);
    }

    #[test]
    fn every_element_has_enough_name_parts() {
        for e in ELEMENTS {
            assert!(FIRST_NAMES[idx(e)].len() >= 8 && EPITHETS[idx(e)].len() >= 8);
        }
    }

    #[test]
    fn descriptions_name_the_element_and_quote_at_most_sixty_chars() {
        let long_path = "The Order of the Quiet Lantern, a contemplative community that meets each dawn by the sea";
        let long_offerings = "Hand-poured beeswax candles, sung lullabies, warm soup for neighbours and my time";
        for sign in AstroSign::ALL {
            for seed in 0..12u64 {
                let a = GuideAnswers {
                    religious: Some(true),
                    spiritual: None,
                    path: long_path,
                    beliefs: "Everything that lives is holy and deserves our tenderness and patient care",
                    offerings: long_offerings,
                    sign: Some(sign),
                };
                let guide = guide_from_answers(&a, seed);
                let d = &guide.description;
                assert!(d.contains(element_name(guide.element)), "{d}");
                for answer in [a.path, a.beliefs, a.offerings] {
                    let chars: Vec<char> = answer.chars().collect();
                    for window in chars.windows(ANSWER_MAX_CHARS + 1) {
                        let slice: String = window.iter().collect();
                        assert!(!d.contains(&slice), "echoed too much: {d}");
                    }
                }
                assert!(d.contains("The Order of the Quiet Lantern"), "{d}");
                assert!(d.contains("Hand-poured beeswax candles"), "{d}");
                let sentences = d.matches(". ").count() + 1;
                assert!((3..=5).contains(&sentences), "{d}");
            }
        }
    }

    #[test]
    fn empty_and_null_answers_are_not_quoted() {
        let a = GuideAnswers { path: "  none ", offerings: "\n\t", ..Default::default() };
        let d = guide_from_answers(&a, 7).description;
        assert!(!d.contains('“') && !d.contains("none"), "{d}");
        assert!(d.contains("Water"));
    }

    #[test]
    fn quotable_caps_and_cleans() {
        assert_eq!(quotable("  candles,\n songs  and\tservice. "), Some("candles, songs and service".into()));
        let long = "word ".repeat(40);
        let q = quotable(&long).unwrap();
        assert!(q.chars().count() <= ANSWER_MAX_CHARS && !q.ends_with(' '));
        let unbroken = "x".repeat(200);
        assert_eq!(quotable(&unbroken).unwrap().chars().count(), ANSWER_MAX_CHARS);
        assert_eq!(quotable("N/A"), None);
    }

    #[test]
    fn daily_text_reflects_card_orientation_and_element() {
        let star = by_slug("the-star").unwrap();
        let up = daily_text(&Drawn { card: star, reversed: false }, Element::Fire, 3);
        let down = daily_text(&Drawn { card: star, reversed: true }, Element::Fire, 3);
        let water = daily_text(&Drawn { card: star, reversed: false }, Element::Water, 3);
        for text in [&up, &down, &water] {
            assert_eq!(text.symbols.len(), 3);
            assert_eq!(text.symbols, star.symbols.iter().map(|s| s.to_string()).collect::<Vec<_>>());
            assert!(!text.title.trim().is_empty());
        }
        assert!(up.guidance.contains(star.upright));
        assert!(down.guidance.contains(star.reversed));
        assert_ne!(up.guidance, down.guidance);
        assert_ne!(up.title, down.title);
        assert_ne!(up.guidance, water.guidance);
        assert!(water.guidance.contains("Water") && up.guidance.contains("Fire"));
        assert_eq!(up, daily_text(&Drawn { card: star, reversed: false }, Element::Fire, 3));
    }

    #[test]
    fn daily_text_works_for_every_card_and_element() {
        for card in &DECK {
            for element in ELEMENTS {
                for reversed in [false, true] {
                    let text = daily_text(&Drawn { card, reversed }, element, u64::from(card.id));
                    assert_eq!(text.symbols.len(), 3);
                    assert!(!text.guidance.contains("  "), "{}", text.guidance);
                }
            }
        }
    }

    #[test]
    fn question_themes() {
        assert_eq!(question_theme("Will I find love this year?"), QuestionTheme::Love);
        assert_eq!(question_theme("Should I change jobs?"), QuestionTheme::Work);
        assert_eq!(question_theme("How do I improve my ochos at the milonga?"), QuestionTheme::Dance);
        assert_eq!(question_theme(""), QuestionTheme::General);
        assert_eq!(question_theme("What should I know today?"), QuestionTheme::General);
        assert_eq!(question_theme("¿Encontraré el amor?"), QuestionTheme::Love);
        assert_eq!(question_theme("How can I support my mother and sister?"), QuestionTheme::Family);
        assert_eq!(question_theme("Why am I so tired and stressed?"), QuestionTheme::Health);
        assert_eq!(question_theme("Is my meditation practice deepening?"), QuestionTheme::Spirit);
        assert_eq!(question_theme("Will I finish writing my novel?"), QuestionTheme::Creativity);
        // A dance partner is about dancing: the tie goes to the more specific theme.
        assert_eq!(question_theme("Will I find a good dance partner?"), QuestionTheme::Dance);
        assert_eq!(QuestionTheme::Dance.label(), "Dance and tango");
    }

    #[test]
    fn spread_names_positions_cards_and_changes_when_reversed() {
        let cards = [
            Drawn { card: by_slug("the-tower").unwrap(), reversed: false },
            Drawn { card: by_slug("three-of-cups").unwrap(), reversed: false },
            Drawn { card: by_slug("ace-of-wands").unwrap(), reversed: false },
        ];
        let question = "Will I find love this year?";
        let text = spread_text(question, &cards);
        for needle in ["Past", "Present", "Future", "The Tower", "Three of Cups", "Ace of Wands", "love"] {
            assert!(text.contains(needle), "missing {needle}: {text}");
        }
        assert_eq!(text.split("\n\n").count(), 5);
        assert_eq!(text, spread_text(question, &cards));

        let mut flipped = cards;
        flipped[1].reversed = true;
        let other = spread_text(question, &flipped);
        assert_ne!(text, other);
        assert!(other.contains("Three of Cups, reversed") && other.contains(cards[1].card.reversed));
    }

    #[test]
    fn spread_synthesis_reads_the_balance() {
        let majors = [
            Drawn { card: by_slug("the-fool").unwrap(), reversed: true },
            Drawn { card: by_slug("the-star").unwrap(), reversed: true },
            Drawn { card: by_slug("the-sun").unwrap(), reversed: true },
        ];
        let text = spread_text("", &majors);
        let closing = text.rsplit("\n\n").next().unwrap();
        assert!(closing.contains("All three cards are major arcana"), "{closing}");
        assert!(closing.contains("All three cards are reversed"), "{closing}");

        let wands: Vec<&Card> = DECK.iter().filter(|c| c.slug.ends_with("-of-wands")).take(3).collect();
        let fire = [
            Drawn { card: wands[0], reversed: false },
            Drawn { card: wands[1], reversed: false },
            Drawn { card: wands[2], reversed: false },
        ];
        let closing = spread_text("Should I change jobs?", &fire).rsplit("\n\n").next().unwrap().to_string();
        assert!(closing.contains("All three cards belong to Fire"), "{closing}");
        assert!(closing.contains("no major arcana") && closing.contains("Every card stands upright"), "{closing}");
    }
}
