//! People: connections (mutual, with a closeness score) and member suggestions. Follows and
//! blocks live with the feed, whose visibility rules they drive.

pub mod api;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
