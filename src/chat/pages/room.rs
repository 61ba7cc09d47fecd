//! The state one open channel shares between its components: the messages shown (each in its
//! own signal, updated in place), the cursor for older history, who is typing, and the log
//! element. Live updates and loading older history are in `room_live.rs`.

use leptos::prelude::*;
use uuid::Uuid;

use crate::chat::model::{ChannelView, MessageView};

/// One message in the list; its signal is updated in place by live events and actions.
#[derive(Clone, Copy)]
pub(super) struct Entry {
    pub id: Uuid,
    pub seq: i64,
    pub msg: RwSignal<MessageView>,
}

#[derive(Clone, Copy)]
pub(super) struct Room {
    pub channel_id: Uuid,
    pub me: Uuid,
    pub entries: RwSignal<Vec<Entry>>,
    /// Where older history starts; `None` once the beginning is shown.
    pub before: RwSignal<Option<i64>>,
    /// Who is typing: member, name, and the token of the timer that clears them.
    pub typing: RwSignal<Vec<(Uuid, String, u64)>>,
    /// Adds a message at its place by number, or replaces it when already listed.
    pub upsert: Callback<MessageView>,
    pub log_ref: NodeRef<leptos::html::Ol>,
    /// Set while a page of older history is on its way.
    pub(super) loading: StoredValue<bool>,
}

impl Room {
    pub fn new(v: &ChannelView) -> Self {
        let entries = RwSignal::new(
            v.history
                .messages
                .iter()
                .cloned()
                .map(|m| Entry { id: m.id, seq: m.seq, msg: RwSignal::new(m) })
                .collect::<Vec<_>>(),
        );
        let upsert = Callback::new(move |m: MessageView| {
            let existing = entries.with_untracked(|list| list.iter().find(|e| e.id == m.id).copied());
            match existing {
                Some(e) => e.msg.set(m),
                None => entries.update(|list| {
                    let at = list.partition_point(|e| e.seq < m.seq);
                    list.insert(at, Entry { id: m.id, seq: m.seq, msg: RwSignal::new(m) });
                }),
            }
        });
        Room {
            channel_id: v.channel_id,
            me: v.me,
            entries,
            before: RwSignal::new(v.history.before),
            typing: RwSignal::new(Vec::new()),
            upsert,
            log_ref: NodeRef::new(),
            loading: StoredValue::new(false),
        }
    }

    /// The `data-last-seq` the socket resumes from (see [`gap_free_end`]).
    pub fn last_seq(&self) -> i64 {
        self.entries.with(|l| gap_free_end(l.iter().map(|e| e.seq)))
    }
}

/// The highest message number up to which the list holds every message, from its first one:
/// what a catch-up asks to continue from. One's own message shown from the send reply can
/// arrive before others' earlier ones, and must not hide them.
pub(super) fn gap_free_end(seqs: impl IntoIterator<Item = i64>) -> i64 {
    let mut seqs = seqs.into_iter().peekable();
    let Some(first) = seqs.peek().copied() else { return 0 };
    let mut end = first - 1;
    for s in seqs {
        if s == end + 1 {
            end = s;
        } else if s > end + 1 {
            break;
        }
    }
    end
}

/// A message flattened to one line of at most 120 characters (replies and search results).
pub(super) fn excerpt(body: &str) -> String {
    let flat: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() > 120 {
        format!("{}…", flat.chars().take(120).collect::<String>())
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::gap_free_end;

    #[test]
    fn a_catch_up_continues_from_the_first_gap() {
        assert_eq!(gap_free_end([]), 0);
        assert_eq!(gap_free_end([1, 2, 3]), 3);
        // History from 41 on, live 51, 52, and one's own 55 returned by the send.
        assert_eq!(gap_free_end([41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 55]), 52);
        assert_eq!(gap_free_end([7, 9]), 7);
    }
}
