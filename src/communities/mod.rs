//! Communities: public, private (join on approval) or invite-only groups with roles, permission
//! bitsets, per-channel overrides, invites, bans and timeouts. Their channels hold chat (see
//! `chat`).

pub mod api;
pub mod model;
pub mod pages;
pub mod perms;

#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
