//! Tags a feed post with the chakra its words lean towards, and explains why.
//!
//! Everything runs locally: no network, no downloaded model. The classifier is small enough that a
//! member can be shown the words that decided it, and the method is simple enough to describe here.
//!
//! # Words
//!
//! A post is split into words made of letters (accented letters included, so "déjà" and "Ávila" are
//! words); apostrophes are dropped so "I'm" becomes "im", and anything else (digits, hyphens,
//! punctuation, emoji) separates words. Words are lowercased, and one-letter words and a short stopword
//! list are removed: English function words ("the", "and", "my", ...), filler that every kind of post
//! uses ("feel", "really", "week", ...) and the names of the practices themselves ("tango", "milonga",
//! "yoga", "meditation", ...), which nearly every post on Kindred mentions whatever its chakra.
//!
//! A light suffix-stripping stemmer then maps related forms onto one key: "grounding" and "grounded"
//! both become "ground"; "dancing", "danced" and "dance" all become "danc". The stemmer is deliberately
//! crude: it only has to make a word family meet, never produce a real word.
//!
//! # Which chakra: multinomial naive Bayes
//!
//! For every chakra `c` and stem `w` the model estimates
//!
//! ```text
//! P(w | c) = (count(w, c) + seed(w, c) + 1) / (total(c) + seeds(c) + |V|)
//! ```
//!
//! where `count(w, c)` is the number of labelled examples of `c` that use `w` (from
//! `chakra_examples.tsv`, embedded at compile time; a word repeated within one post counts once, which
//! suits posts this short better than raw counts), `seed(w, c)` is a pseudo-count of [`SEED_WEIGHT`]
//! when `w` is in that chakra's hand-written seed lexicon (20 words each), `total(c)` and `seeds(c)`
//! are those two summed over all stems, the `+ 1` is Laplace smoothing, and `|V|` is the number of
//! distinct stems known to the model (from examples or seeds). The seed lexicon gives the model a
//! sensible prior about the classic meaning of each centre (root: ground, home, money, ...; crown:
//! divine, prayer, stillness, ...) so short posts still classify well when their exact words never
//! appeared in an example.
//!
//! A post's score for `c` is the sum of `log P(w | c)` over its distinct known stems.
//! Stems the model has never seen are ignored rather than smoothed, because an unseen word says nothing
//! about any chakra. Classes get a uniform prior: the example set is balanced on purpose, and real posts
//! should not drift towards whichever chakra happens to have more examples. The scores are turned into
//! probabilities with a softmax; the winner is the most probable chakra and `confidence` is its
//! probability.
//!
//! # Why: reasons
//!
//! For each distinct known stem of the post,
//! `lift(w) = log P(w | winner) − mean over the other six chakras of log P(w | c)`.
//! Stems with a positive lift pushed the post towards the winner; the five largest are reported,
//! strongest first, spelled as the word first appeared in the post (lowercased).
//!
//! # Frequency (1–10)
//!
//! A deterministic "energy" reading of the post, from three parts:
//!
//! * `certainty = (confidence − 1/7) / (6/7)`: 0 when the post is no clearer than chance, 1 when the
//!   winner takes all the probability. Clear, focused posts read as higher energy.
//! * `mood = clamp(0.5 + 2 · (uplifting − heavy) / words, 0, 1)`, where `uplifting` and `heavy` count
//!   the post's words found in two small lists ([`UPLIFTING`]: joy, alive, grateful, fire, ...;
//!   [`HEAVY`]: anxious, numb, tired, lost, ...) and `words` is the number of words left after stopword
//!   removal. A neutral post sits at 0.5; one uplifting word in four saturates it.
//! * `spark = min(number of '!', 3) / 3`.
//!
//! `energy = 0.4 · certainty + 0.5 · mood + 0.1 · spark` and `frequency = 1 + round(9 · energy)`,
//! clamped to 1..=10.
//!
//! # Empty or meaningless text
//!
//! When a post has no word the model knows (empty, only stopwords, only numbers or emoji, or gibberish),
//! there is no evidence, so the result is the documented default: [`DEFAULT_CHAKRA`] (Heart, the
//! neutral middle of the seven), `frequency` 1, `confidence` 1/7 and no reasons.
//!
//! # How good it is
//!
//! The tests hold out every 5th example of each chakra, train on the rest and classify the held-out
//! posts: 46 of 56 (82%) come out right with the shipped examples, and leave-one-out over all 280 gives
//! about 81%. The misses are mostly posts a person could also argue about ("the second kind" of
//! meditation reads as Heart through "kind"). Add examples to `chakra_examples.tsv` rather than words
//! to the lists here when a kind of post is misread: the examples are what the held-out test measures.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

pub use super::model::Chakra;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub chakra: Chakra,
    /// 1..=10, see the module documentation for the formula.
    pub frequency: u8,
    /// Posterior probability of `chakra`, 0..1.
    pub confidence: f32,
    /// Words that weighed most towards `chakra`, strongest first, at most 5, with their lift in nats.
    pub reasons: Vec<(String, f32)>,
}

/// What a post with no usable words is tagged with: the middle centre, neither "low" nor "high".
pub const DEFAULT_CHAKRA: Chakra = Chakra::Heart;

/// Pseudo-count each seed word adds to its chakra, as if eight examples had used it. Most words in the
/// examples are seen once or twice, so this lets a seed word outweigh a few incidental words, while a
/// post full of another chakra's vocabulary still wins (leave-one-out accuracy over the examples was
/// flat, 80–81%, for weights from 6 to 14; 2 did clearly worse).
pub const SEED_WEIGHT: f64 = 8.0;

const MAX_REASONS: usize = 5;

/// The classic associations of each centre, so the model knows them even where the examples are thin.
#[rustfmt::skip] // Word lists read better packed than one word per line.
const SEEDS: [(Chakra, &[&str]); 7] = [
    (
        Chakra::Root,
        &[
            "ground", "grounded", "earth", "feet", "floor", "safe", "safety", "secure", "home", "money", "rent",
            "bills", "stable", "stability", "roots", "survival", "belonging", "soil", "steady", "body",
        ],
    ),
    (
        Chakra::Sacral,
        &[
            "pleasure", "creative", "creativity", "sensual", "sensuality", "emotions", "feelings", "flow", "play",
            "playful", "desire", "fun", "hips", "water", "laughter", "delicious", "sexy", "enjoy", "joy", "create",
        ],
    ),
    (
        Chakra::Solar,
        &[
            "confidence", "confident", "discipline", "goal", "goals", "courage", "willpower", "power", "powerful",
            "fire", "strong", "strength", "proud", "achieve", "achievement", "determination", "focus", "esteem",
            "motivation", "ambition",
        ],
    ),
    (
        Chakra::Heart,
        &[
            "love", "loved", "compassion", "kindness", "kind", "forgive", "forgave", "forgiveness", "connection",
            "grateful", "gratitude", "grief", "embrace", "hug", "tenderness", "tender", "care", "heart", "warmth",
            "friend",
        ],
    ),
    (
        Chakra::Throat,
        &[
            "voice", "speak", "spoke", "speaking", "truth", "say", "said", "sing", "singing", "words", "talk",
            "listen", "conversation", "write", "writing", "express", "expression", "communication", "honest",
            "throat",
        ],
    ),
    (
        Chakra::ThirdEye,
        &[
            "intuition", "insight", "dream", "dreams", "dreamt", "vision", "imagination", "imagine", "clarity",
            "see", "perception", "intuitive", "knowing", "visualise", "visualize", "sense", "inner", "eyes",
            "images", "picture",
        ],
    ),
    (
        Chakra::Crown,
        &[
            "divine", "god", "prayer", "pray", "stillness", "silence", "consciousness", "awareness", "surrender",
            "oneness", "unity", "transcendence", "transcend", "sacred", "spirit", "soul", "infinite", "grace",
            "universe", "presence",
        ],
    ),
];

/// Words that lift a post's frequency (stemmed before use, so inflections count too).
#[rustfmt::skip] // Word lists read better packed than one word per line.
pub const UPLIFTING: &[&str] = &[
    "joy", "joyful", "love", "loved", "alive", "bliss", "grateful", "gratitude", "proud", "fire", "fired",
    "powerful", "free", "freeing", "light", "wild", "amazing", "happy", "laugh", "laughter", "delicious", "energy",
    "vibrant", "celebrate", "wonderful", "beautiful", "excited", "buzzing", "glow", "shine", "brave", "courage",
    "strong", "peace", "radiant", "thrilled", "ecstatic", "lovely", "finally", "best", "grace", "open", "sweet",
    "pure", "yes",
];

/// Words that lower a post's frequency.
#[rustfmt::skip] // Word lists read better packed than one word per line.
pub const HEAVY: &[&str] = &[
    "anxious", "anxiety", "numb", "tired", "exhausted", "lost", "afraid", "scared", "sad", "grief", "worried",
    "worry", "stressed", "stress", "heavy", "stuck", "shaky", "heartbroken", "hard", "struggle", "struggling",
    "alone", "lonely", "burned", "sore", "terrified", "panic", "dread", "depressed", "shame",
];

#[rustfmt::skip] // Word lists read better packed than one word per line.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "before", "being", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "for", "from",
    "get", "got", "had", "has", "have", "he", "her", "here", "him", "his", "how", "i", "if", "im", "in", "into",
    "is", "it", "its", "ive", "id", "ill", "just", "me", "more", "most", "my", "myself", "of", "on", "once", "or",
    "other", "our", "ours", "out", "over", "own", "same", "she", "so", "some", "such", "than", "that", "thats",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too", "up", "us",
    "very", "was", "we", "were", "what", "when", "where", "which", "while", "who", "why", "will", "with", "would",
    "you", "your", "youre", "yours", "dont", "didnt", "doesnt", "isnt", "wasnt", "cant", "couldnt", "wont", "until",
    "every", "each", "now", "today", "tonight",
    // Filler that every kind of post uses; left in, it only adds noise to a small training set.
    "feel", "feels", "feeling", "felt", "much", "lots", "lot", "really", "actually", "still", "even", "always",
    "never", "like", "back", "everyone", "someone", "anyone", "something", "anything", "thing", "things", "way",
    "time", "times", "day", "days", "week", "weeks", "night", "month", "year", "years", "morning", "first", "last",
    "one", "two", "three", "new", "little", "good", "great", "well", "know", "make", "made", "go", "went", "come",
    "came", "take", "took", "want", "need", "needed", "let", "else", "ago", "next", "many", "few", "since",
    "around", "without", "not", "no", "months", "hours", "minutes", "nothing", "everything", "theres",
    // The practices themselves: nearly every post on Kindred names one, whatever its chakra.
    "tango", "milonga", "milongas", "tanda", "tandas", "practica", "yoga", "class", "workshop", "session",
    "practice", "practise", "partner", "meditation", "meditating", "meditate", "breathwork", "retreat", "teacher",
    "teachers", "group", "circle",
];

/// Strips common English suffixes so a word family shares one key. Never shortens below three letters,
/// which keeps short words like "bed" or "red" intact.
fn stem(word: &str) -> String {
    let mut w: Vec<char> = word.chars().collect();
    let ends = |w: &[char], suffix: &str| {
        let s: Vec<char> = suffix.chars().collect();
        w.len() >= s.len() + 3 && w[w.len() - s.len()..] == s[..]
    };
    // (suffix, replacement, undouble): "running" -> "runn" -> "run", but "falling" keeps "fall".
    const RULES: [(&str, &str, bool); 13] = [
        ("fulness", "", false),
        ("nesses", "", false),
        ("ness", "", false),
        ("ments", "", false),
        ("ment", "", false),
        ("ingly", "", true),
        ("ings", "", true),
        ("ing", "", true),
        ("edly", "", true),
        ("ies", "i", false),
        ("ied", "i", false),
        ("ed", "", true),
        ("ful", "", false),
    ];
    let mut stripped = false;
    for (suffix, repl, undouble) in RULES {
        if ends(&w, suffix) {
            w.truncate(w.len() - suffix.chars().count());
            w.extend(repl.chars());
            if undouble {
                let n = w.len();
                if n >= 2 && w[n - 1] == w[n - 2] && !matches!(w[n - 1], 'l' | 's' | 'z' | 'e' | 'o') {
                    w.pop();
                }
            }
            stripped = true;
            break;
        }
    }
    if !stripped {
        // "slowly" -> "slow", but "lovely" and "lonely" are not "love" and "lone".
        if ends(&w, "ly") && w[w.len() - 3] != 'e' {
            w.truncate(w.len() - 2);
        } else if w.len() >= 4 && w[w.len() - 1] == 's' && !matches!(w[w.len() - 2], 's' | 'u' | 'i') {
            w.pop();
        }
    }
    // Final e and y vary between forms of one word: "dance"/"danc-ing", "happy"/"happi-ness".
    if w.len() >= 4 {
        match w[w.len() - 1] {
            'e' => {
                w.pop();
            }
            'y' => {
                let n = w.len();
                w[n - 1] = 'i';
            }
            _ => {}
        }
    }
    w.into_iter().collect()
}

fn stopwords() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
}

/// A post's words as (surface form, stem), in order, stopwords removed.
fn tokenize(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let is_apostrophe = |c: char| matches!(c, '\'' | '\u{2019}' | '\u{2018}');
    let mut flush = |current: &mut String| {
        let word: String = current.chars().filter(|c| !is_apostrophe(*c)).collect();
        current.clear();
        if word.chars().count() < 2 || stopwords().contains(word.as_str()) {
            return;
        }
        let s = stem(&word);
        out.push((word, s));
    };
    for c in text.chars() {
        if c.is_alphabetic() || (is_apostrophe(c) && !current.is_empty()) {
            current.extend(c.to_lowercase());
        } else {
            flush(&mut current);
        }
    }
    flush(&mut current);
    out
}

/// Each stem once, in first-seen order: a word repeated within one post is not extra evidence.
fn distinct_stems(tokens: &[(String, String)]) -> Vec<&str> {
    let mut seen = HashSet::new();
    tokens.iter().map(|(_, s)| s.as_str()).filter(|s| seen.insert(*s)).collect()
}

/// A trained classifier. Holds log P(w | c) for every known stem, so classifying is a table lookup.
#[derive(Debug, Clone)]
pub struct Model {
    vocab: HashMap<String, [f64; 7]>,
    uplifting: HashSet<String>,
    heavy: HashSet<String>,
}

/// Trains on labelled examples plus the seed lexicon. See the module documentation for the formula.
pub fn train(examples: &[(Chakra, &str)]) -> Model {
    let mut counts: HashMap<String, [f64; 7]> = HashMap::new();
    for (chakra, text) in examples {
        for s in distinct_stems(&tokenize(text)) {
            counts.entry(s.to_string()).or_insert([0.0; 7])[chakra.index()] += 1.0;
        }
    }
    for (chakra, words) in SEEDS {
        for word in words {
            // Seed words go through the same pipeline as posts so they land on the same stems.
            for (_, s) in tokenize(word) {
                counts.entry(s).or_insert([0.0; 7])[chakra.index()] += SEED_WEIGHT;
            }
        }
    }
    let mut totals = [0.0f64; 7];
    for c in counts.values() {
        for i in 0..7 {
            totals[i] += c[i];
        }
    }
    let v = counts.len() as f64;
    let vocab = counts
        .into_iter()
        .map(|(w, c)| {
            let mut logp = [0.0f64; 7];
            for i in 0..7 {
                logp[i] = ((c[i] + 1.0) / (totals[i] + v)).ln();
            }
            (w, logp)
        })
        .collect();
    let stems = |list: &[&str]| list.iter().flat_map(|w| tokenize(w)).map(|(_, s)| s).collect();
    Model { vocab, uplifting: stems(UPLIFTING), heavy: stems(HEAVY) }
}

impl Model {
    pub fn classify(&self, text: &str) -> Classification {
        let tokens = tokenize(text);
        // (first spelling, stem) of each distinct stem the model knows; the spelling is what reasons show.
        let mut seen = HashSet::new();
        let known: Vec<(&str, &str)> = tokens
            .iter()
            .filter(|(_, s)| self.vocab.contains_key(s) && seen.insert(s.as_str()))
            .map(|(w, s)| (w.as_str(), s.as_str()))
            .collect();
        if known.is_empty() {
            return Classification { chakra: DEFAULT_CHAKRA, frequency: 1, confidence: 1.0 / 7.0, reasons: Vec::new() };
        }

        let mut scores = [0.0f64; 7];
        for (_, s) in &known {
            let logp = &self.vocab[*s];
            for i in 0..7 {
                scores[i] += logp[i];
            }
        }
        // Ties go to the earlier chakra in ALL, which keeps the result deterministic.
        let mut best = 0;
        for i in 1..7 {
            if scores[i] > scores[best] {
                best = i;
            }
        }
        let max = scores[best];
        let sum: f64 = scores.iter().map(|s| (s - max).exp()).sum();
        let confidence = 1.0 / sum;
        let chakra = Chakra::ALL[best];

        let mut reasons: Vec<(String, f32)> = Vec::new();
        for (surface, s) in &known {
            let logp = &self.vocab[*s];
            let others: f64 = (0..7).filter(|&i| i != best).map(|i| logp[i]).sum::<f64>() / 6.0;
            let lift = logp[best] - others;
            if lift > 0.0 {
                reasons.push((surface.to_string(), lift as f32));
            }
        }
        reasons.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        reasons.truncate(MAX_REASONS);

        let certainty = ((confidence - 1.0 / 7.0) / (6.0 / 7.0)).clamp(0.0, 1.0);
        let up = tokens.iter().filter(|(_, s)| self.uplifting.contains(s)).count() as f64;
        let down = tokens.iter().filter(|(_, s)| self.heavy.contains(s)).count() as f64;
        let mood = (0.5 + 2.0 * (up - down) / tokens.len() as f64).clamp(0.0, 1.0);
        let spark = text.chars().filter(|&c| c == '!').count().min(3) as f64 / 3.0;
        let energy = 0.4 * certainty + 0.5 * mood + 0.1 * spark;
        let frequency = (1.0 + (9.0 * energy).round()).clamp(1.0, 10.0) as u8;

        Classification { chakra, frequency, confidence: confidence as f32, reasons }
    }
}

const EXAMPLES_TSV: &str = include_str!("chakra_examples.tsv");

/// Lines that are blank, start with '#', or carry an unknown label are skipped; the tests make sure the
/// shipped file has none of the latter.
fn examples() -> Vec<(Chakra, &'static str)> {
    EXAMPLES_TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let (label, text) = l.split_once('\t')?;
            Some((Chakra::parse(label)?, text.trim()))
        })
        .collect()
}

fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| train(&examples()))
}

/// Classifies with the model trained on every shipped example (built on first use).
pub fn classify(text: &str) -> Classification {
    model().classify(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_file_is_well_formed() {
        let mut per = HashMap::new();
        for (n, line) in EXAMPLES_TSV.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (label, text) = line.split_once('\t').unwrap_or_else(|| panic!("line {}: no tab", n + 1));
            let chakra = Chakra::parse(label).unwrap_or_else(|| panic!("line {}: bad label {label:?}", n + 1));
            assert_eq!(chakra.key(), label, "line {}: labels use the canonical key", n + 1);
            assert!(!text.trim().is_empty(), "line {}: empty text", n + 1);
            assert!(!text.contains('\t'), "line {}: more than one tab", n + 1);
            *per.entry(chakra).or_insert(0) += 1;
        }
        for c in Chakra::ALL {
            let n = per.get(&c).copied().unwrap_or(0);
            println!("{}: {n} examples", c.key());
            assert!(n >= 20, "{} has only {n} examples", c.key());
        }
    }

    #[test]
    fn examples_are_not_duplicated() {
        let ex = examples();
        let mut seen = HashSet::new();
        for (_, text) in &ex {
            assert!(seen.insert(text.to_lowercase()), "duplicate example: {text}");
        }
    }

    /// Every 5th example of each chakra is held out; the split depends only on file order.
    #[test]
    fn held_out_accuracy() {
        let ex = examples();
        let mut train_set = Vec::new();
        let mut test_set = Vec::new();
        for c in Chakra::ALL {
            for (i, e) in ex.iter().filter(|(l, _)| *l == c).enumerate() {
                if i % 5 == 4 {
                    test_set.push(*e);
                } else {
                    train_set.push(*e);
                }
            }
        }
        let model = train(&train_set);
        let mut correct = 0;
        for (label, text) in &test_set {
            let got = model.classify(text);
            if got.chakra == *label {
                correct += 1;
            } else {
                println!("miss: {} -> {} {:?}: {text}", label.key(), got.chakra.key(), got.reasons);
            }
        }
        let acc = correct as f64 / test_set.len() as f64;
        println!("held-out accuracy: {correct}/{} = {:.1}%", test_set.len(), acc * 100.0);
        assert!(acc >= 0.80, "held-out accuracy {acc:.3} is below 0.80");
    }

    #[test]
    fn reasons_are_words_of_the_post() {
        for (_, text) in examples().iter().step_by(3) {
            let got = classify(text);
            let lower = text.to_lowercase().replace(['\'', '\u{2019}', '\u{2018}'], "");
            let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
            assert!(got.reasons.len() <= MAX_REASONS);
            for (w, lift) in &got.reasons {
                assert!(words.contains(&w.as_str()), "{w:?} is not a word of {text:?}");
                assert!(*lift > 0.0);
            }
            assert!(got.reasons.windows(2).all(|p| p[0].1 >= p[1].1), "reasons not sorted");
        }
    }

    #[test]
    fn frequency_and_confidence_stay_in_range() {
        let mut texts: Vec<&str> = examples().iter().map(|(_, t)| *t).collect();
        texts.extend(["", "!!!!!!!!", "joy joy joy joy!!!", "numb tired lost", "the and of", "12345 🙂", "xqzv"]);
        for t in texts {
            let got = classify(t);
            assert!((1..=10).contains(&got.frequency), "{t:?}: {}", got.frequency);
            assert!((0.0..=1.0).contains(&got.confidence), "{t:?}: {}", got.confidence);
        }
    }

    #[test]
    fn empty_and_meaningless_text_default_to_heart() {
        for t in ["", "   ", "the and of my", "42 !!! 🙂", "xqzvbrt flurmp"] {
            let got = classify(t);
            assert_eq!(got.chakra, DEFAULT_CHAKRA, "{t:?}");
            assert_eq!(got.frequency, 1, "{t:?}");
            assert!(got.reasons.is_empty(), "{t:?}");
        }
    }

    #[test]
    fn obvious_sentences() {
        let cases = [
            ("Grounded, feet on the floor, safe at home", Chakra::Root),
            ("I finally spoke my truth to my teacher", Chakra::Throat),
            ("So much love and gratitude for this community", Chakra::Heart),
            ("Pure pleasure, playful and creative, dancing in the flow", Chakra::Sacral),
            ("Discipline and courage: I reached my goal", Chakra::Solar),
            ("I had a vivid dream and trusted my intuition", Chakra::ThirdEye),
            ("Prayer and stillness, surrender to the divine", Chakra::Crown),
        ];
        for (text, want) in cases {
            let got = classify(text);
            assert_eq!(got.chakra, want, "{text:?} -> {got:?}");
            assert!(!got.reasons.is_empty(), "{text:?} has no reasons");
        }
    }

    #[test]
    fn uplifting_posts_vibrate_higher() {
        let low = classify("Anxious and numb, tired of worrying about rent money.");
        let high = classify("So much joy and love tonight, I feel alive and grateful!");
        assert!(high.frequency > low.frequency, "{high:?} vs {low:?}");
    }

    #[test]
    fn stemmer_joins_word_families() {
        assert_eq!(stem("grounding"), stem("grounded"));
        assert_eq!(stem("grounded"), stem("ground"));
        assert_eq!(stem("dancing"), stem("dance"));
        assert_eq!(stem("danced"), stem("dances"));
        assert_eq!(stem("dreams"), stem("dream"));
        assert_eq!(stem("running"), stem("run"));
        assert_eq!(stem("happiness"), stem("happy"));
    }

    #[test]
    fn tokenizer_keeps_accents_and_drops_apostrophes() {
        let words: Vec<String> =
            tokenize("Déjà vu at Ávila, I'm singing D'Arienzo's tango vals").into_iter().map(|t| t.0).collect();
        // "tango" goes too: it is a practice name, not evidence for any chakra.
        assert_eq!(words, ["déjà", "vu", "ávila", "singing", "darienzos", "vals"]);
    }

    #[test]
    fn keys_and_labels_round_trip() {
        for c in Chakra::ALL {
            assert_eq!(Chakra::parse(c.key()), Some(c));
            assert_eq!(Chakra::parse(c.label()), Some(c));
            assert!(c.colour().starts_with('#') && c.colour().len() == 7);
        }
        assert_eq!(Chakra::parse("purple"), None);
    }
}
