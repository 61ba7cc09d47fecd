//! The real-time layer: one WebSocket per browser tab, fed through PostgreSQL LISTEN/NOTIFY so
//! that any number of Kindred instances deliver each other's events.
//!
//! A change that someone should hear about right away (today: a new notification) runs
//! `pg_notify('kindred_realtime', '{"member": "<id>", "kind": "notification"}')` inside its own
//! transaction, so the message leaves only if the change commits. Every instance LISTENs on that
//! channel ([`spawn_listener`]) and hands the message to the sockets of that member it holds
//! ([`Hub`]). Each socket has a small bounded queue; a socket too slow to keep up misses
//! messages instead of slowing anyone else, and is told to catch up. Clients re-read their
//! state (the unread count) when they (re)connect, so nothing is lost across reconnects.

pub mod hub;
pub mod socket;

pub use hub::{spawn_listener, Hub, CHANNEL};
