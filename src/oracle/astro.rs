//! The four elements and the twelve signs: what a member's spirit guide and readings draw on,
//! and what their profile may show. Shared by both builds.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "element", rename_all = "lowercase"))]
pub enum Element {
    Fire,
    Earth,
    Air,
    Water,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type))]
#[cfg_attr(feature = "ssr", sqlx(type_name = "astro_sign", rename_all = "lowercase"))]
pub enum AstroSign {
    Aries,
    Taurus,
    Gemini,
    Cancer,
    Leo,
    Virgo,
    Libra,
    Scorpio,
    Sagittarius,
    Capricorn,
    Aquarius,
    Pisces,
}

impl Element {
    pub const ALL: [Element; 4] = [Element::Fire, Element::Water, Element::Earth, Element::Air];

    pub fn key(self) -> &'static str {
        match self {
            Element::Fire => "fire",
            Element::Earth => "earth",
            Element::Air => "air",
            Element::Water => "water",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Element::Fire => "Fire",
            Element::Earth => "Earth",
            Element::Air => "Air",
            Element::Water => "Water",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Element::Fire => "🜂",
            Element::Earth => "🜃",
            Element::Air => "🜁",
            Element::Water => "🜄",
        }
    }
}

impl AstroSign {
    pub const ALL: [AstroSign; 12] = [
        AstroSign::Aries,
        AstroSign::Taurus,
        AstroSign::Gemini,
        AstroSign::Cancer,
        AstroSign::Leo,
        AstroSign::Virgo,
        AstroSign::Libra,
        AstroSign::Scorpio,
        AstroSign::Sagittarius,
        AstroSign::Capricorn,
        AstroSign::Aquarius,
        AstroSign::Pisces,
    ];

    pub fn key(self) -> &'static str {
        match self {
            AstroSign::Aries => "aries",
            AstroSign::Taurus => "taurus",
            AstroSign::Gemini => "gemini",
            AstroSign::Cancer => "cancer",
            AstroSign::Leo => "leo",
            AstroSign::Virgo => "virgo",
            AstroSign::Libra => "libra",
            AstroSign::Scorpio => "scorpio",
            AstroSign::Sagittarius => "sagittarius",
            AstroSign::Capricorn => "capricorn",
            AstroSign::Aquarius => "aquarius",
            AstroSign::Pisces => "pisces",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AstroSign::Aries => "Aries ♈",
            AstroSign::Taurus => "Taurus ♉",
            AstroSign::Gemini => "Gemini ♊",
            AstroSign::Cancer => "Cancer ♋",
            AstroSign::Leo => "Leo ♌",
            AstroSign::Virgo => "Virgo ♍",
            AstroSign::Libra => "Libra ♎",
            AstroSign::Scorpio => "Scorpio ♏",
            AstroSign::Sagittarius => "Sagittarius ♐",
            AstroSign::Capricorn => "Capricorn ♑",
            AstroSign::Aquarius => "Aquarius ♒",
            AstroSign::Pisces => "Pisces ♓",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.key() == raw.trim())
    }

    /// The tropical zodiac sign of a birth date (cusps as commonly published).
    pub fn from_birth_date(date: NaiveDate) -> Self {
        let (m, d) = (date.month(), date.day());
        match (m, d) {
            (3, 21..) | (4, ..=19) => AstroSign::Aries,
            (4, 20..) | (5, ..=20) => AstroSign::Taurus,
            (5, 21..) | (6, ..=20) => AstroSign::Gemini,
            (6, 21..) | (7, ..=22) => AstroSign::Cancer,
            (7, 23..) | (8, ..=22) => AstroSign::Leo,
            (8, 23..) | (9, ..=22) => AstroSign::Virgo,
            (9, 23..) | (10, ..=22) => AstroSign::Libra,
            (10, 23..) | (11, ..=21) => AstroSign::Scorpio,
            (11, 22..) | (12, ..=21) => AstroSign::Sagittarius,
            (12, 22..) | (1, ..=19) => AstroSign::Capricorn,
            (1, 20..) | (2, ..=18) => AstroSign::Aquarius,
            _ => AstroSign::Pisces,
        }
    }

    pub fn element(self) -> Element {
        match self {
            AstroSign::Aries | AstroSign::Leo | AstroSign::Sagittarius => Element::Fire,
            AstroSign::Taurus | AstroSign::Virgo | AstroSign::Capricorn => Element::Earth,
            AstroSign::Gemini | AstroSign::Libra | AstroSign::Aquarius => Element::Air,
            AstroSign::Cancer | AstroSign::Scorpio | AstroSign::Pisces => Element::Water,
        }
    }
}
