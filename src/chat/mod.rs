//! Chat: community channels and direct conversations, with live delivery over the real-time
//! layer, replies, reactions, edits, deletes, read markers, typing, search, slow mode and the
//! language filter.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
