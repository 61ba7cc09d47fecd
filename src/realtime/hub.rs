//! Who is connected here, and the LISTEN loop that feeds them.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::mpsc;
use uuid::Uuid;

pub const CHANNEL: &str = "kindred_realtime";
/// Messages a socket may have waiting; past this it is told to resync instead.
pub const QUEUE: usize = 32;

/// What travels through PostgreSQL: whom it concerns and what happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub member: Uuid,
    pub kind: String,
}

/// What a socket's task receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Event(Signal),
    /// Messages were dropped for this socket: re-read everything.
    Resync,
}

struct Subscriber {
    id: u64,
    tx: mpsc::Sender<Delivery>,
    /// Set when a message could not be queued; cleared once the resync is queued.
    lagging: bool,
}

/// The sockets of this instance, by member.
#[derive(Default)]
pub struct Hub {
    next: AtomicU64,
    subs: Mutex<HashMap<Uuid, Vec<Subscriber>>>,
}

impl Hub {
    pub fn new() -> Arc<Self> {
        Arc::new(Hub::default())
    }

    /// Registers a socket of `member`; returns its id and its queue.
    pub fn subscribe(&self, member: Uuid) -> (u64, mpsc::Receiver<Delivery>) {
        let (tx, rx) = mpsc::channel(QUEUE);
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.subs.lock().expect("hub lock").entry(member).or_default().push(Subscriber { id, tx, lagging: false });
        (id, rx)
    }

    pub fn unsubscribe(&self, member: Uuid, id: u64) {
        let mut subs = self.subs.lock().expect("hub lock");
        if let Some(list) = subs.get_mut(&member) {
            list.retain(|s| s.id != id);
            if list.is_empty() {
                subs.remove(&member);
            }
        }
    }

    /// Hands a message to every socket of its member on this instance, never waiting: a full
    /// queue marks the socket as lagging, and it gets a single resync once there is room.
    pub fn deliver(&self, signal: Signal) -> usize {
        let mut subs = self.subs.lock().expect("hub lock");
        let Some(list) = subs.get_mut(&signal.member) else { return 0 };
        let mut delivered = 0;
        list.retain_mut(|s| {
            let msg = if s.lagging { Delivery::Resync } else { Delivery::Event(signal.clone()) };
            match s.tx.try_send(msg) {
                Ok(()) => {
                    s.lagging = false;
                    delivered += 1;
                    true
                }
                Err(mpsc::error::TrySendError::Full(_)) => {
                    s.lagging = true;
                    true
                }
                Err(mpsc::error::TrySendError::Closed(_)) => false,
            }
        });
        delivered
    }

    pub fn connections(&self) -> usize {
        self.subs.lock().expect("hub lock").values().map(Vec::len).sum()
    }
}

/// LISTENs on [`CHANNEL`] for the life of the process and feeds the hub; reconnects with
/// backoff when the database connection drops. After a reconnect every socket is told to
/// resync, since messages sent in between are gone.
pub fn spawn_listener(pool: PgPool, hub: Arc<Hub>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut backoff = Duration::from_millis(250);
        let mut first = true;
        loop {
            match listen(&pool, &hub, &mut first).await {
                Ok(()) => backoff = Duration::from_millis(250),
                Err(e) => {
                    tracing::warn!(error = %e, "real-time listener lost its connection; reconnecting");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(10));
                }
            }
        }
    })
}

async fn listen(pool: &PgPool, hub: &Hub, first: &mut bool) -> Result<(), sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    if !*first {
        hub.resync_all();
    }
    *first = false;
    loop {
        let n = listener.recv().await?;
        match serde_json::from_str::<Signal>(n.payload()) {
            Ok(signal) => {
                hub.deliver(signal);
            }
            Err(e) => tracing::warn!(error = %e, "ignoring a malformed real-time message"),
        }
    }
}

impl Hub {
    fn resync_all(&self) {
        let mut subs = self.subs.lock().expect("hub lock");
        for list in subs.values_mut() {
            for s in list.iter_mut() {
                s.lagging = s.tx.try_send(Delivery::Resync).is_err();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_queue_never_blocks_and_ends_in_one_resync() {
        let hub = Hub::new();
        let ana = Uuid::new_v4();
        let (_, mut slow) = hub.subscribe(ana);
        let (_, mut fast) = hub.subscribe(ana);
        let signal = Signal { member: ana, kind: "notification".into() };
        for _ in 0..QUEUE + 5 {
            hub.deliver(signal.clone());
            // The fast socket reads as it goes.
            assert_eq!(fast.try_recv().unwrap(), Delivery::Event(signal.clone()));
        }
        // The slow one got a full queue and nothing more; once it reads, it is told to resync.
        let mut got = 0;
        while slow.try_recv().is_ok() {
            got += 1;
        }
        assert_eq!(got, QUEUE);
        hub.deliver(signal.clone());
        assert_eq!(slow.try_recv().unwrap(), Delivery::Resync);
        hub.deliver(signal.clone());
        assert_eq!(slow.try_recv().unwrap(), Delivery::Event(signal));
    }

    #[test]
    fn closed_sockets_are_dropped_and_other_members_untouched() {
        let hub = Hub::new();
        let (ana, ben) = (Uuid::new_v4(), Uuid::new_v4());
        let (id, rx) = hub.subscribe(ana);
        let (_, mut bens) = hub.subscribe(ben);
        drop(rx);
        assert_eq!(hub.deliver(Signal { member: ana, kind: "notification".into() }), 0);
        assert_eq!(hub.connections(), 1);
        assert!(bens.try_recv().is_err());
        hub.unsubscribe(ana, id);
        assert_eq!(hub.connections(), 1);
    }
}
