//! Events: one-off and recurring gatherings with RSVPs, a capacity-bound waitlist,
//! co-organisers, a discussion, reminders and calendar exports.

pub mod api;
pub mod model;
pub mod pages;

// Server only: SQL, rules, time zones and file exports. The browser receives finished text.
#[cfg(feature = "ssr")]
pub mod export;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod recurrence;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod when;
