//! The feed: posts with chakra and frequency, comments, engagements and follows.

pub mod api;
pub mod model;
pub mod pages;

// Server only: the classifier and SQL. The browser receives finished HTML.
#[cfg(feature = "ssr")]
pub mod chakra;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
