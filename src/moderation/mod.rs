//! Reports and the moderation queue: members report a post or comment with a reason; moderators
//! hide or restore the content and resolve the reports; authors hear when their content is hidden.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
