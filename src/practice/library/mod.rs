//! The demo technique library and achievement definitions written for Kindred: seeded as demo
//! data (src/startup/demo_practice.rs); moderators edit the library in the app afterwards.

pub struct CategorySeed {
    pub slug: &'static str,
    pub name: &'static str,
    pub colour: &'static str,
    pub position: i32,
}

pub struct TechniqueSeed {
    pub slug: &'static str,                 // ^[a-z][a-z0-9-]{1,59}$, unique
    pub category: &'static str,             // a CategorySeed slug
    pub name: &'static str,                 // 1..=80 chars
    pub summary: &'static str,              // one or two sentences, <= 280 chars
    pub guide: &'static str,                // markdown guide, 600..=3000 chars
    pub media_url: Option<&'static str>,    // None for all (no real URLs)
    pub minutes: i32,                       // typical duration 3..=45
    pub difficulty: i16,                    // 1..=5
    pub prerequisite: Option<&'static str>, // slug of a technique that appears earlier in techniques()
    pub unlock: &'static str,               // JSON object; "{}" for gateways
    pub gateway: bool,
    pub requires_verification: bool,
    pub questions: &'static [&'static str], // verification questions; non-empty exactly when requires_verification
}

pub struct AchievementSeed {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub category: Option<&'static str>, // a category slug or None
    pub points: i32,
    pub hidden: bool,
    pub criteria: &'static str, // JSON
}

pub const CATEGORIES: &[CategorySeed] = &[
    CategorySeed { slug: "breath", name: "Breath", colour: "#3b82c4", position: 0 },
    CategorySeed { slug: "grounding", name: "Grounding", colour: "#b7793e", position: 1 },
    CategorySeed { slug: "energy", name: "Energy awareness", colour: "#8b5cf6", position: 2 },
    CategorySeed { slug: "protection", name: "Protection", colour: "#1f9e89", position: 3 },
    CategorySeed { slug: "flow", name: "Flow & body awareness", colour: "#d9546e", position: 4 },
];

mod inward;
mod outward;

/// Every technique, in an order where each prerequisite comes before the techniques that need it.
pub fn techniques() -> impl Iterator<Item = &'static TechniqueSeed> {
    inward::INWARD.iter().chain(outward::OUTWARD.iter())
}

pub const ACHIEVEMENTS: &[AchievementSeed] = &[
    AchievementSeed {
        slug: "first-session",
        name: "First step",
        description: "Log your first practice session.",
        category: None,
        points: 5,
        hidden: false,
        criteria: r#"{"type":"sessions","value":1}"#,
    },
    AchievementSeed {
        slug: "streak-3",
        name: "Three days running",
        description: "Check in three days in a row.",
        category: None,
        points: 10,
        hidden: false,
        criteria: r#"{"type":"streak","value":3}"#,
    },
    AchievementSeed {
        slug: "streak-7",
        name: "A full week",
        description: "Keep a seven-day check-in streak.",
        category: None,
        points: 20,
        hidden: false,
        criteria: r#"{"type":"streak","value":7}"#,
    },
    AchievementSeed {
        slug: "streak-30",
        name: "Moon cycle",
        description: "Keep a thirty-day check-in streak.",
        category: None,
        points: 60,
        hidden: false,
        criteria: r#"{"type":"streak","value":30}"#,
    },
    AchievementSeed {
        slug: "sessions-10",
        name: "Finding a rhythm",
        description: "Log ten practice sessions.",
        category: None,
        points: 15,
        hidden: false,
        criteria: r#"{"type":"sessions","value":10}"#,
    },
    AchievementSeed {
        slug: "sessions-50",
        name: "Steady practitioner",
        description: "Log fifty practice sessions.",
        category: None,
        points: 40,
        hidden: false,
        criteria: r#"{"type":"sessions","value":50}"#,
    },
    AchievementSeed {
        slug: "minutes-100",
        name: "A hundred minutes",
        description: "Practise for a hundred minutes in total.",
        category: None,
        points: 15,
        hidden: false,
        criteria: r#"{"type":"minutes","value":100}"#,
    },
    AchievementSeed {
        slug: "minutes-1000",
        name: "A thousand minutes",
        description: "Practise for a thousand minutes in total.",
        category: None,
        points: 50,
        hidden: false,
        criteria: r#"{"type":"minutes","value":1000}"#,
    },
    AchievementSeed {
        slug: "techniques-5",
        name: "Opening doors",
        description: "Unlock five techniques in the library.",
        category: None,
        points: 20,
        hidden: false,
        criteria: r#"{"type":"techniques_unlocked","value":5}"#,
    },
    AchievementSeed {
        slug: "breath-level-3",
        name: "Easy breather",
        description: "Reach level 3 in Breath.",
        category: Some("breath"),
        points: 25,
        hidden: false,
        criteria: r#"{"type":"category_level","category":"breath","value":3}"#,
    },
    AchievementSeed {
        slug: "flow-level-3",
        name: "On your axis",
        description: "Reach level 3 in Flow & body awareness.",
        category: Some("flow"),
        points: 25,
        hidden: false,
        criteria: r#"{"type":"category_level","category":"flow","value":3}"#,
    },
    AchievementSeed {
        slug: "validations-given-5",
        name: "Good witness",
        description: "Validate five practice sessions of other members.",
        category: None,
        points: 20,
        hidden: false,
        criteria: r#"{"type":"validations_given","value":5}"#,
    },
    AchievementSeed {
        slug: "verified-1",
        name: "Recognised by peers",
        description: "Have a technique's mastery verified by your peers.",
        category: None,
        points: 50,
        hidden: false,
        criteria: r#"{"type":"verified","value":1}"#,
    },
    AchievementSeed {
        slug: "challenge-1",
        name: "Up for it",
        description: "Complete your first community challenge.",
        category: None,
        points: 25,
        hidden: false,
        criteria: r#"{"type":"challenge_completed","value":1}"#,
    },
    AchievementSeed {
        slug: "check-ins-30",
        name: "Checking in",
        description: "Do thirty daily check-ins.",
        category: None,
        points: 30,
        hidden: false,
        criteria: r#"{"type":"check_ins","value":30}"#,
    },
    AchievementSeed {
        slug: "days-active-14",
        name: "Part of the week",
        description: "Practise or check in on fourteen different days.",
        category: None,
        points: 20,
        hidden: false,
        criteria: r#"{"type":"days_active","value":14}"#,
    },
    AchievementSeed {
        slug: "streak-100",
        name: "Hundred-day flame",
        description: "Keep a hundred-day check-in streak. Quietly remarkable.",
        category: None,
        points: 100,
        hidden: true,
        criteria: r#"{"type":"streak","value":100}"#,
    },
    AchievementSeed {
        slug: "deep-well",
        name: "Deep well",
        description: "Practise for three thousand minutes in total: fifty hours of showing up.",
        category: None,
        points: 80,
        hidden: true,
        criteria: r#"{"type":"minutes","value":3000}"#,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn valid_slug(s: &str) -> bool {
        let b = s.as_bytes();
        (2..=60).contains(&b.len())
            && b[0].is_ascii_lowercase()
            && b.iter().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
    }

    fn object(json: &str, what: &str) -> serde_json::Map<String, serde_json::Value> {
        match serde_json::from_str::<serde_json::Value>(json) {
            Ok(serde_json::Value::Object(m)) => m,
            other => panic!("{what}: not a JSON object: {other:?}"),
        }
    }

    #[test]
    fn categories_are_valid() {
        assert!(CATEGORIES.len() >= 4);
        let mut slugs = HashSet::new();
        for (i, c) in CATEGORIES.iter().enumerate() {
            assert!(valid_slug(c.slug), "bad category slug {}", c.slug);
            assert!(slugs.insert(c.slug), "duplicate category {}", c.slug);
            assert!(!c.name.is_empty());
            assert_eq!(c.position, i as i32);
            let hex = c.colour.strip_prefix('#').expect("colour starts with #");
            assert_eq!(hex.len(), 6, "colour {}", c.colour);
            assert!(hex.chars().all(|ch| ch.is_ascii_digit() || ('a'..='f').contains(&ch)), "colour {}", c.colour);
        }
    }

    #[test]
    fn techniques_are_valid() {
        assert!(techniques().count() >= 20);
        let categories: HashSet<&str> = CATEGORIES.iter().map(|c| c.slug).collect();
        let mut seen: HashSet<&str> = HashSet::new();
        for t in techniques() {
            assert!(valid_slug(t.slug), "bad slug {}", t.slug);
            assert!(!seen.contains(t.slug), "duplicate slug {}", t.slug);
            assert!(categories.contains(t.category), "{}: unknown category {}", t.slug, t.category);
            assert!((1..=80).contains(&t.name.chars().count()), "{}: name length", t.slug);
            let s = t.summary.chars().count();
            assert!((1..=280).contains(&s), "{}: summary is {s} chars", t.slug);
            let g = t.guide.chars().count();
            assert!((600..=3000).contains(&g), "{}: guide is {g} chars", t.slug);
            assert!(t.media_url.is_none());
            assert!((3..=45).contains(&t.minutes), "{}: minutes", t.slug);
            assert!((1..=5).contains(&t.difficulty), "{}: difficulty", t.slug);
            if let Some(p) = t.prerequisite {
                assert!(seen.contains(p), "{}: prerequisite {p} must appear earlier", t.slug);
            }
            let unlock = object(t.unlock, t.slug);
            for (k, v) in &unlock {
                match k.as_str() {
                    "practice_count" => {
                        assert!(t.prerequisite.is_some(), "{}: practice_count without prerequisite", t.slug);
                        assert!((2..=10).contains(&v.as_i64().unwrap()), "{}: practice_count", t.slug);
                    }
                    "days_active" => assert!((2..=14).contains(&v.as_i64().unwrap()), "{}: days_active", t.slug),
                    "streak" => assert!((2..=7).contains(&v.as_i64().unwrap()), "{}: streak", t.slug),
                    "category_level" => {
                        let cat = v["category"].as_str().expect("category_level.category");
                        assert!(categories.contains(cat), "{}: unknown category {cat}", t.slug);
                        assert!((2..=4).contains(&v["level"].as_i64().unwrap()), "{}: level", t.slug);
                    }
                    other => panic!("{}: unknown unlock key {other}", t.slug),
                }
            }
            if t.gateway {
                assert!(t.prerequisite.is_none(), "{}: gateway with prerequisite", t.slug);
                assert_eq!(t.unlock, "{}", "{}: gateway unlock", t.slug);
            } else {
                assert!(!unlock.is_empty(), "{}: non-gateway needs unlock criteria", t.slug);
            }
            assert_eq!(t.requires_verification, !t.questions.is_empty(), "{}: questions", t.slug);
            seen.insert(t.slug);
        }
        for c in CATEGORIES {
            let n = techniques().filter(|t| t.category == c.slug).count();
            assert!(n >= 4, "category {} has {n} techniques", c.slug);
            let g = techniques().filter(|t| t.category == c.slug && t.gateway).count();
            assert!((1..=2).contains(&g), "category {} has {g} gateways", c.slug);
        }
        let verified: Vec<_> = techniques().filter(|t| t.requires_verification).collect();
        assert_eq!(verified.len(), 2);
        for t in verified {
            assert!(t.questions.len() >= 3, "{}: questions", t.slug);
            assert!(t.difficulty >= 4, "{}: verified techniques are advanced", t.slug);
        }
    }

    #[test]
    fn slugs_other_code_relies_on() {
        let get = |s: &str| techniques().find(|t| t.slug == s).unwrap_or_else(|| panic!("missing {s}"));
        let g = get("grounding-breath");
        assert!(g.gateway && g.category == "breath" && g.difficulty == 1 && g.minutes == 5);
        let b = get("box-breathing");
        assert_eq!((b.category, b.prerequisite), ("breath", Some("grounding-breath")));
        assert_eq!(object(b.unlock, "box-breathing")["practice_count"], 3);
        assert!(get("rooted-standing").gateway);
        assert!(get("energy-scan").gateway);
        assert!(get("shielding-visualisation").gateway);
        assert!(get("axis-walk").gateway);
        let e = get("embrace-breathing");
        assert_eq!((e.category, e.prerequisite), ("flow", Some("axis-walk")));
        assert_eq!(object(e.unlock, "embrace-breathing")["practice_count"], 3);
    }

    #[test]
    fn achievements_are_valid() {
        assert!(ACHIEVEMENTS.len() >= 15);
        let categories: HashSet<&str> = CATEGORIES.iter().map(|c| c.slug).collect();
        let mut slugs = HashSet::new();
        for a in ACHIEVEMENTS {
            assert!(valid_slug(a.slug), "bad slug {}", a.slug);
            assert!(slugs.insert(a.slug), "duplicate achievement {}", a.slug);
            assert!(!a.name.is_empty() && !a.description.is_empty());
            assert!((5..=100).contains(&a.points), "{}: points", a.slug);
            let c = object(a.criteria, a.slug);
            let kind = c["type"].as_str().expect("criteria type");
            assert!(c["value"].as_i64().unwrap() >= 1, "{}: value", a.slug);
            match kind {
                "category_level" => {
                    assert_eq!(c.len(), 3, "{}: criteria keys", a.slug);
                    let cat = c["category"].as_str().expect("criteria category");
                    assert!(categories.contains(cat), "{}: unknown category", a.slug);
                    assert_eq!(a.category, Some(cat), "{}: category", a.slug);
                }
                "streak"
                | "sessions"
                | "minutes"
                | "techniques_unlocked"
                | "validations_given"
                | "verified"
                | "challenge_completed"
                | "check_ins"
                | "days_active" => {
                    assert_eq!(c.len(), 2, "{}: criteria keys", a.slug);
                    assert!(a.category.is_none(), "{}: category", a.slug);
                }
                other => panic!("{}: unknown criteria type {other}", a.slug),
            }
        }
        for s in ["first-session", "streak-3", "streak-7", "streak-30", "sessions-10", "minutes-100", "minutes-1000"] {
            assert!(slugs.contains(s), "missing achievement {s}");
        }
        assert_eq!(ACHIEVEMENTS.iter().filter(|a| a.hidden).count(), 2);
    }
}
