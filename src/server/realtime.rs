//! The real-time hub: who is connected here, to which topics, and the LISTEN loop that feeds
//! them — one WebSocket per browser tab, fed through PostgreSQL LISTEN/NOTIFY so that any
//! number of Kindred instances deliver each other's events.
//!
//! A change that someone should hear about right away runs `pg_notify('kindred_realtime', …)`
//! inside its own transaction ([`publish`]), so the message leaves only if the change commits.
//! Every instance LISTENs on that channel ([`spawn_listener`], with the loaders start-up hands
//! it) and gives each message to the sockets on its topic. Each socket has a small bounded
//! queue; a socket too slow to keep up misses messages instead of slowing anyone else, and is
//! told to resync. The socket endpoint itself is `startup::socket`.
//!
//! A topic is a string: `m:<member>` (one member's sockets), `c:<channel>` (a channel or
//! conversation) or `g:<community>` (changes to who may see what in a community). A socket holds
//! any number of topics; the hub hands each message to every socket on its topic without ever
//! waiting on one of them.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use tokio::sync::mpsc;
use uuid::Uuid;

pub const CHANNEL: &str = "kindred_realtime";
/// Messages a socket may have waiting; past this it is told to resync instead.
pub const QUEUE: usize = 64;

pub fn member_topic(id: Uuid) -> String {
    format!("m:{id}")
}
pub fn channel_topic(id: Uuid) -> String {
    format!("c:{id}")
}
pub fn community_topic(id: Uuid) -> String {
    format!("g:{id}")
}

/// What travels through PostgreSQL: a topic, what happened, and the id of the thing to load
/// (never the thing itself: NOTIFY payloads are small and must not bypass permission checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Signal {
    pub topic: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<Uuid>,
    /// For typing: who, and the name to show.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A message ready for sockets, loaded once per instance and shared by all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbound {
    pub topic: String,
    pub kind: String,
    /// For chat messages: the channel and the message's number, so a socket never sends one
    /// twice (catch-up and live delivery may overlap).
    pub channel: Option<Uuid>,
    pub seq: Option<i64>,
    /// Who caused it (typing): their own sockets skip it.
    pub member: Option<Uuid>,
    /// The JSON text sent to the browser, if the message is sent as is.
    pub json: Option<Arc<str>>,
}

/// What a socket's task receives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Delivery {
    Event(Arc<Outbound>),
    /// Messages were dropped for this socket: re-read everything.
    Resync,
}

struct Socket {
    tx: mpsc::Sender<Delivery>,
    /// Set when a message could not be queued; shared with the socket's [`Inbox`], which
    /// turns it into a resync as soon as the socket takes its next message.
    lagging: Arc<AtomicBool>,
    topics: HashSet<String>,
}

/// A socket's queue. A message dropped because the queue was full is never silently lost:
/// the next `recv` returns [`Delivery::Resync`] first (the queue being full, there is always a
/// next message to wake for), so the client re-reads even if its channel then goes quiet.
pub struct Inbox {
    rx: mpsc::Receiver<Delivery>,
    lagging: Arc<AtomicBool>,
}

impl Inbox {
    pub async fn recv(&mut self) -> Option<Delivery> {
        if self.lagging.swap(false, Ordering::AcqRel) {
            return Some(Delivery::Resync);
        }
        self.rx.recv().await
    }

    /// What `recv` would return now, without waiting.
    pub fn try_recv(&mut self) -> Result<Delivery, mpsc::error::TryRecvError> {
        if self.lagging.swap(false, Ordering::AcqRel) {
            return Ok(Delivery::Resync);
        }
        self.rx.try_recv()
    }
}

#[derive(Default)]
struct Inner {
    sockets: HashMap<u64, Socket>,
    topics: HashMap<String, HashSet<u64>>,
}

/// The sockets of this instance and their topics.
#[derive(Default)]
pub struct Hub {
    next: AtomicU64,
    inner: Mutex<Inner>,
}

impl Hub {
    pub fn new() -> Arc<Self> {
        Arc::new(Hub::default())
    }

    /// Registers a socket with its first topics; returns its id and its queue.
    pub fn connect(&self, topics: impl IntoIterator<Item = String>) -> (u64, Inbox) {
        let (tx, rx) = mpsc::channel(QUEUE);
        let lagging = Arc::new(AtomicBool::new(false));
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let mut inner = self.inner.lock().expect("hub lock");
        inner.sockets.insert(id, Socket { tx, lagging: lagging.clone(), topics: HashSet::new() });
        for t in topics {
            inner.add(id, t);
        }
        (id, Inbox { rx, lagging })
    }

    /// Replaces a socket's topics (after its member's access changed).
    pub fn set_topics(&self, id: u64, topics: HashSet<String>) {
        let mut inner = self.inner.lock().expect("hub lock");
        let old = match inner.sockets.get_mut(&id) {
            Some(s) => std::mem::take(&mut s.topics),
            None => return,
        };
        for t in old.difference(&topics) {
            inner.remove_from_topic(id, t);
        }
        for t in topics {
            inner.add(id, t);
        }
    }

    pub fn add_topic(&self, id: u64, topic: String) {
        let mut inner = self.inner.lock().expect("hub lock");
        if inner.sockets.contains_key(&id) {
            inner.add(id, topic);
        }
    }

    pub fn disconnect(&self, id: u64) {
        let mut inner = self.inner.lock().expect("hub lock");
        if let Some(s) = inner.sockets.remove(&id) {
            for t in &s.topics {
                inner.remove_from_topic(id, t);
            }
        }
    }

    /// Hands a message to every socket on its topic here, never waiting: a full queue marks the
    /// socket as lagging, and its inbox answers with a single resync once it reads again.
    pub fn deliver(&self, out: Arc<Outbound>) -> usize {
        let inner = self.inner.lock().expect("hub lock");
        let Some(ids) = inner.topics.get(&out.topic) else { return 0 };
        let mut delivered = 0;
        let mut closed = Vec::new();
        for &id in ids {
            let Some(s) = inner.sockets.get(&id) else { continue };
            match s.tx.try_send(Delivery::Event(out.clone())) {
                Ok(()) => delivered += 1,
                Err(mpsc::error::TrySendError::Full(_)) => s.lagging.store(true, Ordering::Release),
                Err(mpsc::error::TrySendError::Closed(_)) => closed.push(id),
            }
        }
        drop(inner);
        for id in closed {
            self.disconnect(id);
        }
        delivered
    }

    pub fn connections(&self) -> usize {
        self.inner.lock().expect("hub lock").sockets.len()
    }

    /// Tells every socket to resync (a full queue gets it from its inbox instead).
    fn resync_all(&self) {
        let inner = self.inner.lock().expect("hub lock");
        for s in inner.sockets.values() {
            if s.tx.try_send(Delivery::Resync).is_err() {
                s.lagging.store(true, Ordering::Release);
            }
        }
    }
}

impl Inner {
    fn add(&mut self, id: u64, topic: String) {
        if let Some(s) = self.sockets.get_mut(&id) {
            if s.topics.insert(topic.clone()) {
                self.topics.entry(topic).or_default().insert(id);
            }
        }
    }

    fn remove_from_topic(&mut self, id: u64, topic: &str) {
        if let Some(set) = self.topics.get_mut(topic) {
            set.remove(&id);
            if set.is_empty() {
                self.topics.remove(topic);
            }
        }
    }
}

/// Turns what PostgreSQL announced into what sockets send (chat messages are loaded once per
/// instance, whoever is listening). The hub knows no domain: start-up hands it the loader.
pub type Loader = Arc<
    dyn Fn(PgPool, Signal) -> std::pin::Pin<Box<dyn std::future::Future<Output = Option<Outbound>> + Send>>
        + Send
        + Sync,
>;

/// LISTENs on [`CHANNEL`] for the life of the process and feeds the hub, each announcement
/// through `loader`; reconnects with backoff when the database connection drops. After a
/// reconnect every socket is told to resync, since messages sent in between are gone.
pub fn spawn_listener(pool: PgPool, hub: Arc<Hub>, loader: Loader) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut backoff = Duration::from_millis(250);
        let mut first = true;
        loop {
            match listen(&pool, &hub, &loader, &mut first).await {
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

async fn listen(pool: &PgPool, hub: &Hub, loader: &Loader, first: &mut bool) -> Result<(), sqlx::Error> {
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
                if let Some(out) = loader(pool.clone(), signal).await {
                    hub.deliver(Arc::new(out));
                }
            }
            Err(e) => tracing::warn!(error = %e, "ignoring a malformed real-time message"),
        }
    }
}

/// Announces `signal` to every instance when the surrounding transaction commits.
pub async fn publish(db: impl sqlx::PgExecutor<'_>, signal: &Signal) -> Result<(), sqlx::Error> {
    let payload = serde_json::to_string(signal).unwrap_or_default();
    super::repo::notify(db, CHANNEL, &payload).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(topic: &str) -> Arc<Outbound> {
        Arc::new(Outbound {
            topic: topic.into(),
            kind: "notification".into(),
            channel: None,
            seq: None,
            member: None,
            json: None,
        })
    }

    #[test]
    fn a_full_queue_never_blocks_and_ends_in_one_resync() {
        let hub = Hub::new();
        let ana = member_topic(Uuid::new_v4());
        let (_, mut slow) = hub.connect([ana.clone()]);
        let (_, mut fast) = hub.connect([ana.clone()]);
        let msg = out(&ana);
        for _ in 0..QUEUE + 5 {
            hub.deliver(msg.clone());
            // The fast socket reads as it goes.
            assert_eq!(fast.try_recv().unwrap(), Delivery::Event(msg.clone()));
        }
        // The topic then goes quiet. The slow socket is told to resync as soon as it reads,
        // before what is queued: nothing more has to arrive for it to find out.
        assert_eq!(slow.try_recv().unwrap(), Delivery::Resync);
        let mut got = 0;
        while let Ok(d) = slow.try_recv() {
            assert_eq!(d, Delivery::Event(msg.clone()));
            got += 1;
        }
        assert_eq!(got, QUEUE);
        // Once; later messages arrive as usual.
        hub.deliver(msg.clone());
        assert_eq!(slow.try_recv().unwrap(), Delivery::Event(msg));
        assert!(slow.try_recv().is_err());
    }

    #[test]
    fn a_lost_listener_connection_resyncs_every_socket_even_a_full_one() {
        let hub = Hub::new();
        let ana = member_topic(Uuid::new_v4());
        let (_, mut idle) = hub.connect([ana.clone()]);
        let ben = member_topic(Uuid::new_v4());
        let (_, mut full) = hub.connect([ben.clone()]);
        for _ in 0..QUEUE {
            hub.deliver(out(&ben));
        }
        hub.resync_all();
        assert_eq!(idle.try_recv().unwrap(), Delivery::Resync);
        assert!(idle.try_recv().is_err());
        assert_eq!(full.try_recv().unwrap(), Delivery::Resync);
    }

    #[test]
    fn closed_sockets_are_dropped_and_other_topics_untouched() {
        let hub = Hub::new();
        let (ana, ben) = (member_topic(Uuid::new_v4()), member_topic(Uuid::new_v4()));
        let (_, rx) = hub.connect([ana.clone()]);
        let (_, mut bens) = hub.connect([ben.clone()]);
        drop(rx);
        assert_eq!(hub.deliver(out(&ana)), 0);
        assert_eq!(hub.connections(), 1);
        assert!(bens.try_recv().is_err());
    }

    #[test]
    fn topics_can_be_replaced() {
        let hub = Hub::new();
        let (general, random) = (channel_topic(Uuid::new_v4()), channel_topic(Uuid::new_v4()));
        let (id, mut rx) = hub.connect([general.clone()]);
        assert_eq!(hub.deliver(out(&general)), 1);
        hub.set_topics(id, HashSet::from([random.clone()]));
        assert_eq!(hub.deliver(out(&general)), 0);
        assert_eq!(hub.deliver(out(&random)), 1);
        assert!(rx.try_recv().is_ok() && rx.try_recv().is_ok() && rx.try_recv().is_err());
        hub.disconnect(id);
        assert_eq!(hub.deliver(out(&random)), 0);
    }

    #[test]
    fn signals_round_trip_as_small_json() {
        let s = Signal { topic: "c:1".into(), kind: "message".into(), id: Some(Uuid::nil()), ..Default::default() };
        let text = serde_json::to_string(&s).unwrap();
        assert!(!text.contains("member"));
        assert_eq!(serde_json::from_str::<Signal>(&text).unwrap(), s);
        // What the notifications trigger sends.
        let t: Signal = serde_json::from_str(r#"{"topic":"m:abc","kind":"notification"}"#).unwrap();
        assert_eq!(t.kind, "notification");
    }
}
