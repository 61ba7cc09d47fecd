//! Chat rules: who may read and write where, sending (filter, slow mode, rate limit, mentions,
//! images), editing, deleting, reactions, history, read markers, search and conversations.
//!
//! Every message of a channel gets the next number under the channel's row lock, inside the
//! transaction that stores it, and the real-time announcement leaves with the same commit: the
//! numbers a client sees are gap-free and in commit order, which makes "everything after N" an
//! exact catch-up.

mod access;
mod conversations;
mod mentions;
mod messages;
mod moderation;
mod reading;

pub use access::{access, Access};
pub use conversations::{leave_conversation, open_conversation, overview, unread_total};
pub use messages::{announce_typing, delete, edit, react, send, typing, Draft, SEND_LIMIT, SEND_WINDOW};
pub use moderation::{filter_verdict, flagged, flagged_in, resolve_flag};
pub use reading::{after, channel_view, history, history_page, mark_read, message, search};

pub use crate::error::parse_id;
