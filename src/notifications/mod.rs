//! In-app notifications: engagement, comments and replies, mentions, follows and milestones,
//! with an unread badge and per-kind mutes.

pub mod api;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
