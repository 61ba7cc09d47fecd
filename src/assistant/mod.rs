//! The assistant (issue 21): a private conversation per member that answers requests about
//! Kindred from Kindred's own data, with the member's own permissions. The local engine needs
//! no model and no network; an OpenAI-compatible endpoint, when configured, is an addition.
//! So far: the local engine's understanding of a request (`service::intent`).

pub mod model;

// Server only: the engine and its rules.
#[cfg(feature = "ssr")]
pub mod service;
