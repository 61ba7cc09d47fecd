//! The feed (issue in progress): so far the local, explainable chakra classifier that posts
//! will be sorted with. Server only — the browser receives finished classifications.

#[cfg(feature = "ssr")]
pub mod chakra;
