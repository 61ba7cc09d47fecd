//! The Kindred tarot deck: all 78 cards as static data.
//!
//! Every meaning, keyword list and symbol here was written for Kindred in plain, warm language
//! suited to a reflective community space. Nothing is quoted from a book or website, so the text
//! can be shown, changed and reused freely within the app.
//!
//! The deck is plain `static` data rather than database rows because it never changes at runtime,
//! is needed on both the server and the client, and costs nothing to ship compiled in.

use serde::{Deserialize, Serialize};

use crate::oracle::astro::Element;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Suit {
    Wands,
    Cups,
    Swords,
    Pentacles,
}

impl Suit {
    /// Same order as the suits appear in [`DECK`].
    pub const ALL: [Suit; 4] = [Suit::Wands, Suit::Cups, Suit::Swords, Suit::Pentacles];

    pub fn label(self) -> &'static str {
        match self {
            Suit::Wands => "Wands",
            Suit::Cups => "Cups",
            Suit::Swords => "Swords",
            Suit::Pentacles => "Pentacles",
        }
    }

    /// Stable lowercase key for URLs, CSS classes and storage; unlike `label` it must never be reworded.
    pub fn key(self) -> &'static str {
        match self {
            Suit::Wands => "wands",
            Suit::Cups => "cups",
            Suit::Swords => "swords",
            Suit::Pentacles => "pentacles",
        }
    }

    pub fn element(self) -> Element {
        match self {
            Suit::Wands => Element::Fire,
            Suit::Cups => Element::Water,
            Suit::Swords => Element::Air,
            Suit::Pentacles => Element::Earth,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Arcana {
    Major,
    Minor(Suit),
}

/// Only `Serialize` is derived: cards are sent to clients by value but always looked up again by
/// `id` or `slug` when they come back, so the `&'static` text never has to be deserialized.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Card {
    /// Position in [`DECK`], `0..=77`. Stored in readings, so it must never be renumbered.
    pub id: u8,
    /// URL-safe identifier, e.g. `the-fool` or `three-of-cups`.
    pub slug: &'static str,
    pub name: &'static str,
    pub arcana: Arcana,
    /// Majors: `0..=21`. Minors: `1..=14`, where 11 is the Page, 12 the Knight, 13 the Queen and 14 the King.
    pub number: u8,
    pub keywords_upright: &'static [&'static str],
    pub keywords_reversed: &'static [&'static str],
    pub upright: &'static str,
    pub reversed: &'static str,
    /// Minors take their suit's element. Majors follow the traditional astrological attribution
    /// (each card's planet or sign mapped to its element), so a reading can be tinted by element
    /// without treating every major as elementless.
    pub element: Element,
    /// Three short images to hold in mind when meditating on the card.
    pub symbols: &'static [&'static str],
}

impl Card {
    pub fn suit(&self) -> Option<Suit> {
        match self.arcana {
            Arcana::Major => None,
            Arcana::Minor(suit) => Some(suit),
        }
    }

    pub fn is_major(&self) -> bool {
        self.arcana == Arcana::Major
    }
}

pub fn card(id: u8) -> Option<&'static Card> {
    DECK.get(usize::from(id))
}

/// Looks a card up by slug. A linear scan is fine for 78 entries and avoids a lazily built index.
pub fn by_slug(slug: &str) -> Option<&'static Card> {
    DECK.iter().find(|card| card.slug == slug)
}

/// The full deck, in the conventional order, with each card's `id` equal to its index.
pub static DECK: [Card; 78] = [
    Card {
        id: 0,
        slug: "the-fool",
        name: "The Fool",
        arcana: Arcana::Major,
        number: 0,
        keywords_upright: &["beginnings", "trust", "spontaneity", "openness"],
        keywords_reversed: &["recklessness", "hesitation", "naivety"],
        upright: "A fresh chapter is opening, and you do not need every answer before you step into it. Trust \
            your curiosity and travel light. Wonder is a good enough map for now.",
        reversed: "Either you are leaping without looking, or holding back so long that the moment passes. \
            Check the ground beneath your feet, then move. Caution and courage can walk together.",
        element: Element::Air,
        symbols: &["an open road", "a small white dog", "a bundle on a stick"],
    },
    Card {
        id: 1,
        slug: "the-magician",
        name: "The Magician",
        arcana: Arcana::Major,
        number: 1,
        keywords_upright: &["willpower", "skill", "focus", "manifestation"],
        keywords_reversed: &["scattered energy", "trickery", "untapped potential"],
        upright: "Everything you need is already within reach. Gather your tools, name your intention and act \
            with focus. This is a moment when effort turns readily into results.",
        reversed: "Your gifts are real, but your energy may be spread thin or aimed at the wrong target. \
            Notice anywhere you are performing instead of meaning it. Bring your attention back to one clear \
            purpose.",
        element: Element::Air,
        symbols: &["a raised wand", "a table of tools", "an infinity loop"],
    },
    Card {
        id: 2,
        slug: "the-high-priestess",
        name: "The High Priestess",
        arcana: Arcana::Major,
        number: 2,
        keywords_upright: &["intuition", "stillness", "mystery", "inner knowing"],
        keywords_reversed: &["disconnection", "secrets", "ignored instinct"],
        upright: "Quiet is where the answer lives right now. Listen to the soft voice underneath the noise \
            and let some things stay unspoken for a while. You know more than you can yet explain.",
        reversed: "You may be talking over your own intuition, or gathering outside opinions to avoid what \
            you already sense. Make room for silence. Something hidden wants your gentle attention.",
        element: Element::Water,
        symbols: &["a veil of pomegranates", "a crescent moon", "two pillars, one dark and one light"],
    },
    Card {
        id: 3,
        slug: "the-empress",
        name: "The Empress",
        arcana: Arcana::Major,
        number: 3,
        keywords_upright: &["nurturing", "abundance", "creativity", "sensuality"],
        keywords_reversed: &["depletion", "smothering", "creative block"],
        upright: "Life is ripening around you. Tend what you love, your own body included, and let things \
            grow at their natural pace. Comfort, beauty and creativity are not luxuries; they are \
            nourishment.",
        reversed: "You may be pouring care outward until nothing is left for you, or holding something so \
            tightly it cannot breathe. Rest and replenish. Growth returns when the soil is fed.",
        element: Element::Earth,
        symbols: &["a field of ripe wheat", "a velvet cushion", "a flowing stream"],
    },
    Card {
        id: 4,
        slug: "the-emperor",
        name: "The Emperor",
        arcana: Arcana::Major,
        number: 4,
        keywords_upright: &["structure", "stability", "leadership", "protection"],
        keywords_reversed: &["rigidity", "control", "lack of discipline"],
        upright: "Steady structure will serve you now. Set clear boundaries, make a plan and keep your word \
            to yourself. Leadership here means creating safety, not demanding obedience.",
        reversed: "Control may be tipping into rigidity, or structure may be missing altogether. Ask whether \
            your rules still protect what matters. Strength can bend without breaking.",
        element: Element::Fire,
        symbols: &["a stone throne", "carved ram's heads", "bare red mountains"],
    },
    Card {
        id: 5,
        slug: "the-hierophant",
        name: "The Hierophant",
        arcana: Arcana::Major,
        number: 5,
        keywords_upright: &["tradition", "guidance", "community", "learning"],
        keywords_reversed: &["nonconformity", "dogma", "questioning"],
        upright: "There is wisdom in shared practice and in teachers who walked the road before you. Lean \
            into community, ritual and time-tested ways. Belonging can be a source of strength.",
        reversed: "A rule or belief may no longer fit who you are becoming. It is fine to question what you \
            were taught. Keep what rings true and gently release the rest.",
        element: Element::Earth,
        symbols: &["crossed keys", "a hand raised in blessing", "a triple crown"],
    },
    Card {
        id: 6,
        slug: "the-lovers",
        name: "The Lovers",
        arcana: Arcana::Major,
        number: 6,
        keywords_upright: &["connection", "choice", "harmony", "values"],
        keywords_reversed: &["imbalance", "misalignment", "indecision"],
        upright: "A meaningful bond or decision asks you to lead with your heart and your values. Choose what \
            you can say a whole-hearted yes to. True connection begins with honesty.",
        reversed: "Something feels out of step between what you want and what you are choosing. Look kindly \
            but honestly at where you are compromising yourself. Realignment can begin with one truthful \
            conversation.",
        element: Element::Air,
        symbols: &["an angel with open wings", "a tree of fruit", "a tree of flames"],
    },
    Card {
        id: 7,
        slug: "the-chariot",
        name: "The Chariot",
        arcana: Arcana::Major,
        number: 7,
        keywords_upright: &["determination", "momentum", "willpower", "victory"],
        keywords_reversed: &["lost direction", "aggression", "stalling"],
        upright: "You are ready to move forward with purpose. Hold opposing pulls in balance and keep your \
            eyes on where you are going. Commitment will carry you through.",
        reversed: "You may be pulled in two directions at once, or pushing too hard to force an outcome. \
            Pause and check the map. Direction matters more than speed.",
        element: Element::Water,
        symbols: &["two sphinxes", "a starry canopy", "a walled city behind"],
    },
    Card {
        id: 8,
        slug: "strength",
        name: "Strength",
        arcana: Arcana::Major,
        number: 8,
        keywords_upright: &["courage", "compassion", "patience", "inner strength"],
        keywords_reversed: &["self-doubt", "frustration", "raw emotion"],
        upright: "Real strength is soft-spoken. Meet whatever feels wild, in you or around you, with patience \
            and warmth rather than force. Gentleness is its own kind of courage.",
        reversed: "Doubt or frustration may be running the show for now. Be kind to yourself while you find \
            your footing. Your inner steadiness has not gone anywhere.",
        element: Element::Fire,
        symbols: &["a calm lion", "a chain of flowers", "an infinity loop overhead"],
    },
    Card {
        id: 9,
        slug: "the-hermit",
        name: "The Hermit",
        arcana: Arcana::Major,
        number: 9,
        keywords_upright: &["solitude", "reflection", "wisdom", "inner guidance"],
        keywords_reversed: &["isolation", "loneliness", "withdrawal"],
        upright: "Step back from the noise and turn inward for a while. Quiet reflection will light the next \
            few steps, and that is all you need. Your own lantern is enough.",
        reversed: "Healthy solitude may have slipped into isolation. Reach out, even in a small way. Wisdom \
            grows when it is shared.",
        element: Element::Earth,
        symbols: &["a lantern holding a star", "a walking staff", "a snowy peak"],
    },
    Card {
        id: 10,
        slug: "wheel-of-fortune",
        name: "Wheel of Fortune",
        arcana: Arcana::Major,
        number: 10,
        keywords_upright: &["cycles", "change", "luck", "turning points"],
        keywords_reversed: &["resistance", "setbacks", "feeling stuck"],
        upright: "Life is turning and a new season is arriving. Stay open to surprises and remember that \
            nothing stays the same for long. Move with the turn rather than against it.",
        reversed: "A run of bad luck or a change you did not choose may be weighing on you. Remember that the \
            wheel keeps moving. Put your energy into what is yours to shape.",
        element: Element::Fire,
        symbols: &["a great turning wheel", "winged creatures in the clouds", "a sphinx at the top"],
    },
    Card {
        id: 11,
        slug: "justice",
        name: "Justice",
        arcana: Arcana::Major,
        number: 11,
        keywords_upright: &["fairness", "truth", "accountability", "balance"],
        keywords_reversed: &["dishonesty", "avoidance", "imbalance"],
        upright: "Clarity and fairness are called for. Look at the facts, own your part and act with \
            integrity. What is planted honestly grows honestly.",
        reversed: "Something feels lopsided or unfair, or a truth is being dodged. Be honest with yourself \
            first. Accountability is a relief, not a punishment.",
        element: Element::Air,
        symbols: &["balanced scales", "an upright sword", "a purple curtain"],
    },
    Card {
        id: 12,
        slug: "the-hanged-man",
        name: "The Hanged Man",
        arcana: Arcana::Major,
        number: 12,
        keywords_upright: &["surrender", "pause", "new perspective", "letting go"],
        keywords_reversed: &["stalling", "resistance", "needless sacrifice"],
        upright: "This is a sacred pause. Letting go of the urge to act can reveal an angle you could never \
            see while rushing. Surrender is not defeat.",
        reversed: "You may be stuck in waiting without learning from it, or giving yourself up for no good \
            reason. Ask what you are clinging to. A small shift in view can unlock a great deal.",
        element: Element::Water,
        symbols: &["a living tree", "a halo of light", "one foot crossed behind the knee"],
    },
    Card {
        id: 13,
        slug: "death",
        name: "Death",
        arcana: Arcana::Major,
        number: 13,
        keywords_upright: &["endings", "transformation", "release", "renewal"],
        keywords_reversed: &["clinging", "fear of change", "stagnation"],
        upright: "Something is complete, and it is time to let it go. Endings clear the ground for what comes \
            next, even when they ache. Transformation is already underway.",
        reversed: "You may be holding on to something that has already ended. Resistance keeps you in the \
            in-between. Loosen your grip and let the new season begin.",
        element: Element::Water,
        symbols: &["a white rose on a banner", "a sun rising between towers", "a pale horse"],
    },
    Card {
        id: 14,
        slug: "temperance",
        name: "Temperance",
        arcana: Arcana::Major,
        number: 14,
        keywords_upright: &["balance", "moderation", "patience", "healing"],
        keywords_reversed: &["excess", "imbalance", "impatience"],
        upright: "Blend, soften and take the middle way. Patience and moderation are healing you more than \
            any dramatic gesture could. Small, steady adjustments create lasting harmony.",
        reversed: "Something in your life has tipped into too much or too little. Notice where you are \
            rushing or overdoing it. Come back to your centre, one sip at a time.",
        element: Element::Fire,
        symbols: &["water poured between two cups", "one foot on land, one in water", "a path toward a crown of light"],
    },
    Card {
        id: 15,
        slug: "the-devil",
        name: "The Devil",
        arcana: Arcana::Major,
        number: 15,
        keywords_upright: &["attachment", "temptation", "shadow", "habit"],
        keywords_reversed: &["release", "awareness", "breaking free"],
        upright: "Look honestly at what has a hold on you, whether a habit, a fear or a relationship. Naming \
            the chain is the first step to loosening it. Your shadow deserves understanding, not shame.",
        reversed: "You are beginning to see the patterns that kept you stuck. Freedom is closer than it \
            feels. Keep choosing yourself, gently and often.",
        element: Element::Earth,
        symbols: &["loose chains", "an inverted torch", "a dark archway"],
    },
    Card {
        id: 16,
        slug: "the-tower",
        name: "The Tower",
        arcana: Arcana::Major,
        number: 16,
        keywords_upright: &["upheaval", "revelation", "sudden change", "awakening"],
        keywords_reversed: &["fear of change", "averted crisis", "delayed release"],
        upright: "Something built on shaky ground is coming down. It can be jarring, yet it clears space for \
            truth and a stronger foundation. What falls away was never meant to hold you.",
        reversed: "You may be bracing against a change that is already happening, or still feeling the \
            aftershocks inside. Let it move through you. Rebuilding can start quietly.",
        element: Element::Fire,
        symbols: &["a bolt of lightning", "a falling crown", "a tower on a rocky peak"],
    },
    Card {
        id: 17,
        slug: "the-star",
        name: "The Star",
        arcana: Arcana::Major,
        number: 17,
        keywords_upright: &["hope", "renewal", "inspiration", "serenity"],
        keywords_reversed: &["discouragement", "doubt", "disconnection"],
        upright: "After the storm comes a quiet, hopeful night. Healing is happening, and you are allowed to \
            believe in good things again. Let yourself be refreshed.",
        reversed: "Hope may feel far away right now. Look for one small light and tend to it. Your faith will \
            return as you rest.",
        element: Element::Air,
        symbols: &["a bright eight-pointed star", "water poured into a pool", "a small bird in a tree"],
    },
    Card {
        id: 18,
        slug: "the-moon",
        name: "The Moon",
        arcana: Arcana::Major,
        number: 18,
        keywords_upright: &["intuition", "dreams", "uncertainty", "the subconscious"],
        keywords_reversed: &["confusion lifting", "surfacing fears", "misread signals"],
        upright: "Not everything is clear, and that is all right. Move slowly, trust your instincts and pay \
            attention to your dreams. The path reveals itself step by step.",
        reversed: "Confusion is beginning to lift, or old fears are rising to be seen. Gently sort what is \
            real from what is imagined. Morning is closer than it looks.",
        element: Element::Water,
        symbols: &["a moonlit path", "a dog and a wolf", "a crayfish climbing from a pool"],
    },
    Card {
        id: 19,
        slug: "the-sun",
        name: "The Sun",
        arcana: Arcana::Major,
        number: 19,
        keywords_upright: &["joy", "vitality", "success", "warmth"],
        keywords_reversed: &["dimmed joy", "overconfidence", "delay"],
        upright: "Warmth, clarity and joy are shining on you. Celebrate, play and let yourself be seen. This \
            is a season of simple, radiant goodness.",
        reversed: "The light is still there, even when clouds pass over it. Your joy may feel muted, or your \
            confidence may be running ahead of you. Find the small pleasures and let them grow.",
        element: Element::Fire,
        symbols: &["a blazing sun", "sunflowers over a wall", "a child on a white horse"],
    },
    Card {
        id: 20,
        slug: "judgement",
        name: "Judgement",
        arcana: Arcana::Major,
        number: 20,
        keywords_upright: &["awakening", "renewal", "calling", "reflection"],
        keywords_reversed: &["self-judgement", "doubt", "ignoring the call"],
        upright: "A call is rising from deep within you. Look back with honesty and forgiveness, then rise \
            into who you are becoming. This is a moment of awakening.",
        reversed: "Harsh self-judgement may be keeping you from answering your calling. Let old regrets go. \
            You are allowed a fresh start.",
        element: Element::Fire,
        symbols: &["a ringing trumpet", "figures rising with open arms", "distant mountains"],
    },
    Card {
        id: 21,
        slug: "the-world",
        name: "The World",
        arcana: Arcana::Major,
        number: 21,
        keywords_upright: &["completion", "wholeness", "integration", "celebration"],
        keywords_reversed: &["unfinished business", "delays", "lack of closure"],
        upright: "A cycle is reaching its natural completion. Take a breath and honour how far you have come. \
            Wholeness is not perfection; it is arrival.",
        reversed: "You are almost there, yet something is left undone. Tie up the loose ends with care. \
            Closure will make room for what comes next.",
        element: Element::Earth,
        symbols: &["a laurel wreath", "a dancing figure", "four creatures in the corners"],
    },
    Card {
        id: 22,
        slug: "ace-of-wands",
        name: "Ace of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 1,
        keywords_upright: &["inspiration", "new venture", "spark", "potential"],
        keywords_reversed: &["delays", "lack of direction", "creative block"],
        upright: "A spark of inspiration has arrived. Say yes to the idea that excites you and give it a \
            little fuel. Fresh energy is ready to be used.",
        reversed: "The spark is there but it has not caught yet. Give it time, or clear away what is \
            smothering it. Creativity sometimes needs a quiet restart.",
        element: Element::Fire,
        symbols: &["a budding wand", "a hand reaching from a cloud", "a castle on a hill"],
    },
    Card {
        id: 23,
        slug: "two-of-wands",
        name: "Two of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 2,
        keywords_upright: &["planning", "vision", "decisions", "the future"],
        keywords_reversed: &["fear of the unknown", "playing safe", "poor planning"],
        upright: "You are standing at the edge of something bigger. Look toward the horizon and begin to \
            plan. The world is wider than your current walls.",
        reversed: "Fear of the unknown may be keeping you comfortable but small. A plan does not need to be \
            perfect to be useful. Take one step past the familiar.",
        element: Element::Fire,
        symbols: &["a small globe in hand", "a view over the sea", "a stone parapet"],
    },
    Card {
        id: 24,
        slug: "three-of-wands",
        name: "Three of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 3,
        keywords_upright: &["expansion", "foresight", "progress", "opportunity"],
        keywords_reversed: &["obstacles", "delays", "frustration"],
        upright: "Your efforts are starting to travel. Keep your view wide and be ready for opportunities \
            that arrive from afar. Growth is on its way.",
        reversed: "Plans may be moving slower than you hoped. Look at what you can adjust rather than what \
            you cannot control. The ships are still sailing.",
        element: Element::Fire,
        symbols: &["ships on the horizon", "a figure on a cliff", "three planted staffs"],
    },
    Card {
        id: 25,
        slug: "four-of-wands",
        name: "Four of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 4,
        keywords_upright: &["celebration", "home", "harmony", "milestones"],
        keywords_reversed: &["tension at home", "transition", "lack of support"],
        upright: "There is something worth celebrating. Gather your people, mark the milestone and enjoy a \
            feeling of home. Stability is a gift to share.",
        reversed: "Home or community may feel unsettled for now. Look for belonging in small gatherings. A \
            celebration delayed is not a celebration lost.",
        element: Element::Fire,
        symbols: &["a garland of flowers", "a castle gate", "dancers with raised bouquets"],
    },
    Card {
        id: 26,
        slug: "five-of-wands",
        name: "Five of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 5,
        keywords_upright: &["conflict", "competition", "friction", "tension"],
        keywords_reversed: &["avoiding conflict", "resolution", "inner struggle"],
        upright: "Friction is in the air, from competing ideas or clashing egos. Healthy challenge can \
            sharpen you. Keep it playful and fair.",
        reversed: "Conflict may be easing, or it may be simmering unspoken. Decide which battles deserve your \
            energy. Peace often starts with listening.",
        element: Element::Fire,
        symbols: &["five crossing staffs", "a dusty field", "mismatched tunics"],
    },
    Card {
        id: 27,
        slug: "six-of-wands",
        name: "Six of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 6,
        keywords_upright: &["recognition", "success", "confidence", "progress"],
        keywords_reversed: &["self-doubt", "ego", "fall from grace"],
        upright: "You have earned this moment of recognition. Let yourself accept praise without shrinking. \
            Confidence grows when you acknowledge your wins.",
        reversed: "You may be doubting your achievements or leaning too hard on other people's approval. Your \
            worth does not depend on applause. Return to why you began.",
        element: Element::Fire,
        symbols: &["a laurel wreath on a staff", "a white horse", "a cheering crowd"],
    },
    Card {
        id: 28,
        slug: "seven-of-wands",
        name: "Seven of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 7,
        keywords_upright: &["perseverance", "defence", "standing firm", "conviction"],
        keywords_reversed: &["overwhelm", "giving up", "exhaustion"],
        upright: "You have something worth protecting. Stand your ground with conviction, even when \
            challenges come from many sides. You hold the higher ground.",
        reversed: "Defending yourself at every turn is wearing you down. Choose what is truly worth the \
            fight. Rest is also a strategy.",
        element: Element::Fire,
        symbols: &["a windy hilltop", "mismatched shoes", "staffs rising from below"],
    },
    Card {
        id: 29,
        slug: "eight-of-wands",
        name: "Eight of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 8,
        keywords_upright: &["speed", "movement", "news", "alignment"],
        keywords_reversed: &["delays", "frustration", "scattered energy"],
        upright: "Things are moving quickly now. News, messages and progress may arrive in a rush. Ride the \
            momentum while it lasts.",
        reversed: "Plans feel stalled, or your energy is flying in too many directions. Slow down and choose \
            a single aim. The timing will come right.",
        element: Element::Fire,
        symbols: &["eight staffs in flight", "a clear sky", "a river valley"],
    },
    Card {
        id: 30,
        slug: "nine-of-wands",
        name: "Nine of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 9,
        keywords_upright: &["resilience", "persistence", "boundaries", "the last stretch"],
        keywords_reversed: &["fatigue", "defensiveness", "suspicion"],
        upright: "You are tired but nearly there. Draw on your resilience and protect your energy for the \
            final push. You have come through harder things.",
        reversed: "Old wounds may be making you guarded or worn out. It is fine to ask for help. Not every \
            approach is an attack.",
        element: Element::Fire,
        symbols: &["a bandaged head", "a fence of staffs", "a watchful stance"],
    },
    Card {
        id: 31,
        slug: "ten-of-wands",
        name: "Ten of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 10,
        keywords_upright: &["burden", "responsibility", "hard work", "overload"],
        keywords_reversed: &["release", "delegation", "burnout"],
        upright: "You are carrying a lot, perhaps more than your share. Honour your effort, then look at what \
            you can set down. Success should not cost you everything.",
        reversed: "The weight is becoming too much to ignore. Delegate, say no or ask for support. Letting go \
            is a form of strength.",
        element: Element::Fire,
        symbols: &["a bundle of ten staffs", "a bowed back", "a town in the distance"],
    },
    Card {
        id: 32,
        slug: "page-of-wands",
        name: "Page of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 11,
        keywords_upright: &["curiosity", "enthusiasm", "exploration", "free spirit"],
        keywords_reversed: &["restlessness", "false starts", "distraction"],
        upright: "A playful, curious energy is inviting you to explore. Try something new simply because it \
            lights you up. Beginner's excitement is a gift.",
        reversed: "Enthusiasm may be scattering before it takes root. Pick one idea to nurture. Boredom is \
            not failure, only a signal.",
        element: Element::Fire,
        symbols: &["a sprouting staff", "a desert of pyramids", "a feathered cap"],
    },
    Card {
        id: 33,
        slug: "knight-of-wands",
        name: "Knight of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 12,
        keywords_upright: &["energy", "adventure", "passion", "boldness"],
        keywords_reversed: &["impulsiveness", "haste", "frustration"],
        upright: "Bold energy is pushing you forward. Follow your passion with enthusiasm and a bit of \
            daring. Adventure favours those who go.",
        reversed: "Passion may be racing ahead of good sense. Pause before you charge. Direction is what \
            makes courage useful.",
        element: Element::Fire,
        symbols: &["a rearing horse", "salamanders on a tunic", "a plume like a flame"],
    },
    Card {
        id: 34,
        slug: "queen-of-wands",
        name: "Queen of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 13,
        keywords_upright: &["confidence", "warmth", "determination", "charisma"],
        keywords_reversed: &["self-doubt", "jealousy", "burnout"],
        upright: "Step into your warmth and confidence. Your presence lights up a room and encourages others. \
            Own your gifts without apology.",
        reversed: "You may be dimming your light, or burning out from giving too much. Reconnect with what \
            makes you glow. Confidence returns with rest.",
        element: Element::Fire,
        symbols: &["a sunflower", "a black cat", "lions carved on a throne"],
    },
    Card {
        id: 35,
        slug: "king-of-wands",
        name: "King of Wands",
        arcana: Arcana::Minor(Suit::Wands),
        number: 14,
        keywords_upright: &["vision", "leadership", "boldness", "inspiration"],
        keywords_reversed: &["impatience", "domineering", "unrealistic demands"],
        upright: "You have the vision to lead and the fire to follow through. Think big and inspire others by \
            example. Leadership here is bold and generous.",
        reversed: "Ambition may be turning into impatience or control. Slow down and listen to those around \
            you. A true leader lifts others up.",
        element: Element::Fire,
        symbols: &["a flowering staff", "a salamander at the feet", "a lion on a banner"],
    },
    Card {
        id: 36,
        slug: "ace-of-cups",
        name: "Ace of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 1,
        keywords_upright: &["love", "new feelings", "compassion", "emotional opening"],
        keywords_reversed: &["blocked emotions", "emptiness", "self-neglect"],
        upright: "Your heart is opening to new love, friendship or creativity. Let your feelings flow freely. \
            There is more than enough to go around.",
        reversed: "Feelings may be bottled up, or your own cup is running dry. Turn your compassion toward \
            yourself first. The spring has not dried up.",
        element: Element::Water,
        symbols: &["an overflowing cup", "a descending dove", "water lilies"],
    },
    Card {
        id: 37,
        slug: "two-of-cups",
        name: "Two of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 2,
        keywords_upright: &["partnership", "mutual respect", "attraction", "unity"],
        keywords_reversed: &["imbalance", "disconnection", "miscommunication"],
        upright: "A bond is forming, built on mutual respect and care. Meet each other halfway. Connection \
            deepens when both people feel seen.",
        reversed: "Something is off balance between you and another person. Honest, kind words can restore \
            the flow. Start by listening.",
        element: Element::Water,
        symbols: &["two raised cups", "a winged lion's head", "a staff entwined by serpents"],
    },
    Card {
        id: 38,
        slug: "three-of-cups",
        name: "Three of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 3,
        keywords_upright: &["friendship", "celebration", "community", "joy"],
        keywords_reversed: &["overindulgence", "gossip", "feeling left out"],
        upright: "It is a time for friendship and shared joy. Gather with people who lift you up. Celebration \
            strengthens community.",
        reversed: "The party may have gone a little too far, or you are feeling left out. Check in with the \
            friends who matter. Quality counts more than quantity.",
        element: Element::Water,
        symbols: &["three raised cups", "a harvest of fruit", "dancing friends"],
    },
    Card {
        id: 39,
        slug: "four-of-cups",
        name: "Four of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 4,
        keywords_upright: &["contemplation", "apathy", "reevaluation", "withdrawal"],
        keywords_reversed: &["renewed interest", "acceptance", "motivation"],
        upright: "You may be feeling flat, even with good things on offer. Take time to reflect on what you \
            truly want. Notice what is being held out to you.",
        reversed: "You are beginning to look up and notice new possibilities. Let curiosity return. Saying \
            yes can be gentle.",
        element: Element::Water,
        symbols: &["a cup offered from a cloud", "a shady tree", "folded arms"],
    },
    Card {
        id: 40,
        slug: "five-of-cups",
        name: "Five of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 5,
        keywords_upright: &["grief", "loss", "regret", "disappointment"],
        keywords_reversed: &["acceptance", "moving on", "forgiveness"],
        upright: "Loss hurts, and it is okay to grieve. While you mourn what spilled, remember that something \
            still stands. Healing starts with letting yourself feel it.",
        reversed: "You are starting to turn toward what is left. Forgiveness, of yourself or others, helps \
            you cross the bridge. Hope is quietly returning.",
        element: Element::Water,
        symbols: &["spilled cups", "a dark cloak", "a bridge across a river"],
    },
    Card {
        id: 41,
        slug: "six-of-cups",
        name: "Six of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 6,
        keywords_upright: &["nostalgia", "memories", "innocence", "kindness"],
        keywords_reversed: &["stuck in the past", "rosy memories", "moving forward"],
        upright: "Sweet memories and simple kindness surround you. Reconnect with your inner child or an old \
            friend. Innocence has its own wisdom.",
        reversed: "You may be romanticising the past or struggling to let it go. Honour your memories without \
            living in them. The present needs you too.",
        element: Element::Water,
        symbols: &["cups filled with flowers", "a village courtyard", "a gift between children"],
    },
    Card {
        id: 42,
        slug: "seven-of-cups",
        name: "Seven of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 7,
        keywords_upright: &["choices", "imagination", "illusion", "daydreaming"],
        keywords_reversed: &["clarity", "decisiveness", "alignment"],
        upright: "Many options are shimmering before you, and not all of them are real. Dream freely, then \
            look closely at each choice. Not everything that glitters is meant for you.",
        reversed: "The fog is lifting, and you can see what truly matters. Choose from your values rather \
            than from fantasy. Clarity is freeing.",
        element: Element::Water,
        symbols: &["cups floating in clouds", "a shrouded figure", "a jewelled treasure"],
    },
    Card {
        id: 43,
        slug: "eight-of-cups",
        name: "Eight of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 8,
        keywords_upright: &["walking away", "seeking meaning", "release", "moving on"],
        keywords_reversed: &["fear of change", "stagnation", "aimless drifting"],
        upright: "It may be time to leave behind what no longer fulfils you. Walking away takes courage. \
            Something deeper is calling you onward.",
        reversed: "You may be unsure whether to stay or go. Listen to the quiet pull of your heart. Staying \
            out of fear is not the same as choosing to stay.",
        element: Element::Water,
        symbols: &["a waning moon", "a neat stack of cups", "a lone path into the hills"],
    },
    Card {
        id: 44,
        slug: "nine-of-cups",
        name: "Nine of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 9,
        keywords_upright: &["contentment", "gratitude", "wishes fulfilled", "satisfaction"],
        keywords_reversed: &["dissatisfaction", "overindulgence", "hollow wins"],
        upright: "A wish is coming true. Let yourself feel satisfied and grateful. You deserve to enjoy what \
            you have.",
        reversed: "Something you wanted may not feel as good as you hoped. Look for what truly fulfils you. \
            Gratitude can reset your heart.",
        element: Element::Water,
        symbols: &["a curved row of cups", "a contented smile", "a draped blue cloth"],
    },
    Card {
        id: 45,
        slug: "ten-of-cups",
        name: "Ten of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 10,
        keywords_upright: &["harmony", "family", "lasting happiness", "belonging"],
        keywords_reversed: &["disconnection", "broken ideals", "family tension"],
        upright: "Deep harmony and a sense of belonging are blessing you. Cherish the people who feel like \
            home. Love grows when it is shared.",
        reversed: "The picture-perfect ideal may be cracking. Real love makes room for imperfection. Focus on \
            honest connection rather than appearances.",
        element: Element::Water,
        symbols: &["a rainbow of cups", "children dancing", "a cottage by a river"],
    },
    Card {
        id: 46,
        slug: "page-of-cups",
        name: "Page of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 11,
        keywords_upright: &["curiosity", "sensitivity", "creative ideas", "tender messages"],
        keywords_reversed: &["emotional immaturity", "blocked creativity", "insecurity"],
        upright: "A tender message or creative idea is surfacing. Let yourself be playful and open-hearted. \
            Intuition often speaks in surprising ways.",
        reversed: "You may be feeling insecure or holding your creativity back. Treat your feelings with \
            care. Childlike wonder is still within you.",
        element: Element::Water,
        symbols: &["a fish peeking from a cup", "a rolling sea", "a tunic of flowers"],
    },
    Card {
        id: 47,
        slug: "knight-of-cups",
        name: "Knight of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 12,
        keywords_upright: &["romance", "charm", "idealism", "following the heart"],
        keywords_reversed: &["moodiness", "empty promises", "unrealistic hopes"],
        upright: "Follow your heart with grace and imagination. A romantic or creative invitation may be on \
            its way. Let beauty lead.",
        reversed: "Idealism may be clouding your judgement, or promises may be running ahead of action. Stay \
            grounded in what is real. Feelings are valid, and they still need follow-through.",
        element: Element::Water,
        symbols: &["a white horse at a walk", "a winged helmet", "a quiet river"],
    },
    Card {
        id: 48,
        slug: "queen-of-cups",
        name: "Queen of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 13,
        keywords_upright: &["compassion", "emotional security", "intuition", "care"],
        keywords_reversed: &["codependence", "overwhelm", "self-neglect"],
        upright: "Lead with empathy and emotional wisdom. You can hold space for others while staying \
            anchored in yourself. Your calm is healing.",
        reversed: "You may be absorbing everyone's feelings and losing track of your own. Set loving \
            boundaries. Care for yourself as you care for others.",
        element: Element::Water,
        symbols: &["an ornate lidded cup", "a throne at the water's edge", "cherubs carved in stone"],
    },
    Card {
        id: 49,
        slug: "king-of-cups",
        name: "King of Cups",
        arcana: Arcana::Minor(Suit::Cups),
        number: 14,
        keywords_upright: &["emotional balance", "diplomacy", "wisdom", "calm"],
        keywords_reversed: &["moodiness", "volatility", "suppressed feelings"],
        upright: "Stay steady through emotional currents. Your calm wisdom helps others feel safe. Balance \
            heart and head with grace.",
        reversed: "Emotions may be bottled up or spilling over. Acknowledge what you feel without being swept \
            away. True calm comes from honesty.",
        element: Element::Water,
        symbols: &["a throne afloat on the sea", "a leaping fish", "a ship in the distance"],
    },
    Card {
        id: 50,
        slug: "ace-of-swords",
        name: "Ace of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 1,
        keywords_upright: &["clarity", "breakthrough", "truth", "new ideas"],
        keywords_reversed: &["confusion", "miscommunication", "clouded judgement"],
        upright: "A moment of mental clarity cuts through confusion. Speak your truth and trust the new idea. \
            Clear thinking opens the way.",
        reversed: "Your thoughts may be tangled or your words misunderstood. Slow down and seek clarity \
            before you act. The truth will surface.",
        element: Element::Air,
        symbols: &["a sword raised through a crown", "an olive branch and a palm", "a hand reaching from a cloud"],
    },
    Card {
        id: 51,
        slug: "two-of-swords",
        name: "Two of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 2,
        keywords_upright: &["indecision", "stalemate", "avoidance", "hard choices"],
        keywords_reversed: &["information overload", "confusion", "finally choosing"],
        upright: "You are caught between two options and avoiding a decision. Gently lift the blindfold and \
            look at what is in front of you. Balance is possible.",
        reversed: "Too much information or pressure is making you freeze. Trust yourself to choose. Relief \
            comes after the decision.",
        element: Element::Air,
        symbols: &["a blindfold", "crossed swords", "a crescent moon over water"],
    },
    Card {
        id: 52,
        slug: "three-of-swords",
        name: "Three of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 3,
        keywords_upright: &["heartbreak", "sorrow", "grief", "painful truth"],
        keywords_reversed: &["healing", "recovery", "forgiveness"],
        upright: "Something hurts, and it is okay to feel it fully. Pain can bring a hard-won clarity. Let \
            the storm pass through without rushing it.",
        reversed: "The ache is beginning to ease. Forgiveness and acceptance help mend the heart. You are \
            healing.",
        element: Element::Air,
        symbols: &["a heart pierced by three swords", "heavy storm clouds", "falling rain"],
    },
    Card {
        id: 53,
        slug: "four-of-swords",
        name: "Four of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 4,
        keywords_upright: &["rest", "recovery", "contemplation", "restoration"],
        keywords_reversed: &["restlessness", "burnout", "slow recovery"],
        upright: "Rest is not laziness; it is medicine. Step away from the battle and restore yourself. \
            Stillness will help you heal.",
        reversed: "You may be pushing on when you really need rest, or struggling to slow down. Give yourself \
            permission to pause. Recovery takes the time it takes.",
        element: Element::Air,
        symbols: &["a resting figure", "a stained-glass window", "hands folded in prayer"],
    },
    Card {
        id: 54,
        slug: "five-of-swords",
        name: "Five of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 5,
        keywords_upright: &["conflict", "costly victory", "tension", "defeat"],
        keywords_reversed: &["reconciliation", "making amends", "moving past conflict"],
        upright: "Conflict may leave everyone feeling a little bruised. Consider whether winning is worth the \
            cost. Some battles are better walked away from.",
        reversed: "There is an opening to make amends and move on. Let go of the need to be right. Peace is \
            worth more than pride.",
        element: Element::Air,
        symbols: &["swords gathered from the ground", "figures walking away", "a jagged sky"],
    },
    Card {
        id: 55,
        slug: "six-of-swords",
        name: "Six of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 6,
        keywords_upright: &["transition", "moving on", "calmer waters", "healing journey"],
        keywords_reversed: &["resistance to change", "unfinished business", "old baggage"],
        upright: "You are moving away from turbulence toward calmer waters. The journey may be quiet and \
            reflective. Healing happens with each stroke of the oar.",
        reversed: "Old baggage may be coming along for the ride. Look at what you are not ready to leave \
            behind. Transitions can be gentle and slow.",
        element: Element::Air,
        symbols: &["a small boat", "a ferryman's pole", "smooth water ahead"],
    },
    Card {
        id: 56,
        slug: "seven-of-swords",
        name: "Seven of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 7,
        keywords_upright: &["strategy", "resourcefulness", "discretion", "independence"],
        keywords_reversed: &["coming clean", "conscience", "self-deception"],
        upright: "A clever, careful approach may serve you now. Think strategically and keep your plans \
            close. Just make sure your choices honour your values.",
        reversed: "Hidden truths want to come to light, including ones you keep from yourself. Honesty brings \
            relief. Coming clean is a fresh start.",
        element: Element::Air,
        symbols: &["swords carried on tiptoe", "a camp of tents", "a glance over the shoulder"],
    },
    Card {
        id: 57,
        slug: "eight-of-swords",
        name: "Eight of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 8,
        keywords_upright: &["restriction", "limiting beliefs", "feeling trapped", "powerlessness"],
        keywords_reversed: &["release", "new perspective", "freedom"],
        upright: "You may feel trapped, but some of the bindings are thoughts rather than walls. Notice the \
            stories you tell yourself. A way out exists.",
        reversed: "You are beginning to see that you can free yourself. Old beliefs are loosening. Step out, \
            one careful move at a time.",
        element: Element::Air,
        symbols: &["a loosened blindfold", "a ring of swords", "a castle on a far cliff"],
    },
    Card {
        id: 58,
        slug: "nine-of-swords",
        name: "Nine of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 9,
        keywords_upright: &["anxiety", "worry", "sleeplessness", "overthinking"],
        keywords_reversed: &["hope", "reaching out", "easing fear"],
        upright: "Worry may be keeping you up at night. Fears often feel larger in the dark. Share what is \
            weighing on you.",
        reversed: "The night is ending and the anxiety is starting to ease. Reach out for support. Things are \
            rarely as bad as a tired mind insists.",
        element: Element::Air,
        symbols: &["a figure sitting up in bed", "a quilt of roses", "a dark wall of swords"],
    },
    Card {
        id: 59,
        slug: "ten-of-swords",
        name: "Ten of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 10,
        keywords_upright: &["painful endings", "rock bottom", "closure", "release"],
        keywords_reversed: &["recovery", "regeneration", "resisting the inevitable"],
        upright: "A painful chapter has reached its end. It can feel like hitting bottom, but the only way \
            from here is up. Dawn is already on the horizon.",
        reversed: "You are slowly getting back on your feet. Let go of what has already fallen. Recovery is \
            underway.",
        element: Element::Air,
        symbols: &["a golden dawn", "a still lake", "swords laid to rest"],
    },
    Card {
        id: 60,
        slug: "page-of-swords",
        name: "Page of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 11,
        keywords_upright: &["curiosity", "new ideas", "communication", "alertness"],
        keywords_reversed: &["gossip", "hasty words", "scattered thinking"],
        upright: "A fresh mind is eager to learn. Ask questions, stay alert and speak honestly. New ideas are \
            worth exploring.",
        reversed: "Words may be running ahead of thought. Be mindful of gossip and snap judgements. Listen \
            before you speak.",
        element: Element::Air,
        symbols: &["wind-swept clouds", "a sword held aloft", "birds in flight"],
    },
    Card {
        id: 61,
        slug: "knight-of-swords",
        name: "Knight of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 12,
        keywords_upright: &["ambition", "action", "drive", "quick thinking"],
        keywords_reversed: &["recklessness", "impulsiveness", "burnout"],
        upright: "Drive and ambition are carrying you swiftly forward. Act on your ideas with focus and \
            speed. Momentum is on your side.",
        reversed: "Haste may be causing carelessness or conflict. Ease your pace. Good ideas need patience \
            too.",
        element: Element::Air,
        symbols: &["a galloping horse", "trees bent by wind", "a sword held high"],
    },
    Card {
        id: 62,
        slug: "queen-of-swords",
        name: "Queen of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 13,
        keywords_upright: &["clarity", "independence", "honesty", "perception"],
        keywords_reversed: &["coldness", "bitterness", "harsh judgement"],
        upright: "See clearly and speak plainly, with honesty and care. Your independence and experience give \
            you wisdom. Boundaries are a form of kindness.",
        reversed: "Old hurt may be sharpening your words. Soften without losing your truth. Clarity works \
            best alongside compassion.",
        element: Element::Air,
        symbols: &["an outstretched hand", "a single bird high above", "butterflies carved on a throne"],
    },
    Card {
        id: 63,
        slug: "king-of-swords",
        name: "King of Swords",
        arcana: Arcana::Minor(Suit::Swords),
        number: 14,
        keywords_upright: &["intellect", "authority", "truth", "clear thinking"],
        keywords_reversed: &["manipulation", "cold logic", "misused power"],
        upright: "Reason, fairness and clear thinking are your strengths now. Make decisions grounded in \
            truth, not in mood alone. Leadership here is principled.",
        reversed: "Logic may be turning cold, or authority may be misused. Let empathy temper your \
            judgements. Truth is best served with kindness.",
        element: Element::Air,
        symbols: &["an upright sword", "a wide blue sky", "a throne carved with moons"],
    },
    Card {
        id: 64,
        slug: "ace-of-pentacles",
        name: "Ace of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 1,
        keywords_upright: &["opportunity", "prosperity", "new beginning", "abundance"],
        keywords_reversed: &["missed chance", "poor planning", "scarcity mindset"],
        upright: "A tangible new opportunity is arriving in your work, health or finances. Plant the seed and \
            tend it steadily. Good things can grow from here.",
        reversed: "An opportunity may slip by, or fear of lack may be holding you back. Ground yourself and \
            plan carefully. Abundance starts with small, steady steps.",
        element: Element::Earth,
        symbols: &["a golden coin in an open hand", "a garden archway", "white lilies"],
    },
    Card {
        id: 65,
        slug: "two-of-pentacles",
        name: "Two of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 2,
        keywords_upright: &["balance", "adaptability", "juggling", "flexibility"],
        keywords_reversed: &["overwhelm", "disorganisation", "overcommitment"],
        upright: "You are juggling many things and keeping them all in motion. Stay flexible and light on \
            your feet. Balance is a dance, not a fixed point.",
        reversed: "Too many commitments are slipping through your fingers. Simplify and prioritise. It is \
            okay to put something down.",
        element: Element::Earth,
        symbols: &["a looping ribbon", "ships on rolling waves", "a dancing step"],
    },
    Card {
        id: 66,
        slug: "three-of-pentacles",
        name: "Three of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 3,
        keywords_upright: &["teamwork", "collaboration", "craft", "learning"],
        keywords_reversed: &["disharmony", "poor teamwork", "working alone"],
        upright: "Good work comes from shared skill and mutual respect. Collaborate and value each person's \
            contribution. Together you can build something lasting.",
        reversed: "Teamwork may be strained, or efforts out of sync. Clarify roles and listen to each other. \
            Shared goals bring people back together.",
        element: Element::Earth,
        symbols: &["a cathedral arch", "plans held in hand", "a mason's bench"],
    },
    Card {
        id: 67,
        slug: "four-of-pentacles",
        name: "Four of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 4,
        keywords_upright: &["security", "saving", "control", "stability"],
        keywords_reversed: &["possessiveness", "loosening grip", "generosity"],
        upright: "You are building security and protecting what you have. Saving and stability are wise. Just \
            make sure you are not holding so tight that nothing can flow.",
        reversed: "Fear of loss may be making you tight-fisted, or you are learning to loosen your grip. \
            Generosity and security can live together. Let some things move.",
        element: Element::Earth,
        symbols: &["a coin held to the chest", "a city behind", "a coin balanced on a crown"],
    },
    Card {
        id: 68,
        slug: "five-of-pentacles",
        name: "Five of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 5,
        keywords_upright: &["hardship", "scarcity", "feeling left out", "struggle"],
        keywords_reversed: &["recovery", "help arriving", "hope"],
        upright: "Times may feel lean and lonely. Help may be closer than you think. You do not have to \
            weather this alone.",
        reversed: "Things are slowly improving. Accept support and let warmth back in. Recovery is a \
            step-by-step path.",
        element: Element::Earth,
        symbols: &["a lit church window", "falling snow", "a wooden crutch"],
    },
    Card {
        id: 69,
        slug: "six-of-pentacles",
        name: "Six of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 6,
        keywords_upright: &["generosity", "sharing", "kindness", "fairness"],
        keywords_reversed: &["strings attached", "imbalance", "debt"],
        upright: "Giving and receiving are in balance. Share what you can and accept help with grace. \
            Generosity creates a circle of care.",
        reversed: "Giving may come with strings, or there may be an imbalance of power. Check that help is \
            freely offered. Healthy exchange respects everyone.",
        element: Element::Earth,
        symbols: &["scales held in one hand", "coins falling into open palms", "a kneeling figure"],
    },
    Card {
        id: 70,
        slug: "seven-of-pentacles",
        name: "Seven of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 7,
        keywords_upright: &["patience", "investment", "long-term view", "assessment"],
        keywords_reversed: &["impatience", "frustration", "poor returns"],
        upright: "Your efforts are growing slowly but surely. Step back and assess your progress. Patience \
            will be rewarded.",
        reversed: "You may feel frustrated with slow results. Reconsider where you invest your time. Effort \
            still matters, even when the progress is hidden.",
        element: Element::Earth,
        symbols: &["a leaning hoe", "a vine heavy with coins", "a thoughtful gaze"],
    },
    Card {
        id: 71,
        slug: "eight-of-pentacles",
        name: "Eight of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 8,
        keywords_upright: &["dedication", "craftsmanship", "skill", "diligence"],
        keywords_reversed: &["perfectionism", "burnout", "lack of focus"],
        upright: "Focus on your craft with dedication. Practice and patience build mastery. Take pride in \
            each careful step.",
        reversed: "Perfectionism or burnout may be creeping in. Remember why you started. Balance effort with \
            rest.",
        element: Element::Earth,
        symbols: &["a workbench", "a hammer and chisel", "a row of finished coins"],
    },
    Card {
        id: 72,
        slug: "nine-of-pentacles",
        name: "Nine of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 9,
        keywords_upright: &["self-sufficiency", "abundance", "independence", "comfort"],
        keywords_reversed: &["overwork", "insecurity", "hollow success"],
        upright: "You have built a life of comfort through your own effort. Enjoy the fruits of your work. \
            Independence feels good.",
        reversed: "You may be overworking, or leaning on others for a sense of security. Reconnect with your \
            own worth. True abundance includes rest.",
        element: Element::Earth,
        symbols: &["a falcon on a gloved hand", "ripe grapevines", "a snail on the path"],
    },
    Card {
        id: 73,
        slug: "ten-of-pentacles",
        name: "Ten of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 10,
        keywords_upright: &["legacy", "lasting security", "family", "roots"],
        keywords_reversed: &["family tension", "instability", "short-term thinking"],
        upright: "Long-term security and legacy are taking shape. Cherish family, traditions and the roots \
            you are planting. What you build now can bless those who come after.",
        reversed: "Family or financial tension may be stirring. Look at what truly lasts. Legacy is about \
            values as much as wealth.",
        element: Element::Earth,
        symbols: &["an archway into a courtyard", "an elder with two dogs", "a family crest"],
    },
    Card {
        id: 74,
        slug: "page-of-pentacles",
        name: "Page of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 11,
        keywords_upright: &["study", "new skills", "ambition", "steady start"],
        keywords_reversed: &["procrastination", "slow progress", "daydreaming"],
        upright: "A new path of learning or earning is opening. Be curious and diligent. Small, consistent \
            steps lead to real results.",
        reversed: "Ideas are plentiful but follow-through is lacking. Start small and stay consistent. \
            Progress comes from doing.",
        element: Element::Earth,
        symbols: &["a coin held up to the light", "a freshly ploughed field", "a grove of trees"],
    },
    Card {
        id: 75,
        slug: "knight-of-pentacles",
        name: "Knight of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 12,
        keywords_upright: &["reliability", "routine", "patience", "hard work"],
        keywords_reversed: &["stagnation", "boredom", "rigidity"],
        upright: "Steady effort and reliability are your strengths now. Keep going with patience and care. \
            Consistency wins the race.",
        reversed: "Routine may have turned into a rut, or progress has stalled. Shake things up gently. \
            Reliability should not harden into rigidity.",
        element: Element::Earth,
        symbols: &["a sturdy black horse", "a coin held steady", "neat furrowed fields"],
    },
    Card {
        id: 76,
        slug: "queen-of-pentacles",
        name: "Queen of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 13,
        keywords_upright: &["nurturing", "practicality", "groundedness", "comfort"],
        keywords_reversed: &["self-neglect", "imbalance", "overwhelm"],
        upright: "Care for your body, your home and the people you love with practical warmth. Create comfort \
            and stability. Grounded nurturing is your gift.",
        reversed: "You may be neglecting yourself while caring for everyone else. Rebalance work and home. \
            Nourish your own roots.",
        element: Element::Earth,
        symbols: &["a rabbit at her feet", "a bower of roses", "a coin resting in the lap"],
    },
    Card {
        id: 77,
        slug: "king-of-pentacles",
        name: "King of Pentacles",
        arcana: Arcana::Minor(Suit::Pentacles),
        number: 14,
        keywords_upright: &["abundance", "security", "discipline", "generosity"],
        keywords_reversed: &["greed", "rigidity", "materialism"],
        upright: "You have built stability through discipline and hard work. Lead with generosity and \
            practical wisdom. Success is best shared.",
        reversed: "A focus on money or control may be crowding out joy. Remember what wealth is for. Security \
            means more when it is shared.",
        element: Element::Earth,
        symbols: &["a robe of grapevines", "bulls' heads on a throne", "a castle behind"],
    },
];

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn has_78_cards_with_ids_matching_their_index() {
        assert_eq!(DECK.len(), 78);
        for (index, card) in DECK.iter().enumerate() {
            assert_eq!(usize::from(card.id), index, "{} is out of place", card.name);
        }
    }

    #[test]
    fn has_22_majors_then_14_of_each_suit_in_order() {
        let majors: Vec<&Card> = DECK.iter().filter(|c| c.is_major()).collect();
        assert_eq!(majors.len(), 22);
        for (n, card) in majors.iter().enumerate() {
            assert_eq!(usize::from(card.id), n);
            assert_eq!(usize::from(card.number), n, "{}", card.name);
            assert_eq!(card.suit(), None);
        }
        for (s, suit) in Suit::ALL.into_iter().enumerate() {
            let cards: Vec<&Card> = DECK.iter().filter(|c| c.suit() == Some(suit)).collect();
            assert_eq!(cards.len(), 14, "{}", suit.label());
            for (rank, card) in cards.iter().enumerate() {
                assert_eq!(usize::from(card.id), 22 + s * 14 + rank, "{}", card.name);
                assert_eq!(usize::from(card.number), rank + 1, "{}", card.name);
                assert!(!card.is_major());
                assert!(card.name.ends_with(suit.label()), "{}", card.name);
                assert!(card.slug.ends_with(suit.key()), "{}", card.slug);
            }
        }
    }

    #[test]
    fn names_and_slugs_are_distinct() {
        let names: HashSet<&str> = DECK.iter().map(|c| c.name).collect();
        let slugs: HashSet<&str> = DECK.iter().map(|c| c.slug).collect();
        assert_eq!(names.len(), DECK.len());
        assert_eq!(slugs.len(), DECK.len());
    }

    #[test]
    fn slugs_are_url_safe() {
        for card in &DECK {
            assert!(!card.slug.is_empty());
            assert!(!card.slug.starts_with('-') && !card.slug.ends_with('-'), "{}", card.slug);
            assert!(!card.slug.contains("--"), "{}", card.slug);
            assert!(
                card.slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}",
                card.slug
            );
        }
    }

    #[test]
    fn every_card_is_fully_written() {
        for card in &DECK {
            assert!(!card.upright.trim().is_empty(), "{}", card.name);
            assert!(!card.reversed.trim().is_empty(), "{}", card.name);
            assert_ne!(card.upright, card.reversed, "{}", card.name);
            assert!(card.keywords_upright.len() >= 3, "{}", card.name);
            assert!(card.keywords_reversed.len() >= 3, "{}", card.name);
            assert_eq!(card.symbols.len(), 3, "{}", card.name);
            let texts = card.keywords_upright.iter().chain(card.keywords_reversed).chain(card.symbols);
            for text in texts {
                assert!(!text.trim().is_empty(), "{}", card.name);
            }
            // Line-continuation escapes in the source must not leave doubled spaces behind.
            assert!(!card.upright.contains("  ") && !card.reversed.contains("  "), "{}", card.name);
        }
    }

    #[test]
    fn minors_share_their_suits_element() {
        for card in &DECK {
            if let Some(suit) = card.suit() {
                assert_eq!(card.element, suit.element(), "{}", card.name);
            }
        }
    }

    #[test]
    fn lookups_find_every_card() {
        for card in &DECK {
            assert_eq!(by_slug(card.slug), Some(card));
            assert_eq!(super::card(card.id), Some(card));
        }
        assert_eq!(by_slug("not-a-card"), None);
        assert_eq!(card(78), None);
        assert_eq!(card(u8::MAX), None);
    }

    #[test]
    fn suit_keys_are_lowercase_labels() {
        for suit in Suit::ALL {
            assert_eq!(suit.key(), suit.label().to_lowercase());
        }
    }
}
