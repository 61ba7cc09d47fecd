//! Accounts: sign-up, login, logout, sessions, passwords and site roles.

pub mod api;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod repo;
#[cfg(feature = "ssr")]
pub mod service;
pub mod session;
