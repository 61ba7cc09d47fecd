//! Places and check-ins: the wellness map (places proposed by members, verified by moderators),
//! mood check-ins with daily streaks, journey levels, and milestone rewards that partner staff
//! redeem once, by QR code, at the partner's places.

pub mod api;
pub mod journey;
pub mod model;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod mentoring;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
