//! Practice: the technique library (categories, difficulty, prerequisites, unlock criteria,
//! gateways), timed sessions with feedback, daily check-ins with mood and a streak protected by
//! freezes, XP and levels per category, and achievements defined as data.

pub mod api;
pub mod model;
pub mod pages;
pub mod rules;

#[cfg(feature = "ssr")]
pub mod library;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
