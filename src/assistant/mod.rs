//! The assistant (issue 21): a private conversation per member that answers requests about
//! Kindred from Kindred's own data, with the member's own permissions. The local engine needs
//! no model and no network; an OpenAI-compatible endpoint, when configured, is an addition.

pub mod api;
pub mod model;
pub mod pages;

// Server only: the engine, its rules and its SQL.
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
