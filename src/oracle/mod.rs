//! Spirit guide and oracle: the questionnaire and guide with XP, the daily reading, three-card
//! spreads, the card library and the reading journal.

pub mod api;
pub mod astro;
pub mod model;
pub mod pages;

// The deck and the text composer run on the server only; the browser gets finished text, which
// keeps the WASM bundle small.
#[cfg(feature = "ssr")]
pub mod compose;
#[cfg(feature = "ssr")]
pub mod deck;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
